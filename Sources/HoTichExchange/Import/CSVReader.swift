public import Foundation

/// Reads RFC 4180 CSV in UTF-8 (with or without a byte-order mark), separated by commas or
/// semicolons (Excel in Vietnamese locales writes `;`), streaming in 256 KiB chunks.
///
/// Quoted fields may hold separators, doubled quotes and line breaks. A byte sequence that is not
/// UTF-8 stops the read with the row it was found on, so a legacy TCVN3/VNI file is named as such
/// instead of being stored as mojibake.
public final class CSVReader: TabularSource {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private var rowNumber = 0
    /// The separator, decided from the first line.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")

    public init(url: URL) throws(TabularError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        self.handle = handle
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        separator = detectSeparator()
    }

    deinit {
        try? handle.close()
    }

    public func nextRow() throws(TabularError) -> TabularRow? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStarted = false
        var sawAnything = false
        rowNumber += 1
        while true {
            if index >= buffer.count {
                if atEnd { break }
                try fill()
                continue
            }
            let byte = buffer[index]
            index += 1
            sawAnything = true
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index >= buffer.count && !atEnd { try fill() }
                    if index < buffer.count && buffer[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where !fieldStarted:
                quoted = true
                fieldStarted = true
            case separator:
                fields.append(try decode(field))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
            case UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "\n"):
                fields.append(try decode(field))
                return TabularRow(number: rowNumber, cells: fields)
            default:
                field.append(byte)
                fieldStarted = true
            }
        }
        guard sawAnything else { return nil }
        fields.append(try decode(field))
        return TabularRow(number: rowNumber, cells: fields)
    }

    private func decode(_ bytes: [UInt8]) throws(TabularError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(row: rowNumber) }
        return text
    }

    private func fill() throws(TabularError) {
        if index > 0 {
            buffer.removeFirst(index)
            index = 0
        }
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: 1 << 18)
        } catch {
            throw .unreadable
        }
        if let chunk, !chunk.isEmpty {
            buffer.append(contentsOf: chunk)
        } else {
            atEnd = true
        }
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    private func detectSeparator() -> UInt8 {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for byte in buffer[index...] {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
