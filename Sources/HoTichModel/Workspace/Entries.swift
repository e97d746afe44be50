// Records as the checks and the export read them: only what each needs, without the rest of the row.

/// A record of the workspace that may be the same event as another: what duplicate and personal
/// ID checks compare.
public struct RecordCandidate: Sendable, Equatable {
    public let id: String
    public let batchId: String
    public let number: String?
    public let kind: RecordKind
    public let fields: [String: FieldValue]

    public init(id: String, batchId: String, number: String?, kind: RecordKind, fields: [String: FieldValue]) {
        self.id = id
        self.batchId = batchId
        self.number = number
        self.kind = kind
        self.fields = fields
    }

    /// The event it registers, for ``DuplicateMatching``.
    public var event: RegisteredEvent { RegisteredEvent(id: id, kind: kind, fields: fields) }
}

/// A numbered entry of one registration year, with where it stands in its book: what the
/// register-sequence check reads.
public struct NumberedEntry: Sendable, Equatable {
    public let id: String
    public let batchId: String
    public let number: String
    /// The volume of the book it was found in.
    public let volume: Int
    public let registered: FieldValue?
    public let page: FieldValue?

    public init(id: String, batchId: String, number: String, volume: Int, registered: FieldValue?, page: FieldValue?) {
        self.id = id
        self.batchId = batchId
        self.number = number
        self.volume = volume
        self.registered = registered
        self.page = page
    }
}

/// An open decision with what a verifier needs beside it: the record's number and current values,
/// its scan, and whether the verifier keyed it.
public struct DecisionContext: Sendable, Equatable {
    public let decision: FieldDecision
    public let number: String?
    public let recordFields: [String: FieldValue]
    public let filePath: String?
    public let keyedByAskingUser: Bool

    public init(decision: FieldDecision, number: String?, recordFields: [String: FieldValue], filePath: String?, keyedByAskingUser: Bool) {
        self.decision = decision
        self.number = number
        self.recordFields = recordFields
        self.filePath = filePath
        self.keyedByAskingUser = keyedByAskingUser
    }
}

/// A record as the export delivers it: its current values with where they came from — its scan,
/// who keyed each pass and when, who verified it.
public struct DeliverableRecord: Sendable, Equatable {
    /// The scan file the entry was keyed from.
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

    /// One completed pass.
    public struct Pass: Sendable, Equatable {
        public let pass: Int
        public let by: String
        public let at: String

        public init(pass: Int, by: String, at: String) {
            self.pass = pass
            self.by = by
            self.at = at
        }
    }

    public let id: String
    public let batchId: String
    public let version: Int
    public let number: String?
    public let fields: [String: FieldValue]
    public let verifiedAt: String?
    public let verifiedBy: String?
    public let scan: Scan?
    /// The completed passes, in pass order.
    public let passes: [Pass]

    public init(
        id: String, batchId: String, version: Int, number: String?, fields: [String: FieldValue], verifiedAt: String?,
        verifiedBy: String?, scan: Scan?, passes: [Pass]
    ) {
        self.id = id
        self.batchId = batchId
        self.version = version
        self.number = number
        self.fields = fields
        self.verifiedAt = verifiedAt
        self.verifiedBy = verifiedBy
        self.scan = scan
        self.passes = passes
    }
}

/// An export package as its log keeps it.
public struct ExportPackage: Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// Being written (or interrupted while it was).
        case writing
        case complete
        case failed
    }

    public let id: String
    public let state: State
    /// Where the finished package folder is (or was to be).
    public let folder: String
    public let createdAt: String
    public let createdBy: String

    public init(id: String, state: State, folder: String, createdAt: String, createdBy: String) {
        self.id = id
        self.state = state
        self.folder = folder
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A batch's file in an export package, with what it was once written.
public struct PackageBatch: Sendable, Equatable {
    public let packageId: String
    public let batchId: String
    public let file: String
    public let bytes: Int64?
    public let sha256: String?
    public let records: Int?

    public init(packageId: String, batchId: String, file: String, bytes: Int64?, sha256: String?, records: Int?) {
        self.packageId = packageId
        self.batchId = batchId
        self.file = file
        self.bytes = bytes
        self.sha256 = sha256
        self.records = records
    }
}

/// Who holds an entry's keying of one pass, and how far it is: what an import checks each row
/// against without reading any values.
public struct KeyingSlot: Sendable, Equatable {
    public let keyingId: Int64?
    public let entryKey: String
    public let pass: Int
    public let `operator`: String
    public let state: KeyingState

    public init(keyingId: Int64?, entryKey: String, pass: Int, operator: String, state: KeyingState) {
        self.keyingId = keyingId
        self.entryKey = entryKey
        self.pass = pass
        self.operator = `operator`
        self.state = state
    }
}
