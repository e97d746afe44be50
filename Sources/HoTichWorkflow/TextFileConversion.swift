public import Foundation
import HoTichExchange
public import HoTichModel

/// `hotich text convert`: a CSV or XLSX file of legacy TCVN3/VNI text written again in Unicode NFC,
/// as CSV (UTF-8 with a byte-order mark, the source's separator) or XLSX by the output's extension.
/// The output is written atomically and owner-only; the input is never changed.
public enum TextFileConversion {
    /// - Returns: what was converted; `nil` when the file is Unicode already (nothing is written).
    /// - Throws: when the encoding cannot be told (`auto`), the file cannot be read, or the
    ///   output is the input or neither `.csv` nor `.xlsx`.
    public static func convert(_ input: URL, from choice: TextEncodingChoice, to output: URL) throws -> TextConversionReport? {
        let path = input.path
        guard FileManager.default.fileExists(atPath: path) else { throw HoTichError(.pathNotFound(path)) }
        let format = output.pathExtension.lowercased()
        guard format == "csv" || format == "xlsx", output.standardizedFileURL.resolvingSymlinksInPath() != input.standardizedFileURL.resolvingSymlinksInPath()
        else { throw HoTichError(.place(.textOutputInvalid(path: output.path))) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-text-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source: any TabularSource
        do {
            source = try LegacyTextReading.open(input, temporaryFolder: scratch, choice: choice == .utf8 ? .auto : choice)
        } catch {
            throw Session.importError(error, path: path)
        }
        guard let converting = source as? ConvertingSource else { return nil }
        try ReportFile.write(to: output) { partial in
            do {
                if format == "xlsx" {
                    let book = try XLSXWriter(url: partial, temporaryFolder: scratch)
                    let sheet = try book.addSheet("Sheet1")
                    while let row = try converting.nextRow() { try sheet.row(row.cells.map { $0.isEmpty ? .empty : .text($0) }) }
                    try book.finish()
                } else {
                    let dialect = CSVDialect(separator: converting.dialect?.separator ?? UInt8(ascii: ","), byteOrderMark: true)
                    let handle = try FileHandle(forWritingTo: partial)
                    defer { try? handle.close() }
                    if dialect.byteOrderMark { try handle.write(contentsOf: Data([0xEF, 0xBB, 0xBF])) }
                    var buffer = ""
                    while let row = try converting.nextRow() {
                        buffer += dialect.line(row.cells)
                        if buffer.utf8.count > 1 << 18 {
                            try handle.write(contentsOf: Data(buffer.utf8))
                            buffer = ""
                        }
                    }
                    try handle.write(contentsOf: Data(buffer.utf8))
                }
            } catch let error as TabularError {
                throw Session.importError(error, path: path)
            }
        }
        return converting.report
    }
}
