import Foundation

/// The stored form of a record's fields: one JSON object, keys sorted, each value a string whose
/// first character is the field's state — `=` filled, `?` uncertain (both followed by the text),
/// `-` blank in the source, `.` illegible:
///
/// ```json
/// {"meNgaySinh":".","nksHoTen":"=NGUYỄN MINH ANH","nksQueQuan":"-","chaNgaySinh":"?1990"}
/// ```
///
/// Compact because a province stores it millions of times (a record's, and a second pass's where
/// it differs); written and read by hand because it is on the hot path of every save, import and
/// verification (anything the byte reader does not expect, it leaves to `JSONDecoder`).
/// SQLite's `json_extract` reads it too.
public enum FieldSetJSON {
    /// The JSON text of `fields`.
    public static func encode(_ fields: [String: FieldValue]) -> String {
        // Sorting the pairs, not the keys, spares a hash lookup per field.
        encode(sortedPairs: fields.sorted(by: { $0.key < $1.key }))
    }

    /// The JSON text of fields given in the order of their keys, each key once (a caller that
    /// knows the order spares the sort). An array, not any sequence: a generic parameter would cost
    /// a runtime type lookup per call from another module.
    public static func encode(sortedPairs pairs: [(key: String, value: FieldValue)]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(pairs.count * 40)
        for (index, (key, value)) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .filled(let text): appendString(text, marker: UInt8(ascii: "="), to: &out)
            case .uncertain(let text): appendString(text, marker: UInt8(ascii: "?"), to: &out)
            case .blank: out.append(contentsOf: #""-""#.utf8)
            case .illegible: out.append(contentsOf: #"".""#.utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The fields stored in `json`.
    /// - Throws: `DecodingError` when the text is not a field set.
    public static func decode(_ json: String) throws -> [String: FieldValue] {
        var json = json
        if let fields = json.withUTF8({ bytes in
            var reader = FieldSetReader(bytes: bytes)
            return reader.read()
        }) { return fields }
        return try JSONDecoder().decode([String: FieldValue].self, from: Data(json.utf8))
    }

    private static func appendString(_ text: String, marker: UInt8? = nil, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            if let marker { out.append(marker) }
            var clean = true
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                clean = false
                break
            }
            if clean {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes { appendEscaped(byte, to: &out) }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default: out.append(byte)
        }
    }
}

/// A byte reader for the flat object `FieldSetJSON` writes: string keys, string values, standard
/// escapes. Returns `nil` for anything else, so the caller can fall back to a full JSON decoder.
private struct FieldSetReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func read() -> [String: FieldValue]? {
        // Not reserved ahead: verification holds thousands of field sets at once, and sizing them
        // for the worst case cost it a quarter more memory (measured) for little speed.
        var fields: [String: FieldValue] = [:]
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        if take(UInt8(ascii: "}")) { return index == bytes.count ? fields : nil }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard let stored = string(), let value = FieldValue(stored: stored) else { return nil }
            fields[key] = value
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return nil }
            skipSpace()
            return index == bytes.count ? fields : nil
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// A JSON string at the cursor; escapes other than the plain ones send the caller to the fallback.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == 0x5C { return escapedString(from: start) }
            index += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x22: return String(decoding: out, as: UTF8.self)
            case 0x5C:
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                default: return nil  // \u escapes: left to the full decoder
                }
            default: out.append(byte)
            }
        }
        return nil
    }
}
