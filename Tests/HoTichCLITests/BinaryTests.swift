import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// A few runs of the built `hotich` binary: exit codes, environment variables, the current folder.
@Suite struct BinaryTests {
    /// The `hotich` executable next to the test bundle.
    static var binary: URL {
        get throws {
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            if folder.lastPathComponent == "MacOS" || folder.pathExtension == "xctest" {
                folder = folder.deletingLastPathComponent()
            }
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let url = candidate.appendingPathComponent("hotich")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            let url = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hotich")
            try #require(FileManager.default.isExecutableFile(atPath: url.path), "hotich binary not found near \(folder.path)")
            return url
        }
    }

    struct Outcome {
        let status: Int32
        let out: String
        let err: String
    }

    func hotich(_ arguments: [String], in directory: URL, environment: [String: String] = [:], input: [String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = try Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in ["HOTICH_WORKSPACE", "HOTICH_USER", "HOTICH_LANG"] { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let input {
            let stdin = Pipe()
            process.standardInput = stdin
            try process.run()
            stdin.fileHandleForWriting.write(Data((input.joined(separator: "\n") + "\n").utf8))
            try? stdin.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = String(decoding: errData, as: UTF8.self)
        PersonalData.expectNone(in: errors, from: arguments)
        return Outcome(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: errors)
    }

    /// The whole line at the most talkative log level, and a refused import: standard error (where
    /// every log line goes) holds none of the fixture people's names, in any spelling, nor their
    /// birth dates.
    @Test func noPersonalDataReachesStandardErrorAtAnyLogLevel() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let trace = ["HOTICH_LOG_LEVEL": "trace"]
        let demo = try hotich(["demo"], in: root, environment: trace)
        #expect(demo.status == 0, "\(demo.err.suffix(500))")
        let rows = SampleKeyings.rows(pass: 1).dropFirst()
        #expect(rows.contains { demo.out.contains($0[10]) }, "the demo shows people it keyed: the check below is not vacuous")
        #expect(demo.err.contains("import done"), "the log lines are there to be read")
        var errors = demo.err
        // A file whose rows are refused, naming rows and columns only.
        let workspace = root.appendingPathComponent("ws")
        _ = try hotich(["init", "--workspace", workspace.path, "--office", "00001", "--admin", "quantri", "--identity", "names"], in: root, environment: trace)
        let bad = root.appendingPathComponent("loi.csv")
        var sheet = SampleKeyings.rows(pass: 1)
        for index in 1..<sheet.count { sheet[index][11] = "9" }
        try Data(sheet.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: bad)
        let refused = try hotich(["key", "import", "KHONG-CO", bad.path, "--workspace", workspace.path, "--as", "quantri"], in: root, environment: trace)
        #expect(refused.status != 0)
        errors += refused.err
        // Every name and birth date of the sample, in every spelling (`PersonalData`).
        #expect(PersonalData.spellings.allSatisfy { !errors.contains($0) }, "a name or birth date on standard error")
        #expect(PersonalData.spellings.count > 30, "the list is not empty")
    }

    @Test func exitCodesEnvironmentAndTheCurrentFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        let outside = try hotich(["status"], in: root, environment: ["HOTICH_USER": "quantri"])
        #expect(outside.status == 1)
        #expect(outside.err.hasPrefix("Lỗi: Không có không gian làm việc hotich ở \(root.path)."))

        let usage = try hotich(["init", "--office", "1"], in: root)
        #expect(usage.status == 64)

        // The current folder is the workspace when nothing else is said.
        let created = try hotich(["init", "--office", "00001", "--admin", "quantri", "--identity", "names"], in: root)
        #expect(created.status == 0, "\(created.err)")
        let users = try hotich(["user", "list", "--format", "csv"], in: root, environment: ["HOTICH_USER": "quantri"])
        #expect(users.status == 0)
        #expect(users.out.contains("quantri,admin,"))

        // HOTICH_WORKSPACE and HOTICH_LANG from anywhere else.
        let elsewhere = FileManager.default.temporaryDirectory
        let english = try hotich(
            ["user", "add", "giamsat", "--role", "supervisor"], in: elsewhere,
            environment: ["HOTICH_WORKSPACE": root.path, "HOTICH_USER": "quantri", "HOTICH_LANG": "en"])
        #expect(english.status == 0)
        #expect(english.out == "Added user giamsat with role supervisor.\n")

        // Progress stays quiet when standard error is not a terminal.
        let book = try SampleScans.writeGoodBook(into: root.appendingPathComponent("deliveries"))
        let receive = try hotich(
            ["batch", "receive", book.path, "--kind", "KS", "--office", "00001", "--year", "2017", "--volume", "1"],
            in: root, environment: ["HOTICH_USER": "giamsat"])
        #expect(receive.status == 0)
        #expect(receive.err.isEmpty)

        let wrongUser = try hotich(["batch", "list"], in: root, environment: ["HOTICH_USER": "khong-co"])
        #expect(wrongUser.status == 1)
        #expect(wrongUser.err.contains("khong-co"))
    }
}
