public import HoTichModel

/// The header of an export file: who sends what, when, with which code lists.
public struct ExportHeader: Sendable {
    public var messageId: String
    public var createdAt: String
    public var producerVersion: String
    public var office: OfficeCode
    public var officeName: String?
    public var packageId: String
    public var batchID: String
    public var test: Bool
    /// The batch's scans that hold no register entry, in path order.
    public var pagesNotEntries: [PageNotEntry]

    /// A scan that holds no register entry: the file, what it is, who said so, when and why.
    public struct PageNotEntry: Sendable, Equatable {
        public let scan: ExportProvenance.Scan
        public let kind: NonEntryKind
        public let reason: String
        public let by: String
        public let at: String

        public init(scan: ExportProvenance.Scan, kind: NonEntryKind, reason: String, by: String, at: String) {
            self.scan = scan
            self.kind = kind
            self.reason = reason
            self.by = by
            self.at = at
        }
    }

    public init(
        messageId: String, createdAt: String, producerVersion: String, office: OfficeCode, officeName: String?,
        packageId: String, batchID: String, test: Bool = false, pagesNotEntries: [PageNotEntry] = []
    ) {
        self.messageId = messageId
        self.createdAt = createdAt
        self.producerVersion = producerVersion
        self.office = office
        self.officeName = officeName
        self.packageId = packageId
        self.batchID = batchID
        self.test = test
        self.pagesNotEntries = pagesNotEntries
    }
}

/// Where a record comes from: the register entry, the scan, who keyed and verified it and how.
public struct ExportProvenance: Sendable {
    public struct Scan: Sendable, Equatable {
        public let path: String
        public let bytes: Int64
        public let sha256: String

        public init(path: String, bytes: Int64, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public struct Keying: Sendable {
        public let pass: Int
        public let by: String
        public let at: String

        public init(pass: Int, by: String, at: String) {
            self.pass = pass
            self.by = by
            self.at = at
        }
    }

    public let book: BookIdentity
    public let page: String?
    public let number: String?
    public let scan: Scan?
    public let keyings: [Keying]
    public let policy: VerificationPolicy
    public let verifiedBy: String
    public let verifiedAt: String

    public init(
        book: BookIdentity, page: String?, number: String?, scan: Scan?, keyings: [Keying],
        policy: VerificationPolicy, verifiedBy: String, verifiedAt: String
    ) {
        self.book = book
        self.page = page
        self.number = number
        self.scan = scan
        self.keyings = keyings
        self.policy = policy
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
    }
}

/// One record version as the export writes it.
public struct ExportRecord: Sendable {
    /// What a corrected version replaces: the version sent before, why, and which fields changed.
    public struct Supersedes: Sendable {
        public let version: Int
        public let reason: String
        public let changedFields: [String]

        public init(version: Int, reason: String, changedFields: [String]) {
            self.version = version
            self.reason = reason
            self.changedFields = changedFields
        }
    }

    public let id: String
    public let version: Int
    public let kind: RecordKind
    public let fields: [String: FieldValue]
    public let provenance: ExportProvenance
    public let supersedes: Supersedes?

    public init(
        id: String, version: Int, kind: RecordKind, fields: [String: FieldValue], provenance: ExportProvenance,
        supersedes: Supersedes? = nil
    ) {
        self.id = id
        self.version = version
        self.kind = kind
        self.fields = fields
        self.provenance = provenance
        self.supersedes = supersedes
    }
}

/// What was written to one file: its size, hash and counts, and what validating its bytes found.
public struct WrittenFile: Sendable {
    public let bytes: Int64
    public let sha256: String
    public let entries: Int
    public let counts: [RecordKind: Int]
    public let validation: ValidationReport
}
