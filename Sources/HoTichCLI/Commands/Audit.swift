import Foundation
import ArgumentParser
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich audit`: the append-only trail of who changed what.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nhật ký kiểm toán / audit trail.",
        subcommands: [List.self, Verify.self],
        defaultSubcommand: List.self)

    /// `hotich audit [--batch ID]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê sự kiện / list events.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        @Option(help: "Chỉ các sự kiện của lô này / only this batch's events.")
        var batch: String?

        func run() throws {
            let language = global.language
            let events = try global.session().auditEvents(batch: batch)
            Console.current.out(AuditTable.make(events, language: language).render(output.format, language: language))
        }
    }

    /// `hotich audit verify [--anchor FILE]…`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm chứng nhật ký và dữ liệu / prove the audit trail and the data it sealed.",
            discussion: """
                Kiểm chuỗi mã băm, mã xác thực (HMAC) bằng khóa audit.key, mọi bản ghi, lượt nhập, lô và tệp ảnh \
                so với phiên bản đã niêm phong, và các mốc neo (audit-anchors.log, cùng manifest.xml hoặc báo cáo \
                tuần JSON đưa vào bằng --anchor). / Checks the hash chain, the HMACs with audit.key, every record, \
                keying, batch and scan file against its sealed version, and the anchors (audit-anchors.log, and \
                manifests or weekly JSON reports given with --anchor).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("anchor"), help: "manifest.xml của gói xuất hoặc báo cáo tuần .json / an export's manifest.xml or a weekly .json report.")
        var anchors: [String] = []

        func run() throws {
            let language = global.language
            let external = try anchors.map { path in try AuditAnchorSource.read(URL(fileURLWithPath: path)) }
            let verification = try global.session().verifyAuditTrail(external: external)
            let console = Console.current
            if verification.key == .noKey { console.line(Message.integrity(.checkedWithoutKey).text(in: language)) }
            try IntegrityLines.print(verification, language: language)
            console.line(Message.integrity(.trailSound(
                events: verification.events, rows: verification.rowsChecked, anchors: verification.anchorsChecked,
                keyed: verification.key != .noKey)).text(in: language))
            if verification.copiedTrails > 0 {
                console.line(Message.integrity(.copiedTrailsSound(trails: verification.copiedTrails, events: verification.copiedEvents)).text(in: language))
            }
        }
    }
}

/// The table of audit events shared by `audit` and `batch show`.
enum AuditTable {
    static func make(_ events: [AuditEvent], language: Language) -> DataTable {
        DataTable(
            labels: [.time, .actor, .action, .batch, .subject, .from, .to, .reason], language: language,
            rows: events.map { event in
                [.text(event.at), .text(event.actor),
                 .coded(event.action.rawValue, label: Message.auditAction(event.action).text(in: language)),
                 event.batchId.map(Cell.text) ?? .empty, event.subject.map(Cell.text) ?? .empty,
                 stateCell(event.fromState, language), stateCell(event.toState, language),
                 event.reason.map(Cell.text) ?? .empty]
            })
    }

    static func stateCell(_ code: String?, _ language: Language) -> Cell {
        guard let code else { return .empty }
        guard let state = BatchState(rawValue: code) else { return .text(code) }
        return .coded(code, label: Message.state(state).text(in: language))
    }
}
