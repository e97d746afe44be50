public import Foundation
import HoTichXML
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook row by row.
///
/// The worksheet is unpacked into the caller's temporary folder (owner-only, inside the
/// workspace, removed with it) and streamed with libxml2's reader, so memory grows with the
/// shared-string table (which Excel keeps whole by design), not with the row count. Empty cells
/// between filled ones come back as empty strings. Every size the workbook declares or holds is
/// bounded (``TabularLimits``): a part that unpacks to more than it declared stops at once.
public final class XLSXReader: TabularSource {
    private let sharedStrings: [String]
    private let sheet: XMLStreamReader
    private let temporary: URL
    private var rowNumber = 0

    public init(url: URL, temporaryFolder: URL) throws(TabularError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .unreadable
        }
        temporary = temporaryFolder.appendingPathComponent("xlsx-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unreadable
        }
        let sheets = archive.filter { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }
            .sorted { Self.sheetOrder($0.path) < Self.sheetOrder($1.path) }
        do throws(TabularError) {
            guard let first = sheets.first else { throw .unreadable }
            if let strings = archive["xl/sharedStrings.xml"] {
                let path = temporary.appendingPathComponent("sharedStrings.xml")
                try Self.extract(strings, of: archive, to: path, limit: TabularLimits.sharedStringBytes)
                do {
                    sharedStrings = try Self.readSharedStrings(path.path)
                } catch {
                    throw .unreadable
                }
                try? FileManager.default.removeItem(at: path)
            } else {
                sharedStrings = []
            }
            let sheetPath = temporary.appendingPathComponent("sheet.xml")
            try Self.extract(first, of: archive, to: sheetPath, limit: TabularLimits.worksheetBytes)
            do {
                sheet = try XMLStreamReader(path: sheetPath.path)
            } catch {
                throw .unreadable
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: temporary)
    }

    public var dialect: CSVDialect? { nil }

    /// Unpacks one part to `path` (owner-only), refusing a part that declares more than `limit`
    /// and stopping as soon as it unpacks to more than it declared.
    private static func extract(_ entry: Entry, of archive: Archive, to path: URL, limit: Int64) throws(TabularError) {
        let declared = Int64(entry.uncompressedSize)
        guard declared <= limit else { throw .tooLarge(limitMiB: Int(limit >> 20)) }
        guard FileManager.default.createFile(atPath: path.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path.path)
        else { throw .unreadable }
        defer { try? handle.close() }
        var written: Int64 = 0
        var overflow = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                written += Int64(data.count)
                if written > declared {
                    overflow = true
                    throw CocoaError(.fileReadTooLarge)
                }
                try handle.write(contentsOf: data)
            }
        } catch {
            if overflow { throw .tooLarge(limitMiB: Int(limit >> 20)) }
            throw .unreadable
        }
    }

    public func nextRow() throws(TabularError) -> TabularRow? {
        do {
            while try sheet.read() {
                guard sheet.nodeType == .element, sheet.localName == "row" else { continue }
                rowNumber += 1
                let number = sheet.attribute("r").map { Int($0) ?? -1 } ?? rowNumber
                guard (1...TabularLimits.rows).contains(number) else { throw TabularError.cellOutOfRange(row: rowNumber) }
                rowNumber = number
                if sheet.isEmptyElement { return TabularRow(number: number, cells: []) }
                return TabularRow(number: number, cells: try readCells())
            }
            return nil
        } catch let error as TabularError {
            throw error
        } catch {
            throw .unreadable
        }
    }

    /// Reads the cells of the current `<row>` up to its end.
    private func readCells() throws -> [String] {
        var cells: [String] = []
        var column = 0
        var type = ""
        var text = ""
        var inValue = false
        while try sheet.read() {
            switch sheet.nodeType {
            case .element where sheet.localName == "c":
                // A reference beyond XFD, or more cells than a worksheet has: refused, never allocated.
                guard let index = sheet.attribute("r").map(Self.columnIndex) ?? cells.count,
                      index < TabularLimits.cellsPerRow
                else { throw TabularError.cellOutOfRange(row: rowNumber) }
                column = index
                type = sheet.attribute("t") ?? "n"
                text = ""
                if sheet.isEmptyElement { store(&cells, column, "") }
            case .element where sheet.localName == "v" || sheet.localName == "t":
                inValue = !sheet.isEmptyElement
            case .endElement where sheet.localName == "v" || sheet.localName == "t":
                inValue = false
            case .text, .whitespace:
                if inValue {
                    text += sheet.value
                    if text.utf8.count > TabularLimits.cellBytes { throw TabularError.rowTooLarge(row: rowNumber) }
                }
            case .endElement where sheet.localName == "c":
                if type == "s" {
                    // A shared string the table does not hold is a damaged file, not a number.
                    guard let index = Int(text), sharedStrings.indices.contains(index) else {
                        throw TabularError.badSharedString(row: rowNumber)
                    }
                    store(&cells, column, sharedStrings[index])
                } else if type == "b" {
                    store(&cells, column, text == "1" ? "TRUE" : "FALSE")
                } else {
                    store(&cells, column, text)
                }
            case .endElement where sheet.localName == "row":
                return cells
            default:
                continue
            }
        }
        return cells
    }

    private func store(_ cells: inout [String], _ column: Int, _ value: String) {
        if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
        cells[column] = value
    }

    /// `B7` → 1, `AA3` → 26; `nil` for a reference without letters or beyond column XFD (three
    /// letters at most, so the arithmetic cannot overflow whatever the file says).
    static func columnIndex(_ reference: String) -> Int? {
        var value = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            value = value * 26 + Int(scalar.value - 64)
        }
        guard letters > 0, value <= TabularLimits.cellsPerRow else { return nil }
        return value - 1
    }

    static func sheetOrder(_ path: String) -> Int {
        Int(path.filter(\.isNumber)) ?? Int.max
    }

    /// The shared-string table: each `<si>`'s text runs joined.
    static func readSharedStrings(_ path: String) throws -> [String] {
        let reader = try XMLStreamReader(path: path)
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        while try reader.read() {
            switch reader.nodeType {
            case .element where reader.localName == "si":
                current = ""
            case .element where reader.localName == "rPh":
                inPhonetic = !reader.isEmptyElement
            case .endElement where reader.localName == "rPh":
                inPhonetic = false
            case .element where reader.localName == "t":
                inText = !reader.isEmptyElement
            case .endElement where reader.localName == "t":
                inText = false
            case .text, .whitespace:
                if inText && !inPhonetic { current += reader.value }
            case .endElement where reader.localName == "si":
                strings.append(current)
            default:
                continue
            }
        }
        return strings
    }
}
