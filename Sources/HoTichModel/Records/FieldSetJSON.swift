import Foundation

/// The stored form of a record's fields: one JSON object, keys sorted, each value a string whose
/// first character is the field's state — `=` filled, `?` uncertain (both followed by the text),
/// `-` blank in the source, `.` illegible:
///
/// ```json
/// {"meNgaySinh":".","nksHoTen":"=NGUYỄN MINH ANH","nksQueQuan":"-","chaNgaySinh":"?1990"}
/// ```
///
/// Compact because a province stores it millions of times, twice per double-keyed entry; written
/// by hand because it is on the hot path of every save and import; read back with `JSONDecoder`.
/// SQLite's `json_extract` reads it too.
public enum FieldSetJSON {
    /// The JSON text of `fields`.
    public static func encode(_ fields: [String: FieldValue]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(fields.count * 40)
        for (index, key) in fields.keys.sorted().enumerated() {
            guard let value = fields[key] else { continue }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .filled(let text): appendString(text, marker: UInt8(ascii: "="), to: &out)
            case .uncertain(let text): appendString(text, marker: UInt8(ascii: "?"), to: &out)
            case .blank: out.append(contentsOf: Array(#""-""#.utf8))
            case .illegible: out.append(contentsOf: Array(#"".""#.utf8))
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The fields stored in `json`.
    /// - Throws: `DecodingError` when the text is not a field set.
    public static func decode(_ json: String) throws -> [String: FieldValue] {
        try JSONDecoder().decode([String: FieldValue].self, from: Data(json.utf8))
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
