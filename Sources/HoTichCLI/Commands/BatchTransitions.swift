import Foundation
import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// Applies one lifecycle action and says what changed.
private func applyTransition(_ action: BatchAction, id: String, reason: String?, global: GlobalOptions) throws {
    let applied = try global.session().apply(action, to: id, reason: reason)
    Console.current.line(
        Message.transitionDone(batchID: applied.batchID, from: applied.from, to: applied.to).text(in: global.language))
}

/// `hotich batch return ID --reason TEXT [--numbers 3,15]`: send a batch back to keying,
/// with the records to key again.
struct BatchReturn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Trả lô về nhập liệu / return a batch to keying (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String

    @Option(
        help: "Số đăng ký của các bản ghi cần nhập lại, cách nhau bằng dấu phẩy / registration numbers of the records to key again.",
        transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
    var numbers: [String] = []

    func run() throws {
        guard !numbers.isEmpty else { return try applyTransition(.returnToKeying, id: id, reason: reason, global: global) }
        let count = try global.session().returnToKeying(batch: id, numbers: numbers, reason: reason)
        Console.current.line(Message.recordsReturned(batchID: id, count: count).text(in: global.language))
    }
}

/// `hotich batch hold ID [--reason TEXT]`: stop work on a batch.
struct BatchHold: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Tạm dừng lô / put a batch on hold (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String?

    func run() throws { try applyTransition(.hold, id: id, reason: reason, global: global) }
}

/// `hotich batch release ID`: resume a held batch in the state it was held in.
struct BatchRelease: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Tiếp tục lô đang tạm dừng / release a held batch (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String?

    func run() throws { try applyTransition(.release, id: id, reason: reason, global: global) }
}

/// `hotich batch policy ID double|review|sample`: change how a batch is verified, before keying starts.
struct BatchPolicy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Đổi cách kiểm tra trước khi nhập liệu / change the verification policy before keying (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Argument(help: "double | review | sample")
    var policy: VerificationPolicy

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String?

    func run() throws {
        let previous = try global.session().changePolicy(of: id, to: policy, reason: reason)
        Console.current.line(Message.policyChanged(batchID: id, from: previous, to: policy).text(in: global.language))
    }
}
