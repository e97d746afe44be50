internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Receives the elements of a document during a validating pass, to check what a schema cannot
/// (uniqueness, counts). Subclass it and override what you need; names are compared without
/// making Swift strings, so a pass over millions of elements stays cheap.
open class XMLEventHandler {
    public init() {}

    /// Whether ``characters(_:)`` is wanted now; text is not handed over while it is `false`,
    /// which keeps a pass over a large document cheap.
    public var wantsText = true

    /// The deepest elements reported (the root is at depth 0), or `nil` for all. Elements below it
    /// and their text never reach Swift at all: for a handler that only looks near the root, that is
    /// most of the cost of a pass. Read once, when the pass starts.
    open var deepestReportedDepth: Int? { nil }

    /// An element starts.
    open func startElement(_ element: XMLElementEvent) {}
    /// Text inside the current element (possibly in several pieces).
    open func characters(_ text: UnsafeBufferPointer<UInt8>) {}
    /// The current element ends.
    open func endElement() {}
}

/// An element as it starts: valid only during the call that receives it.
public struct XMLElementEvent {
    let localName: UnsafePointer<xmlChar>
    let attributeCount: Int
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    /// The line the element starts on.
    public let line: Int

    /// Whether the element's local name is `name`.
    public func isNamed(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { expected in
            for index in 0..<expected.count where localName[index] != expected[index] { return false }
            return localName[expected.count] == 0
        }
    }

    /// The element's local name.
    public var name: String { String(cString: localName) }

    /// Calls `body` with the bytes of the attribute `name`, or `nil` when the element has none,
    /// without making a Swift string.
    public func withAttribute<T>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard let attributes else { return body(nil) }
        for index in 0..<attributeCount {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let matches = name.withUTF8Buffer { expected in
                for offset in 0..<expected.count where local[offset] != expected[offset] { return false }
                return local[expected.count] == 0
            }
            if matches { return body(UnsafeBufferPointer(start: start, count: end - start)) }
        }
        return body(nil)
    }

    /// The value of the attribute `name`, if the element has it.
    public func attribute(_ name: StaticString) -> String? {
        guard let attributes else { return nil }
        for index in 0..<attributeCount {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let matches = name.withUTF8Buffer { expected in
                for offset in 0..<expected.count where local[offset] != expected[offset] { return false }
                return local[expected.count] == 0
            }
            if matches {
                return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            }
        }
        return nil
    }
}

/// Validates files against a schema with libxml2's streaming (SAX) validator: one pass, no tree,
/// memory flat whatever the size, every problem with its line.
public enum XMLValidation {
    /// How many problems a pass keeps (every one is counted).
    public static let problemLimit = 1_000

    /// What a pass found.
    public struct Outcome: Sendable {
        /// The problems, at most a thousand kept.
        public let problems: [XMLProblem]
        /// How many problems there were in all.
        public let problemCount: Int
        /// Whether the file could be read to its end as well-formed XML.
        public let wellFormed: Bool

        public var isValid: Bool { wellFormed && problemCount == 0 }

        public init(problems: [XMLProblem], problemCount: Int, wellFormed: Bool) {
            self.problems = problems
            self.problemCount = problemCount
            self.wellFormed = wellFormed
        }
    }

    private final class Context {
        let collector = ProblemCollector()
        let handler: XMLEventHandler?
        init(handler: XMLEventHandler?) { self.handler = handler }
    }

    /// Reads the file at `path` once, validating it against `schema` and reporting its elements
    /// to `handler`.
    public static func validate(path: String, schema: XMLSchema, handler: XMLEventHandler? = nil) -> Outcome {
        run(schema: schema, handler: handler, source: path) { schema, callbacks in hotich_validate_file(schema, path, callbacks) }
    }

    /// Reads `descriptor` to its end (a pipe a writer feeds, so that a document is validated on
    /// another thread while it is written), validating as ``validate(path:schema:handler:)`` does.
    /// The caller closes the descriptor.
    public static func validate(descriptor: Int32, schema: XMLSchema, handler: XMLEventHandler? = nil) -> Outcome {
        run(schema: schema, handler: handler, source: "descriptor \(descriptor)") { schema, callbacks in
            hotich_validate_descriptor(schema, descriptor, callbacks)
        }
    }

    private static func run(
        schema: XMLSchema, handler: XMLEventHandler?, source path: String,
        _ body: (xmlSchemaPtr, hotich_sax_callbacks) -> Int32
    ) -> Outcome {
        XMLLibrary.initialize()
        let context = Context(handler: handler)
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        var callbacks = hotich_sax_callbacks()
        callbacks.context = pointer
        callbacks.max_depth = handler?.deepestReportedDepth.map { Int32(clamping: $0) } ?? -1
        callbacks.error = { context, error in
            guard let context, let error else { return }
            Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().collector.add(error)
        }
        if handler != nil {
            callbacks.start = { context, name, count, attributes, line in
                guard let context, let name else { return }
                let event = XMLElementEvent(
                    localName: name, attributeCount: Int(count), attributes: attributes, line: Int(line))
                Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler?.startElement(event)
            }
            callbacks.end = { context in
                guard let context else { return }
                Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler?.endElement()
            }
            callbacks.characters = { context, text, length in
                guard let context, let text,
                      let handler = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue().handler, handler.wantsText
                else { return }
                handler.characters(UnsafeBufferPointer(start: text, count: Int(length)))
            }
        }
        let status = withExtendedLifetime(context) { body(schema.pointer, callbacks) }
        if status < 0 {
            return Outcome(problems: [XMLProblem(line: 0, message: "cannot open \(path)")], problemCount: 1, wellFormed: false)
        }
        var problems = context.collector.problems
        var count = context.collector.count
        if status != 0 && count == 0 {
            problems.append(XMLProblem(line: 0, message: "the document is not well-formed XML"))
            count = 1
        }
        return Outcome(problems: problems, problemCount: count, wellFormed: status == 0)
    }
}

/// A run of bytes of a file.
public struct FileRange: Sendable, Equatable {
    public let offset: Int64
    public let length: Int64

    public init(offset: Int64, length: Int64) {
        self.offset = offset
        self.length = length
    }
}

extension XMLValidation {
    /// Validates, as one document, the bytes of `ranges` of the file at `path` one after the other:
    /// a large document's head, a run of its repeated elements and its tail, so that parts of it
    /// can be validated side by side. Lines in the outcome count in that concatenation.
    /// - Parameter progress: told, on the validating thread, how many bytes were just read.
    public static func validate(
        path: String, ranges: [FileRange], schema: XMLSchema, handler: XMLEventHandler? = nil, progress: ((Int) -> Void)? = nil
    ) -> Outcome {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return Outcome(problems: [XMLProblem(line: 0, message: "cannot open \(path)")], problemCount: 1, wellFormed: false)
        }
        defer { close(descriptor) }
        let spans = ranges.map { hotich_range(offset: $0.offset, length: $0.length) }
        let listener = progress.map(ReadListener.init)
        let context = listener.map { Unmanaged.passUnretained($0).toOpaque() }
        let report: hotich_read_progress? = listener == nil ? nil : { context, count in
            guard let context else { return }
            Unmanaged<ReadListener>.fromOpaque(context).takeUnretainedValue().read(Int(count))
        }
        return withExtendedLifetime(listener) {
            spans.withUnsafeBufferPointer { spans in
                run(schema: schema, handler: handler, source: path) { schema, callbacks in
                    hotich_validate_ranges(schema, descriptor, spans.baseAddress, Int32(spans.count), callbacks, report, context)
                }
            }
        }
    }

    /// Holds a progress closure for the C reader.
    private final class ReadListener {
        let read: (Int) -> Void
        init(_ read: @escaping (Int) -> Void) { self.read = read }
    }
}
