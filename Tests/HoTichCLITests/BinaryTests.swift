import Foundation
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

    func hotich(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Outcome {
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
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: errData, as: UTF8.self))
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
        let created = try hotich(["init", "--office", "00001", "--admin", "quantri"], in: root)
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
