/// Identifies one physical register book: office, kind, the year it was opened and its volume.
public struct BookIdentity: Sendable, Hashable, Codable {
    public let office: OfficeCode
    public let kind: RecordKind
    /// Năm mở sổ: the year the book was opened.
    public let year: Int
    /// Quyển số: the volume number within that year, from 1.
    public let volume: Int

    public init(office: OfficeCode, kind: RecordKind, year: Int, volume: Int) {
        self.office = office
        self.kind = kind
        self.year = year
        self.volume = volume
    }

    /// The volume as the registers print it, `QQ/YYYY` (for example `01/2017`).
    public var quyenSo: String {
        "\(Self.twoDigits(volume))/\(year)"
    }

    /// The volume padded to two digits, as in scan-file names.
    public var volumeText: String { Self.twoDigits(volume) }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// Years a register book can plausibly have been opened in.
    public static let plausibleYears = 1900...2100

    /// Volumes a book can carry.
    public static let plausibleVolumes = 1...99
}
