import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich record correct|withdraw`: changes to records already exported.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Xem, sửa hoặc rút bản ghi / show, correct or withdraw records.",
        subcommands: [RecordShow.self, RecordCorrect.self, RecordWithdraw.self])
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

/// `hotich record show ID | BATCH NUMBER`: a record's whole story.
struct RecordShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Toàn bộ quá trình của một bản ghi / a record's whole story: values, versions, decisions, files, deliveries.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Mã bản ghi, hoặc mã lô và số đăng ký / a record id, or a batch id and registration number.")
    var reference: [String]

    func validate() throws {
        guard (1...2).contains(reference.count) else {
            throw ValidationError(global.language == .vietnamese
                ? "Cho mã bản ghi, hoặc mã lô và số đăng ký." : "Give a record id, or a batch id and a registration number.")
        }
    }

    func run() throws {
        let language = global.language
        let session = try global.session()
        let story = reference.count == 1
            ? try session.recordStory(id: reference[0]) : try session.recordStory(batch: reference[0], number: reference[1])
        switch output.format {
        case .json:
            Console.current.out(SearchTables.storyJSON(story))
        case .table, .csv:
            for (index, section) in SearchTables.story(story, language: language).enumerated() {
                if index > 0 { Console.current.line() }
                if output.format == .table { Console.current.line("▸ " + section.title) } else { Console.current.line("# " + section.title) }
                Console.current.out(section.table.render(output.format, language: language))
            }
        }
    }
}
