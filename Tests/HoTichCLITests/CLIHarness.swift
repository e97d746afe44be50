import Foundation
import HoTichCLI
import Testing

/// Runs `hotich` in-process with a capturing console.
final class CapturedRun: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    private(set) var exitCode: Int32 = -1
    /// Lines standard input still holds.
    private var pending: [String] = []
    /// How many input lines were not read.
    var unreadInput: Int { lock.withLock { pending.count } }

    var out: String { lock.withLock { outText } }
    var err: String { lock.withLock { errText } }

    /// Runs `arguments` (without the program name) and captures what it writes, with every log
    /// line; standard error is checked for the fixture people's personal data.
    @discardableResult
    static func run(_ arguments: [String], input: [String] = []) -> CapturedRun {
        let run = CapturedRun()
        run.pending = input
        let console = Console(
            out: { text in run.lock.withLock { run.outText += text } },
            err: { text in run.lock.withLock { run.errText += text } },
            errorIsTerminal: false,
            readLine: { run.lock.withLock { run.pending.isEmpty ? nil : run.pending.removeFirst() } },
            traceLogs: true)
        run.exitCode = Console.$current.withValue(console) { Hotich.run(arguments: arguments) }
        PersonalData.expectNone(in: run.err, from: arguments)
        return run
    }
}

/// A temporary folder holding a workspace made through the command line.
final class CLIWorkspace {
    let root: URL
    var path: String { root.appendingPathComponent("ws").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // A throw-away workspace: the tests act as each user by name.
        let created = CapturedRun.run(["init", "--workspace", path, "--office", "00001", "--admin", "quantri", "--identity", "names"])
        #expect(created.exitCode == 0, "init: \(created.err)")
        CapturedRun.run(["user", "add", "giamsat", "--role", "supervisor", "--workspace", path, "--as", "quantri"])
        CapturedRun.run(["user", "add", "nhaplieu", "--role", "operator", "--workspace", path, "--as", "quantri"])
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs a command in this workspace as `user`.
    @discardableResult
    func run(_ arguments: [String], as user: String = "giamsat", lang: String? = nil, input: [String] = []) -> CapturedRun {
        var full = arguments + ["--workspace", path, "--as", user]
        if let lang { full += ["--lang", lang] }
        return CapturedRun.run(full, input: input)
    }
}
