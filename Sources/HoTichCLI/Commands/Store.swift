import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich store`: the database a province's workspace is kept in.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Cơ sở dữ liệu PostgreSQL của không gian làm việc / the PostgreSQL database of a province's workspace.",
        subcommands: [StoreGrant.self])
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
