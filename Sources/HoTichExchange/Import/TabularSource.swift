public import Foundation

/// A row of a spreadsheet or CSV file: its 1-based row number in the file and its cells as text.
public struct TabularRow: Sendable, Equatable {
    public let number: Int
    public let cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
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
    public static func open(_ url: URL) throws(TabularError) -> any TabularSource {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        try? handle.close()
        if Array(head) == [0x50, 0x4B, 0x03, 0x04] {
            return try XLSXReader(url: url)
        }
        let ext = url.pathExtension.lowercased()
        guard ext == "csv" || ext == "txt" || ext.isEmpty else { throw .unknownFormat }
        return try CSVReader(url: url)
    }
}
