import Crypto
public import Foundation
public import HoTichModel
import HoTichXML

/// The manifest of an export package (`manifest.xml`), written last: every file with its role,
/// size and SHA-256, and the totals per record kind.
public enum PackageManifest {
    public static let fileName = "manifest.xml"

    /// One file the manifest lists.
    public struct Entry: Sendable {
        /// What a file of a package holds.
        public enum Role: String, Sendable {
            /// Records: an export file, or the Ministry's spreadsheet of a book.
            case records
            /// The scans of a book's entries (the Ministry's zip of one PDF per entry).
            case scans
        }

        public let path: String
        public let bytes: Int64
        public let sha256: String
        public let records: Int
        public let kind: RecordKind?
        public let role: Role

        public init(path: String, bytes: Int64, sha256: String, records: Int, kind: RecordKind?, role: Role = .records) {
            self.role = role
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
            self.records = records
            self.kind = kind
        }
    }

    /// The signing key's fingerprint a manifest names (`signature/keyFingerprint`), if any.
    public static func signingKey(in manifest: Data) -> String? {
        let text = String(decoding: manifest, as: UTF8.self)
        guard let start = text.range(of: "<keyFingerprint>"), let end = text.range(of: "</keyFingerprint>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// The file paths a manifest lists (`file/path`), as written (a manifest hotich wrote escapes nothing in them).
    public static func paths(in manifest: Data) -> [String] {
        let text = String(decoding: manifest, as: UTF8.self)
        var paths: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<path>"), let end = rest.range(of: "</path>", range: start.upperBound..<rest.endIndex) {
            paths.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return paths
    }

    /// Writes `manifest.xml` into `folder` and flushes it to disk.
    /// - Parameter auditHead: the sender's audit chain head, quoted so that it can be checked
    ///   against later (since 1.6.0).
    /// - Parameter signingKey: the fingerprint of the public key whose private key signs the
    ///   manifest (``PackageSignature``), written in it (since 1.5.0); `nil` for an unsigned package.
    public static func write(
        entries: [Entry], packageID: String, createdAt: String, producerVersion: String,
        office: (OfficeCode, String?), signingKey: String? = nil, auditHead: AuditHead? = nil, to folder: URL
    ) throws {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ExportWriteError(message: "cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        let writer = try XMLStreamWriter(indent: true) { chunk in bytes.append(contentsOf: chunk) }
        try writer.startDocument()
        try writer.startElement("exportManifest", namespace: ExportLayout.namespace)
        try writer.attribute("schemaVersion", ExportLayout.schemaVersion)
        try writer.element("packageId", text: packageID)
        try writer.element("createdAt", text: createdAt)
        try writer.startElement("producer")
        try writer.element("name", text: "hotich")
        try writer.element("version", text: producerVersion)
        try writer.endElement()
        try writer.startElement("sender")
        try writer.element("office", text: office.0.value)
        if let name = office.1 { try writer.element("name", text: name) }
        try writer.endElement()
        var totals: [RecordKind: Int] = [:]
        for entry in entries {
            try writer.startElement("file")
            try writer.element("path", text: entry.path)
            try writer.element("role", text: entry.role.rawValue)
            try writer.element("bytes", text: String(entry.bytes))
            try writer.element("sha256", text: entry.sha256)
            try writer.element("records", text: String(entry.records))
            try writer.endElement()
            if let kind = entry.kind, entry.role == .records { totals[kind, default: 0] += entry.records }
        }
        try writer.startElement("totals")
        for kind in RecordKind.allCases {
            guard let count = totals[kind] else { continue }
            try writer.element("count", text: "", attributes: [("kind", kind.code), ("count", String(count))])
        }
        try writer.endElement()
        if let auditHead, auditHead.events > 0 {
            try writer.startElement("auditHead")
            try writer.element("events", text: String(auditHead.events))
            try writer.element("hash", text: auditHead.hash)
            try writer.endElement()
        }
        if let signingKey {
            try writer.startElement("signature")
            try writer.element("algorithm", text: "Ed25519")
            try writer.element("keyFingerprint", text: signingKey)
            try writer.element("file", text: PackageSignature.fileName)
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endDocument()
        try handle.write(contentsOf: bytes)
        try handle.synchronize()
    }
}

/// Making renames durable: a directory's entries reach the disk only when the directory is synced.
public enum Durability {
    /// Flushes `folder`'s entries (new files, renames) to disk.
    public static func synchronizeDirectory(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw ExportWriteError(message: "cannot open \(folder.path) to flush it", path: folder.path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ExportWriteError(message: "cannot flush \(folder.path) to disk", path: folder.path, errno: errno) }
    }
}
