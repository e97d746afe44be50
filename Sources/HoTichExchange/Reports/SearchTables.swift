import Foundation
package import HoTichModel

/// The tables of `hotich search` and `hotich record show`: stable English keys and codes for
/// machines, labels in the user's language for people.
package enum SearchTables {
    static func columns(_ labels: [SearchLabel], _ language: Language) -> [(key: String, header: String)] {
        labels.map { ($0.rawValue, $0.text(in: language)) }
    }

    static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .empty }

    static func book(_ book: BookIdentity) -> Cell {
        let text = "\(book.volume < 10 ? "0" : "")\(book.volume)/\(book.year)"
        return .coded(text, label: text)
    }

    /// One line per record found.
    package static func hits(_ hits: [SearchHit], language: Language) -> DataTable {
        let labels: [SearchLabel] = [
            .kind, .number, .book, .office, .registrationDate, .subject, .birthDate, .batch, .state, .match, .role, .recordId,
        ]
        return DataTable(columns: columns(labels, language), rows: hits.map { hit in
            [
                .coded(hit.kind.code, label: Message.kind(hit.kind).text(in: language)), text(hit.number), book(hit.book),
                .text(hit.book.office.value), text(hit.registrationDate), text(hit.subjectName), text(hit.birthDate), .text(hit.batchId),
                .coded(hit.state.rawValue, label: hit.state.text(in: language)),
                .coded(hit.match.code, label: hit.match.text(in: language)),
                hit.role.map { .coded($0.rawValue, label: $0.text(in: language)) } ?? .empty, .text(hit.recordId),
            ]
        })
    }

    /// A value as a person reads it: the text, or its state in words.
    static func display(_ value: FieldValue?, _ language: Language) -> String {
        switch value {
        case .filled(let text): text
        case .uncertain(let text): text + "?"
        case .blank: Message.valueState("blank").text(in: language)
        case .illegible: Message.valueState("illegible").text(in: language)
        case nil: Message.valueState("none").text(in: language)
        }
    }

    static func value(_ value: FieldValue?, _ language: Language) -> Cell {
        guard let value else { return .empty }
        return .coded(value.typed, label: display(value, language))
    }

    /// The sections of a record's story, each a titled table with a stable key (`record`, `values`,
    /// `scanFile`, `keyings`, `decisions`, `changes`, `findings`, `duplicates`, `deliveries`).
    package static func story(_ story: RecordStory, language: Language) -> [(key: String, title: String, table: DataTable)] {
        let vi = language == .vietnamese
        let record = story.record
        let kind = record.kind
        var sections: [(String, String, DataTable)] = []

        let summary: [(String, String, Cell)] = [
            ("recordId", SearchLabel.recordId.text(in: language), .text(record.id)),
            ("kind", SearchLabel.kind.text(in: language), .coded(kind.code, label: Message.kind(kind).text(in: language))),
            ("number", SearchLabel.number.text(in: language), text(record.number)),
            ("book", SearchLabel.book.text(in: language), book(story.book)),
            ("office", SearchLabel.office.text(in: language), .text(story.book.office.value)),
            ("batch", SearchLabel.batch.text(in: language), .text(record.batchId)),
            ("batchState", vi ? "Trạng thái lô" : "Batch state", .coded(story.batchState.rawValue, label: Message.state(story.batchState).text(in: language))),
            ("state", SearchLabel.state.text(in: language), .coded(story.state.rawValue, label: story.state.text(in: language))),
            ("version", SearchLabel.version.text(in: language), .plainNumber(Int64(record.version))),
            ("verifiedBy", vi ? "Người xác nhận" : "Verified by", text(record.verifiedBy)),
            ("verifiedAt", vi ? "Lúc xác nhận" : "Verified at", text(record.verifiedAt)),
            ("createdAt", vi ? "Lúc tạo" : "Created at", .text(record.createdAt)),
            ("withdrawnAt", vi ? "Lúc rút" : "Withdrawn at", text(record.withdrawnAt)),
        ]
        sections.append(("record", vi ? "Bản ghi" : "Record", DataTable(
            columns: [("key", vi ? "Mục" : "Item"), ("value", SearchLabel.value.text(in: language))],
            rows: summary.map { [.coded($0.0, label: $0.1), $0.2] })))

        let catalog = FieldCatalog.fields(for: kind)
        let known = Set(catalog.map(\.key))
        let keys = catalog.map(\.key).filter { record.fields[$0] != nil } + record.fields.keys.filter { !known.contains($0) }.sorted()
        sections.append(("values", vi ? "Giá trị hiện tại" : "Values now", DataTable(
            columns: columns([.field, .value, .valueState], language),
            rows: keys.map { key in
                let value = record.fields[key]
                let label = FieldCatalog.field(key, in: kind)?.label(in: language) ?? key
                return [.coded(key, label: label), .text(value.map { display($0, language) } ?? ""),
                        .coded(value?.state ?? "none", label: Message.valueState(value?.state ?? "none").text(in: language))]
            })))

        if let file = story.scanFile {
            sections.append(("scanFile", vi ? "Tệp quét" : "Scan file", DataTable(
                columns: columns([.path, .bytes, .sha256], language),
                rows: [[.text(file.path), .number(file.bytes), .text(file.sha256)]])))
        }

        sections.append(("keyings", vi ? "Các lần nhập" : "Keyings", DataTable(
            columns: columns([.pass, .keyer, .keyingState, .source, .savedAt, .differs], language),
            rows: story.keyings.map { keying in
                let differing = Set(keying.fields.keys).union(record.fields.keys).filter { keying.fields[$0] != record.fields[$0] }.count
                return [.plainNumber(Int64(keying.pass)), .text(keying.operator), .text(keying.state.rawValue),
                        .text(keying.source.hasPrefix("import:") ? "import" : keying.source), .text(keying.savedAt),
                        .number(Int64(differing))]
            })))

        if !story.decisions.isEmpty {
            sections.append(("decisions", vi ? "Quyết định của người kiểm tra" : "Verifiers' decisions", DataTable(
                columns: columns([.field, .origin, .pass1, .pass2, .decided, .decidedBy, .decidedAt, .superseded], language),
                rows: story.decisions.map { decision in
                    [.coded(decision.field, label: FieldCatalog.field(decision.field, in: kind)?.label(in: language) ?? decision.field),
                     .text(decision.origin.rawValue), value(decision.pass1, language), value(decision.pass2, language),
                     value(decision.decided, language), text(decision.decidedBy), text(decision.decidedAt), text(decision.supersededAt)]
                })))
        }
        if !story.changes.isEmpty {
            sections.append(("changes", vi ? "Sửa đổi và rút sau khi xuất" : "Corrections and withdrawals", DataTable(
                columns: columns([.change, .version, .field, .reason, .by, .at], language),
                rows: story.changes.map { change in
                    [.text(change.kind.rawValue), .plainNumber(Int64(change.version)), text(change.field), .text(change.reason),
                     .text(change.by), .text(change.at)]
                })))
        }
        if !story.findings.isEmpty {
            sections.append(("findings", vi ? "Phát hiện khi kiểm tra" : "Findings", DataTable(
                columns: columns([.finding, .severity, .acknowledged], language),
                rows: story.findings.map { finding in
                    [.coded(finding.code.rawValue, label: Message.finding(finding.detail, kind: kind).text(in: language)),
                     .text(finding.severity.rawValue), text(finding.acknowledgedBy)]
                })))
        }
        if !story.duplicates.isEmpty {
            sections.append(("duplicates", vi ? "Nghi trùng" : "Possible duplicates", DataTable(
                columns: columns([.otherRecord, .basis, .decision, .decidedBy, .decidedAt], language),
                rows: story.duplicates.map { flag in
                    [.text(flag.recordId == record.id ? flag.otherRecordId : flag.recordId), .text(flag.basis),
                     text(flag.decision?.rawValue), text(flag.decidedBy), text(flag.decidedAt)]
                })))
        }
        if !story.deliveries.isEmpty {
            sections.append(("deliveries", vi ? "Giao nộp và biên nhận" : "Deliveries and receipts", DataTable(
                columns: columns([.version, .package, .file, .exportedAt, .withdrawal, .receipt, .receiptCode, .receiptAt], language),
                rows: story.deliveries.map { delivery in
                    [.plainNumber(Int64(delivery.version)), .text(delivery.packageId), .text(delivery.file), .text(delivery.exportedAt),
                     delivery.withdrawal ? .coded("true", label: vi ? "rút" : "withdrawal") : .empty, text(delivery.receipt),
                     text(delivery.receiptCode), text(delivery.receiptAt)]
                })))
        }
        return sections
    }

    /// The story as one JSON document: every section's rows under its key (an empty section as []).
    package static func storyJSON(_ story: RecordStory) -> String {
        let keys = ["record", "values", "scanFile", "keyings", "decisions", "changes", "findings", "duplicates", "deliveries"]
        var parts: [String: String] = [:]
        for section in self.story(story, language: .english) {
            parts[section.key] = section.table.render(.json, language: .english).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "{" + keys.map { "\n  " + DataTable.jsonString($0) + ": " + (parts[$0] ?? "[]") }.joined(separator: ",") + "\n}\n"
    }
}
