import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: FileReading, FileWriting {
    static let fileColumns = #"f."id", f."batchId", f."path", f."bytes", f."sha256", f."format", f."usable", f."nameNumber", f."nameDate""#

    /// Usable files no mark in force excludes (the file is `f`).
    static let keyable = #"""
        f."usable" AND NOT EXISTS (SELECT 1 FROM "nonEntryFile" n WHERE n."scanFileId" = f."id" AND n."clearedAt" IS NULL)
        """#

    public func scanFiles(batch batchID: String) throws -> [ScanFile] {
        try fetchAll(ScanFile.self, #"SELECT \#(Self.fileColumns) FROM "scanFile" f WHERE f."batchId" = $1 ORDER BY f."path" COLLATE "C""#, [batchID])
    }

    public func scanFile(batch batchID: String, path: String) throws -> ScanFile? {
        try fetchOne(ScanFile.self, #"SELECT \#(Self.fileColumns) FROM "scanFile" f WHERE f."batchId" = $1 AND f."path" = $2"#, [batchID, path])
    }

    public func scanFile(id: Int64) throws -> ScanFile? {
        try fetchOne(ScanFile.self, #"SELECT \#(Self.fileColumns) FROM "scanFile" f WHERE f."id" = $1"#, [id])
    }

    public func keyableFiles(batch batchID: String) throws -> [ScanFile] {
        try fetchAll(
            ScanFile.self, #"SELECT \#(Self.fileColumns) FROM "scanFile" f WHERE f."batchId" = $1 AND \#(Self.keyable) ORDER BY f."path" COLLATE "C""#, [batchID])
    }

    public func keyableFileCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "scanFile" f WHERE f."batchId" = $1 AND \#(Self.keyable)"#, [batchID])
    }

    public func nextFileToKey(batch batchID: String, pass: Int, operator: String, now: String) throws -> ScanFile? {
        try fetchOne(ScanFile.self, #"""
            SELECT \#(Self.fileColumns) FROM "scanFile" f
            WHERE f."batchId" = $1 AND \#(Self.keyable)
              AND NOT EXISTS (SELECT 1 FROM "keying" k WHERE k."batchId" = f."batchId"
                              AND k."entryKey" = 'file:' || f."id" AND k."pass" = $2 AND k."state" = 'complete')
              AND NOT EXISTS (SELECT 1 FROM "claim" c WHERE c."scanFileId" = f."id" AND c."pass" = $2
                              AND c."operator" <> $3 AND c."expiresAt" > $4)
              AND NOT EXISTS (SELECT 1 FROM "keying" k WHERE k."batchId" = f."batchId"
                              AND k."entryKey" = 'file:' || f."id" AND k."pass" = $5 AND k."operator" = $3)
            ORDER BY f."path" COLLATE "C" LIMIT 1
            """#, [batchID, pass, `operator`, now, pass == 1 ? 2 : 1])
    }

    public func filesLeftToKey(batch batchID: String, pass: Int) throws -> [ScanFile] {
        try fetchAll(ScanFile.self, #"""
            SELECT \#(Self.fileColumns) FROM "scanFile" f
            WHERE f."batchId" = $1 AND \#(Self.keyable)
              AND NOT EXISTS (SELECT 1 FROM "keying" k WHERE k."batchId" = f."batchId" AND k."scanFileId" = f."id"
                              AND k."pass" = $2 AND k."state" = 'complete')
            ORDER BY f."path" COLLATE "C"
            """#, [batchID, pass])
    }

    public func filesWithoutRecord(batch batchID: String) throws -> [String] {
        try execute(#"""
            SELECT f."path" FROM "scanFile" f
            WHERE f."batchId" = $1 AND \#(Self.keyable) AND NOT EXISTS (SELECT 1 FROM "record" r WHERE r."scanFileId" = f."id")
            ORDER BY f."path" COLLATE "C"
            """#, [batchID]).map { try $0.required("path") }
    }

    public func filesWithSeveralRecords(batch batchID: String) throws -> [(path: String, records: Int)] {
        try execute(#"""
            SELECT f."path", COUNT(*) AS "n" FROM "record" r JOIN "scanFile" f ON f."id" = r."scanFileId"
            WHERE r."batchId" = $1 GROUP BY f."id", f."path" HAVING COUNT(*) > 1 ORDER BY f."path" COLLATE "C"
            """#, [batchID]).map { (path: try $0.required("path"), records: try $0.required("n")) }
    }

    public func batchesHolding(contents sha256s: [String]) throws -> [String: String] {
        var holder: [String: String] = [:]
        for start in stride(from: 0, to: sha256s.count, by: 5_000) {
            let chunk = Array(sha256s[start..<min(start + 5_000, sha256s.count)])
            let rows = try execute(#"SELECT "sha256", "batchId" FROM "scanFile" WHERE "sha256" = ANY($1::text[])"#, [PostgresArray(chunk)])
            for row in rows { holder[try row.required("sha256")] = try row.required("batchId") }
        }
        return holder
    }

    public func unreadablePaths(batch batchID: String) throws -> Set<String> {
        Set(try execute(#"SELECT "path" FROM "batchIssue" WHERE "batchId" = $1 AND "code" = 'unreadable'"#, [batchID]).map { try $0.required("path") })
    }

    static let markColumns = #"""
        n."id", n."scanFileId", n."batchId", n."kind", n."reason", n."markedBy", n."markedAt", n."clearedBy", n."clearedAt", n."clearReason"
        """#

    public func markInForce(file fileId: Int64) throws -> NonEntryMark? {
        try fetchOne(
            NonEntryMark.self, #"SELECT \#(Self.markColumns) FROM "nonEntryFile" n WHERE n."scanFileId" = $1 AND n."clearedAt" IS NULL"#, [fileId])
    }

    public func nonEntryFiles(batch batchID: String) throws -> [NonEntryFile] {
        try nonEntryFiles(#"""
            SELECT \#(Self.markColumns), f."path" AS "filePath" FROM "nonEntryFile" n JOIN "scanFile" f ON f."id" = n."scanFileId"
            WHERE n."batchId" = $1 AND n."clearedAt" IS NULL
            """#, batchID)
    }

    public func filesMarkedByOperators(batch batchID: String) throws -> [NonEntryFile] {
        try nonEntryFiles(#"""
            SELECT \#(Self.markColumns), f."path" AS "filePath" FROM "nonEntryFile" n JOIN "scanFile" f ON f."id" = n."scanFileId"
            JOIN "user" u ON u."name" = n."markedBy"
            WHERE n."batchId" = $1 AND n."clearedAt" IS NULL AND u."role" = 'operator'
            """#, batchID)
    }

    /// Sorted by path as Swift compares text, as the SQLite store sorts them.
    private func nonEntryFiles(_ sql: String, _ batchID: String) throws -> [NonEntryFile] {
        try execute(sql, [batchID]).map { row in
            NonEntryFile(path: try row.required("filePath"), mark: try decodeRow(NonEntryMark.self, row))
        }.sorted { $0.path < $1.path }
    }

    public func claimedPasses(file fileId: Int64) throws -> [Int] {
        try execute(#"SELECT "pass" FROM "claim" WHERE "scanFileId" = $1 ORDER BY "pass""#, [fileId]).map { try $0.required("pass") }
    }

    public func insertMark(_ mark: NonEntryMark) throws {
        try insert(mark, into: "nonEntryFile")
    }

    public func updateMark(_ mark: NonEntryMark) throws {
        try update(mark, in: "nonEntryFile", columns: [
            "id", "scanFileId", "batchId", "kind", "reason", "markedBy", "markedAt", "clearedBy", "clearedAt", "clearReason",
        ])
    }

    public func saveClaim(_ claim: Claim) throws {
        try execute(#"""
            INSERT INTO "claim" ("scanFileId", "pass", "batchId", "operator", "claimedAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT ("scanFileId", "pass") DO UPDATE SET "batchId" = excluded."batchId", "operator" = excluded."operator",
                "claimedAt" = excluded."claimedAt", "expiresAt" = excluded."expiresAt"
            """#, [claim.scanFileId, claim.pass, claim.batchId, claim.operator, claim.claimedAt, claim.expiresAt])
    }

    public func extendClaim(file fileId: Int64, pass: Int, operator: String, until expiry: String) throws {
        try execute(#"UPDATE "claim" SET "expiresAt" = $1 WHERE "scanFileId" = $2 AND "pass" = $3 AND "operator" = $4"#, [expiry, fileId, pass, `operator`])
    }

    public func deleteClaims(file fileId: Int64, pass: Int?) throws {
        if let pass {
            try execute(#"DELETE FROM "claim" WHERE "scanFileId" = $1 AND "pass" = $2"#, [fileId, pass])
        } else {
            try execute(#"DELETE FROM "claim" WHERE "scanFileId" = $1"#, [fileId])
        }
    }

    public func deleteClaims(ofRecord recordId: String) throws {
        try execute(#"DELETE FROM "claim" WHERE "scanFileId" = (SELECT "scanFileId" FROM "record" WHERE "id" = $1)"#, [recordId])
    }
}
