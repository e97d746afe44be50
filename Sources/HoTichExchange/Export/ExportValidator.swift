import Crypto
public import Foundation
import HoTichModel
public import HoTichXML

/// What validating one document found.
public struct ValidationReport: Sendable {
    /// The kind of document, by its root element; `nil` when it is none of hotich's.
    public let document: ExportSchema.Document?
    /// Problems with their line: schema violations first as libxml2 reports them, then what XSD
    /// cannot check (duplicate record ids, summary counts, manifest hashes). At most a thousand kept.
    public let problems: [XMLProblem]
    /// How many problems there were in all.
    public let problemCount: Int
    /// Entries in an export file, files in a manifest, results in a receipt.
    public let items: Int
    public let bytes: Int64

    public var isValid: Bool { document != nil && problemCount == 0 }

    /// The first `limit` problems on one line each (`line N: message`), and how many there were.
    public func describe(limit: Int = 3) -> String {
        let shown = problems.prefix(limit).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
        return problemCount > limit ? shown + " (\(problemCount) problems in all)" : shown
    }

    /// Each problem as (line, message), for printing.
    public var lines: [(line: Int, message: String)] { problems.map { ($0.line, $0.message) } }
}

/// Validates exports, manifests and receipts against the bundled schema with libxml2's streaming
/// (SAX) validator, memory flat, and checks in the same pass what XSD 1.0 cannot. A large export
/// file is cut into parts validated side by side, one per core (``ExportFileParts``).
public enum ExportValidator {
    /// The compiled schemas, built once (before any concurrent use, as libxml2 requires).
    static let schemas: [ExportSchema.Document: Result<XMLSchema, XMLProblem>] = Dictionary(
        uniqueKeysWithValues: ExportSchema.Document.allCases.map { document in
            (document, Result { () throws(XMLProblem) -> XMLSchema in try XMLSchema(text: document.text) })
        })

    /// The compiled schema of `document`.
    public static func schema(for document: ExportSchema.Document) throws(XMLProblem) -> XMLSchema {
        guard let result = schemas[document] else { throw XMLProblem(line: 0, message: "no schema") }
        return try result.get()
    }

    /// The kind of document at `url`, read from its root element and namespace.
    public static func documentKind(at url: URL) throws(XMLProblem) -> ExportSchema.Document? {
        let reader = try XMLStreamReader(path: url.path)
        while try reader.read() {
            guard reader.nodeType == .element else { continue }
            guard reader.namespaceURI == ExportLayout.namespace else { return nil }
            return ExportSchema.Document(rawValue: reader.localName)
        }
        return nil
    }

    /// Validates the file at `url`.
    /// - Parameter packageFolder: for a manifest, the folder its paths are relative to; every
    ///   listed file's size and SHA-256 are checked.
    /// - Parameter progress: for an export validated in parts (a large one), told now and then how
    ///   many bytes of how many have been read, from the validating threads (one call at a time).
    public static func validate(
        file url: URL, packageFolder: URL? = nil, progress: (@Sendable (_ done: Int64, _ total: Int64) -> Void)? = nil
    ) -> ValidationReport {
        validate(file: url, packageFolder: packageFolder, splitFrom: parallelFrom, parts: parallelParts, progress: progress)
    }

    /// ``validate(file:packageFolder:progress:)`` cutting export files from `splitFrom` bytes into `parts`.
    package static func validate(
        file url: URL, packageFolder: URL?, splitFrom: Int64, parts count: Int,
        progress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) -> ValidationReport {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        let document: ExportSchema.Document?
        do {
            document = try documentKind(at: url)
        } catch {
            return ValidationReport(document: nil, problems: [error], problemCount: 1, items: 0, bytes: bytes)
        }
        guard let document else {
            let problem = XMLProblem(line: 1, message: "not a hotich-export document: the root element must be exportBatch, exportManifest or exportReceipt in \(ExportLayout.namespace)")
            return ValidationReport(document: nil, problems: [problem], problemCount: 1, items: 0, bytes: bytes)
        }
        let checks = DocumentChecks(document: document, packageFolder: packageFolder)
        let compiled: XMLSchema
        do {
            compiled = try schema(for: document)
        } catch {
            return ValidationReport(document: document, problems: [error], problemCount: 1, items: 0, bytes: bytes)
        }
        if document == .export, bytes >= splitFrom, let parts = ExportFileParts.plan(url, parts: count) {
            return validate(url, in: parts, schema: compiled, bytes: bytes, progress: progress)
        }
        let outcome = XMLValidation.validate(path: url.path, schema: compiled, handler: checks)
        // Counts and hashes mean something only in a document that could be read to its end.
        let extra = outcome.wellFormed ? checks.finish(file: url) : []
        return ValidationReport(
            document: document, problems: outcome.problems + extra, problemCount: outcome.problemCount + extra.count,
            items: checks.items, bytes: bytes)
    }
}

extension ExportValidator {
    /// What validating a package folder means: its manifest, with every file's size and hash checked
    /// against it (the folder is its `packageFolder`), then each of its XML files on its own, by name.
    public static func packageFiles(in folder: URL) -> [(file: URL, packageFolder: URL?)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return [(folder.appendingPathComponent(PackageManifest.fileName), folder)]
            + names.sorted().filter { $0.hasSuffix(".xml") && $0 != PackageManifest.fileName }
                .map { (folder.appendingPathComponent($0), nil) }
    }

    /// Export files from this size on are validated in parts, side by side.
    static let parallelFrom: Int64 = 32 << 20
    /// One part per core, up to four.
    static var parallelParts: Int { min(4, ProcessInfo.processInfo.activeProcessorCount) }

    /// Validates each part of an export file on its own thread, then puts together what they found:
    /// problems in the file's line numbers (those of the shared head and tail once), and the checks
    /// over all entries.
    static func validate(
        _ url: URL, in parts: ExportFileParts, schema: XMLSchema, bytes: Int64, progress: (@Sendable (Int64, Int64) -> Void)?
    ) -> ValidationReport {
        let results = PartResults(count: parts.runs.count)
        let reading = progress.map { ReadProgress(total: parts.bytesToRead, report: $0) }
        DispatchQueue.concurrentPerform(iterations: parts.runs.count) { index in
            let checks = DocumentChecks(document: .export, packageFolder: nil)
            let outcome = XMLValidation.validate(
                path: url.path, ranges: parts.ranges(of: index), schema: schema, handler: checks, progress: reading.map { reading in
                    { reading.add($0) }
                })
            results.set(index, (outcome, checks))
        }
        let total = DocumentChecks(document: .export, packageFolder: nil)
        var seen = Set<XMLProblem>()
        var problems: [XMLProblem] = []
        var count = 0
        var wellFormed = true
        for (index, (outcome, checks)) in results.all.enumerated() {
            wellFormed = wellFormed && outcome.wellFormed
            for problem in outcome.problems {
                let placed = XMLProblem(line: parts.fileLine(problem.line, part: index), message: problem.message)
                if seen.insert(placed).inserted { problems.append(placed) }
            }
            // Problems beyond the thousand each part keeps are counted, not seen: they are its own.
            count += outcome.problemCount - outcome.problems.count
            total.absorb(checks, summaryLine: parts.fileLine(checks.summaryLine, part: index))
        }
        problems.sort { $0.line < $1.line }
        count += problems.count
        let extra = wellFormed ? total.finish(file: url) : []
        return ValidationReport(
            document: .export, problems: Array((problems + extra).prefix(XMLValidation.problemLimit)),
            problemCount: count + extra.count, items: total.items, bytes: bytes)
    }

    /// Bytes read by all the parts' threads, reported once per percent.
    private final class ReadProgress: @unchecked Sendable {
        private let lock = NSLock()
        private var done: Int64 = 0
        private var percent = -1
        private let total: Int64
        private let report: @Sendable (Int64, Int64) -> Void

        init(total: Int64, report: @escaping @Sendable (Int64, Int64) -> Void) {
            self.total = max(1, total)
            self.report = report
        }

        func add(_ count: Int) {
            lock.withLock {
                done += Int64(count)
                let now = Int(done * 100 / total)
                guard now != percent else { return }
                percent = now
                report(done, total)
            }
        }
    }

    /// What each part's thread found, kept until all are done.
    private final class PartResults: @unchecked Sendable {
        private var results: [(XMLValidation.Outcome, DocumentChecks)?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: (XMLValidation.Outcome, DocumentChecks)) {
            lock.withLock { results[index] = result }
        }

        var all: [(XMLValidation.Outcome, DocumentChecks)] { lock.withLock { results.compactMap { $0 } } }
    }
}

/// The checks XSD cannot make, fed one element at a time by the validating pass.
final class DocumentChecks: XMLEventHandler {
    let document: ExportSchema.Document
    let packageFolder: URL?
    private(set) var items = 0
    private var problems: [XMLProblem] = []
    private var depth = -1
    private var section: Section = .other
    /// The element whose text is being collected, and the text so far.
    private var capturing: Capture = .none {
        didSet { wantsText = capturing != .none }
    }
    private var text: [UInt8] = []

    private enum Section { case records, summary, file, other }
    private enum Capture { case none, recordId, recordVersion, entries, withdrawals, path, bytes, sha256 }

    // Export files.
    private var idHashes: [UInt64] = []
    private var currentId = ""
    private var counted: [String: Int] = [:]
    private var withdrawals = 0
    private var summary: (entries: Int?, counts: [String: Int], withdrawals: Int?, line: Int) = (nil, [:], nil, 0)
    // Manifest files.
    private var files: [(path: String, bytes: String, sha256: String, line: Int)] = []

    init(document: ExportSchema.Document, packageFolder: URL?) {
        self.document = document
        self.packageFolder = packageFolder
        super.init()
        wantsText = false
    }

    /// What the checks read is near the root: an entry's record id and version (depth 4 of an
    /// export), a manifest file's path, size and hash (2), a receipt's results (1).
    override var deepestReportedDepth: Int? {
        switch document {
        case .export: 4
        case .manifest: 2
        case .receipt: 1
        }
    }

    override func startElement(_ element: XMLElementEvent) {
        depth += 1
        capturing = .none
        switch document {
        case .export: startExport(element)
        case .manifest: startManifest(element)
        case .receipt:
            if depth == 1 && element.isNamed("result") { items += 1 }
        }
    }

    private func startExport(_ element: XMLElementEvent) {
        switch depth {
        case 1:
            section = element.isNamed("records") ? .records : element.isNamed("summary") ? .summary : .other
        case 2 where section == .records:
            items += 1
        case 2 where section == .summary:
            summary.line = element.line
            if element.isNamed("entries") { capturing = .entries }
            if element.isNamed("withdrawals") { capturing = .withdrawals }
            if element.isNamed("count"), let kind = element.attribute("kind"), let value = element.attribute("count").flatMap({ Int($0) }) {
                summary.counts[kind] = value
            }
        case 3 where section == .records:
            if element.isNamed("withdrawal") { withdrawals += 1 } else { counted[element.name, default: 0] += 1 }
            currentId = ""
        case 4 where section == .records:
            capturing = element.isNamed("recordId") ? .recordId : element.isNamed("recordVersion") ? .recordVersion : .none
        default:
            break
        }
    }

    private func startManifest(_ element: XMLElementEvent) {
        if depth == 1 {
            section = element.isNamed("file") ? .file : .other
            if section == .file {
                items += 1
                files.append(("", "", "", element.line))
            }
        } else if depth == 2 && section == .file {
            capturing = element.isNamed("path") ? .path : element.isNamed("bytes") ? .bytes : element.isNamed("sha256") ? .sha256 : .none
        }
    }

    override func characters(_ chunk: UnsafeBufferPointer<UInt8>) {
        if capturing != .none { text.append(contentsOf: chunk) }
    }

    /// The line of the export's summary (0 before it is read).
    var summaryLine: Int { summary.line }

    /// Adds what another part of the same export file found; `summaryLine` is its summary's line
    /// in the file.
    func absorb(_ other: DocumentChecks, summaryLine: Int) {
        items += other.items
        idHashes += other.idHashes
        for (kind, count) in other.counted { counted[kind, default: 0] += count }
        withdrawals += other.withdrawals
        summary = other.summary
        summary.line = summaryLine
    }

    override func endElement() {
        depth -= 1
        guard capturing != .none else { return }
        let value = String(decoding: text, as: UTF8.self)
        text.removeAll(keepingCapacity: true)
        switch capturing {
        case .recordId: currentId = value
        case .recordVersion: idHashes.append(Self.hash(currentId + "|" + value))
        case .entries: summary.entries = Int(value)
        case .withdrawals: summary.withdrawals = Int(value)
        case .path: files[files.count - 1].path = value
        case .bytes: files[files.count - 1].bytes = value
        case .sha256: files[files.count - 1].sha256 = value
        case .none: break
        }
        capturing = .none
    }

    /// FNV-1a, 64 bits: record identities are kept as 8 bytes each, so a million cost 8 MB.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    func finish(file: URL) -> [XMLProblem] {
        switch document {
        case .export: finishExport(file: file)
        case .manifest: finishManifest()
        case .receipt: break
        }
        return problems
    }

    private func finishExport(file: URL) {
        idHashes.sort()
        var repeated = Set<UInt64>()
        for (previous, next) in zip(idHashes, idHashes.dropFirst()) where previous == next { repeated.insert(next) }
        if !repeated.isEmpty { confirmDuplicates(repeated, in: file) }
        if let entries = summary.entries, entries != items {
            problems.append(XMLProblem(line: summary.line, message: "summary says \(entries) entries, the file holds \(items)"))
        }
        var kinds = Set(counted.keys).union(summary.counts.keys.compactMap { code in
            RecordKind(code: code).map(ExportLayout.elementName(for:))
        })
        kinds.remove("withdrawal")
        for kind in RecordKind.allCases {
            let element = ExportLayout.elementName(for: kind)
            guard kinds.contains(element) else { continue }
            let stated = summary.counts[kind.code] ?? 0
            let found = counted[element] ?? 0
            if stated != found {
                problems.append(XMLProblem(line: summary.line, message: "summary counts \(stated) \(kind.code) records, the file holds \(found)"))
            }
        }
        if let stated = summary.withdrawals, stated != withdrawals {
            problems.append(XMLProblem(line: summary.line, message: "summary counts \(stated) withdrawals, the file holds \(withdrawals)"))
        }
    }

    /// A second pass, only when two identities share a hash: names the repeated ones exactly.
    private func confirmDuplicates(_ hashes: Set<UInt64>, in file: URL) {
        guard let reader = try? XMLStreamReader(path: file.path) else { return }
        var seen: [String: Int] = [:]
        var id = ""
        var field = ""
        var line = 0
        while (try? reader.read()) == true {
            if reader.nodeType == .element && reader.depth == 4 {
                field = reader.isNamed("recordId") ? "id" : reader.isNamed("recordVersion") ? "version" : ""
                if field == "id" { line = reader.line }
            } else if reader.nodeType == .text && reader.depth == 5 {
                if field == "id" { id = reader.value }
                if field == "version" {
                    let key = id + "|" + reader.value
                    guard hashes.contains(Self.hash(key)) else { continue }
                    if let first = seen[key] {
                        problems.append(XMLProblem(line: line, message: "record \(id) version \(reader.value) appears twice (first on line \(first))"))
                    } else {
                        seen[key] = line
                    }
                }
            }
        }
    }

    private func finishManifest() {
        guard let packageFolder else { return }
        for file in files {
            let url = packageFolder.appendingPathComponent(file.path)
            guard let fingerprint = try? ManifestFileHash.compute(url) else {
                problems.append(XMLProblem(line: file.line, message: "\(file.path) is missing from the package"))
                continue
            }
            if String(fingerprint.bytes) != file.bytes {
                problems.append(XMLProblem(line: file.line, message: "\(file.path) has \(fingerprint.bytes) bytes, the manifest says \(file.bytes)"))
            } else if fingerprint.sha256 != file.sha256 {
                problems.append(XMLProblem(line: file.line, message: "\(file.path) does not match its SHA-256 in the manifest"))
            }
        }
    }
}

/// Size and SHA-256 of a file, read in 1 MiB chunks.
enum ManifestFileHash {
    static func compute(_ url: URL) throws -> (bytes: Int64, sha256: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (bytes, hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
    }
}
