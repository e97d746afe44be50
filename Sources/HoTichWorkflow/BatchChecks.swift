import Foundation
import HoTichModel
import HoTichStore

/// The checks `verify` runs over a batch, beyond comparing passes: the field and cross-field rules
/// on every settled record, the register-number sequence of each year the batch touches, the
/// reconciliation of scan files and records, personal ID numbers, and possible duplicates across
/// the workspace.
///
/// Findings are recomputed from the current values on every run and stored by fingerprint, so an
/// acknowledgement stays with the finding it acknowledged; undecided duplicate flags that no
/// longer match are withdrawn, decided ones stay.
struct BatchChecks {
    private(set) var findings: [Finding] = []

    static func run(batch: Batch, book: BookIdentity, at time: String, in tx: any StoreWriting) throws -> BatchChecks {
        var checks = BatchChecks()
        let records = try tx.records(batch: batch.id, status: nil)
        try checks.recordRules(records, batch: batch, book: book, at: time)
        try checks.sequence(batch: batch, book: book, at: time, in: tx)
        try checks.reconciliation(batch: batch, at: time, in: tx)
        try checks.personalIDs(records, batch: batch, book: book, at: time, in: tx)
        checks.places(records, batch: batch, book: book, at: time)
        try checks.store(batch: batch, in: tx)
        try DuplicateSearch.run(records, batch: batch, at: time, in: tx)
        return checks
    }

    // MARK: - Checks

    /// Field and cross-field rules, on records whose values are settled (a double-keyed record
    /// still in conflict is checked once a verifier has decided it).
    private mutating func recordRules(_ records: [RegisterRecord], batch: Batch, book: BookIdentity, at time: String) throws {
        for record in records where batch.policy != .double || record.status == .verified {
            for diagnostic in RecordRules.check(record.fields, kind: book.kind, bookYear: book.year) {
                add(batch, record.id, diagnostic.field, .diagnostic(diagnostic), diagnostic.severity, time)
            }
        }
    }

    /// Place fields that name no unit of the list in force on the registration date, several, or a
    /// unit of another time (read without the date, the text names one that did not stand then).
    /// Without the bundled catalog there is nothing to check against, and nothing is said.
    private mutating func places(_ records: [RegisterRecord], batch: Batch, book: BookIdentity, at time: String) {
        guard let catalog = try? AdministrativeUnitCatalog.bundled() else { return }
        let coder = PlaceCoder(catalog: catalog)
        let placeFields = FieldCatalog.fields(for: book.kind).filter { $0.type == .place }
        for record in records where batch.policy != .double || record.status == .verified {
            let registered = record.fields["ngayDangKy"]?.text.flatMap { PartialDate($0) }
            for field in placeFields {
                guard let text = record.fields[field.key]?.text else { continue }
                let resolution = coder.resolve(text, registered: registered)
                // A hospital or a village alone names no unit: nothing to resolve, nothing to say.
                guard resolution.confidence < .probable, resolution.namesUnits else { continue }
                if let span = registered?.span, let other = coder.resolve(text, registered: nil).resolved, !catalog.isNamed(other.deepest, during: span) {
                    add(batch, record.id, field.key, .placeNotOnDate(era: other.deepest.era.rawValue, code: other.deepest.code), .warning, time)
                } else {
                    add(batch, record.id, field.key, .placeUnresolved(candidates: resolution.candidates.count), .warning, time)
                }
            }
        }
    }

    /// The numbers of each registration year the batch touches, across every book of the office.
    private mutating func sequence(batch: Batch, book: BookIdentity, at time: String, in tx: any StoreReading) throws {
        for year in try tx.registrationYears(batch: batch.id) {
            var inBatch = Set<String>()
            var entries: [RegisterSequence.Entry] = []
            for entry in try tx.numberedEntries(office: book.office, kind: book.kind, year: year) {
                guard let number = RegistrationNumber.value(entry.number) else { continue }
                if entry.batchId == batch.id { inBatch.insert(entry.id) }
                let registered = entry.registered?.text.flatMap { PartialDate($0) }
                let page = entry.page?.text.flatMap { Int($0) }
                let position = page.map { RegisterSequence.BookPosition(volume: entry.volume, page: $0) }
                entries.append(.init(id: entry.id, number: number, registered: registered, position: position))
            }
            for finding in RegisterSequence.check(entries) {
                guard let subject = finding.entries.first(where: inBatch.contains) else { continue }
                switch finding {
                case .gap(let from, let to, _, _):
                    add(batch, subject, "so", .gap(year: year, from: from, to: to), .warning, time)
                case .duplicate(let number, let ids):
                    add(batch, subject, "so", .repeatedNumber(year: year, number: number, count: ids.count), .warning, time)
                case .outOfOrder(_, let number, let previous):
                    add(batch, subject, "so", .outOfOrder(year: year, number: number, previous: previous), .warning, time)
                case .dateGoesBack(_, let number, let previous):
                    add(batch, subject, "ngayDangKy", .dateGoesBack(year: year, number: number, previous: previous), .warning, time)
                }
            }
        }
    }

    /// Scan files without a record, records without a scan file, files holding several entries.
    private mutating func reconciliation(batch: Batch, at time: String, in tx: any StoreReading) throws {
        for path in try tx.filesWithoutRecord(batch: batch.id) { add(batch, nil, nil, .fileWithoutRecord(path: path), .warning, time) }
        // A page an operator said holds no entry took itself out of keying on one person's word:
        // a verifier confirms it against the image (a supervisor's own mark is a decision already).
        for file in try tx.filesMarkedByOperators(batch: batch.id) {
            add(batch, nil, nil, .fileMarkedByOperator(kind: file.mark.kind, path: file.path), .warning, time)
        }
        for id in try tx.recordsWithoutFile(batch: batch.id) { add(batch, id, nil, .recordWithoutFile, .warning, time) }
        for (path, count) in try tx.filesWithSeveralRecords(batch: batch.id) {
            add(batch, nil, nil, .fileWithSeveralEntries(path: path, count: count), .warning, time)
        }
    }

    /// One number for two different people (an error), and numbers issued by another province
    /// than the registering office's (a warning: the child may have been registered elsewhere first).
    private mutating func personalIDs(
        _ records: [RegisterRecord], batch: Batch, book: BookIdentity, at time: String, in tx: any StoreReading
    ) throws {
        guard let key = FieldCatalog.subjectPersonalIDKey(for: book.kind) else { return }
        let province = try tx.office(book.office)?.province
        for record in records {
            guard let pin = record.subjectPersonalID else { continue }
            if let province, let number = PersonalIDNumber(pin), number.provinceCode != "0" + province {
                add(batch, record.id, key, .personalIDProvince(encoded: number.provinceCode, office: "0\(province)"), .warning, time)
            }
            let event = RegisteredEvent(id: record.id, kind: record.kind, fields: record.fields)
            for other in try tx.candidates(personalID: pin, except: record.id)
            where DuplicateMatching.sharesPersonalIDWithAnotherPerson(event, other.event) {
                // The other record named as a person finds it: by batch and number, not by its id.
                add(batch, record.id, key, .personalIDShared(batchID: other.batchId, number: other.number ?? "?"), .error, time)
            }
        }
    }

    // MARK: - Storing

    private mutating func add(
        _ batch: Batch, _ recordId: String?, _ field: String?, _ detail: FindingDetail, _ severity: Diagnostic.Severity, _ time: String
    ) {
        findings.append(Finding(batchId: batch.id, recordId: recordId, field: field, detail: detail, severity: severity, at: time))
    }

    /// Replaces the batch's findings with this run's, keeping those that still hold (and their
    /// acknowledgements).
    private func store(batch: Batch, in tx: any StoreWriting) throws {
        let existing = try tx.findingFingerprints(batch: batch.id)
        var current: [String: Finding] = [:]
        for finding in findings { current[finding.fingerprint] = finding }
        for old in existing where current[old.fingerprint] == nil {
            try tx.deleteFinding(id: old.id)
        }
        let kept = Set(existing.map(\.fingerprint))
        for finding in current.values where !kept.contains(finding.fingerprint) {
            try tx.insertFinding(finding)
        }
    }

    /// Opens a correction for each error on a field of a record, unless one is open already, and
    /// withdraws open corrections whose error is gone (another record's value changed).
    func openCorrections(batch: Batch, at time: String, in tx: any StoreWriting) throws {
        let errorKeys = Set(findings.filter { $0.severity == .error }.compactMap { finding in
            finding.recordId.flatMap { id in finding.field.map { "\(id)|\($0)" } }
        })
        let stale = try tx.openDecisions(batch: batch.id, origin: .error)
            .filter { !errorKeys.contains("\($0.recordId)|\($0.field)") }
        for var withdrawn in stale {
            withdrawn.supersededAt = time
            try tx.updateDecision(withdrawn)
        }
        let open = Set(try tx.openDecisions(batch: batch.id, origin: nil).map { "\($0.recordId)|\($0.field)" })
        var opened = Set<String>()
        for finding in findings where finding.severity == .error {
            guard let recordId = finding.recordId, let field = finding.field else { continue }
            let key = "\(recordId)|\(field)"
            guard !open.contains(key), opened.insert(key).inserted else { continue }
            let keyings = try tx.completeKeyings(record: recordId)
            let first = keyings.first { $0.pass == 1 }
            let second = keyings.first { $0.pass == 2 }
            try tx.insertDecision(FieldDecision(
                batchId: batch.id, recordId: recordId, field: field, origin: .error,
                pass1: first?.fields[field], pass2: second?.fields[field],
                pass1Operator: first?.operator, pass2Operator: second?.operator, at: time))
        }
    }
}
