package import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// The root of the `hotich` command line.
///
/// `main()` is replaced so that hotich's own errors are said in the user's language with the
/// documented exit codes: 0 success, 1 a failure to act on, 64 bad usage.
package struct Hotich: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "hotich",
        abstract: "Số hóa sổ hộ tịch: nhận lô quét, nhập liệu, kiểm tra, xuất XML. / Digitizing civil-status registers.",
        version: HotichVersion.current,
        subcommands: [
            Init.self, UserCommand.self, BatchCommand.self, Key.self, Verify.self, Arbitrate.self, Review.self, QA.self,
            Duplicates.self, Search.self, Ref.self, TextCommand.self, Keys.self, Report.self, PlanCommand.self, CalendarCommand.self, Export.self, RecordCommand.self, Validate.self, Status.self, Audit.self, Backup.self, Restore.self, Compact.self, StoreCommand.self, Demo.self, DevFixtures.self, DevSchemas.self,
        ])

    package init() {}

    /// Parses `arguments`, runs the command and returns the exit code; errors are written to the console.
    package static func run(arguments: [String]) -> Int32 {
        let language = languageHint(arguments)
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as HoTichError {
            // A catalog message of several lines (a list of conflicts) is written line by line,
            // each escaped on its own: the catalog escapes every value it quotes.
            for line in (errorPrefix(language) + error.message.text(in: language)).split(separator: "\n", omittingEmptySubsequences: false) {
                console.errorLine(String(line))
            }
            return error.category == .usage ? ExitCode.validationFailure.rawValue : ExitCode.failure.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let error where FileSystemFailure.hotichError(for: error) != nil {
            // A file the system would not read or write: said as a catalog message, never as a raw
            // error string (`NSCocoaErrorDomain Code=640`).
            let message = FileSystemFailure.hotichError(for: error)?.message ?? .fileSystemFailure(path: "?", problem: .other)
            console.errorLine(errorPrefix(language) + message.text(in: language))
            return ExitCode.failure.rawValue
        } catch {
            let code = exitCode(for: error).rawValue
            var text = fullMessage(for: error)
            if language == .vietnamese, text.hasPrefix("Error: ") {
                text = errorPrefix(language) + text.dropFirst("Error: ".count)
            }
            // ArgumentParser's help and usage text has several lines: each is escaped on its own.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if code == 0 {
                for line in lines { console.line(line) }
            } else if !text.isEmpty {
                for line in lines { console.errorLine(line) }
            }
            return code
        }
    }

    package static func main() {
        Foundation.exit(run(arguments: Array(CommandLine.arguments.dropFirst())))
    }

    static func errorPrefix(_ language: Language) -> String {
        language == .vietnamese ? "Lỗi: " : "Error: "
    }

    /// The language from `--lang` on the command line, else `HOTICH_LANG`: errors found while
    /// parsing are said in it too.
    static func languageHint(_ arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return Language(code: arguments[index + 1]) }
            if argument.hasPrefix("--lang=") { return Language(code: String(argument.dropFirst(7))) }
        }
        return Language(code: ProcessInfo.processInfo.environment["HOTICH_LANG"])
    }
}
