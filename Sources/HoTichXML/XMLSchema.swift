internal import CLibXML2

/// An XSD 1.0 schema compiled by libxml2, shared read-only by the readers that validate against it.
///
/// Compile schemas once, before any thread starts validating (libxml2 before 2.15 initialises its
/// schema types lazily and not thread-safely).
public final class XMLSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    /// Compiles the schema text.
    /// - Throws: the first problem libxml2 reports when the text is not a valid schema.
    public init(text: String) throws(XMLProblem) {
        XMLLibrary.initialize()
        let collector = ProblemCollector()
        let bytes = Array(text.utf8)
        let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let parser = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                      xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
                  })
            else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, { context, error in
                guard let context, let error else { return }
                Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue().add(error)
            }, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(parser)
        }
        guard let compiled else {
            throw collector.problems.first ?? XMLProblem(line: 0, message: "the schema could not be compiled")
        }
        pointer = compiled
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}
