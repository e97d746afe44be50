// Values that summarise a workspace for lists and reports, as its store answers them.

/// A batch with the book it belongs to, as lists show it.
public struct BatchSummary: Sendable, Equatable {
    public let batch: Batch
    public let book: BookIdentity
    /// Issues accepted with the batch.
    public let issueCount: Int

    public init(batch: Batch, book: BookIdentity, issueCount: Int) {
        self.batch = batch
        self.book = book
        self.issueCount = issueCount
    }
}

/// One line of `status`: how many batches and files one office has in one state.
public struct StatusLine: Sendable, Equatable {
    public let office: OfficeCode
    public let state: BatchState
    public let batches: Int
    public let files: Int
    public let bytes: Int64

    public init(office: OfficeCode, state: BatchState, batches: Int, files: Int, bytes: Int64) {
        self.office = office
        self.state = state
        self.batches = batches
        self.files = files
        self.bytes = bytes
    }
}

/// One person's accuracy, in the manner of census data-entry verification: fields keyed and the
/// fields a verifier found wrong (keyer errors), and for verifiers, the fields they decided.
public struct OperatorErrorRate: Sendable, Equatable {
    public let name: String
    /// Fields in the person's completed keyings.
    public let fieldsKeyed: Int
    /// Keyed fields a verifier's decision found wrong.
    public let errors: Int
    /// Fields this person decided as verifier (conflicts, corrections, review and sample fixes).
    public let decisions: Int
    /// Of those, fields where the verifier took neither keyed value (read from the image).
    public let typedFromImage: Int

    public init(name: String, fieldsKeyed: Int, errors: Int, decisions: Int, typedFromImage: Int) {
        self.name = name
        self.fieldsKeyed = fieldsKeyed
        self.errors = errors
        self.decisions = decisions
        self.typedFromImage = typedFromImage
    }

    /// Keyer errors per 1 000 fields keyed.
    public var errorsPerThousand: Double {
        fieldsKeyed == 0 ? 0 : Double(errors) * 1_000 / Double(fieldsKeyed)
    }
}

/// Exported record versions by what the receiving system said of them.
public struct ExportStatus: Sendable, Equatable {
    public let exported: Int
    public let accepted: Int
    public let rejected: Int
    public var awaiting: Int { exported - accepted - rejected }

    public init(exported: Int, accepted: Int, rejected: Int) {
        self.exported = exported
        self.accepted = accepted
        self.rejected = rejected
    }
}

/// A scan file of a batch marked as holding no register entry, as `batch show` lists it.
public struct NonEntryFile: Sendable, Equatable {
    public let path: String
    public let mark: NonEntryMark

    public init(path: String, mark: NonEntryMark) {
        self.path = path
        self.mark = mark
    }
}

