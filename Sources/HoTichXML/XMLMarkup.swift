/// Indented markup built as bytes, escaped and laid out exactly as ``XMLStreamWriter`` (libxml2's
/// text writer, two spaces per level) would write it: for the many small elements of a record, which
/// are then handed to the writer in one ``XMLStreamWriter/raw(_:)`` call instead of one libxml2 call
/// per element, name, attribute and text.
///
/// Every element starts on a new line indented by its depth; elements with children end on their
/// own line. Names are given as UTF-8 bytes (callers keep them), values as strings.
///
/// ```swift
/// var markup = XMLMarkup()
/// markup.open(Array("entry".utf8), depth: 2, attributes: [(Array("seq".utf8), "1")])
/// markup.element(Array("recordId".utf8), depth: 3, text: id)
/// markup.close(Array("entry".utf8), depth: 2)
/// try writer.raw(markup.bytes)
/// ```
public struct XMLMarkup {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 8_192) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the markup, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// `<name attributes>` on a new line: an element whose children follow.
    public mutating func open(_ name: [UInt8], depth: Int, attributes: [([UInt8], String)] = []) {
        startTag(name, depth: depth, attributes: attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>` on a new line, after an element's children.
    public mutating func close(_ name: [UInt8], depth: Int) {
        newline(depth: depth)
        endTag(name)
    }

    /// `<name attributes>text</name>` on a new line, or `<name attributes/>` when `text` is empty.
    public mutating func element(_ name: [UInt8], depth: Int, text: String, attributes: [([UInt8], String)] = []) {
        startTag(name, depth: depth, attributes: attributes)
        if text.isEmpty {
            bytes.append(UInt8(ascii: "/"))
            bytes.append(UInt8(ascii: ">"))
            return
        }
        bytes.append(UInt8(ascii: ">"))
        appendEscaped(text, inAttribute: false)
        endTag(name)
    }

    /// A line break and the indentation of an element at `depth`, as the writer puts before an end
    /// tag that follows markup written with ``XMLStreamWriter/raw(_:)``.
    public mutating func newline(depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(2 * depth) { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func startTag(_ name: [UInt8], depth: Int, attributes: [([UInt8], String)]) {
        newline(depth: depth)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name)
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            appendEscaped(value, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func endTag(_ name: [UInt8]) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// The escapes of libxml2's writer: `& < > "` and carriage return everywhere; in attribute
    /// values also line feed and tab, which attribute-value normalization would otherwise turn
    /// into spaces.
    private mutating func appendEscaped(_ value: String, inAttribute: Bool) {
        var value = value
        value.withUTF8 { source in
            var start = 0
            for index in 0..<source.count {
                let escape: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                case UInt8(ascii: "\""): escape = "&quot;"
                case 0x0D: escape = "&#13;"
                case 0x0A where inAttribute: escape = "&#10;"
                case 0x09 where inAttribute: escape = "&#9;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<source.count]))
        }
    }
}
