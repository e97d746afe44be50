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
    /// Bytes gathered before they are hashed, written and handed to the validator: a quarter of
    /// the pipe, so the writer can run ahead of the validator by several buffers.
    private static let bufferSize = 1 << 18
    private let url: URL
    private let validation: ConcurrentValidation
    /// The markup of the entry being written, reused from one record to the next.
    private var markup = XMLMarkup()
    /// The values of the entry being written, by position in its kind's catalog.
    private var slots: [FieldValue?] = []
    /// Places resolved to administrative-unit codes, remembered across records.
    private let places: PlaceCoder

    /// Creates (or truncates) the file at `url` and writes the header.
    public init(url: URL, header: ExportHeader, kinds: [RecordKind]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ExportWriteError(message: "cannot create \(url.path)", path: url.path)
        }
        handle = try FileHandle(forWritingTo: url)
        self.url = url
        do {
            places = try PlaceCoder(catalog: AdministrativeUnitCatalog.bundled())
        } catch {
            try? handle.close()
            throw ExportWriteError(message: "the administrative-unit catalog cannot be read (\(error))", path: url.path)
        }
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
        if !header.pagesNotEntries.isEmpty {
            try writer.startElement("pagesNotEntries")
            for page in header.pagesNotEntries {
                try writer.startElement("page")
                try writer.attribute("kind", page.kind.rawValue)
                try writer.attribute("by", page.by)
                try writer.attribute("at", page.at)
                try writer.element("path", text: page.scan.path)
                try writer.element("bytes", text: String(page.scan.bytes))
                try writer.element("sha256", text: page.scan.sha256)
                try writer.element("reason", text: page.reason)
                try writer.endElement()
            }
            try writer.endElement()
        }
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
                if field.type == .place {
                    for list in PlaceAttributes.codeLists { lists[list.id] = list }
                }
            }
        }
        return lists.values.sorted { $0.id < $1.id }
    }

    /// Writes one record as the next entry.
    ///
    /// The entry's markup is built as bytes (``XMLMarkup``, escaped and indented as libxml2's writer
    /// would) and handed to the writer in one call: a record has some sixty elements, and one libxml2
    /// call per element, attribute and text was most of the export's time.
    public func write(_ record: ExportRecord) throws {
        entries += 1
        counts[record.kind, default: 0] += 1
        let layout = EntryLayout.of(record.kind)
        markup.removeAll()
        markup.open(Names.entry, depth: 2, attributes: [(Names.seq, String(entries))])
        markup.open(layout.element, depth: 3)
        markup.element(Names.recordId, depth: 4, text: record.id)
        markup.element(Names.recordVersion, depth: 4, text: String(record.version))
        if let supersedes = record.supersedes {
            markup.open(Names.supersedes, depth: 4)
            markup.element(Names.recordVersion, depth: 5, text: String(supersedes.version))
            markup.element(Names.reason, depth: 5, text: supersedes.reason)
            for field in supersedes.changedFields { markup.element(Names.changedField, depth: 5, text: field) }
            markup.close(Names.supersedes, depth: 4)
        }
        writeProvenance(record.provenance)
        // Places are coded as they were on the registration date (else the year the book was opened).
        let registered = record.fields["ngayDangKy"]?.text.flatMap { PartialDate($0) }
            ?? PartialDate(String(record.provenance.book.year))
        // The record's values in catalog order: one lookup per value the record has, not one per
        // field of the catalog (most of which a given record leaves out).
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(nil, count: layout.fieldCount))
        for (key, value) in record.fields {
            if let position = layout.positions[key] { slots[position] = value }
        }
        for group in layout.groups {
            guard group.fields.contains(where: { slots[$0.position] != nil }) else { continue }
            markup.open(group.element, depth: 4)
            for field in group.fields {
                guard let value = slots[field.position] else { continue }
                writeField(field, value, registered: registered)
            }
            markup.close(group.element, depth: 4)
        }
        markup.close(layout.element, depth: 3)
        markup.close(Names.entry, depth: 2)
        try writer.raw(markup.bytes)
        if buffer.count >= Self.bufferSize { try drain() }
    }

    /// Writes a withdrawal of a record version sent before, as the next entry.
    public func writeWithdrawal(recordId: String, version: Int, reason: String) throws {
        entries += 1
        withdrawals += 1
        markup.removeAll()
        markup.open(Names.entry, depth: 2, attributes: [(Names.seq, String(entries))])
        markup.open(Names.withdrawal, depth: 3)
        markup.element(Names.recordId, depth: 4, text: recordId)
        markup.element(Names.recordVersion, depth: 4, text: String(version))
        markup.element(Names.reason, depth: 4, text: reason)
        markup.close(Names.withdrawal, depth: 3)
        markup.close(Names.entry, depth: 2)
        try writer.raw(markup.bytes)
    }

    private func writeProvenance(_ provenance: ExportProvenance) {
        markup.open(Names.provenance, depth: 4)
        markup.element(Names.office, depth: 5, text: provenance.book.office.value)
        markup.element(Names.bookKind, depth: 5, text: provenance.book.kind.code)
        markup.element(Names.yearOpened, depth: 5, text: String(provenance.book.year))
        markup.element(Names.volume, depth: 5, text: String(provenance.book.volume))
        if let page = provenance.page { markup.element(Names.page, depth: 5, text: page) }
        if let number = provenance.number { markup.element(Names.number, depth: 5, text: number) }
        if let scan = provenance.scan {
            markup.open(Names.scan, depth: 5)
            markup.element(Names.path, depth: 6, text: scan.path)
            markup.element(Names.bytes, depth: 6, text: String(scan.bytes))
            markup.element(Names.sha256, depth: 6, text: scan.sha256)
            markup.close(Names.scan, depth: 5)
        }
        for keying in provenance.keyings {
            markup.element(Names.keying, depth: 5, text: "", attributes: [
                (Names.pass, String(keying.pass)), (Names.by, keying.by), (Names.at, keying.at),
            ])
        }
        markup.element(Names.verification, depth: 5, text: "", attributes: [
            (Names.policy, provenance.policy.rawValue), (Names.by, provenance.verifiedBy), (Names.at, provenance.verifiedAt),
        ])
        markup.close(Names.provenance, depth: 4)
    }

    /// One field in its state: the text as written, and for dates, times and codes what it means.
    private func writeField(_ field: EntryLayout.Field, _ value: FieldValue, registered: PartialDate?) {
        // `filled` is the schema's default: most fields need no @state (a tenth fewer bytes per file).
        var attributes: [([UInt8], String)] = []
        if case .filled = value {} else { attributes.append((Names.state, value.state)) }
        guard let text = value.text else {
            return markup.element(field.element, depth: 5, text: "", attributes: attributes)
        }
        switch field.definition.type {
        case .date:
            guard let date = PartialDate(text) else {
                markup.open(field.element, depth: 5, attributes: attributes)
                markup.element(Names.asWritten, depth: 6, text: text)
                return markup.close(field.element, depth: 5)
            }
            if date.isImpossible { attributes.append((Names.impossible, "true")) }
            markup.open(field.element, depth: 5, attributes: attributes)
            if date.isImpossible {
                if let month = date.month {
                    markup.element(Names.ym, depth: 6, text: "\(date.year)-\(month < 10 ? "0" : "")\(month)")
                } else {
                    markup.element(Names.y, depth: 6, text: String(date.year))
                }
            } else {
                let element = switch date.precision {
                case .full: Names.ymd
                case .yearMonth: Names.ym
                case .year: Names.y
                }
                markup.element(element, depth: 6, text: date.iso)
            }
            markup.element(Names.asWritten, depth: 6, text: text)
            markup.close(field.element, depth: 5)
        case .time:
            attributes.append((Names.asWritten, text))
            markup.element(field.element, depth: 5, text: TimeOfDay(text)?.canonical ?? "", attributes: attributes)
        case .code(let list):
            if let entry = list.entry(matching: text) {
                attributes += [(Names.code, entry.code), (Names.list, list.id), (Names.listVersion, list.version)]
            }
            markup.element(field.element, depth: 5, text: text, attributes: attributes)
        case .place:
            attributes += PlaceAttributes.of(places.resolve(text, registered: registered))
            markup.element(field.element, depth: 5, text: text, attributes: attributes)
        case .text, .personName, .personalID, .documentNumber, .registrationNumber, .volume, .page:
            markup.element(field.element, depth: 5, text: text, attributes: attributes)
        }
    }

    /// Writes the summary, closes the document and flushes the file to disk.
    /// - Returns: the file's size and SHA-256, what it holds, and what validation found.
    public func finish() throws -> WrittenFile {
        // Entries were written as markup: the line before `</records>` is theirs to indent too.
        if entries > 0 {
            markup.removeAll()
            markup.newline(depth: 1)
            try writer.raw(markup.bytes)
        }
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

    /// `F_SETPIPE_SZ` (Linux; not exported to Swift by Glibc).
    private static let setPipeSize: Int32 = 1031
    static let pipeCapacity: Int32 = 1 << 20

    init(schema: XMLSchema) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ExportWriteError(message: "cannot open a pipe to the validator") }
        readEnd = ends[0]
        writeEnd = ends[1]
        // The pipe is the slack between the two threads: at its default 64 KiB, each drained
        // buffer made the writer wait for the validator and then the validator for the writer, and
        // the two cores took turns. At 1 MiB (Linux's limit for a process without privileges) the
        // writer fills it with the next buffers while the validator works through the last ones.
        #if os(Linux)
        _ = fcntl(writeEnd, Self.setPipeSize, Self.pipeCapacity)
        #endif
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
    /// The file or folder it was about.
    public let path: String?
    /// The operating system's error number, when the failure was the system's.
    public let errno: Int32?

    public init(message: String, path: String? = nil, errno: Int32? = nil) {
        self.message = message
        self.path = path
        self.errno = errno
    }

    public var description: String { message }
}

/// The element names of export entries as UTF-8, encoded once.
private enum Names {
    static let entry = Array("entry".utf8), seq = Array("seq".utf8), withdrawal = Array("withdrawal".utf8)
    static let recordId = Array("recordId".utf8), recordVersion = Array("recordVersion".utf8)
    static let supersedes = Array("supersedes".utf8), reason = Array("reason".utf8)
    static let changedField = Array("changedField".utf8)
    static let provenance = Array("provenance".utf8), office = Array("office".utf8), bookKind = Array("bookKind".utf8)
    static let yearOpened = Array("yearOpened".utf8), volume = Array("volume".utf8), page = Array("page".utf8)
    static let number = Array("number".utf8), scan = Array("scan".utf8), path = Array("path".utf8)
    static let bytes = Array("bytes".utf8), sha256 = Array("sha256".utf8), keying = Array("keying".utf8)
    static let verification = Array("verification".utf8), pass = Array("pass".utf8), by = Array("by".utf8)
    static let at = Array("at".utf8), policy = Array("policy".utf8), state = Array("state".utf8)
    static let impossible = Array("impossible".utf8), ymd = Array("ymd".utf8), ym = Array("ym".utf8), y = Array("y".utf8)
    static let asWritten = Array("asWritten".utf8), code = Array("code".utf8), list = Array("list".utf8)
    static let listVersion = Array("listVersion".utf8), province = Array("province".utf8)
    static let district = Array("district".utf8), commune = Array("commune".utf8), resolution = Array("resolution".utf8)
    static let successorProvince = Array("successorProvince".utf8), successorCommune = Array("successorCommune".utf8)
    static let successorListVersion = Array("successorListVersion".utf8)
}

/// The attributes a place field carries for its resolution (since 1.4.0; @province since 1.1.0).
enum PlaceAttributes {

    /// The code lists places are coded in, for the header: one per era, as `dvhc`.
    static var codeLists: [CodeList] {
        guard let catalog = try? AdministrativeUnitCatalog.bundled() else { return [] }
        return AdministrativeUnit.Era.allCases.compactMap { era in
            catalog.versions[era].map { CodeList(id: "dvhc.\(era.rawValue)", version: $0, entries: []) }
        }
    }

    /// The codes of the units a place names, with the list they are in and how sure the reading
    /// is; for units of before 2025, the codes of their successors too. An ambiguous place whose
    /// readings share one province gets that province only; an unresolved one gets nothing.
    static func of(_ resolution: PlaceResolution) -> [([UInt8], String)] {
        let confidence = resolution.confidence
        guard let best = resolution.candidates.first else { return [] }
        let era = best.province.era
        let version = resolution.versions[era] ?? ""
        guard confidence >= .probable else {
            guard let province = resolution.sharedProvince else { return [] }
            return [(Names.province, province.code), (Names.list, "dvhc.\(era.rawValue)"), (Names.listVersion, version),
                    (Names.resolution, "province")]
        }
        var attributes: [([UInt8], String)] = [(Names.province, best.province.code)]
        if let district = best.district { attributes.append((Names.district, district.code)) }
        if let commune = best.commune { attributes.append((Names.commune, commune.code)) }
        attributes += [(Names.list, "dvhc.\(era.rawValue)"), (Names.listVersion, version), (Names.resolution, confidence.rawValue)]
        if era == .before2025, let successor = best.successorProvince {
            attributes.append((Names.successorProvince, successor.code))
            if let commune = best.successorCommune { attributes.append((Names.successorCommune, commune.code)) }
            attributes.append((Names.successorListVersion, resolution.versions[.from2025] ?? ""))
        }
        return attributes
    }
}

/// A record kind's element and field groups (``ExportLayout``) with their names as UTF-8.
private struct EntryLayout: Sendable {
    struct Field: Sendable {
        let definition: FieldDefinition
        let element: [UInt8]
        /// Position in the kind's fields, in the order they are written.
        let position: Int
    }

    struct Group: Sendable {
        let element: [UInt8]
        let fields: [Field]
    }

    let element: [UInt8]
    let groups: [Group]
    /// Each field key's position.
    let positions: [String: Int]
    var fieldCount: Int { positions.count }

    static func of(_ kind: RecordKind) -> EntryLayout { layouts[kind.rawIndex] }

    private static let layouts: [EntryLayout] = RecordKind.allCases.map { kind in
        var positions: [String: Int] = [:]
        let groups = ExportLayout.groups(for: kind).map { group, fields in
            Group(element: Array(group.rawValue.utf8), fields: fields.map { field in
                positions[field.key] = positions.count
                return Field(definition: field, element: Array(field.key.utf8), position: positions.count - 1)
            })
        }
        return EntryLayout(element: Array(ExportLayout.elementName(for: kind).utf8), groups: groups, positions: positions)
    }
}

private extension RecordKind {
    /// Position in `allCases`.
    var rawIndex: Int { RecordKind.allCases.firstIndex(of: self) ?? 0 }
}
