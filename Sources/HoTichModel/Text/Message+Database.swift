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
    /// The database holds another workspace than the folder's (its trail is not signed with the
    /// folder's key): HOTICH_DATABASE or `--to` names the wrong database.
    case otherWorkspace(location: String, path: String)
    /// `store copy`: the province already has what the district's workspace holds; nothing copied.
    case copyConflicts([WorkspaceCopyConflict])
    /// `store copy`: a table of the district's workspace that cannot be copied as it is (a table
    /// or column this hotich does not know, or a row referring to nothing); nothing copied.
    case copyTableUnreadable(table: String)
    /// `store copy`: the district's audit trail does not verify (`problems` found); nothing copied.
    case copySourceTrailBroken(problems: Int)
    /// `store copy`: the district's trail says it was copied into `location` before.
    case copySourceCopiedBefore(location: String)
    /// `store copy` from a workspace that is not a SQLite one.
    case copySourceNotSQLite
    /// `store copy`: a scan of the district's batch (looked for in `folder`) is missing, is not a
    /// regular file, or is not the file received.
    case copyScanMismatch(batch: String, path: String, folder: String)
    /// `store copy` done.
    case copied(WorkspaceCopyResult)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .copyConflicts(let conflicts):
            let shown = conflicts.prefix(20).map { "  - " + Self.text(of: $0, vi: vi) }
            let more = conflicts.count > shown.count ? ["  " + (vi ? "… và \(conflicts.count - shown.count) mục nữa." : "… and \(conflicts.count - shown.count) more.")] : []
            return ([vi
                ? "Không chép gì: cơ sở dữ liệu tỉnh đã có \(conflicts.count) mục mà không gian làm việc này cũng có (nhận hai lần?):"
                : "Nothing copied: the province's database already has \(conflicts.count) thing(s) this workspace holds too (received twice?):"]
                + shown + more).joined(separator: "\n")
        case .otherWorkspace(let location, let path):
            return vi
                ? "Cơ sở dữ liệu \(TerminalText.escaped(location)) chứa một không gian làm việc khác với thư mục \(TerminalText.escaped(path)) (nhật ký của nó không được ký bằng khóa audit.key của thư mục): không ghi gì. Kiểm tra HOTICH_DATABASE hoặc --to."
                : "The database \(TerminalText.escaped(location)) holds another workspace than the folder \(TerminalText.escaped(path)) (its trail is not signed with the folder's audit.key): nothing was written. Check HOTICH_DATABASE or --to."
        case .copyTableUnreadable(let table):
            return vi
                ? "Không chép gì: bảng \(TerminalText.escaped(table)) của không gian làm việc nguồn không chép nguyên được (bảng hoặc cột lạ, hoặc dòng tham chiếu tới dòng không có). Cập nhật hotich ở cả hai nơi cùng một phiên bản rồi chạy audit verify ở nguồn."
                : "Nothing copied: the source workspace's table \(TerminalText.escaped(table)) cannot be copied as it is (a table or column this hotich does not know, or a row referring to nothing). Bring both to the same hotich version, then run audit verify on the source."
        case .copySourceTrailBroken(let problems):
            return vi
                ? "Không chép gì: nhật ký kiểm toán của không gian làm việc nguồn có \(problems) vấn đề. Chạy hotich audit verify ở đó và xử lý trước."
                : "Nothing copied: the source workspace's audit trail has \(problems) problem(s). Run hotich audit verify there and deal with them first."
        case .copySourceCopiedBefore(let location):
            return vi
                ? "Không chép gì: nhật ký của huyện ghi rằng nó đã được chép vào \(TerminalText.escaped(location)). Một huyện chỉ chép vào một cơ sở dữ liệu tỉnh; nếu lần trước là chép thử, chạy lại với --again."
                : "Nothing copied: the district's trail says it was copied into \(TerminalText.escaped(location)) already. A district is copied into one province database; if that was a trial, run again with --again."
        case .copySourceNotSQLite:
            return vi
                ? "Chỉ chép được không gian làm việc SQLite (thư mục có hotich.sqlite) vào cơ sở dữ liệu tỉnh."
                : "Only a SQLite workspace (a folder holding hotich.sqlite) can be copied into a province's database."
        case .copyScanMismatch(let batch, let path, let folder):
            return vi
                ? "Không chép gì: tệp quét \(TerminalText.escaped(path)) của lô \(TerminalText.escaped(batch)) (tìm trong \(TerminalText.escaped(folder))) bị thiếu, là liên kết chứ không phải tệp, hoặc khác tệp đã nhận. Chạy hotich batch check-files ở nguồn."
                : "Nothing copied: the scan \(TerminalText.escaped(path)) of batch \(TerminalText.escaped(batch)) (looked for in \(TerminalText.escaped(folder))) is missing, is a link rather than a file, or is not the file received. Run hotich batch check-files on the source."
        case .copied(let result):
            return Self.text(of: result, vi: vi)
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

    private static func text(of conflict: WorkspaceCopyConflict, vi: Bool) -> String {
        switch conflict {
        case .alreadyCopied:
            return vi ? "không gian làm việc này đã được chép vào đây trước đó" : "this workspace was copied here before"
        case .book(let office, let kind, let year, let volume):
            return vi ? "sổ \(TerminalText.escaped(kind)) năm \(year) quyển \(volume) của đơn vị \(TerminalText.escaped(office))"
                : "book \(TerminalText.escaped(kind)) \(year) volume \(volume) of office \(TerminalText.escaped(office))"
        case .batch(let id): return (vi ? "lô " : "batch ") + TerminalText.escaped(id)
        case .batchContent(let id):
            return vi ? "các tệp quét của lô \(TerminalText.escaped(id)) (đã nhận thành lô khác)"
                : "the scans of batch \(TerminalText.escaped(id)) (received as another batch)"
        case .record(let id): return (vi ? "bản ghi " : "record ") + TerminalText.escaped(id)
        case .exportPackage(let id): return (vi ? "gói xuất " : "export package ") + TerminalText.escaped(id)
        }
    }

    private static func text(of result: WorkspaceCopyResult, vi: Bool) -> String {
        // The tables a copy counts, in the order they are told, each with its name in Vietnamese and English.
        let counted: [(table: String, vi: String, en: String)] = [
            ("batch", "lô", "batches"), ("scanFile", "tệp quét", "scan files"), ("record", "bản ghi", "records"),
            ("keying", "lượt nhập", "keyings"), ("fieldDecision", "quyết định trường", "field decisions"),
            ("exportPackage", "gói xuất", "export packages"),
        ]
        let rows = counted.map { "\(result.rows[$0.table] ?? 0) \(vi ? $0.vi : $0.en)" }.joined(separator: ", ")
        var lines = [vi
            ? "Đã chép không gian làm việc của đơn vị \(TerminalText.escaped(result.office)): \(rows); nhật ký \(result.events) sự kiện, giữ nguyên bên cạnh nhật ký của tỉnh (mã băm cuối \(result.headHash.prefix(16))…)."
            : "Copied the workspace of office \(TerminalText.escaped(result.office)): \(rows); its trail of \(result.events) events kept beside the province's (last hash \(result.headHash.prefix(16))…)."]
        func people(_ users: [CopiedUser]) -> String {
            users.map { user in
                TerminalText.escaped(user.name) + " (" + TerminalText.escaped(user.role)
                    + (user.role == user.roleInDistrict ? "" : (vi ? "; ở huyện: " : "; in the district: ") + TerminalText.escaped(user.roleInDistrict)) + ")"
            }.joined(separator: ", ")
        }
        if !result.usersAdded.isEmpty {
            lines.append(vi ? "Người dùng mới của tỉnh (quản trị viên huyện thành giám sát): \(people(result.usersAdded))."
                : "New users of the province (district administrators become supervisors): \(people(result.usersAdded)).")
        }
        if !result.usersMerged.isEmpty {
            lines.append(vi ? "Người dùng tỉnh đã có, giữ vai trò của tỉnh, việc của họ ở huyện tính chung: \(people(result.usersMerged))."
                : "Users the province already had, keeping their province role, their district work counted with theirs: \(people(result.usersMerged)).")
        }
        if !result.loginsDropped.isEmpty {
            let names = result.loginsDropped.map(TerminalText.escaped).joined(separator: ", ")
            lines.append(vi ? "Chép không kèm tài khoản máy (tài khoản đã gắn với người khác; gắn lại bằng user login): \(names)."
                : "Copied without their account (bound to another user here; bind again with user login): \(names).")
        }
        if result.plansLeft > 0 {
            lines.append(vi ? "Bỏ qua \(result.plansLeft) kế hoạch: tỉnh đã có kế hoạch cho cùng đơn vị." : "Left \(result.plansLeft) plan(s): the province plans for the same office.")
        }
        if result.calendarDaysLeft > 0 {
            lines.append(vi ? "Bỏ qua \(result.calendarDaysLeft) ngày lịch riêng của huyện: tỉnh dùng lịch của tỉnh." : "Left \(result.calendarDaysLeft) calendar day(s) of the district's: the province keeps one calendar.")
        }
        if result.claimsLeft > 0 {
            lines.append(vi ? "\(result.claimsLeft) tệp đang được nhận nhập không chép lượt nhận; bản nháp đã lưu được chép." : "\(result.claimsLeft) file claim(s) not copied; saved drafts are.")
        }
        return lines.joined(separator: "\n")
    }
}
