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
    ///
    /// Decided on the bytes, not on characters: `\r\n` is one Swift character, and so is a
    /// separator or a quote followed by a combining mark; either would pass a character test and
    /// break the row.
    public func line(_ cells: [String]) -> String {
        let separator = self.separator
        let quote = UInt8(ascii: "\"")
        return cells.map { raw in
            let cell = Self.formulaSafe(raw)
            guard cell.utf8.contains(where: { $0 == separator || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else { return cell }
            var quoted = String.UnicodeScalarView()
            quoted.append("\"")
            for scalar in cell.unicodeScalars {
                if scalar == "\"" { quoted.append("\"") }
                quoted.append(scalar)
            }
            quoted.append("\"")
            return String(quoted)
        }.joined(separator: String(UnicodeScalar(separator))) + "\r\n"
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
