import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich arbitrate ID`: settle conflicts and errors against the image, acknowledge warnings.
struct Arbitrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Đối chiếu với ảnh, phân xử chênh lệch, xác nhận cảnh báo / resolve conflicts against the image (verifier).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    func run() throws {
        let language = global.language
        let session = try global.session()
        let console = Console.current
        let summary = try ArbitrationLoop(session: session, language: language, console: console).run(batch: id)
        console.line()
        if summary.skippedOwn > 0 { console.line(Message.arbitrationSkippedOwn(summary.skippedOwn).text(in: language)) }
        if summary.paused { console.line(Message.arbitrationPaused.text(in: language)) }
        console.line(Message.arbitrationSummary(decided: summary.decided, acknowledged: summary.acknowledged).text(in: language))
        try Verify.settle(id, session: session, language: language)
    }
}
