import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
@testable import HoTichWorkflow
import Testing

/// How the use cases store records and keyings: values stored once (see HoTichStoreTests for the
/// migrations and the index), and compacting the file.
@Suite struct StorageTests {
    /// Whether each complete keying of the batch stores no values of its own, by pass.
    func shared(_ test: TestWorkspace, _ batch: String) throws -> [Int: [Bool]] {
        try test.rows("SELECT pass, fields IS NULL FROM keying WHERE batchId = ? ORDER BY id", [batch])
            .reduce(into: [Int: [Bool]]()) { $0[Int($1[0] ?? "") ?? 0, default: []].append($1[1] == "1" || $1[1] == "t") }
    }

    @Test func theKeyingThatCreatesARecordSharesItsValuesUntilTheRecordChanges() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch()
        let stored = try shared(test, batch.id)
        // Pass 1 created the records; pass 2 (with its slips) keeps its own values.
        #expect(stored[1]?.count == 12 && stored[1]?.allSatisfy { $0 } == true)
        #expect(stored[2]?.count == 12 && stored[2]?.allSatisfy { !$0 } == true)
        let records = try test.records(batch.id)
        let keyings = try test.keyings(batch.id)
        for keying in keyings where keying.pass == 1 {
            #expect(!keying.fields.isEmpty && keying.fields == records.first { $0.id == keying.recordId }?.fields)
        }

        // A verifier changes a record's values: its first keying still reads as it was keyed.
        var changed = try #require(records.first { $0.number == "03" })
        let keyedName = try #require(changed.fields["nksHoTen"])
        changed.fields["nksHoTen"] = .filled("TÊN ĐÃ QUYẾT ĐỊNH")
        try test.rows("UPDATE record SET fields = ? WHERE id = ?", [FieldSetJSON.encode(changed.fields), changed.id])
        let first = try #require(try test.keyings(batch.id).first { $0.recordId == changed.id && $0.pass == 1 })
        #expect(first.fields["nksHoTen"] == keyedName)
        #expect(first.fields == keyings.first { $0.id == first.id }?.fields)
        // Only that keying now stores its values; an update that leaves the values alone copies nothing.
        #expect(try shared(test, batch.id)[1]?.filter { !$0 }.count == 1)
        let untouched = try #require(records.first { $0.number == "04" })
        try test.rows("UPDATE record SET updatedAt = ? WHERE id = ?", ["2026-11-27T00:00:00.000Z", untouched.id])
        #expect(try shared(test, batch.id)[1]?.filter { !$0 }.count == 1)
    }

    @Test func interactiveKeyingSharesTheValuesAndAReturnedRecordsDraftGetsThemBack() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        var task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        task.values = sampleBirth(number: 1)
        let record = try test.operatorSession.completeKeying(task)
        #expect(try shared(test, batch.id)[1] == [true])
        #expect(try test.keyings(batch.id).first?.fields == record.fields)
        // A draft must hold its own values: the database refuses one that shares its record's.
        #expect(throws: (any Error).self) { try test.rows("UPDATE keying SET state = 'draft'") }
    }

    @Test(.sqliteFile) func compactingGivesFreePagesBackAndChangesNothingElse() throws {
        let test = try TestWorkspace()
        let batch = try test.keyedBatch(policy: .review)
        let freePages = { try test.workspace.sqlite.databaseRead { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? -1 } }
        // Free pages, as an upgrade that rebuilds a table leaves them.
        try test.workspace.sqlite.writer.write { db in
            try db.execute(sql: "CREATE TABLE scratch (x BLOB)")
            for _ in 0..<100 { try db.execute(sql: "INSERT INTO scratch VALUES (zeroblob(8192))") }
            try db.execute(sql: "DROP TABLE scratch")
        }
        #expect(try freePages() > 200)
        let records = try test.records(batch.id)
        let keyings = try test.keyings(batch.id)

        let (before, after) = try test.admin.compactWorkspace()
        #expect(before - after >= 100 * 8192)
        #expect(try freePages() == 0 && (try test.workspace.store.size()) == after)
        #expect(try test.records(batch.id) == records && (try test.keyings(batch.id)) == keyings)
        let event = try #require(try test.supervisor.auditEvents(batch: nil).last)
        #expect(event.action.rawValue == "compact" && event.actor == "quantri")
        #expect(try test.supervisor.verifyAuditTrail().isSound)
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .maintainWorkspace))) {
            try test.operatorSession.compactWorkspace()
        }
    }
}
