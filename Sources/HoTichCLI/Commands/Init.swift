import Foundation
import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich init`: creates a workspace.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tạo không gian làm việc / create a workspace (SQLite, or a province's PostgreSQL database with --database).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Mã đơn vị hành chính của cơ quan / administrative-unit code of the office (2, 3 or 5 digits).")
    var office: String

    @Option(help: "Tên cơ quan / name of the office, for example \"UBND xã Tam Xuân 1\".")
    var name: String?

    @Option(help: "Quản trị viên đầu tiên, gắn với tài khoản đang chạy lệnh / first administrator, bound to the account running this (default: the account's name).")
    var admin: String?

    @Option(help: "Cách biết ai đang làm việc / how users are known: accounts (tài khoản hệ điều hành + mật khẩu / operating-system accounts and passphrases) | names (chỉ để thử / throw-away only: --as is believed).")
    var identity: IdentityMode = .accounts

    @Option(help: "Nhóm hệ điều hành dùng chung không gian làm việc (thư mục 2770, tệp 0660) / operating-system group sharing the workspace (folders 2770, files 0660).")
    var group: String?

    @Option(help: "Mã tỉnh (2 chữ số) của cơ quan, để đối chiếu số định danh / the office's 2-digit province code, to check personal ID numbers.")
    var province: String?

    @Option(help: "Cơ sở dữ liệu PostgreSQL của tỉnh (HOTICH_DATABASE; mật khẩu trong ~/.pgpass) / a province's PostgreSQL database, postgres://ROLE@HOST/DATABASE (HOTICH_DATABASE; the password in ~/.pgpass).")
    var database: String?

    @Option(help: "Thư mục dùng chung mà mọi máy trạm gắn vào (tệp quét, khóa nhật ký), chỉ với --database / the shared folder every client mounts (scans, audit key), with --database only.")
    var scans: String?

    /// The database to make the workspace in: `--database`, else `HOTICH_DATABASE`; nil for SQLite.
    var databaseConnection: String? {
        database ?? ProcessInfo.processInfo.environment["HOTICH_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        if scans != nil, databaseConnection == nil {
            throw ValidationError(global.language == .english ? "--scans goes with --database" : "--scans đi cùng --database")
        }
        guard OfficeCode(office) != nil else { throw usageError(.invalidOfficeCode(office), global.language) }
        if let province, OfficeCode(province)?.level != .province {
            throw usageError(.invalidOfficeCode(province), global.language)
        }
    }

    func run() throws {
        guard let code = OfficeCode(office) else { throw HoTichError(.invalidOfficeCode(office)) }
        let account = GlobalOptions.accountName
        guard let adminName = admin ?? account ?? (identity == .names ? GlobalOptions.loginName : nil) else {
            throw HoTichError(.noActingUser)
        }
        var folder = global.workspaceFolder
        if let database = databaseConnection {
            if let scans { folder = Workspace.locate(explicit: scans, environment: [:], currentDirectory: FileManager.default.currentDirectoryPath) }
            _ = try Workspace.create(
                at: folder, database: database, office: code, name: name, admin: adminName, province: province.flatMap { OfficeCode($0) },
                identity: identity, adminLogin: account, group: group, logger: GlobalOptions.logger)
        } else {
            _ = try Workspace.create(
                at: folder, office: code, name: name, admin: adminName, province: province.flatMap { OfficeCode($0) },
                identity: identity, adminLogin: account, group: group, logger: GlobalOptions.logger)
        }
        Console.current.line(Message.workspaceCreated(path: folder.path, office: code.value, admin: adminName).text(in: global.language))
        if identity == .names {
            Console.current.line(Message.identity(.namesOnly).text(in: global.language))
        } else if let account {
            Console.current.line(Message.identity(.loginBound(user: adminName, login: account)).text(in: global.language))
        }
    }
}
