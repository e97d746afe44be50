public import GRDB
public import HoTichModel

/// Where a field decision comes from.
public enum DecisionOrigin: String, Codable, Sendable, DatabaseValueConvertible {
    /// The two passes disagreed; a verifier arbitrates.
    case conflict
    /// The passes agree on the value but a keyer marked it uncertain; a verifier confirms it
    /// against the image (no keyer is charged when the image shows the value they keyed).
    case doubt
    /// A verifier corrected the field while reviewing every record.
    case review
    /// A verifier corrected the field while checking an acceptance sample.
    case sample
    /// The field breaks a rule (an error); a verifier corrects it against the image.
    case error
}

/// A field a verifier settles: open until `decided` is set.
public struct FieldDecisionRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fieldDecision"
    public var id: Int64?
    public var batchId: String
    public var recordId: String
    public var field: String
    public var origin: DecisionOrigin
    /// Pass 1's value (stored form), pass 2's when there is one.
    public var pass1: FieldValue?
    public var pass2: FieldValue?
    /// The value settled on.
    public var decided: FieldValue?
    /// Whether each pass was wrong, by the decision (for error rates per operator).
    public var pass1Wrong: Bool?
    public var pass2Wrong: Bool?
    public var pass1Operator: String?
    public var pass2Operator: String?
    public var decidedBy: String?
    public var decidedAt: String?
    public var createdAt: String
    /// When the record went back to keying, which retired this decision.
    public var supersededAt: String?

    public init(
        batchId: String, recordId: String, field: String, origin: DecisionOrigin,
        pass1: FieldValue?, pass2: FieldValue?, pass1Operator: String?, pass2Operator: String?, at time: String
    ) {
        self.batchId = batchId
        self.recordId = recordId
        self.field = field
        self.origin = origin
        self.pass1 = pass1
        self.pass2 = pass2
        self.pass1Operator = pass1Operator
        self.pass2Operator = pass2Operator
        createdAt = time
    }

    public var isOpen: Bool { decidedAt == nil }

    /// Whether the decision is between the two passes' values (a conflict or a doubt), so that a
    /// verifier may take either pass's value.
    public var hasPasses: Bool { origin == .conflict || origin == .doubt }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(row: Row) throws {
        id = row["id"]
        batchId = row["batchId"]
        recordId = row["recordId"]
        field = row["field"]
        origin = row["origin"]
        pass1 = (row["pass1"] as String?).flatMap(FieldValue.init(stored:))
        pass2 = (row["pass2"] as String?).flatMap(FieldValue.init(stored:))
        decided = (row["decided"] as String?).flatMap(FieldValue.init(stored:))
        pass1Wrong = row["pass1Wrong"]
        pass2Wrong = row["pass2Wrong"]
        pass1Operator = row["pass1Operator"]
        pass2Operator = row["pass2Operator"]
        decidedBy = row["decidedBy"]
        decidedAt = row["decidedAt"]
        createdAt = row["createdAt"]
        supersededAt = row["supersededAt"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["batchId"] = batchId
        container["recordId"] = recordId
        container["field"] = field
        container["origin"] = origin
        container["pass1"] = pass1?.stored
        container["pass2"] = pass2?.stored
        container["decided"] = decided?.stored
        container["pass1Wrong"] = pass1Wrong
        container["pass2Wrong"] = pass2Wrong
        container["pass1Operator"] = pass1Operator
        container["pass2Operator"] = pass2Operator
        container["decidedBy"] = decidedBy
        container["decidedAt"] = decidedAt
        container["createdAt"] = createdAt
        container["supersededAt"] = supersededAt
    }
}

/// What a check found in a batch: a record diagnostic or a sequence, count or identity finding.
///
/// `fingerprint` identifies the finding across verify runs, so that an acknowledgement stays with
/// what it acknowledged and a finding that disappears takes its acknowledgement with it.
public struct FindingRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "finding"
    public var id: Int64?
    public var batchId: String
    public var recordId: String?
    public var field: String?
    public var code: String
    public var severity: Diagnostic.Severity
    /// Facts that complete the code (numbers, counts, the other record's id); never personal data.
    public var detail: String
    public var fingerprint: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: String?
    public var reason: String?
    public var foundAt: String

    public init(batchId: String, recordId: String?, field: String?, code: String, severity: Diagnostic.Severity, detail: String, at time: String) {
        self.batchId = batchId
        self.recordId = recordId
        self.field = field
        self.code = code
        self.severity = severity
        self.detail = detail
        fingerprint = [code, recordId ?? "", field ?? "", detail].joined(separator: "|")
        foundAt = time
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Diagnostic.Severity: DatabaseValueConvertible {}

/// Two entries that may register one event twice, waiting for (or carrying) a supervisor's decision.
public struct DuplicateFlagRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "duplicateFlag"
    public enum Decision: String, Codable, Sendable, DatabaseValueConvertible {
        case duplicate, distinct
    }

    public var id: Int64?
    public var batchId: String
    public var recordId: String
    public var otherRecordId: String
    public var basis: String
    public var reregistration: Bool
    public var decision: Decision?
    public var decidedBy: String?
    public var decidedAt: String?
    public var reason: String?
    public var foundAt: String

    public init(batchId: String, recordId: String, otherRecordId: String, basis: String, reregistration: Bool, at time: String) {
        self.batchId = batchId
        self.recordId = recordId
        self.otherRecordId = otherRecordId
        self.basis = basis
        self.reregistration = reregistration
        foundAt = time
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An acceptance sample drawn from a batch: the plan, the seed and, once checked, the outcome.
public struct SampleDrawRow: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sampleDraw"
    public enum Outcome: String, Codable, Sendable, DatabaseValueConvertible {
        case accepted, rejected
    }

    public var id: Int64?
    public var batchId: String
    public var aql: String
    public var seed: Int64
    public var lotSize: Int
    public var codeLetter: String
    public var sampleSize: Int
    public var acceptance: Int
    public var drawnBy: String
    public var drawnAt: String
    public var outcome: Outcome?
    public var defective: Int?
    public var decidedAt: String?

    public init(batchId: String, plan: SamplingPlan, seed: Int64, by user: String, at time: String) {
        self.batchId = batchId
        aql = plan.aql.rawValue
        self.seed = seed
        lotSize = plan.lotSize
        codeLetter = plan.codeLetter
        sampleSize = plan.sampleSize
        acceptance = plan.acceptance
        drawnBy = user
        drawnAt = time
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One record drawn into a sample, and whether the verifier found it defective.
public struct SampleItemRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sampleItem"
    public var drawId: Int64
    public var recordId: String
    public var position: Int
    public var checkedBy: String?
    public var checkedAt: String?
    /// How many fields the verifier corrected (a record with one or more is defective).
    public var defects: Int?

    public init(drawId: Int64, recordId: String, position: Int) {
        self.drawId = drawId
        self.recordId = recordId
        self.position = position
    }
}
