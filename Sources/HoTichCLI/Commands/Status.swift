import Foundation
import ArgumentParser
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich status`: batches and files per office and state.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tình hình các lô theo cơ quan và trạng thái / batches and files per office and state.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let language = global.language
        let session = try global.session()
        let lines = try session.status()
        let table = Self.table(lines, language: language)
        if lines.isEmpty && output.format == .table {
            Console.current.line(Message.nothingToShow.text(in: language))
        } else {
            Console.current.out(table.render(output.format, language: language))
        }
        let exports = try session.exportStatus()
        if output.format == .table && exports.exported > 0 {
            Console.current.line(Message.exportStatus(
                exported: exports.exported, accepted: exports.accepted, rejected: exports.rejected, awaiting: exports.awaiting).text(in: language))
        }
    }

    /// Batches, files and bytes per office and state, as `status` and the demo print them.
    static func table(_ lines: [StatusLine], language: Language) -> DataTable {
        DataTable(
            labels: [.office, .state, .batches, .files, .bytes], language: language,
            rows: lines.map { line in
                [.text(line.office.value), .coded(line.state.rawValue, label: Message.state(line.state).text(in: language)),
                 .number(Int64(line.batches)), .number(Int64(line.files)), .number(line.bytes)]
            })
    }
}
