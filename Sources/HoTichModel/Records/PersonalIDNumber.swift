/// The 12-digit personal ID number (số định danh cá nhân): province of birth registration (3),
/// century and sex (1), birth year (2), serial (6). Reference: NĐ 137/2015, TT 07/2016/TT-BCA.
public struct PersonalIDNumber: Sendable, Hashable {
    public let digits: String

    /// Accepts exactly 12 ASCII digits (spaces are ignored); anything else is `nil`.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count == 12, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        digits = compact
    }

    private var values: [Int] { digits.compactMap { $0.wholeNumberValue } }

    /// The 3-digit code of the province (or country) where the birth was registered.
    public var provinceCode: String { String(digits.prefix(3)) }

    /// The sex the number encodes: even century digit male, odd female.
    public var sex: Sex { values[3] % 2 == 0 ? .male : .female }

    /// The first year of the century the number encodes (1900, 2000, … 2300).
    public var century: Int { 1900 + (values[3] / 2) * 100 }

    /// The full birth year the number encodes.
    public var birthYear: Int { century + values[4] * 10 + values[5] }

    /// The two sexes the number can encode.
    public enum Sex: String, Sendable {
        case male, female

        /// The code of `gioiTinh` for this sex.
        public var gioiTinhCode: String { self == .male ? "1" : "2" }
    }
}
