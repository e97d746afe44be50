import HoTichModel
import HoTichStore

/// Looks for entries of a batch registered a second time anywhere in the workspace.
///
/// Never compares all pairs: candidates come from the store's index on (kind, birth year, folded
/// name) and its index on personal ID numbers, and only they are read and compared with
/// ``DuplicateMatching``.
enum DuplicateSearch {
    static func run(_ records: [RegisterRecord], batch: Batch, at time: String, in tx: any StoreWriting) throws {
        var found: [String: (other: String, basis: DuplicateMatching.Basis, reregistration: Bool)] = [:]
        for record in records {
            let event = RegisteredEvent(id: record.id, kind: record.kind, fields: record.fields)
            var candidates: [RecordCandidate] = []
            if let name = record.subjectName, !name.isEmpty, let year = record.subjectBirthYear {
                candidates += try tx.candidates(name: name, birthYear: year, kind: record.kind, except: record.id)
            }
            if let pin = record.subjectPersonalID {
                candidates += try tx.candidates(personalID: pin, except: record.id)
            }
            for candidate in candidates {
                // Within the batch, each pair once.
                if candidate.batchId == batch.id && candidate.id < record.id { continue }
                let other = candidate.event
                guard let basis = DuplicateMatching.match(event, other) else { continue }
                found["\(record.id)|\(candidate.id)"] = (candidate.id, basis, event.isReregistration || other.isReregistration)
            }
        }
        let existing = try tx.duplicateFlags(batch: batch.id)
        var known = Set(existing.map { "\($0.recordId)|\($0.otherRecordId)" })
        // Withdraw undecided flags that no longer match (a value changed in arbitration).
        for flag in existing where flag.decision == nil && found["\(flag.recordId)|\(flag.otherRecordId)"] == nil {
            if let id = flag.id { try tx.deleteDuplicateFlag(id: id) }
            known.remove("\(flag.recordId)|\(flag.otherRecordId)")
        }
        for (key, match) in found where !known.contains(key) {
            let recordId = String(key.prefix { $0 != "|" })
            // The same pair flagged from the other batch already: decided there.
            if try tx.isFlagged(record: match.other, with: recordId) { continue }
            try tx.insertDuplicateFlag(DuplicateFlag(
                batchId: batch.id, recordId: recordId, otherRecordId: match.other, basis: match.basis.rawValue,
                reregistration: match.reregistration, at: time))
        }
    }
}
