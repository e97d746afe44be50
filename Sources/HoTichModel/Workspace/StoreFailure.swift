/// What went wrong inside a workspace's store, by name (never a number a reader must look up).
/// Every store implementation throws these, wrapped in ``HoTichError``, for the states a sound
/// workspace never reaches.
public enum StoreFailure: Error, Sendable, Equatable {
    /// A row that must exist does not (a batch's book, the record of a keying, a draw just made).
    case missingRow(table: String)
    /// A row holds what hotich never writes (a finding's detail, an unknown code): a damaged store.
    case damagedRow(table: String)
    /// SQLite's integrity check of the whole file found `problems` problems.
    case integrity(problems: Int)
}
