public import Foundation
public import HoTichModel
import HoTichStore

extension Session {
    /// Finds records by `query`, best first: exact names (diacritics too), then the same names
    /// folded, then part of a name, then the rest in the index's order. Operators find the records
    /// of the batches they key; verifiers and supervisors find every record.
    ///
    /// Each search is an audit event saying who searched and how many records were found — never
    /// what was searched for, which is personal data.
    public func search(_ query: SearchQuery, now: Date = Date()) throws -> [SearchHit] {
        try require(.viewWork)
        guard (1...SearchQuery.maximumLimit).contains(query.limit) else { throw HoTichError(.searchLimit(query.limit)) }
        guard !query.isEmpty else { throw HoTichError(.searchProblem(.empty)) }
        let me = user.name
        let seesEverything = user.role != .operator
        let candidates = try workspace.store.read { tx in
            let scope: SearchScope = seesEverything ? .all : .only(try tx.batchesKeyed(by: me))
            // A name's best matches are among the index's first few hundred; without a name, the
            // records come in the order they were written and the first `limit` are the answer.
            let wanted = query.nameWords.isEmpty ? query.limit : max(300, query.limit * 10)
            return try tx.searchRecords(query, batches: scope, candidates: wanted)
        }
        let ranked = candidates.enumerated().map { index, candidate in
            let (match, role) = SearchMatch.of(candidate.names, query: query)
            return (index, SearchHit(
                recordId: candidate.hit.recordId, kind: candidate.hit.kind, number: candidate.hit.number, book: candidate.hit.book,
                registrationDate: candidate.hit.registrationDate, subjectName: candidate.hit.subjectName,
                birthDate: candidate.hit.birthDate, batchId: candidate.hit.batchId, state: candidate.hit.state, match: match,
                role: role))
        }
        let hits = ranked.sorted { ($0.1.match, $0.0) < ($1.1.match, $1.0) }.prefix(query.limit).map(\.1)
        try workspace.store.write { tx in
            try tx.appendAudit(AuditEntry(actor: me, action: .search, reason: "\(hits.count) results"), at: Timestamp.text(for: now))
        }
        return Array(hits)
    }

    /// A record's whole story, by its id. Operators see only the records of batches they key.
    public func recordStory(id: String, now: Date = Date()) throws -> RecordStory {
        try require(.viewWork)
        let me = user.name
        let seesEverything = user.role != .operator
        let story = try workspace.store.read { tx -> RecordStory in
            guard let story = try tx.recordStory(id: id) else { throw HoTichError(.recordNotFound(id)) }
            if !seesEverything, !(try tx.batchesKeyed(by: me).contains(story.record.batchId)) {
                throw HoTichError(.recordNotVisible(id))
            }
            return story
        }
        try workspace.store.write { tx in
            try tx.appendAudit(
                AuditEntry(actor: me, action: .recordViewed, batchId: story.record.batchId, subject: id), at: Timestamp.text(for: now))
        }
        return story
    }

    /// A record's whole story, by its batch and registration number (`5`, `05` and `5/2017` are one).
    /// With a year (`5/2020`), the record registered that year.
    public func recordStory(batch batchID: String, number: String, now: Date = Date()) throws -> RecordStory {
        try require(.viewWork)
        let me = user.name
        let seesEverything = user.role != .operator
        let ids = try workspace.store.read { tx -> [String] in
            // Operators learn nothing of batches they do not key, not even whether they exist.
            if !seesEverything, !(try tx.batchesKeyed(by: me).contains(batchID)) { throw HoTichError(.recordNotVisible(batchID)) }
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            guard let value = RegistrationNumber.value(number) else { return [] }
            let ids = try Self.recordIdsByNumber(in: batchID, tx: tx)[value] ?? []
            let year = number.split(separator: "/").dropFirst().first.flatMap { Int($0) }
            guard let year else { return ids }
            return try ids.filter { try tx.record(id: $0)?.registrationYear == year }
        }
        guard let id = ids.first else { throw HoTichError(.recordNumberNotInBatch(batchID: batchID, number: number)) }
        return try recordStory(id: id, now: now)
    }

    /// Builds the name index afresh from the records; the entries that differed (0 when sound).
    public func rebuildSearchIndex(now: Date = Date()) throws -> Int {
        try require(.rebuildSummaries)
        let me = user.name
        return try workspace.store.write { tx in
            let differences = try tx.rebuildSearchIndex()
            try tx.appendAudit(
                AuditEntry(actor: me, action: .searchIndexRebuilt, reason: "\(differences) entries differed"), at: Timestamp.text(for: now))
            return differences
        }
    }
}
