import ArgumentParser
import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichWorkflow

/// `pg-save`: interactive saves (each answer saved as a draft, each entry completed) by N keyers at
/// once, each with a workspace and connections of its own, on PostgreSQL and on SQLite in the same
/// run: the save's median, p99 and maximum in milliseconds for each store.
struct PostgresSaveBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pg-save", abstract: "Interactive saves by concurrent keyers, PostgreSQL and SQLite.")

    @Option(help: "Connection string of the server (a role that may create databases).") var database: String
    @Option(help: "Keyers at once.") var keyers = 16
    @Option(help: "Entries each keyer completes.") var entries = 10
    @Option(help: "Milliseconds between a keyer's answers (0: as fast as the store takes them).") var pause = 0
    @Option(help: "Records already in each workspace before the keyers start (loaded by the bulk writer, 50 000 a batch).") var preload = 0

    static let answers: [(String, FieldValue)] = [
        ("so", .filled("1")), ("quyenSo", .filled("01/2017")), ("ngayDangKy", .filled("05.01.2017")),
        ("loaiDangKy", .filled("Đăng ký đúng hạn")), ("noiDangKy", .filled("UBND xã thử nghiệm")),
        ("nksHoTen", .filled("NGUYỄN VĂN AN")), ("nksGioiTinh", .filled("Nam")), ("nksNgaySinh", .filled("02.01.2017")),
        ("nksNoiSinh", .filled("Trạm y tế xã")),
    ]

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pgsave-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try withBenchDatabase(on: database) { connectionString in try compareStores(root, connectionString) }
    }

    /// Makes the two workspaces, the PostgreSQL one in the database `connectionString` names, and measures both.
    private func compareStores(_ root: URL, _ connectionString: String) throws {
        let postgres = root.appendingPathComponent("pg")
        _ = try Workspace.create(
            at: postgres, database: connectionString, office: OfficeCode(literal: "20999"), name: nil, admin: "quantri", identity: .names)
        let sqlite = root.appendingPathComponent("sqlite")
        _ = try Workspace.create(at: sqlite, office: OfficeCode(literal: "20999"), name: nil, admin: "quantri", identity: .names)
        for (label, folder) in [("postgresql", postgres), ("sqlite", sqlite)] {
            let saves = try measure(folder)
            let context = "\(keyers) keyers at once, \(pause) ms between answers, \(saves.count) saves, \(preload) records before, \(label)"
            Measure.report("\(label)-save-median", String(format: "%.1f", Measure.percentile(saves, 0.5)), "ms", context)
            Measure.report("\(label)-save-p99", String(format: "%.1f", Measure.percentile(saves, 0.99)), "ms", context)
            Measure.report("\(label)-save-max", String(format: "%.1f", saves.max() ?? 0), "ms", context)
        }
    }

    /// Sets up a batch per keyer in the workspace at `folder`, then lets every keyer key at once.
    private func measure(_ folder: URL) throws -> [Double] {
        let workspace = try Workspace.open(at: folder)
        let admin = try workspace.session(as: "quantri")
        try admin.addUser(name: "giamsat", role: .supervisor)
        if preload > 0 { try loadSyntheticRecords(into: workspace, records: preload, perBatch: min(preload, 50_000), verified: false) }
        var batches: [String] = []
        for index in 1...keyers {
            try admin.addUser(name: "nhanh\(index)", role: .operator)
            let id = "KS-20999-2017-\(index)"
            try workspace.store.write { tx in
                let book = BookIdentity(office: OfficeCode(literal: "20999"), kind: .birth, year: 2017, volume: index)
                let bookId = try tx.bookId(for: book)
                let now = Timestamp.now()
                let files = (1...entries).map { number in
                    ScanFile(id: nil, batchId: id, path: "KS.2017.\(index).2017-01-05.\(number).pdf", bytes: 1_000,
                             sha256: String(format: "%064d", index * 1_000 + number), format: .pdf, usable: true,
                             nameNumber: "\(number)", nameDate: "05.01.2017")
                }
                try tx.insertBatch(
                    Batch(id: id, bookId: bookId, sequence: 1, policy: .review, state: .received, heldFrom: nil, sourcePath: "/tmp",
                          sourceKind: .folder, storedRoot: "/tmp", fileCount: entries, totalBytes: Int64(entries * 1_000),
                          contentDigest: "bench-\(id)-\(UUID().uuidString)", receivedAt: now, receivedBy: "giamsat", updatedAt: now),
                    files: files, issues: [])
                try tx.appendAudit(AuditEntry(actor: "giamsat", action: .receive, batchId: id), at: now)
            }
            batches.append(id)
        }
        let saves = SaveTimes()
        let group = DispatchGroup()
        let pause = self.pause
        for (index, batch) in batches.enumerated() {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    // A workspace of its own, as a separate process would have.
                    let session = try Workspace.open(at: folder).session(as: "nhanh\(index + 1)")
                    while var task = try session.startKeying(batch: batch, pass: 1) {
                        for (key, value) in Self.answers {
                            if pause > 0 { Thread.sleep(forTimeInterval: Double(pause) / 1_000) }
                            task.values[key] = value
                            task.position += 1
                            let start = DispatchTime.now().uptimeNanoseconds
                            try session.saveDraft(task)
                            saves.add(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                        }
                        let start = DispatchTime.now().uptimeNanoseconds
                        _ = try session.completeKeying(task)
                        saves.add(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    }
                } catch {
                    saves.fail("\((error as? HoTichError)?.message.text(in: .english) ?? "\(type(of: error))")")
                }
            }.start()
        }
        group.wait()
        if let failure = saves.failures.first { throw ValidationError("a keyer failed: \(failure)") }
        return saves.all
    }
}

/// Save times gathered from the keyers' threads.
final class SaveTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []
    private(set) var failures: [String] = []

    func add(_ milliseconds: Double) {
        lock.lock()
        times.append(milliseconds)
        lock.unlock()
    }

    func fail(_ text: String) {
        lock.lock()
        failures.append(text)
        lock.unlock()
    }

    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return times
    }
}
