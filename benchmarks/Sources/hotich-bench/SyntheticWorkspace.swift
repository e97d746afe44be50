import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// Builds a workspace of N keyed records (plus the scan files of batches not keyed yet) across offices, books and batches, for all five kinds and in
/// every lifecycle state, deterministically for a seed.
///
/// Rows are written with prepared statements in large transactions, bypassing the per-record
/// audit events that keying writes (one `generate` event per batch is written instead), so that a
/// million records take about a minute rather than the hours real keying would; the progress
/// summary and the name index are then computed from them at once.
struct SyntheticWorkspace {
    var records: Int
    var seed: UInt64 = 1
    var batchSize = 500
    var offices = 20
    /// Share of double-keyed records whose two passes disagree on at least one field.
    var disagreementRate = 0.08
    /// Write tiny placeholder scan files (otherwise only the manifest rows exist).
    var withFiles = false
    /// Only this kind (all five otherwise).
    var onlyKind: RecordKind?
    /// Only this state, with the double-keying policy (every state otherwise).
    var onlyState: BatchState?
    /// Spread the work over this many days before today (0: everything happens now). With a
    /// history, batches arrive in turn, older ones further along (exported, with receipts), and
    /// each record is keyed, verified and exported on days of its own: what progress reports read.
    var historyDays = 0

    static let kindShares: [(RecordKind, Double)] = [(.birth, 50), (.death, 20), (.marriage, 20), (.maritalStatus, 5), (.parentChild, 5)]
    static let stateShares: [(BatchState, Double)] = [
        (.exported, 30), (.verified, 10), (.verifying, 10), (.keyed, 15), (.keying, 15), (.received, 15), (.onHold, 5),
    ]

    /// Creates the workspace in `folder` and returns it.
    func build(in folder: URL, progress: (Int) -> Void = { _ in }) throws -> Workspace {
        let workspace = try Workspace.create(at: folder, office: OfficeCode(literal: "20245"), name: "Sở Tư pháp (dữ liệu tổng hợp)", admin: "quantri")
        let admin = try workspace.session(as: "quantri")
        for (name, role) in [("giamsat", Role.supervisor), ("nhaplieu1", .operator), ("nhaplieu2", .operator), ("kiemtra", .verifier)] {
            try admin.addUser(name: name, role: role)
        }
        var people = SyntheticPeople(random: SeededGenerator(seed: seed))
        let kindWeights = SyntheticPeople.cumulative(Self.kindShares.map(\.1))
        let stateWeights = SyntheticPeople.cumulative(Self.stateShares.map(\.1))
        var nextNumber: [String: Int] = [:]
        var written = 0
        var batchIndex = 0
        let scans = workspace.folder.appendingPathComponent("scans/synthetic")
        // A bulk load: the secondary indexes are dropped first and built once at the end, which is
        // faster than updating them row by row (the same SQL the migrations wrote recreates them).
        let indexes = try workspace.sqlite.databaseWrite { db -> [String] in
            let definitions = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('record', 'keying', 'scanFile')
                """)
            for name in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('record', 'keying', 'scanFile')
                """) {
                try db.execute(sql: "DROP INDEX \"\(name)\"")
            }
            return definitions
        }
        // A throw-away workspace: commits need not wait for the disk while it is filled.
        try workspace.sqlite.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        }
        defer {
            try? workspace.sqlite.databaseWrite { db in
                for definition in indexes { try db.execute(sql: definition) }
                // Rows written here bypass the store, which counts each record and keying it writes in
                // the progress summary and indexes its names: both are computed once, at the end.
                let store = SQLiteTransaction(db)
                try store.rebuildProgressSummaryWithoutComparing()
                _ = try store.rebuildSearchIndexWithoutComparing()
            }
            try? workspace.sqlite.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        while written < records {
            let count = min(batchSize, records - written)
            let office = OfficeCode("\(20_200 + batchIndex % offices)") ?? OfficeCode(literal: "20245")
            let drawnKind = Self.kindShares[people.random.pick(cumulative: kindWeights)].0
            let kind = onlyKind ?? drawnKind
            let year = 1990 + (batchIndex / offices) % 30
            let drawnState = Self.stateShares[people.random.pick(cumulative: stateWeights)].0
            // With a history, how far through the records this batch comes (0 oldest, 1 newest).
            let age = Double(written) / Double(records)
            let received: CivilDate? = historyDays > 0
                ? CivilDate.today().adding(days: -historyDays + Int(age * Double(max(1, historyDays - 2)))) : nil
            let state = onlyState
                ?? received.map { Self.state(daysAgo: $0.days(to: CivilDate.today()), index: batchIndex, people: &people) } ?? drawnState
            let drawnPolicy: VerificationPolicy = people.random.chance(0.8) ? .double : (people.random.chance(0.5) ? .review : .sample)
            let policy = onlyState == nil ? drawnPolicy : .double
            let recorded = try workspace.sqlite.databaseWrite { db in
                try writeBatch(
                    db, index: batchIndex, office: office, kind: kind, year: year, state: state, policy: policy,
                    count: count, people: &people, nextNumber: &nextNumber, scans: scans, received: received)
            }
            written += recorded
            batchIndex += 1
            progress(written)
        }
        return workspace
    }

    /// With a history, how far a batch received `daysAgo` has come: keyed in the days after it
    /// came, verified a week later, exported and receipted within a month; the newest are still
    /// being keyed, and one in four of them is not started yet.
    static func state(daysAgo: Int, index: Int, people: inout SyntheticPeople) -> BatchState {
        if people.random.chance(0.02) { return .onHold }
        switch daysAgo {
        case 31...: return .exported
        case 14...: return .verified
        case 12...: return .verifying
        case 9...: return .keyed
        default: return index % 4 == 0 ? .received : .keying
        }
    }

    /// A stored time on `day` in Vietnam's working hours (08:00 + `seconds`), UTC as stored.
    static func time(_ day: CivilDate, seconds: Int) -> String {
        let clock = min(seconds, 8 * 3_600 - 1)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day.iso)T\(two(1 + clock / 3_600)):\(two(clock / 60 % 60)):\(two(clock % 60)).000Z"
    }

    /// The first weekday on or after `day`.
    static func weekday(_ day: CivilDate) -> CivilDate {
        var day = day
        while day.isWeekend { day = day.adding(days: 1) }
        return day
    }

    /// `value` as `digits` lower-case hexadecimal digits (the low ones).
    static func hex(_ value: UInt64, _ digits: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= digits ? String(text.suffix(digits)) : String(repeating: "0", count: digits - text.count) + text
    }

    /// Adds one batch of `count` records to an existing workspace (for the verify benchmark) and
    /// returns its id. Its people are drawn like the rest, so some meet earlier entries by name.
    func appendBatch(
        to workspace: Workspace, count: Int, kind: RecordKind, office: OfficeCode, year: Int, state: BatchState, policy: VerificationPolicy
    ) throws -> String {
        var people = SyntheticPeople(random: SeededGenerator(seed: seed &+ 7_919))
        var nextNumber: [String: Int] = [:]
        let scans = workspace.folder.appendingPathComponent("scans/synthetic")
        let index = 10_000_000 + Int(seed)
        _ = try workspace.sqlite.databaseWrite { db in
            try writeBatch(db, index: index, office: office, kind: kind, year: year, state: state, policy: policy,
                           count: count, people: &people, nextNumber: &nextNumber, scans: scans)
        }
        return try workspace.sqlite.databaseRead { db in
            try String.fetchOne(db, sql: "SELECT id FROM batch WHERE contentDigest = ?", arguments: ["synthetic-\(seed)-\(index)"]) ?? ""
        }
    }

    private func writeBatch(
        _ db: Database, index: Int, office: OfficeCode, kind: RecordKind, year: Int, state: BatchState,
        policy: VerificationPolicy, count: Int, people: inout SyntheticPeople, nextNumber: inout [String: Int], scans: URL,
        received: CivilDate? = nil
    ) throws -> Int {
        var recorded = 0
        let now = received.map { Self.time(Self.weekday($0), seconds: 0) } ?? Timestamp.now()
        try db.execute(sql: "INSERT OR IGNORE INTO office (code, name) VALUES (?, ?)", arguments: [office.value, "UBND xã \(office.value)"])
        let volume = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM book WHERE officeCode = ? AND kind = ? AND year = ?",
                                       arguments: [office.value, kind.code, year]) ?? 0) + 1
        try db.execute(sql: "INSERT INTO book (officeCode, kind, year, volume) VALUES (?, ?, ?, ?)",
                       arguments: [office.value, kind.code, year, volume])
        let bookId = db.lastInsertedRowID
        let book = BookIdentity(office: office, kind: kind, year: year, volume: volume)
        let batchId = BatchIdentifier.make(book: book, sequence: 1)
        let root = scans.appendingPathComponent(batchId)
        let onHold = state == .onHold
        try db.execute(sql: """
            INSERT INTO batch (id, bookId, sequence, policy, state, heldFrom, sourcePath, sourceKind, storedRoot, fileCount,
                               totalBytes, contentDigest, receivedAt, receivedBy, updatedAt)
            VALUES (?, ?, 1, ?, ?, ?, ?, 'folder', ?, ?, ?, ?, ?, 'giamsat', ?)
            """, arguments: [batchId, bookId, policy.rawValue, state.rawValue, onHold ? BatchState.keying.rawValue : nil,
                             root.path, root.path, count, Int64(count) * 100_000, "synthetic-\(seed)-\(index)", now, now])
        if withFiles { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }

        let keyedShare: Double = switch state {
        case .received: 0
        case .keying, .onHold: 0.5
        default: 1
        }
        let passes = policy == .double ? [1, 2] : [1]
        let fileStatement = try db.makeStatement(sql: """
            INSERT INTO scanFile (batchId, path, bytes, sha256, format, usable, nameNumber, nameDate)
            VALUES (?, ?, 100000, ?, 'pdf', 1, ?, ?)
            """)
        let recordStatement = try db.makeStatement(sql: """
            INSERT INTO record (id, batchId, scanFileId, entryKey, kind, officeCode, registrationYear, number, version,
                                fields, subjectName, subjectBirthYear, subjectPersonalID, status, verifiedAt, verifiedBy, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let status = [.verified, .exporting, .exported].contains(state) ? "verified" : "keyed"
        let personalIDKey = FieldCatalog.subjectPersonalIDKey(for: kind)
        let keyingStatement = try db.makeStatement(sql: """
            INSERT INTO keying (batchId, entryKey, scanFileId, recordId, pass, operator, state, fields, position, source, startedAt, savedAt)
            VALUES (?, ?, ?, ?, ?, ?, 'complete', ?, 0, 'synthetic', ?, ?)
            """)
        let exportStatement = try db.makeStatement(sql: """
            INSERT INTO exportedRecord (recordId, version, packageId, file, exportedAt, receipt, receiptCode, receiptAt)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?)
            """)
        let packageId = "synthetic-\(seed)-\(index)"
        let deliveredAndReceipted = state == .exported && received != nil
        if deliveredAndReceipted {
            try db.execute(sql: """
                INSERT INTO exportPackage (id, state, folder, createdAt, createdBy, finishedAt, records)
                VALUES (?, 'complete', '/tmp/synthetic', ?, 'giamsat', ?, ?)
                """, arguments: [packageId, now, now, count])
        }
        let counterKey = "\(office.value)/\(kind.code)/\(year)"
        var month = 1
        var day = 1
        for position in 0..<count {
            let number = (nextNumber[counterKey] ?? 0) + 1
            nextNumber[counterKey] = number
            // Registration dates rise through the year with the numbers.
            if people.random.chance(0.3) {
                day += 1
                if day > 28 { day = 1; month = min(12, month + 1) }
            }
            let so = number < 10 ? "0\(number)" : "\(number)"
            let isoDate = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let registered = "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).\(year)"
            let path = "\(kind.code).\(year).\(book.volumeText).\(isoDate).\(so).pdf"
            // A 64-digit hexadecimal placeholder, unique per file (the files themselves are not written).
            let sha = (0..<4).map { _ in Self.hex(people.random.next(), 16) }.joined()
            try fileStatement.execute(arguments: [batchId, path, sha, so, registered])
            let fileId = db.lastInsertedRowID
            if withFiles {
                try Data(SampleScans.pdf(text: path).utf8).write(to: root.appendingPathComponent(path))
            }
            guard Double(position) < Double(count) * keyedShare else { continue }
            let fields = makeFields(kind: kind, so: so, volume: book.quyenSo, registered: registered, year: year,
                                    month: month, day: day, office: office, people: &people)
            // UUID-shaped (version 7 layout) and deterministic: seed, batch, position.
            let recordId = Self.hex(UInt64(truncatingIfNeeded: seed), 8) + "-" + Self.hex(UInt64(index >> 16), 4) + "-7"
                + Self.hex(UInt64(index & 0xFFF), 3) + "-8" + Self.hex(UInt64((index >> 12) & 0xF), 3) + "-" + Self.hex(UInt64(position), 12)
            recorded += 1
            // With a history: keyed over the four days after the batch came, the second pass a
            // day later, verified a week after, exported a week after that, the receipt two days on.
            var keyedAt = now, secondAt = now, verifiedAt = now, exportedAt = now, receiptAt = now
            if let received {
                let keyedDay = Self.weekday(received.adding(days: 1 + position * 4 / max(1, count)))
                let seconds = position * 20 % (8 * 3_600)
                keyedAt = Self.time(keyedDay, seconds: seconds)
                secondAt = Self.time(Self.weekday(keyedDay.adding(days: 1)), seconds: seconds)
                verifiedAt = Self.time(Self.weekday(keyedDay.adding(days: 7)), seconds: seconds)
                exportedAt = Self.time(Self.weekday(keyedDay.adding(days: 14)), seconds: seconds)
                receiptAt = Self.time(Self.weekday(keyedDay.adding(days: 16)), seconds: seconds)
            }
            let entryKey = "file:\(fileId)"
            try recordStatement.execute(arguments: [
                recordId, batchId, fileId, entryKey, kind.code, office.value, year, so, FieldSetJSON.encode(fields),
                fields[FieldCatalog.subjectNameKey(for: kind)]?.text.map(VietnameseText.folded),
                fields[FieldCatalog.subjectBirthDateKey(for: kind)]?.text.flatMap { PartialDate($0) }?.year,
                personalIDKey.flatMap { fields[$0]?.text }.flatMap { PersonalIDNumber($0)?.digits }, status,
                status == "verified" ? verifiedAt : nil, status == "verified" ? "kiemtra" : nil, keyedAt, keyedAt,
            ])
            if deliveredAndReceipted {
                let accepted = people.random.chance(0.97)
                try exportStatement.execute(arguments: [
                    recordId, packageId, "\(batchId).xml", exportedAt, accepted ? "accepted" : "rejected", accepted ? nil : "E-PIN",
                    receiptAt,
                ])
            }
            for pass in passes {
                var keyed = fields
                if pass == 2 && people.random.chance(disagreementRate) { keyed = slip(keyed, people: &people) }
                // As keying stores them: the keying that created the record shares its values.
                try keyingStatement.execute(arguments: [
                    batchId, entryKey, fileId, recordId, pass, pass == 1 ? "nhaplieu1" : "nhaplieu2",
                    pass == 1 ? nil : FieldSetJSON.encode(keyed), pass == 1 ? keyedAt : secondAt, pass == 1 ? keyedAt : secondAt,
                ])
            }
        }
        try SQLiteTransaction(db).appendAudit(
            AuditEntry(actor: "quantri", action: .other("generate"), batchId: batchId, toState: state.rawValue, reason: "synthetic seed \(seed)"),
            at: now)
        return recorded
    }

    /// The fields of one synthetic entry of `kind`.
    private func makeFields(
        kind: RecordKind, so: String, volume: String, registered: String, year: Int, month: Int, day: Int,
        office: OfficeCode, people: inout SyntheticPeople
    ) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [
            "so": .filled(so), "quyenSo": .filled(volume), "ngayDangKy": .filled(registered),
            "nguoiKy": .filled(people.name(male: people.random.chance(0.6))), "chucVuNguoiKy": .filled("Chủ tịch UBND xã"),
            "ghiChu": .blank,
        ]
        fields[kind == .maritalStatus ? "noiCap" : "noiDangKy"] = .filled("UBND xã \(office.value)")
        if kind != .maritalStatus { fields["loaiDangKy"] = .filled(kind == .marriage ? "Đăng ký lần đầu" : "Đăng ký đúng hạn") }
        let male = people.random.chance(0.51)
        let sex: FieldValue = .filled(male ? "Nam" : "Nữ")
        switch kind {
        case .birth:
            let family = people.surname()
            fields["nksHoTen"] = .filled(people.name(male: male, surname: family).uppercased())
            fields["nksGioiTinh"] = sex
            let born = people.birthDate(year: year, before: (day, month))
            fields["nksNgaySinh"] = .filled(born)
            fields["nksNoiSinh"] = .filled(SyntheticPeople.birthPlaces.randomElement(using: &people.random) ?? "Tại nhà")
            fields["nksDanToc"] = .filled("Kinh")
            fields["nksQuocTich"] = .filled("Việt Nam")
            if year >= 2016 { fields["nksSoDinhDanh"] = .filled(people.personalID(male: male, year: year, province: "049")) }
            fields["meHoTen"] = .filled(people.name(male: false))
            fields["meNgaySinh"] = .filled(String(year - Int.random(in: 19...40, using: &people.random)))
            fields["meNoiCuTru"] = .filled(people.place())
            if people.random.chance(0.93) {
                fields["chaHoTen"] = .filled(people.name(male: true, surname: family))
                fields["chaNgaySinh"] = .filled(String(year - Int.random(in: 21...45, using: &people.random)))
            } else {
                fields["chaHoTen"] = .blank
            }
        case .death:
            fields["nktHoTen"] = .filled(people.name(male: male))
            fields["nktGioiTinh"] = sex
            fields["nktNgaySinh"] = .filled(String(year - Int.random(in: 1...95, using: &people.random)))
            fields["nktNgayChet"] = .filled(people.birthDate(year: year, before: (day, month)))
            fields["nktNoiChet"] = .filled(people.random.chance(0.6) ? "Tại nhà" : "Bệnh viện đa khoa tỉnh")
            fields["nktNoiCuTru"] = .filled(people.place())
        case .marriage:
            fields["chongHoTen"] = .filled(people.name(male: true))
            fields["chongNgaySinh"] = .filled(people.birthDate(year: year - Int.random(in: 20...35, using: &people.random), before: (28, 12)))
            fields["voHoTen"] = .filled(people.name(male: false))
            fields["voNgaySinh"] = .filled(people.birthDate(year: year - Int.random(in: 18...32, using: &people.random), before: (28, 12)))
            fields["chongNoiCuTru"] = .filled(people.place())
            fields["voNoiCuTru"] = .filled(people.place())
        case .maritalStatus:
            fields["nxnHoTen"] = .filled(people.name(male: male))
            fields["nxnGioiTinh"] = sex
            fields["nxnNgaySinh"] = .filled(people.birthDate(year: year - Int.random(in: 18...60, using: &people.random), before: (28, 12)))
            fields["nxnTinhTrangHonNhan"] = .filled("Chưa đăng ký kết hôn với ai")
            fields["nxnNoiCuTru"] = .filled(people.place())
        case .parentChild:
            fields["loaiXacNhan"] = .filled("Cha nhận con")
            fields["cmHoTen"] = .filled(people.name(male: true))
            fields["cmNgaySinh"] = .filled(String(year - Int.random(in: 22...50, using: &people.random)))
            fields["ncHoTen"] = .filled(people.name(male: male))
            fields["ncNgaySinh"] = .filled(people.birthDate(year: year - Int.random(in: 0...15, using: &people.random), before: (28, 12)))
        }
        return fields
    }

    /// A second keyer's slip: a lost tone mark, a swapped digit, or a field left blank.
    private func slip(_ fields: [String: FieldValue], people: inout SyntheticPeople) -> [String: FieldValue] {
        var out = fields
        let keys = fields.keys.sorted()
        guard let key = keys.randomElement(using: &people.random), let text = fields[key]?.text else { return out }
        switch Int.random(in: 0..<3, using: &people.random) {
        case 0: out[key] = .filled(VietnameseText.folded(text))
        case 1: out[key] = .filled(String(text.reversed()))
        default: out[key] = .blank
        }
        return out
    }
}
