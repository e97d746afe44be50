import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich report operators [--batch ID]`: error rates per person.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Báo cáo / reports.", subcommands: [ReportOperators.self])
}

struct ReportOperators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "Tỷ lệ lỗi theo người nhập và người kiểm tra / error rates per keyer and verifier.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: "Chỉ một lô / one batch only.")
    var batch: String?

    func run() throws {
        let language = global.language
        let rates = try global.session().errorRates(batch: batch)
        let table = DataTable(
            labels: [.name, .keying, .errors, .errorsPerThousand, .decision, .typedFromImage], language: language,
            rows: rates.map { rate in
                [.text(rate.name), .number(Int64(rate.fieldsKeyed)), .number(Int64(rate.errors)),
                 .coded(String(format: "%.2f", rate.errorsPerThousand), label: rate.errorsPerThousand.decimal(2, in: language)),
                 .number(Int64(rate.decisions)), .number(Int64(rate.typedFromImage))]
            })
        Console.current.out(table.render(output.format, language: language))
    }
}
