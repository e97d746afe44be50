import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich store`: the database a province's workspace is kept in.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Cơ sở dữ liệu PostgreSQL của không gian làm việc / the PostgreSQL database of a province's workspace.",
        subcommands: [StoreGrant.self, StoreCopy.self])
}

/// `hotich store grant ROLE`: the application role's rights, given by the schema's owner.
struct StoreGrant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Cấp quyền cho vai trò mà các máy trạm dùng (quản trị viên, kết nối bằng vai trò sở hữu) / give the role every client connects as its rights (administrator, connected as the owner).",
        discussion: """
            Đọc, ghi các bảng; nhật ký kiểm toán và dấu niêm phong chỉ đọc và ghi thêm. \
            Reads and writes the tables; the audit trail and the content seals only read and appended to.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Vai trò cơ sở dữ liệu đã có / an existing database role, e.g. hotich_app.")
    var role: String

    func run() throws {
        let session = try global.session()
        try session.grantApplicationRole(role)
        Console.current.line(Message.database(.roleGranted(role: role, location: session.storeLocation)).text(in: global.language))
    }
}

/// `hotich store copy --from DISTRICT_FOLDER [--to URL]`: a district's SQLite workspace copied into
/// the province's PostgreSQL one (run in the province's folder).
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Chép không gian làm việc SQLite của một huyện vào cơ sở dữ liệu tỉnh (quản trị viên) / copy a district's SQLite workspace into the province's database (administrator).",
        discussion: """
            Chạy trong thư mục dùng chung của tỉnh. Không chép gì nếu nhật ký của huyện không toàn vẹn, \
            thiếu tệp quét, hoặc tỉnh đã có sổ, lô, bản ghi hay gói xuất của huyện (liệt kê tất cả). \
            Run in the province's shared folder. Nothing is copied if the district's trail does not verify, \
            a scan is missing, or the province already has one of its books, batches, records or packages (all listed).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("from"), help: "Thư mục không gian làm việc của huyện / the district's workspace folder.")
    var source: String

    @Option(name: .customLong("to"), help: "Cơ sở dữ liệu tỉnh, nếu khác tệp hotich-database.conf / the province's database, if not the folder's (postgres://ROLE@HOST/DB).")
    var database: String?

    @Flag(help: "Chép cả khi nhật ký của huyện ghi đã chép vào nơi khác (lần trước là chép thử) / copy even if the district's trail says it was copied elsewhere before (a trial).")
    var again = false

    func run() throws {
        let session = try global.session(database: database)
        let result = try session.copyWorkspace(from: URL(fileURLWithPath: source, isDirectory: true), again: again)
        for line in Message.database(.copied(result)).text(in: global.language).split(separator: "\n") { Console.current.line(String(line)) }
    }
}
