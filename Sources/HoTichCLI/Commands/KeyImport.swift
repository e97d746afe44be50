import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich key import ID FILE [--pass N] [--partial] [--rejects FILE]`.
struct KeyImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập từ tệp CSV hoặc XLSX / import keyed entries from CSV or XLSX.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Argument(help: "Tệp CSV (UTF-8, , hoặc ;) hoặc XLSX / CSV or XLSX file.")
    var file: String

    @Option(help: "Lần nhập / keying pass (1 or 2).")
    var pass: Int = 1

    @Flag(help: "Nhập các dòng đúng, ghi dòng lỗi ra tệp riêng / import valid rows, write rejected ones to a file.")
    var partial = false

    @Option(help: "Tệp ghi dòng bị từ chối / where rejected rows go (default FILE.rejects.csv).")
    var rejects: String?

    @Option(help: "Bảng mã / text encoding: auto | utf8 | tcvn3 | vni (default auto: old TCVN3/VNI text is found and converted).")
    var encoding: TextEncodingChoice = .auto

    func validate() throws {
        guard pass == 1 || pass == 2 else { throw usageError(.invalidPass(pass), global.language) }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let request = ImportRequest(
            batchID: id, file: URL(fileURLWithPath: file, relativeTo: cwd).standardizedFileURL, pass: pass, partial: partial,
            rejectsFile: rejects.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }, language: language,
            encoding: encoding)
        // One session for the whole command: a passphrase is asked for once.
        let session = try global.session()
        let report = try session.importKeyings(request)
        TextConversionLines.print(report.textConversion, language: language)
        if let seen = report.seenBefore { console.line(Message.importSeenBefore(at: seen.at, by: seen.by).text(in: language)) }
        let shown = report.problems.prefix(50)
        for problem in shown { console.line(problem.message.text(in: language)) }
        if report.problems.count > shown.count { console.line("… +\(report.problems.count - shown.count)") }
        console.line(Message.importSummary(
            read: report.read, imported: report.imported, rejected: report.rejected, alreadyPresent: report.alreadyPresent
        ).text(in: language))
        if let rejectsFile = report.rejectsFile { console.line(Message.importRejectFile(path: rejectsFile.path).text(in: language)) }
        if report.rejected > 0 && !partial {
            throw HoTichError(.importRefused(rejected: report.rejected, read: report.read))
        }
        let remaining = try session.remainingEntries(batch: id).filter { $0.pass == pass }
        for line in Self.remainingLines(remaining, batchID: id, rejectsFile: report.rejectsFile?.path) {
            console.line(line.text(in: language))
        }
        if report.imported > 0, try session.batchDetail(id).summary.batch.state == .keyed {
            console.line(Message.keyingDone(batchID: id).text(in: language))
        }
        // A partial import that took no row did nothing: a failure to act on.
        if partial && report.imported == 0 && report.rejected > 0 { throw ExitCode.failure }
    }

    /// What a batch still lacks, per pass, and how to finish it: nothing once keying is done.
    static func remainingLines(_ remaining: [RemainingEntries], batchID: String, rejectsFile: String?) -> [Message] {
        remaining.filter { !$0.isEmpty }.flatMap { pass -> [Message] in
            [.keyingRemaining(pass: pass.pass, numbers: pass.numbers, unnumberedFiles: pass.unnumberedFiles),
             .keyingHowToFinish(
                batchID: batchID, pass: pass.pass, filesLeft: !pass.files.isEmpty, unfiledLeft: !pass.unfiledNumbers.isEmpty,
                rejectsFile: rejectsFile)]
        }
    }
}
