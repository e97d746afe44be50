public import Foundation

/// Reads RFC 4180 CSV in UTF-8 (with or without a byte-order mark), separated by commas or
/// semicolons (Excel in Vietnamese locales writes `;`), streaming in 256 KiB chunks.
///
/// Quoted fields may hold separators, doubled quotes and line breaks. A byte sequence that is not
/// UTF-8 stops the read with the row it was found on, so a legacy TCVN3/VNI file is never stored as
/// mojibake; read with ``Bytes/latin1`` it gives each byte as one character instead, for
/// ``LegacyTextReading`` to decode.
public final class CSVReader: TabularSource {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private var rowNumber = 0
    /// The separator, decided from the first line.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")
    /// How many cells the last row had, to size the next.
    private var cellsPerRow = 16
    /// Whether the file opens with a UTF-8 byte-order mark.
    public private(set) var hasByteOrderMark = false

    public var dialect: CSVDialect? { CSVDialect(separator: separator, byteOrderMark: hasByteOrderMark) }

    /// How a cell's bytes become text.
    public enum Bytes: Sendable {
        /// UTF-8, or the read stops with ``TabularError/notUTF8(row:)``.
        case utf8
        /// One character per byte (U+0000–U+00FF): the bytes kept exactly, for a legacy encoding.
        case latin1
    }

    private let bytes: Bytes

    public init(url: URL, bytes: Bytes = .utf8) throws(TabularError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable }
        self.handle = handle
        self.bytes = bytes
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            hasByteOrderMark = true
        }
        separator = detectSeparator()
    }

    deinit {
        try? handle.close()
    }

    public func nextRow() throws(TabularError) -> TabularRow? {
        var fields: [String] = []
        fields.reserveCapacity(cellsPerRow)
        // The cell's bytes, when they cannot be decoded straight from the buffer (quoted, or cut
        // by a read).
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
            sawAnything = true
            if quoted {
                // Copy up to the next quote, then see whether it is doubled or ends the quotes.
                let end = scan(from: index) { $0 == Self.quote }
                field.append(contentsOf: buffer[index..<end])
                index = end
                if field.count > TabularLimits.cellBytes { throw .rowTooLarge(row: rowNumber) }
                guard index < buffer.count else { continue }
                index += 1
                if index >= buffer.count && !atEnd { try fill() }
                if index < buffer.count && buffer[index] == Self.quote {
                    field.append(Self.quote)
                    index += 1
                } else {
                    quoted = false
                }
                continue
            }
            if !fieldStarted && buffer[index] == Self.quote {
                quoted = true
                fieldStarted = true
                index += 1
                continue
            }
            // A run of ordinary bytes, up to a separator or a line break (a quote inside it is text).
            let separator = self.separator
            let start = index
            let end = scan(from: start) { $0 == separator || $0 == Self.lineFeed || $0 == Self.carriageReturn }
            index = end
            if end > start { fieldStarted = true }
            if field.count + (end - start) > TabularLimits.cellBytes { throw .rowTooLarge(row: rowNumber) }
            guard end < buffer.count else {
                field.append(contentsOf: buffer[start..<end])
                continue
            }
            let byte = buffer[end]
            index = end + 1
            if byte == Self.carriageReturn {
                field.append(contentsOf: buffer[start..<end])
                continue
            }
            // The common case: the whole cell is in the buffer, decoded without a copy.
            let cell = field.isEmpty ? try decode(buffer[start..<end]) : try decode(field + buffer[start..<end])
            fields.append(cell)
            if fields.count > TabularLimits.cellsPerRow { throw .rowTooLarge(row: rowNumber) }
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
            if byte == Self.lineFeed {
                cellsPerRow = fields.count
                return TabularRow(number: rowNumber, cells: fields)
            }
        }
        guard sawAnything else { return nil }
        fields.append(try decode(field[...]))
        return TabularRow(number: rowNumber, cells: fields)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The index of the first byte from `start` on that `stops`, or the end of the buffer.
    private func scan(from start: Int, until stops: (UInt8) -> Bool) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            var position = start
            while position < bytes.count && !stops(bytes[position]) { position += 1 }
            return position
        }
    }

    private func decode(_ bytes: some Collection<UInt8>) throws(TabularError) -> String {
        if self.bytes == .latin1 {
            var text = String.UnicodeScalarView()
            for byte in bytes { text.append(Unicode.Scalar(byte)) }
            return String(text)
        }
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
