import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import Testing

/// A store in memory with one office, its users and one received batch of `files` scans, written
/// through the store's own commands.
struct StoreFixture {
    static let office = OfficeCode("00001")!
    static let book = BookIdentity(office: office, kind: .birth, year: 2017, volume: 1)
    static let time = "2026-12-02T08:00:00.000Z"

    let store: SQLiteStore
    let batch: Batch
    let files: [ScanFile]

    init(files count: Int = 4, policy: VerificationPolicy = .double) throws {
        store = try SQLiteStore.inMemory()
        let time = Self.time
        (batch, files) = try store.write { (tx) throws in
            try tx.initializeWorkspace(
                WorkspaceInfo(officeCode: Self.office, name: "UBND phường Phúc Xá", createdAt: time),
                office: Office(code: Self.office, name: "UBND phường Phúc Xá", province: "01"))
            for (name, role) in [("quantri", Role.admin), ("giamsat", .supervisor), ("nhaplieu1", .operator),
                                 ("nhaplieu2", .operator), ("kiemtra", .verifier)] {
                _ = try tx.insertUser(User(id: nil, name: name, role: role, createdAt: time, createdBy: nil))
            }
            let bookId = try tx.bookId(for: Self.book)
            let batch = Batch(
                id: "KS-00001-2017-01-1", bookId: bookId, sequence: try tx.nextBatchSequence(book: bookId), policy: policy,
                state: .received, heldFrom: nil, sourcePath: "/deliveries/KS", sourceKind: .folder, storedRoot: "/deliveries/KS",
                fileCount: count, totalBytes: Int64(count * 100), contentDigest: "digest", receivedAt: time, receivedBy: "giamsat",
                updatedAt: time)
            let files = (1...count).map { number in
                ScanFile(
                    id: nil, batchId: batch.id, path: String(format: "KS.2017.01.2017-01-%02d.%02d.pdf", number, number), bytes: 100,
                    sha256: String(repeating: String(number % 10), count: 64), format: .pdf, usable: true,
                    nameNumber: String(format: "%02d", number), nameDate: "2017-01-\(String(format: "%02d", number))")
            }
            try tx.insertBatch(batch, files: files, issues: [IntakeIssue(path: "Thumbs.db", problem: .unknownType)])
            try tx.appendAudit(AuditEntry(actor: "giamsat", action: .receive, batchId: batch.id, toState: "received"), at: time)
            return (batch, try tx.scanFiles(batch: batch.id))
        }
    }

    /// The fields of entry `number` of the sample book.
    static func fields(_ number: Int, name: String = "NGUYỄN VĂN AN") -> [String: FieldValue] {
        ["so": .filled(String(format: "%02d", number)), "ngayDangKy": .filled("0\(number).01.2017"), "nksHoTen": .filled(name),
         "nksNgaySinh": .filled("01.01.2017"), "trangSo": .filled("\(number)")]
    }

    /// Keys entry `file` in `pass` through the bulk writer (a record on the first pass).
    @discardableResult
    func key(_ file: ScanFile, pass: Int, by keyer: String, fields: [String: FieldValue]) throws -> String {
        try store.write { (tx) throws in
            let writer = try tx.bulkKeyingWriter(
                batch: batch.id, kind: .birth, office: Self.office, pass: pass, operator: keyer, source: "test", at: Self.time)
            let entryKey = "file:\(file.id!)"
            if let existing = try tx.recordId(batch: batch.id, entryKey: entryKey) {
                try writer.insertJoining(recordId: existing, entryKey: entryKey, scanFileId: file.id, fields: PackedFieldSet(fields))
                try writer.appendAudit(action: .key, subject: existing, reason: "pass \(pass)")
                return existing
            }
            let id = RecordIdentifier.make()
            try writer.insertCreating(
                id: id, scanFileId: file.id, entryKey: entryKey, registrationYear: 2017, number: fields["so"]?.text,
                subjectName: fields["nksHoTen"]?.text.map(VietnameseText.folded), subjectBirthYear: 2017, subjectPersonalID: nil,
                fields: PackedFieldSet(fields))
            try writer.appendAudit(action: .key, subject: id, reason: "pass \(pass)")
            return id
        }
    }

    /// Row counts of tables, read directly.
    func count(_ table: String) throws -> Int {
        try store.databaseRead { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}
