public import Foundation
public import HoTichExchange
public import HoTichModel
import HoTichStore
import Logging

/// What a supervisor says when taking in a book keyed in an earlier round of digitization.
public struct AdoptRequest: Sendable {
    /// The Ministry's spreadsheet of the book, named `PLACE.KIND.YEAR.VOLUME.xlsx` (or `.csv`).
    public var sheet: URL
    /// The book's scans: a folder or a zip of PDFs (or images) named by the Ministry's convention.
    public var scans: URL?
    /// The registry office of the book; the workspace's own by default.
    public var office: OfficeCode?
    /// How the adopted entries are to be verified (review or sample, typically).
    public var policy: VerificationPolicy
    /// Adopt the valid rows and reject the others, instead of all or nothing.
    public var partial: Bool
    /// Where rejected rows are written (default `FILE.rejects.csv`).
    public var rejectsFile: URL?
    /// A province's template: its first row gives the columns, by position.
    public var template: URL?
    public var language: Language
    public var zipLimits: ZipLimits
    /// Told how many rows have been read and checked, every thousand.
    public var progress: (@Sendable (_ rows: Int) -> Void)?
    /// How the spreadsheet's text is read: legacy TCVN3/VNI text is found and converted by `auto`.
    public var encoding: TextEncodingChoice = .auto

    public init(
        sheet: URL, scans: URL? = nil, office: OfficeCode? = nil, policy: VerificationPolicy = .review, partial: Bool = false,
        rejectsFile: URL? = nil, template: URL? = nil, language: Language = .vietnamese, zipLimits: ZipLimits = .scans,
        progress: (@Sendable (_ rows: Int) -> Void)? = nil,
        encoding: TextEncodingChoice = .auto
    ) {
        self.encoding = encoding
        self.sheet = sheet
        self.scans = scans
        self.office = office
        self.policy = policy
        self.partial = partial
        self.rejectsFile = rejectsFile
        self.template = template
        self.language = language
        self.zipLimits = zipLimits
        self.progress = progress
    }
}

/// What came of adopting a book.
public struct AdoptReport: Sendable {
    public let book: BookIdentity
    /// The new batch; `nil` when the spreadsheet was refused (nothing was created).
    public let batch: Batch?
    /// The rows: read, adopted as pass 1, refused.
    public let rows: ImportReport
    /// The scans received with the book, and their issues.
    public let scans: IntakeReport?
    /// Registration numbers of rows no scan was found for (only when scans were given).
    public let rowsWithoutScan: [String]
    /// Scans whose name states an entry no row holds.
    public let scansWithoutRow: [String]
}

extension Session {
    /// Takes in a book keyed in an earlier round: its Ministry spreadsheet becomes pass 1 of a new
    /// batch, checked row by row by the same rules as any import, and its scans, when given, are
    /// received with it and linked to the rows by the naming convention. Rows without a scan and
    /// scans without a row are listed as the batch's issues. The batch is then verified like any
    /// other (review or sample), so an earlier round's data is checked before it goes further.
    ///
    /// The rows are read and checked before anything is written; the batch, its scans and its rows
    /// are then written in one transaction: a refused spreadsheet creates nothing.
    public func adopt(_ request: AdoptRequest) throws -> AdoptReport {
        try require(.adoptBooks)
        let sheet = request.sheet.standardizedFileURL
        guard FileManager.default.fileExists(atPath: sheet.path) else { throw HoTichError(.pathNotFound(sheet.path)) }
        guard let bundle = MinistryBundleName(sheet.lastPathComponent) else { throw HoTichError(.adoptNameNotBundle(path: sheet.path)) }
        let office = try request.office ?? workspace.info().officeCode
        let book = bundle.book(office: office)

        let states = try cellStates(of: sheet, kind: book.kind)
        let columns = try request.template.map { try templateColumns($0, kind: book.kind) }
        var staged = try stageImport(
            file: sheet, book: book, batchID: "", partial: request.partial, rejectsFile: request.rejectsFile,
            language: request.language, progress: request.progress, encoding: request.encoding, columns: columns?.fields,
            skippingRowsLike: columns?.header, states: states)
        defer { staged.discard() }
        if staged.tally.rejected > 0 && !request.partial {
            return AdoptReport(
                book: book, batch: nil, rows: staged.refusedReport(seenBefore: nil), scans: nil, rowsWithoutScan: [], scansWithoutRow: [])
        }

        let me = user.name
        var matched = (rowsWithoutScan: [String](), scansWithoutRow: [String]())
        // The rows go in with the batch, in its transaction: a failure leaves no batch behind.
        let write = { (tx: any StoreWriting, batch: Batch) throws in
            try self.writeStaged(&staged, batch: batch, book: book, pass: 1, source: "adopt", in: tx)
            try Self.markCovers(batch, actor: me, in: tx)
            matched = try Self.reconcile(batch, sheet: sheet.lastPathComponent, withScans: request.scans != nil, in: tx)
            try tx.appendAudit(
                AuditEntry(
                    actor: me, action: .adopt, batchId: batch.id, subject: staged.fileHash,
                    reason: "\(staged.tally.imported) rows, \(matched.rowsWithoutScan.count) without a scan, \(matched.scansWithoutRow.count) scans without a row"),
                at: Timestamp.now())
        }
        let batch: Batch
        var scans: IntakeReport?
        do {
            if let source = request.scans {
                let intake = try receive(
                    IntakeRequest(source: source, book: book, policy: request.policy, acceptIssues: true, zipLimits: request.zipLimits),
                    beforeStoring: {}, inTransaction: write)
                guard let received = intake.batch else { throw HoTichError(.intakeRefused(issueCount: intake.issues.count)) }
                batch = received
                scans = intake
            } else {
                batch = try adoptWithoutScans(book: book, policy: request.policy, sheet: sheet, sheetHash: staged.fileHash, write: write)
            }
        } catch let refused as AllOrNothing {
            return AdoptReport(
                book: book, batch: nil,
                rows: ImportReport(
                    read: refused.read, imported: 0, rejected: refused.rejected, alreadyPresent: refused.alreadyPresent,
                    problems: refused.problems, seenBefore: nil, rejectsFile: nil, rowsAboveHeader: staged.rowsAboveHeader),
                scans: nil, rowsWithoutScan: [], scansWithoutRow: [])
        }
        workspace.logger.info("book adopted", metadata: ["batch": "\(batch.id)", "rows": "\(staged.tally.imported)"])
        return AdoptReport(
            book: book, batch: batch, rows: staged.report(seenBefore: nil), scans: scans,
            rowsWithoutScan: matched.rowsWithoutScan, scansWithoutRow: matched.scansWithoutRow)
    }

    /// A batch of no scans for a book adopted from its spreadsheet alone, known by the sheet's hash
    /// (adopting the same sheet twice is refused as already received).
    private func adoptWithoutScans(
        book: BookIdentity, policy: VerificationPolicy, sheet: URL, sheetHash: String, write: (any StoreWriting, Batch) throws -> Void
    ) throws -> Batch {
        let digest = "sheet:" + sheetHash
        // An empty folder of its own stands for the scans, so that checking the batch's files finds none missing and none extra.
        let root = workspace.scansFolder.appendingPathComponent("sheet-" + String(sheetHash.prefix(16)), isDirectory: true)
        let actor = user.name
        return try workspace.store.write { tx in
            if let existing = try tx.batch(withContent: digest) { throw HoTichError(.batchAlreadyReceived(batchID: existing.id)) }
            do {
                try FileManager.default.createDirectory(
                    at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(workspace.modes.directory)])
            } catch {
                throw FileSystemFailure.hotichError(for: error, fallbackPath: root.path) ?? HoTichError(.fileCopyFailed(root.path))
            }
            let batch = try Self.insertBatch(
                IntakeRequest(source: sheet, book: book, policy: policy), source: sheet, sourceKind: .folder, storedRoot: root,
                manifest: BatchManifest(entries: []), issues: [], unusable: [], names: [:], actor: actor, digest: digest, in: tx)
            try write(tx, batch)
            return batch
        }
    }

    /// A scan the Ministry's bundle names as the book's cover (`Cover.…`) is marked as the cover,
    /// as a supervisor would mark it: it is no entry to key.
    private static func markCovers(_ batch: Batch, actor: String, in tx: any StoreWriting) throws {
        let time = Timestamp.now()
        for file in try tx.keyableFiles(batch: batch.id) where file.path.split(separator: "/").last?.hasPrefix("Cover.") == true {
            guard let fileId = file.id, try tx.recordOnFile(fileId) == nil else { continue }
            let reason = "bìa sổ (tên tệp Cover.…)"
            try tx.insertMark(NonEntryMark(scanFileId: fileId, batchId: batch.id, kind: .cover, reason: reason, by: actor, at: time))
            try tx.appendAudit(
                AuditEntry(actor: actor, action: .fileNotAnEntry, batchId: batch.id, subject: file.path, reason: "cover: \(reason)"),
                at: time)
        }
        try finishKeyingIfComplete(batch.id, actor: actor, in: tx)
    }

    /// Rows without a scan and scans without a row, recorded as the batch's issues.
    private static func reconcile(
        _ batch: Batch, sheet: String, withScans: Bool, in tx: any StoreWriting
    ) throws -> (rowsWithoutScan: [String], scansWithoutRow: [String]) {
        let scansWithoutRow = try tx.filesWithoutRecord(batch: batch.id)
        var rowsWithoutScan: [String] = []
        if withScans {
            for id in try tx.recordsWithoutFile(batch: batch.id) {
                rowsWithoutScan.append(try tx.record(id: id)?.number ?? "?")
            }
            rowsWithoutScan.sort { (RegistrationNumber.value($0) ?? .max, $0) < (RegistrationNumber.value($1) ?? .max, $1) }
        }
        let issues = scansWithoutRow.map { IntakeIssue(path: $0, problem: .scanWithoutRow) }
            + rowsWithoutScan.map { IntakeIssue(path: sheet, problem: .rowWithoutScan(number: $0)) }
        if !issues.isEmpty { try tx.insertBatchIssues(issues, batch: batch.id) }
        return (rowsWithoutScan, scansWithoutRow)
    }

    /// The cells whose state their text does not say, as a Ministry spreadsheet written by hotich
    /// lists them on its notes sheet: by row number and column of the first sheet.
    private func cellStates(of sheet: URL, kind: RecordKind) throws -> [Int: [Int: MinistryLayout.CellState]] {
        guard TabularFile.isWorkbook(sheet), (try? XLSXReader.sheetNames(of: sheet))?.contains(MinistryBundle.statesSheet) == true
        else { return [:] }
        let scratch = try StagingFolder.make(in: workspace.stagingFolder, modes: workspace.modes)
        defer { scratch.discard() }
        do throws(TabularError) {
            let data = try XLSXReader(url: sheet, temporaryFolder: scratch.url)
            guard let header = try data.nextRow()?.cells else { return [:] }
            let notes = try XLSXReader(url: sheet, temporaryFolder: scratch.url, sheet: MinistryBundle.statesSheet)
            _ = try notes.nextRow()
            var states: [Int: [Int: MinistryLayout.CellState]] = [:]
            while let row = try notes.nextRow() {
                guard row.cells.count >= 3, let number = Int(row.cells[0]), let column = header.firstIndex(of: row.cells[1]),
                      let state = MinistryLayout.CellState(rawValue: row.cells[2])
                else { continue }
                states[number, default: [:]][column] = state
            }
            return states
        } catch {
            throw Self.importError(error, path: sheet.path)
        }
    }

    /// A template's columns for `kind`: its header row and the field of each column.
    private func templateColumns(_ template: URL, kind: RecordKind) throws -> (header: [String], fields: [FieldDefinition?]) {
        guard let plan = try MinistryPlan(format: .ministry(template: template, bundlePrefix: nil), temporaryFolder: workspace.stagingFolder)
        else { throw HoTichError(.ministryTemplateUnreadable(path: template.path)) }
        let columns = try plan.columns(for: kind)
        return (columns.headers, columns.keys.map { $0.flatMap { FieldCatalog.field($0, in: kind) } })
    }
}
