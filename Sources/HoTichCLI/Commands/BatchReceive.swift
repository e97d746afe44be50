import ArgumentParser
import Foundation
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// `hotich batch receive PATH --kind K --office C --year Y --volume V`.
struct BatchReceive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Nhận lô quét của một quyển sổ / receive the scans of one book (folder or .zip).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Thư mục hoặc tệp .zip chứa tệp quét / folder or .zip of scans.")
    var path: String

    @Option(help: "Loại sổ / register kind: KS | KT | KH | HN | CMC.")
    var kind: RecordKind

    @Option(help: "Mã cơ quan đăng ký / registry office code (2, 3 or 5 digits).")
    var office: String

    @Option(help: "Năm mở sổ / year the book was opened.")
    var year: Int

    @Option(help: "Quyển số / volume number.")
    var volume: Int

    @Option(help: "Cách kiểm tra / verification policy: double | review | sample.")
    var policy: VerificationPolicy = .double

    @Flag(help: "Nhận lô dù có vấn đề, ghi lại vấn đề / receive despite file problems, recording them.")
    var acceptIssues = false

    func validate() throws {
        let language = global.language
        guard OfficeCode(office) != nil else { throw usageError(.invalidOfficeCode(office), language) }
        guard BookIdentity.plausibleYears.contains(year) else { throw usageError(.invalidYear(String(year)), language) }
        guard BookIdentity.plausibleVolumes.contains(volume) else { throw usageError(.invalidVolume(String(volume)), language) }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        guard let code = OfficeCode(office) else { throw HoTichError(.invalidOfficeCode(office)) }
        let session = try global.session()
        let request = IntakeRequest(
            source: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            book: BookIdentity(office: code, kind: kind, year: year, volume: volume),
            policy: policy, acceptIssues: acceptIssues)
        var progress = ProgressLine(console: console, language: language)
        let report = try session.receive(request) { done, total in progress.update(done: done, total: total) }
        for issue in report.issues {
            console.line(Message.intakeIssue(issue).text(in: language))
        }
        if report.systemFilesIgnored > 0 {
            console.line(Message.systemFilesIgnored(report.systemFilesIgnored).text(in: language))
        }
        guard let batch = report.batch else {
            throw HoTichError(.intakeRefused(issueCount: report.issues.count))
        }
        console.line(
            Message.batchReceived(batchID: batch.id, files: batch.fileCount, bytes: batch.totalBytes, issues: report.issues.count)
                .text(in: language))
    }
}
