import Foundation
import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich backup DEST [--include-key]`.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sao lưu không gian làm việc đang chạy / back up the live workspace (admin).",
        discussion: """
            Chép cơ sở dữ liệu (một ảnh chụp nhất quán, người khác vẫn làm việc), ảnh quét (bản chép, \
            kiểm mã băm), sổ mốc neo; khóa nhật ký chỉ khi có --include-key. / Copies the database (one consistent \
            snapshot while others keep working), the scans (copies, hashes checked), the anchor log; \
            the audit key only with --include-key.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Thư mục mới chứa bản sao lưu / a new folder for the backup.")
    var destination: String

    @Flag(name: .customLong("include-key"), help: "Chép cả khóa nhật ký audit.key / copy the audit key too.")
    var includeKey = false

    func run() throws {
        let language = global.language
        let report = try global.session().backUp(to: URL(fileURLWithPath: destination).standardizedFileURL, includeKey: includeKey)
        let console = Console.current
        let found = IntegrityLines.show(report.verification, damagedScans: report.damagedScans, language: language)
        let scans = report.manifest.files.count { $0.path.contains("/") }
        console.line(Message.integrity(.backupDone(
            path: report.folder.path, files: scans, events: report.manifest.auditHead.events)).text(in: language))
        console.line(Message.integrity(includeKey ? .backupKeyIncluded : .backupKeyLeftOut(
            keyPath: global.workspaceFolder.appendingPathComponent("audit.key").path)).text(in: language))
        if found > 0 { throw HoTichError(.integrity(.trailUnsound(problems: found))) }
    }
}

/// `hotich restore SRC --to DIR [--key FILE]`.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Khôi phục từ bản sao lưu vào thư mục mới / restore a backup into a new folder, and check it.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Thư mục bản sao lưu / the backup folder.")
    var source: String

    @Option(help: "Thư mục mới cho không gian làm việc / a new folder for the workspace.")
    var to: String

    @Option(help: "Khóa nhật ký cất riêng, khi bản sao lưu không chứa / the audit key kept apart, when the backup holds none.")
    var key: String?

    func run() throws {
        let language = global.language
        let report = try Workspace.restore(
            from: URL(fileURLWithPath: source).standardizedFileURL, to: URL(fileURLWithPath: to).standardizedFileURL,
            key: key.map { URL(fileURLWithPath: $0) }, claim: global.claim, logger: GlobalOptions.logger)
        try IntegrityLines.print(report.verification, damagedScans: report.damagedScans, language: language)
        guard let folder = report.folder else { throw HoTichError(.integrity(.trailUnsound(problems: 0))) }
        Console.current.line(Message.integrity(.restoreDone(
            path: folder.path, files: report.manifest.files.count { $0.path.contains("/") },
            events: report.verification.events)).text(in: language))
    }
}
