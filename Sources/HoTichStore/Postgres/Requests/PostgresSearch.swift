import Foundation
import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: SearchReading, SearchWriting {
    public func searchRecords(_ query: SearchQuery, batches: SearchScope, candidates: Int) throws -> [SearchCandidate] {
        if case .only(let ids) = batches, ids.isEmpty { return [] }
        func field(_ key: String) -> String { #"r."fields"::jsonb ->> \#(key)"# }
        func byKind(_ key: (RecordKind) -> String) -> String {
            "(CASE r.\"kind\" " + RecordKind.allCases.map { "WHEN '\($0.code)' THEN '\(key($0))'" }.joined(separator: " ") + " END)"
        }
        let columns = #"""
            r."id", r."kind", r."number", r."batchId", r."status", r."withdrawnAt", k."officeCode" AS "bookOffice", k."year" AS "bookYear",
            k."volume" AS "bookVolume", \#(field("'ngayDangKy'")) AS "registered",
            \#(field(byKind(FieldCatalog.subjectBirthDateKey))) AS "born", \#(field(byKind(FieldCatalog.subjectNameKey))) AS "subject",
            \#(field("'meHoTen'")) AS "mother", COALESCE(\#(field("'chaHoTen'")), \#(field("'cmHoTen'"))) AS "father",
            \#(field("'voHoTen'")) AS "spouse", \#(field("'nycHoTen'")) AS "requester"
            """#
        let from = #""record" r JOIN "batch" b ON b."id" = r."batchId" JOIN "book" k ON k."id" = b."bookId""#
        var statements: [(sql: String, parameters: [any PostgresBindable])] = []
        if query.nameWords.isEmpty {
            // No name: the records in the order they were written (their index row's number).
            var parameters = StatementParameters()
            let filter = Self.conditions(query, batches, &parameters)
            let limit = parameters.bind(candidates)
            statements.append((#"""
                SELECT \#(columns) FROM \#(from) LEFT JOIN "recordName" n ON n."recordId" = r."id"
                WHERE TRUE \#(filter) ORDER BY n."seq" NULLS LAST, r."id" LIMIT \#(limit)
                """#, parameters.values))
        } else {
            // First every bearer of the whole name, then records where the words appear in a name.
            let words = query.nameWords.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
            for (column, terms, rows) in [("wholes", [words.joined(separator: "_")], max(candidates, SQLiteTransaction.wholeLimit)),
                                          ("words", words, candidates)] {
                var parameters = StatementParameters()
                let filter = Self.conditions(query, batches, &parameters)
                let match = parameters.bind(PostgresArray(terms))
                let limit = parameters.bind(rows)
                statements.append((#"""
                    SELECT \#(columns) FROM "recordName" n JOIN \#(from) ON r."id" = n."recordId"
                    WHERE n."\#(column)" @> \#(match)::text[] \#(filter) ORDER BY n."seq" LIMIT \#(limit)
                    """#, parameters.values))
            }
        }
        var seen = Set<String>()
        var found: [SearchCandidate] = []
        for (index, statement) in statements.enumerated() where index == 0 || found.count < candidates {
            for row in try execute(statement.sql, statement.parameters) {
                let candidate = try Self.candidate(row)
                // The whole name's bearers are all kept; the words' rows fill up to `candidates`.
                if seen.insert(candidate.hit.recordId).inserted, index == 0 || found.count < candidates { found.append(candidate) }
            }
        }
        return found
    }

    /// The query's conditions other than the name, each `AND`-ed on.
    private static func conditions(_ query: SearchQuery, _ batches: SearchScope, _ parameters: inout StatementParameters) -> String {
        var conditions: [String] = []
        if let number = query.number {
            conditions.append("\(numberOrder("r").replacingOccurrences(of: " NULLS FIRST", with: "")) = \(parameters.bind(number))")
            if let year = query.numberYear { conditions.append(#"r."registrationYear" = \#(parameters.bind(year))"#) }
        }
        if let book = query.book {
            conditions.append(#"k."volume" = \#(parameters.bind(book.volume)) AND k."year" = \#(parameters.bind(book.year))"#)
        }
        if let id = query.personalID { conditions.append(#"r."subjectPersonalID" = \#(parameters.bind(id))"#) }
        for year in query.years {
            let placeholder = parameters.bind(year)
            conditions.append(#"(r."subjectBirthYear" = \#(placeholder) OR r."registrationYear" = \#(placeholder))"#)
        }
        if let kind = query.kind { conditions.append(#"r."kind" = \#(parameters.bind(kind.code))"#) }
        if let years = query.registrationYears {
            conditions.append(#"r."registrationYear" BETWEEN \#(parameters.bind(years.lowerBound)) AND \#(parameters.bind(years.upperBound))"#)
        }
        if let office = query.office { conditions.append(#"r."officeCode" = \#(parameters.bind(office.value))"#) }
        switch query.state {
        case .keyed?: conditions.append(#"r."status" = 'keyed' AND r."withdrawnAt" IS NULL"#)
        case .verified?: conditions.append(#"r."status" = 'verified' AND r."withdrawnAt" IS NULL"#)
        case .withdrawn?: conditions.append(#"r."withdrawnAt" IS NOT NULL"#)
        case nil: break
        }
        if case .only(let ids) = batches {
            conditions.append(#"r."batchId" = ANY(\#(parameters.bind(PostgresArray(ids)))::text[])"#)
        }
        return conditions.isEmpty ? "" : "AND " + conditions.joined(separator: " AND ")
    }

    private static func candidate(_ row: PostgresRow) throws -> SearchCandidate {
        guard let kind = RecordKind(rawValue: try row.decode("kind") ?? "") else { throw StoreFailure.damagedRow(table: "record") }
        guard let office = OfficeCode(try row.required("bookOffice")) else { throw StoreFailure.damagedRow(table: "book") }
        let book = BookIdentity(office: office, kind: kind, year: try row.required("bookYear"), volume: try row.required("bookVolume"))
        let state: SearchState = (try row.decode("withdrawnAt", as: String.self)) != nil
            ? .withdrawn : ((try row.required("status", as: String.self)) == "verified" ? .verified : .keyed)
        var names: [SearchRole: String] = [:]
        for role in SearchRole.allCases {
            if let name = storedText(try row.decode(role.rawValue)) { names[role] = name }
        }
        let hit = SearchHit(
            recordId: try row.required("id"), kind: kind, number: try row.decode("number"), book: book,
            registrationDate: storedText(try row.decode("registered")), subjectName: names[.subject],
            birthDate: storedText(try row.decode("born")), batchId: try row.required("batchId"), state: state, match: .other, role: nil)
        return SearchCandidate(hit: hit, names: names)
    }

    private static func storedText(_ value: String?) -> String? {
        guard let value, let marker = value.first, marker == "=" || marker == "?" else { return nil }
        return String(value.dropFirst())
    }

    public func batchesKeyed(by operator: String) throws -> [String] {
        // Any keying of the person, complete or not (SQLite reads its summary rows, which a keying
        // returned as a draft leaves behind): a batch returned to its keyers stays theirs to see.
        try execute(#"SELECT DISTINCT "batchId" FROM "keying" WHERE "operator" = $1 ORDER BY 1"#, [`operator`])
            .map { try $0.required("batchId") }
    }

    public func recordStory(id: String) throws -> RecordStory? {
        guard let record = try record(id: id), let (batch, book) = try batchAndBook(record.batchId) else { return nil }
        let deliveries = try execute(#"SELECT * FROM "exportedRecord" WHERE "recordId" = $1 ORDER BY "exportedAt", "version""#, [id])
            .map { row in
                RecordStory.Delivery(
                    version: try row.required("version"), packageId: try row.required("packageId"), file: try row.required("file"),
                    exportedAt: try row.required("exportedAt"), withdrawal: try row.required("withdrawal"), receipt: try row.decode("receipt"),
                    receiptCode: try row.decode("receiptCode"), receiptAt: try row.decode("receiptAt"))
            }
        return RecordStory(
            record: record, book: book, batchState: batch.state, scanFile: try record.scanFileId.flatMap { try scanFile(id: $0) },
            keyings: try execute(#"SELECT \#(Self.keyingColumns) FROM "keying" k WHERE k."recordId" = $1 ORDER BY k."pass", k."id""#, [id])
                .map(keying(from:)),
            decisions: try execute(#"SELECT \#(Self.decisionColumns) FROM "fieldDecision" d WHERE d."recordId" = $1 ORDER BY d."id""#, [id])
                .map(decision(from:)),
            changes: try changes(record: id),
            findings: try findings(batch: record.batchId).filter { $0.recordId == id },
            duplicates: try fetchAll(
                DuplicateFlag.self, #"SELECT \#(Self.flagColumns) FROM "duplicateFlag" d WHERE d."recordId" = $1 OR d."otherRecordId" = $1 ORDER BY d."id""#,
                [id]),
            deliveries: deliveries)
    }

    /// The index is kept by a trigger in the same transaction as every change to a record: compared
    /// with what the records give now, row by row.
    public func searchIndexDifferences() throws -> Int {
        try count(#"""
            SELECT COUNT(*) FROM "record" r LEFT JOIN "recordName" n ON n."recordId" = r."id"
            WHERE n."recordId" IS NULL
            """#)
    }

    public func rebuildSearchIndex() throws -> Int {
        let differences = try searchIndexDifferences()
        // Touching every record's values runs the trigger that indexes them.
        try execute(#"UPDATE "record" SET "fields" = "fields" WHERE "id" NOT IN (SELECT "recordId" FROM "recordName")"#)
        return differences
    }
}
