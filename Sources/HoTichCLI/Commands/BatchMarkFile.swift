import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich batch mark-file ID FILE --not-an-entry KIND --reason TEXT`: a supervisor says a scan
/// holds no register entry (a cover, a blank page, the index, a cancelled entry).
struct BatchMarkFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-file",
        abstract: "Đánh dấu tệp không phải trường hợp đăng ký / mark a scan that holds no entry (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Argument(help: "Tệp quét (đường dẫn trong lô) / scan file path within the batch.")
    var path: String

    @Option(name: .customLong("not-an-entry"), help: "cover | blank | index | cancelled | other.")
    var kind: NonEntryKind

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String

    func run() throws {
        try global.session().markFileNotAnEntry(batch: id, path: path, kind: kind, reason: reason)
        Console.current.line(Message.fileMarked(path: path, kind: kind).text(in: global.language))
    }
}

/// `hotich batch unmark-file ID FILE --reason TEXT`: the file is an entry after all.
struct BatchUnmarkFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmark-file",
        abstract: "Bỏ đánh dấu: tệp là trường hợp đăng ký / clear a mark: the file is an entry after all (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Argument(help: "Tệp quét (đường dẫn trong lô) / scan file path within the batch.")
    var path: String

    @Option(help: "Lý do / reason, kept in the audit trail.")
    var reason: String

    func run() throws {
        try global.session().clearNonEntryMark(batch: id, path: path, reason: reason)
        Console.current.line(Message.fileMarkCleared(path: path).text(in: global.language))
    }
}
