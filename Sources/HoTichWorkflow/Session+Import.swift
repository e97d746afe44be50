public import Foundation
import HoTichExchange
public import HoTichModel
import HoTichStore
import Logging

/// What the operator asks when importing a spreadsheet of keyed entries.
public struct ImportRequest: Sendable {
    public var batchID: String
    /// A CSV (UTF-8, `,` or `;`) or XLSX file whose header row holds the Ministry's field names
    /// or the labels printed on the register.
    public var file: URL
    public var pass: Int
    /// Import the valid rows and reject the others, instead of all or nothing.
    public var partial: Bool
    /// Where rejected rows are written, as they were, with the reasons in added columns; default
    /// `FILE.rejects.csv`.
    public var rejectsFile: URL?
    /// The language of the reasons in the reject file.
    public var language: Language
    /// Told how many rows have been read and checked, every thousand, before any is written (no
    /// lock is held then).
    public var progress: (@Sendable (_ rows: Int) -> Void)?
    /// How the file's text is read: legacy TCVN3/VNI text is found and converted by `auto`.
    public var encoding: TextEncodingChoice = .auto

    public init(
        batchID: String, file: URL, pass: Int = 1, partial: Bool = false, rejectsFile: URL? = nil,
        language: Language = .vietnamese, progress: (@Sendable (_ rows: Int) -> Void)? = nil,
        encoding: TextEncodingChoice = .auto
    ) {
        self.encoding = encoding
        self.batchID = batchID
        self.file = file
        self.pass = pass
        self.partial = partial
        self.rejectsFile = rejectsFile
        self.language = language
        self.progress = progress
    }
}

/// One reason a row was rejected.
public struct ImportProblem: Sendable, Equatable {
    public let row: Int
    /// The column (field key), or `*` for the whole row.
    public let column: String
    public let code: String
    public let message: Message
}

/// What an import did. The counts add up: `read == imported + rejected + alreadyPresent`.
public struct ImportReport: Sendable {
    public let read: Int
    public let imported: Int
    public let rejected: Int
    public let alreadyPresent: Int
    public let problems: [ImportProblem]
    /// When and by whom the same file (by SHA-256) was imported before, if it was.
    public let seenBefore: (at: String, by: String)?
    /// Where the rejected rows were written, when any were and `partial` was asked.
    public let rejectsFile: URL?
    /// Rows above the header row that were skipped (a title, a heading).
    public var rowsAboveHeader = 0
    /// What was converted from a legacy encoding, when anything was.
    public var textConversion: TextConversionReport?
}

extension Session {
    /// Imports keyed entries from a CSV or XLSX file, each row checked by the same rules as
    /// interactive keying.
    ///
    /// Without ``ImportRequest/partial`` the file goes in whole or not at all. Rows already
    /// imported (same entry, same pass) are counted as already present, never duplicated.
    public func importKeyings(_ request: ImportRequest) throws -> ImportReport {
        try require(.keyRecords)
        guard request.pass == 1 || request.pass == 2 else { throw HoTichError(.invalidPass(request.pass)) }
        let (batch, book) = try workspace.store.read { tx in try Self.batchAndBook(request.batchID, in: tx) }
        if request.pass == 2 && batch.policy != .double {
            throw HoTichError(.policyHasNoSecondPass(batchID: batch.id, policy: batch.policy))
        }
        var staged = try stageImport(
            file: request.file, book: book, batchID: batch.id, partial: request.partial, rejectsFile: request.rejectsFile,
            language: request.language, progress: request.progress, encoding: request.encoding)
        defer { staged.discard() }
        let seenBefore = try workspace.store.read { tx in
            try tx.earlierImport(batch: request.batchID, pass: request.pass, sha256: staged.fileHash).map { (at: $0.at, by: $0.by) }
        }
        if staged.tally.rejected > 0 && !request.partial { return staged.refusedReport(seenBefore: seenBefore) }
        do {
            try workspace.store.write { tx in
                // Against the batch as it is now. A batch past keying may still be asked about: rows
                // already present are counted, and only a row that would change it is refused.
                let (batch, book) = try Self.batchAndBook(request.batchID, in: tx)
                try writeStaged(&staged, batch: batch, book: book, pass: request.pass, source: "import", in: tx)
            }
        } catch let refused as AllOrNothing {
            return ImportReport(
                read: refused.read, imported: 0, rejected: refused.rejected, alreadyPresent: refused.alreadyPresent,
                problems: refused.problems, seenBefore: seenBefore, rejectsFile: nil, rowsAboveHeader: staged.rowsAboveHeader,
                textConversion: staged.conversion)
        }
        let rows = staged.tally
        workspace.logger.info(
            "import done",
            metadata: ["batch": "\(request.batchID)", "imported": "\(rows.imported)", "rejected": "\(rows.rejected)"])
        return staged.report(seenBefore: seenBefore)
    }

    /// Reads and checks every row of `file` for `book` before anything is written (and without the
    /// write lock), putting the acceptable ones aside in a staging folder of the import's own and
    /// the refused ones in the reject file (opened when `partial`).
    /// - Parameters:
    ///   - columns: the columns when a template gives them; the file's own header row otherwise.
    ///   - header: with `columns`, the template's header row: rows of the file that repeat it (its
    ///     own header, repeated on each printed page) are skipped, as blank rows are.
    ///   - states: cells whose state their text does not say, by row and column.
    func stageImport(
        file: URL, book: BookIdentity, batchID: String, partial: Bool, rejectsFile: URL?, language: Language,
        progress: (@Sendable (Int) -> Void)?, encoding: TextEncodingChoice = .auto, columns: [FieldDefinition?]? = nil,
        skippingRowsLike header: [String]? = nil, states: [Int: [Int: MinistryLayout.CellState]] = [:]
    ) throws -> StagedImport {
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else { throw HoTichError(.pathNotFound(path)) }
        let fileHash: String
        do {
            fileHash = try FileFingerprint.read(file).sha256
        } catch {
            throw HoTichError(.importUnreadable(path: path))
        }
        // The import's own staging folder (owner-only, held by its lock, removed on every path and by
        // the next command after a crash): a workbook's parts are unpacked there, its checked rows
        // are put aside there.
        let staging: StagingFolder
        do {
            staging = try StagingFolder.make(in: workspace.stagingFolder, modes: workspace.modes)
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: workspace.stagingFolder.path) ?? HoTichError(.fileCopyFailed(path))
        }
        var done = false
        defer { if !done { staging.discard() } }
        var source: any TabularSource
        do {
            source = try LegacyTextReading.open(file, temporaryFolder: staging.url, choice: encoding)
        } catch {
            throw Self.importError(error, path: path)
        }
        let converting = source as? ConvertingSource
        if let header, columns != nil { source = RowsLikeSkipped(source, like: header) }
        let header = try columns.map { ImportHeader(cells: header ?? [], columns: $0) } ?? ImportHeader.read(source, kind: book.kind, path: path)
        let rejectsURL = rejectsFile ?? URL(fileURLWithPath: path + ".rejects.csv")
        var rejects: RejectFileWriter?
        if partial {
            rejects = try Self.openRejects(
                at: rejectsURL, source: file, header: header.cells, dialect: source.dialect, language: language)
        }
        var tally = ImportTally(rejects: rejects, language: language, path: path)
        let stagedURL = staging.url.appendingPathComponent("rows")
        do {
            try Self.stage(
                source, header: header, book: book, batchID: batchID, into: stagedURL, tally: &tally, progress: progress, states: states)
        } catch {
            rejects?.discard()
            throw error
        }
        done = true
        return StagedImport(
            staging: staging, rows: stagedURL, file: file, fileHash: fileHash, tally: tally, rejects: rejects, rejectsURL: rejectsURL,
            rowsAboveHeader: header.rowsAbove, conversion: converting?.report)
    }

    /// Writes staged rows into `batch` inside the caller's transaction, as `pass` keyed by the acting
    /// user: the rows, the reject file given its name, the batch into keying, the import's log line
    /// and audit event, and the batch to `keyed` when nothing is left.
    /// - Throws: `AllOrNothing` when rows were refused and the import is not partial.
    func writeStaged(
        _ staged: inout StagedImport, batch: Batch, book: BookIdentity, pass: Int, source: String, in tx: any StoreWriting
    ) throws {
        let me = user.name
        var writer = try RowWriter(
            batch: batch, book: book, pass: pass, operator: me, fileHash: staged.fileHash, source: source, tally: staged.tally, tx: tx)
        writer.writable = batch.state == .received || batch.state == .keying
        try writer.run(StagedRowFile.Reader(url: staged.rows), in: tx)
        staged.tally = writer.tally
        let rows = staged.tally
        if rows.rejected > 0 && staged.rejects == nil { throw AllOrNothing(tally: rows) }
        // The reject file is given its name before the commit: if it cannot be, nothing is imported.
        if rows.rejected > 0 {
            do {
                try staged.rejects?.commit()
            } catch {
                throw HoTichError(.fileCopyFailed(staged.rejectsURL.path))
            }
        }
        let now = Timestamp.now()
        if batch.state == .received && rows.imported > 0 {
            try Self.transition(batch.id, action: .startKeying, actor: me, reason: nil, in: tx)
        }
        try tx.insertImportedFile(ImportedFile(
            batchId: batch.id, pass: pass, sha256: staged.fileHash, fileName: staged.file.lastPathComponent,
            rowsRead: rows.read, imported: rows.imported, rejected: rows.rejected,
            alreadyPresent: rows.alreadyPresent, at: now, by: me))
        try tx.appendAudit(
            AuditEntry(
                actor: me, action: .importFile, batchId: batch.id, subject: staged.fileHash,
                reason: "pass \(pass): \(rows.imported) imported, \(rows.rejected) rejected, \(rows.alreadyPresent) already present"
                    + (staged.conversion.map { "; " + $0.auditSummary } ?? "")),
            at: now)
        try Self.finishKeyingIfComplete(batch.id, actor: me, in: tx)
    }

    /// Reads and checks every row of `source` (on a second thread) and puts the acceptable ones
    /// aside in `url`; refused rows are counted in `tally` and written to its reject file.
    private static func stage(
        _ source: any TabularSource, header: ImportHeader, book: BookIdentity, batchID: String, into url: URL, tally: inout ImportTally,
        progress: ((Int) -> Void)?, states: [Int: [Int: MinistryLayout.CellState]]
    ) throws {
        let staged: StagedRowFile.Writer
        do {
            staged = try StagedRowFile.Writer(url: url)
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: url.deletingLastPathComponent().path) ?? HoTichError(.fileCopyFailed(url.path))
        }
        let checker = ImportRowChecker(columns: header.columns, book: book, batchID: batchID, time: Timestamp.now(), states: states)
        let stream = ImportRowStream(source: source, checker: checker)
        defer { stream.close() }
        var firstRowOfNumber: [String: Int] = [:]
        while true {
            let row: CheckedRow?
            do {
                row = try stream.next()
            } catch {
                throw importError(error, path: tally.path)
            }
            guard let row else { break }
            tally.read += 1
            if tally.read % 1_000 == 0 { progress?(tally.read) }
            guard row.problems.isEmpty, let record = row.record else {
                try tally.reject(row.number, cells: row.cells, row.problems)
                continue
            }
            // One number twice in one file: the second row is refused (the book has one entry per number).
            let number = record.number ?? ""
            let numberKey = "\(RegistrationNumber.value(number) ?? -1)/\(record.registrationYear ?? book.year)"
            if let first = firstRowOfNumber[numberKey] {
                try tally.reject(row.number, cells: row.cells, [ImportProblem(
                    row: row.number, column: "so", code: "duplicate-number",
                    message: .importRowDuplicateNumber(row: row.number, number: number, firstRow: first))])
                continue
            }
            firstRowOfNumber[numberKey] = row.number
            do {
                try staged.append(StagedRow(
                    number: row.number, recordId: record.id, registrationYear: record.registrationYear,
                    registrationNumber: record.number, subjectName: record.subjectName, subjectBirthYear: record.subjectBirthYear,
                    subjectPersonalID: record.subjectPersonalID, registered: row.fields["ngayDangKy"]?.text, packed: row.packed,
                    cells: row.cells))
            } catch {
                throw FileSystemFailure.hotichError(for: error, fallbackPath: url.path) ?? HoTichError(.fileCopyFailed(url.path))
            }
        }
        do {
            try staged.finish()
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: url.path) ?? HoTichError(.fileCopyFailed(url.path))
        }
    }

    /// What a file that cannot be read says to the user: the row and the reason, never a cell's content.
    static func importError(_ error: TabularError, path: String) -> HoTichError {
        switch error {
        case .notUTF8: HoTichError(.importNotUTF8(path: path))
        case .unreadable: HoTichError(.importUnreadable(path: path))
        case .unknownFormat: HoTichError(.importUnknownFormat(path: path))
        case .cellOutOfRange(let row): HoTichError(.importCellOutOfRange(path: path, row: row))
        case .badSharedString(let row): HoTichError(.importBadSharedString(path: path, row: row))
        case .rowTooLarge(let row): HoTichError(.importRowTooLarge(path: path, row: row))
        case .tooLarge(let limit): HoTichError(.importTooLarge(path: path, limitMiB: limit))
        case .encodingUnclear(let columns):
            HoTichError(.place(.encodingUnclear(path: path, columns: columns.map(TextConversionReport.columnLetter))))
        }
    }

    /// Thrown inside the transaction to roll an all-or-nothing import back, with what it found.
    struct AllOrNothing: Error {
        let read: Int
        let rejected: Int
        let alreadyPresent: Int
        let problems: [ImportProblem]

        init(tally: ImportTally) {
            read = tally.read
            rejected = tally.rejected
            alreadyPresent = tally.alreadyPresent
            problems = tally.problems
        }
    }

    /// Opens the reject file: the source's header, spelled like the source (a workbook's rejects
    /// become a CSV that Excel opens as UTF-8), then the row number and the reasons.
    static func openRejects(
        at url: URL, source: URL, header: [String], dialect: CSVDialect?, language: Language
    ) throws -> RejectFileWriter {
        // The file being imported, or a file that is not an earlier reject file, is never overwritten.
        if url.standardizedFileURL.resolvingSymlinksInPath() == source.standardizedFileURL.resolvingSymlinksInPath() {
            throw HoTichError(.importRejectsIsSource(path: url.path))
        }
        guard RejectFileWriter.mayReplace(url) else { throw HoTichError(.importRejectsWouldOverwrite(path: url.path)) }
        do {
            return try RejectFileWriter(
                url: url, header: header,
                annotations: [Message.label(.rejectedRow).text(in: language), Message.label(.rejectedBecause).text(in: language)]
                    .map { "\($0) \(RejectFileWriter.annotationMarker)" },
                dialect: dialect ?? .excel)
        } catch {
            throw HoTichError(.fileCopyFailed(url.path))
        }
    }
}

/// The header row of an import file and the field each of its columns holds.
struct ImportHeader {
    /// The header's cells as read.
    let cells: [String]
    /// The field of each column (`nil` for ignored columns).
    let columns: [FieldDefinition?]
    /// Rows above the header that were not blank (a title, an office's name), skipped.
    var rowsAbove = 0

    /// How far down a header row is looked for.
    static let searchedRows = 20

    /// Reads the header: the first row, within the first ``searchedRows``, in which a cell names a
    /// field of `kind` (by its key or the register's label), mapped onto the catalog; the rows
    /// above it (a title, a heading) are skipped and counted.
    static func read(_ source: any TabularSource, kind: RecordKind, path: String) throws -> ImportHeader {
        var above = 0
        for _ in 0..<searchedRows {
            let row: TabularRow?
            do {
                row = try source.nextRow()
            } catch {
                throw Session.importError(error, path: path)
            }
            guard let row else { break }
            if row.cells.allSatisfy(ImportColumns.isBlank) { continue }
            if ImportColumns.namesAnyField(row.cells, kind: kind) {
                var header = ImportHeader(cells: row.cells, columns: try ImportColumns.map(row.cells, kind: kind, path: path))
                header.rowsAbove = above
                return header
            }
            above += 1
        }
        throw HoTichError(.importNoHeader(path: path))
    }
}

/// What an import has done with its rows so far, and where refused rows go.
struct ImportTally {
    /// The most problems kept to show; every refused row is counted and written to the reject file.
    static let problemsKept = 1_000

    let rejects: RejectFileWriter?
    let language: Language
    let path: String
    var read = 0
    var imported = 0
    var rejected = 0
    var alreadyPresent = 0
    var problems: [ImportProblem] = []

    init(rejects: RejectFileWriter?, language: Language, path: String) {
        self.rejects = rejects
        self.language = language
        self.path = path
    }

    /// Refuses a row: its problems are kept (up to a bound) and the row is written to the reject file
    /// as it was, with its reasons.
    mutating func reject(_ row: Int, cells: [String], _ rowProblems: [ImportProblem]) throws {
        rejected += 1
        problems += rowProblems.prefix(max(0, Self.problemsKept - problems.count))
        guard let rejects else { return }
        let reasons = rowProblems.map { $0.message.text(in: language) }.joined(separator: " | ")
        // A row of an earlier reject file keeps the number it had in the first source.
        let original = rejects.originalRowColumn.flatMap { $0 < cells.count ? cells[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 }
        do {
            try rejects.write(row: cells, annotations: [original ?? String(row), reasons])
        } catch {
            throw HoTichError(.fileCopyFailed(rejects.url.path))
        }
    }
}

/// Writes the staged rows of one import inside its transaction, against the batch as it is then:
/// rows whose entry this pass already holds are counted as present, rows someone is keying by
/// hand (or that the other pass's keyer sent) are refused, the rest create or join records.
private struct RowWriter {
    let batch: Batch
    let book: BookIdentity
    let pass: Int
    let `operator`: String
    let fileHash: String
    /// What the keyings say they came from: `import:` or `adopt:` and the file's hash.
    let source: String
    /// Scan files of the batch by the entry number their name states.
    let filesByNumber: [Int: [ScanFile]]
    private(set) var tally: ImportTally

    /// Whether the batch may take new keyings (it is received or being keyed).
    var writable = true
    /// The keyings the batch already holds, by entry.
    var existingKeyings: [String: [KeyingSlot]]
    /// The records the batch already holds, by entry.
    var existingRecords: [String: String]
    /// One time for the whole import: its rows are saved together.
    let now = Timestamp.now()
    let fieldCount: Int

    init(
        batch: Batch, book: BookIdentity, pass: Int, operator: String, fileHash: String, source: String, tally: ImportTally,
        tx: any StoreWriting
    ) throws {
        self.source = "\(source):\(fileHash)"
        self.batch = batch
        self.book = book
        self.pass = pass
        self.operator = `operator`
        self.fileHash = fileHash
        self.tally = tally
        let files = try tx.keyableFiles(batch: batch.id)
        filesByNumber = Dictionary(grouping: files.filter { $0.nameNumber != nil }) { RegistrationNumber.value($0.nameNumber ?? "") ?? -1 }
        // Drafts opened and left empty, whose file nobody holds, do not stand in an import's way.
        try tx.deleteAbandonedEmptyDrafts(batch: batch.id, pass: pass, now: Timestamp.now())
        // What the batch already holds is read once, so a row costs no lookup query.
        existingKeyings = Dictionary(grouping: try tx.keyingSlots(batch: batch.id), by: \.entryKey)
        existingRecords = try tx.recordIdsByEntry(batch: batch.id)
        fieldCount = FieldCatalog.fields(for: book.kind).count
    }

    /// The scan file a row belongs to: the only file whose name states its number, or, where a book
    /// carried into a new year holds the number twice, the one whose name states its registration date.
    static func matchingFile(_ candidates: [ScanFile], registered: String?) -> ScanFile? {
        if candidates.count == 1 { return candidates[0] }
        guard let date = registered.flatMap({ PartialDate($0) }) else { return nil }
        let sameDay = candidates.filter { $0.nameDate == date.canonical }
        return sameDay.count == 1 ? sameDay[0] : nil
    }

    mutating func run(_ rows: StagedRowFile.Reader, in tx: any StoreWriting) throws {
        // It lives no longer than this transaction.
        let writer = try tx.bulkKeyingWriter(
            batch: batch.id, kind: book.kind, office: book.office, pass: pass, operator: self.operator,
            source: source, at: now)
        while true {
            let row: StagedRow?
            do {
                row = try rows.next()
            } catch {
                throw FileSystemFailure.hotichError(for: error) ?? HoTichError(.importUnreadable(path: tally.path))
            }
            guard let row else { break }
            try write(row, writer: writer, in: tx)
        }
        try writer.finish()
    }

    private mutating func reject(_ row: StagedRow, _ column: String, _ code: String, _ message: Message) throws {
        try tally.reject(row.number, cells: row.cells, [ImportProblem(row: row.number, column: column, code: code, message: message)])
    }

    private mutating func write(_ row: StagedRow, writer: any BulkKeyingWriting, in tx: any StoreWriting) throws {
        let numberKey = "\(RegistrationNumber.value(row.registrationNumber ?? "") ?? -1)/\(row.registrationYear ?? book.year)"
        let file = Self.matchingFile(
            RegistrationNumber.value(row.registrationNumber ?? "").flatMap { filesByNumber[$0] } ?? [], registered: row.registered)
        let entryKey = file?.id.map { "file:\($0)" } ?? "so:\(numberKey)"
        let existing = existingKeyings[entryKey] ?? []
        // A draft of an entry without a scan file was returned for keying again (`batch return`):
        // no one can claim it to key by keyboard, so a new row for it completes it. Any other draft
        // is someone's keying in progress.
        let mine = existing.first { $0.pass == pass }
        let returned = mine.flatMap { $0.state == .draft && file == nil ? $0.keyingId : nil }
        if let mine, returned == nil {
            if mine.state == .complete {
                tally.alreadyPresent += 1
            } else {
                try reject(row, "*", "being-keyed", .importRowBeingKeyed(row: row.number))
            }
            return
        }
        if existing.contains(where: { $0.pass != pass && $0.operator == self.operator }) {
            try reject(row, "*", "same-person", .importRowSamePerson(row: row.number))
            return
        }
        guard writable else { throw HoTichError(.batchNotKeyable(batchID: batch.id, state: batch.state)) }
        let recordId: String
        if let returned {
            var keying = Keying(
                batchId: batch.id, entryKey: entryKey, scanFileId: file?.id, pass: pass, operator: self.operator,
                state: .complete, fields: try row.packed.unpacked(), position: fieldCount,
                source: source, at: now)
            keying.id = returned
            recordId = try Session.attach(&keying, to: existingRecords[entryKey], book: book, batch: batch, at: now, in: tx)
        } else if let existing = existingRecords[entryKey] {
            recordId = existing
            try writer.insertJoining(recordId: existing, entryKey: entryKey, scanFileId: file?.id, fields: row.packed)
        } else {
            try writer.insertCreating(
                id: row.recordId, scanFileId: file?.id, entryKey: entryKey, registrationYear: row.registrationYear,
                number: row.registrationNumber, subjectName: row.subjectName, subjectBirthYear: row.subjectBirthYear,
                subjectPersonalID: row.subjectPersonalID, fields: row.packed)
            recordId = row.recordId
        }
        existingRecords[entryKey] = recordId
        existingKeyings[entryKey, default: []].removeAll { $0.pass == pass }
        existingKeyings[entryKey, default: []].append(KeyingSlot(keyingId: nil, entryKey: entryKey, pass: pass, operator: self.operator, state: .complete))
        try writer.appendAudit(
            action: .key, subject: recordId,
            reason: returned == nil ? "pass \(pass) import" : "pass \(pass) import, keyed again after a return")
        tally.imported += 1
    }
}

/// How a header row maps onto the field catalog.
enum ImportColumns {
    /// Columns of templates that carry no record data (row counters). Columns hotich adds to a
    /// reject file (their header ends in "(hotich)") are ignored too, so the file imports as it is.
    static let ignored: Set<String> = ["stt", "so thu tu"]

    /// Whether a cell of `cells` names a field of `kind`, by key or label.
    static func namesAnyField(_ cells: [String], kind: RecordKind) -> Bool {
        let fields = FieldCatalog.fields(for: kind)
        let keys = Set(fields.map { $0.key.lowercased() })
        let labels = Set(fields.map { VietnameseText.folded($0.label) })
        return cells.contains { cell in
            let name = VietnameseText.normalized(cell)
            return keys.contains(name.lowercased()) || labels.contains(VietnameseText.folded(name))
        }
    }

    /// Whether a cell holds nothing but spaces and tabs.
    static func isBlank(_ cell: String) -> Bool {
        cell.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The field of each header cell (`nil` for ignored columns), by Ministry key or by the
    /// register's label; unknown, duplicate and missing required columns are refused.
    static func map(_ header: [String], kind: RecordKind, path: String) throws -> [FieldDefinition?] {
        let fields = FieldCatalog.fields(for: kind)
        var byLabel: [String: [FieldDefinition]] = [:]
        for field in fields { byLabel[VietnameseText.folded(field.label), default: []].append(field) }
        var mapped: [FieldDefinition?] = []
        var unknown: [String] = []
        var seen: Set<String> = []
        for cell in header {
            let name = VietnameseText.normalized(cell)
            if name.isEmpty || ignored.contains(VietnameseText.folded(name)) || RejectFileWriter.isAnnotation(name) {
                mapped.append(nil)
                continue
            }
            let field = fields.first { $0.key.lowercased() == name.lowercased() }
                ?? byLabel[VietnameseText.folded(name)].flatMap { $0.count == 1 ? $0[0] : nil }
            guard let field else {
                unknown.append(name)
                mapped.append(nil)
                continue
            }
            guard seen.insert(field.key).inserted else { throw HoTichError(.importDuplicateColumn(name)) }
            mapped.append(field)
        }
        // A first row in which no cell names a column is not a header but data (names of people):
        // it is said so, and none of it is repeated.
        if !unknown.isEmpty && seen.isEmpty { throw HoTichError(.importNoHeader(path: path)) }
        if !unknown.isEmpty { throw HoTichError(.importUnknownColumns(unknown)) }
        let missing = fields.filter { $0.required && !seen.contains($0.key) }.map(\.key)
        if !missing.isEmpty { throw HoTichError(.importMissingColumns(missing)) }
        return mapped
    }

    /// A date cell Excel stored as a serial number (5 digits: 1900–2173) as `dd.mm.yyyy`.
    /// Four digits stay a year.
    static func excelSerialDate(_ cell: String) -> String? {
        guard cell.utf8.count == 5, cell.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let serial = Int(cell) else { return nil }
        // Serial 1 is 1900-01-01; Excel counts a 29.02.1900 that never was, so from 61 on subtract one.
        var days = serial - (serial > 60 ? 2 : 1)
        var year = 1900
        while true {
            let length = CalendarDay.isLeap(year) ? 366 : 365
            if days < length { break }
            days -= length
            year += 1
        }
        var month = 1
        while days >= CalendarDay.daysIn(month: month, year: year) {
            days -= CalendarDay.daysIn(month: month, year: year)
            month += 1
        }
        let day = days + 1
        return "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).\(year)"
    }
}

/// An import's rows read and checked, put aside in its staging folder, not yet written.
struct StagedImport {
    let staging: StagingFolder
    /// The staged rows' file.
    let rows: URL
    let file: URL
    let fileHash: String
    var tally: ImportTally
    /// The reject file being written, when the import is partial.
    let rejects: RejectFileWriter?
    let rejectsURL: URL
    let rowsAboveHeader: Int
    /// What was converted from a legacy encoding, when anything was.
    let conversion: TextConversionReport?

    /// Removes the staging folder and an uncommitted reject file.
    func discard() {
        rejects?.discard()
        staging.discard()
    }

    /// The report of an import that refused the file whole.
    func refusedReport(seenBefore: (at: String, by: String)?) -> ImportReport {
        ImportReport(
            read: tally.read, imported: 0, rejected: tally.rejected, alreadyPresent: 0, problems: tally.problems,
            seenBefore: seenBefore, rejectsFile: nil, rowsAboveHeader: rowsAboveHeader, textConversion: conversion)
    }

    /// The report of an import written.
    func report(seenBefore: (at: String, by: String)?) -> ImportReport {
        ImportReport(
            read: tally.read, imported: tally.imported, rejected: tally.rejected, alreadyPresent: tally.alreadyPresent,
            problems: tally.problems, seenBefore: seenBefore, rejectsFile: tally.rejected > 0 ? rejectsURL : nil,
            rowsAboveHeader: rowsAboveHeader, textConversion: conversion)
    }
}

/// A source without the rows that repeat a given header (cells compared folded: case, tones and
/// surrounding spaces aside; empty cells at the end ignored).
final class RowsLikeSkipped: TabularSource {
    private let source: any TabularSource
    private let header: [String]

    init(_ source: any TabularSource, like header: [String]) {
        self.source = source
        self.header = Self.significant(header)
    }

    var dialect: CSVDialect? { source.dialect }

    func nextRow() throws(TabularError) -> TabularRow? {
        while let row = try source.nextRow() {
            if !header.isEmpty && Self.significant(row.cells) == header { continue }
            return row
        }
        return nil
    }

    /// The cells folded, without the empty ones at the end.
    private static func significant(_ cells: [String]) -> [String] {
        var folded = cells.map(VietnameseText.folded)
        while folded.last?.isEmpty == true { folded.removeLast() }
        return folded
    }
}
