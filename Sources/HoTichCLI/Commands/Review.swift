import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich review ID`: check records against the image (every record, or the drawn sample).
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Soát bản ghi với ảnh (toàn bộ hoặc mẫu) / review records against the image (verifier).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    func run() throws {
        let language = global.language
        let session = try global.session()
        let console = Console.current
        let summary = try ReviewLoop(session: session, language: language, console: console).run(batch: id)
        if summary.paused { console.line(Message.reviewPaused.text(in: language)) }
        if case .lotRejected = summary.lot { return }
        try Verify.settle(id, session: session, language: language)
    }
}
