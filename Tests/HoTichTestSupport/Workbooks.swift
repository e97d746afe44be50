public import Foundation
public import ZIPFoundation

// Workbooks and zips written from raw parts, for the tests of the readers and of the import.

/// Writes a minimal XLSX workbook: shared strings for text, numbers as numbers.
public func writeXLSX(_ rows: [[String]], to url: URL) throws {
    var strings: [String] = []
    var index: [String: Int] = [:]
    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    func column(_ number: Int) -> String {
        var number = number + 1
        var name = ""
        while number > 0 {
            let rest = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            number = (number - 1) / 26
        }
        return name
    }
    var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    for (r, row) in rows.enumerated() {
        sheet += "<row r=\"\(r + 1)\">"
        for (c, cell) in row.enumerated() where !cell.isEmpty {
            let ref = "\(column(c))\(r + 1)"
            if Int(cell) != nil && cell.count == 5 {
                sheet += "<c r=\"\(ref)\"><v>\(cell)</v></c>"
            } else {
                let i = index[cell] ?? { strings.append(cell); index[cell] = strings.count - 1; return strings.count - 1 }()
                sheet += "<c r=\"\(ref)\" t=\"s\"><v>\(i)</v></c>"
            }
        }
        sheet += "</row>"
    }
    sheet += "</sheetData></worksheet>"
    let shared = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\">"
        + strings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined() + "</sst>"
    try? FileManager.default.removeItem(at: url)
    let archive = try Archive(url: url, accessMode: .create)
    for (path, text) in [("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)] {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Writes a workbook from raw parts: the first sheet's XML and, when given, the shared strings.
public func writeXLSXParts(sheet: String, shared: String? = nil, to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    let archive = try Archive(url: url, accessMode: .create)
    var parts = [("xl/worksheets/sheet1.xml", sheet)]
    if let shared { parts.append(("xl/sharedStrings.xml", shared)) }
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Adds a file entry holding `data` to the zip at `url` (created when missing).
public func addZipEntry(_ path: String, _ data: Data, to url: URL, method: CompressionMethod = .deflate) throws {
    let archive = try Archive(url: url, accessMode: FileManager.default.fileExists(atPath: url.path) ? .update : .create)
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
    }
}

/// Writes a workbook of several sheets from their raw XML, with the workbook part, its
/// relationships and content types, so that readers find the sheets in the workbook's order.
public func writeWorkbook(sheets: [(name: String, xml: String)], to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    let archive = try Archive(url: url, accessMode: .create)
    func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    try add("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#)
    try add("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
        + sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
        + "</sheets></workbook>")
    // Listed last-first, so that a reader that follows the numbering of the parts reads the wrong sheet.
    try add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(sheets.count - $0).xml"/>"# }.joined()
        + "</Relationships>")
    for (index, sheet) in sheets.enumerated() {
        try add("xl/worksheets/sheet\(sheets.count - index).xml", sheet.xml)
    }
}
