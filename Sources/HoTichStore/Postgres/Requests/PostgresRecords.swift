import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: RecordReading, RecordWriting {
    static let recordColumns = #"""
        r."id", r."batchId", r."scanFileId", r."entryKey", r."kind", r."officeCode", r."registrationYear", r."number", r."version",
        r."fields", r."subjectName", r."subjectBirthYear", r."subjectPersonalID", r."status", r."verifiedAt", r."verifiedBy",
        r."createdAt", r."updatedAt", r."withdrawnAt"
        """#

    /// SQLite's `CAST(number AS INTEGER)`: the number's leading digits (0 when it has none, NULL
    /// for NULL), so that entries sort in the same order in both stores. Sorting puts NULL first,
    /// as SQLite does.
    static func numberOrder(_ alias: String) -> String {
        #"(CASE WHEN \#(alias)."number" IS NULL THEN NULL ELSE COALESCE(substring(\#(alias)."number" from '^\s*([+-]?[0-9]{1,18})')::bigint, 0) END) NULLS FIRST"#
    }

    /// The register's order of a batch's records: by file, number and entry, as SQLite orders them.
    static let registerOrder = #"f."path" COLLATE "C" NULLS FIRST, \#(numberOrder("r")), r."entryKey" COLLATE "C""#

    func record(from row: PostgresRow) throws -> RegisterRecord {
        RegisterRecord(
            id: try row.required("id"), batchId: try row.required("batchId"), scanFileId: try row.decode("scanFileId"),
            entryKey: try row.required("entryKey"), kind: try row.value("kind", table: "record", RecordKind.init(code:)),
            officeCode: try row.value("officeCode", table: "record") { OfficeCode($0) }, registrationYear: try row.decode("registrationYear"),
            number: try row.decode("number"), version: try row.required("version"), fields: try FieldSetJSON.decode(try row.required("fields")),
            subjectName: try row.decode("subjectName"), subjectBirthYear: try row.decode("subjectBirthYear"),
            subjectPersonalID: try row.decode("subjectPersonalID"), status: try row.value("status", table: "record", RecordStatus.init(rawValue:)),
            verifiedAt: try row.decode("verifiedAt"), verifiedBy: try row.decode("verifiedBy"), createdAt: try row.required("createdAt"),
            updatedAt: try row.required("updatedAt"), withdrawnAt: try row.decode("withdrawnAt"))
    }

    private func ids(_ sql: String, _ parameters: [any PostgresBindable]) throws -> [String] {
        try execute(sql, parameters).map { try $0.required("id") }
    }

    public func record(id: String) throws -> RegisterRecord? {
        try execute(#"SELECT \#(Self.recordColumns) FROM "record" r WHERE r."id" = $1"#, [id]).first.map(record(from:))
    }

    public func records(batch batchID: String, status: RecordStatus?) throws -> [RegisterRecord] {
        if let status {
            return try execute(#"SELECT \#(Self.recordColumns) FROM "record" r WHERE r."batchId" = $1 AND r."status" = $2 ORDER BY r."id""#,
                               [batchID, status.rawValue]).map(record(from:))
        }
        return try execute(#"SELECT \#(Self.recordColumns) FROM "record" r WHERE r."batchId" = $1 ORDER BY r."id""#, [batchID]).map(record(from:))
    }

    public func recordsInNumberOrder(batch batchID: String) throws -> [RegisterRecord] {
        try execute(#"""
            SELECT \#(Self.recordColumns) FROM "record" r WHERE r."batchId" = $1 ORDER BY \#(Self.numberOrder("r")), r."id" COLLATE "C"
            """#, [batchID]).map(record(from:))
    }

    public func recordIdsInRegisterOrder(batch batchID: String) throws -> [String] {
        try ids(#"""
            SELECT r."id" FROM "record" r LEFT JOIN "scanFile" f ON f."id" = r."scanFileId"
            WHERE r."batchId" = $1 ORDER BY \#(Self.registerOrder)
            """#, [batchID])
    }

    public func recordId(batch batchID: String, entryKey: String) throws -> String? {
        try execute(#"SELECT "id" FROM "record" WHERE "batchId" = $1 AND "entryKey" = $2"#, [batchID, entryKey]).first?.decode("id")
    }

    public func recordIdsByEntry(batch batchID: String) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try execute(#"SELECT "entryKey", "id" FROM "record" WHERE "batchId" = $1"#, [batchID]) {
            records[try row.required("entryKey")] = try row.required("id")
        }
        return records
    }

    public func recordNumbers(batch batchID: String) throws -> [(id: String, number: String?)] {
        try execute(#"SELECT "id", "number" FROM "record" WHERE "batchId" = $1 ORDER BY "id""#, [batchID])
            .map { (id: try $0.required("id"), number: try $0.decode("number")) }
    }

    public func recordIds(batch batchID: String, status: RecordStatus) throws -> [String] {
        try ids(#"SELECT "id" FROM "record" WHERE "batchId" = $1 AND "status" = $2 ORDER BY "id""#, [batchID, status.rawValue])
    }

    public func recordsWithoutFile(batch batchID: String) throws -> [String] {
        try ids(#"SELECT "id" FROM "record" WHERE "batchId" = $1 AND "scanFileId" IS NULL ORDER BY "id""#, [batchID])
    }

    public func recordOnFile(_ fileId: Int64) throws -> (id: String, number: String?)? {
        try execute(#"SELECT "id", "number" FROM "record" WHERE "scanFileId" = $1 ORDER BY "id" LIMIT 1"#, [fileId]).first
            .map { (id: try $0.required("id"), number: try $0.decode("number")) }
    }

    public func recordLocation(id: String) throws -> (batchId: String, number: String?)? {
        try execute(#"SELECT "batchId", "number" FROM "record" WHERE "id" = $1"#, [id]).first
            .map { (batchId: try $0.required("batchId"), number: try $0.decode("number")) }
    }

    public func recordCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "record" WHERE "batchId" = $1"#, [batchID])
    }

    public func reviewedRecordCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "record" WHERE "batchId" = $1 AND "verifiedAt" IS NOT NULL"#, [batchID])
    }

    public func nextRecordToReview(batch batchID: String, excludingKeyer keyer: String) throws -> String? {
        try ids(#"""
            SELECT r."id" FROM "record" r LEFT JOIN "scanFile" f ON f."id" = r."scanFileId"
            WHERE r."batchId" = $1 AND r."verifiedAt" IS NULL
              AND NOT EXISTS (SELECT 1 FROM "keying" k WHERE k."recordId" = r."id" AND k."operator" = $2)
            ORDER BY \#(Self.registerOrder) LIMIT 1
            """#, [batchID, keyer]).first
    }

    public func recordsToVerifyAgain(batch batchID: String) throws -> [String] {
        try ids(#"""
            SELECT r."id" FROM "record" r WHERE r."batchId" = $1 AND r."status" = 'keyed' AND r."verifiedAt" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "fieldDecision" d WHERE d."recordId" = r."id" AND d."decidedAt" IS NULL AND d."supersededAt" IS NULL)
            ORDER BY r."id"
            """#, [batchID])
    }

    public func verifiedRecordsWithOpenDecisions(batch batchID: String) throws -> [String] {
        try ids(#"""
            SELECT DISTINCT r."id" FROM "record" r JOIN "fieldDecision" d ON d."recordId" = r."id"
            WHERE r."batchId" = $1 AND r."status" = 'verified' AND d."decidedAt" IS NULL AND d."supersededAt" IS NULL
            ORDER BY r."id"
            """#, [batchID])
    }

    public func registrationYears(batch batchID: String) throws -> [Int] {
        try execute(#"""
            SELECT DISTINCT "registrationYear" FROM "record"
            WHERE "batchId" = $1 AND "registrationYear" IS NOT NULL AND "number" IS NOT NULL ORDER BY 1
            """#, [batchID]).map { try $0.required("registrationYear") }
    }

    public func numberedEntries(office: OfficeCode, kind: RecordKind, year: Int) throws -> [NumberedEntry] {
        try execute(#"""
            SELECT r."id", r."batchId", r."number", k."volume",
                   r."fields"::jsonb ->> 'ngayDangKy' AS "registered", r."fields"::jsonb ->> 'trangSo' AS "page"
            FROM "record" r JOIN "batch" b ON b."id" = r."batchId" JOIN "book" k ON k."id" = b."bookId"
            WHERE r."officeCode" = $1 AND r."kind" = $2 AND r."registrationYear" = $3 AND r."number" IS NOT NULL
            ORDER BY r."id" COLLATE "C"
            """#, [office.value, kind.code, year]).map { row in
            NumberedEntry(
                id: try row.required("id"), batchId: try row.required("batchId"), number: try row.required("number"),
                volume: try row.required("volume"), registered: (try row.decode("registered", as: String.self)).flatMap(FieldValue.init(stored:)),
                page: (try row.decode("page", as: String.self)).flatMap(FieldValue.init(stored:)))
        }
    }

    public func candidates(name: String, birthYear: Int, kind: RecordKind, except recordId: String) throws -> [RecordCandidate] {
        try candidates(#"""
            SELECT "id", "batchId", "number", "kind", "fields" FROM "record"
            WHERE "subjectName" = $1 AND "subjectBirthYear" = $2 AND "kind" = $3 AND "id" <> $4 ORDER BY "id"
            """#, [name, birthYear, kind.code, recordId])
    }

    public func candidates(personalID: String, except recordId: String) throws -> [RecordCandidate] {
        try candidates(
            #"SELECT "id", "batchId", "number", "kind", "fields" FROM "record" WHERE "subjectPersonalID" = $1 AND "id" <> $2 ORDER BY "id""#,
            [personalID, recordId])
    }

    private func candidates(_ sql: String, _ parameters: [any PostgresBindable]) throws -> [RecordCandidate] {
        try execute(sql, parameters).map { row in
            RecordCandidate(
                id: try row.required("id"), batchId: try row.required("batchId"), number: try row.decode("number"),
                kind: try row.value("kind", table: "record", RecordKind.init(code:)), fields: try FieldSetJSON.decode(try row.required("fields")))
        }
    }

    static let deliverableSQL = #"""
        SELECT r."id", r."batchId", r."version", r."fields", r."number", r."verifiedAt", r."verifiedBy", f."path", f."bytes", f."sha256",
               (SELECT string_agg(k."pass" || '|' || k."operator" || '|' || k."savedAt", ';' ORDER BY k."pass")
                         FILTER (WHERE k."state" = 'complete')
                  FROM "keying" k WHERE k."recordId" = r."id") AS "keyings"
        FROM "record" r LEFT JOIN "scanFile" f ON f."id" = r."scanFileId"
        """#

    /// Records a page of ``forEachDeliverableRecord(batch:_:)`` reads at once.
    static let deliverablePage = 500

    public func forEachDeliverableRecord(batch batchID: String, _ body: (DeliverableRecord) throws -> Void) throws {
        // The register's order first, of the ids alone, then the records a page at a time (the
        // read's one snapshot holds them still): a batch is never all in memory at once, and the
        // server never sorts whole records. The keyings are found by record alone, the state
        // filtered in the aggregate, so that no estimate (a table just loaded, not yet analysed)
        // can lead the planner to intersect every complete keying for each record.
        let ids = try execute(#"""
            SELECT r."id" FROM "record" r LEFT JOIN "scanFile" f ON f."id" = r."scanFileId" WHERE r."batchId" = $1
            ORDER BY f."path" COLLATE "C" NULLS FIRST, \#(Self.numberOrder("r")), r."id" COLLATE "C"
            """#, [batchID]).map { row in try row.required("id", as: String.self) }
        for start in stride(from: 0, to: ids.count, by: Self.deliverablePage) {
            let page = Array(ids[start..<min(start + Self.deliverablePage, ids.count)])
            var records: [String: DeliverableRecord] = [:]
            for row in try execute(Self.deliverableSQL + #" WHERE r."id" = ANY($1::text[])"#, [PostgresArray(page)]) {
                let record = try deliverable(row)
                records[record.id] = record
            }
            for id in page { try body(try required(records[id], "record")) }
        }
    }

    public func deliverableRecord(id: String) throws -> DeliverableRecord? {
        try execute(Self.deliverableSQL + #" WHERE r."id" = $1"#, [id]).first.map(deliverable)
    }

    private func deliverable(_ row: PostgresRow) throws -> DeliverableRecord {
        let path: String? = try row.decode("path")
        // Operator names are letters, digits, `.`, `-` and `_`, and times hold neither `|` nor `;`.
        let passes = ((try row.decode("keyings", as: String.self)) ?? "").split(separator: ";").compactMap { item -> DeliverableRecord.Pass? in
            let parts = item.split(separator: "|", maxSplits: 2).map(String.init)
            guard parts.count == 3, let pass = Int(parts[0]) else { return nil }
            return DeliverableRecord.Pass(pass: pass, by: parts[1], at: parts[2])
        }.sorted { $0.pass < $1.pass }
        return DeliverableRecord(
            id: try row.required("id"), batchId: try row.required("batchId"), version: try row.required("version"),
            number: try row.decode("number"), fields: try FieldSetJSON.decode(try row.required("fields")),
            verifiedAt: try row.decode("verifiedAt"), verifiedBy: try row.decode("verifiedBy"),
            scan: try path.map { DeliverableRecord.Scan(path: $0, bytes: try row.decode("bytes") ?? 0, sha256: try row.decode("sha256") ?? "") },
            passes: passes)
    }

    private func recordValues(_ record: RegisterRecord) -> [any PostgresBindable] {
        [record.id, record.batchId, record.scanFileId, record.entryKey, record.kind.code, record.officeCode.value, record.registrationYear,
         record.number, record.version, FieldSetJSON.encode(record.fields), record.subjectName, record.subjectBirthYear,
         record.subjectPersonalID, record.status.rawValue, record.verifiedAt, record.verifiedBy, record.createdAt, record.updatedAt,
         record.withdrawnAt]
    }

    static let recordInsertColumns = #"""
        "id", "batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number", "version", "fields",
        "subjectName", "subjectBirthYear", "subjectPersonalID", "status", "verifiedAt", "verifiedBy", "createdAt", "updatedAt", "withdrawnAt"
        """#

    public func insertRecord(_ record: RegisterRecord) throws {
        try execute(#"""
            INSERT INTO "record" (\#(Self.recordInsertColumns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            """#, recordValues(record))
    }

    public func updateRecord(_ record: RegisterRecord) throws {
        try execute(#"""
            UPDATE "record" SET ("batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number", "version", "fields",
                "subjectName", "subjectBirthYear", "subjectPersonalID", "status", "verifiedAt", "verifiedBy", "createdAt", "updatedAt", "withdrawnAt")
              = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            WHERE "id" = $1
            """#, recordValues(record))
    }

    public func setStatus(record recordId: String, _ status: RecordStatus, verifiedBy verifier: String?, at time: String) throws {
        if let verifier {
            try execute(
                #"UPDATE "record" SET "status" = $1, "verifiedAt" = $2, "verifiedBy" = $3, "updatedAt" = $2 WHERE "id" = $4"#,
                [status.rawValue, time, verifier, recordId])
        } else {
            try execute(#"UPDATE "record" SET "status" = $1, "updatedAt" = $2 WHERE "id" = $3"#, [status.rawValue, time, recordId])
        }
    }

    public func returnRecordToKeying(_ recordId: String, at time: String) throws {
        try execute(
            #"UPDATE "record" SET "status" = 'keyed', "verifiedAt" = NULL, "verifiedBy" = NULL, "updatedAt" = $1 WHERE "id" = $2"#, [time, recordId])
    }

    public func withdrawRecord(_ recordId: String, at time: String) throws {
        try execute(#"UPDATE "record" SET "withdrawnAt" = $1, "updatedAt" = $1 WHERE "id" = $2"#, [time, recordId])
    }
}
