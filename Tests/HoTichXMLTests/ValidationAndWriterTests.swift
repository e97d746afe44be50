#if canImport(Glibc)
import Glibc
#endif
import HoTichXML
import Testing

/// A small schema: a list of people, each with a name and a birth year.
let peopleSchema = """
    <?xml version="1.0"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test" xmlns="urn:test" elementFormDefault="qualified">
      <xs:element name="people">
        <xs:complexType><xs:sequence>
          <xs:element name="person" minOccurs="0" maxOccurs="unbounded">
            <xs:complexType>
              <xs:sequence><xs:element name="name" type="xs:string"/><xs:element name="year" type="xs:gYear"/></xs:sequence>
              <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
    """

/// Counts `person` elements and collects their `id` attributes while validating.
final class PersonCounter: XMLEventHandler {
    var ids: [String] = []
    var names: [String] = []
    private var inName = false
    private var text: [UInt8] = []

    override func startElement(_ element: XMLElementEvent) {
        if element.isNamed("person"), let id = element.attribute("id") { ids.append(id) }
        inName = element.isNamed("name")
    }

    override func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        if inName { text.append(contentsOf: chunk) }
    }

    override func endElement() {
        if inName { names.append(String(decoding: text, as: UTF8.self)) }
        inName = false
        text.removeAll()
    }
}

@Suite struct ValidationAndWriterTests {
    func write(_ text: String) throws -> String {
        let path = "/tmp/hotich-xml-\(UInt64.random(in: 0...UInt64.max)).xml"
        let handle = try #require(fopen(path, "w"))
        fputs(text, handle)
        fclose(handle)
        return path
    }

    @Test func aValidDocumentPassesAndItsElementsAreSeen() throws {
        let schema = try XMLSchema(text: peopleSchema)
        let path = try write("""
            <?xml version="1.0"?>
            <people xmlns="urn:test"><person id="1"><name>Đào &amp; Lý</name><year>1990</year></person><person id="2"><name>An</name><year>2001</year></person></people>
            """)
        defer { remove(path) }
        let counter = PersonCounter()
        let outcome = XMLValidation.validate(path: path, schema: schema, handler: counter)
        #expect(outcome.isValid && outcome.problems.isEmpty)
        #expect(counter.ids == ["1", "2"])
        #expect(counter.names == ["Đào & Lý", "An"])
    }

    @Test func everyViolationIsReportedWithItsLine() throws {
        let schema = try XMLSchema(text: peopleSchema)
        let path = try write("""
            <?xml version="1.0"?>
            <people xmlns="urn:test">
              <person id="0"><name>A</name><year>1990</year></person>
              <person id="2"><name>B</name><year>nineteen</year></person>
            </people>
            """)
        defer { remove(path) }
        let outcome = XMLValidation.validate(path: path, schema: schema)
        #expect(!outcome.isValid && outcome.problemCount == 2)
        #expect(outcome.problems.map(\.line) == [3, 4])
    }

    @Test func aTruncatedDocumentIsNeverValid() throws {
        let schema = try XMLSchema(text: peopleSchema)
        let path = try write("<?xml version=\"1.0\"?>\n<people xmlns=\"urn:test\">\n<person id=\"1\"><name>A</name><year>19")
        defer { remove(path) }
        let outcome = XMLValidation.validate(path: path, schema: schema)
        #expect(!outcome.wellFormed && !outcome.isValid)
        #expect(outcome.problems.first?.line == 3)
        #expect(!XMLValidation.validate(path: "/nonexistent.xml", schema: schema).isValid)
    }

    @Test func elementsBelowTheDeepestReportedDepthAreNotReportedButStillValidated() throws {
        /// Records every event it gets, by name and depth as the handler sees them.
        final class Shallow: XMLEventHandler {
            var events: [String] = []
            var depth = -1
            override var deepestReportedDepth: Int? { 1 }
            override func startElement(_ element: XMLElementEvent) {
                depth += 1
                events.append("\(depth):\(element.isNamed("person") ? "person" : element.isNamed("people") ? "people" : "other")")
            }
            override func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
                if chunk.contains(where: { $0 != 0x20 && $0 != 0x0A }) { events.append("text") }
            }
            override func endElement() { depth -= 1 }
        }
        let document = """
            <people xmlns="urn:test"><person id="1"><name>An</name><year>1990</year></person>
            <person id="2"><name>Bình</name><year>199x</year></person></people>
            """
        let path = try write(document)
        defer { remove(path) }
        let shallow = Shallow()
        let outcome = XMLValidation.validate(path: path, schema: try XMLSchema(text: peopleSchema), handler: shallow)
        // Names and years (depth 2) and their text never reach the handler…
        #expect(shallow.events == ["0:people", "1:person", "1:person"])
        #expect(shallow.depth == -1)
        // …but the schema still sees them: the second year is not a year.
        #expect(!outcome.isValid)
        #expect(outcome.problems.map(\.line) == [2])
    }

    @Test func aBrokenSchemaIsRefusedWithAMessage() {
        #expect(throws: XMLProblem.self) { try XMLSchema(text: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>") }
    }

    @Test func theWriterEscapesAndItsOutputValidates() throws {
        var bytes: [UInt8] = []
        let writer = try XMLStreamWriter(indent: false) { chunk in bytes.append(contentsOf: chunk) }
        try writer.startDocument()
        try writer.startElement("people", namespace: "urn:test")
        try writer.startElement("person")
        try writer.attribute("id", "7")
        try writer.element("name", text: "<Đào> & \"Lý\"")
        try writer.element("year", text: "1990")
        try writer.endElement()
        try writer.endDocument()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<name>&lt;Đào&gt; &amp; &quot;Lý&quot;</name>"))
        let path = try write(text)
        defer { remove(path) }
        let counter = PersonCounter()
        #expect(XMLValidation.validate(path: path, schema: try XMLSchema(text: peopleSchema), handler: counter).isValid)
        #expect(counter.names == ["<Đào> & \"Lý\""])
    }

    /// Markup built as bytes must be what the writer itself writes, byte for byte: the same escapes
    /// (text and attributes differ on line feeds and tabs), the same indentation, `<a/>` when empty.
    @Test func markupIsWrittenExactlyAsTheWriterWouldWriteIt() throws {
        let values = [
            "Nguyễn Thị Đào", "a & b < c > d \"e\" 'f'", "dòng\r\nhai\tcột", "]]>", "", "Ê-đê",
            "Nguye\u{302}\u{303}n",  // decomposed: written as given, normalizing is not the writer's job
        ]
        for value in values {
            var direct: [UInt8] = []
            let writer = try XMLStreamWriter(indent: true) { direct.append(contentsOf: $0) }
            try writer.startDocument()
            try writer.startElement("records")
            try writer.startElement("entry")
            try writer.attribute("v", value)
            try writer.element("text", text: value)
            try writer.element("mark", text: "", attributes: [("by", value), ("at", "x")])
            try writer.startElement("group")
            try writer.element("leaf", text: value, attributes: [("code", "1")])
            try writer.endElement()
            try writer.endElement()
            try writer.endElement()
            try writer.endDocument()

            var viaMarkup: [UInt8] = []
            let other = try XMLStreamWriter(indent: true) { viaMarkup.append(contentsOf: $0) }
            try other.startDocument()
            try other.startElement("records")
            var markup = XMLMarkup()
            markup.open(Array("entry".utf8), depth: 1, attributes: [(Array("v".utf8), value)])
            markup.element(Array("text".utf8), depth: 2, text: value)
            markup.element(Array("mark".utf8), depth: 2, text: "", attributes: [(Array("by".utf8), value), (Array("at".utf8), "x")])
            markup.open(Array("group".utf8), depth: 2)
            markup.element(Array("leaf".utf8), depth: 3, text: value, attributes: [(Array("code".utf8), "1")])
            markup.close(Array("group".utf8), depth: 2)
            markup.close(Array("entry".utf8), depth: 1)
            markup.newline(depth: 0)
            try other.raw(markup.bytes)
            try other.endElement()
            try other.endDocument()
            #expect(String(decoding: viaMarkup, as: UTF8.self) == String(decoding: direct, as: UTF8.self), "\(value)")
        }
    }

    @Test func aSinkThatFailsStopsTheWriter() throws {
        struct Full: Error {}
        let writer = try XMLStreamWriter(indent: false) { _ in throw Full() }
        try writer.startDocument()
        try writer.startElement("people")
        #expect(throws: XMLStreamWriter.WriteError.self) {
            try writer.endDocument()
        }
    }
}
