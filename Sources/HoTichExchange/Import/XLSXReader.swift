public import Foundation
import HoTichChecksum
import HoTichXML
import ZIPFoundation

/// Reads one worksheet of an XLSX workbook row by row: the first in the workbook's order, or one
/// named.
///
/// A merged range reads as a spreadsheet shows it: its value (the top-left cell's) in every cell of
/// the range. Cells stored as numbers are named in each row (``TabularRow/numericCells``), so that a
/// reader of identifiers can say a leading zero was lost. Hidden rows and columns are read like any
/// other.
///
/// The worksheet is unpacked into the caller's temporary folder (owner-only, inside the
/// workspace, removed with it) and streamed with libxml2's reader, so memory grows with the
/// shared-string table (which Excel keeps whole by design), not with the row count. Empty cells
/// between filled ones come back as empty strings. Every size the workbook declares or holds is
/// bounded (``TabularLimits``): a part that unpacks to more than it declared stops at once.
public final class XLSXReader: TabularSource {
    private let temporary: URL
    /// The unpacked sheet, read in chunks into a push parser that collects its rows.
    private let sheetFile: FileHandle
    private let parser: XMLPushParser
    private let rows: SheetRows
    private var ended = false
    private var rowNumber = 0
    /// Bytes of the sheet parsed at a time: a few hundred rows.
    static let chunkSize = 1 << 16
    /// The sheet's merged ranges, and the value each took from its top-left cell once read.
    private let merges: [MergedRange]
    private var mergeValues: [Int: String] = [:]

    /// A merged range of cells, 1-based rows and 0-based columns, inclusive.
    struct MergedRange: Equatable {
        let rows: ClosedRange<Int>
        let columns: ClosedRange<Int>
    }

    /// The most merged ranges a sheet may declare (a register's sheet has a handful).
    static let mergeLimit = 100_000

    /// - Parameter name: the sheet to read; the workbook's first sheet when `nil`.
    /// - Throws: `.unreadable` when the workbook has no sheet of that name.
    public init(url: URL, temporaryFolder: URL, sheet name: String? = nil) throws(TabularError) {
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
        do throws(TabularError) {
            guard let first = try Self.sheetEntry(in: archive, named: name, temporary: temporary) else { throw .unreadable }
            let strings: [String]
            if let shared = archive["xl/sharedStrings.xml"] {
                let path = temporary.appendingPathComponent("sharedStrings.xml")
                try Self.extract(shared, of: archive, to: path, limit: TabularLimits.sharedStringBytes)
                do {
                    strings = try Self.readSharedStrings(path.path)
                } catch {
                    throw .unreadable
                }
                try? FileManager.default.removeItem(at: path)
            } else {
                strings = []
            }
            let sheetPath = temporary.appendingPathComponent("sheet.xml")
            try Self.extract(first, of: archive, to: sheetPath, limit: TabularLimits.worksheetBytes)
            merges = Self.mergedRanges(sheetPath)
            rows = SheetRows(sharedStrings: strings)
            do {
                sheetFile = try FileHandle(forReadingFrom: sheetPath)
                parser = try XMLPushParser(handler: rows)
            } catch {
                throw .unreadable
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    deinit {
        try? sheetFile.close()
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
        // The part's checksum is taken here, by zlib, rather than by ZIPFoundation byte by byte.
        var crc: UInt32 = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in
                written += Int64(data.count)
                if written > declared {
                    overflow = true
                    throw CocoaError(.fileReadTooLarge)
                }
                crc = data.withUnsafeBytes { CRC32.update(crc, $0) }
                try handle.write(contentsOf: data)
            }
        } catch {
            if overflow { throw .tooLarge(limitMiB: Int(limit >> 20)) }
            throw .unreadable
        }
        // A part that unpacks to other bytes than were packed is damaged.
        guard crc == entry.checksum else { throw .unreadable }
    }

    public func nextRow() throws(TabularError) -> TabularRow? {
        while true {
            if let row = rows.take() {
                rowNumber = row.number
                guard !merges.isEmpty else { return row }
                var cells = row.cells
                var numbers = row.numericCells
                fillMerged(&cells, numbers: &numbers)
                return TabularRow(number: row.number, cells: cells, numericCells: numbers)
            }
            if let failure = rows.failure { throw failure }
            guard !ended else { return nil }
            // The next chunk of the sheet, until one completes a row or the sheet ends.
            let chunk: Data
            do {
                chunk = try sheetFile.read(upToCount: Self.chunkSize) ?? Data()
            } catch {
                throw .unreadable
            }
            ended = chunk.isEmpty
            let wellFormed = chunk.withUnsafeBytes { bytes in
                do {
                    try parser.feed(bytes, last: ended)
                    return true
                } catch {
                    return false
                }
            }
            if !wellFormed {
                if let failure = rows.failure { throw failure }
                throw .unreadable
            }
        }
    }

    /// Decimal digits as a number; `nil` for anything else or more than nine digits.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private func store(_ cells: inout [String], _ column: Int, _ value: String) {
        if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
        cells[column] = value
    }

    /// ``columnIndex(_:)-(String)`` of a reference's bytes.
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var letters = 0
        for byte in reference {
            guard byte >= 65 && byte <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            value = value * 26 + Int(byte - 64)
        }
        guard letters > 0, value <= TabularLimits.cellsPerRow else { return nil }
        return value - 1
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

    /// Gives the cells of a merged range the value of its top-left cell, as a spreadsheet shows them.
    private func fillMerged(_ cells: inout [String], numbers: inout Set<Int>) {
        for (index, range) in merges.enumerated() where range.rows.contains(rowNumber) {
            if rowNumber == range.rows.lowerBound {
                mergeValues[index] = range.columns.lowerBound < cells.count ? cells[range.columns.lowerBound] : ""
            }
            guard let value = mergeValues[index], !value.isEmpty else { continue }
            let isNumber = rowNumber == range.rows.lowerBound ? numbers.contains(range.columns.lowerBound) : false
            for column in range.columns where column >= cells.count || cells[column].isEmpty {
                store(&cells, column, value)
                if isNumber { numbers.insert(column) }
            }
            if rowNumber == range.rows.upperBound { mergeValues[index] = nil }
        }
    }

    /// The merged ranges a sheet declares after its data (`<mergeCells>`), read from the file's
    /// tail without parsing the rows; at most ``mergeLimit``.
    static func mergedRanges(_ path: URL) -> [MergedRange] {
        guard let handle = try? FileHandle(forReadingFrom: path), let size = try? handle.seekToEnd() else { return [] }
        defer { try? handle.close() }
        // What follows `</sheetData>` (merges, page setup) is small next to the rows: read it from the end.
        let marker = Array("</sheetData>".utf8)
        var tail: [UInt8] = []
        var offset = size
        while offset > 0 {
            let step = min(offset, 1 << 16)
            offset -= step
            guard (try? handle.seek(toOffset: offset)) != nil, let chunk = try? handle.read(upToCount: Int(step)) else { return [] }
            tail = Array(chunk) + tail
            if let end = lastIndex(of: marker, in: tail) {
                tail = Array(tail[(end + marker.count)...])
                break
            }
            if tail.count > 64 << 20 { return [] }
        }
        let text = String(decoding: tail, as: UTF8.self)
        var ranges: [MergedRange] = []
        var search = text.startIndex..<text.endIndex
        while ranges.count < mergeLimit, let element = text.range(of: "<mergeCell ", range: search) {
            search = element.upperBound..<text.endIndex
            guard let refStart = text.range(of: "ref=\"", range: search), let refEnd = text.range(of: "\"", range: refStart.upperBound..<text.endIndex)
            else { break }
            let parts = text[refStart.upperBound..<refEnd.lowerBound].split(separator: ":").map(String.init)
            guard parts.count == 2, let first = cell(parts[0]), let last = cell(parts[1]), first.row <= last.row, first.column <= last.column
            else { continue }
            ranges.append(MergedRange(rows: first.row...last.row, columns: first.column...last.column))
        }
        return ranges
    }

    /// `B7` → row 7, column 1.
    private static func cell(_ reference: String) -> (row: Int, column: Int)? {
        guard let column = columnIndex(reference), let row = Int(reference.drop { $0.isLetter }), (1...TabularLimits.rows).contains(row)
        else { return nil }
        return (row, column)
    }

    private static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index] == pattern[0] && Array(bytes[index..<index + pattern.count]) == pattern { return index }
            index -= 1
        }
        return nil
    }

    /// The names of a workbook's sheets, in its order (the parts' own order when it has no workbook part).
    public static func sheetNames(of url: URL) throws(TabularError) -> [String] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .unreadable
        }
        if let sheets = try? workbookSheets(archive), !sheets.isEmpty { return sheets.map(\.name) }
        return worksheetEntries(archive).map { String($0.path.split(separator: "/").last?.split(separator: ".").first ?? "") }
    }

    /// The worksheet parts of an archive, in their numbering.
    private static func worksheetEntries(_ archive: Archive) -> [Entry] {
        archive.filter { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") && !$0.path.contains("/_rels/") }
            .sorted { sheetOrder($0.path) < sheetOrder($1.path) }
    }

    /// The sheets the workbook part lists, with the part each names (through the workbook's relationships).
    private static func workbookSheets(_ archive: Archive) throws -> [(name: String, path: String)] {
        func text(_ path: String) throws -> String? {
            guard let entry = archive[path], entry.uncompressedSize < 16 << 20 else { return nil }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        guard let workbook = try text("xl/workbook.xml"), let relationships = try text("xl/_rels/workbook.xml.rels") else { return [] }
        func attribute(_ name: String, in element: Substring) -> String? {
            guard let start = element.range(of: name + "=\""), let end = element[start.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(element[start.upperBound..<end])
        }
        func elements(_ tag: String, in text: String) -> [Substring] {
            text.components(separatedBy: "<" + tag + " ").dropFirst().map { Substring($0.prefix { $0 != ">" }) }
        }
        var targets: [String: String] = [:]
        for relationship in elements("Relationship", in: relationships) {
            if let id = attribute("Id", in: relationship), let target = attribute("Target", in: relationship) {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        return elements("sheet", in: workbook).compactMap { sheet in
            guard let name = attribute("name", in: sheet), let id = attribute("r:id", in: sheet), let path = targets[id] else { return nil }
            return (unescaped(name), path)
        }
    }

    /// An attribute's text with XML's five entities and character references replaced.
    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// The part of the sheet to read: the one named, or the workbook's first.
    private static func sheetEntry(in archive: Archive, named name: String?, temporary: URL) throws(TabularError) -> Entry? {
        let listed = (try? workbookSheets(archive)) ?? []
        if let name {
            guard let sheet = listed.first(where: { $0.name == name }) else { return nil }
            return archive[sheet.path]
        }
        if let first = listed.first, let entry = archive[first.path] { return entry }
        return worksheetEntries(archive).first
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
