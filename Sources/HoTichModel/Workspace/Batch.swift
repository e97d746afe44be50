/// Where the files of a batch came from.
public enum SourceKind: String, Codable, Sendable {
    case folder, zip
}

/// A scan batch: the files of one book (or part of one) received together.
public struct Batch: Codable, Sendable, Equatable {
    public var id: String
    public var bookId: Int64
    public var sequence: Int
    public var policy: VerificationPolicy
    public var state: BatchState
    public var heldFrom: BatchState?
    /// The folder or zip the supervisor named, as an absolute path.
    public var sourcePath: String
    public var sourceKind: SourceKind
    /// The folder the files live in now: the source folder itself, or where a zip was unpacked.
    public var storedRoot: String
    public var fileCount: Int
    public var totalBytes: Int64
    /// SHA-256 over the sorted manifest; the same content received twice has the same digest.
    public var contentDigest: String
    public var receivedAt: String
    public var receivedBy: String
    public var updatedAt: String

    public init(
        id: String, bookId: Int64, sequence: Int, policy: VerificationPolicy, state: BatchState,
        heldFrom: BatchState?, sourcePath: String, sourceKind: SourceKind, storedRoot: String,
        fileCount: Int, totalBytes: Int64, contentDigest: String, receivedAt: String, receivedBy: String,
        updatedAt: String
    ) {
        self.id = id
        self.bookId = bookId
        self.sequence = sequence
        self.policy = policy
        self.state = state
        self.heldFrom = heldFrom
        self.sourcePath = sourcePath
        self.sourceKind = sourceKind
        self.storedRoot = storedRoot
        self.fileCount = fileCount
        self.totalBytes = totalBytes
        self.contentDigest = contentDigest
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
        self.updatedAt = updatedAt
    }

    /// BagIt's Payload-Oxum, `bytes.count`, for a quick completeness check before hashing.
    public var payloadOxum: String { "\(totalBytes).\(fileCount)" }
}

/// One file of a batch's manifest.
public struct ScanFile: Codable, Sendable, Equatable {
    public var id: Int64?
    public var batchId: String
    /// The path relative to the batch's stored root, with `/` separators.
    public var path: String
    public var bytes: Int64
    public var sha256: String
    public var format: ScanFormat?
    /// Whether the file can be keyed (a recognised, non-empty, non-duplicate scan).
    public var usable: Bool
    /// The entry number stated by a conventional file name.
    public var nameNumber: String?
    /// The registration date stated by a conventional file name (`dd.mm.yyyy`).
    public var nameDate: String?

    public init(
        id: Int64?, batchId: String, path: String, bytes: Int64, sha256: String, format: ScanFormat?,
        usable: Bool, nameNumber: String?, nameDate: String?
    ) {
        self.id = id
        self.batchId = batchId
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.format = format
        self.usable = usable
        self.nameNumber = nameNumber
        self.nameDate = nameDate
    }
}

/// A scan file marked as holding no register entry (a cover, a blank page, …), with who said so
/// and why; cleared (not deleted) when a supervisor finds it is an entry after all.
public struct NonEntryMark: Codable, Sendable, Equatable {
    public var id: Int64?
    public var scanFileId: Int64
    public var batchId: String
    public var kind: NonEntryKind
    public var reason: String
    public var markedBy: String
    public var markedAt: String
    public var clearedBy: String?
    public var clearedAt: String?
    public var clearReason: String?

    public init(scanFileId: Int64, batchId: String, kind: NonEntryKind, reason: String, by user: String, at time: String) {
        self.scanFileId = scanFileId
        self.batchId = batchId
        self.kind = kind
        self.reason = reason
        markedBy = user
        markedAt = time
    }

    /// Whether the mark is in force (not cleared).
    public var inForce: Bool { clearedAt == nil }
}
