import Foundation

/// Text as the registers hold it: stored in Unicode NFC, folded only for search and matching.
public enum VietnameseText {
    /// The text in Unicode normalization form C with runs of white space collapsed to one space
    /// and trimmed at both ends. Letters, case and diacritics are kept as written.
    public static func normalized(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        let composed = isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
        var needsWork = false
        var previousSpace = true
        for scalar in composed.unicodeScalars {
            let space = isSpace(scalar)
            if space && (previousSpace || scalar != " ") { needsWork = true; break }
            previousSpace = space
        }
        if !needsWork && !previousSpace { return composed }
        var result = ""
        result.reserveCapacity(composed.utf8.count)
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Printable ASCII with single inner spaces and none at the ends: already normalized.
    static func isPlainASCII(_ text: String) -> Bool {
        var previousSpace = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || byte == 0x7F { return false }
            let space = byte == 0x20
            if space && previousSpace { return false }
            previousSpace = space
        }
        return !previousSpace
    }

    /// Unicode white space, decided without the (slow) general property lookup.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x85: false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Whether every scalar is one NFC leaves alone: below the combining marks (U+0300), or a
    /// precomposed letter of Latin Extended Additional (U+1E00–U+1EFF), where Vietnamese lives.
    /// Anything else goes through the full normalization.
    static func isSurelyNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x0300 || (0x1E00...0x1EFF).contains($0.value) }
    }

    /// The search key of a text: lower case, tones and diacritics removed, `đ`/`Đ` mapped to `d`,
    /// white space collapsed. "Nguyễn Thị Đào" folds to "nguyen thi dao".
    public static func folded(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in normalized(text).unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            if scalar.value < 0x80 {
                output.append(Unicode.Scalar(UInt8(ascii: scalar) | ((65...90).contains(scalar.value) ? 0x20 : 0)))
            } else if let folded = FoldTable.shared.folded[scalar.value] {
                output.append(contentsOf: folded.unicodeScalars)
            } else {
                output.append(contentsOf: foldSlow(scalar).unicodeScalars)
            }
        }
        return String(output)
    }

    /// The letters and digits of a text, folded (lower case, no diacritics, đ as d), each as one
    /// ASCII byte; anything else is dropped and ends a run of digits. For text already in NFC
    /// (place names): no normalization, a table lookup per letter.
    static func foldedLettersAndDigits(_ text: some StringProtocol, droppingLeadingZeros: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var inNumber = false
        func add(_ byte: UInt8) {
            switch byte {
            case 0x30...0x39:
                if droppingLeadingZeros, byte == 0x30, !inNumber { return }
                inNumber = true
                bytes.append(byte)
            case 0x41...0x5A:
                inNumber = false
                bytes.append(byte | 0x20)
            case 0x61...0x7A:
                inNumber = false
                bytes.append(byte)
            default:
                inNumber = false
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                add(UInt8(scalar.value))
            } else if (0x0300...0x036F).contains(scalar.value) {
                continue  // a combining mark of text that was not NFC
            } else {
                let folded = FoldTable.shared.folded[scalar.value] ?? foldSlow(scalar)
                if folded.isEmpty { inNumber = false }
                for byte in folded.utf8 { add(byte) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Folds one scalar through canonical decomposition (for scalars outside the table).
    static func foldSlow(_ scalar: Unicode.Scalar) -> String {
        // Đ/đ, and the Icelandic Ð/ð that text converted from old encodings often has in their place.
        if [0x0110, 0x0111, 0x00D0, 0x00F0].contains(scalar.value) { return "d" }
        var out = String.UnicodeScalarView()
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x0300...0x036F).contains(part.value) { continue }
            if part.value == 0x0110 || part.value == 0x0111 { out.append("d"); continue }
            out.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
        }
        return String(out)
    }

    /// Whether the text holds a control character (other than tab), a replacement character left
    /// by invalid UTF-8, or an invisible format character (zero-width spaces and joiners, direction
    /// marks and overrides, a byte-order mark inside text): no register holds them, and they make
    /// two spellings of one name look alike. Such input is rejected rather than stored.
    public static func containsForbiddenCharacters(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return true }
            // C1 controls U+0080–U+009F are C2 80–C2 9F; U+FFFD is EF BF BD; U+FEFF is EF BB BF.
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            if beforePrevious == 0xEF && ((previous == 0xBF && byte == 0xBD) || (previous == 0xBB && byte == 0xBF)) { return true }
            // U+200B–U+200F and U+202A–U+202E are E2 80 8B–8F and AA–AE; U+2060–U+2069 are E2 81 A0–A9.
            if beforePrevious == 0xE2 && previous == 0x80 && ((0x8B...0x8F).contains(byte) || (0xAA...0xAE).contains(byte)) { return true }
            if beforePrevious == 0xE2 && previous == 0x81 && (0xA0...0xA9).contains(byte) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Free text a person types as a reason or a note, made safe to store, print and export: every
    /// control, replacement and invisible format character becomes a space, then the text is
    /// normalized (NFC, one space between words).
    public static func singleLine(_ text: String) -> String {
        guard containsForbiddenCharacters(text) || text.contains("\t") else { return normalized(text) }
        var cleaned = ""
        cleaned.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let invisible = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFD || value == 0xFEFF
                || (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value) || (0x2060...0x2069).contains(value)
            cleaned.unicodeScalars.append(invisible ? " " : scalar)
        }
        return normalized(cleaned)
    }
}

/// Folded forms of the Latin letters Vietnamese text uses, computed once.
private final class FoldTable: Sendable {
    static let shared = FoldTable()
    let folded: [UInt32: String]

    private init() {
        var table: [UInt32: String] = [:]
        for value in Array(0x00C0...0x024F) + Array(0x1E00...0x1EFF) {
            if let scalar = Unicode.Scalar(value) { table[UInt32(value)] = VietnameseText.foldSlow(scalar) }
        }
        folded = table
    }
}
