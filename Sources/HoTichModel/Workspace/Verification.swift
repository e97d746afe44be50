/// Where a field decision comes from.
public enum DecisionOrigin: String, Codable, Sendable {
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
public struct FieldDecision: Codable, Sendable, Equatable {
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
}

/// Two entries that may register one event twice, waiting for (or carrying) a supervisor's decision.
public struct DuplicateFlag: Codable, Sendable, Equatable {
    public enum Decision: String, Codable, Sendable {
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
}

/// An acceptance sample drawn from a batch: the plan, the seed and, once checked, the outcome.
public struct SampleDraw: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
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
}

/// One record drawn into a sample, and whether the verifier found it defective.
public struct SampleItem: Codable, Sendable, Equatable {
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
