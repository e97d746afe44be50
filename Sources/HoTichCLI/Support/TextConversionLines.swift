import HoTichModel

/// Prints what a conversion from a legacy encoding did: a summary, a line per column, the
/// capitals TCVN3 may have lost, and two examples per column (the text before and after, on the
/// operator's own terminal only, escaped; never in a log or an error).
enum TextConversionLines {
    static func print(_ report: TextConversionReport?, language: Language) {
        guard let report, report.cellsConverted > 0 else { return }
        let console = Console.current
        console.line(Message.place(.textConverted(form: report.form, cells: report.cellsConverted)).text(in: language))
        for column in report.columns where column.cellsConverted > 0 || column.cellsKept > 0 {
            let letter = TextConversionReport.columnLetter(column.index)
            console.line(Message.place(.textConvertedColumn(
                column: letter, encoding: column.encoding, confidence: column.confidence, cells: column.cellsConverted,
                kept: column.cellsKept)).text(in: language))
            // Said where capitals were restored, the sign of an uppercase font: elsewhere the small
            // letters are what they look like, and a line on every file would be noise.
            if column.encoding == .tcvn3, column.capitalsRestored > 0 {
                console.line(Message.place(.textCapitals(
                    column: letter, restored: column.capitalsRestored, uncertain: column.lowercaseOnlyLetters)).text(in: language))
            }
            if column.unmappedBytes > 0 {
                console.line(Message.place(.textUnmappedBytes(column: letter, count: column.unmappedBytes)).text(in: language))
            }
            for example in column.examples {
                let row = language == .vietnamese ? "dòng" : "row"
                console.line("    \(row) \(example.row): «\(Self.shown(example.before))» → «\(Self.shown(example.after))»")
            }
        }
    }

    /// At most 60 characters of a cell.
    private static func shown(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
