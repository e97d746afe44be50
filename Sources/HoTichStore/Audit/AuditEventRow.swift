public import GRDB

/// One entry of the append-only audit trail: who did what, when, to which batch or user.
///
/// Events are chained: each stores the SHA-256 of the previous event's hash and its own fields,
/// so that an edit made behind hotich's back is found by ``AuditTrail/verify(_:)``.
public struct AuditEventRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditEvent"
    public var id: Int64?
    /// UTC time with milliseconds, ISO 8601.
    public var at: String
    /// The user name of whoever acted.
    public var actor: String
    /// What happened: a batch action (`return`, `hold`, …) or an event name (`receive`, `user-add`, `init`).
    public var action: String
    public var batchId: String?
    /// What the event is about when it is not a batch (a user name, a workspace).
    public var subject: String?
    public var fromState: String?
    public var toState: String?
    public var reason: String?
    public var previousHash: String
    public var hash: String

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let batchId = Column(CodingKeys.batchId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// What a caller says about an event; the trail adds the time and the hash chain.
public struct AuditEntry: Sendable {
    public var actor: String
    public var action: String
    public var batchId: String?
    public var subject: String?
    public var fromState: String?
    public var toState: String?
    public var reason: String?

    public init(
        actor: String, action: String, batchId: String? = nil, subject: String? = nil,
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
