public import HoTichModel
import HoTichStore

/// Everything `batch show` tells about one batch.
public struct BatchDetail: Sendable {
    public let summary: BatchSummary
    public let files: [ScanFile]
    public let issues: [IntakeIssue]
    /// The batch's audit events, oldest first: its state history.
    public let history: [AuditEvent]
    /// How far keying has come.
    public let keying: KeyingProgress
    /// What is left to key, per pass the policy needs (empty once keying is done).
    public let remaining: [RemainingEntries]
    /// Files marked as holding no entry.
    public let nonEntries: [NonEntryFile]
}

/// The entries of one pass not yet keyed: scan files without a completed keying, and entries
/// without a scan file returned for keying again.
public struct RemainingEntries: Sendable, Equatable {
    public let pass: Int
    /// Each file left, in path order, with the entry number its name states (when it does).
    public let files: [(path: String, number: String?)]
    /// Registration numbers of returned entries that have no scan file.
    public let unfiledNumbers: [String]

    public init(pass: Int, files: [(path: String, number: String?)], unfiledNumbers: [String]) {
        self.pass = pass
        self.files = files
        self.unfiledNumbers = unfiledNumbers
    }

    public var isEmpty: Bool { files.isEmpty && unfiledNumbers.isEmpty }
    /// The registration numbers known to be missing, in order.
    public var numbers: [String] { files.compactMap(\.number) + unfiledNumbers }
    /// Files left whose name states no number.
    public var unnumberedFiles: Int { files.filter { $0.number == nil }.count }

    public static func == (lhs: RemainingEntries, rhs: RemainingEntries) -> Bool {
        lhs.pass == rhs.pass && lhs.files.map(\.path) == rhs.files.map(\.path)
            && lhs.files.map(\.number) == rhs.files.map(\.number) && lhs.unfiledNumbers == rhs.unfiledNumbers
    }
}

extension Session {
    /// Batches, newest book first, optionally only those in `state`.
    public func batches(in state: BatchState? = nil) throws -> [BatchSummary] {
        try require(.viewWork)
        return try workspace.store.read { tx in try tx.batchSummaries(in: state) }
    }

    /// The whole picture of one batch.
    public func batchDetail(_ batchID: String) throws -> BatchDetail {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard let summary = try tx.batchSummary(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return BatchDetail(
                summary: summary, files: try tx.scanFiles(batch: batchID), issues: try tx.batchIssues(batchID),
                history: try tx.auditEvents(batch: batchID), keying: try tx.keyingProgress(batch: batchID),
                remaining: try Self.remainingEntries(summary.batch, in: tx), nonEntries: try tx.nonEntryFiles(batch: batchID))
        }
    }

    /// The records of a batch with their values, in number order.
    public func records(batch batchID: String) throws -> [RegisterRecord] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.recordsInNumberOrder(batch: batchID)
        }
    }

    /// What is left to key in a batch, per pass its policy needs; nothing once it is past keying.
    public func remainingEntries(batch batchID: String) throws -> [RemainingEntries] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard let batch = try tx.batch(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return try Self.remainingEntries(batch, in: tx)
        }
    }

    static func remainingEntries(_ batch: Batch, in tx: any StoreReading) throws -> [RemainingEntries] {
        guard batch.state == .received || batch.state == .keying else { return [] }
        return try requiredPasses(batch.policy).map { pass in
            let files = try tx.filesLeftToKey(batch: batch.id, pass: pass)
                .map { (path: $0.path, number: $0.nameNumber) }
                // In the book's order: by the number the name states, files without one last.
                .sorted { ($0.number.flatMap(RegistrationNumber.value) ?? .max, $0.path) < ($1.number.flatMap(RegistrationNumber.value) ?? .max, $1.path) }
            let unfiled = try tx.unfiledDrafts(batch: batch.id, pass: pass)
                .map { $0.fields["so"]?.text ?? "?" }
                .sorted { (RegistrationNumber.value($0) ?? .max) < (RegistrationNumber.value($1) ?? .max) }
            return RemainingEntries(pass: pass, files: files, unfiledNumbers: unfiled)
        }
    }

    /// Batches, files and bytes per office and state.
    public func status() throws -> [StatusLine] {
        try require(.viewWork)
        return try workspace.store.read { tx in try tx.statusLines() }
    }

    /// Audit events, oldest first, for one batch or for the whole workspace.
    public func auditEvents(batch batchID: String? = nil) throws -> [AuditEvent] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            if let batchID, try tx.batch(batchID) == nil { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.auditEvents(batch: batchID)
        }
    }
}
