import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich export …`: packages of verified batches, and the receipts that come back for them.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Xuất dữ liệu và biên nhận / export packages and their receipts.",
        subcommands: [ExportBatches.self, ExportMinistry.self, ExportCorrections.self, ExportReceipts.self], defaultSubcommand: ExportBatches.self)
}

/// `hotich export ID… --out DIR` (or `--all-verified`): a validated XML package and its manifest.
struct ExportBatches: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches",
        abstract: "Xuất lô đã kiểm tra thành gói XML hợp lệ / export verified batches as a validated XML package (the default).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch ids.")
    var ids: [String] = []

    @Option(help: "Thư mục nhận gói xuất / folder that receives the package folder.")
    var out: String

    @Flag(help: "Mọi lô đã kiểm tra / every verified batch.")
    var allVerified = false

    @Flag(help: "Xuất lại lô đã xuất, thành gói mới / export batches already exported again, as a new package.")
    var again = false

    @Flag(help: "Đánh dấu là dữ liệu thử / mark the files as test data.")
    var test = false

    @Option(help: "Ký manifest bằng khóa bí mật này / sign the manifest with this private key (hotich keys generate).")
    var sign: String?

    func validate() throws {
        guard !ids.isEmpty || allVerified else { throw ValidationError("BATCH… | --all-verified") }
    }

    func run() throws {
        let language = global.language
        let console = Console.current
        let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let progress = ProgressBox(ProgressLine(console: console, language: language, message: Message.exportProgress))
        // An export that stops early must not leave its error on the progress line.
        defer { progress.end() }
        var request = ExportRequest(batchIDs: ids, allVerified: allVerified, folder: folder, again: again, test: test) { done, total in
            progress.update(done: done, total: total)
        }
        request.signingKey = sign.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
        let report = try global.session().export(request)
        Self.show(report, console: console, language: language)
    }

    /// What an export did: batches skipped, packages completed, the files and where they are.
    static func show(_ report: ExportReport, console: Console, language: Language, ministry: Bool = false) {
        for id in report.alreadyExported { console.line(Message.batchAlreadyExported(batchID: id).text(in: language)) }
        if report.resumed, let id = report.packageID { console.line(Message.exportResumed(packageID: id).text(in: language)) }
        if let id = report.completedEarlierPackage { console.line(Message.exportResumed(packageID: id).text(in: language)) }
        guard let packageFolder = report.folder else { return }
        console.out(DataTable(
            labels: [.path, .batch, .bytes, .sha256, .records], language: language,
            rows: report.files.map { [.text($0.name), .text($0.batchID), .number($0.bytes), .text($0.sha256), .number(Int64($0.records))] }
        ).render(.table, language: language))
        if ministry {
            console.line(Message.ministryExportDone(
                path: packageFolder.path, books: report.files.filter { $0.role == .records }.count, records: report.records,
                scans: report.files.filter { $0.role == .scans }.reduce(0) { $0 + $1.records }).text(in: language))
        } else {
            console.line(Message.exportDone(path: packageFolder.path, files: report.files.count, records: report.records).text(in: language))
        }
        if let key = report.signedBy { console.line(Message.signature(.signed(fingerprint: key)).text(in: language)) }
    }
}

/// `hotich export corrections --out DIR`: new versions of corrected records, and withdrawals.
struct ExportCorrections: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corrections", abstract: "Xuất gói đính chính: bản ghi đã sửa, bản ghi rút / export corrected and withdrawn records.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Thư mục nhận gói xuất / folder that receives the package folder.")
    var out: String

    func run() throws {
        let language = global.language
        let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let report = try global.session().exportCorrections(to: folder)
        // A package an interrupted run left in place is recorded first, and said so.
        for id in [report.resumed ? report.packageID : nil, report.completedEarlierPackage].compactMap({ $0 }) {
            Console.current.line(Message.exportResumed(packageID: id).text(in: language))
        }
        guard let packageFolder = report.folder else { return }
        Console.current.line(Message.exportDone(path: packageFolder.path, files: report.files.count, records: report.records).text(in: language))
    }
}

/// `hotich export receipts FILE`: what the receiving system said of a package.
struct ExportReceipts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipts", abstract: "Ghi nhận biên nhận của gói đã xuất / apply the receipt for an exported package.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Tệp biên nhận (exportReceipt) / the receipt file.")
    var file: String

    func run() throws {
        let language = global.language
        let console = Console.current
        let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let session = try global.session()
        let report = try session.applyReceipt(url)
        if !report.rejected.isEmpty {
            console.out(DataTable(
                labels: [.batch, .record, .recordId, .code, .problem], language: language,
                rows: report.rejected.map { [.text($0.batchID), .text($0.number ?? "?"), .text($0.recordId), .text($0.code ?? ""), .text($0.message ?? "")] }
            ).render(output.format, language: language))
        }
        console.line(Message.receiptApplied(
            packageID: report.packageID, accepted: report.accepted, rejected: report.rejected.count, unknown: report.unknown).text(in: language))
    }
}
