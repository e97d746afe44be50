import GRDB
public import HoTichModel
import HoTichPostgres

/// Consolidation: a district's SQLite workspace copied into a province's PostgreSQL database
/// (`hotich store copy`).
///
/// Everything is copied in one transaction of the province's, holding its writer lock, or nothing
/// is. Rows keep their identifiers where they are text (batches, records, packages) and get the
/// province's numbers where they are counted (books, scan files, keyings…), with every reference
/// to them moved along; users are known by name (a name the province has is the same person).
/// The province's triggers seal every copied row, index its names and count it in the daily
/// summary, as for rows written by hand. The district's own audit chain is kept beside the
/// province's, event for event (`consolidation`, `consolidatedEvent`, both append-only): it still
/// verifies from its first event to its last, and the province's event for the copy carries its
/// last hash, so that a copied trail changed later no longer matches the event that vouches for it.
extension PostgresStore {
    /// What the district's workspace holds that the province already has (nothing copied while
    /// there is any).
    public func copyConflicts(from source: SQLiteStore) throws -> [WorkspaceCopyConflict] {
        try source.databaseRead { db in
            try databaseRead { tx in try WorkspaceCopier(source: db, target: tx).conflicts() }
        }
    }

    /// Copies the district's workspace `source` into this database, its batches' scans now at
    /// `scanRoots` (batch id → folder); refuses with the conflicts when there are any. `actor`
    /// is recorded as having copied it. `whenClear` runs inside the transaction, holding the
    /// writer lock, once the province is known to have none of it (it gives the scans their
    /// final names, where no other writer can be giving the same ones); it may run again if the
    /// transaction is retried.
    public func copyWorkspace(
        from source: SQLiteStore, scanRoots: [String: String], by actor: String, at time: String,
        whenClear: () throws -> Void = {}
    ) throws -> WorkspaceCopyResult {
        try source.databaseRead { db in
            try databaseWrite { tx in
                var copier = WorkspaceCopier(source: db, target: tx)
                let conflicts = try copier.conflicts()
                guard conflicts.isEmpty else { throw HoTichError(.database(.copyConflicts(conflicts))) }
                try whenClear()
                return try copier.copy(scanRoots: scanRoots, by: actor, at: time)
            }
        }
    }
}

/// The copy itself, table by table, in the order their references need.
struct WorkspaceCopier {
    let source: Database
    let target: PostgresTransaction
    private var rows: [String: Int] = [:]

    init(source: Database, target: PostgresTransaction) {
        self.source = source
        self.target = target
    }

    /// Tables of the district's workspace, and what the copy does with each: every table must be
    /// here, so that a table a later version adds is never left behind without a word.
    static let copiedTables: [String] = [
        "office", "user", "userPassphrase", "book", "batch", "scanFile", "batchIssue", "record", "keying", "importFile",
        "fieldDecision", "finding", "duplicateFlag", "sampleDraw", "sampleItem", "exportPackage", "exportPackageBatch",
        "exportedRecord", "recordChange", "nonEntryFile", "progressPlan", "auditEvent",
    ]
    /// Tables the province keeps its own of: its workspace row, its calendar, its seals, its
    /// summary and name index (made by its triggers), and the claims of keyers at work (expiring).
    static let provinceOwnTables: Set<String> = [
        "workspace", "calendarDay", "contentSeal", "progressDay", "recordName", "claim",
    ]

    // MARK: Conflicts

    func conflicts() throws -> [WorkspaceCopyConflict] {
        var found: [WorkspaceCopyConflict] = []
        if let first = try String.fetchOne(source, sql: "SELECT hash FROM auditEvent ORDER BY id LIMIT 1"),
           try target.count(#"SELECT COUNT(*) FROM "consolidation" WHERE "firstHash" = $1"#, [first]) > 0 {
            found.append(.alreadyCopied)
        }
        for row in try Row.fetchAll(source, sql: "SELECT officeCode, kind, year, volume FROM book") {
            let (office, kind, year, volume): (String, String, Int, Int) = (row[0], row[1], row[2], row[3])
            let there = try target.count(#"""
                SELECT COUNT(*) FROM "book" WHERE "officeCode" = $1 AND "kind" = $2 AND "year" = $3 AND "volume" = $4
                """#, [office, kind, year, volume])
            if there > 0 { found.append(.book(office: office, kind: kind, year: year, volume: volume)) }
        }
        let batches = try Row.fetchAll(source, sql: "SELECT id, contentDigest FROM batch")
        let batchIDs = batches.map { $0[0] as String }
        for id in try present(batchIDs, #"SELECT "id" AS "v" FROM "batch" WHERE "id" = ANY($1::text[])"#) {
            found.append(.batch(id: id))
        }
        let digests = Dictionary(batches.map { ($0[1] as String, $0[0] as String) }, uniquingKeysWith: { first, _ in first })
        for digest in try present(Array(digests.keys), #"SELECT "contentDigest" AS "v" FROM "batch" WHERE "contentDigest" = ANY($1::text[])"#) {
            if let id = digests[digest] { found.append(.batchContent(id: id)) }
        }
        for id in try present(try String.fetchAll(source, sql: "SELECT id FROM record"), #"SELECT "id" AS "v" FROM "record" WHERE "id" = ANY($1::text[])"#) {
            found.append(.record(id: id))
        }
        for id in try present(
            try String.fetchAll(source, sql: "SELECT id FROM exportPackage"), #"SELECT "id" AS "v" FROM "exportPackage" WHERE "id" = ANY($1::text[])"#) {
            found.append(.exportPackage(id: id))
        }
        return Array(Set(found)).sorted()
    }

    /// Which of `values` the query (`$1` the list) finds, asked ten thousand at a time.
    private func present(_ values: [String], _ sql: String) throws -> [String] {
        var found: [String] = []
        var start = 0
        while start < values.count {
            let chunk = Array(values[start..<min(start + 10_000, values.count)])
            found += try target.execute(sql, [PostgresArray(chunk)]).map { try $0.required("v", as: String.self) }
            start += chunk.count
        }
        return found
    }

    // MARK: Copy

    mutating func copy(scanRoots: [String: String], by actor: String, at time: String) throws -> WorkspaceCopyResult {
        try checkEveryTableIsKnown()
        let office = try String.fetchOne(source, sql: "SELECT officeCode FROM workspace") ?? ""
        try copyRows("office", conflict: #"ON CONFLICT ("code") DO NOTHING"#)
        let (users, added, merged, loginsDropped) = try copyUsers()
        if !users.isEmpty {
            try copyRows("userPassphrase", where: "userId IN (\(users.keys.sorted().map(String.init).joined(separator: ", ")))",
                         mapped: ["userId": Self.reference("userPassphrase", "userId", users)])
        }
        let books = try copyBooks()
        try copyRows("batch", mapped: [
            "bookId": Self.reference("batch", "bookId", books),
            // Every batch's scans were copied first; one received in the district since has none
            // in the province's folder, and refuses the copy (run it again).
            "storedRoot": { row in
                guard let root = scanRoots[row["id"] as String] else { throw HoTichError(.database(.copyTableUnreadable(table: "batch"))) }
                return root
            },
        ])
        let scanFiles = try copyScanFiles()
        try copyRows("batchIssue", omitting: ["id"])
        try copyRows("record", mapped: ["scanFileId": Self.reference("record", "scanFileId", scanFiles)])
        try copyRows("keying", omitting: ["id"], mapped: ["scanFileId": Self.reference("keying", "scanFileId", scanFiles)])
        for table in ["importFile", "fieldDecision", "finding", "duplicateFlag"] {
            try copyRows(table, omitting: ["id"])
        }
        let draws = try copySampleDraws()
        try copyRows("sampleItem", mapped: ["drawId": Self.reference("sampleItem", "drawId", draws)])
        try copyRows("exportPackage", orderBy: "rowid")
        try copyRows("exportPackageBatch")
        try copyRows("exportedRecord")
        try copyRows("recordChange", omitting: ["id"])
        try copyRows("nonEntryFile", omitting: ["id"], mapped: ["scanFileId": Self.reference("nonEntryFile", "scanFileId", scanFiles)])
        let plansLeft = try copyPlans()
        let (events, head) = try copyTrail(office: office, by: actor, at: time)
        try target.appendAudit(
            AuditEntry(actor: actor, action: .storeCopy, subject: head, reason: StoreCopyEvent.reason(office: office, events: events)), at: time)
        return WorkspaceCopyResult(
            office: office, rows: rows, usersAdded: added, usersMerged: merged, loginsDropped: loginsDropped, plansLeft: plansLeft,
            calendarDaysLeft: try Int.fetchOne(source, sql: "SELECT COUNT(*) FROM calendarDay") ?? 0,
            claimsLeft: try Int.fetchOne(source, sql: "SELECT COUNT(*) FROM claim") ?? 0, scanFiles: 0, events: events, headHash: head)
    }

    /// The district's books, each given the province's number (none is there: no conflict).
    private mutating func copyBooks() throws -> [Int64: Int64] {
        var books: [Int64: Int64] = [:]
        try requireColumns("book", ["id", "officeCode", "kind", "year", "volume"])
        for row in try Row.fetchAll(source, sql: "SELECT id, officeCode, kind, year, volume FROM book ORDER BY id") {
            books[row[0]] = try target.execute(#"""
                INSERT INTO "book" ("officeCode", "kind", "year", "volume") VALUES ($1, $2, $3, $4) RETURNING "id"
                """#, [row[1] as String, row[2] as String, row[3] as Int64, row[4] as Int64]).first?.required("id") ?? 0
        }
        rows["book"] = books.count
        return books
    }

    /// Copies the scan files by `COPY`, then reads back the province's number of each (a file is
    /// known by its batch and path).
    private mutating func copyScanFiles() throws -> [Int64: Int64] {
        try copyRows("scanFile", omitting: ["id"])
        let batchIDs = try String.fetchAll(source, sql: "SELECT id FROM batch")
        var copied: [String: Int64] = [:]
        for row in try target.execute(
            #"SELECT "id", "batchId", "path" FROM "scanFile" WHERE "batchId" = ANY($1::text[])"#, [PostgresArray(batchIDs)]) {
            copied["\(try row.required("batchId", as: String.self))\u{0}\(try row.required("path", as: String.self))"] = try row.required("id")
        }
        var numbers: [Int64: Int64] = [:]
        for row in try Row.fetchAll(source, sql: "SELECT id, batchId, path FROM scanFile") {
            numbers[row[0]] = copied["\(row[1] as String)\u{0}\(row[2] as String)"]
        }
        return numbers
    }

    /// The district's acceptance-sample draws, each given the province's number.
    private mutating func copySampleDraws() throws -> [Int64: Int64] {
        var draws: [Int64: Int64] = [:]
        try requireColumns("sampleDraw", [
            "id", "batchId", "aql", "seed", "lotSize", "codeLetter", "sampleSize", "acceptance", "drawnBy", "drawnAt", "outcome",
            "defective", "decidedAt",
        ])
        for row in try Row.fetchAll(source, sql: """
            SELECT id, batchId, aql, seed, lotSize, codeLetter, sampleSize, acceptance, drawnBy, drawnAt, outcome, defective, decidedAt
            FROM sampleDraw ORDER BY id
            """) {
            let values: [any PostgresBindable] = (1...12).map { index in Self.bindable(row[index] as DatabaseValue) }
            draws[row[0]] = try target.execute(#"""
                INSERT INTO "sampleDraw" ("batchId", "aql", "seed", "lotSize", "codeLetter", "sampleSize", "acceptance", "drawnBy",
                                          "drawnAt", "outcome", "defective", "decidedAt")
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "id"
                """#, values).first?.required("id") ?? 0
        }
        rows["sampleDraw"] = draws.count
        return draws
    }

    /// The district's plans, unless the province already plans for that office; how many were left.
    private mutating func copyPlans() throws -> Int {
        let planned = Set(try target.execute(#"SELECT DISTINCT "officeCode" FROM "progressPlan""#).map { try $0.required("officeCode", as: String.self) })
        let districtPlans = try String.fetchAll(source, sql: "SELECT officeCode FROM progressPlan")
        let kept = Array(Set(districtPlans).subtracting(planned)).sorted()
        if !kept.isEmpty {
            try copyRows("progressPlan", omitting: ["id"], where: "officeCode IN (\(kept.map { _ in "?" }.joined(separator: ", ")))",
                         arguments: StatementArguments(kept))
        }
        return districtPlans.filter { planned.contains($0) }.count
    }

    /// The district's trail, kept as it is beside its `consolidation` row; its events and last hash.
    private mutating func copyTrail(office: String, by actor: String, at time: String) throws -> (events: Int, head: String) {
        let events = try Int.fetchOne(source, sql: "SELECT COUNT(*) FROM auditEvent") ?? 0
        let first = try String.fetchOne(source, sql: "SELECT hash FROM auditEvent ORDER BY id LIMIT 1") ?? AuditTrail.genesis
        let head = try String.fetchOne(source, sql: "SELECT hash FROM auditEvent ORDER BY id DESC LIMIT 1") ?? AuditTrail.genesis
        let consolidation: Int64 = try target.execute(#"""
            INSERT INTO "consolidation" ("officeCode", "firstHash", "headHash", "events", "copiedAt", "copiedBy")
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING "id"
            """#, [office, first, head, events, time, actor]).first?.required("id") ?? 0
        try copyRows("auditEvent", into: "consolidatedEvent", orderBy: "id", constants: ["consolidationId": String(consolidation)])
        return (events, head)
    }

    /// Refuses a district workspace holding a table the copy does not know what to do with.
    private func checkEveryTableIsKnown() throws {
        let tables = try Row.fetchAll(source, sql: """
            SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
            """)
        // A virtual table's own storage (the name index's recordName_data…) goes with it.
        let shadowPrefixes = tables.filter { $0[1] as Bool }.map { ($0[0] as String) + "_" }
        let known = Set(Self.copiedTables).union(Self.provinceOwnTables)
        let names = tables.map { $0[0] as String }.filter { name in !shadowPrefixes.contains { name.hasPrefix($0) } }
        if let unknown = names.sorted().first(where: { !known.contains($0) }) {
            throw HoTichError(.database(.copyTableUnreadable(table: unknown)))
        }
    }

    /// Refuses a district table whose columns are not exactly those the copy reads by name (a
    /// column a later version adds would otherwise be left behind without a word).
    private func requireColumns(_ table: String, _ names: Set<String>) throws {
        guard Set(try source.columns(in: table).map(\.name)) == names else {
            throw HoTichError(.database(.copyTableUnreadable(table: table)))
        }
    }

    /// The district's users in the province, by name: the province's id of each district user
    /// copied, those added (a district administrator becomes a supervisor: the province's
    /// administrators are its own), those whose name the province already had (the same person),
    /// and those copied without the account another province user is bound to.
    private mutating func copyUsers() throws -> (
        copied: [Int64: Int64], added: [CopiedUser], merged: [CopiedUser], loginsDropped: [String]
    ) {
        var (copied, added, merged, loginsDropped) = ([Int64: Int64](), [CopiedUser](), [CopiedUser](), [String]())
        try requireColumns("user", ["id", "name", "role", "createdAt", "createdBy", "login"])
        for row in try Row.fetchAll(source, sql: "SELECT id, name, role, createdAt, createdBy, login FROM user ORDER BY id") {
            let (name, districtRole): (String, String) = (row[1], row[2])
            if let existing = try target.execute(#"SELECT "role" FROM "user" WHERE "name" = $1"#, [name]).first {
                merged.append(CopiedUser(name: name, role: try existing.required("role"), roleInDistrict: districtRole))
                continue
            }
            var login: String? = row[5]
            if let account = login, try target.count(#"SELECT COUNT(*) FROM "user" WHERE "login" = $1"#, [account]) > 0 {
                login = nil
                loginsDropped.append(name)
            }
            let role = districtRole == Role.admin.rawValue ? Role.supervisor.rawValue : districtRole
            copied[row[0]] = try target.execute(#"""
                INSERT INTO "user" ("name", "role", "createdAt", "createdBy", "login") VALUES ($1, $2, $3, $4, $5) RETURNING "id"
                """#, [name, role, row[3] as String, row[4] as String?, login]).first?.required("id") ?? 0
            added.append(CopiedUser(name: name, role: role, roleInDistrict: districtRole))
        }
        rows["user"] = copied.count
        return (copied, added, merged, loginsDropped)
    }

    /// A column's province value, read from the district's row.
    typealias ColumnMap = [String: (Row) throws -> String?]

    /// The province's number for the district's number in `column` (NULL staying NULL); a number
    /// the copy has no province number for refuses the copy rather than losing the reference.
    static func reference(_ table: String, _ column: String, _ numbers: [Int64: Int64]) -> (Row) throws -> String? {
        { row in
            guard let number: Int64 = row[column] else { return nil }
            guard let copied = numbers[number] else { throw HoTichError(.database(.copyTableUnreadable(table: table))) }
            return String(copied)
        }
    }

    /// Copies the rows of the district's `table` (those `condition` selects) into the province's
    /// `targetTable` by `COPY`, column for column as PostgreSQL has them: `omitting` columns the
    /// province numbers itself, `mapped` columns given the province's values, `constants` filling
    /// columns the district does not have. Every column of the district's table must be copied or
    /// omitted, so that none is dropped without a word.
    private mutating func copyRows(
        _ table: String, into targetTable: String? = nil, omitting: Set<String> = [], where condition: String? = nil,
        arguments: StatementArguments = [], orderBy: String? = nil, constants: [String: String] = [:], conflict: String? = nil,
        mapped: ColumnMap = [:]
    ) throws {
        let targetTable = targetTable ?? table
        let columns = try target.execute(#"""
            SELECT "column_name" AS "name", "data_type" AS "type" FROM information_schema.columns
            WHERE "table_schema" = current_schema() AND "table_name" = $1
              AND "is_generated" = 'NEVER' AND "identity_generation" IS DISTINCT FROM 'ALWAYS'
            ORDER BY "ordinal_position"
            """#, [targetTable]).map { (name: try $0.required("name", as: String.self), type: try $0.required("type", as: String.self)) }
            .filter { !omitting.contains($0.name) }
        let sourceColumns = Set(try source.columns(in: table).map(\.name))
        let fromSource = columns.filter { constants[$0.name] == nil }
        guard !columns.isEmpty, fromSource.allSatisfy({ sourceColumns.contains($0.name) }),
              sourceColumns.subtracting(omitting).isSubset(of: Set(fromSource.map(\.name))) else {
            throw HoTichError(.database(.copyTableUnreadable(table: table)))
        }
        let selected = fromSource.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let cursor = try Row.fetchCursor(
            source, sql: "SELECT \(selected) FROM \"\(table)\"\(condition.map { " WHERE \($0)" } ?? "")\(orderBy.map { " ORDER BY \($0)" } ?? "")",
            arguments: arguments)
        let columnList = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        var load: [[String?]] = []
        var count = 0
        func flush() throws {
            guard !load.isEmpty else { return }
            if let conflict {
                // COPY has no ON CONFLICT: rows that may be there already go one by one.
                let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
                for values in load {
                    count += try target.execute(
                        "INSERT INTO \"\(targetTable)\" (\(columnList)) VALUES (\(placeholders)) \(conflict)",
                        values.map { $0.map { $0 as any PostgresBindable } ?? PostgresNull() }).affected
                }
            } else {
                count += try target.connection.copy("COPY \"\(targetTable)\" (\(columnList)) FROM STDIN", rows: load)
            }
            load.removeAll(keepingCapacity: true)
        }
        while let row = try cursor.next() {
            var values: [String?] = []
            values.reserveCapacity(columns.count)
            for column in columns {
                if let constant = constants[column.name] {
                    values.append(constant)
                } else if let map = mapped[column.name] {
                    values.append(try map(row))
                } else {
                    values.append(try Self.text(row[column.name], boolean: column.type == "boolean", table: table))
                }
            }
            load.append(values)
            if load.count >= 5_000 { try flush() }
        }
        try flush()
        rows[targetTable, default: 0] += count
    }

    /// A SQLite value in `COPY`'s text form.
    static func text(_ value: DatabaseValue, boolean: Bool, table: String) throws -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return boolean ? (number != 0 ? "t" : "f") : String(number)
        case .double(let number): return String(number)
        case .string(let text): return boolean ? (text == "0" || text.isEmpty ? "f" : "t") : text
        case .blob: throw HoTichError(.database(.copyTableUnreadable(table: table)))
        }
    }

    static func bindable(_ value: DatabaseValue) -> any PostgresBindable {
        switch value.storage {
        case .null, .blob: PostgresNull()
        case .int64(let number): number
        case .double(let number): String(number)
        case .string(let text): text
        }
    }
}
