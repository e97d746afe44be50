import GRDB
public import HoTichModel

public protocol BatchReading {
    func batch(_ id: String) throws -> Batch?
    /// A batch with the identity of its book.
    func batchAndBook(_ id: String) throws -> (Batch, BookIdentity)?
    /// The batch received with exactly this content (its manifest's digest), if any.
    func batch(withContent digest: String) throws -> Batch?
    /// The batches in `state`, by id.
    func batches(in state: BatchState) throws -> [Batch]
    /// Batches with their books, by office, kind, year, volume and sequence; only those in
    /// `state` when one is given.
    func batchSummaries(in state: BatchState?) throws -> [BatchSummary]
    func batchSummary(_ id: String) throws -> BatchSummary?
    /// The file problems accepted with a batch, in the order found.
    func batchIssues(_ batchID: String) throws -> [IntakeIssue]
    /// Batches, files and bytes per office and state.
    func statusLines() throws -> [StatusLine]
}

public protocol BatchWriting {
    /// The id of the book with this identity, made (with its office) when it is new.
    func bookId(for identity: BookIdentity) throws -> Int64
    /// The sequence number the next batch of a book takes.
    func nextBatchSequence(book bookId: Int64) throws -> Int
    /// Records a received batch with its files and the issues accepted with it.
    func insertBatch(_ batch: Batch, files: [ScanFile], issues: [IntakeIssue]) throws
    /// Writes a batch's state, hold, policy and update time.
    func updateBatch(_ batch: Batch) throws
    /// Points a batch at the folder its scans now live in (a restored workspace's).
    func moveScans(batch batchID: String, to root: String) throws
    /// Records more issues of a batch (found after it was received).
    func insertBatchIssues(_ issues: [IntakeIssue], batch batchID: String) throws
}

extension DerivableRequest<Batch> {
    /// Batches with their book's identity and the number of their accepted issues, in the order
    /// lists show them: by office, kind, year, volume and sequence.
    func summarized() -> Self {
        let book = TableAlias<BookRow>()
        return joining(required: Batch.book.aliased(book))
            .annotated(with: [
                book[BookRow.Columns.officeCode], book[BookRow.Columns.kind], book[BookRow.Columns.year],
                book[BookRow.Columns.volume],
            ])
            .annotated(with: Batch.issues.count.forKey("issueCount"))
            .order(
                book[BookRow.Columns.officeCode], book[BookRow.Columns.kind], book[BookRow.Columns.year],
                book[BookRow.Columns.volume], Batch.Columns.sequence)
    }
}

extension SQLiteTransaction: BatchReading, BatchWriting {
    public func batch(_ id: String) throws -> Batch? {
        try Batch.fetchOne(db, key: id)
    }

    public func batchAndBook(_ id: String) throws -> (Batch, BookIdentity)? {
        guard let batch = try Batch.fetchOne(db, key: id) else { return nil }
        let book = try required(try BookRow.fetchOne(db, key: batch.bookId), "book")
        return (batch, book.identity)
    }

    public func batch(withContent digest: String) throws -> Batch? {
        try Batch.filter(Batch.Columns.contentDigest == digest).fetchOne(db)
    }

    public func batches(in state: BatchState) throws -> [Batch] {
        try Batch.filter(Batch.Columns.state == state).order(Batch.Columns.id).fetchAll(db)
    }

    public func batchSummaries(in state: BatchState?) throws -> [BatchSummary] {
        var request = Batch.all().summarized()
        if let state { request = request.filter(Batch.Columns.state == state) }
        return try Row.fetchAll(db, request).map(summary(from:))
    }

    public func batchSummary(_ id: String) throws -> BatchSummary? {
        try Row.fetchOne(db, Batch.filter(key: id).summarized()).map(summary(from:))
    }

    private func summary(from row: Row) throws -> BatchSummary {
        let batch = try Batch(row: row)
        guard let office = OfficeCode(row["officeCode"] as String), let kind = RecordKind(code: row["kind"]) else {
            throw StoreFailure.damagedRow(table: "book")
        }
        return BatchSummary(
            batch: batch, book: BookIdentity(office: office, kind: kind, year: row["year"], volume: row["volume"]),
            issueCount: row["issueCount"])
    }

    public func batchIssues(_ batchID: String) throws -> [IntakeIssue] {
        try BatchIssueRow.filter(BatchIssueRow.Columns.batchId == batchID).order(Column("id")).fetchAll(db).map(\.detail)
    }

    public func statusLines() throws -> [StatusLine] {
        try Row.fetchAll(db, sql: """
            SELECT book.officeCode AS office, batch.state AS state, COUNT(*) AS batches,
                   SUM(batch.fileCount) AS files, SUM(batch.totalBytes) AS bytes
            FROM batch JOIN book ON book.id = batch.bookId
            GROUP BY book.officeCode, batch.state
            ORDER BY book.officeCode, batch.state
            """).map { row in
            guard let office = OfficeCode(row["office"] as String), let state = BatchState(rawValue: row["state"]) else {
                throw StoreFailure.damagedRow(table: "batch")
            }
            return StatusLine(office: office, state: state, batches: row["batches"], files: row["files"], bytes: row["bytes"])
        }
    }

    public func bookId(for identity: BookIdentity) throws -> Int64 {
        if try Office.fetchOne(db, key: identity.office.value) == nil {
            try Office(code: identity.office, name: nil).insert(db)
        }
        if let book = try BookRow
            .filter(BookRow.Columns.officeCode == identity.office.value && BookRow.Columns.kind == identity.kind.code
                    && BookRow.Columns.year == identity.year && BookRow.Columns.volume == identity.volume)
            .fetchOne(db), let id = book.id {
            return id
        }
        var book = BookRow(id: nil, officeCode: identity.office, kind: identity.kind, year: identity.year, volume: identity.volume)
        try book.insert(db)
        return try required(book.id, "book")
    }

    public func nextBatchSequence(book bookId: Int64) throws -> Int {
        try count("SELECT MAX(sequence) FROM batch WHERE bookId = ?", [bookId]) + 1
    }

    public func insertBatch(_ batch: Batch, files: [ScanFile], issues: [IntakeIssue]) throws {
        try batch.insert(db)
        for var file in files {
            file.batchId = batch.id
            try file.insert(db)
        }
        for issue in issues {
            var row = BatchIssueRow(batchId: batch.id, issue: issue)
            try row.insert(db)
        }
    }

    public func moveScans(batch batchID: String, to root: String) throws {
        try db.execute(sql: "UPDATE batch SET storedRoot = ? WHERE id = ?", arguments: [root, batchID])
    }

    public func updateBatch(_ batch: Batch) throws {
        try batch.update(db)
    }

    public func insertBatchIssues(_ issues: [IntakeIssue], batch batchID: String) throws {
        for issue in issues {
            var row = BatchIssueRow(batchId: batchID, issue: issue)
            try row.insert(db)
        }
    }
}
