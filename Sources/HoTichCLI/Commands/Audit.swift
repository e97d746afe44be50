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

    /// `hotich audit verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra chuỗi mã băm của nhật ký / check the audit trail's hash chain.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (events, broken) = try global.session().verifyAuditTrail()
            if let broken { throw HoTichError(.auditChainBroken(eventID: broken)) }
            Console.current.line(Message.auditChainValid(events: events).text(in: global.language))
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
