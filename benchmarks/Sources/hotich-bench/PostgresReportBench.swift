import ArgumentParser
import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichWorkflow

/// `pg-report`: the same verified records in a PostgreSQL and a SQLite workspace (loaded by the
/// bulk writer, then verified), then the export of every verified batch, the progress report and
/// the weekly review timed in each, in the same run; each figure is reported with its ratio.
struct PostgresReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pg-report", abstract: "Export and reports, PostgreSQL against SQLite.")

    @Option(help: "Connection string of the server (a role that may create databases).") var database: String
    @Option(help: "Records.") var records = 20_000
    @Option(help: "Records per batch.") var perBatch = 2_000

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pgreport-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try withBenchDatabase(on: database) { connectionString in try compareStores(root, connectionString) }
    }

    /// Makes the two workspaces, the PostgreSQL one in the database `connectionString` names, and measures both.
    private func compareStores(_ root: URL, _ connectionString: String) throws {
        let office = OfficeCode(literal: "20999")
        let postgres = try Workspace.create(
            at: root.appendingPathComponent("pg"), database: connectionString, office: office, name: nil, admin: "quantri", identity: .names)
        let sqlite = try Workspace.create(at: root.appendingPathComponent("sqlite"), office: office, name: nil, admin: "quantri", identity: .names)
        var timings: [String: [String: Double]] = [:]
        for (label, workspace) in [("sqlite", sqlite), ("postgresql", postgres)] {
            try load(workspace)
            let supervisor = try workspace.session(as: "giamsat")
            let out = root.appendingPathComponent("exports-\(label)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            timings[label, default: [:]]["export"] = try Measure.time {
                try supervisor.export(ExportRequest(batchIDs: [], allVerified: true, folder: out))
            }.1
            timings[label, default: [:]]["progress"] = try Measure.time { try supervisor.progressReport(by: .batch) }.1
            timings[label, default: [:]]["weekly"] = try Measure.time { try supervisor.weeklyReview() }.1
        }
        for figure in ["export", "progress", "weekly"] {
            let (pg, lite) = (timings["postgresql"]?[figure] ?? 0, timings["sqlite"]?[figure] ?? 0)
            Measure.report(
                "pg-\(figure)", String(format: "%.2f", pg / max(lite, 1e-9)), "× SQLite",
                "\(records) records: PostgreSQL \(String(format: "%.2f", pg)) s, SQLite \(String(format: "%.2f", lite)) s")
        }
    }

    /// `records` verified records in batches of `perBatch`, each keyed once by the bulk writer.
    private func load(_ workspace: Workspace) throws {
        let admin = try workspace.session(as: "quantri")
        try admin.addUser(name: "giamsat", role: .supervisor)
        let names = ["NGUYỄN VĂN AN", "TRẦN THỊ BÌNH", "LÊ HOÀNG CƯỜNG", "PHẠM THỊ DUNG", "ĐẶNG THÙY DƯƠNG"]
        for batchIndex in 0..<max(1, records / perBatch) {
            let id = "KS-20999-2017-\(batchIndex + 1)"
            try workspace.store.write { tx in
                let now = Timestamp.now()
                let bookId = try tx.bookId(for: BookIdentity(office: OfficeCode(literal: "20999"), kind: .birth, year: 2017, volume: batchIndex + 1))
                let files = (1...perBatch).map { number in
                    ScanFile(id: nil, batchId: id, path: String(format: "KS.2017.%02d.2017-01-05.%05d.pdf", batchIndex + 1, number), bytes: 1_000,
                             sha256: String(format: "%064d", batchIndex * 100_000 + number), format: .pdf, usable: true,
                             nameNumber: "\(number)", nameDate: "05.01.2017")
                }
                var batch = Batch(
                    id: id, bookId: bookId, sequence: 1, policy: .review, state: .received, heldFrom: nil, sourcePath: "/tmp", sourceKind: .folder,
                    storedRoot: "/tmp", fileCount: perBatch, totalBytes: Int64(perBatch * 1_000), contentDigest: "bench-\(id)-\(UUID().uuidString)",
                    receivedAt: now, receivedBy: "giamsat", updatedAt: now)
                try tx.insertBatch(batch, files: files, issues: [])
                let stored = try tx.scanFiles(batch: id)
                let writer = try tx.bulkKeyingWriter(
                    batch: id, kind: .birth, office: OfficeCode(literal: "20999"), pass: 1, operator: "quantri", source: "bench.csv", at: now)
                for (index, file) in stored.enumerated() {
                    let recordID = UUID().uuidString.lowercased()
                    let fields: [String: FieldValue] = [
                        "so": .filled(String(index + 1)), "quyenSo": .filled(String(format: "%02d/2017", batchIndex + 1)),
                        "ngayDangKy": .filled("05.01.2017"), "loaiDangKy": .filled("Đăng ký đúng hạn"), "noiDangKy": .filled("UBND xã thử nghiệm"),
                        "nksHoTen": .filled(names[index % names.count]), "nksGioiTinh": .filled("Nam"), "nksNgaySinh": .filled("02.01.2017"),
                        "nksNoiSinh": .filled("Trạm y tế xã"), "meHoTen": .filled(names[(index + 1) % names.count]),
                    ]
                    try writer.insertCreating(
                        id: recordID, scanFileId: file.id, entryKey: "file:\(file.id ?? 0)", registrationYear: 2017, number: String(index + 1),
                        subjectName: VietnameseText.folded(names[index % names.count]), subjectBirthYear: 2017, subjectPersonalID: nil,
                        fields: PackedFieldSet(fields))
                    try writer.appendAudit(action: .importFile, subject: recordID, reason: nil)
                }
                try writer.finish()
                for recordID in try tx.recordIds(batch: id, status: .keyed) {
                    try tx.setStatus(record: recordID, .verified, verifiedBy: "giamsat", at: now)
                }
                batch.state = .verified
                batch.updatedAt = now
                try tx.updateBatch(batch)
                try tx.appendAudit(AuditEntry(actor: "giamsat", action: .verify, batchId: id), at: now)
            }
        }
    }
}
