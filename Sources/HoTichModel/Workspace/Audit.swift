/// What an audit event records having happened. Stored as its stable string; an event written by
/// a newer hotich with an action this one does not know reads as ``other(_:)``.
public enum AuditAction: Sendable, Hashable, Codable {
    // Workspace and people.
    case initialize, userAdd, compact
    /// A user's operating-system account bound or changed; a passphrase set.
    case userLogin, userPassphrase
    // Batches.
    case receive, checkFiles, transition(BatchAction), policyChanged
    case fileNotAnEntry, fileEntryAgain, releaseClaim
    // Keying.
    case key, importFile
    /// A book keyed in an earlier round taken in from the Ministry's spreadsheet (`batch adopt`).
    case adopt
    // Verification.
    case verify, recordVerified, recordReopened, recordReturned, recordReviewed
    case fieldDecided, warningAcknowledged, duplicateDecided
    case sampleDrawn, sampleRecordChecked, sampleAccepted
    // Export and after.
    case exportAgain, exportCorrections, receipt, recordCorrected, recordWithdrawn
    // Plans and reports.
    case planSet, calendarSet, calendarCleared, progressRebuilt
    // Finding records: a search (how many results, never the terms), a record's story shown.
    case search, recordViewed, searchIndexRebuilt
    /// Content written without an event of its own (maintenance, a schema upgrade) sealed into the chain.
    case contentSealed
    /// A backup made of the workspace; the workspace restored from one (its scans moved in).
    case backup, restore
    /// The application's database role was given its rights (a PostgreSQL workspace).
    case storeGrant
    /// A district's workspace copied into this (province) database (`hotich store copy`); in the
    /// district's own trail, that it was copied.
    case storeCopy
    /// An action this version does not know (written by a newer one).
    case other(String)

    /// The stable string stored in the trail (and hashed into its chain).
    public var rawValue: String {
        switch self {
        case .initialize: "init"
        case .userAdd: "user-add"
        case .userLogin: "user-login"
        case .userPassphrase: "user-passphrase"
        case .compact: "compact"
        case .receive: "receive"
        case .checkFiles: "check-files"
        case .transition(let action): action.rawValue
        case .policyChanged: "policy-changed"
        case .fileNotAnEntry: "file-not-an-entry"
        case .fileEntryAgain: "file-entry-again"
        case .releaseClaim: "release-claim"
        case .key: "key"
        case .importFile: "import"
        case .adopt: "adopt"
        case .verify: "verify"
        case .recordVerified: "record-verified"
        case .recordReopened: "record-reopened"
        case .recordReturned: "record-returned"
        case .recordReviewed: "record-reviewed"
        case .fieldDecided: "field-decided"
        case .warningAcknowledged: "warning-acknowledged"
        case .duplicateDecided: "duplicate-decided"
        case .sampleDrawn: "sample-drawn"
        case .sampleRecordChecked: "sample-record-checked"
        case .sampleAccepted: "sample-accepted"
        case .exportAgain: "export-again"
        case .exportCorrections: "export-corrections"
        case .receipt: "receipt"
        case .recordCorrected: "record-corrected"
        case .recordWithdrawn: "record-withdrawn"
        case .planSet: "plan-set"
        case .calendarSet: "calendar-set"
        case .calendarCleared: "calendar-cleared"
        case .progressRebuilt: "progress-rebuilt"
        case .search: "search"
        case .recordViewed: "record-viewed"
        case .searchIndexRebuilt: "search-index-rebuilt"
        case .contentSealed: "content-sealed"
        case .backup: "backup"
        case .restore: "restore"
        case .storeGrant: "store-grant"
        case .storeCopy: "store-copy"
        case .other(let text): text
        }
    }

    /// Every action but ``other(_:)``, with the batch transitions.
    public static let known: [AuditAction] = [
        .initialize, .userAdd, .userLogin, .userPassphrase, .compact, .receive, .checkFiles, .policyChanged, .fileNotAnEntry, .fileEntryAgain,
        .releaseClaim, .key, .importFile, .adopt, .verify, .recordVerified, .recordReopened, .recordReturned, .recordReviewed,
        .fieldDecided, .warningAcknowledged, .duplicateDecided, .sampleDrawn, .sampleRecordChecked, .sampleAccepted,
        .exportAgain, .exportCorrections, .receipt, .recordCorrected, .recordWithdrawn, .planSet, .calendarSet,
        .calendarCleared, .progressRebuilt, .search, .recordViewed, .searchIndexRebuilt, .contentSealed, .backup, .restore,
        .storeGrant, .storeCopy,
    ] + BatchAction.allCases.map(AuditAction.transition)

    private static let byRawValue: [String: AuditAction] = Dictionary(known.map { ($0.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    /// The action stored as `text`.
    public init(rawValue text: String) {
        self = Self.byRawValue[text] ?? .other(text)
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One entry of the append-only audit trail: who did what, when, to which batch or user.
///
/// Events are chained: each stores the SHA-256 of the previous event's hash and its own fields,
/// so that an edit made behind hotich's back is found when the chain is checked.
public struct AuditEvent: Codable, Sendable, Equatable {
    public var id: Int64?
    /// UTC time with milliseconds, ISO 8601.
    public var at: String
    /// The user name of whoever acted.
    public var actor: String
    public var action: AuditAction
    public var batchId: String?
    /// What the event is about when it is not a batch (a user name, a record, a file, a package).
    public var subject: String?
    public var fromState: String?
    public var toState: String?
    public var reason: String?
    public var previousHash: String
    public var hash: String
    /// The content seals this event vouches for are those after `sealsFrom` up to `sealsThrough`
    /// (see ``contentDigest``): the ones its own transaction wrote. Nil in events written before
    /// hotich sealed content (schema v12), whose hash does not cover the four fields below.
    public var sealsFrom: Int64?
    public var sealsThrough: Int64?
    /// SHA-256 over the content seals written since the event before: the hash of each record,
    /// keying, batch and scan file version this event's transaction wrote. Nil when it wrote none.
    public var contentDigest: String?
    /// HMAC-SHA256 of ``hash`` with the workspace's audit key (kept outside the database): nil in
    /// events written before the workspace had a key.
    public var mac: String?

    public init(
        id: Int64?, at: String, actor: String, action: AuditAction, batchId: String?, subject: String?,
        fromState: String?, toState: String?, reason: String?, previousHash: String, hash: String,
        sealsFrom: Int64? = nil, sealsThrough: Int64? = nil, contentDigest: String? = nil, mac: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.batchId = batchId
        self.subject = subject
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
        self.sealsFrom = sealsFrom
        self.sealsThrough = sealsThrough
        self.contentDigest = contentDigest
        self.mac = mac
    }
}

/// What a caller says about an event; the trail adds the time and the hash chain.
public struct AuditEntry: Sendable {
    public var actor: String
    public var action: AuditAction
    public var batchId: String?
    public var subject: String?
    public var fromState: String?
    public var toState: String?
    public var reason: String?

    public init(
        actor: String, action: AuditAction, batchId: String? = nil, subject: String? = nil,
        fromState: String? = nil, toState: String? = nil, reason: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.batchId = batchId
        self.subject = subject
        self.fromState = fromState
        self.toState = toState
        self.reason = reason
    }
}
