import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: KeyingReading, KeyingWriting {
    /// A keying's columns, its values its own or, when it shares them, its record's (see
    /// ``HoTichModel/Keying`` in `Records/Conformances.swift`).
    static let keyingColumns = #"""
        k."id", k."batchId", k."entryKey", k."scanFileId", k."recordId", k."pass", k."operator", k."state",
        COALESCE(k."fields", (SELECT r."fields" FROM "record" r WHERE r."id" = k."recordId")) AS "fields",
        k."position", k."source", k."startedAt", k."savedAt"
        """#

    func keying(from row: PostgresRow) throws -> Keying {
        var keying = Keying(
            batchId: try row.required("batchId"), entryKey: try row.required("entryKey"), scanFileId: try row.decode("scanFileId"),
            pass: try row.required("pass"), operator: try row.required("operator"),
            state: try row.value("state", table: "keying", KeyingState.init(rawValue:)),
            fields: try FieldSetJSON.decode(try row.required("fields")), position: try row.required("position"),
            source: try row.required("source"), at: try row.required("startedAt"))
        keying.id = try row.decode("id")
        keying.recordId = try row.decode("recordId")
        keying.savedAt = try row.required("savedAt")
        return keying
    }

    private func keyings(where condition: String, _ parameters: [any PostgresBindable], order: String = #"k."id""#) throws -> [Keying] {
        try execute(#"SELECT \#(Self.keyingColumns) FROM "keying" k WHERE \#(condition) ORDER BY \#(order)"#, parameters).map(keying(from:))
    }

    public func keying(id: Int64) throws -> Keying? {
        try keyings(where: #"k."id" = $1"#, [id]).first
    }

    public func keyingOperator(id: Int64) throws -> String? {
        try execute(#"SELECT "operator" FROM "keying" WHERE "id" = $1"#, [id]).first?.decode("operator")
    }

    public func latestDraft(batch batchID: String, pass: Int, operator: String) throws -> Keying? {
        try keyings(
            where: #"k."batchId" = $1 AND k."pass" = $2 AND k."operator" = $3 AND k."state" = 'draft'"#, [batchID, pass, `operator`],
            order: #"k."savedAt" DESC, k."id" DESC LIMIT 1"#).first
    }

    public func latestCompleteKeying(batch batchID: String, pass: Int, operator: String) throws -> Keying? {
        try keyings(
            where: #"k."batchId" = $1 AND k."pass" = $2 AND k."operator" = $3 AND k."state" = 'complete'"#, [batchID, pass, `operator`],
            order: #"k."savedAt" DESC, k."id" DESC LIMIT 1"#).first
    }

    public func keying(batch batchID: String, entryKey: String, pass: Int) throws -> Keying? {
        try keyings(where: #"k."batchId" = $1 AND k."entryKey" = $2 AND k."pass" = $3"#, [batchID, entryKey, pass]).first
    }

    public func keyings(batch batchID: String, file fileId: Int64) throws -> [Keying] {
        try keyings(where: #"k."batchId" = $1 AND k."scanFileId" = $2"#, [batchID, fileId])
    }

    public func completeKeyings(batch batchID: String) throws -> [Keying] {
        try keyings(where: #"k."batchId" = $1 AND k."state" = 'complete'"#, [batchID])
    }

    public func completeKeyings(record recordId: String) throws -> [Keying] {
        try keyings(where: #"k."recordId" = $1 AND k."state" = 'complete'"#, [recordId], order: #"k."pass", k."id""#)
    }

    public func keyers(record recordId: String) throws -> [String] {
        try execute(#"SELECT "operator" FROM "keying" WHERE "recordId" = $1 ORDER BY "id""#, [recordId]).map { try $0.required("operator") }
    }

    public func unfiledDrafts(batch batchID: String, pass: Int) throws -> [Keying] {
        try keyings(where: #"k."batchId" = $1 AND k."pass" = $2 AND k."state" = 'draft' AND k."scanFileId" IS NULL"#, [batchID, pass])
    }

    public func keyingSlots(batch batchID: String) throws -> [KeyingSlot] {
        try execute(#"SELECT "id", "entryKey", "pass", "operator", "state" FROM "keying" WHERE "batchId" = $1 ORDER BY "id""#, [batchID])
            .map { row in
                KeyingSlot(
                    keyingId: try row.decode("id"), entryKey: try row.required("entryKey"), pass: try row.required("pass"),
                    operator: try row.required("operator"), state: try row.value("state", table: "keying", KeyingState.init(rawValue:)))
            }
    }

    public func completedFileCount(batch batchID: String, pass: Int) throws -> Int {
        try count(#"""
            SELECT COUNT(*) FROM "keying" WHERE "batchId" = $1 AND "pass" = $2 AND "state" = 'complete' AND "scanFileId" IS NOT NULL
            """#, [batchID, pass])
    }

    public func draftCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "keying" WHERE "batchId" = $1 AND "state" = 'draft'"#, [batchID])
    }

    public func keyingCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "keying" WHERE "batchId" = $1"#, [batchID])
    }

    private func keyingValues(_ keying: Keying) -> [any PostgresBindable] {
        [keying.batchId, keying.entryKey, keying.scanFileId, keying.recordId, keying.pass, keying.operator, keying.state.rawValue,
         FieldSetJSON.encode(keying.fields), keying.position, keying.source, keying.startedAt, keying.savedAt]
    }

    public func insertKeying(_ keying: Keying) throws -> Keying {
        var keying = keying
        let row = try execute(#"""
            INSERT INTO "keying" ("batchId", "entryKey", "scanFileId", "recordId", "pass", "operator", "state", "fields",
                                  "position", "source", "startedAt", "savedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "id"
            """#, keyingValues(keying))
        keying.id = try row.first?.decode("id")
        return keying
    }

    public func updateKeying(_ keying: Keying) throws {
        let id = try required(keying.id, "keying")
        try execute(#"""
            UPDATE "keying" SET "batchId" = $1, "entryKey" = $2, "scanFileId" = $3, "recordId" = $4, "pass" = $5, "operator" = $6,
                "state" = $7, "fields" = $8, "position" = $9, "source" = $10, "startedAt" = $11, "savedAt" = $12
            WHERE "id" = $13
            """#, keyingValues(keying) + [id])
    }

    public func deleteKeying(id: Int64) throws {
        try execute(#"DELETE FROM "keying" WHERE "id" = $1"#, [id])
    }

    public func shareValuesWithRecord(keying id: Int64) throws {
        try execute(#"UPDATE "keying" SET "fields" = NULL WHERE "id" = $1 AND "recordId" IS NOT NULL AND "state" = 'complete'"#, [id])
    }

    static let emptyDraft = #""position" = 0 AND ("fields" IS NULL OR "fields" = '{}')"#

    public func deleteEmptyDrafts(file fileId: Int64) throws {
        try execute(#"DELETE FROM "keying" WHERE "scanFileId" = $1 AND "state" = 'draft' AND \#(Self.emptyDraft)"#, [fileId])
    }

    public func deleteAbandonedEmptyDrafts(batch batchID: String, pass: Int, now: String) throws {
        try execute(#"""
            DELETE FROM "keying" k WHERE k."batchId" = $1 AND k."pass" = $2 AND k."state" = 'draft' AND k."scanFileId" IS NOT NULL
              AND k."position" = 0 AND (k."fields" IS NULL OR k."fields" = '{}')
              AND NOT EXISTS (SELECT 1 FROM "claim" c WHERE c."scanFileId" = k."scanFileId" AND c."pass" = k."pass" AND c."expiresAt" > $3)
            """#, [batchID, pass, now])
    }

    public func reopenKeyings(record recordId: String, at time: String) throws {
        // A draft holds its own values (a complete keying may share its record's).
        try execute(#"""
            UPDATE "keying" k SET "state" = 'draft', "position" = 0, "savedAt" = $1,
                "fields" = COALESCE(k."fields", (SELECT r."fields" FROM "record" r WHERE r."id" = k."recordId"))
            WHERE k."recordId" = $2
            """#, [time, recordId])
    }

    public func bulkKeyingWriter(
        batch batchID: String, kind: RecordKind, office: OfficeCode, pass: Int, operator: String, source: String, at time: String
    ) throws -> any BulkKeyingWriting {
        PostgresBulkKeyingWriter(
            transaction: self, batchId: batchID, kind: kind, officeCode: office, pass: pass, operator: `operator`, source: source, at: time)
    }
}
