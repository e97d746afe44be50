import HoTichModel

/// Text made safe for HTML and SVG: markup characters escaped, control characters dropped.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if TerminalText.isUnsafe(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number for SVG coordinates: one decimal, a point as the decimal mark.
    static func coordinate(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        let whole = Int(scaled) / 10
        let tenth = abs(Int(scaled) % 10)
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}

/// Text made safe for Markdown: nothing in it acts on the terminal, and every character Markdown
/// gives a meaning (emphasis, code, links, headings, tables, HTML) is escaped with a backslash.
package enum MarkdownText {
    package static func escaped(_ text: String) -> String {
        var out = ""
        for character in TerminalText.escaped(text) {
            if "\\|*_`<>[]#!()~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
