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


/// How far the keying of a batch has come.
public struct KeyingProgress: Sendable, Equatable {
    /// Records created (an entry keyed at least once).
    public let records: Int
    /// Of those, records keyed from a spreadsheet row that matches no scan file.
    public let recordsWithoutFile: Int
    /// Scan files with a completed keying, per pass (index 0 is pass 1).
    public let filesKeyed: [Int]
    /// Keyings in progress (drafts).
    public let drafts: Int
    /// Files to key: usable scans not marked as holding no entry.
    public let keyableFiles: Int
    /// Files marked as holding no entry (cover, blank page, …).
    public let filesNotEntries: Int

    public init(records: Int, recordsWithoutFile: Int, filesKeyed: [Int], drafts: Int, keyableFiles: Int, filesNotEntries: Int) {
        self.records = records
        self.recordsWithoutFile = recordsWithoutFile
        self.filesKeyed = filesKeyed
        self.drafts = drafts
        self.keyableFiles = keyableFiles
        self.filesNotEntries = filesNotEntries
    }
}

/// How far the verification of a batch has come, and what still stands in its way.
public struct VerificationProgress: Sendable, Equatable {
    public let records: Int
    public let verified: Int
    /// Disagreements between the two passes not yet arbitrated.
    public let conflictsOpen: Int
    /// Values both passes agree on that a keyer marked uncertain, not yet confirmed against the image.
    public let doubtsOpen: Int
    /// Fields with an error a verifier has still to correct against the image.
    public let correctionsOpen: Int
    /// Error-level findings (they block verification until the value changes).
    public let errors: Int
    public let warnings: Int
    public let warningsUnacknowledged: Int
    public let duplicatesUndecided: Int
    /// Open findings by code, for the batch page.
    public let findingsByCode: [FindingCode: Int]
    /// The batch's latest acceptance sample, when its policy is `sample`.
    public let sample: SampleDraw?

    public init(
        records: Int, verified: Int, conflictsOpen: Int, doubtsOpen: Int, correctionsOpen: Int, errors: Int, warnings: Int,
        warningsUnacknowledged: Int, duplicatesUndecided: Int, findingsByCode: [FindingCode: Int], sample: SampleDraw?
    ) {
        self.records = records
        self.verified = verified
        self.conflictsOpen = conflictsOpen
        self.doubtsOpen = doubtsOpen
        self.correctionsOpen = correctionsOpen
        self.errors = errors
        self.warnings = warnings
        self.warningsUnacknowledged = warningsUnacknowledged
        self.duplicatesUndecided = duplicatesUndecided
        self.findingsByCode = findingsByCode
        self.sample = sample
    }

    /// Whether nothing stands between the batch and `verified`.
    public var isComplete: Bool {
        records > 0 && verified == records && conflictsOpen == 0 && doubtsOpen == 0 && correctionsOpen == 0 && errors == 0
            && warningsUnacknowledged == 0 && duplicatesUndecided == 0
    }
}

/// A possible duplicate as a supervisor sees it: the two entries by batch and number.
public struct DuplicateCandidate: Sendable, Equatable {
    public let flag: DuplicateFlag
    public let number: String?
    public let otherBatch: String
    public let otherNumber: String?

    public init(flag: DuplicateFlag, number: String?, otherBatch: String, otherNumber: String?) {
        self.flag = flag
        self.number = number
        self.otherBatch = otherBatch
        self.otherNumber = otherNumber
    }
}

/// A record whose field changed after it was exported, or that was withdrawn: one line of the
/// corrections log.
public struct RecordChange: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case correction, withdrawal
    }

    public var recordId: String
    public var kind: Kind
    /// The version the change makes (a correction), or the version withdrawn.
    public var version: Int
    /// The field corrected; none for a withdrawal.
    public var field: String?
    public var reason: String
    public var by: String
    public var at: String

    public init(recordId: String, kind: Kind, version: Int, field: String?, reason: String, by: String, at: String) {
        self.recordId = recordId
        self.kind = kind
        self.version = version
        self.field = field
        self.reason = reason
        self.by = by
        self.at = at
    }
}
