public import Foundation
import HoTichXML
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook row by row.
///
/// The worksheet is unpacked to a temporary file and streamed with libxml2's reader, so memory
/// grows with the shared-string table (which Excel keeps whole by design), not with the row count.
/// Empty cells between filled ones come back as empty strings.
public final class XLSXReader: TabularSource {
    private let sharedStrings: [String]
    private let sheet: XMLStreamReader
    private let temporary: URL

    public init(url: URL) throws(TabularError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .unreadable
        }
        temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-xlsx-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw .unreadable
        }
        let sheets = archive.filter { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }
            .sorted { Self.sheetOrder($0.path) < Self.sheetOrder($1.path) }
        guard let first = sheets.first else { throw .unreadable }
        do {
            if let strings = archive["xl/sharedStrings.xml"] {
                let path = temporary.appendingPathComponent("sharedStrings.xml")
                _ = try archive.extract(strings, to: path)
                sharedStrings = try Self.readSharedStrings(path.path)
            } else {
                sharedStrings = []
            }
            let sheetPath = temporary.appendingPathComponent("sheet.xml")
            _ = try archive.extract(first, to: sheetPath)
            sheet = try XMLStreamReader(path: sheetPath.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unreadable
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: temporary)
    }

    public var dialect: CSVDialect? { nil }

    public func nextRow() throws(TabularError) -> TabularRow? {
        do {
            while try sheet.read() {
                guard sheet.nodeType == .element, sheet.localName == "row" else { continue }
                let number = sheet.attribute("r").flatMap(Int.init) ?? 0
                if sheet.isEmptyElement { return TabularRow(number: number, cells: []) }
                return TabularRow(number: number, cells: try readCells())
            }
            return nil
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
                column = sheet.attribute("r").map(Self.columnIndex) ?? cells.count
                type = sheet.attribute("t") ?? "n"
                text = ""
                if sheet.isEmptyElement { store(&cells, column, "") }
            case .element where sheet.localName == "v" || sheet.localName == "t":
                inValue = !sheet.isEmptyElement
            case .endElement where sheet.localName == "v" || sheet.localName == "t":
                inValue = false
            case .text, .whitespace:
                if inValue { text += sheet.value }
            case .endElement where sheet.localName == "c":
                if type == "s", let index = Int(text), index >= 0, index < sharedStrings.count {
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

    /// `B7` → 1, `AA3` → 26.
    static func columnIndex(_ reference: String) -> Int {
        var value = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            value = value * 26 + Int(scalar.value - 64)
        }
        return max(0, value - 1)
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
