import Crypto
public import Foundation
public import HoTichModel
import HoTichXML

/// Writes one export file (`exportBatch`) forward, record by record, with libxml2's streaming
/// writer: the bytes are hashed as they are written, nothing is held in memory but a buffer, and
/// ``finish()`` flushes the file to disk before it reports its size and SHA-256.
///
/// The writer only writes; whoever calls it decides the file's name, validates it and renames it
/// into place.
public final class ExportFileWriter {
    private let handle: FileHandle
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private var bytes: Int64 = 0
    private var writer: XMLStreamWriter!
    private var sinkError: (any Error)?
    private var entries = 0
    private var counts: [RecordKind: Int] = [:]
    private static let bufferSize = 1 << 20

    /// Creates (or truncates) the file at `url` and writes the header.
    public init(url: URL, header: ExportHeader, kinds: [RecordKind]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ExportWriteError(message: "cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.bufferSize)
        writer = try XMLStreamWriter(indent: true) { [unowned self] chunk in
            self.buffer.append(contentsOf: chunk)
            if self.buffer.count >= Self.bufferSize { try self.drain() }
        }
        try writeHeader(header, kinds: kinds)
    }

    private func drain() throws {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        try handle.write(contentsOf: buffer)
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
        try writer.attribute("state", value.state)
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
    /// - Returns: the file's size and SHA-256 and what it holds.
    public func finish() throws -> WrittenFile {
        try writer.endElement()  // records
        try writer.startElement("summary")
        try writer.element("entries", text: String(entries))
        for kind in RecordKind.allCases {
            guard let count = counts[kind] else { continue }
            try writer.element("count", text: "", attributes: [("kind", kind.code), ("count", String(count))])
        }
        try writer.element("withdrawals", text: "0")
        try writer.endElement()
        try writer.endDocument()
        writer = nil
        try drain()
        try handle.synchronize()
        try handle.close()
        let digest = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return WrittenFile(bytes: bytes, sha256: digest, entries: entries, counts: counts)
    }

    /// Closes the file without finishing it (after a failure); the caller removes it.
    public func abandon() {
        writer = nil
        try? handle.close()
    }
}

/// A failure writing an export file (the disk, or libxml2 refusing what it was given).
public struct ExportWriteError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
