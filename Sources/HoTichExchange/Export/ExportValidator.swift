import Crypto
public import Foundation
public import HoTichModel
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

/// Validates exports, manifests and receipts against the bundled schema, streaming with libxml2's
/// reader (memory stays flat), and checks in the same pass what XSD 1.0 cannot.
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
    public static func validate(file url: URL, packageFolder: URL? = nil) -> ValidationReport {
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
        var checks = DocumentChecks(document: document, packageFolder: packageFolder)
        do {
            let reader = try XMLStreamReader(path: url.path, validatingAgainst: try schema(for: document))
            while try reader.read() { checks.observe(reader) }
            var problems = reader.problems
            var count = reader.problemCount
            let extra = checks.finish(file: url)
            problems += extra
            count += extra.count
            return ValidationReport(document: document, problems: problems, problemCount: count, items: checks.items, bytes: bytes)
        } catch {
            return ValidationReport(document: document, problems: [error], problemCount: 1, items: checks.items, bytes: bytes)
        }
    }
}

/// The checks XSD cannot make, fed one node at a time.
struct DocumentChecks {
    let document: ExportSchema.Document
    let packageFolder: URL?
    private(set) var items = 0
    private var problems: [XMLProblem] = []

    // Export files.
    private var idHashes: [UInt64] = []
    private var currentId = ""
    private var currentVersion = ""
    private var counted: [String: Int] = [:]
    private var withdrawals = 0
    private var summary: (entries: Int?, counts: [String: Int], withdrawals: Int?, line: Int) = (nil, [:], nil, 0)
    // Manifest files.
    private var files: [(path: String, bytes: String, sha256: String, line: Int)] = []
    private var field = ""
    private var section = ""

    init(document: ExportSchema.Document, packageFolder: URL?) {
        self.document = document
        self.packageFolder = packageFolder
    }

    mutating func observe(_ reader: XMLStreamReader) {
        switch document {
        case .export: observeExport(reader)
        case .manifest: observeManifest(reader)
        case .receipt:
            if reader.nodeType == .element, reader.depth == 1, reader.isNamed("result") { items += 1 }
        }
    }

    private mutating func observeExport(_ reader: XMLStreamReader) {
        let depth = reader.depth
        switch reader.nodeType {
        case .element:
            if depth == 1 {
                section = reader.localName
            } else if depth == 2 && section == "records" {
                items += 1
            } else if depth == 3 && section == "records" {
                let kind = reader.localName
                if kind == "withdrawal" { withdrawals += 1 } else { counted[kind, default: 0] += 1 }
                currentId = ""
                currentVersion = ""
            } else if depth == 4 && section == "records" {
                field = reader.isNamed("recordId") ? "id" : reader.isNamed("recordVersion") ? "version" : ""
            } else if depth == 2 && section == "summary" {
                field = reader.localName
                summary.line = reader.line
                if field == "count", let kind = reader.attribute("kind"), let value = reader.attribute("count").flatMap({ Int($0) }) {
                    summary.counts[kind] = value
                }
            }
        case .text:
            if depth == 5 && section == "records" {
                if field == "id" { currentId = reader.value }
                if field == "version" {
                    currentVersion = reader.value
                    idHashes.append(Self.hash(currentId + "|" + currentVersion))
                }
            } else if depth == 3 && section == "summary" {
                if field == "entries" { summary.entries = Int(reader.value) }
                if field == "withdrawals" { summary.withdrawals = Int(reader.value) }
            }
        default:
            break
        }
    }

    private mutating func observeManifest(_ reader: XMLStreamReader) {
        let depth = reader.depth
        switch reader.nodeType {
        case .element:
            if depth == 1 {
                section = reader.localName
                if section == "file" {
                    items += 1
                    files.append(("", "", "", reader.line))
                }
            } else if depth == 2 && section == "file" {
                field = reader.localName
            }
        case .text:
            guard depth == 3, section == "file", !files.isEmpty else { return }
            switch field {
            case "path": files[files.count - 1].path = reader.value
            case "bytes": files[files.count - 1].bytes = reader.value
            case "sha256": files[files.count - 1].sha256 = reader.value
            default: break
            }
        default:
            break
        }
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

    mutating func finish(file: URL) -> [XMLProblem] {
        switch document {
        case .export: finishExport(file: file)
        case .manifest: finishManifest()
        case .receipt: break
        }
        return problems
    }

    private mutating func finishExport(file: URL) {
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
    private mutating func confirmDuplicates(_ hashes: Set<UInt64>, in file: URL) {
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

    private mutating func finishManifest() {
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
