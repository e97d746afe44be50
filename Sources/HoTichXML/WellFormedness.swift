internal import CLibXML2

/// A problem libxml2 reported while reading a document.
public struct XMLProblem: Sendable, Hashable {
    /// The line the problem was found on (1-based), or 0 when libxml2 gave none.
    public let line: Int
    /// libxml2's message, without the trailing newline.
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Streams a document with libxml2's reader and reports whether it is well-formed.
///
/// This is the reading half of the XML layer that the export validator builds on: it never
/// builds a tree, so memory stays flat whatever the file size.
public enum WellFormedness {
    /// Reads the file at `path` from start to end.
    /// - Returns: the problems found; empty when the document is well-formed.
    public static func check(path: String) -> [XMLProblem] {
        XMLLibrary.initialize()
        let collector = ProblemCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        guard let reader = xmlReaderForFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            return [XMLProblem(line: 0, message: "cannot open \(path)")]
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
            collector.add(error)
        }, context)
        var status: Int32 = 1
        while status == 1 {
            status = xmlTextReaderRead(reader)
        }
        if status < 0 && collector.problems.isEmpty {
            collector.problems.append(XMLProblem(line: 0, message: "the document could not be read"))
        }
        return collector.problems
    }
}

/// Collects libxml2's structured errors for one read, keeping the first ``limit``.
final class ProblemCollector {
    /// How many problems are kept: enough to fix a file, bounded for a file with millions of errors.
    static let limit = XMLValidation.problemLimit
    var problems: [XMLProblem] = []
    /// Every problem reported, kept or not.
    var count = 0

    func add(_ error: xmlErrorPtr) {
        count += 1
        guard problems.count < Self.limit else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        var trimmed = Substring(message)
        while trimmed.last == "\n" { trimmed = trimmed.dropLast() }
        problems.append(XMLProblem(line: Int(error.pointee.line), message: String(trimmed)))
    }
}
