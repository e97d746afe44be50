import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `contention`: many hands on one workspace. Eight operator processes key interactively (every
/// answer saved, as the keying loop does), a supervisor imports N rows, and another process runs
/// `verify` and the reports, all at once. Measures how long each interactive save waits, and
/// counts every command that failed for a lock.
struct Contention: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contention", abstract: "Measure interactive saves during an import, a verify and reports.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Rows the supervisor imports.") var rows = 100_000
    @Option(help: "Operator processes.") var keyers = 8
    @Option(help: "Milliseconds between an operator's answers.") var pause = 200
    @Option(help: "Seconds the operators and the reporter keep going after the import.") var tail = 5

    func run() throws {
        let folder = URL(fileURLWithPath: workspace)
        let ws = try Workspace.open(at: folder)
        let admin = try ws.session(as: "quantri")
        var batches: [String] = []
        for index in 1...keyers {
            let name = "nhanh\(index)"
            if (try? ws.session(as: name)) == nil { try admin.addUser(name: name, role: .operator) }
            batches.append(try addEmptyBatch(ws, files: 2_000, tag: "k\(index)-\(UUID().uuidString.prefix(6))"))
        }
        let verifyBatch = try SyntheticWorkspace(records: 2_000, seed: 99).appendBatch(
            to: ws, count: 2_000, kind: .birth, office: OfficeCode(literal: "20201"), year: 2019, state: .keyed, policy: .double)
        let importBatch = try addEmptyBatch(ws, files: 0, tag: "import-\(UUID().uuidString.prefix(6))")
        let csv = folder.appendingPathComponent("contention-import.csv")
        try ImportRows.writeRows(rows, to: csv)

        let stop = folder.appendingPathComponent("contention.stop")
        try? FileManager.default.removeItem(at: stop)
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var children: [(Process, URL)] = []
        func spawn(_ arguments: [String], log: String) throws {
            let out = folder.appendingPathComponent(log)
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let process = Process()
            process.executableURL = me
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: out)
            try process.run()
            children.append((process, out))
        }
        for (index, batch) in batches.enumerated() {
            try spawn(["keyer", "--workspace", workspace, "--batch", batch, "--user", "nhanh\(index + 1)", "--pause", "\(pause)",
                       "--stop", stop.path], log: "keyer-\(index + 1).log")
        }
        try spawn(["reporter", "--workspace", workspace, "--batch", verifyBatch, "--stop", stop.path], log: "reporter.log")
        Thread.sleep(forTimeInterval: 2)

        var importFailure: String?
        let (report, seconds) = try Measure.time { () -> ImportReport? in
            do {
                return try ws.session(as: "nhaplieu1").importKeyings(ImportRequest(batchID: importBatch, file: csv))
            } catch let error as HoTichError {
                importFailure = error.message.text(in: .english)
                return nil
            }
        }
        Thread.sleep(forTimeInterval: Double(tail))
        _ = FileManager.default.createFile(atPath: stop.path, contents: nil)
        var saves: [Double] = []
        var failures: [String] = importFailure.map { ["import: \($0)"] } ?? []
        var reports = 0
        for (process, log) in children {
            process.waitUntilExit()
            for line in (try String(contentsOf: log, encoding: .utf8)).split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                switch parts.first {
                case "SAVE": saves.append(Double(parts.last ?? "") ?? 0)
                case "FAIL": failures.append(parts.last ?? "?")
                case "REPORT": reports += 1
                default: continue
                }
            }
        }
        let imported = report?.imported ?? 0
        let context = "\(keyers) keyers, \(saves.count) saves, \(reports) verify+report rounds, \(rows)-row import"
        Measure.report("contention-save-median", String(format: "%.1f", Measure.percentile(saves, 0.5)), "ms", context)
        Measure.report("contention-save-p99", String(format: "%.1f", Measure.percentile(saves, 0.99)), "ms", context)
        Measure.report("contention-save-max", String(format: "%.1f", saves.max() ?? 0), "ms", context)
        Measure.report("contention-failures", "\(failures.count)", "commands", failures.prefix(3).joined(separator: "; "))
        Measure.report("contention-import", String(format: "%.0f", Double(imported) / seconds), "rows/s",
                       "\(imported) rows in \(String(format: "%.1f", seconds)) s beside the keyers")
    }
}

/// `keyer`: one operator keying entries one answer at a time until told to stop; prints each save's
/// wait (`SAVE ms`) and each failure (`FAIL reason`).
struct Keyer: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "An operator process for `contention`.", shouldDisplay: false)

    @Option var workspace: String
    @Option var batch: String
    @Option var user: String
    @Option var pause = 200
    @Option var stop: String

    func run() throws {
        let session = try Workspace.open(at: URL(fileURLWithPath: workspace)).session(as: user)
        let answers: [(String, FieldValue)] = [
            ("so", .filled("1")), ("quyenSo", .filled("01/2017")), ("ngayDangKy", .filled("05.01.2017")),
            ("loaiDangKy", .filled("Đăng ký đúng hạn")), ("noiDangKy", .filled("UBND xã thử nghiệm")),
            ("nksHoTen", .filled("NGUYỄN VĂN AN")), ("nksGioiTinh", .filled("Nam")), ("nksNgaySinh", .filled("02.01.2017")),
            ("nksNoiSinh", .filled("Trạm y tế xã")),
        ]
        var number = 0
        func timed(_ body: () throws -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                try body()
                print("SAVE\t\(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)")
            } catch {
                print("FAIL\t\((error as? HoTichError)?.message.text(in: .english) ?? "\(type(of: error))")")
            }
        }
        while !FileManager.default.fileExists(atPath: stop) {
            var claimed: KeyingTask?
            timed { claimed = try session.startKeying(batch: batch, pass: 1) }
            guard var task = claimed else { break }
            number += 1
            for (key, value) in answers {
                Thread.sleep(forTimeInterval: Double(pause) / 1000)
                task.values[key] = key == "so" ? .filled("\(number)") : value
                task.position += 1
                timed { try session.saveDraft(task) }
            }
            timed { _ = try session.completeKeying(task) }
        }
    }
}

/// `reporter`: a supervisor's and a verifier's reading while others write: `verify` of a keyed
/// batch, `status`, error rates and findings, round after round until told to stop.
struct Reporter: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A verify-and-report process for `contention`.", shouldDisplay: false)

    @Option var workspace: String
    @Option var batch: String
    @Option var stop: String

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let verifier = try ws.session(as: "kiemtra")
        let supervisor = try ws.session(as: "giamsat")
        while !FileManager.default.fileExists(atPath: stop) {
            do {
                _ = try verifier.verify(batch: batch)
                _ = try supervisor.status()
                _ = try supervisor.errorRates()
                _ = try supervisor.findings(batch: batch)
                print("REPORT\tok")
            } catch {
                print("FAIL\t\((error as? HoTichError)?.message.text(in: .english) ?? "\(type(of: error))")")
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }
}
