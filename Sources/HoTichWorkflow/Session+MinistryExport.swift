import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore

/// What a Ministry package needs, settled before anything is recorded: the columns (the Ministry's
/// own, or a template's header row) and the files' names.
struct MinistryPlan {
    /// A template's header row, as written, and where it came from.
    let template: (path: String, header: [String])?
    let bundlePrefix: String?

    /// `nil` for an XML export. Reads the template's header row now, so a bad template is said
    /// before anything happens.
    init?(format: ExportFormat, temporaryFolder: URL) throws {
        guard case .ministry(let template, let prefix) = format else { return nil }
        bundlePrefix = prefix.map { MinistryBundleName(prefix: $0, kind: .birth, yearOpened: 2000, volume: 1).prefix }
            .flatMap { $0.isEmpty ? nil : $0 }
        guard let template else {
            self.template = nil
            return
        }
        guard FileManager.default.fileExists(atPath: template.path) else { throw HoTichError(.pathNotFound(template.path)) }
        let header: [String]
        do {
            let source = try TabularFile.open(template, temporaryFolder: temporaryFolder)
            var row: TabularRow?
            repeat { row = try source.nextRow() } while row.map { $0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } } == true
            header = row?.cells ?? []
        } catch {
            throw HoTichError(.ministryTemplateUnreadable(path: template.path))
        }
        guard !header.isEmpty else { throw HoTichError(.ministryTemplateUnreadable(path: template.path)) }
        self.template = (template.path, header)
    }

    /// The columns of `kind`'s sheet.
    func columns(for kind: RecordKind) throws -> MinistryBundle.Columns {
        guard let template else { return .standard(kind) }
        switch MinistryLayout.columns(for: kind, template: template.header) {
        case .success(let keys):
            return MinistryBundle.Columns(headers: zip(template.header, keys).map { $0.0 }, keys: keys)
        case .failure(let problem):
            throw HoTichError(.ministryTemplate(path: template.path, kind: kind, problem: problem))
        }
    }

    /// The bundle of a batch: its book, columns and names.
    func bundle(for batchID: String, in tx: any StoreReading) throws -> MinistryBundle {
        let (batch, book) = try Session.batchAndBook(batchID, in: tx)
        let office = try tx.office(book.office)
        let prefix = bundlePrefix
            ?? MinistryBundleName.defaultPrefix(officeName: office?.name, office: book.office, province: office?.province)
        return MinistryBundle(
            batch: batch, book: book, name: MinistryBundleName(prefix: prefix, book: book), columns: try columns(for: book.kind),
            officeName: office?.name)
    }

    /// Throws, naming the files, when a scan of `batches` cannot go into a PDF as it is; checks
    /// every batch's columns too.
    func checkScans(of batches: [Batch], in tx: any StoreReading) throws {
        var refused: [RefusedScan] = []
        for batch in batches {
            _ = try bundle(for: batch.id, in: tx)
            let files = try tx.scanFiles(batch: batch.id)
            refused += MinistryBundle.refusedScans(files, root: URL(fileURLWithPath: batch.storedRoot))
        }
        if !refused.isEmpty { throw HoTichError(.ministryScansRefused(refused)) }
    }
}

extension Session {
    /// Writes one batch's Ministry bundle (spreadsheet and zip) from one snapshot, then reads both
    /// back: the sheet's header and rows, the zip's entries.
    func writeMinistryBundle(
        _ batch: Batch, plan: MinistryPlan, into folder: URL, time: String, fault: ExportFault, progress: ((Int) -> Void)?
    ) throws -> [ExportedFile] {
        let scratch = try StagingFolder.make(in: workspace.stagingFolder, modes: workspace.modes)
        defer { scratch.discard() }
        let (bundle, written) = try workspace.store.read { tx in
            let bundle = try plan.bundle(for: batch.id, in: tx)
            let written = try bundle.write(
                into: folder, temporaryFolder: scratch.url, scansRoot: URL(fileURLWithPath: batch.storedRoot),
                pagesNotEntries: try tx.nonEntryFiles(batch: batch.id), files: try tx.scanFiles(batch: batch.id), time: time, in: tx,
                progress: progress)
            return (bundle, written)
        }
        if case .writerAfter(let limit) = fault, written.sheet.records > limit {
            throw ExportStageError(stage: "write", detail: "simulated failure after \(limit) records")
        }
        try Self.readBack(bundle, written, in: folder, temporaryFolder: scratch.url)
        if fault == .validation { throw ExportStageError(stage: "validation of \(bundle.sheetName)", detail: "simulated failure") }
        return [
            ExportedFile(name: bundle.sheetName, batchID: batch.id, bytes: written.sheet.bytes, sha256: written.sheet.sha256,
                         records: written.sheet.records),
            ExportedFile(name: bundle.zipName, batchID: batch.id, bytes: written.zip.bytes, sha256: written.zip.sha256,
                         records: written.zip.files, role: .scans),
        ]
    }

    /// The checks of a written bundle: the sheet opens with hotich's own reader, its header is the
    /// columns and it holds one row per record; the zip opens and holds every PDF written.
    private static func readBack(_ bundle: MinistryBundle, _ written: MinistryBundle.Written, in folder: URL, temporaryFolder: URL) throws {
        let sheet = folder.appendingPathComponent(bundle.sheetName)
        var rows = 0
        do {
            let reader = try XLSXReader(url: sheet, temporaryFolder: temporaryFolder)
            guard let header = try reader.nextRow(), header.cells == bundle.columns.headers else {
                throw ExportStageError(stage: "check of \(bundle.sheetName)", detail: "its header row is not the columns written")
            }
            while try reader.nextRow() != nil { rows += 1 }
        } catch let error as ExportStageError {
            throw error
        } catch {
            throw ExportStageError(stage: "check of \(bundle.sheetName)", detail: "it cannot be read back")
        }
        guard rows == written.sheet.records else {
            throw ExportStageError(stage: "check of \(bundle.sheetName)", detail: "\(rows) rows read back, \(written.sheet.records) written")
        }
        let entries: Int
        do {
            entries = try ScanBundleWriter.entryCount(of: folder.appendingPathComponent(bundle.zipName))
        } catch {
            throw ExportStageError(stage: "check of \(bundle.zipName)", detail: "it cannot be read back")
        }
        guard entries == written.zip.files else {
            throw ExportStageError(stage: "check of \(bundle.zipName)", detail: "\(entries) files read back, \(written.zip.files) written")
        }
    }
}
