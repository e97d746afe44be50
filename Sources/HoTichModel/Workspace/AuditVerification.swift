/// What kind of stored row a content seal vouches for.
public enum SealedContent: String, Sendable, Hashable, Codable, CaseIterable {
    case record, keying, batch, scanFile
    /// A user's name, role and bound account, and their passphrase's hash.
    case user, passphrase
    /// The workspace's own row (its office, how users are known) and its offices.
    case workspace, office
    /// A verifier's decision on a field, a correction or withdrawal after export, a page marked as no entry.
    case decision, correction, nonEntry
    /// A register book (office, kind, year, volume), a duplicate decision, an acceptance sample's draw and outcome.
    case book, duplicate, sample
}

/// One thing `audit verify` found wrong, named by event or row, never by content.
public enum AuditProblem: Sendable, Equatable {
    /// The event's stored hash or its link to the event before does not match: edited, inserted
    /// or deleted at this point (the first such event is where the tampering starts).
    case eventBroken(eventID: Int64)
    /// The event's HMAC does not match the workspace key: the chain was recomputed or an event
    /// forged by someone without the key.
    case eventForged(eventID: Int64)
    /// An event after the workspace got its key carries no HMAC.
    case eventUnkeyed(eventID: Int64)
    /// The content seals this event vouches for were changed, added or removed.
    case sealsChanged(eventID: Int64)
    /// A seal no event vouches for: the row was written outside hotich (its seal by someone's own
    /// copy of hotich's hash function, or by hotich's triggers on another program's connection).
    case contentUnvouched(SealedContent, id: String)
    /// The row no longer matches the version its last audit event sealed: changed behind hotich's back.
    case contentChanged(SealedContent, id: String)
    /// The row was never sealed: inserted behind hotich's back.
    case contentUnsealed(SealedContent, id: String)
    /// A sealed row is gone without its deletion being sealed.
    case contentMissing(SealedContent, id: String)
    /// An anchor written outside the database names an event that is not there: the trail's tail
    /// was deleted (or the database is an older copy).
    case anchorEventMissing(eventID: Int64)
    /// An anchor names an event whose hash is not the one anchored.
    case anchorMismatch(eventID: Int64)
    /// An anchor line whose HMAC does not match the key: written by someone without it.
    case anchorForged(line: Int)
    /// A rule the database keeps (the audit trail's append-only triggers, the content seals'
    /// triggers) is gone: someone edited the schema.
    case guardMissing(name: String)
    /// A trigger or view hotich never made: code planted in the database, which would run inside
    /// hotich's own transactions.
    case foreignSchema(name: String)
    /// The anchor log is gone or empty although the trail has signed events.
    case anchorLogMissing
    /// A district's trail copied into this database (`store copy`) no longer chains from its first
    /// event to the head the copy recorded: its event `eventID` was edited, inserted or deleted.
    case copiedTrailBroken(office: String, eventID: Int64)
    /// A copied district trail that no `store-copy` event of this trail vouches for (as it stands:
    /// its last hash, office and number of events).
    case copiedTrailUnvouched(office: String)
    /// The `store-copy` event `eventID` vouches for a copied trail that is no longer there.
    case copiedTrailMissing(eventID: Int64)
}

/// Whether the chain's HMACs could be checked.
public enum AuditKeyCheck: Sendable, Equatable {
    /// Every event from `fromEvent` on was checked against the workspace key.
    case checked(fromEvent: Int64)
    /// No key was at hand (a copy without its key file): only the unkeyed chain was checked.
    case noKey
}

/// What `audit verify` checked and found.
public struct AuditVerification: Sendable, Equatable {
    /// Events in the chain, and the last one's number.
    public var events: Int
    public var lastEventID: Int64
    public var lastHash: String
    public var key: AuditKeyCheck
    /// Rows whose content was compared with their last seal.
    public var rowsChecked: Int
    /// Anchors (in the anchor log and any given outside it) compared with the chain.
    public var anchorsChecked: Int
    /// The problems found, the chain's first; at most ``problemLimit`` listed.
    public var problems: [AuditProblem]
    /// Problems found beyond those listed.
    public var problemsNotListed: Int
    /// Districts' trails copied in (`store copy`) and checked, and their events.
    public var copiedTrails = 0
    public var copiedEvents = 0

    /// How many problems are listed before the rest are only counted.
    public static let problemLimit = 200

    public init(
        events: Int, lastEventID: Int64, lastHash: String, key: AuditKeyCheck, rowsChecked: Int, anchorsChecked: Int,
        problems: [AuditProblem], problemsNotListed: Int = 0
    ) {
        self.events = events
        self.lastEventID = lastEventID
        self.lastHash = lastHash
        self.key = key
        self.rowsChecked = rowsChecked
        self.anchorsChecked = anchorsChecked
        self.problems = problems
        self.problemsNotListed = problemsNotListed
    }

    /// Whether nothing was found wrong.
    public var isSound: Bool { problems.isEmpty && problemsNotListed == 0 }

    /// How many problems were found, listed or not.
    public var problemCount: Int { problems.count + problemsNotListed }

    /// The first event at which the chain itself is wrong, if any.
    public var firstBrokenEvent: Int64? {
        for problem in problems {
            switch problem {
            case .eventBroken(let id), .eventForged(let id), .eventUnkeyed(let id), .sealsChanged(let id): return id
            default: continue
            }
        }
        return nil
    }

    /// Adds a problem, counting it only once the list is full.
    public mutating func report(_ problem: AuditProblem) {
        if problems.count < Self.problemLimit { problems.append(problem) } else { problemsNotListed += 1 }
    }
}

/// A point of the audit chain written down outside the database: its last event's number and hash.
public struct AuditAnchor: Sendable, Equatable {
    public var eventID: Int64
    public var hash: String

    public init(eventID: Int64, hash: String) {
        self.eventID = eventID
        self.hash = hash
    }
}
