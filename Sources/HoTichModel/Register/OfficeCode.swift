/// The administrative-unit code of a registry office (the People's Committee that kept the book).
///
/// Codes follow QĐ 124/2004/QĐ-TTg and QĐ 19/2025/QĐ-TTg: 2 digits for a province,
/// 3 for a district, 5 for a commune. The code is kept as text so leading zeros survive.
public struct OfficeCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The digits of the code, for example `"20245"`.
    public let value: String

    /// Accepts 2, 3 or 5 ASCII digits; anything else is `nil`.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard [2, 3, 5].contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        value = trimmed
    }

    /// A code written as a literal in the source, such as the sample office of the demo.
    /// A literal that is not a valid code is a programming error, caught by the tests.
    public init(literal: StaticString) {
        let text = literal.description
        precondition(OfficeCode(text) != nil, "not an administrative-unit code: \(text)")
        value = text
    }

    /// The level of the unit the code names, read from its length.
    public var level: Level {
        switch value.count {
        case 2: .province
        case 3: .district
        default: .commune
        }
    }

    /// Administrative levels of Vietnam before and after the 2025 reform.
    public enum Level: String, Sendable {
        case province, district, commune
    }

    public var description: String { value }

    public static func < (lhs: OfficeCode, rhs: OfficeCode) -> Bool { lhs.value < rhs.value }
}

extension String {
    /// The string without leading and trailing white space.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
