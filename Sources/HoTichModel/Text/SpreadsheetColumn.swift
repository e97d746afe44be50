/// Spreadsheet columns as people and workbooks name them.
public enum SpreadsheetColumn {
    /// `A` … `Z`, `AA` … for a 0-based column index.
    public static func letters(_ index: Int) -> String {
        var number = index + 1
        var name = ""
        while number > 0 {
            let rest = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            number = (number - 1) / 26
        }
        return name
    }
}
