import GRDB
public import HoTichModel
public import HoTichStore

/// A batch with the book it belongs to, as lists show it.
public struct BatchSummary: Sendable, Equatable {
    public let batch: BatchRow
    public let book: BookIdentity
    /// Issues accepted with the batch.
    public let issueCount: Int
}

/// Everything `batch show` tells about one batch.
public struct BatchDetail: Sendable {
    public let summary: BatchSummary
    public let files: [ScanFileRow]
    public let issues: [IntakeIssue]
    /// The batch's audit events, oldest first: its state history.
    public let history: [AuditEventRow]
    /// How far keying has come.
    public let keying: KeyingProgress
}

/// How far the keying of a batch has come.
public struct KeyingProgress: Sendable, Equatable {
    /// Records created (an entry keyed at least once).
    public let records: Int
    /// Completed keyings per pass (index 0 is pass 1).
    public let completed: [Int]
    /// Keyings in progress (drafts).
    public let drafts: Int
    /// Files that can be keyed.
    public let keyableFiles: Int

    public init(records: Int, completed: [Int], drafts: Int, keyableFiles: Int) {
        self.records = records
        self.completed = completed
        self.drafts = drafts
        self.keyableFiles = keyableFiles
    }
}

/// One line of `status`: how many batches and files one office has in one state.
public struct StatusLine: Sendable, Equatable {
    public let office: OfficeCode
    public let state: BatchState
    public let batches: Int
    public let files: Int
    public let bytes: Int64
}

extension Session {
    /// Batches, newest book first, optionally only those in `state`.
    public func batches(in state: BatchState? = nil) throws -> [BatchSummary] {
        try require(.viewWork)
        return try workspace.store.read { db in
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
        return try workspace.store.read { db in
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT batch.*, book.officeCode, book.kind, book.year, book.volume,
                           (SELECT COUNT(*) FROM batchIssue WHERE batchIssue.batchId = batch.id) AS issueCount
                    FROM batch JOIN book ON book.id = batch.bookId WHERE batch.id = ?
                    """, arguments: [batchID])
            else { throw HoTichError(.batchNotFound(batchID)) }
            let files = try ScanFileRow.filter(ScanFileRow.Columns.batchId == batchID)
                .order(ScanFileRow.Columns.path).fetchAll(db)
            let issues = try BatchIssueRow.filter(BatchIssueRow.Columns.batchId == batchID)
                .order(Column("id")).fetchAll(db).map(\.detail)
            let history = try AuditEventRow.filter(AuditEventRow.Columns.batchId == batchID)
                .order(AuditEventRow.Columns.id).fetchAll(db)
            let count = { (sql: String) in try Int.fetchOne(db, sql: sql, arguments: [batchID]) ?? 0 }
            let progress = KeyingProgress(
                records: try count("SELECT COUNT(*) FROM record WHERE batchId = ?"),
                completed: [
                    try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND pass = 1 AND state = 'complete'"),
                    try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND pass = 2 AND state = 'complete'"),
                ],
                drafts: try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND state = 'draft'"),
                keyableFiles: files.filter(\.usable).count)
            return BatchDetail(
                summary: try Self.summary(from: row), files: files, issues: issues, history: history, keying: progress)
        }
    }

    /// Batches, files and bytes per office and state.
    public func status() throws -> [StatusLine] {
        try require(.viewWork)
        return try workspace.store.read { db in
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
    public func auditEvents(batch batchID: String? = nil) throws -> [AuditEventRow] {
        try require(.viewWork)
        return try workspace.store.read { db in
            var request = AuditEventRow.order(AuditEventRow.Columns.id)
            if let batchID {
                guard try BatchRow.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
                request = request.filter(AuditEventRow.Columns.batchId == batchID)
            }
            return try request.fetchAll(db)
        }
    }

    /// Recomputes the audit trail's hash chain.
    /// - Returns: how many events were checked and the first one that does not match, if any.
    public func verifyAuditTrail() throws -> (events: Int, firstBroken: Int64?) {
        try require(.viewWork)
        return try workspace.store.read { db in try AuditTrail.verify(db) }
    }

    private static func summary(from row: Row) throws -> BatchSummary {
        let batch = try BatchRow(row: row)
        guard let office = OfficeCode(row["officeCode"] as String),
              let kind = RecordKind(code: row["kind"]) else {
            throw HoTichError(.storageFailure(code: 11))
        }
        let book = BookIdentity(office: office, kind: kind, year: row["year"], volume: row["volume"])
        return BatchSummary(batch: batch, book: book, issueCount: row["issueCount"])
    }
}
