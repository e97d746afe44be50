import GRDB
public import HoTichModel

/// A batch's scan files, the marks that take files out of keying, and operators' claims on files.
public protocol FileReading {
    /// A batch's scan files, by path.
    func scanFiles(batch batchID: String) throws -> [ScanFile]
    func scanFile(batch batchID: String, path: String) throws -> ScanFile?
    func scanFile(id: Int64) throws -> ScanFile?
    /// The files of a batch that are to be keyed, by path: usable scans no mark in force excludes.
    func keyableFiles(batch batchID: String) throws -> [ScanFile]
    func keyableFileCount(batch batchID: String) throws -> Int
    /// The next file of a batch an operator may claim for a pass, in path order: keyable, not
    /// complete in that pass, held by nobody else (or their claim expired at `now`), and whose
    /// other pass the operator did not key.
    func nextFileToKey(batch batchID: String, pass: Int, operator: String, now: String) throws -> ScanFile?
    /// The keyable files of a batch with no completed keying in `pass`, by path.
    func filesLeftToKey(batch batchID: String, pass: Int) throws -> [ScanFile]
    /// Keyable files of a batch no record was keyed from, by path.
    func filesWithoutRecord(batch batchID: String) throws -> [String]
    /// Files of a batch more than one record was keyed from, by path, with how many.
    func filesWithSeveralRecords(batch batchID: String) throws -> [(path: String, records: Int)]
    /// The batch each given content (SHA-256) was received in, for the contents already received.
    func batchesHolding(contents sha256s: [String]) throws -> [String: String]
    /// The paths of a batch's files found unreadable at intake.
    func unreadablePaths(batch batchID: String) throws -> Set<String>

    /// The mark in force on a file, if any.
    func markInForce(file fileId: Int64) throws -> NonEntryMark?
    /// A batch's files marked as holding no entry (marks in force), by path.
    func nonEntryFiles(batch batchID: String) throws -> [NonEntryFile]
    /// Of those, the files an operator marked (not a supervisor), by path.
    func filesMarkedByOperators(batch batchID: String) throws -> [NonEntryFile]

    /// The passes of a file someone holds.
    func claimedPasses(file fileId: Int64) throws -> [Int]
}

public protocol FileWriting {
    /// Marks a file as holding no entry.
    func insertMark(_ mark: NonEntryMark) throws
    /// Writes a mark's clearing.
    func updateMark(_ mark: NonEntryMark) throws
    /// Takes (or renews) the claim of a file for a pass.
    func saveClaim(_ claim: Claim) throws
    /// Moves the expiry of an operator's claim on a file.
    func extendClaim(file fileId: Int64, pass: Int, operator: String, until expiry: String) throws
    /// Frees a file: in one pass, or in every pass when `pass` is `nil`.
    func deleteClaims(file fileId: Int64, pass: Int?) throws
    /// Frees the file a record was keyed from, in every pass.
    func deleteClaims(ofRecord recordId: String) throws
}

extension DerivableRequest<ScanFile> {
    func inBatch(_ batchID: String) -> Self {
        filter(ScanFile.Columns.batchId == batchID)
    }

    /// Usable files no mark in force excludes.
    func keyable() -> Self {
        filter(Column("usable") == true)
            .filter(literal: "NOT EXISTS (SELECT 1 FROM nonEntryFile n WHERE n.scanFileId = scanFile.id AND n.clearedAt IS NULL)")
    }
}

extension SQLiteTransaction: FileReading, FileWriting {
    public func scanFiles(batch batchID: String) throws -> [ScanFile] {
        try ScanFile.all().inBatch(batchID).order(ScanFile.Columns.path).fetchAll(db)
    }

    public func scanFile(batch batchID: String, path: String) throws -> ScanFile? {
        try ScanFile.all().inBatch(batchID).filter(ScanFile.Columns.path == path).fetchOne(db)
    }

    public func scanFile(id: Int64) throws -> ScanFile? {
        try ScanFile.fetchOne(db, key: id)
    }

    public func keyableFiles(batch batchID: String) throws -> [ScanFile] {
        // By path, as SQLite read them anyway (through the batch-and-path index); said so for every store.
        try ScanFile.all().inBatch(batchID).keyable().order(ScanFile.Columns.path).fetchAll(db)
    }

    public func keyableFileCount(batch batchID: String) throws -> Int {
        try ScanFile.all().inBatch(batchID).keyable().fetchCount(db)
    }

    public func nextFileToKey(batch batchID: String, pass: Int, operator: String, now: String) throws -> ScanFile? {
        try ScanFile.fetchOne(db.cachedStatement(sql: """
            SELECT scanFile.* FROM scanFile
            WHERE scanFile.batchId = ? AND scanFile.usable
              AND NOT EXISTS (SELECT 1 FROM nonEntryFile n WHERE n.scanFileId = scanFile.id AND n.clearedAt IS NULL)
              AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = scanFile.batchId
                              AND k.entryKey = 'file:' || scanFile.id AND k.pass = ? AND k.state = 'complete')
              AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.scanFileId = scanFile.id AND c.pass = ?
                              AND c.operator <> ? AND c.expiresAt > ?)
              AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = scanFile.batchId
                              AND k.entryKey = 'file:' || scanFile.id AND k.pass = ? AND k.operator = ?)
            ORDER BY scanFile.path LIMIT 1
            """), arguments: [batchID, pass, pass, `operator`, now, pass == 1 ? 2 : 1, `operator`])
    }

    public func filesLeftToKey(batch batchID: String, pass: Int) throws -> [ScanFile] {
        try ScanFile.all().inBatch(batchID).keyable()
            .filter(literal: """
                NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = scanFile.batchId AND k.scanFileId = scanFile.id
                            AND k.pass = \(pass) AND k.state = 'complete')
                """)
            .order(ScanFile.Columns.path)
            .fetchAll(db)
    }

    public func filesWithoutRecord(batch batchID: String) throws -> [String] {
        try ScanFile.all().inBatch(batchID).keyable()
            .filter(literal: "NOT EXISTS (SELECT 1 FROM record r WHERE r.scanFileId = scanFile.id)")
            .select(ScanFile.Columns.path, as: String.self)
            .order(ScanFile.Columns.path)
            .fetchAll(db)
    }

    public func filesWithSeveralRecords(batch batchID: String) throws -> [(path: String, records: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT f.path, COUNT(*) AS n FROM record r JOIN scanFile f ON f.id = r.scanFileId
            WHERE r.batchId = ? GROUP BY f.id HAVING COUNT(*) > 1 ORDER BY f.path
            """, arguments: [batchID]).map { (path: $0["path"], records: $0["n"]) }
    }

    public func batchesHolding(contents sha256s: [String]) throws -> [String: String] {
        var holder: [String: String] = [:]
        for start in stride(from: 0, to: sha256s.count, by: 500) {
            let chunk = Array(sha256s[start..<min(start + 500, sha256s.count)])
            let rows = try ScanFile.filter(chunk.contains(ScanFile.Columns.sha256))
                .select(ScanFile.Columns.sha256, ScanFile.Columns.batchId)
                .asRequest(of: Row.self)
                .fetchAll(db)
            for row in rows { holder[row["sha256"]] = row["batchId"] }
        }
        return holder
    }

    public func unreadablePaths(batch batchID: String) throws -> Set<String> {
        try String.fetchSet(
            db, sql: "SELECT path FROM batchIssue WHERE batchId = ? AND code = 'unreadable'", arguments: [batchID])
    }

    public func markInForce(file fileId: Int64) throws -> NonEntryMark? {
        try NonEntryMark.filter(NonEntryMark.Columns.scanFileId == fileId && NonEntryMark.Columns.clearedAt == nil).fetchOne(db)
    }

    public func nonEntryFiles(batch batchID: String) throws -> [NonEntryFile] {
        try nonEntryFiles(sql: """
            SELECT n.*, f.path AS filePath FROM nonEntryFile n JOIN scanFile f ON f.id = n.scanFileId
            WHERE n.batchId = ? AND n.clearedAt IS NULL
            ORDER BY f.path
            """, batchID)
    }

    public func filesMarkedByOperators(batch batchID: String) throws -> [NonEntryFile] {
        try nonEntryFiles(sql: """
            SELECT n.*, f.path AS filePath FROM nonEntryFile n JOIN scanFile f ON f.id = n.scanFileId
            JOIN user u ON u.name = n.markedBy
            WHERE n.batchId = ? AND n.clearedAt IS NULL AND u.role = 'operator'
            ORDER BY f.path
            """, batchID)
    }

    /// Sorted by path as Swift compares text (canonically equivalent spellings alike), which is
    /// how every other list of files is ordered for people.
    private func nonEntryFiles(sql: String, _ batchID: String) throws -> [NonEntryFile] {
        try Row.fetchAll(db, sql: sql, arguments: [batchID]).map { row in
            NonEntryFile(path: row["filePath"], mark: try NonEntryMark(row: row))
        }.sorted { $0.path < $1.path }
    }

    public func claimedPasses(file fileId: Int64) throws -> [Int] {
        try Claim.filter(Column("scanFileId") == fileId).select(Column("pass"), as: Int.self).order(Column("pass")).fetchAll(db)
    }

    public func insertMark(_ mark: NonEntryMark) throws {
        var mark = mark
        try mark.insert(db)
    }

    public func updateMark(_ mark: NonEntryMark) throws {
        try mark.update(db)
    }

    public func saveClaim(_ claim: Claim) throws {
        try claim.save(db)
    }

    public func extendClaim(file fileId: Int64, pass: Int, operator: String, until expiry: String) throws {
        try db.cachedStatement(sql: "UPDATE claim SET expiresAt = ? WHERE scanFileId = ? AND pass = ? AND operator = ?")
            .execute(arguments: [expiry, fileId, pass, `operator`])
    }

    public func deleteClaims(file fileId: Int64, pass: Int?) throws {
        var request = Claim.filter(Column("scanFileId") == fileId)
        if let pass { request = request.filter(Column("pass") == pass) }
        try request.deleteAll(db)
    }

    public func deleteClaims(ofRecord recordId: String) throws {
        try db.execute(sql: "DELETE FROM claim WHERE scanFileId = (SELECT scanFileId FROM record WHERE id = ?)", arguments: [recordId])
    }
}
