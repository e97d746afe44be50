import HoTichStore
public import HoTichModel

extension Session {
    /// Error rates per person, for one batch or the whole workspace.
    public func errorRates(batch batchID: String? = nil) throws -> [OperatorErrorRate] {
        try require(.viewWork)
        return try workspace.store.read { tx in try tx.errorRates(batch: batchID) }
    }
}
