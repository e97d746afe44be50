import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichTestSupport
import HoTichWorkflow
import Testing

/// `audit verify` on a PostgreSQL workspace against someone working the database directly, as
/// its owner (the application's role cannot; `PostgresStoreTests` shows the server refusing it):
/// what `TamperEvidenceTests` shows for the SQLite file, the server's way.
@Suite(.postgresAvailable)
struct PostgresTamperEvidenceTests {
    /// A verified batch on a PostgreSQL workspace, and the owner's own connection to its database.
    static func workspace() throws -> (TestWorkspace, PostgresConnection) {
        let test = try TestWorkspace(onPostgres: true)
        _ = try test.verifiedBatch()
        #expect(try test.supervisor.verifyAuditTrail().isSound)
        return (test, try PostgresConnection(connectionString: try #require(test.connectionString)))
    }

    @Test func aRowChangedByAnotherClientIsSealedByTheServerAndNamedAsUnvouched() throws {
        let (test, owner) = try Self.workspace()
        let batch = try #require(try test.supervisor.batches().first?.batch)
        try owner.execute(#"UPDATE "batch" SET "policy" = 'sample' WHERE "id" = $1"#, [batch.id])
        #expect(try test.supervisor.verifyAuditTrail().problems == [.contentUnvouched(.batch, id: batch.id)])
        // The next write of hotich's vouches for its own seals only.
        try test.supervisor.apply(.hold, to: batch.id, reason: "kiểm tra")
        #expect(try test.supervisor.verifyAuditTrail().problems == [.contentUnvouched(.batch, id: batch.id)])
    }

    @Test func aValueChangedWithTheSealTriggerOffIsNamedWithTheRecordAndTheTrigger() throws {
        let (test, owner) = try Self.workspace()
        let record = try #require(try test.column(#"SELECT id FROM record WHERE status = 'verified' ORDER BY id LIMIT 1"#).first)
        try owner.execute(#"ALTER TABLE "record" DISABLE TRIGGER "record_sealed""#)
        try owner.execute(#"ALTER TABLE "record" DISABLE TRIGGER "record_keeps_keyed_values""#)
        try owner.execute(#"UPDATE "record" SET "fields" = replace("fields", '"nksHoTen":"', '"nksHoTen":"GIẢ ') WHERE "id" = $1"#, [record])
        var problems = try test.supervisor.verifyAuditTrail().problems
        #expect(problems.contains(.contentChanged(.record, id: record)))
        #expect(problems.contains(.guardMissing(name: "record_sealed")))
        #expect(problems.contains(.guardMissing(name: "record_keeps_keyed_values")))
        // Switched on again: the trigger is back, the changed value stays named.
        try owner.execute(#"ALTER TABLE "record" ENABLE TRIGGER "record_sealed""#)
        try owner.execute(#"ALTER TABLE "record" ENABLE TRIGGER "record_keeps_keyed_values""#)
        problems = try test.supervisor.verifyAuditTrail().problems
        #expect(problems == [.contentChanged(.record, id: record)])
    }

    @Test func aFunctionRewrittenToSealNothingAndAPlantedTriggerAreNamed() throws {
        let (test, owner) = try Self.workspace()
        try owner.execute(#"""
            CREATE OR REPLACE FUNCTION "hotich_seal_record"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$
            """#)
        try owner.execute(#"CREATE FUNCTION "spy"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"#)
        try owner.execute(#"CREATE TRIGGER "copy_names" AFTER INSERT ON "record" FOR EACH ROW EXECUTE FUNCTION "spy"()"#)
        let problems = try test.supervisor.verifyAuditTrail().problems
        #expect(problems.contains(.guardMissing(name: "hotich_seal_record")))
        #expect(problems.contains(.foreignSchema(name: "copy_names")))
    }

    @Test func aDeletedTailIsCaughtByTheAnchorLog() throws {
        let (test, owner) = try Self.workspace()
        let last = try test.number("SELECT MAX(id) FROM auditEvent")
        try owner.execute(#"ALTER TABLE "auditEvent" DISABLE TRIGGER "auditEvent_append_only""#)
        try owner.execute(#"DELETE FROM "auditEvent" WHERE "id" > $1"#, [last - 2])
        try owner.execute(#"ALTER TABLE "auditEvent" ENABLE TRIGGER "auditEvent_append_only""#)
        let problems = try test.supervisor.verifyAuditTrail().problems
        #expect(problems.contains(.anchorEventMissing(eventID: Int64(last))))
    }

    @Test func aSummaryTriggerSwitchedOffIsNamedAndTheSummaryRebuilt() throws {
        let (test, owner) = try Self.workspace()
        try owner.execute(#"ALTER TABLE "keying" DISABLE TRIGGER "keying_progress_updated""#)
        #expect(try test.supervisor.verifyAuditTrail().problems == [.guardMissing(name: "keying_progress_updated")])
        try owner.execute(#"UPDATE "progressDay" SET "keyings" = 0"#)
        #expect(try test.summaryDifferences() > 0)
        #expect(try test.supervisor.rebuildProgressSummary() > 0)
        #expect(try test.summaryDifferences() == 0)
    }
}
