import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich record correct|withdraw`: changes to records already exported.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Sửa hoặc rút bản ghi đã xuất / correct or withdraw exported records.",
        subcommands: [RecordCorrect.self, RecordWithdraw.self])
}

struct RecordCorrect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", abstract: "Sửa một trường của bản ghi đã xuất theo ảnh / correct a field of an exported record against the image.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var batch: String

    @Argument(help: "Số đăng ký / registration number.")
    var number: String

    @Option(help: "Tên trường của Bộ Tư pháp / the field's Ministry name, e.g. nksNgaySinh.")
    var field: String

    @Option(help: "Giá trị đúng theo ảnh (- trống, . không đọc được) / the value read from the image.")
    var value: String

    @Option(help: "Lý do / reason, sent with the correction.")
    var reason: String

    func run() throws {
        let (_, version) = try global.session().correct(batch: batch, number: number, field: field, value: value, reason: reason)
        Console.current.line(Message.recordCorrected(number: number, version: version).text(in: global.language))
    }
}

struct RecordWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Rút một bản ghi đã xuất / withdraw an exported record.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var batch: String

    @Argument(help: "Số đăng ký / registration number.")
    var number: String

    @Option(help: "Lý do / reason, sent with the withdrawal.")
    var reason: String

    func run() throws {
        try global.session().withdraw(batch: batch, number: number, reason: reason)
        Console.current.line(Message.recordWithdrawn(number: number).text(in: global.language))
    }
}
