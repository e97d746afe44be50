import Foundation
import ArgumentParser
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich batch list [--state S]`.
struct BatchList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Danh sách lô / list batches.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: "Chỉ các lô ở trạng thái này / only batches in this state.")
    var state: BatchState?

    func run() throws {
        let language = global.language
        let batches = try global.session().batches(in: state)
        Console.current.out(Self.table(batches, language: language).render(output.format, language: language))
    }

    static func table(_ batches: [BatchSummary], language: Language) -> DataTable {
        DataTable(
            labels: [.batch, .kind, .office, .year, .volume, .policy, .state, .files, .bytes, .issues, .receivedAt],
            language: language,
            rows: batches.map { summary in
                let batch = summary.batch
                return [
                    .text(batch.id), .coded(summary.book.kind.code, label: summary.book.kind.code),
                    .text(summary.book.office.value), .plainNumber(Int64(summary.book.year)),
                    .plainNumber(Int64(summary.book.volume)),
                    .coded(batch.policy.rawValue, label: Message.policy(batch.policy).text(in: language)),
                    .coded(batch.state.rawValue, label: Message.state(batch.state).text(in: language)),
                    .number(Int64(batch.fileCount)), .number(batch.totalBytes), .number(Int64(summary.issueCount)),
                    .text(batch.receivedAt),
                ]
            })
    }
}
