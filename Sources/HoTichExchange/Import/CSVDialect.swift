import Foundation

/// How a CSV file is spelled: its separator and whether it opens with a UTF-8 byte-order mark.
///
/// A file hotich writes for a person to correct in a spreadsheet (a reject file) is spelled like the
/// file it came from, so that the same program opens it the same way.
public struct CSVDialect: Sendable, Equatable {
    public let separator: UInt8
    public let byteOrderMark: Bool

    public init(separator: UInt8, byteOrderMark: Bool) {
        self.separator = separator
        self.byteOrderMark = byteOrderMark
    }

    /// What Excel opens as UTF-8 in any locale: commas, with a byte-order mark.
    public static let excel = CSVDialect(separator: UInt8(ascii: ","), byteOrderMark: true)

    /// One record: cells joined by the separator, quoted where they hold the separator, a quote or a
    /// line break (RFC 4180), ended with CRLF.
    public func line(_ cells: [String]) -> String {
        let separator = Character(UnicodeScalar(self.separator))
        return cells.map { cell in
            guard cell.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(separator)) + "\r\n"
    }
}
