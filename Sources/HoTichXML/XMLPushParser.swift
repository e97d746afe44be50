internal import CLibXML2

/// Parses a document fed chunk by chunk (libxml2's SAX push parser, no validation), reporting its
/// elements to a handler as the chunks that complete them arrive: a reader that pulls rows can
/// feed one chunk, take the rows it completed, and feed the next. No tree is built and no string
/// is made unless the handler makes one.
public final class XMLPushParser {
    private final class Context {
        let handler: XMLEventHandler
        var problem: XMLProblem?
        init(handler: XMLEventHandler) { self.handler = handler }
    }

    private let context: Context
    private let state: UnsafeMutablePointer<hotich_sax_state>

    /// - Throws: when libxml2 cannot make a parser (out of memory).
    public init(handler: XMLEventHandler) throws(XMLProblem) {
        XMLLibrary.initialize()
        context = Context(handler: handler)
        var callbacks = hotich_sax_callbacks()
        callbacks.context = Unmanaged.passUnretained(context).toOpaque()
        callbacks.max_depth = handler.deepestReportedDepth.map { Int32(clamping: $0) } ?? -1
        callbacks.error = { context, error in
            guard let context, let error else { return }
            let state = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
            if state.problem == nil {
                let details = error.pointee
                state.problem = XMLProblem(line: Int(details.line), message: details.message.map { String(cString: $0) } ?? "not well-formed")
            }
        }
        callbacks.start = { context, name, count, attributes, line in
            guard let context, let name else { return }
            Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler.startElement(
                XMLElementEvent(localName: name, attributeCount: Int(count), attributes: attributes, line: Int(line)))
        }
        callbacks.end = { context in
            guard let context else { return }
            Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler.endElement()
        }
        callbacks.characters = { context, text, length in
            guard let context, let text else { return }
            let handler = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler
            if handler.wantsText { handler.characters(UnsafeBufferPointer(start: text, count: Int(length))) }
        }
        guard let created = hotich_push_create(callbacks) else { throw XMLProblem(line: 0, message: "libxml2 could not make a parser") }
        state = created
    }

    deinit {
        hotich_push_free(state)
    }

    /// Parses `bytes`; `last` ends the document.
    /// - Throws: the first problem libxml2 reported, once the document stops being well-formed.
    public func feed(_ bytes: UnsafeRawBufferPointer, last: Bool = false) throws(XMLProblem) {
        let status = withExtendedLifetime(context) {
            hotich_push_feed(state, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), last ? 1 : 0)
        }
        if let problem = context.problem { throw problem }
        if status != 0 { throw XMLProblem(line: 0, message: "the document is not well-formed XML") }
    }
}
