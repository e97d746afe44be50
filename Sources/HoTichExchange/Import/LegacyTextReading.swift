public import Foundation
public import HoTichModel

/// Opens a CSV or XLSX file for reading with the encoding the user chose: for anything but
/// ``TextEncodingChoice/utf8`` the file is surveyed first (``LegacyTextSurvey``), and read through
/// a ``ConvertingSource`` that gives back Unicode NFC for the columns the survey names.
public enum LegacyTextReading {
    /// The file's source, converting where the survey says, and the survey's verdict.
    /// - Throws: ``TabularError/encodingUnclear(columns:)`` when `auto` cannot tell a column's
    ///   encoding; the reader's errors otherwise (a file that is not UTF-8, read with `utf8`).
    public static func open(
        _ url: URL, temporaryFolder: URL, sheet: String? = nil, choice: TextEncodingChoice
    ) throws(TabularError) -> any TabularSource {
        if choice == .utf8 { return try TabularFile.open(url, temporaryFolder: temporaryFolder, sheet: sheet) }
        let (survey, firstNotUTF8) = try survey(url, temporaryFolder: temporaryFolder, sheet: sheet)
        let verdict = survey.verdict(for: choice)
        if verdict.notLegacy, let row = firstNotUTF8 { throw .notUTF8(row: row) }
        guard verdict.refused.isEmpty else { throw .encodingUnclear(columns: verdict.refused.map(\.column)) }
        let base: any TabularSource = switch verdict.form {
        case .unicode: try TabularFile.open(url, temporaryFolder: temporaryFolder, sheet: sheet)
        case .bytes: try CSVReader(url: url, bytes: .latin1)
        }
        return verdict.converts ? ConvertingSource(base, verdict: verdict) : base
    }

    /// Reads every row once and judges its columns. A CSV file that is not UTF-8 is read again as
    /// bytes; the row where UTF-8 failed is returned with the survey.
    public static func survey(
        _ url: URL, temporaryFolder: URL, sheet: String? = nil
    ) throws(TabularError) -> (survey: LegacyTextSurvey, firstNotUTF8: Int?) {
        do {
            return (try survey(TabularFile.open(url, temporaryFolder: temporaryFolder, sheet: sheet), form: .unicode), nil)
        } catch .notUTF8(let row) {
            return (try survey(CSVReader(url: url, bytes: .latin1), form: .bytes), row)
        }
    }

    private static func survey(_ source: any TabularSource, form: LegacyTextForm) throws(TabularError) -> LegacyTextSurvey {
        var survey = LegacyTextSurvey(form: form)
        while let row = try source.nextRow() { survey.add(row.cells) }
        return survey
    }
}

/// A source whose cells in the named columns are legacy text, given back as Unicode NFC; it keeps
/// count of what it did (``report``).
public final class ConvertingSource: TabularSource {
    private let base: any TabularSource
    private let readings: [(index: Int, encoding: LegacyEncoding)]
    public private(set) var report: TextConversionReport

    public var dialect: CSVDialect? { base.dialect }

    public init(_ base: any TabularSource, verdict: LegacyTextVerdict) {
        self.base = base
        readings = verdict.readings.sorted { $0.key < $1.key }.map { ($0.key, $0.value.encoding) }
        report = TextConversionReport(
            form: verdict.form,
            columns: verdict.readings.sorted { $0.key < $1.key }.map {
                TextConversionReport.Column(index: $0.key, encoding: $0.value.encoding, confidence: $0.value.confidence)
            })
    }

    public func nextRow() throws(TabularError) -> TabularRow? {
        guard let row = try base.nextRow() else { return nil }
        var cells = row.cells
        for (position, reading) in readings.enumerated() where reading.index < cells.count {
            let cell = cells[reading.index]
            if cell.utf8.allSatisfy({ $0 < 0x80 }) { continue }
            // A cell of Unicode text (characters Windows-1252 cannot give, or words that read worse
            // converted) is kept as it is, and counted.
            guard let decoded = reading.encoding.convert(cell),
                  report.form == .bytes || LegacyTextSurvey.readsBetter(decoded.text, than: cell)
            else {
                report.columns[position].cellsKept += 1
                continue
            }
            cells[reading.index] = decoded.text
            var column = report.columns[position]
            column.cellsConverted += 1
            column.capitalsRestored += decoded.capitalsRestored
            column.lowercaseOnlyLetters += decoded.lowercaseOnlyLetters
            column.unmappedBytes += decoded.unmappedBytes
            if column.examples.count < TextConversionReport.examplesPerColumn, decoded.text != cell {
                column.examples.append(.init(row: row.number, before: cell, after: decoded.text))
            }
            report.columns[position] = column
        }
        return TabularRow(number: row.number, cells: cells, numericCells: row.numericCells)
    }
}
