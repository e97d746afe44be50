/// The words of `hotich search` and `hotich record show`, in Vietnamese and English side by side.
public enum SearchLabel: String, Sendable, CaseIterable {
    case kind, number, book, office, registrationDate, subject, birthDate, batch, state, match, role, recordId
    case field, value, valueState, pass, keyer, source, savedAt, keyingState, differs
    case origin, pass1, pass2, decided, decidedBy, decidedAt, superseded
    case change, version, reason, by, at
    case finding, severity, acknowledged, otherRecord, basis, decision
    case package, file, exportedAt, withdrawal, receipt, receiptCode, receiptAt, path, bytes, sha256

    public func text(in language: Language) -> String {
        let (vi, en) = words
        return language == .vietnamese ? vi : en
    }

    private var words: (String, String) {
        switch self {
        case .kind: ("Loại sổ", "Kind")
        case .number: ("Số", "No.")
        case .book: ("Quyển", "Book")
        case .office: ("Cơ quan", "Office")
        case .registrationDate: ("Ngày đăng ký", "Registered")
        case .subject: ("Họ tên", "Name")
        case .birthDate: ("Ngày sinh", "Born")
        case .batch: ("Lô", "Batch")
        case .state: ("Trạng thái", "State")
        case .match: ("Khớp", "Match")
        case .role: ("Vai trò", "Role")
        case .recordId: ("Mã bản ghi", "Record id")
        case .field: ("Trường", "Field")
        case .value: ("Giá trị", "Value")
        case .valueState: ("Tình trạng", "Value state")
        case .pass: ("Lần nhập", "Pass")
        case .keyer: ("Người nhập", "Keyer")
        case .source: ("Nguồn", "Source")
        case .savedAt: ("Lúc lưu", "Saved at")
        case .keyingState: ("Trạng thái nhập", "Keying state")
        case .differs: ("Trường khác bản ghi", "Fields differing")
        case .origin: ("Loại", "Origin")
        case .pass1: ("Lần 1", "Pass 1")
        case .pass2: ("Lần 2", "Pass 2")
        case .decided: ("Kết luận", "Decided")
        case .decidedBy: ("Người quyết định", "Decided by")
        case .decidedAt: ("Lúc quyết định", "Decided at")
        case .superseded: ("Hết hiệu lực lúc", "Superseded at")
        case .change: ("Thay đổi", "Change")
        case .version: ("Phiên bản", "Version")
        case .reason: ("Lý do", "Reason")
        case .by: ("Người thực hiện", "By")
        case .at: ("Lúc", "At")
        case .finding: ("Phát hiện", "Finding")
        case .severity: ("Mức", "Severity")
        case .acknowledged: ("Đã xác nhận", "Acknowledged")
        case .otherRecord: ("Bản ghi kia", "Other record")
        case .basis: ("Căn cứ", "Basis")
        case .decision: ("Kết luận", "Decision")
        case .package: ("Gói", "Package")
        case .file: ("Tệp", "File")
        case .exportedAt: ("Lúc xuất", "Exported at")
        case .withdrawal: ("Rút", "Withdrawal")
        case .receipt: ("Biên nhận", "Receipt")
        case .receiptCode: ("Mã lỗi", "Code")
        case .receiptAt: ("Lúc nhận", "Received at")
        case .path: ("Tệp quét", "Scan file")
        case .bytes: ("Byte", "Bytes")
        case .sha256: ("SHA-256", "SHA-256")
        }
    }
}

extension SearchState {
    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .keyed: return vi ? "đã nhập" : "keyed"
        case .verified: return vi ? "đã kiểm tra" : "verified"
        case .withdrawn: return vi ? "đã rút" : "withdrawn"
        }
    }
}

extension SearchMatch {
    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .exact: return vi ? "đúng hệt" : "exact"
        case .folded: return vi ? "đúng (không dấu)" : "same without diacritics"
        case .partialName: return vi ? "một phần tên" : "part of a name"
        case .other: return vi ? "khác" : "other"
        }
    }

    /// The stable code for machines.
    public var code: String {
        switch self {
        case .exact: "exact"
        case .folded: "folded"
        case .partialName: "partial"
        case .other: "other"
        }
    }
}

extension SearchRole {
    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .subject: return vi ? "người được đăng ký" : "subject"
        case .mother: return vi ? "mẹ" : "mother"
        case .father: return vi ? "cha" : "father"
        case .spouse: return vi ? "vợ/chồng" : "spouse"
        case .requester: return vi ? "người đi đăng ký" : "requester"
        }
    }
}
