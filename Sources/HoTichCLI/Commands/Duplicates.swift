import ArgumentParser
import Foundation
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich duplicates ID` lists possible duplicates; `hotich duplicates decide FLAG` settles one.
struct Duplicates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bản ghi nghi trùng / possible duplicates across batches and books.",
        subcommands: [DuplicatesList.self, DuplicatesDecide.self], defaultSubcommand: DuplicatesList.self)
}

struct DuplicatesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Liệt kê bản ghi nghi trùng của một lô / list a batch's possible duplicates.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Flag(help: "Chỉ các trường hợp chưa kết luận / only those not yet decided.")
    var open = false

    func run() throws {
        let language = global.language
        let candidates = try global.session().duplicateCandidates(batch: id, undecidedOnly: open)
        guard !candidates.isEmpty || output.format != .table else {
            return Console.current.line(Message.nothingToShow.text(in: language))
        }
        let table = DataTable(
            labels: [.id, .record, .otherRecord, .basis, .reregistration, .decision], language: language,
            rows: candidates.map { candidate in
                [.plainNumber(candidate.flag.id ?? 0), .text(candidate.number ?? "?"),
                 .text("\(candidate.otherBatch) / \(candidate.otherNumber ?? "?")"),
                 .coded(candidate.flag.basis, label: Message.duplicateBasis(candidate.flag.basis).text(in: language)),
                 .coded(candidate.flag.reregistration ? "true" : "false", label: Message.yesNo(candidate.flag.reregistration).text(in: language)),
                 candidate.flag.decision.map {
                     .coded($0.rawValue, label: Message.duplicateConclusion(duplicate: $0 == .duplicate).text(in: language))
                 } ?? .empty]
            })
        Console.current.out(table.render(output.format, language: language))
    }
}

struct DuplicatesDecide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide", abstract: "Kết luận một trường hợp nghi trùng / decide a possible duplicate (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Số của trường hợp nghi trùng (cột Số) / the flag's number.")
    var flag: Int64

    @Flag(help: "Là trùng / it is a duplicate.")
    var duplicate = false

    @Flag(help: "Không trùng / they are different registrations.")
    var distinct = false

    @Option(help: "Lý do / reason, kept with the decision.")
    var reason: String?

    func validate() throws {
        guard duplicate != distinct else { throw ValidationError("--duplicate | --distinct") }
    }

    func run() throws {
        try global.session().decideDuplicate(flag, as: duplicate ? .duplicate : .distinct, reason: reason)
        Console.current.line(Message.duplicateDecided(flag: flag, duplicate: duplicate).text(in: global.language))
    }
}
