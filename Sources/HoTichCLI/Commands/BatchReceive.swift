import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
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

    @Option(help: "Tệp nén: cỡ tối đa một tệp, MiB / zip: largest file unpacked, in MiB.")
    var maxFileMb = Int(ZipLimits.scans.maxFileBytes >> 20)

    @Option(help: "Tệp nén: tổng cỡ tối đa, GiB / zip: largest total unpacked, in GiB.")
    var maxTotalGb = Int(ZipLimits.scans.maxTotalBytes >> 30)

    @Option(help: "Tệp nén: số mục tối đa / zip: most entries.")
    var maxFiles = ZipLimits.scans.maxEntries

    @Option(help: "Tệp nén: tỷ lệ giải nén tối đa / zip: largest unpacked-to-compressed ratio of a file over 1 MiB.")
    var maxRatio = Int(ZipLimits.scans.maxRatio)

    func validate() throws {
        let language = global.language
        guard OfficeCode(office) != nil else { throw usageError(.invalidOfficeCode(office), language) }
        guard BookIdentity.plausibleYears.contains(year) else { throw usageError(.invalidYear(String(year)), language) }
        guard BookIdentity.plausibleVolumes.contains(volume) else { throw usageError(.invalidVolume(String(volume)), language) }
        for (name, value) in [("--max-file-mb", maxFileMb), ("--max-total-gb", maxTotalGb), ("--max-files", maxFiles), ("--max-ratio", maxRatio)]
            where !(1...1_000_000).contains(value) {
            throw usageError(.invalidLimit(option: name, value: value), language)
        }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        guard let code = OfficeCode(office) else { throw HoTichError(.invalidOfficeCode(office)) }
        let session = try global.session()
        let request = IntakeRequest(
            source: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            book: BookIdentity(office: code, kind: kind, year: year, volume: volume),
            policy: policy, acceptIssues: acceptIssues,
            zipLimits: ZipLimits(
                maxEntries: maxFiles, maxFileBytes: Int64(maxFileMb) << 20, maxTotalBytes: Int64(maxTotalGb) << 30,
                maxRatio: Int64(maxRatio)))
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
