/// The kinds of register that provinces digitize, with the Ministry's short codes.
///
/// The raw value is the code used in scan-file names and import templates (`KS`, `KT`, …).
public enum RecordKind: String, Sendable, CaseIterable, Codable, Comparable {
    /// Khai sinh: birth registration.
    case birth = "KS"
    /// Khai tử: death registration.
    case death = "KT"
    /// Kết hôn: marriage registration.
    case marriage = "KH"
    /// Xác nhận tình trạng hôn nhân: marital-status confirmation.
    case maritalStatus = "HN"
    /// Nhận cha, mẹ, con: parent-child recognition.
    case parentChild = "CMC"

    /// The Ministry's code (`KS`, `KT`, `KH`, `HN`, `CMC`).
    public var code: String { rawValue }

    /// Reads a code in any letter case.
    public init?(code: String) {
        self.init(rawValue: code.uppercased())
    }

    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        lhs.sortOrder < rhs.sortOrder
    }

    private var sortOrder: Int {
        switch self {
        case .birth: 0
        case .death: 1
        case .marriage: 2
        case .maritalStatus: 3
        case .parentChild: 4
        }
    }
}
