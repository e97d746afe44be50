/// What hotich says about a workspace kept on a PostgreSQL server. `location` is always
/// `role@host:port/database`: never a password, never the connection string as given.
public enum DatabaseMessage: Sendable, Equatable {
    /// The server cannot be reached, or the connection was lost.
    case unreachable(location: String)
    /// The server refused the role or its password.
    case authenticationFailed(location: String)
    /// The server has no database of that name.
    case databaseMissing(location: String)
    /// The connection string could not be read (libpq's syntax).
    case connectionStringInvalid
    /// The database holds no hotich workspace (none was made there with `init --database`).
    case noWorkspace(location: String)
    /// `init --database` on a database that already holds a workspace.
    case workspaceAlreadyThere(location: String)
    /// The database's workspace was made by a newer hotich.
    case workspaceTooNew(location: String)
    /// The role lacks a privilege the command needs (or tried to change the audit trail).
    case permissionDenied(location: String)
    /// The application's role was given its rights on the workspace's tables.
    case roleGranted(role: String, location: String)
    /// A command for a PostgreSQL workspace run on a SQLite one.
    case notPostgres
    /// Something only a SQLite workspace has (its database file) asked of a PostgreSQL one.
    case notSQLite
    /// A database role's name hotich does not take (letters, digits and `_`, at most 63).
    case invalidRoleName(String)
    /// The folder names a PostgreSQL database and holds a SQLite one (`hotich.sqlite`) as well.
    case twoStores(path: String)
    /// `hotich backup` on a workspace kept in PostgreSQL: the server's tools back it up.
    case backupByServerTools
    /// Any other failure the server reported, by its SQLSTATE.
    case failure(sqlState: String)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .unreachable(let location):
            return vi
                ? "Không kết nối được máy chủ PostgreSQL \(TerminalText.escaped(location)). Kiểm tra mạng, tên máy và cổng, hoặc hỏi quản trị cơ sở dữ liệu."
                : "Cannot reach the PostgreSQL server \(TerminalText.escaped(location)). Check the network, host name and port, or ask the database administrator."
        case .authenticationFailed(let location):
            return vi
                ? "Máy chủ PostgreSQL từ chối đăng nhập \(TerminalText.escaped(location)). Kiểm tra tên vai trò và mật khẩu (tệp ~/.pgpass hoặc PGPASSFILE)."
                : "The PostgreSQL server refused the login \(TerminalText.escaped(location)). Check the role name and its password (~/.pgpass or PGPASSFILE)."
        case .databaseMissing(let location):
            return vi
                ? "Máy chủ không có cơ sở dữ liệu \(TerminalText.escaped(location)). Quản trị cơ sở dữ liệu tạo nó trước (xem docs/postgresql.md)."
                : "The server has no database \(TerminalText.escaped(location)). The database administrator creates it first (see docs/postgresql.md)."
        case .connectionStringInvalid:
            return vi
                ? "Chuỗi kết nối cơ sở dữ liệu (--database hoặc HOTICH_DATABASE) không đọc được. Dạng đúng: postgres://VAI_TRÒ@MÁY/CSDL."
                : "The database connection string (--database or HOTICH_DATABASE) cannot be read. The form is postgres://ROLE@HOST/DATABASE."
        case .noWorkspace(let location):
            return vi
                ? "Cơ sở dữ liệu \(TerminalText.escaped(location)) chưa có không gian làm việc hotich. Tạo bằng: hotich init --database … --scans THƯ_MỤC"
                : "The database \(TerminalText.escaped(location)) holds no hotich workspace. Create one with: hotich init --database … --scans FOLDER"
        case .workspaceAlreadyThere(let location):
            return vi
                ? "Cơ sở dữ liệu \(TerminalText.escaped(location)) đã có một không gian làm việc hotich; không tạo lại."
                : "The database \(TerminalText.escaped(location)) already holds a hotich workspace; it is not made again."
        case .workspaceTooNew(let location):
            return vi
                ? "Không gian làm việc ở \(TerminalText.escaped(location)) do phiên bản hotich mới hơn tạo. Cập nhật hotich trên máy này."
                : "The workspace at \(TerminalText.escaped(location)) was made by a newer hotich. Update hotich on this machine."
        case .permissionDenied(let location):
            return vi
                ? "Vai trò cơ sở dữ liệu \(TerminalText.escaped(location)) không có quyền làm việc này (nhật ký kiểm tra chỉ được ghi thêm, không sửa, không xóa)."
                : "The database role \(TerminalText.escaped(location)) may not do this (the audit trail can only be appended to, never changed or deleted)."
        case .roleGranted(let role, let location):
            return vi
                ? "Vai trò \(TerminalText.escaped(role)) được đọc và ghi các bảng của không gian làm việc ở \(TerminalText.escaped(location)); với nhật ký kiểm toán và các dấu niêm phong chỉ được đọc và ghi thêm, không sửa, không xóa."
                : "The role \(TerminalText.escaped(role)) may read and write the workspace's tables at \(TerminalText.escaped(location)); the audit trail and the content seals it may only read and append to, never change or delete."
        case .notPostgres:
            return vi
                ? "Lệnh này dành cho không gian làm việc trên PostgreSQL (hotich init --database); không gian làm việc này dùng SQLite."
                : "This command is for a workspace kept in PostgreSQL (hotich init --database); this one uses SQLite."
        case .notSQLite:
            return vi
                ? "Không gian làm việc này nằm trong PostgreSQL, không có tệp hotich.sqlite."
                : "This workspace is kept in PostgreSQL: it has no hotich.sqlite file."
        case .invalidRoleName(let name):
            return vi
                ? "Tên vai trò cơ sở dữ liệu \(TerminalText.escaped(name)) không hợp lệ: chỉ chữ thường không dấu, chữ số và _, tối đa 63 ký tự."
                : "The database role name \(TerminalText.escaped(name)) is not valid: lower-case letters without diacritics, digits and _, at most 63."
        case .twoStores(let path):
            return vi
                ? "Thư mục \(TerminalText.escaped(path)) vừa chỉ tới một cơ sở dữ liệu PostgreSQL (hotich-database.conf) vừa có tệp hotich.sqlite: hotich không mở để khỏi nhầm dữ liệu. Chuyển tệp hotich.sqlite (cùng các tệp -wal, -shm) ra chỗ khác."
                : "The folder \(TerminalText.escaped(path)) names a PostgreSQL database (hotich-database.conf) and also holds hotich.sqlite: hotich opens neither, so that no data is taken for another. Move hotich.sqlite (with its -wal and -shm files) elsewhere."
        case .backupByServerTools:
            return vi
                ? "Không gian làm việc này nằm trong PostgreSQL: sao lưu cơ sở dữ liệu bằng công cụ của máy chủ (pg_dump hoặc sao lưu nền, xem docs/postgresql.md), kèm thư mục dùng chung (tệp quét, audit.key, audit-anchors.log)."
                : "This workspace is kept in PostgreSQL: back the database up with the server's tools (pg_dump or base backups, see docs/postgresql.md), together with the shared folder (scans, audit.key, audit-anchors.log)."
        case .failure(let sqlState):
            return vi
                ? "Máy chủ PostgreSQL báo lỗi (mã SQLSTATE \(TerminalText.escaped(sqlState))). Không có gì được ghi; thử lại, hoặc báo quản trị với mã này."
                : "The PostgreSQL server reported a failure (SQLSTATE \(TerminalText.escaped(sqlState))). Nothing was written; try again, or tell the administrator this code."
        }
    }
}
