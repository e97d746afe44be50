import HoTichModel

/// What the workflow asks of a workspace's storage: transactions, and inside them named requests
/// (``StoreReading``) and commands (``StoreWriting``) that take and return the model's values.
///
/// The workflow holds `any WorkspaceStore` and never sees tables, SQL or a database library: a
/// second implementation (PostgreSQL) satisfies the same protocols. What every implementation
/// must guarantee is written in `docs/architecture.md` ("What a store guarantees").
public protocol WorkspaceStore: Sendable {
    /// Where the data lives, for messages (a path, or a database's name; never a password).
    var location: String { get }

    /// Runs `body` in a consistent snapshot: it sees every transaction committed before it began
    /// and none after, and never waits for a writer.
    func read<T>(_ body: (any StoreReading) throws -> T) throws -> T

    /// Runs `body` in one serializable transaction, committed when it returns and rolled back
    /// when it throws: everything it does happens together or not at all. A check made inside it
    /// still holds when it commits, whatever other processes do meanwhile.
    @discardableResult
    func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T

    /// The storage's size in bytes.
    func size() throws -> Int64

    /// Gives free space back to the disk; changes no data.
    func compact() throws

    /// The storage's own consistency check: the problems found, none when sound.
    func integrityProblems() throws -> [String]
}

/// Every request a transaction answers, concern by concern.
public protocol StoreReading:
    WorkspaceReading, UserReading, IdentityReading, BatchReading, FileReading, KeyingReading, RecordReading, DecisionReading,
    FindingReading, DuplicateReading, SampleReading, ExportReading, CorrectionReading, AuditReading, ReportReading, ProgressReading, SearchReading {}

/// Every command a write transaction carries out, and every request.
public protocol StoreWriting:
    StoreReading, WorkspaceWriting, UserWriting, IdentityWriting, BatchWriting, FileWriting, KeyingWriting, RecordWriting, DecisionWriting,
    FindingWriting, DuplicateWriting, SampleWriting, ExportWriting, CorrectionWriting, AuditWriting, ImportLogWriting, ProgressWriting, SearchWriting {}
