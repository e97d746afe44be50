internal import CLibXML2

/// A forward-only reader over an XML file, one node at a time (libxml2's `xmlTextReader`).
///
/// Memory stays flat whatever the file size. Used to read spreadsheet parts (XLSX), receipts and
/// the root element of a document to validate (validation itself is ``XMLValidation``'s).
///
/// ```swift
/// let reader = try XMLStreamReader(path: "sheet1.xml")
/// while try reader.read() {
///     if reader.nodeType == .element, reader.localName == "row" { … }
/// }
/// ```
public final class XMLStreamReader {
    /// The kinds of node the reader stops on.
    public enum NodeType: Sendable, Equatable {
        case element, endElement, text, whitespace, other
    }

    private let reader: xmlTextReaderPtr
    private let collector = ProblemCollector()

    /// Opens `path` for reading. Network access is refused. (Validation against a schema is
    /// ``XMLValidation``'s: a SAX pass, much faster than the reader.)
    /// - Throws: ``XMLProblem`` when the file cannot be opened.
    public init(path: String) throws(XMLProblem) {
        XMLLibrary.initialize()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw XMLProblem(line: 0, message: "cannot open \(path)")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue().add(error)
        }, Unmanaged.passUnretained(collector).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node. Returns `false` at the end of the document.
    /// - Throws: the first ``XMLProblem`` libxml2 reported, when the document is not well-formed.
    public func read() throws(XMLProblem) -> Bool {
        let status = xmlTextReaderRead(reader)
        if let problem = collector.problems.first { throw problem }
        if status < 0 { throw XMLProblem(line: 0, message: "the document could not be read") }
        return status == 1
    }

    /// The depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// The kind of the current node.
    public var nodeType: NodeType {
        switch xmlTextReaderNodeType(reader) {
        case 1: .element
        case 15: .endElement
        case 3, 4: .text
        case 13, 14: .whitespace
        default: .other
        }
    }

    /// The current node's name without its namespace prefix.
    public var localName: String {
        xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
    }

    /// The namespace URI of the current node, if it has one.
    public var namespaceURI: String? {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
    }

    /// Whether the current node's local name is `name`, compared without making a Swift string.
    public func isNamed(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return name.withUTF8Buffer { expected in
            for index in 0..<expected.count where local[index] != expected[index] { return false }
            return local[expected.count] == 0
        }
    }

    /// The text of a text node.
    public var value: String {
        xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    /// Whether the current element is written `<x/>` (no end-element node follows).
    public var isEmptyElement: Bool {
        xmlTextReaderIsEmptyElement(reader) == 1
    }

    /// The value of the current element's attribute `name`, if present.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { hotich_xml_free(value) }
        return String(cString: value)
    }

    /// Calls `body` with the bytes of the current element's attribute `name` (without its
    /// terminating zero), or `nil` when it has none, without making a Swift string.
    public func withAttribute<T>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        let value = name.withUTF8Buffer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { xmlTextReaderGetAttribute(reader, $0.baseAddress) }
        }
        guard let value else { return body(nil) }
        defer { hotich_xml_free(value) }
        var length = 0
        while value[length] != 0 { length += 1 }
        return body(UnsafeBufferPointer(start: value, count: length))
    }

    /// The line of the current node.
    public var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
}

extension XMLProblem: Error {}
