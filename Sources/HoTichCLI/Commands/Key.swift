import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich key`: keying entries, interactively or from a spreadsheet.
struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nhập liệu / key entries (interactive, or import CSV/XLSX).",
        subcommands: [KeyInteractive.self, KeyImport.self, KeyRelease.self],
        defaultSubcommand: KeyInteractive.self)
}

/// `hotich key ID [--pass 1|2]`: the operator's keying loop, resumable.
struct KeyInteractive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "Nhập từng bản ghi theo thứ tự trên sổ / key entries one by one (the default).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Option(help: "Lần nhập / keying pass: 1, or 2 for the blind second keying of a double-keyed batch.")
    var pass: Int = 1

    func validate() throws {
        guard pass == 1 || pass == 2 else { throw usageError(.invalidPass(pass), global.language) }
    }

    func run() throws {
        let session = try global.session()
        let summary = try KeyingLoop(session: session, language: global.language, console: Console.current)
            .run(batch: id, pass: pass)
        let console = Console.current
        if summary.paused { console.line(Message.keyingPaused.text(in: global.language)) }
        let perHour = summary.seconds > 0 ? summary.records * 3600 / summary.seconds : 0
        console.line(Message.keyingSummary(records: summary.records, seconds: summary.seconds, perHour: perHour).text(in: global.language))
    }
}
