package import ArgumentParser
package import Foundation
package import HoTichModel
package import HoTichExchange
package import HoTichWorkflow
package import Logging

/// The options every command takes: where the workspace is, who is acting, in which language.
package struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Thư mục không gian làm việc / workspace folder (HOTICH_WORKSPACE; default: current folder).")
    package var workspace: String?

    @Option(name: .customLong("as"), help: "Người thực hiện / acting user (HOTICH_USER; default: login name).")
    package var user: String?

    @Option(name: .long, help: "Ngôn ngữ / language: vi | en (HOTICH_LANG; default vi).")
    package var lang: String?

    @Option(name: .customLong("passphrase-fd"), help: "Đọc mật khẩu của người được --as từ mô tả tệp này (cho tập lệnh) / read the --as user's passphrase from this file descriptor (for scripts).")
    package var passphraseDescriptor: Int32?

    package init() {}

    /// The language messages are written in.
    package var language: Language {
        Language(code: lang ?? ProcessInfo.processInfo.environment["HOTICH_LANG"])
    }

    /// The workspace folder from `--workspace`, `HOTICH_WORKSPACE` or the current folder.
    package var workspaceFolder: URL {
        Workspace.locate(
            explicit: workspace, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The user asked for with `--as` or `HOTICH_USER`, if any.
    package var requestedUser: String? {
        if let user, !user.isEmpty { return user }
        if let name = ProcessInfo.processInfo.environment["HOTICH_USER"], !name.isEmpty { return name }
        return nil
    }

    /// The account the operating system runs this process as (its real user id's entry in the
    /// account database), which the environment cannot change; nil for a user id without one
    /// (then no account is known: `USER` and `LOGNAME` are never believed in its place).
    package static var accountName: String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The login name of the person running the command.
    package static var loginName: String? {
        let environment = ProcessInfo.processInfo.environment
        let name = environment["USER"] ?? environment["LOGNAME"] ?? ProcessInfo.processInfo.userName
        return name.isEmpty ? nil : name
    }

    /// Opens the workspace. Log lines go to standard error at warning level unless `HOTICH_LOG_LEVEL` says otherwise.
    /// - Parameter given: a connection string the command was given (`store copy --to`), which wins.
    package func openWorkspace(database given: String? = nil) throws -> Workspace {
        // A PostgreSQL workspace's folder names its database; HOTICH_DATABASE, when set, says how
        // this client reaches it (another host name, a role of its own).
        let database = given ?? ProcessInfo.processInfo.environment["HOTICH_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
        return try Workspace.open(at: workspaceFolder, logger: Self.logger, database: database)
    }

    /// Opens the workspace and starts a session as the acting user: the account's own, or the
    /// one asked for, proven by their passphrase (see ``Workspace/session(claim:)``).
    package func session(database: String? = nil) throws -> Session {
        try openWorkspace(database: database).session(claim: claim)
    }

    /// Who this command says is acting, with the way to ask for a passphrase.
    package var claim: IdentityClaim {
        let descriptor = passphraseDescriptor
        let language = self.language
        return IdentityClaim(account: Self.accountName, requested: requestedUser, environmentName: Self.loginName) { user in
            if let descriptor { return try PassphraseInput.read(descriptor: descriptor) }
            return PassphraseInput.ask(Message.identity(.passphrasePrompt(user: user)).text(in: language))
        }
    }

    /// The library's logger: standard error (the console's), never standard output, never register
    /// content; at warning level unless `HOTICH_LOG_LEVEL` or the console says otherwise.
    package static var logger: Logger {
        let console = Console.current
        var logger = Logger(label: "hotich") { label in ConsoleLogHandler(label: label, console: console) }
        let level = ProcessInfo.processInfo.environment["HOTICH_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = console.traceLogs ? .trace : level ?? .warning
        return logger
    }
}

/// The `--format` option of commands that print data.
package struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Định dạng / output format: table | json | csv.")
    package var format: OutputFormat = .table

    package init() {}
}

/// Turns a catalog message into ArgumentParser's usage error (exit code 64).
func usageError(_ message: Message, _ language: Language) -> ValidationError {
    ValidationError(message.text(in: language))
}
