internal import CLibXML2

/// Writes an XML document forward, element by element, with libxml2's text writer: no tree is
/// built, so memory stays flat whatever the size. Text and attribute values are escaped.
///
/// The bytes go to `sink` as libxml2 produces them, so the caller can write and hash them in one
/// pass. A sink that throws stops the writer; the next call rethrows its error.
///
/// ```swift
/// let writer = try XMLStreamWriter { bytes in try file.write(bytes); hasher.update(bytes) }
/// try writer.startDocument()
/// try writer.startElement("exportBatch", namespace: "urn:hotich:export:1")
/// try writer.element("messageId", text: id)
/// try writer.endElement()
/// try writer.endDocument()
/// ```
public final class XMLStreamWriter {
    /// A failure while writing: the sink's error, or libxml2 refusing a call.
    public struct WriteError: Error, @unchecked Sendable, Equatable {
        public let message: String
        /// The sink's own error, when writing failed there (a full disk, say): kept whole, so that
        /// whoever catches it can say what happened to which file.
        public let underlying: (any Error)?

        public init(message: String, underlying: (any Error)? = nil) {
            self.message = message
            self.underlying = underlying
        }

        public static func == (lhs: WriteError, rhs: WriteError) -> Bool { lhs.message == rhs.message }
    }

    /// Receives the document's bytes in order.
    public typealias Sink = (UnsafeBufferPointer<UInt8>) throws -> Void

    private final class Output {
        let sink: Sink
        var error: (any Error)?
        init(sink: @escaping Sink) { self.sink = sink }
    }

    private let writer: xmlTextWriterPtr
    private let output: Output

    /// A writer sending its bytes to `sink`, indenting nested elements when `indent` is set.
    public init(indent: Bool = true, sink: @escaping Sink) throws(WriteError) {
        XMLLibrary.initialize()
        let output = Output(sink: sink)
        let context = Unmanaged.passRetained(output).toOpaque()
        let write: xmlOutputWriteCallback = { context, buffer, length in
            guard let context, let buffer else { return -1 }
            let output = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
            if output.error != nil { return -1 }
            do {
                try buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    try output.sink(UnsafeBufferPointer(start: $0, count: Int(length)))
                }
                return length
            } catch {
                output.error = error
                return -1
            }
        }
        let close: xmlOutputCloseCallback = { context in
            guard let context else { return 0 }
            Unmanaged<Output>.fromOpaque(context).release()
            return 0
        }
        guard let buffer = xmlOutputBufferCreateIO(write, close, context, nil) else {
            Unmanaged<Output>.fromOpaque(context).release()
            throw WriteError(message: "libxml2 could not create an output buffer")
        }
        guard let writer = xmlNewTextWriter(buffer) else {
            xmlOutputBufferClose(buffer)
            throw WriteError(message: "libxml2 could not create a text writer")
        }
        self.writer = writer
        self.output = output
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
    }

    public func startDocument() throws(WriteError) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    /// Opens an element; with `namespace`, declares it as the default namespace.
    public func startElement(_ name: String, namespace: String? = nil) throws(WriteError) {
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "start <\(name)>")
        if let namespace { try attribute("xmlns", namespace) }
    }

    public func attribute(_ name: String, _ value: String) throws(WriteError) {
        try check(Self.withXMLChars(name) { name in
            Self.withXMLChars(value) { xmlTextWriterWriteAttribute(writer, name, $0) }
        }, "write @\(name)")
    }

    /// Writes text content, escaped.
    public func text(_ value: String) throws(WriteError) {
        try check(Self.withXMLChars(value) { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    public func endElement() throws(WriteError) {
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    /// `<name attributes…>text</name>` in one call.
    public func element(_ name: String, text value: String, attributes: [(String, String)] = []) throws(WriteError) {
        if attributes.isEmpty && !value.isEmpty {
            return try check(Self.withXMLChars(name) { name in
                Self.withXMLChars(value) { xmlTextWriterWriteElement(writer, name, $0) }
            }, "write <\(name)>")
        }
        try startElement(name)
        for (key, attributeValue) in attributes { try attribute(key, attributeValue) }
        if !value.isEmpty { try text(value) }
        try endElement()
    }

    /// Writes markup as it is, unescaped: for ``XMLMarkup``, which escapes as this writer does.
    /// An element still open for attributes is closed first; indentation is the markup's own.
    public func raw(_ bytes: [UInt8]) throws(WriteError) {
        guard !bytes.isEmpty else { return }
        try check(bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: xmlChar.self) { xmlTextWriterWriteRawLen(writer, $0.baseAddress, Int32(buffer.count)) }
        }, "write markup")
    }

    /// Writes a comment.
    public func comment(_ value: String) throws(WriteError) {
        try check(Self.withXMLChars(value) { xmlTextWriterWriteComment(writer, $0) }, "write a comment")
    }

    /// Closes every open element and the document, and flushes everything to the sink.
    public func endDocument() throws(WriteError) {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try flush()
    }

    /// Sends what libxml2 has buffered to the sink.
    public func flush() throws(WriteError) {
        try check(xmlTextWriterFlush(writer), "flush")
    }

    private func check(_ status: Int32, _ what: String) throws(WriteError) {
        if let error = output.error { throw WriteError(message: "the output failed", underlying: error) }
        if status < 0 { throw WriteError(message: "libxml2 could not \(what)") }
    }

    private static func withXMLChars(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        // `withCString` hands out a native string's own NUL-terminated bytes without copying.
        text.withCString { chars in
            chars.withMemoryRebound(to: xmlChar.self, capacity: 1) { body($0) }
        }
    }
}
