import Crypto
public import Foundation
public import HoTichModel
import HoTichXML

/// Writes one export file (`exportBatch`) forward, record by record, with libxml2's streaming
/// writer: the bytes are hashed as they are written and, through a pipe, validated against the
/// schema on a second thread (the second core) while the first goes on writing; nothing is held in
/// memory but buffers. ``finish()`` flushes the file to disk and reports its size, SHA-256 and
/// what validation found.
///
/// The writer does not name the file finished; whoever calls it renames it into place.
public final class ExportFileWriter {
    private let handle: FileHandle
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private var bytes: Int64 = 0
    private var writer: XMLStreamWriter!
    private var sinkError: (any Error)?
    private var entries = 0
    private var withdrawals = 0
    private var counts: [RecordKind: Int] = [:]
    private static let bufferSize = 1 << 20
    private let url: URL
    private let validation: ConcurrentValidation

    /// Creates (or truncates) the file at `url` and writes the header.
    public init(url: URL, header: ExportHeader, kinds: [RecordKind]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ExportWriteError(message: "cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        self.url = url
        validation = try ConcurrentValidation(schema: ExportValidator.schema(for: .export))
        buffer.reserveCapacity(Self.bufferSize)
        writer = try XMLStreamWriter(indent: true) { [unowned self] chunk in
            self.buffer.append(contentsOf: chunk)
            if self.buffer.count >= Self.bufferSize { try self.drain() }
        }
        do {
            try writeHeader(header, kinds: kinds)
        } catch {
            abandon()  // ends the validator's input, so its thread finishes
            throw error
        }
    }

    private func drain() throws {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        try handle.write(contentsOf: buffer)
        validation.feed(buffer)
        bytes += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeHeader(_ header: ExportHeader, kinds: [RecordKind]) throws {
        try writer.startDocument()
        try writer.startElement("exportBatch", namespace: ExportLayout.namespace)
        try writer.attribute("schemaVersion", ExportLayout.schemaVersion)
        if header.test { try writer.attribute("test", "true") }
        try writer.startElement("header")
        try writer.element("messageId", text: header.messageId)
        try writer.element("createdAt", text: header.createdAt)
        try writer.startElement("producer")
        try writer.element("name", text: "hotich")
        try writer.element("version", text: header.producerVersion)
        try writer.endElement()
        try writer.startElement("sender")
        try writer.element("office", text: header.office.value)
        if let name = header.officeName { try writer.element("name", text: name) }
        try writer.endElement()
        try writer.startElement("package")
        try writer.element("packageId", text: header.packageId)
        try writer.element("batch", text: header.batchID)
        try writer.endElement()
        try writer.startElement("codeLists")
        for list in Self.codeLists(of: kinds) {
            try writer.element("list", text: "", attributes: [("id", list.id), ("version", list.version)])
        }
        try writer.endElement()
        try writer.endElement()
        try writer.startElement("records")
    }

    /// The code lists the fields of `kinds` use, by id.
    static func codeLists(of kinds: [RecordKind]) -> [CodeList] {
        var lists: [String: CodeList] = [:]
        for kind in kinds {
            for field in FieldCatalog.fields(for: kind) {
                if let list = field.codeList { lists[list.id] = list }
            }
        }
        return lists.values.sorted { $0.id < $1.id }
    }

    /// Writes one record as the next entry.
    public func write(_ record: ExportRecord) throws {
        entries += 1
        counts[record.kind, default: 0] += 1
        try writer.startElement("entry")
        try writer.attribute("seq", String(entries))
        try writer.startElement(ExportLayout.elementName(for: record.kind))
        try writer.element("recordId", text: record.id)
        try writer.element("recordVersion", text: String(record.version))
        if let supersedes = record.supersedes {
            try writer.startElement("supersedes")
            try writer.element("recordVersion", text: String(supersedes.version))
            try writer.element("reason", text: supersedes.reason)
            for field in supersedes.changedFields { try writer.element("changedField", text: field) }
            try writer.endElement()
        }
        try writeProvenance(record.provenance)
        for (group, fields) in ExportLayout.groups(for: record.kind) {
            guard fields.contains(where: { record.fields[$0.key] != nil }) else { continue }
            try writer.startElement(group.rawValue)
            for field in fields {
                guard let value = record.fields[field.key] else { continue }
                try writeField(field, value)
            }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()
        if buffer.count >= Self.bufferSize { try drain() }
    }

    /// Writes a withdrawal of a record version sent before, as the next entry.
    public func writeWithdrawal(recordId: String, version: Int, reason: String) throws {
        entries += 1
        withdrawals += 1
        try writer.startElement("entry")
        try writer.attribute("seq", String(entries))
        try writer.startElement("withdrawal")
        try writer.element("recordId", text: recordId)
        try writer.element("recordVersion", text: String(version))
        try writer.element("reason", text: reason)
        try writer.endElement()
        try writer.endElement()
    }

    private func writeProvenance(_ provenance: ExportProvenance) throws {
        try writer.startElement("provenance")
        try writer.element("office", text: provenance.book.office.value)
        try writer.element("bookKind", text: provenance.book.kind.code)
        try writer.element("yearOpened", text: String(provenance.book.year))
        try writer.element("volume", text: String(provenance.book.volume))
        if let page = provenance.page { try writer.element("page", text: page) }
        if let number = provenance.number { try writer.element("number", text: number) }
        if let scan = provenance.scan {
            try writer.startElement("scan")
            try writer.element("path", text: scan.path)
            try writer.element("bytes", text: String(scan.bytes))
            try writer.element("sha256", text: scan.sha256)
            try writer.endElement()
        }
        for keying in provenance.keyings {
            try writer.element("keying", text: "", attributes: [("pass", String(keying.pass)), ("by", keying.by), ("at", keying.at)])
        }
        try writer.element("verification", text: "", attributes: [
            ("policy", provenance.policy.rawValue), ("by", provenance.verifiedBy), ("at", provenance.verifiedAt),
        ])
        try writer.endElement()
    }

    /// One field in its state: the text as written, and for dates, times and codes what it means.
    private func writeField(_ field: FieldDefinition, _ value: FieldValue) throws {
        try writer.startElement(field.key)
        // `filled` is the schema's default: most fields need no @state (a tenth fewer bytes per file).
        if case .filled = value {} else { try writer.attribute("state", value.state) }
        guard let text = value.text else { return try writer.endElement() }
        switch field.type {
        case .date:
            if let date = PartialDate(text) {
                if date.isImpossible {
                    try writer.attribute("impossible", "true")
                    if let month = date.month {
                        try writer.element("ym", text: "\(date.year)-\(month < 10 ? "0" : "")\(month)")
                    } else {
                        try writer.element("y", text: String(date.year))
                    }
                } else {
                    let element = switch date.precision {
                    case .full: "ymd"
                    case .yearMonth: "ym"
                    case .year: "y"
                    }
                    try writer.element(element, text: date.iso)
                }
            }
            try writer.element("asWritten", text: text)
        case .time:
            try writer.attribute("asWritten", text)
            if let time = TimeOfDay(text) { try writer.text(time.canonical) }
        case .code(let list):
            if let entry = list.entry(matching: text) {
                try writer.attribute("code", entry.code)
                try writer.attribute("list", list.id)
                try writer.attribute("listVersion", list.version)
            }
            try writer.text(text)
        case .text, .personName, .personalID, .documentNumber, .registrationNumber, .volume, .page:
            try writer.text(text)
        }
        try writer.endElement()
    }

    /// Writes the summary, closes the document and flushes the file to disk.
    /// - Returns: the file's size and SHA-256, what it holds, and what validation found.
    public func finish() throws -> WrittenFile {
        try writer.endElement()  // records
        try writer.startElement("summary")
        try writer.element("entries", text: String(entries))
        for kind in RecordKind.allCases {
            guard let count = counts[kind] else { continue }
            try writer.element("count", text: "", attributes: [("kind", kind.code), ("count", String(count))])
        }
        try writer.element("withdrawals", text: String(withdrawals))
        try writer.endElement()
        try writer.endDocument()
        writer = nil
        try drain()
        try handle.synchronize()
        try handle.close()
        let digest = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let report = validation.finish(file: url, bytes: bytes)
        return WrittenFile(bytes: bytes, sha256: digest, entries: entries, counts: counts, validation: report)
    }

    /// Closes the file without finishing it (after a failure); the caller removes it.
    public func abandon() {
        writer = nil
        try? handle.close()
        _ = validation.finish(file: url, bytes: bytes)
    }
}

/// Validation on a second thread of the bytes a writer produces, fed through a pipe.
final class ConcurrentValidation: @unchecked Sendable {
    private let readEnd: Int32
    private var writeEnd: Int32
    private let checks = DocumentChecks(document: .export, packageFolder: nil)
    private var outcome: XMLValidation.Outcome?
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(schema: XMLSchema) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ExportWriteError(message: "cannot open a pipe to the validator") }
        readEnd = ends[0]
        writeEnd = ends[1]
        let thread = Thread { [self] in
            outcome = XMLValidation.validate(descriptor: readEnd, schema: schema, handler: checks)
            // A document that stopped early: read the rest so the writer never blocks or breaks the pipe.
            var sink = [UInt8](repeating: 0, count: 65_536)
            while read(readEnd, &sink, sink.count) > 0 {}
            close(readEnd)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Hands bytes to the validator (blocking while it catches up).
    func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, writeEnd >= 0 {
                let count = write(writeEnd, raw.baseAddress! + offset, raw.count - offset)
                if count > 0 { offset += count } else if errno != EINTR { break }
            }
        }
    }

    /// Ends the input and waits for the verdict.
    func finish(file: URL, bytes: Int64) -> ValidationReport {
        if !finished {
            finished = true
            close(writeEnd)
            writeEnd = -1
            done.wait()
        }
        let outcome = outcome ?? XMLValidation.Outcome(
            problems: [XMLProblem(line: 0, message: "the validator did not finish")], problemCount: 1, wellFormed: false)
        let extra = outcome.wellFormed ? checks.finish(file: file) : []
        return ValidationReport(
            document: .export, problems: outcome.problems + extra, problemCount: outcome.problemCount + extra.count,
            items: checks.items, bytes: bytes)
    }

    deinit {
        // Reached only once the validation thread has ended (it holds this object while it runs).
        if !finished { close(writeEnd) }
    }
}

/// A failure writing an export file (the disk, or libxml2 refusing what it was given).
public struct ExportWriteError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
