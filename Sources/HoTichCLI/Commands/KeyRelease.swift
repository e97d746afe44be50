import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich key release ID FILE`: a supervisor frees a file held by an absent operator.
struct KeyRelease: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Giải phóng tệp đang bị giữ / free a file held by an absent operator (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Argument(help: "Tệp quét (đường dẫn trong lô) / scan file path within the batch.")
    var path: String

    func run() throws {
        for pass in try global.session().releaseClaim(batch: id, path: path) {
            Console.current.line(Message.claimReleased(path: path, pass: pass).text(in: global.language))
        }
    }
}
