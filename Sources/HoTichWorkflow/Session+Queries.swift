import GRDB
public import HoTichModel
public import HoTichStore

/// Everything `batch show` tells about one batch.
public struct BatchDetail: Sendable {
    public let summary: BatchSummary
    public let files: [ScanFile]
    public let issues: [IntakeIssue]
    /// The batch's audit events, oldest first: its state history.
    public let history: [AuditEvent]
    /// How far keying has come.
    public let keying: KeyingProgress
    /// What is left to key, per pass the policy needs (empty once keying is done).
    public let remaining: [RemainingEntries]
    /// Files marked as holding no entry.
    public let nonEntries: [NonEntryFile]
}

/// The entries of one pass not yet keyed: scan files without a completed keying, and entries
/// without a scan file returned for keying again.
public struct RemainingEntries: Sendable, Equatable {
    public let pass: Int
    /// Each file left, in path order, with the entry number its name states (when it does).
    public let files: [(path: String, number: String?)]
    /// Registration numbers of returned entries that have no scan file.
    public let unfiledNumbers: [String]

    public init(pass: Int, files: [(path: String, number: String?)], unfiledNumbers: [String]) {
        self.pass = pass
        self.files = files
        self.unfiledNumbers = unfiledNumbers
    }

    public var isEmpty: Bool { files.isEmpty && unfiledNumbers.isEmpty }
    /// The registration numbers known to be missing, in order.
    public var numbers: [String] { files.compactMap(\.number) + unfiledNumbers }
    /// Files left whose name states no number.
    public var unnumberedFiles: Int { files.filter { $0.number == nil }.count }

    public static func == (lhs: RemainingEntries, rhs: RemainingEntries) -> Bool {
        lhs.pass == rhs.pass && lhs.files.map(\.path) == rhs.files.map(\.path)
            && lhs.files.map(\.number) == rhs.files.map(\.number) && lhs.unfiledNumbers == rhs.unfiledNumbers
    }
}

/// How far the keying of a batch has come.
public struct KeyingProgress: Sendable, Equatable {
    /// Records created (an entry keyed at least once).
    public let records: Int
    /// Of those, records keyed from a spreadsheet row that matches no scan file.
    public let recordsWithoutFile: Int
    /// Scan files with a completed keying, per pass (index 0 is pass 1).
    public let filesKeyed: [Int]
    /// Keyings in progress (drafts).
    public let drafts: Int
    /// Files to key: usable scans not marked as holding no entry.
    public let keyableFiles: Int
    /// Files marked as holding no entry (cover, blank page, …).
    public let filesNotEntries: Int

    public init(records: Int, recordsWithoutFile: Int, filesKeyed: [Int], drafts: Int, keyableFiles: Int, filesNotEntries: Int) {
        self.records = records
        self.recordsWithoutFile = recordsWithoutFile
        self.filesKeyed = filesKeyed
        self.drafts = drafts
        self.keyableFiles = keyableFiles
        self.filesNotEntries = filesNotEntries
    }
}

extension Session {
    /// Batches, newest book first, optionally only those in `state`.
    public func batches(in state: BatchState? = nil) throws -> [BatchSummary] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            var sql = """
                SELECT batch.*, book.officeCode, book.kind, book.year, book.volume,
                       (SELECT COUNT(*) FROM batchIssue WHERE batchIssue.batchId = batch.id) AS issueCount
                FROM batch JOIN book ON book.id = batch.bookId
                """
            var arguments: StatementArguments = []
            if let state {
                sql += " WHERE batch.state = ?"
                arguments = [state.rawValue]
            }
            sql += " ORDER BY book.officeCode, book.kind, book.year, book.volume, batch.sequence"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary(from:))
        }
    }

    /// The whole picture of one batch.
    public func batchDetail(_ batchID: String) throws -> BatchDetail {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT batch.*, book.officeCode, book.kind, book.year, book.volume,
                           (SELECT COUNT(*) FROM batchIssue WHERE batchIssue.batchId = batch.id) AS issueCount
                    FROM batch JOIN book ON book.id = batch.bookId WHERE batch.id = ?
                    """, arguments: [batchID])
            else { throw HoTichError(.batchNotFound(batchID)) }
            let files = try ScanFile.filter(ScanFile.Columns.batchId == batchID)
                .order(ScanFile.Columns.path).fetchAll(db)
            let issues = try BatchIssueRow.filter(BatchIssueRow.Columns.batchId == batchID)
                .order(Column("id")).fetchAll(db).map(\.detail)
            let history = try AuditEvent.filter(AuditEvent.Columns.batchId == batchID)
                .order(AuditEvent.Columns.id).fetchAll(db)
            let count = { (sql: String) in try Int.fetchOne(db, sql: sql, arguments: [batchID]) ?? 0 }
            let filesKeyed = { (pass: Int) in
                try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND pass = \(pass) AND state = 'complete' AND scanFileId IS NOT NULL")
            }
            let nonEntries = try Self.nonEntryFiles(batchID, in: db)
            let progress = KeyingProgress(
                records: try count("SELECT COUNT(*) FROM record WHERE batchId = ?"),
                recordsWithoutFile: try count("SELECT COUNT(*) FROM record WHERE batchId = ? AND scanFileId IS NULL"),
                filesKeyed: [try filesKeyed(1), try filesKeyed(2)],
                drafts: try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND state = 'draft'"),
                keyableFiles: try Self.keyableFileCount(batchID, in: db),
                filesNotEntries: nonEntries.count)
            let summary = try Self.summary(from: row)
            return BatchDetail(
                summary: summary, files: files, issues: issues, history: history, keying: progress,
                remaining: try Self.remainingEntries(summary.batch, in: db), nonEntries: nonEntries)
        }
    }

    /// The records of a batch with their values, in number order.
    public func records(batch batchID: String) throws -> [RegisterRecord] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            guard try Batch.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return try RegisterRecord.fetchAll(db, sql: "SELECT * FROM record WHERE batchId = ? ORDER BY CAST(number AS INTEGER), id", arguments: [batchID])
        }
    }

    /// What is left to key in a batch, per pass its policy needs; nothing once it is past keying.
    public func remainingEntries(batch batchID: String) throws -> [RemainingEntries] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            guard let batch = try Batch.fetchOne(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return try Self.remainingEntries(batch, in: db)
        }
    }

    static func remainingEntries(_ batch: Batch, in db: Database) throws -> [RemainingEntries] {
        guard batch.state == .received || batch.state == .keying else { return [] }
        return try requiredPasses(batch.policy).map { pass in
            let files = try Row.fetchAll(db, sql: """
                SELECT f.path, f.nameNumber FROM scanFile f
                WHERE f.batchId = ? AND f.usable AND \(NonEntryMark.notMarkedSQL(file: "f"))
                  AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = f.batchId AND k.scanFileId = f.id
                                  AND k.pass = ? AND k.state = 'complete')
                ORDER BY f.path
                """, arguments: [batch.id, pass])
                .map { (path: $0["path"] as String, number: $0["nameNumber"] as String?) }
                // In the book's order: by the number the name states, files without one last.
                .sorted { ($0.number.flatMap(RegistrationNumber.value) ?? .max, $0.path) < ($1.number.flatMap(RegistrationNumber.value) ?? .max, $1.path) }
            let unfiled = try Keying
                .filter(Keying.Columns.batchId == batch.id && Keying.Columns.pass == pass
                        && Keying.Columns.state == KeyingState.draft.rawValue && Column("scanFileId") == nil)
                .fetchAll(db)
                .map { $0.fields["so"]?.text ?? "?" }
                .sorted { (RegistrationNumber.value($0) ?? .max) < (RegistrationNumber.value($1) ?? .max) }
            return RemainingEntries(pass: pass, files: files, unfiledNumbers: unfiled)
        }
    }

    /// Batches, files and bytes per office and state.
    public func status() throws -> [StatusLine] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            try Row.fetchAll(db, sql: """
                SELECT book.officeCode AS office, batch.state AS state, COUNT(*) AS batches,
                       SUM(batch.fileCount) AS files, SUM(batch.totalBytes) AS bytes
                FROM batch JOIN book ON book.id = batch.bookId
                GROUP BY book.officeCode, batch.state
                ORDER BY book.officeCode, batch.state
                """).compactMap { row in
                guard let office = OfficeCode(row["office"] as String),
                      let state = BatchState(rawValue: row["state"]) else { return nil }
                return StatusLine(office: office, state: state, batches: row["batches"], files: row["files"], bytes: row["bytes"])
            }
        }
    }

    /// Audit events, oldest first, for one batch or for the whole workspace.
    public func auditEvents(batch batchID: String? = nil) throws -> [AuditEvent] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            var request = AuditEvent.order(AuditEvent.Columns.id)
            if let batchID {
                guard try Batch.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
                request = request.filter(AuditEvent.Columns.batchId == batchID)
            }
            return try request.fetchAll(db)
        }
    }

    /// Recomputes the audit trail's hash chain.
    /// - Returns: how many events were checked and the first one that does not match, if any.
    public func verifyAuditTrail() throws -> (events: Int, firstBroken: Int64?) {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in try AuditTrail.verify(db) }
    }

    private static func summary(from row: Row) throws -> BatchSummary {
        let batch = try Batch(row: row)
        guard let office = OfficeCode(row["officeCode"] as String),
              let kind = RecordKind(code: row["kind"]) else {
            throw HoTichError(.storageFailure(code: 11))
        }
        let book = BookIdentity(office: office, kind: kind, year: row["year"], volume: row["volume"])
        return BatchSummary(batch: batch, book: book, issueCount: row["issueCount"])
    }
}
