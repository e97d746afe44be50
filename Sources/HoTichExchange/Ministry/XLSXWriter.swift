public import Foundation
import HoTichModel
import ZIPFoundation

/// One cell of a sheet being written.
public enum XLSXCell: Sendable, Equatable {
    /// Text, stored as text whatever it looks like (`05` and `001217000001` keep their zeros).
    case text(String)
    /// A number (code fields): written as a number cell.
    case number(Int)
    case empty
}

/// Writes a minimal, standard SpreadsheetML workbook (`.xlsx`) that spreadsheet programs open
/// without a repair prompt: content types, relationships, a workbook, a styles part, and one part
/// per sheet, with inline strings in cells formatted as text (`@`), so nothing is converted.
///
/// Each sheet streams its rows into a file of its own in the caller's temporary folder (several
/// sheets may be written side by side), and the workbook packs them, in the order they were added,
/// when it finishes: memory stays flat whatever the number of rows.
///
/// ```swift
/// let book = try XLSXWriter(url: out, temporaryFolder: scratch)
/// let data = try book.addSheet("DL Import")
/// try data.row([.text("so"), .text("quyenSo")])
/// try book.finish()
/// ```
public final class XLSXWriter {
    /// One sheet of the workbook, written row by row.
    public final class Sheet {
        let name: String
        let file: URL
        private var handle: FileHandle?
        private var buffer: [UInt8] = []
        private var rowNumber = 0

        init(name: String, file: URL, columnWidths: [Int]) throws {
            self.name = name
            self.file = file
            guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
            handle = try FileHandle(forWritingTo: file)
            append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
            append(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
            // The header row stays in view.
            append(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#)
            if !columnWidths.isEmpty {
                append("<cols>")
                for (index, width) in columnWidths.enumerated() {
                    append(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(max(4, min(80, width)))" customWidth="1"/>"#)
                }
                append("</cols>")
            }
            append("<sheetData>")
        }

        deinit {
            try? handle?.close()
        }

        /// Rows written so far.
        public var rows: Int { rowNumber }

        /// Appends a row.
        public func row(_ cells: [XLSXCell]) throws {
            guard handle != nil else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path]) }
            rowNumber += 1
            append(#"<row r="\#(rowNumber)">"#)
            for (index, cell) in cells.enumerated() {
                let reference = XLSXWriter.columnName(index) + String(rowNumber)
                switch cell {
                case .empty:
                    continue
                case .number(let value):
                    append(#"<c r="\#(reference)"><v>\#(value)</v></c>"#)
                case .text(let text):
                    append(#"<c r="\#(reference)" s="1" t="inlineStr"><is><t xml:space="preserve">"#)
                    XLSXWriter.escape(String(text.prefix(XLSXWriter.cellCharacters)), into: &buffer)
                    append("</t></is></c>")
                }
            }
            append("</row>")
            if buffer.count >= 1 << 16 { try flush() }
        }

        func close() throws {
            guard let handle else { return }
            append("</sheetData></worksheet>")
            try flush()
            try handle.close()
            self.handle = nil
        }

        private func append(_ text: String) {
            buffer.append(contentsOf: text.utf8)
        }

        private func flush() throws {
            guard let handle, !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private let url: URL
    private let scratch: URL
    private var sheets: [Sheet] = []
    private var finished = false

    /// The most characters a cell holds (the format's own limit).
    public static let cellCharacters = 32_767

    /// - Parameters:
    ///   - url: the workbook to write (replaced if it exists).
    ///   - temporaryFolder: an owner-only folder of the caller's for the sheets' parts while they are written.
    public init(url: URL, temporaryFolder: URL) throws {
        self.url = url
        scratch = temporaryFolder.appendingPathComponent("xlsx-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Adds a sheet after the others (names are cut to Excel's 31 characters and cleaned of `[]:*?/\\`).
    public func addSheet(_ name: String, columnWidths: [Int] = []) throws -> Sheet {
        let sheet = try Sheet(
            name: Self.sheetName(name, taken: sheets.map(\.name)), file: scratch.appendingPathComponent("sheet\(sheets.count + 1).xml"),
            columnWidths: columnWidths)
        sheets.append(sheet)
        return sheet
    }

    /// Packs every sheet into the workbook. Nothing is left in the temporary folder.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if sheets.isEmpty { _ = try addSheet("Sheet1") }
        for sheet in sheets { try sheet.close() }
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", contentTypes)
        try add("_rels/.rels", rootRelationships)
        try add("docProps/app.xml", application)
        try add("xl/workbook.xml", workbook)
        try add("xl/_rels/workbook.xml.rels", workbookRelationships)
        try add("xl/styles.xml", Self.styles)
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
            try? FileManager.default.removeItem(at: sheet.file)
        }
        try? FileManager.default.removeItem(at: scratch)
        // It holds personal data: owner-only, like every file hotich writes.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    // MARK: - Parts

    private var contentTypes: String {
        var text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        for index in sheets.indices {
            text += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return text + "</Types>"
    }

    private var rootRelationships: String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
    }

    private var application: String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>hotich</Application></Properties>"#
    }

    private var workbook: String {
        var text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + "<bookViews><workbookView/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            var name: [UInt8] = []
            Self.escape(sheet.name, into: &name)
            text += #"<sheet name="\#(String(decoding: name, as: UTF8.self))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return text + "</sheets></workbook>"
    }

    private var workbookRelationships: String {
        var text = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in sheets.indices {
            text += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        text += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return text + "</Relationships>"
    }

    /// Two cell formats: 0 general (numbers), 1 text (`@`, number format 49) for every text cell.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    // MARK: - Text

    /// XML text: `&`, `<`, `>` and `"` escaped; characters XML 1.0 cannot hold (control characters
    /// other than tab, line feed and carriage return) left out.
    static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case 0..<0x20: continue
            default: out.append(byte)
            }
        }
    }

    /// `A` … `Z`, `AA` … for a 0-based column.
    static func columnName(_ index: Int) -> String {
        SpreadsheetColumn.letters(index)
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty, not taken.
    static func sheetName(_ wanted: String, taken: [String]) -> String {
        var name = String(wanted.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        if name.isEmpty { name = "Sheet" }
        var candidate = name
        var number = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            candidate = String(name.prefix(28)) + " \(number)"
            number += 1
        }
        return candidate
    }
}
