import GRDB
public import HoTichModel

/// Finding records: by the names in them (through the folded full-text index), by number, book,
/// personal ID number and year; and a record's whole story.
public protocol SearchReading {
    /// Records matching `query`, at most `candidates` of them, in the index's order (best first);
    /// only in `batches` when given (what an operator may see).
    func searchRecords(_ query: SearchQuery, batches: SearchScope, candidates: Int) throws -> [SearchCandidate]
    /// The batches `operator` has keyed in.
    func batchesKeyed(by operator: String) throws -> [String]
    /// Everything about one record, or `nil` when there is no such record.
    func recordStory(id: String) throws -> RecordStory?
}

public protocol SearchWriting {
    /// Index entries that differ from the records (each term of each name counted), comparing the
    /// index with one built afresh.
    func searchIndexDifferences() throws -> Int
    /// Builds the name index afresh from the records; the entries that differed.
    func rebuildSearchIndex() throws -> Int
}

/// Which batches a search may look in.
public enum SearchScope: Sendable {
    case all
    case only([String])
}

extension SQLiteTransaction: SearchReading, SearchWriting {
    public func searchRecords(_ query: SearchQuery, batches: SearchScope, candidates: Int) throws -> [SearchCandidate] {
        var conditions: [String] = []
        var arguments: [String: (any DatabaseValueConvertible)?] = ["limit": candidates]
        if let number = query.number {
            conditions.append("CAST(r.number AS INTEGER) = :number")
            arguments["number"] = number
            if let year = query.numberYear {
                conditions.append("r.registrationYear = :numberYear")
                arguments["numberYear"] = year
            }
        }
        if let book = query.book {
            conditions.append("k.volume = :volume AND k.year = :bookYear")
            arguments["volume"] = book.volume
            arguments["bookYear"] = book.year
        }
        if let id = query.personalID {
            conditions.append("r.subjectPersonalID = :personalID")
            arguments["personalID"] = id
        }
        for (index, year) in query.years.enumerated() {
            conditions.append("(r.subjectBirthYear = :year\(index) OR r.registrationYear = :year\(index))")
            arguments["year\(index)"] = year
        }
        if let kind = query.kind {
            conditions.append("r.kind = :kind")
            arguments["kind"] = kind.code
        }
        if let years = query.registrationYears {
            conditions.append("r.registrationYear BETWEEN :firstYear AND :lastYear")
            arguments["firstYear"] = years.lowerBound
            arguments["lastYear"] = years.upperBound
        }
        if let office = query.office {
            conditions.append("r.officeCode = :office")
            arguments["office"] = office.value
        }
        switch query.state {
        case .keyed?: conditions.append("r.status = 'keyed' AND r.withdrawnAt IS NULL")
        case .verified?: conditions.append("r.status = 'verified' AND r.withdrawnAt IS NULL")
        case .withdrawn?: conditions.append("r.withdrawnAt IS NOT NULL")
        case nil: break
        }
        if case .only(let ids) = batches {
            guard !ids.isEmpty else { return [] }
            conditions.append("r.batchId IN (SELECT value FROM json_each(:batches))")
            // A JSON array of the ids (read back by json_each): one argument however many batches.
            arguments["batches"] = "[" + ids.map { id in
                "\"" + id.unicodeScalars.filter { $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }.map(String.init).joined() + "\""
            }.joined(separator: ",") + "]"
        }
        let columns = """
            r.id, r.kind, r.number, r.batchId, r.status, r.withdrawnAt, k.officeCode AS bookOffice, k.year AS bookYear,
            k.volume AS bookVolume, json_extract(r.fields, '$.ngayDangKy') AS registered,
            json_extract(r.fields, \(Self.pathByKind(FieldCatalog.subjectBirthDateKey))) AS born,
            json_extract(r.fields, \(Self.pathByKind(FieldCatalog.subjectNameKey))) AS subject,
            json_extract(r.fields, '$.meHoTen') AS mother,
            COALESCE(json_extract(r.fields, '$.chaHoTen'), json_extract(r.fields, '$.cmHoTen')) AS father,
            json_extract(r.fields, '$.voHoTen') AS spouse, json_extract(r.fields, '$.nycHoTen') AS requester
            """
        let filter = conditions.isEmpty ? "" : "AND " + conditions.joined(separator: " AND ")
        var statements: [String] = []
        if query.nameWords.isEmpty {
            // No name: the book's own index when a book is named, else the records in the order written.
            let from = query.book == nil
                ? "record r JOIN batch b ON b.id = r.batchId JOIN book k ON k.id = b.bookId"
                : "book k CROSS JOIN batch b ON b.bookId = k.id CROSS JOIN record r ON r.batchId = b.id"
            statements.append("SELECT \(columns) FROM \(from) WHERE 1 \(filter) ORDER BY r.rowid LIMIT :limit")
        } else {
            // First the records where someone bears the whole name (one short list of the `whole`
            // column), then those where the words appear in a name, in the order records were
            // written: neither reads more of the long lists of common syllables than it keeps.
            let words = query.nameWords.map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
            arguments["whole"] = "whole : \"\(words.joined(separator: "_"))\""
            arguments["words"] = "{\(SearchIndex.roleColumns.joined(separator: " "))} : "
                + words.map { "\"\($0)\"" }.joined(separator: " ")
            // Every bearer of the whole name (up to `wholeLimit`), so that ranking exact before folded
            // sees them all; then the words, up to the candidates asked for.
            arguments["wholeLimit"] = max(candidates, Self.wholeLimit)
            for (match, limit) in [("whole", "wholeLimit"), ("words", "limit")] {
                statements.append("""
                    SELECT \(columns) FROM recordName n JOIN record r ON r.rowid = n.rowid JOIN batch b ON b.id = r.batchId
                    JOIN book k ON k.id = b.bookId
                    WHERE recordName MATCH :\(match) \(filter) ORDER BY n.rowid LIMIT :\(limit)
                    """)
            }
        }
        var seen = Set<String>()
        var found: [SearchCandidate] = []
        for (index, sql) in statements.enumerated() where index == 0 || found.count < candidates {
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                let candidate = try Self.candidate(row)
                // The whole name's bearers are all kept; the words' rows fill up to `candidates`.
                if seen.insert(candidate.hit.recordId).inserted, index == 0 || found.count < candidates { found.append(candidate) }
            }
        }
        return found
    }

    /// A found record, with everyone it names.
    private static func candidate(_ row: Row) throws -> SearchCandidate {
        guard let kind = RecordKind(rawValue: row["kind"] ?? "") else { throw StoreFailure.damagedRow(table: "record") }
        guard let office = OfficeCode(row["bookOffice"] as String) else { throw StoreFailure.damagedRow(table: "book") }
        let book = BookIdentity(office: office, kind: kind, year: row["bookYear"], volume: row["bookVolume"])
        let state: SearchState = (row["withdrawnAt"] as String?) != nil
            ? .withdrawn : ((row["status"] as String) == "verified" ? .verified : .keyed)
        var names: [SearchRole: String] = [:]
        for role in SearchRole.allCases {
            if let name = storedText(row[role.rawValue]) { names[role] = name }
        }
        let hit = SearchHit(
            recordId: row["id"], kind: kind, number: row["number"], book: book, registrationDate: storedText(row["registered"]),
            subjectName: names[.subject], birthDate: storedText(row["born"]), batchId: row["batchId"], state: state,
            match: .other, role: nil)
        return SearchCandidate(hit: hit, names: names)
    }

    /// At most this many bearers of one whole name are ranked (the most common full names of a
    /// province's million records number in the hundreds).
    static let wholeLimit = 5_000

    /// A JSON path chosen by the record's kind.
    private static func pathByKind(_ key: (RecordKind) -> String) -> String {
        "CASE r.kind " + RecordKind.allCases.map { "WHEN '\($0.code)' THEN '$.\(key($0))'" }.joined(separator: " ") + " END"
    }

    /// The text of a stored value (`=` filled or `?` uncertain); nothing for blank or illegible.
    private static func storedText(_ value: String?) -> String? {
        guard let value, let marker = value.first, marker == "=" || marker == "?" else { return nil }
        return String(value.dropFirst())
    }

    public func batchesKeyed(by operator: String) throws -> [String] {
        // Any summary row of the person: a keying returned as a draft leaves its row (at zero), so
        // a batch returned to its keyers stays theirs to see.
        try String.fetchAll(db, sql: "SELECT DISTINCT batchId FROM progressDay WHERE actor = ?", arguments: [`operator`])
    }

    public func recordStory(id: String) throws -> RecordStory? {
        guard let record = try RegisterRecord.fetchOne(db, key: id),
              let (batch, book) = try batchAndBook(record.batchId)
        else { return nil }
        let deliveries = try Row.fetchAll(db, sql: """
            SELECT * FROM exportedRecord WHERE recordId = ? ORDER BY exportedAt, version
            """, arguments: [id]).map { row in
            RecordStory.Delivery(
                version: row["version"], packageId: row["packageId"], file: row["file"], exportedAt: row["exportedAt"],
                withdrawal: row["withdrawal"], receipt: row["receipt"], receiptCode: row["receiptCode"], receiptAt: row["receiptAt"])
        }
        return RecordStory(
            record: record, book: book, batchState: batch.state, scanFile: try record.scanFileId.flatMap { try scanFile(id: $0) },
            keyings: try Keying.all().ofRecord(id).order(Column("pass"), Column("id")).fetchAll(db),
            decisions: try FieldDecision.filter(Column("recordId") == id).order(Column("id")).fetchAll(db),
            changes: try changes(record: id),
            findings: try findings(batch: record.batchId).filter { $0.recordId == id },
            duplicates: try DuplicateFlag.filter(Column("recordId") == id || Column("otherRecordId") == id).order(Column("id")).fetchAll(db),
            deliveries: deliveries)
    }

    public func searchIndexDifferences() throws -> Int {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.recordNameFresh;
            \(SearchIndex.create("temp.recordNameFresh"));
            \(SearchIndex.fill("temp.recordNameFresh"));
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.recordNameLiveTerms USING fts5vocab(main, recordName, instance);
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.recordNameFreshTerms USING fts5vocab(temp, recordNameFresh, instance);
            """)
        defer {
            try? db.execute(sql: """
                DROP TABLE IF EXISTS temp.recordNameLiveTerms; DROP TABLE IF EXISTS temp.recordNameFreshTerms;
                DROP TABLE IF EXISTS temp.recordNameFresh;
                """)
        }
        let terms = "SELECT term, doc, col, offset FROM"
        return try count("""
            SELECT (SELECT COUNT(*) FROM (\(terms) temp.recordNameLiveTerms EXCEPT \(terms) temp.recordNameFreshTerms))
                 + (SELECT COUNT(*) FROM (\(terms) temp.recordNameFreshTerms EXCEPT \(terms) temp.recordNameLiveTerms))
            """, [])
    }

    /// Fills the name index from the records without first comparing (a bulk load into an empty index).
    package func rebuildSearchIndexWithoutComparing() throws -> Int {
        try db.execute(sql: "INSERT INTO recordName (recordName) VALUES ('delete-all'); \(SearchIndex.fill("recordName"))")
        return 0
    }

    public func rebuildSearchIndex() throws -> Int {
        let differences = try searchIndexDifferences()
        try db.execute(sql: "INSERT INTO recordName (recordName) VALUES ('delete-all'); \(SearchIndex.fill("recordName"))")
        return differences
    }
}
