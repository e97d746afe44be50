import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich validate FILE [--package DIR]`: check any export, manifest or receipt against the schema.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kiểm tra tệp XML theo lược đồ / validate an export, manifest or receipt against the bundled schema.")

    /// Accepted like every command's; validation needs no workspace and no user.
    @OptionGroup var global: GlobalOptions

    @Argument(help: "Tệp XML / the XML file, or a package folder (its manifest and every file in it).")
    var file: String

    @Option(help: "Khóa công khai để kiểm chữ ký của gói / the public key to check a package folder's signature with.")
    var key: String?

    func run() throws {
        let language = global.language
        let console = Console.current
        let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw HoTichError(.pathNotFound(url.path))
        }
        // The key is read before a long check, and only for a package folder.
        var verifier: PackageVerifier?
        if let key {
            guard isDirectory.boolValue else {
                throw ValidationError(language == .vietnamese ? "--key chỉ dùng với thư mục gói xuất." : "--key checks a package folder.")
            }
            verifier = try KeyFile.verifier(URL(fileURLWithPath: key, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL)
        }
        let targets = isDirectory.boolValue ? ExportValidator.packageFiles(in: url) : [(url, nil)]
        var invalid = 0
        for (target, package) in targets {
            // A large export is validated in parts on every core; a terminal sees how far it is.
            let progress = ProgressBox(ProgressLine(console: console, language: language, message: Message.validateProgress))
            let report = ExportValidator.validate(file: target, packageFolder: package) { done, total in
                progress.update(done: Int(done / 1_000_000), total: Int(total / 1_000_000))
            }
            progress.end()
            for problem in report.lines {
                console.line(Message.validateProblem(line: problem.line, message: problem.message).text(in: language))
            }
            if report.isValid {
                console.line(Message.validateValid(path: target.path, document: report.document?.rawValue ?? "?", items: report.items).text(in: language))
            } else {
                invalid += 1
                console.line(Message.validateInvalid(path: target.path, problems: report.problemCount).text(in: language))
            }
        }
        if let verifier {
            let verdict = KeyFile.verifyPackage(url, with: verifier)
            console.line(Message.signature(verdict).text(in: language))
            if case .valid = verdict {} else { invalid += 1 }
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
