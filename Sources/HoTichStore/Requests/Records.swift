import GRDB
public import HoTichModel

/// Register records: one per entry of a book, with its current values and status.
public protocol RecordReading {
    func record(id: String) throws -> RegisterRecord?
    /// A batch's records; only those in `status` when one is given.
    func records(batch batchID: String, status: RecordStatus?) throws -> [RegisterRecord]
    /// A batch's records in the order of their registration numbers.
    func recordsInNumberOrder(batch batchID: String) throws -> [RegisterRecord]
    /// The ids of a batch's records in the order of the book (by scan, then number): the lot a
    /// sample is drawn from, and the order of review.
    func recordIdsInRegisterOrder(batch batchID: String) throws -> [String]
    /// The record already made for an entry of a batch.
    func recordId(batch batchID: String, entryKey: String) throws -> String?
    /// A batch's records by entry.
    func recordIdsByEntry(batch batchID: String) throws -> [String: String]
    /// Each of a batch's records with its registration number.
    func recordNumbers(batch batchID: String) throws -> [(id: String, number: String?)]
    /// A batch's records in a status.
    func recordIds(batch batchID: String, status: RecordStatus) throws -> [String]
    /// A batch's records keyed from a spreadsheet row that matches no scan file.
    func recordsWithoutFile(batch batchID: String) throws -> [String]
    /// The first record keyed from a file: its id and number.
    func recordOnFile(_ fileId: Int64) throws -> (id: String, number: String?)?
    /// Where a record is found by people: its batch and number.
    func recordLocation(id: String) throws -> (batchId: String, number: String?)?
    func recordCount(batch batchID: String) throws -> Int
    /// Records of a `review` batch already reviewed.
    func reviewedRecordCount(batch batchID: String) throws -> Int
    /// The next record of a batch not yet reviewed that `keyer` did not key, in the book's order.
    func nextRecordToReview(batch batchID: String, excludingKeyer keyer: String) throws -> String?
    /// Records verified once and since reopened, on which nothing is open any more.
    func recordsToVerifyAgain(batch batchID: String) throws -> [String]
    /// Verified records on which a decision is open.
    func verifiedRecordsWithOpenDecisions(batch batchID: String) throws -> [String]

    /// The registration years of a batch's numbered records.
    func registrationYears(batch batchID: String) throws -> [Int]
    /// Every numbered record of one office, kind and registration year, across its books.
    func numberedEntries(office: OfficeCode, kind: RecordKind, year: Int) throws -> [NumberedEntry]
    /// Records of `kind` whose main person has this folded name and birth year, except one.
    func candidates(name: String, birthYear: Int, kind: RecordKind, except recordId: String) throws -> [RecordCandidate]
    /// Records whose main person has this personal ID number, except one.
    func candidates(personalID: String, except recordId: String) throws -> [RecordCandidate]

    /// A batch's records as the export delivers them, in the book's order, one at a time.
    func forEachDeliverableRecord(batch batchID: String, _ body: (DeliverableRecord) throws -> Void) throws
    /// One record as the export delivers it.
    func deliverableRecord(id: String) throws -> DeliverableRecord?
}

public protocol RecordWriting {
    func insertRecord(_ record: RegisterRecord) throws
    /// Writes a record's values, derived columns, status and version.
    func updateRecord(_ record: RegisterRecord) throws
    /// Sets a record's status; `verified` by `verifier` records who and when, `keyed` keeps them.
    func setStatus(record recordId: String, _ status: RecordStatus, verifiedBy verifier: String?, at time: String) throws
    /// Returns a record to keying: keyed, no longer verified.
    func returnRecordToKeying(_ recordId: String, at time: String) throws
    /// Marks a record withdrawn at `time`.
    func withdrawRecord(_ recordId: String, at time: String) throws
}

extension DerivableRequest<RegisterRecord> {
    func inBatch(_ batchID: String) -> Self { filter(RegisterRecord.Columns.batchId == batchID) }
}

extension SQLiteTransaction: RecordReading, RecordWriting {
    public func record(id: String) throws -> RegisterRecord? {
        try RegisterRecord.fetchOne(db, key: id)
    }

    public func records(batch batchID: String, status: RecordStatus?) throws -> [RegisterRecord] {
        var request = RegisterRecord.all().inBatch(batchID)
        if let status { request = request.filter(Column("status") == status) }
        return try request.fetchAll(db)
    }

    public func recordsInNumberOrder(batch batchID: String) throws -> [RegisterRecord] {
        try RegisterRecord.all().inBatch(batchID).order(sql: "CAST(number AS INTEGER), id").fetchAll(db)
    }

    public func recordIdsInRegisterOrder(batch batchID: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.id FROM record r LEFT JOIN scanFile f ON f.id = r.scanFileId
            WHERE r.batchId = ? ORDER BY f.path, CAST(r.number AS INTEGER), r.entryKey
            """, arguments: [batchID])
    }

    public func recordId(batch batchID: String, entryKey: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM record WHERE batchId = ? AND entryKey = ?"), arguments: [batchID, entryKey])
    }

    public func recordIdsByEntry(batch batchID: String) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT entryKey, id FROM record WHERE batchId = ?", arguments: [batchID]) {
            records[row["entryKey"]] = row["id"]
        }
        return records
    }

    public func recordNumbers(batch batchID: String) throws -> [(id: String, number: String?)] {
        try Row.fetchAll(db, sql: "SELECT id, number FROM record WHERE batchId = ?", arguments: [batchID])
            .map { (id: $0["id"], number: $0["number"]) }
    }

    public func recordIds(batch batchID: String, status: RecordStatus) throws -> [String] {
        try RegisterRecord.all().inBatch(batchID).filter(Column("status") == status)
            .select(Column("id"), as: String.self).fetchAll(db)
    }

    public func recordsWithoutFile(batch batchID: String) throws -> [String] {
        try RegisterRecord.all().inBatch(batchID).filter(Column("scanFileId") == nil)
            .select(Column("id"), as: String.self).fetchAll(db)
    }

    public func recordOnFile(_ fileId: Int64) throws -> (id: String, number: String?)? {
        try Row.fetchOne(db, sql: "SELECT id, number FROM record WHERE scanFileId = ? LIMIT 1", arguments: [fileId])
            .map { (id: $0["id"], number: $0["number"]) }
    }

    public func recordLocation(id: String) throws -> (batchId: String, number: String?)? {
        try Row.fetchOne(db, sql: "SELECT batchId, number FROM record WHERE id = ?", arguments: [id])
            .map { (batchId: $0["batchId"], number: $0["number"]) }
    }

    public func recordCount(batch batchID: String) throws -> Int {
        try count("SELECT COUNT(*) FROM record WHERE batchId = ?", [batchID])
    }

    public func reviewedRecordCount(batch batchID: String) throws -> Int {
        try count("SELECT COUNT(*) FROM record WHERE batchId = ? AND verifiedAt IS NOT NULL", [batchID])
    }

    public func nextRecordToReview(batch batchID: String, excludingKeyer keyer: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT r.id FROM record r LEFT JOIN scanFile f ON f.id = r.scanFileId
            WHERE r.batchId = ? AND r.verifiedAt IS NULL
              AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.recordId = r.id AND k.operator = ?)
            ORDER BY f.path, CAST(r.number AS INTEGER), r.entryKey LIMIT 1
            """, arguments: [batchID, keyer])
    }

    public func recordsToVerifyAgain(batch batchID: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.id FROM record r WHERE r.batchId = ? AND r.status = 'keyed' AND r.verifiedAt IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM fieldDecision d WHERE d.recordId = r.id AND d.decidedAt IS NULL AND d.supersededAt IS NULL)
            """, arguments: [batchID])
    }

    public func verifiedRecordsWithOpenDecisions(batch batchID: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT r.id FROM record r JOIN fieldDecision d ON d.recordId = r.id
            WHERE r.batchId = ? AND r.status = 'verified' AND d.decidedAt IS NULL AND d.supersededAt IS NULL
            """, arguments: [batchID])
    }

    public func registrationYears(batch batchID: String) throws -> [Int] {
        try Int.fetchAll(db, sql: """
            SELECT DISTINCT registrationYear FROM record WHERE batchId = ? AND registrationYear IS NOT NULL AND number IS NOT NULL
            """, arguments: [batchID])
    }

    public func numberedEntries(office: OfficeCode, kind: RecordKind, year: Int) throws -> [NumberedEntry] {
        try Row.fetchAll(db, sql: """
            SELECT r.id, r.batchId, r.number, k.volume,
                   json_extract(r.fields, '$.ngayDangKy') AS registered, json_extract(r.fields, '$.trangSo') AS page
            FROM record r JOIN batch b ON b.id = r.batchId JOIN book k ON k.id = b.bookId
            WHERE r.officeCode = ? AND r.kind = ? AND r.registrationYear = ? AND r.number IS NOT NULL
            ORDER BY r.id
            """, arguments: [office.value, kind.code, year]).map { row in
            NumberedEntry(
                id: row["id"], batchId: row["batchId"], number: row["number"], volume: row["volume"],
                registered: (row["registered"] as String?).flatMap(FieldValue.init(stored:)),
                page: (row["page"] as String?).flatMap(FieldValue.init(stored:)))
        }
    }

    /// The records of the same kind for a folded name and birth year, except the one asked about
    /// (answered from the index on kind, birth year and name).
    static let candidatesByNameSQL = """
        SELECT id, batchId, number, kind, fields FROM record
        WHERE subjectName = ? AND subjectBirthYear = ? AND kind = ? AND id <> ?
        """

    public func candidates(name: String, birthYear: Int, kind: RecordKind, except recordId: String) throws -> [RecordCandidate] {
        try candidates(db.cachedStatement(sql: Self.candidatesByNameSQL), [name, birthYear, kind.code, recordId])
    }

    public func candidates(personalID: String, except recordId: String) throws -> [RecordCandidate] {
        try candidates(
            db.cachedStatement(sql: "SELECT id, batchId, number, kind, fields FROM record WHERE subjectPersonalID = ? AND id <> ?"),
            [personalID, recordId])
    }

    private func candidates(_ statement: Statement, _ arguments: StatementArguments) throws -> [RecordCandidate] {
        try Row.fetchAll(statement, arguments: arguments).map { row in
            guard let kind = RecordKind(code: row["kind"]) else { throw StoreFailure.damagedRow(table: "record") }
            return RecordCandidate(
                id: row["id"], batchId: row["batchId"], number: row["number"], kind: kind, fields: try FieldSetJSON.decode(row["fields"]))
        }
    }

    /// A record with what its provenance needs: its scan file and its completed keyings
    /// (`pass|operator|time;…`). Callers add the `WHERE` (and order).
    static let deliverableSQL = """
        SELECT r.id, r.batchId, r.version, r.fields, r.number, r.verifiedAt, r.verifiedBy, f.path, f.bytes, f.sha256,
               (SELECT group_concat(k.pass || '|' || k.operator || '|' || k.savedAt, ';')
                  FROM keying k WHERE k.recordId = r.id AND k.state = 'complete') AS keyings
        FROM record r LEFT JOIN scanFile f ON f.id = r.scanFileId
        """

    public func forEachDeliverableRecord(batch batchID: String, _ body: (DeliverableRecord) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db, sql: Self.deliverableSQL + " WHERE r.batchId = ? ORDER BY f.path, CAST(r.number AS INTEGER), r.id",
            arguments: [batchID])
        while let row = try cursor.next() { try body(deliverable(row)) }
    }

    public func deliverableRecord(id: String) throws -> DeliverableRecord? {
        try Row.fetchOne(db, sql: Self.deliverableSQL + " WHERE r.id = ?", arguments: [id]).map(deliverable)
    }

    private func deliverable(_ row: Row) throws -> DeliverableRecord {
        let path: String? = row["path"]
        // Operator names are letters, digits, `.`, `-` and `_`, and times hold neither `|` nor `;`.
        let passes = ((row["keyings"] as String?) ?? "").split(separator: ";").compactMap { item -> DeliverableRecord.Pass? in
            let parts = item.split(separator: "|", maxSplits: 2).map(String.init)
            guard parts.count == 3, let pass = Int(parts[0]) else { return nil }
            return DeliverableRecord.Pass(pass: pass, by: parts[1], at: parts[2])
        }.sorted { $0.pass < $1.pass }
        return DeliverableRecord(
            id: row["id"], batchId: row["batchId"], version: row["version"], number: row["number"],
            fields: try FieldSetJSON.decode(row["fields"]), verifiedAt: row["verifiedAt"], verifiedBy: row["verifiedBy"],
            scan: path.map { DeliverableRecord.Scan(path: $0, bytes: row["bytes"] ?? 0, sha256: row["sha256"] ?? "") },
            passes: passes)
    }

    public func insertRecord(_ record: RegisterRecord) throws {
        try record.insertFast(db)
        for sql in ProgressSummary.recordInserted { try db.execute(sql: sql, arguments: [record.id]) }
        try db.execute(sql: SearchIndex.recordInserted, arguments: [record.id])
    }

    public func updateRecord(_ record: RegisterRecord) throws {
        try record.update(db)
    }

    public func setStatus(record recordId: String, _ status: RecordStatus, verifiedBy verifier: String?, at time: String) throws {
        if let verifier {
            try db.execute(
                sql: "UPDATE record SET status = ?, verifiedAt = ?, verifiedBy = ?, updatedAt = ? WHERE id = ?",
                arguments: [status, time, verifier, time, recordId])
        } else {
            try db.execute(sql: "UPDATE record SET status = ?, updatedAt = ? WHERE id = ?", arguments: [status, time, recordId])
        }
    }

    public func returnRecordToKeying(_ recordId: String, at time: String) throws {
        try db.execute(
            sql: "UPDATE record SET status = 'keyed', verifiedAt = NULL, verifiedBy = NULL, updatedAt = ? WHERE id = ?",
            arguments: [time, recordId])
    }

    public func withdrawRecord(_ recordId: String, at time: String) throws {
        try db.execute(sql: "UPDATE record SET withdrawnAt = ?, updatedAt = ? WHERE id = ?", arguments: [time, time, recordId])
    }
}
