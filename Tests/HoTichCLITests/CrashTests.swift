import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing
import ZIPFoundation

/// The real binary killed with SIGKILL at random moments while it receives, imports, keys,
/// verifies and exports. After each kill: SQLite finds the database sound, every save the binary
/// acknowledged is there unchanged, no package stands under its final name without a valid
/// manifest, and running the command again completes with nothing doubled.
///
/// The suite kills at a fixed set of moments; `HOTICH_CRASH_KILLS=50` (or more) kills at as many
/// random moments, each seed printed so that a failure can be replayed (`HOTICH_CRASH_SEED`).
@Suite(.serialized) struct CrashTests {
    static let batch = "KS-00001-2017-01-1"
    static let kills = Int(ProcessInfo.processInfo.environment["HOTICH_CRASH_KILLS"] ?? "") ?? 0
    static let seed = UInt64(ProcessInfo.processInfo.environment["HOTICH_CRASH_SEED"] ?? "") ?? 20_261_202

    /// The delays (seconds) after which a run is killed: fixed in the suite, random for a full run.
    static func delays(_ fixed: [Double]) -> [Double] {
        guard kills > 0 else { return fixed }
        // SplitMix64 from the seed: the same seed kills at the same moments.
        var state = seed
        return (0..<max(1, kills / 4)).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) % 1_500) / 1_000
        }
    }

    /// A workspace made by the binary, with its users.
    final class Site {
        let root: URL
        var workspace: String { root.appendingPathComponent("ws").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try run(["init", "--office", "00001", "--admin", "quantri", "--identity", "names"], as: "quantri")
            for (name, role) in [("giamsat", "supervisor"), ("nhaplieu", "operator"), ("nhaplieu2", "operator"), ("kiemtra", "verifier")] {
                try run(["user", "add", name, "--role", role], as: "quantri")
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func process(_ arguments: [String], as user: String, input: String? = nil) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = try BinaryTests.binary
            process.arguments = arguments + ["--workspace", workspace, "--as", user, "--lang", "en"]
            var environment = ProcessInfo.processInfo.environment
            for key in ["HOTICH_WORKSPACE", "HOTICH_USER", "HOTICH_LANG"] { environment[key] = nil }
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            if let input {
                let stdin = Pipe()
                process.standardInput = stdin
                try process.run()
                stdin.fileHandleForWriting.write(Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
            } else {
                process.standardInput = FileHandle.nullDevice
                try process.run()
            }
            return (process, out)
        }

        /// Runs to the end; returns its standard output, throwing when it fails.
        @discardableResult
        func run(_ arguments: [String], as user: String = "giamsat", input: String? = nil) throws -> String {
            let (process, out) = try process(arguments, as: user, input: input)
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "\(arguments) exited \(process.terminationStatus): \(text)")
            return text
        }

        /// Starts the command, kills it with SIGKILL after `delay` seconds (if it is still running),
        /// and returns what it had printed.
        func killed(_ arguments: [String], as user: String = "giamsat", input: String? = nil, after delay: Double) throws -> String {
            let (process, out) = try process(arguments, as: user, input: input)
            let reader = out.fileHandleForReading
            let collected = Collected()
            let thread = Thread { collected.set(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)) }
            thread.start()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return collected.wait()
        }

        /// What every kill must leave: a sound database, and only valid packages under final names.
        func expectSound(exports: URL? = nil) throws {
            let workspace = try Workspace.open(at: URL(fileURLWithPath: self.workspace))
            #expect(try workspace.store.integrityProblems().isEmpty)
            if let exports, let names = try? FileManager.default.contentsOfDirectory(atPath: exports.path) {
                for name in names where !name.hasPrefix(".") {
                    let folder = exports.appendingPathComponent(name)
                    let report = ExportValidator.validate(file: folder.appendingPathComponent(PackageManifest.fileName), packageFolder: folder)
                    #expect(report.isValid, "package \(name) is under its final name without a valid manifest")
                }
            }
        }

        var session: Session { get throws { try Workspace.open(at: URL(fileURLWithPath: workspace)).session(as: "giamsat") } }
    }

    /// Standard output read on a thread of its own, handed over once the process has ended.
    final class Collected: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var text = ""
        func set(_ value: String) {
            text = value
            done.signal()
        }
        func wait() -> String {
            done.wait()
            return text
        }
    }

    @Test(arguments: delays([0.05, 0.3, 0.8]))
    func anImportKilledAnywhereLeavesAllOrNothing(_ delay: Double) throws {
        let site = try Site()
        let book = try SampleScans.writeGoodBook(into: site.root)
        try site.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1", "--policy", "review"])
        var rows = SampleKeyings.rows(pass: 1)
        for number in 13...6_000 {
            var row = rows[12]
            (row[0], row[1], row[3]) = ("\(number)", "\(number)", "\(number)")
            rows.append(row)
        }
        let sheet = site.root.appendingPathComponent("lon.csv")
        try Data(rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: sheet)
        let printed = try site.killed(["key", "import", Self.batch, sheet.path], as: "nhaplieu", after: delay)
        try site.expectSound()
        let count = try site.session.records(batch: Self.batch).count
        #expect(count == 0 || count == 6_000, "all or nothing, found \(count) (killed after \(delay) s)")
        if printed.contains("6,000 imported") { #expect(count == 6_000, "an acknowledged import is there") }
        try site.run(["key", "import", Self.batch, sheet.path], as: "nhaplieu")
        #expect(try site.session.records(batch: Self.batch).count == 6_000, "the rerun completes without doubling")
    }

    @Test(arguments: delays([0.02, 0.15, 0.4]))
    func aReceiveKilledAnywhereCanBeReceivedAgain(_ delay: Double) throws {
        let site = try Site()
        let book = site.root.appendingPathComponent("so")
        try FileManager.default.createDirectory(at: book, withIntermediateDirectories: true)
        for number in 1...400 {
            let name = "KS.2017.01.2017-01-05.\(number).pdf"
            try Data((SampleScans.pdf(text: "muc \(number)") + String(repeating: " ", count: 20_000)).utf8).write(to: book.appendingPathComponent(name))
        }
        let zip = site.root.appendingPathComponent("so.zip")
        try FileManager.default.zipItem(at: book, to: zip, shouldKeepParent: false)
        let arguments = ["batch", "receive", zip.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"]
        _ = try site.killed(arguments, after: delay)
        try site.expectSound()
        let received = try site.session.batches()
        if received.isEmpty { try site.run(arguments) }
        let batches = try site.session.batches()
        #expect(batches.count == 1)
        #expect(try site.session.checkFiles(of: batches[0].batch.id).isValid, "every file of the batch is there")
        let scans = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: site.workspace).appendingPathComponent("scans").path)
        #expect(!scans.contains { $0.hasPrefix(".incoming-") }, "the killed receive's staging is gone: \(scans)")
    }

    @Test(arguments: delays([0.3, 0.9]))
    func interactiveKeyingKilledKeepsEveryAcknowledgedSave(_ delay: Double) throws {
        let site = try Site()
        let book = try SampleScans.writeGoodBook(into: site.root)
        try site.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1", "--policy", "review"])
        let fields = FieldCatalog.fields(for: .birth)
        var input = ""
        for number in 1...12 {
            let values = ["loaiDangKy": "1", "nksGioiTinh": "nu", "nksNgaySinh": "28.12.2016", "nksNoiSinh": "Bệnh viện Phụ sản Hà Nội",
                          "noiDangKy": "UBND phường Phúc Xá", "nksHoTen": "NGƯỜI SỐ \(number)"]
            input += fields.map { (values[$0.key] ?? "") + "\n" }.joined() + "\n"
        }
        let printed = try site.killed(["key", Self.batch], as: "nhaplieu", input: input, after: delay)
        try site.expectSound()
        let saved = printed.split(separator: "\n").filter { $0.hasPrefix("Saved record number") }
        let records = try site.session.records(batch: Self.batch)
        #expect(records.count >= saved.count, "every acknowledged save is there (killed after \(delay) s)")
        for record in records {
            guard let number = record.number.flatMap(Int.init) else { continue }
            #expect(record.fields["nksHoTen"] == .filled("NGƯỜI SỐ \(number)"), "unchanged")
        }
    }

    @Test(arguments: delays([0.02, 0.1, 0.25]))
    func verifyAndExportKilledCompleteOnTheRerunWithNothingDoubled(_ delay: Double) throws {
        let site = try Site()
        let book = try SampleScans.writeGoodBook(into: site.root)
        try site.run(["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1", "--policy", "review"])
        let sheets = site.root.appendingPathComponent("sheets")
        try SampleKeyings.write(into: sheets)
        try site.run(["key", "import", Self.batch, sheets.appendingPathComponent(SampleKeyings.fileName(pass: 1)).path], as: "nhaplieu")
        try site.run(["review", Self.batch], as: "kiemtra", input: String(repeating: "\n", count: 20))
        _ = try site.killed(["verify", Self.batch], as: "kiemtra", after: delay)
        try site.expectSound()
        try site.run(["verify", Self.batch], as: "kiemtra")
        #expect(try site.session.batchDetail(Self.batch).summary.batch.state == .verified)
        let exports = site.root.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        _ = try site.killed(["export", Self.batch, "--out", exports.path], after: delay)
        try site.expectSound(exports: exports)
        _ = try? site.run(["export", Self.batch, "--out", exports.path])
        try site.expectSound(exports: exports)
        #expect(try site.session.exportStatus().exported == 12, "each record sent once")
        #expect(try site.session.batchDetail(Self.batch).summary.batch.state == .exported)
    }
}
