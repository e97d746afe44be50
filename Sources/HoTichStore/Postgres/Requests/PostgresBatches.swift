import Foundation
import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: BatchReading, BatchWriting {
    static let batchColumns = #"""
        b."id", b."bookId", b."sequence", b."policy", b."state", b."heldFrom", b."sourcePath", b."sourceKind", b."storedRoot",
        b."fileCount", b."totalBytes", b."contentDigest", b."receivedAt", b."receivedBy", b."updatedAt"
        """#

    public func batch(_ id: String) throws -> Batch? {
        try fetchOne(Batch.self, #"SELECT \#(Self.batchColumns) FROM "batch" b WHERE b."id" = $1"#, [id])
    }

    public func batchAndBook(_ id: String) throws -> (Batch, BookIdentity)? {
        guard let batch = try batch(id) else { return nil }
        let row = try required(try execute(#"SELECT "officeCode", "kind", "year", "volume" FROM "book" WHERE "id" = $1"#, [batch.bookId]).first, "book")
        return (batch, try bookIdentity(row))
    }

    private func bookIdentity(_ row: PostgresRow) throws -> BookIdentity {
        BookIdentity(
            office: try row.value("officeCode", table: "book", { OfficeCode($0) }), kind: try row.value("kind", table: "book", RecordKind.init(code:)),
            year: try row.required("year"), volume: try row.required("volume"))
    }

    public func batch(withContent digest: String) throws -> Batch? {
        try fetchOne(Batch.self, #"SELECT \#(Self.batchColumns) FROM "batch" b WHERE b."contentDigest" = $1"#, [digest])
    }

    public func batches(in state: BatchState) throws -> [Batch] {
        try fetchAll(Batch.self, #"SELECT \#(Self.batchColumns) FROM "batch" b WHERE b."state" = $1 ORDER BY b."id" COLLATE "C""#, [state.rawValue])
    }

    /// Batches with their books and the number of their accepted issues, as lists show them.
    private func summaries(where condition: String, _ parameters: [any PostgresBindable]) throws -> [BatchSummary] {
        try execute(#"""
            SELECT \#(Self.batchColumns), k."officeCode", k."kind", k."year", k."volume",
                   (SELECT COUNT(*) FROM "batchIssue" i WHERE i."batchId" = b."id") AS "issueCount"
            FROM "batch" b JOIN "book" k ON k."id" = b."bookId"
            WHERE \#(condition)
            ORDER BY k."officeCode" COLLATE "C", k."kind" COLLATE "C", k."year", k."volume", b."sequence"
            """#, parameters).map { row in
            BatchSummary(batch: try decodeRow(Batch.self, row), book: try bookIdentity(row), issueCount: try row.required("issueCount"))
        }
    }

    public func batchSummaries(in state: BatchState?) throws -> [BatchSummary] {
        if let state { return try summaries(where: #"b."state" = $1"#, [state.rawValue]) }
        return try summaries(where: "TRUE", [])
    }

    public func batchSummary(_ id: String) throws -> BatchSummary? {
        try summaries(where: #"b."id" = $1"#, [id]).first
    }

    public func batchIssues(_ batchID: String) throws -> [IntakeIssue] {
        try execute(#"SELECT "detail" FROM "batchIssue" WHERE "batchId" = $1 ORDER BY "id""#, [batchID]).map { row in
            guard let issue = try? JSONDecoder().decode(IntakeIssue.self, from: Data(try row.required("detail", as: String.self).utf8)) else {
                throw StoreFailure.damagedRow(table: "batchIssue")
            }
            return issue
        }
    }

    public func statusLines() throws -> [StatusLine] {
        try execute(#"""
            SELECT k."officeCode" AS "office", b."state" AS "state", COUNT(*) AS "batches",
                   SUM(b."fileCount") AS "files", SUM(b."totalBytes") AS "bytes"
            FROM "batch" b JOIN "book" k ON k."id" = b."bookId"
            GROUP BY k."officeCode", b."state"
            ORDER BY k."officeCode" COLLATE "C", b."state" COLLATE "C"
            """#).map { row in
            StatusLine(
                office: try row.value("office", table: "batch", { OfficeCode($0) }), state: try row.value("state", table: "batch", BatchState.init(rawValue:)),
                batches: try row.required("batches"), files: try row.required("files"), bytes: try row.required("bytes"))
        }
    }

    public func bookId(for identity: BookIdentity) throws -> Int64 {
        try execute(#"INSERT INTO "office" ("code") VALUES ($1) ON CONFLICT DO NOTHING"#, [identity.office.value])
        let key: [any PostgresBindable] = [identity.office.value, identity.kind.code, identity.year, identity.volume]
        if let id: Int64 = try execute(
            #"SELECT "id" FROM "book" WHERE "officeCode" = $1 AND "kind" = $2 AND "year" = $3 AND "volume" = $4"#, key).first?.decode("id") {
            return id
        }
        return try required(
            try execute(#"INSERT INTO "book" ("officeCode", "kind", "year", "volume") VALUES ($1, $2, $3, $4) RETURNING "id""#, key)
                .first?.decode("id"), "book")
    }

    public func nextBatchSequence(book bookId: Int64) throws -> Int {
        try count(#"SELECT MAX("sequence") FROM "batch" WHERE "bookId" = $1"#, [bookId]) + 1
    }

    public func insertBatch(_ batch: Batch, files: [ScanFile], issues: [IntakeIssue]) throws {
        try insert(batch, into: "batch")
        for var file in files {
            file.batchId = batch.id
            try insert(file, into: "scanFile")
        }
        try insertBatchIssues(issues, batch: batch.id)
    }

    public func updateBatch(_ batch: Batch) throws {
        try update(batch, in: "batch", columns: [
            "id", "bookId", "sequence", "policy", "state", "heldFrom", "sourcePath", "sourceKind", "storedRoot", "fileCount",
            "totalBytes", "contentDigest", "receivedAt", "receivedBy", "updatedAt",
        ])
    }

    public func moveScans(batch batchID: String, to root: String) throws {
        try execute(#"UPDATE "batch" SET "storedRoot" = $1 WHERE "id" = $2"#, [root, batchID])
    }

    public func insertBatchIssues(_ issues: [IntakeIssue], batch batchID: String) throws {
        for issue in issues {
            try insert(BatchIssueRow(batchId: batchID, issue: issue), into: "batchIssue")
        }
    }
}
