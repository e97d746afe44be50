import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich batch adopt FILE.xlsx [--scans ZIP|DIR] [--template FILE]`: a book keyed in an earlier
/// round, taken in from the Ministry's spreadsheet (and its scans) to be verified.
struct BatchAdopt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Tiếp nhận sổ đã số hóa ở đợt trước từ bảng tính của Bộ / take in a book keyed in an earlier round from the Ministry's spreadsheet.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Bảng tính theo mẫu của Bộ, tên ĐỊADANH.LOẠI.NĂM.QUYỂN.xlsx / the Ministry's spreadsheet, named PLACE.KIND.YEAR.VOLUME.xlsx.")
    var file: String

    @Option(help: "Thư mục hoặc tệp .zip chứa tệp PDF của sổ / folder or .zip of the book's PDFs.")
    var scans: String?

    @Option(help: "Mã cơ quan đăng ký / registry office code (default: the workspace's).")
    var office: String?

    @Option(help: "Cách kiểm tra / verification policy: review | sample | double.")
    var policy: VerificationPolicy = .review

    @Option(help: "Mẫu của tỉnh: dòng đầu là tên cột / a province's template whose first row gives the columns.")
    var template: String?

    @Flag(help: "Nhận các dòng đúng, ghi dòng lỗi ra tệp riêng / adopt valid rows, write rejected ones to a file.")
    var partial = false

    @Option(help: "Tệp ghi dòng bị từ chối / where rejected rows go (default FILE.rejects.csv).")
    var rejects: String?

    @Option(help: "Bảng mã / text encoding: auto | utf8 | tcvn3 | vni (default auto: old TCVN3/VNI text is found and converted).")
    var encoding: TextEncodingChoice = .auto

    func validate() throws {
        if let office, OfficeCode(office) == nil { throw usageError(.invalidOfficeCode(office), global.language) }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = { (path: String) in URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL }
        let report = try global.session().adopt(AdoptRequest(
            sheet: url(file), scans: scans.map(url), office: office.flatMap(OfficeCode.init), policy: policy, partial: partial,
            rejectsFile: rejects.map(url), template: template.map(url), language: language, encoding: encoding))
        TextConversionLines.print(report.rows.textConversion, language: language)
        if report.rows.rowsAboveHeader > 0 {
            console.line(Message.importRowsAboveHeader(count: report.rows.rowsAboveHeader).text(in: language))
        }
        for issue in report.scans?.issues ?? [] { console.line(Message.intakeIssue(issue).text(in: language)) }
        let shown = report.rows.problems.prefix(50)
        for problem in shown { console.line(problem.message.text(in: language)) }
        if report.rows.problems.count > shown.count { console.line("… +\(report.rows.problems.count - shown.count)") }
        console.line(Message.importSummary(
            read: report.rows.read, imported: report.rows.imported, rejected: report.rows.rejected, alreadyPresent: report.rows.alreadyPresent
        ).text(in: language))
        if let rejectsFile = report.rows.rejectsFile { console.line(Message.importRejectFile(path: rejectsFile.path).text(in: language)) }
        guard let batch = report.batch else {
            throw HoTichError(.importRefused(rejected: report.rows.rejected, read: report.rows.read))
        }
        for path in report.scansWithoutRow { console.line(Message.intakeIssue(IntakeIssue(path: path, problem: .scanWithoutRow)).text(in: language)) }
        for number in report.rowsWithoutScan {
            console.line(Message.intakeIssue(IntakeIssue(path: url(file).lastPathComponent, problem: .rowWithoutScan(number: number))).text(in: language))
        }
        console.line(Message.adoptDone(
            batchID: batch.id, rows: report.rows.imported, scans: batch.fileCount, rowsWithoutScan: report.rowsWithoutScan.count,
            scansWithoutRow: report.scansWithoutRow.count
        ).text(in: language))
    }
}
