import Foundation
import HoTichModel
@testable import HoTichStore
import HoTichTestSupport
import Testing

/// Batches, their files, marks and claims on PostgreSQL: the same commands as on SQLite give the
/// same answers and the same sealed trail.
@Suite(.postgresAvailable)
struct PostgresBatchTests {
    static let time = PostgresStoreTests.time
    static let book = BookIdentity(office: OfficeCode("26734")!, kind: .birth, year: 2017, volume: 1)

    typealias Writing = WorkspaceWriting & UserWriting & IdentityWriting & AuditWriting & BatchWriting & FileWriting & BatchReading & FileReading

    /// Receives two batches of one book, marks a file, claims two and frees one.
    static func receive(_ tx: some Writing) throws {
        try PostgresStoreTests.initialize(tx)
        let bookId = try tx.bookId(for: book)
        #expect(try tx.bookId(for: book) == bookId)
        for (index, count) in [5, 2].enumerated() {
            let id = "KS-26734-2017-01-\(index + 1)"
            let batch = Batch(
                id: id, bookId: bookId, sequence: try tx.nextBatchSequence(book: bookId), policy: index == 0 ? .double : .review,
                state: .received, heldFrom: nil, sourcePath: "/giao/Sổ khai sinh \(index)", sourceKind: index == 0 ? .folder : .zip,
                storedRoot: "/kho/\(id)", fileCount: count, totalBytes: Int64(count * 1_000), contentDigest: "digest-\(index)",
                receivedAt: time, receivedBy: "quantri", updatedAt: time)
            // Paths with Vietnamese letters, sorted byte by byte in both stores.
            let files = (1...count).map { number in
                ScanFile(
                    id: nil, batchId: "", path: number == 2 ? "Trang \(number) – bìa.pdf" : "KS.2017.01.2017-01-0\(number).0\(number).pdf",
                    bytes: 1_000, sha256: "\(index)\(number)" + String(repeating: "0", count: 62), format: number == 3 ? nil : .pdf,
                    usable: number != 4, nameNumber: number == 2 ? nil : "0\(number)", nameDate: nil)
            }
            try tx.insertBatch(
                batch, files: files,
                issues: index == 0 ? [IntakeIssue(path: files[3].path, problem: .unreadable), IntakeIssue(path: "Thumbs.db", problem: .unknownType)] : [])
            try tx.appendAudit(AuditEntry(actor: "quantri", action: .receive, batchId: id, toState: "received"), at: time)
        }
        var batch = try #require(try tx.batch("KS-26734-2017-01-1"))
        batch.state = .keying
        batch.updatedAt = time
        try tx.updateBatch(batch)
        try tx.insertBatchIssues([IntakeIssue(path: "late.pdf", problem: .unreadable)], batch: batch.id)
        let files = try tx.scanFiles(batch: batch.id)
        try tx.insertMark(NonEntryMark(
            scanFileId: files[4].id!, batchId: batch.id, kind: .cover, reason: "bìa sổ", by: "nhaplieu", at: time))
        var mark = try #require(try tx.markInForce(file: files[4].id!))
        mark.clearedAt = time
        mark.clearedBy = "quantri"
        mark.clearReason = "nhầm"
        try tx.updateMark(mark)
        try tx.insertMark(NonEntryMark(
            scanFileId: files[1].id!, batchId: batch.id, kind: .blank, reason: "trang trắng", by: "nhaplieu", at: time))
        for (file, pass) in [(files[0], 1), (files[0], 2), (files[2], 1)] {
            try tx.saveClaim(Claim(scanFileId: file.id!, pass: pass, batchId: batch.id, operator: "nhaplieu", claimedAt: time, expiresAt: "2026-12-02T09:00:00.000Z"))
        }
        try tx.saveClaim(Claim(scanFileId: files[2].id!, pass: 1, batchId: batch.id, operator: "Đặng.Thùy", claimedAt: time, expiresAt: "2026-12-02T10:00:00.000Z"))
        try tx.extendClaim(file: files[2].id!, pass: 1, operator: "Đặng.Thùy", until: "2026-12-02T11:00:00.000Z")
        try tx.deleteClaims(file: files[0].id!, pass: 2)
        try tx.moveScans(batch: "KS-26734-2017-01-2", to: "/kho mới/2")
        try tx.appendAudit(AuditEntry(actor: "quantri", action: .other("test"), batchId: batch.id), at: time)
    }

    struct Answers: Equatable {
        var batches: [Batch?]
        var summaries: [BatchSummary]
        var byContent: Batch?
        var inKeying: [Batch]
        var issues: [IntakeIssue]
        var status: [StatusLine]
        var files: [ScanFile]
        var keyable: [String]
        var keyableCount: Int
        var next: [String?]
        var left: [String]
        var withoutRecord: [String]
        var holding: [String: String]
        var unreadable: Set<String>
        var marks: [NonEntryFile]
        var byOperators: [NonEntryFile]
        var claimed: [[Int]]
        var events: [String]
    }

    static func answers(_ tx: some BatchReading & FileReading & AuditReading) throws -> Answers {
        let id = "KS-26734-2017-01-1"
        let files = try tx.scanFiles(batch: id)
        return Answers(
            batches: [try tx.batch(id), try tx.batch("KS-26734-2017-01-2"), try tx.batch("none")],
            summaries: try tx.batchSummaries(in: nil) + (try tx.batchSummaries(in: .keying)) + [try tx.batchSummary(id)].compactMap { $0 },
            byContent: try tx.batch(withContent: "digest-1"), inKeying: try tx.batches(in: .keying), issues: try tx.batchIssues(id),
            status: try tx.statusLines(), files: files, keyable: try tx.keyableFiles(batch: id).map(\.path),
            keyableCount: try tx.keyableFileCount(batch: id),
            next: [
                try tx.nextFileToKey(batch: id, pass: 1, operator: "nhaplieu", now: time)?.path,
                try tx.nextFileToKey(batch: id, pass: 1, operator: "khác", now: time)?.path,
                try tx.nextFileToKey(batch: id, pass: 1, operator: "khác", now: "2026-12-02T12:00:00.000Z")?.path,
            ],
            left: try tx.filesLeftToKey(batch: id, pass: 1).map(\.path), withoutRecord: try tx.filesWithoutRecord(batch: id),
            holding: try tx.batchesHolding(contents: files.map(\.sha256) + ["none", "with \"quote\" and \\"]),
            unreadable: try tx.unreadablePaths(batch: id), marks: try tx.nonEntryFiles(batch: id),
            byOperators: try tx.filesMarkedByOperators(batch: id), claimed: try files.map { try tx.claimedPasses(file: $0.id!) },
            events: PostgresStoreTests.describe(try tx.auditEvents(batch: nil)))
    }

    @Test func batchesFilesMarksAndClaimsAnswerAsOnSQLite() throws {
        let (sqlite, key) = try PostgresStoreTests.sqliteStore()
        try sqlite.write { tx in try Self.receive(tx) }
        let expected = try sqlite.read { tx in try Self.answers(tx) }
        #expect(expected.keyableCount == 3)
        #expect(expected.holding.count == 5)
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.receive(tx) }
            let answers = try store.databaseRead { tx in try Self.answers(tx) }
            #expect(answers.batches == expected.batches)
            #expect(answers.summaries == expected.summaries)
            #expect(answers.files == expected.files)
            #expect(answers.marks == expected.marks)
            #expect(answers.events == expected.events)
            #expect(answers.keyable == expected.keyable)
            #expect(answers == expected)
            #expect(try store.databaseRead { tx in try tx.verifyAudit() }.problems.isEmpty)
        }
    }
}
