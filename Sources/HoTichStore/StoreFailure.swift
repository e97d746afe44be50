/// What went wrong inside the store, by name (never a number a reader must look up).
public enum StoreFailure: Error, Sendable, Equatable {
    /// A row that must exist does not (a batch's book, the record of a keying, a draw's id).
    case missingRow(table: String)
    /// A row holds what hotich never writes (a finding's detail, a code): a damaged database.
    case damagedRow(table: String)
    /// A transaction returned nothing.
    case noResult
}
