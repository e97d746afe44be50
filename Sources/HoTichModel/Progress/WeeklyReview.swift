/// The week a supervisor sends: progress this week and overall, verification quality, units at
/// risk and why, what waits for a decision, and the audit chain's head. Usually an ISO week
/// (Monday to Sunday); any period the supervisor names works the same way.
public struct WeeklyReview: Sendable {
    /// The period's first and last days.
    public let first: CivilDate
    public let last: CivilDate
    /// The ISO week (`2026-W48`) when the period is one.
    public let isoWeek: String?
    /// Progress through the period's last day (or today, when that is earlier), by unit; each
    /// row's `period` is the period.
    public let progress: ProgressReport
    public let quality: Quality
    public let awaiting: [AwaitingDecision]
    public let auditHead: AuditHead

    public init(
        first: CivilDate, last: CivilDate, isoWeek: String?, progress: ProgressReport, quality: Quality, awaiting: [AwaitingDecision],
        auditHead: AuditHead
    ) {
        self.first = first
        self.last = last
        self.isoWeek = isoWeek
        self.progress = progress
        self.quality = quality
        self.awaiting = awaiting
        self.auditHead = auditHead
    }

    /// `2026-W48`, or `2026-11-01/2026-11-30` for another period.
    public var periodText: String { isoWeek ?? "\(first.iso)/\(last.iso)" }

    /// Units whose forecast misses their due date, or that may, or that have no pace to forecast.
    public var unitsAtRisk: [ProgressReport.Row] {
        progress.rows.filter { [.late, .atRisk, .noPace].contains($0.forecast.status) }
    }

    /// How well the week's keying held up in verification.
    public struct Quality: Sendable, Equatable, Codable {
        public let fieldsKeyed: Int
        public let conflicts: Int
        public let batchesReturned: Int
        public let sampleLotsDecided: Int
        public let sampleLotsRejected: Int

        public init(fieldsKeyed: Int, conflicts: Int, batchesReturned: Int, sampleLotsDecided: Int, sampleLotsRejected: Int) {
            self.fieldsKeyed = fieldsKeyed
            self.conflicts = conflicts
            self.batchesReturned = batchesReturned
            self.sampleLotsDecided = sampleLotsDecided
            self.sampleLotsRejected = sampleLotsRejected
        }

        public var conflictsPerThousandFields: Double? {
            fieldsKeyed == 0 ? nil : Double(conflicts) * 1_000 / Double(fieldsKeyed)
        }
    }
}

/// What one batch waits for a person to decide.
public struct AwaitingDecision: Sendable, Equatable, Codable {
    public let batchId: String
    /// Scan files that could not be read.
    public let damagedFiles: Int
    /// Possible duplicates nobody decided yet.
    public let possibleDuplicates: Int
    /// Whether the batch is on hold.
    public let onHold: Bool
    /// Exported records the central system rejected.
    public let rejectedReceipts: Int
    /// Conflicts, doubts and corrections not settled yet.
    public let openDecisions: Int
    /// Entries received and not keyed yet.
    public let entriesNotKeyed: Int

    public init(
        batchId: String, damagedFiles: Int, possibleDuplicates: Int, onHold: Bool, rejectedReceipts: Int,
        openDecisions: Int, entriesNotKeyed: Int
    ) {
        self.batchId = batchId
        self.damagedFiles = damagedFiles
        self.possibleDuplicates = possibleDuplicates
        self.onHold = onHold
        self.rejectedReceipts = rejectedReceipts
        self.openDecisions = openDecisions
        self.entriesNotKeyed = entriesNotKeyed
    }

    /// Whether anything at all waits.
    public var isEmpty: Bool {
        damagedFiles == 0 && possibleDuplicates == 0 && !onHold && rejectedReceipts == 0 && openDecisions == 0
            && entriesNotKeyed == 0
    }
}

/// The audit chain's last event: count and hash, to be quoted where it can be checked later.
public struct AuditHead: Sendable, Equatable, Codable {
    public let events: Int
    public let hash: String

    public init(events: Int, hash: String) {
        self.events = events
        self.hash = hash
    }
}
