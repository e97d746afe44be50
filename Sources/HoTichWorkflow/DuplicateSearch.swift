import GRDB
import HoTichModel
import HoTichStore

/// Looks for entries of a batch registered a second time anywhere in the workspace.
///
/// Never compares all pairs: candidates come from the index on (kind, birth year, folded name) and the
/// index on personal ID numbers, and only they are read and compared with ``DuplicateMatching``.
enum DuplicateSearch {
    /// The records of the same kind for a folded name and birth year, except the one asked about.
    static let candidatesByNameSQL = """
        SELECT id, batchId, kind, fields FROM record
        WHERE subjectName = ? AND subjectBirthYear = ? AND kind = ? AND id <> ?
        """

    static func run(_ records: [RegisterRecord], batch: Batch, at time: String, in db: Database) throws {
        let byName = try db.cachedStatement(sql: candidatesByNameSQL)
        let byNumber = try db.cachedStatement(sql: "SELECT id, batchId, kind, fields FROM record WHERE subjectPersonalID = ? AND id <> ?")
        var found: [String: (other: String, basis: DuplicateMatching.Basis, reregistration: Bool)] = [:]
        for record in records {
            let event = RegisteredEvent(id: record.id, kind: record.kind, fields: record.fields)
            var candidates: [Row] = []
            if let name = record.subjectName, !name.isEmpty, let year = record.subjectBirthYear {
                candidates += try Row.fetchAll(byName, arguments: [name, year, record.kind.code, record.id])
            }
            if let pin = record.subjectPersonalID {
                candidates += try Row.fetchAll(byNumber, arguments: [pin, record.id])
            }
            for candidate in candidates {
                let otherId: String = candidate["id"]
                // Within the batch, each pair once.
                if (candidate["batchId"] as String) == batch.id && otherId < record.id { continue }
                guard let kind = RecordKind(code: candidate["kind"]) else { continue }
                let other = RegisteredEvent(id: otherId, kind: kind, fields: try FieldSetJSON.decode(candidate["fields"]))
                guard let basis = DuplicateMatching.match(event, other) else { continue }
                found["\(record.id)|\(otherId)"] = (otherId, basis, event.isReregistration || other.isReregistration)
            }
        }
        let existing = try DuplicateFlag.filter(Column("batchId") == batch.id).fetchAll(db)
        var known = Set(existing.map { "\($0.recordId)|\($0.otherRecordId)" })
        // Withdraw undecided flags that no longer match (a value changed in arbitration).
        for flag in existing where flag.decision == nil && found["\(flag.recordId)|\(flag.otherRecordId)"] == nil {
            _ = try flag.delete(db)
            known.remove("\(flag.recordId)|\(flag.otherRecordId)")
        }
        let reverse = try db.cachedStatement(sql: "SELECT 1 FROM duplicateFlag WHERE recordId = ? AND otherRecordId = ?")
        for (key, match) in found where !known.contains(key) {
            let recordId = String(key.prefix { $0 != "|" })
            // The same pair flagged from the other batch already: decided there.
            if try Bool.fetchOne(reverse, arguments: [match.other, recordId]) == true { continue }
            var flag = DuplicateFlag(
                batchId: batch.id, recordId: recordId, otherRecordId: match.other, basis: match.basis.rawValue,
                reregistration: match.reregistration, at: time)
            try flag.insert(db)
        }
    }
}
