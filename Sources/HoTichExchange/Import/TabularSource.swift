public import Foundation

/// A row of a spreadsheet or CSV file: its 1-based row number in the file and its cells as text.
public struct TabularRow: Sendable, Equatable {
    public let number: Int
    public let cells: [String]
    /// The cells a workbook stored as numbers (their text is the number's; leading zeros, if the
    /// value had any, were lost when the cell was typed). Always empty for CSV.
    public let numericCells: Set<Int>

    public init(number: Int, cells: [String], numericCells: Set<Int> = []) {
        self.number = number
        self.cells = cells
        self.numericCells = numericCells
    }
}

/// Why a tabular file cannot be read at all.
public enum TabularError: Error, Sendable, Equatable {
    /// A byte sequence that is not UTF-8, at this row.
    case notUTF8(row: Int)
    /// The file is damaged or not of the expected kind.
    case unreadable
    /// Neither `.csv` nor `.xlsx`.
    case unknownFormat
    /// A workbook cell reference or row number beyond the format's limits (XFD, 1 048 576).
    case cellOutOfRange(row: Int)
    /// A workbook cell names a shared string the workbook does not have.
    case badSharedString(row: Int)
    /// A row with more than ``TabularLimits/cellsPerRow`` cells or a cell over ``TabularLimits/cellBytes``.
    case rowTooLarge(row: Int)
    /// A part of a workbook declares or unpacks to more than it may (the limit in MiB).
    case tooLarge(limitMiB: Int)
    /// Columns (0 for A) whose text may be Unicode, TCVN3 or VNI, and reads as none clearly.
    case encodingUnclear(columns: [Int])
}

/// The sizes a spreadsheet or CSV file may declare or hold: the format's own limits, and what no
/// register needs. Anything beyond is refused before memory or disk is spent on it.
public enum TabularLimits {
    /// Columns of a worksheet (XFD).
    public static let cellsPerRow = 16_384
    /// Rows of a worksheet.
    public static let rows = 1_048_576
    /// One cell's bytes (a register field holds at most a few hundred characters).
    public static let cellBytes = 1 << 20
    /// A worksheet part, unpacked.
    public static let worksheetBytes: Int64 = 4 << 30
    /// The shared-string part, unpacked (kept in memory whole, as Excel designs it).
    public static let sharedStringBytes: Int64 = 512 << 20
}

/// Rows read one at a time, so a file of 100 000 rows never sits in memory whole.
public protocol TabularSource: AnyObject {
    /// The next row, or `nil` at the end of the file.
    func nextRow() throws(TabularError) -> TabularRow?
    /// How a CSV file is spelled; `nil` for a workbook.
    var dialect: CSVDialect? { get }
}

/// Opens a CSV or XLSX file by its content (an XLSX is a ZIP), whatever its name.
public enum TabularFile {
    /// - Parameter temporaryFolder: where a workbook's parts are unpacked: a folder of the caller's
    ///   own, owner-only, that it removes (they hold personal data).
    /// - Parameter sheet: for a workbook, the sheet to read by name; the first sheet when `nil`.
    public static func open(_ url: URL, temporaryFolder: URL, sheet: String? = nil) throws(TabularError) -> any TabularSource {
        if isWorkbook(url) {
            return try XLSXReader(url: url, temporaryFolder: temporaryFolder, sheet: sheet)
        }
        let ext = url.pathExtension.lowercased()
        guard ext == "csv" || ext == "txt" || ext.isEmpty else { throw .unknownFormat }
        return try CSVReader(url: url)
    }

    /// Whether the file is a ZIP (an XLSX workbook), by its first bytes.
    public static func isWorkbook(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: 4)) ?? Data()) == [0x50, 0x4B, 0x03, 0x04]
    }
}
