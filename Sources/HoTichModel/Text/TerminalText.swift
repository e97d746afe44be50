/// Text made safe to show on a terminal: nothing from a file or a person can move the cursor,
/// clear the screen, change colours, reverse the line or start a new one.
///
/// Every control character (C0 — line breaks included —, DEL, C1), the replacement character and
/// the invisible format characters (zero-width spaces and joiners, direction marks, embeddings,
/// overrides and isolates, a byte-order mark) are shown as `\u{…}`, so that a file name like
/// `x␛[2J\nRead 12 rows: 12 imported` prints on one line, visibly, and cannot forge a message.
public enum TerminalText {
    /// `text` with every character that could act on a terminal shown as its code point.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` could act on a terminal rather than print as itself.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09: return false  // a tab prints as space
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xFFFD: return true
        default: return false
        }
    }
}
