import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich export moj ID… --out DIR` (or `--all-verified`): per book, the Ministry's spreadsheet and
/// a zip of one PDF per entry, in a package with its manifest.
struct ExportMinistry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moj",
        abstract: "Xuất theo mẫu của Bộ: mỗi quyển một bảng tính và một tệp zip PDF / export each book as the Ministry's spreadsheet and zip of PDFs.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch ids.")
    var ids: [String] = []

    @Option(help: "Thư mục nhận gói xuất / folder that receives the package folder.")
    var out: String

    @Flag(help: "Mọi lô đã kiểm tra / every verified batch.")
    var allVerified = false

    @Flag(help: "Xuất lại lô đã xuất, thành gói mới / export batches already exported again, as a new package.")
    var again = false

    @Option(help: "Mẫu của tỉnh: bảng tính hoặc CSV, dòng đầu là tên cột / a province's template: spreadsheet or CSV whose first row holds the columns.")
    var template: String?

    @Option(help: "Phần tên theo địa danh, ví dụ xalocthuan_hbd_tbt / the place part of the files' names (default: from the office).")
    var prefix: String?

    @Option(help: "Ký manifest bằng khóa bí mật này / sign the manifest with this private key (hotich keys generate).")
    var sign: String?

    func validate() throws {
        guard !ids.isEmpty || allVerified else { throw ValidationError("BATCH… | --all-verified") }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let folder = URL(fileURLWithPath: out, relativeTo: here).standardizedFileURL
        let progress = ProgressBox(ProgressLine(console: console, language: language, message: Message.exportProgress))
        defer { progress.end() }
        let format = ExportFormat.ministry(
            template: template.map { URL(fileURLWithPath: $0, relativeTo: here).standardizedFileURL }, bundlePrefix: prefix)
        var request = ExportRequest(batchIDs: ids, allVerified: allVerified, folder: folder, again: again, format: format) { done, total in
            progress.update(done: done, total: total)
        }
        request.signingKey = sign.map { URL(fileURLWithPath: $0, relativeTo: here).standardizedFileURL }
        let report = try global.session().export(request)
        ExportBatches.show(report, console: console, language: language, ministry: true)
    }
}
