import Foundation

/// Text as the registers hold it: stored in Unicode NFC, folded only for search and matching.
public enum VietnameseText {
    /// The text in Unicode normalization form C with runs of white space collapsed to one space
    /// and trimmed at both ends. Letters, case and diacritics are kept as written.
    public static func normalized(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        var result = ""
        result.reserveCapacity(composed.utf8.count)
        var pendingSpace = false
        for character in composed {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(character)
        }
        return result
    }

    /// The search key of a text: lower case, tones and diacritics removed, `đ`/`Đ` mapped to `d`,
    /// white space collapsed. "Nguyễn Thị Đào" folds to "nguyen thi dao".
    public static func folded(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in normalized(text).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:  // combining diacritical marks (tones, breve, circumflex, horn)
                continue
            case 0x0110, 0x0111:  // Đ đ do not decompose in Unicode
                if pendingSpace { output.append(" "); pendingSpace = false }
                output.append("d")
            default:
                if scalar.properties.isWhitespace {
                    pendingSpace = !output.isEmpty
                    continue
                }
                if pendingSpace { output.append(" "); pendingSpace = false }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    output.append(lower)
                }
            }
        }
        return String(output)
    }

    /// Whether the text holds a control character (other than tab) or a replacement
    /// character left by invalid UTF-8. Such input is rejected rather than stored.
    public static func containsForbiddenCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.properties.generalCategory == .control && scalar != "\t") || scalar == "\u{FFFD}"
        }
    }
}
