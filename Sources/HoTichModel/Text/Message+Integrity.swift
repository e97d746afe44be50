/// What hotich says about the audit trail's proof (keys, seals, anchors), in Vietnamese and English
/// side by side. Rows and events are named by number or identifier, never by their content.
public enum IntegrityMessage: Sendable, Equatable {
    case auditKeyUnreadable(path: String)
    case auditKeyUnwritable(path: String)
    /// The chain is keyed but the key file is gone.
    case auditKeyMissing(path: String)
    case anchorLogUnreadable(path: String)
    /// An anchor file given to `audit verify --anchor` holds no audit head hotich can read.
    case anchorSourceUnreadable(path: String)
    /// Everything checked holds.
    case trailSound(events: Int, rows: Int, anchors: Int, keyed: Bool)
    /// Districts' trails copied in (`store copy`), each checked from its first event to the hash its
    /// `store-copy` event vouches for.
    case copiedTrailsSound(trails: Int, events: Int)
    /// The chain was checked without the key (a copy without its key file).
    case checkedWithoutKey
    /// How many problems were found, and how many are not listed.
    case trailUnsound(problems: Int)
    case problemsNotListed(Int)
    case problem(AuditProblem)
    // Backups.
    case backupTargetExists(path: String)
    case backupDone(path: String, files: Int, events: Int)
    case backupKeyLeftOut(keyPath: String)
    case backupKeyIncluded
    /// A scan that no longer matches its recorded hash was backed up as it is.
    case scanDamaged(path: String)
    case backupUnreadable(path: String)
    /// A file of a backup does not match the backup's manifest.
    case backupFileDamaged(path: String)
    case restoreNeedsKey
    case restoreDone(path: String, files: Int, events: Int)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .auditKeyUnreadable(let path):
            return vi ? "Không đọc được khóa nhật ký \(TerminalText.escaped(path))." : "\(TerminalText.escaped(path)) is not a readable audit key file."
        case .auditKeyUnwritable(let path):
            return vi ? "Không tạo được khóa nhật ký \(TerminalText.escaped(path)) (đã có tệp, hoặc thư mục không ghi được)."
                : "Cannot create the audit key \(TerminalText.escaped(path)) (a file is there, or the folder is not writable)."
        case .auditKeyMissing(let path):
            return vi
                ? "Thiếu khóa nhật ký \(TerminalText.escaped(path)): nhật ký đã được ký bằng khóa này, không thể ghi tiếp hay kiểm chứng nếu thiếu. Chép lại tệp khóa từ bản sao lưu; không tạo khóa mới."
                : "The audit key \(TerminalText.escaped(path)) is missing: the trail is signed with it and can neither go on nor be proven without it. Copy the key file back from a backup; do not make a new one."
        case .anchorLogUnreadable(let path):
            return vi ? "Không đọc được sổ mốc neo \(TerminalText.escaped(path))." : "Cannot read the anchor log \(TerminalText.escaped(path))."
        case .anchorSourceUnreadable(let path):
            return vi
                ? "\(TerminalText.escaped(path)) không chứa mốc nhật ký (manifest.xml của gói xuất, hoặc báo cáo tuần dạng JSON)."
                : "\(TerminalText.escaped(path)) holds no audit head (an export's manifest.xml, or a weekly report in JSON)."
        case .trailSound(let events, let rows, let anchors, let keyed):
            return vi
                ? "Nhật ký kiểm toán nguyên vẹn: \(events.grouped(in: language)) sự kiện, chuỗi mã băm khớp\(keyed ? ", mã xác thực khớp khóa" : ""); \(rows.grouped(in: language)) dòng dữ liệu khớp phiên bản đã niêm phong; \(anchors.grouped(in: language)) mốc neo khớp."
                : "Audit trail intact: \(events.grouped(in: language)) events, hash chain matches\(keyed ? ", HMACs match the key" : ""); \(rows.grouped(in: language)) rows match their sealed versions; \(anchors.grouped(in: language)) anchors match."
        case .copiedTrailsSound(let trails, let events):
            return vi
                ? "Nhật ký chép từ \(trails.grouped(in: language)) huyện (\(events.grouped(in: language)) sự kiện) nguyên vẹn, khớp các sự kiện store-copy xác nhận chúng."
                : "Trails copied from \(trails.grouped(in: language)) district(s) (\(events.grouped(in: language)) events) intact, matching the store-copy events that vouch for them."
        case .checkedWithoutKey:
            return vi
                ? "Lưu ý: không có khóa nhật ký, chưa kiểm được mã xác thực (HMAC); ai sửa được tệp cơ sở dữ liệu có thể đã tính lại chuỗi."
                : "Note: no audit key at hand, HMACs not checked; someone able to edit the database file could have recomputed the chain."
        case .trailUnsound(let problems):
            return vi
                ? "NHẬT KÝ KIỂM TOÁN KHÔNG NGUYÊN VẸN: \(problems.grouped(in: language)) vấn đề. Báo ngay cho quản trị viên; đối chiếu với bản sao lưu và các mốc neo trong gói xuất, báo cáo tuần."
                : "AUDIT TRAIL NOT INTACT: \(problems.grouped(in: language)) problems. Tell the administrator now; compare with a backup and with the anchors in export packages and weekly reports."
        case .problemsNotListed(let count):
            return vi ? "… và \(count.grouped(in: language)) vấn đề nữa không liệt kê." : "… and \(count.grouped(in: language)) more not listed."
        case .problem(let problem):
            return Self.text(of: problem, vi: vi)
        case .backupTargetExists(let path):
            return vi ? "Đã có \(TerminalText.escaped(path)); bản sao lưu không ghi đè. Chọn thư mục mới." : "\(TerminalText.escaped(path)) exists; a backup never overwrites. Choose a new folder."
        case .backupDone(let path, let files, let events):
            return vi
                ? "Đã sao lưu vào \(TerminalText.escaped(path)): cơ sở dữ liệu (\(events.grouped(in: language)) sự kiện nhật ký, đã kiểm), \(files.grouped(in: language)) tệp ảnh (bản chép, khớp mã băm), sổ mốc neo, hotich-backup.json."
                : "Backed up to \(TerminalText.escaped(path)): the database (\(events.grouped(in: language)) audit events, checked), \(files.grouped(in: language)) scans (copies, matching their hashes), the anchor log, hotich-backup.json."
        case .backupKeyLeftOut(let keyPath):
            return vi
                ? "Khóa nhật ký KHÔNG được chép vào bản sao lưu: cất riêng \(TerminalText.escaped(keyPath)) ở nơi an toàn (ngoại tuyến); khôi phục cần nó (--key), hoặc sao lưu kèm khóa bằng --include-key."
                : "The audit key was NOT copied into the backup: keep \(TerminalText.escaped(keyPath)) apart, somewhere safe (offline); a restore needs it (--key), or back up with --include-key."
        case .backupKeyIncluded:
            return vi ? "Bản sao lưu chứa khóa nhật ký: ai có bản sao lưu có thể giả nhật ký. Cất giữ như chính không gian làm việc." : "The backup holds the audit key: whoever has it can forge the trail. Guard it like the workspace itself."
        case .scanDamaged(let path):
            return vi ? "Tệp ảnh \(TerminalText.escaped(path)) không khớp mã băm đã ghi: đã chép như hiện có; kiểm bằng hotich batch check-files." : "Scan \(TerminalText.escaped(path)) no longer matches its recorded hash: copied as it is; check with hotich batch check-files."
        case .backupUnreadable(let path):
            return vi ? "\(TerminalText.escaped(path)) không phải bản sao lưu hotich đọc được (thiếu hoặc hỏng hotich-backup.json)." : "\(TerminalText.escaped(path)) is not a hotich backup that can be read (hotich-backup.json missing or damaged)."
        case .backupFileDamaged(let path):
            return vi ? "Tệp \(TerminalText.escaped(path)) của bản sao lưu không khớp danh mục (thiếu, khác kích thước hoặc mã băm): không khôi phục từ bản này." : "The backup's file \(TerminalText.escaped(path)) does not match its manifest (missing, other size or hash): not restored from this backup."
        case .restoreNeedsKey:
            return vi ? "Bản sao lưu không chứa khóa nhật ký: đưa tệp audit.key đã cất riêng bằng --key." : "The backup holds no audit key: give the audit.key kept apart with --key."
        case .restoreDone(let path, let files, let events):
            return vi
                ? "Đã khôi phục vào \(TerminalText.escaped(path)) và kiểm: cơ sở dữ liệu nguyên vẹn, nhật ký \(events.grouped(in: language)) sự kiện khớp, \(files.grouped(in: language)) tệp ảnh khớp mã băm."
                : "Restored to \(TerminalText.escaped(path)) and checked: the database is sound, the trail's \(events.grouped(in: language)) events match, \(files.grouped(in: language)) scans match their hashes."
        }
    }

    private static func text(of problem: AuditProblem, vi: Bool) -> String {
        switch problem {
        case .eventBroken(let id):
            return vi ? "Sự kiện #\(id): mã băm không khớp chuỗi — bị sửa, chèn hoặc xóa tại đây."
                : "Event #\(id): its hash does not fit the chain — edited, inserted or deleted here."
        case .eventForged(let id):
            return vi ? "Sự kiện #\(id): mã xác thực không khớp khóa — chuỗi bị tính lại, hoặc sự kiện do người không có khóa viết."
                : "Event #\(id): its HMAC does not match the key — the chain was recomputed, or the event written by someone without the key."
        case .eventUnkeyed(let id):
            return vi ? "Sự kiện #\(id): thiếu mã xác thực dù nhật ký đã có khóa." : "Event #\(id): no HMAC, though the trail is keyed."
        case .sealsChanged(let id):
            return vi ? "Sự kiện #\(id): các dấu niêm phong nội dung của nó đã bị sửa, thêm hoặc xóa."
                : "Event #\(id): the content seals it vouches for were changed, added or removed."
        case .contentUnvouched(let kind, let id):
            return vi ? "\(label(kind, vi: true)) \(TerminalText.escaped(id)): được ghi mà không sự kiện nhật ký nào xác nhận — bị ghi ngoài hotich."
                : "\(label(kind, vi: false)) \(TerminalText.escaped(id)): written without an audit event vouching for it — written outside hotich."
        case .contentChanged(let kind, let id):
            return vi ? "\(label(kind, vi: true)) \(TerminalText.escaped(id)): khác phiên bản nhật ký đã niêm phong — bị sửa trực tiếp trong tệp cơ sở dữ liệu."
                : "\(label(kind, vi: false)) \(TerminalText.escaped(id)): differs from the version the trail sealed — edited directly in the database file."
        case .contentUnsealed(let kind, let id):
            return vi ? "\(label(kind, vi: true)) \(TerminalText.escaped(id)): chưa từng được niêm phong — bị thêm ngoài hotich."
                : "\(label(kind, vi: false)) \(TerminalText.escaped(id)): never sealed — added outside hotich."
        case .contentMissing(let kind, let id):
            return vi ? "\(label(kind, vi: true)) \(TerminalText.escaped(id)): đã niêm phong nhưng không còn — bị xóa ngoài hotich."
                : "\(label(kind, vi: false)) \(TerminalText.escaped(id)): sealed but gone — deleted outside hotich."
        case .anchorEventMissing(let id):
            return vi ? "Mốc neo ghi sự kiện #\(id) nhưng nhật ký không có: phần cuối nhật ký đã bị xóa (hoặc đây là bản sao cũ hơn)."
                : "An anchor names event #\(id), which the trail does not hold: its tail was deleted (or this is an older copy)."
        case .anchorMismatch(let id):
            return vi ? "Mốc neo của sự kiện #\(id) ghi mã băm khác: nhật ký đã bị viết lại từ trước sự kiện này."
                : "The anchor of event #\(id) holds another hash: the trail was rewritten before that event."
        case .anchorForged(let line):
            return vi ? "Sổ mốc neo, dòng \(line): mã xác thực không khớp khóa — dòng bị sửa hoặc giả."
                : "Anchor log, line \(line): its HMAC does not match the key — the line was edited or forged."
        case .foreignSchema(let name):
            return vi ? "Cơ sở dữ liệu có \(TerminalText.escaped(name)) mà hotich không tạo: mã được cài vào ngoài hotich, chạy trong giao dịch của hotich."
                : "The database holds \(TerminalText.escaped(name)), which hotich never made: code planted outside hotich, running inside hotich's transactions."
        case .anchorLogMissing:
            return vi ? "Sổ mốc neo audit-anchors.log bị mất hoặc rỗng dù nhật ký đã được ký: không còn đối chiếu được phần cuối nhật ký tại chỗ."
                : "The anchor log audit-anchors.log is gone or empty though the trail is signed: the trail's tail can no longer be checked here."
        case .copiedTrailBroken(let office, let id):
            return vi ? "Nhật ký chép từ đơn vị \(TerminalText.escaped(office)), sự kiện #\(id): không khớp chuỗi đã chép — bị sửa, chèn hoặc xóa sau khi chép."
                : "The trail copied from office \(TerminalText.escaped(office)), event #\(id): does not fit the chain as copied — edited, inserted or deleted after the copy."
        case .copiedTrailUnvouched(let office):
            return vi ? "Nhật ký chép từ đơn vị \(TerminalText.escaped(office)) không có sự kiện store-copy nào của nhật ký này xác nhận — được thêm ngoài hotich."
                : "The trail copied from office \(TerminalText.escaped(office)) is vouched for by no store-copy event of this trail — added outside hotich."
        case .copiedTrailMissing(let id):
            return vi ? "Sự kiện #\(id) ghi việc chép nhật ký của một huyện vào đây, nhưng nhật ký đã chép không còn — bị xóa ngoài hotich."
                : "Event #\(id) records a district's trail copied in, but that trail is gone — deleted outside hotich."
        case .guardMissing(let name):
            return vi ? "Ràng buộc \(TerminalText.escaped(name)) của cơ sở dữ liệu đã bị gỡ: lược đồ bị sửa ngoài hotich."
                : "The database's rule \(TerminalText.escaped(name)) was removed: the schema was edited outside hotich."
        }
    }

    private static func label(_ kind: SealedContent, vi: Bool) -> String {
        switch kind {
        case .record: vi ? "Bản ghi" : "Record"
        case .keying: vi ? "Lượt nhập" : "Keying"
        case .batch: vi ? "Lô" : "Batch"
        case .scanFile: vi ? "Tệp ảnh" : "Scan file"
        case .user: vi ? "Người dùng" : "User"
        case .passphrase: vi ? "Mật khẩu của người dùng" : "Passphrase of user"
        case .workspace: vi ? "Thông tin không gian làm việc" : "Workspace settings"
        case .office: vi ? "Cơ quan" : "Office"
        case .decision: vi ? "Quyết định đối chiếu" : "Field decision"
        case .correction: vi ? "Đính chính" : "Correction"
        case .nonEntry: vi ? "Đánh dấu trang không phải mục" : "Page marked as no entry"
        case .book: vi ? "Quyển sổ" : "Book"
        case .duplicate: vi ? "Kết luận nghi trùng" : "Duplicate decision"
        case .sample: vi ? "Mẫu kiểm tra" : "Acceptance sample"
        }
    }
}
