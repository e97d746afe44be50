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
    /// line break (RFC 4180), ended with CRLF. Cells a spreadsheet would run as a formula are
    /// neutralized (``formulaSafe(_:)``).
    public func line(_ cells: [String]) -> String {
        let separator = Character(UnicodeScalar(self.separator))
        return cells.map { raw in
            let cell = Self.formulaSafe(raw)
            guard cell.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(separator)) + "\r\n"
    }

    /// A cell as a spreadsheet may open it without running it: one that starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return (a formula, or the start of one) gets a leading `'`, which
    /// spreadsheets read as "text". A plain number (`-5`, `+84912…`) and `-` alone (a field left
    /// blank in the book) are left as they are. hotich's import takes the `'` off again
    /// (``removingFormulaGuard(_:)``), so the data itself never changes.
    public static func formulaSafe(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), cell != "-" else { return cell }
        if first == "-" || first == "+" {
            let rest = cell.unicodeScalars.dropFirst()
            let digits = rest.filter { $0 != "." }
            if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }), rest.filter({ $0 == "." }).count <= 1 { return cell }
        }
        return "'" + cell
    }

    /// A cell read back from a CSV hotich wrote: the `'` that ``formulaSafe(_:)`` added is taken off.
    public static func removingFormulaGuard(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.count > 1, scalars.first == "'", let second = scalars.dropFirst().first,
              "=+-@\t\r".unicodeScalars.contains(second)
        else { return cell }
        return String(cell.dropFirst())
    }
}
