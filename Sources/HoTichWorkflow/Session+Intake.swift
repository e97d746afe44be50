public import Foundation
import Logging
public import HoTichExchange
public import HoTichModel
package import HoTichStore

/// What the supervisor says when receiving a batch.
public struct IntakeRequest: Sendable {
    /// A folder, or a `.zip`, holding the scans of one book (or part of one).
    public var source: URL
    public var book: BookIdentity
    public var policy: VerificationPolicy
    /// Receive the batch even with file problems, recording them on the batch.
    public var acceptIssues: Bool
    /// What a zip may declare and unpack to.
    public var zipLimits: ZipLimits

    public init(
        source: URL, book: BookIdentity, policy: VerificationPolicy = .double, acceptIssues: Bool = false, zipLimits: ZipLimits = .scans
    ) {
        self.source = source
        self.book = book
        self.policy = policy
        self.acceptIssues = acceptIssues
        self.zipLimits = zipLimits
    }
}

/// What came of receiving a batch. File problems are data, listed one per file.
public struct IntakeReport: Sendable {
    /// The new batch, or `nil` when the batch was refused for its issues.
    public let batch: Batch?
    /// Every file problem found, in path order.
    public let issues: [IntakeIssue]
    /// How many operating-system files (Thumbs.db, …) were set aside.
    public let systemFilesIgnored: Int
    /// The files listed in the manifest.
    public let fileCount: Int
    public let totalBytes: Int64
}

extension Session {
    /// Receives a folder or zip of scans as a new batch, in one transaction.
    ///
    /// Every file is read once: checked by content, hashed with SHA-256, its name parsed when it
    /// follows the Ministry's convention. The same content received twice is refused, naming the
    /// batch that holds it. With problems and without ``IntakeRequest/acceptIssues`` nothing is
    /// written and the report lists them.
    /// - Parameter progress: called after each file with (files done, files in all).
    public func receive(_ request: IntakeRequest, progress: (Int, Int) -> Void = { _, _ in }) throws -> IntakeReport {
        try receive(request, progress: progress, beforeStoring: {})
    }

    /// ``receive(_:progress:)`` with a hook run after the files are inspected and before anything is
    /// stored: the moment two receives of one zip race for, which tests hold open.
    package func receive(
        _ request: IntakeRequest, progress: (Int, Int) -> Void = { _, _ in }, beforeStoring: () throws -> Void,
        inTransaction: (any StoreWriting, Batch) throws -> Void = { _, _ in }
    ) throws -> IntakeReport {
        try require(.receiveBatch)
        let source = request.source.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
            throw HoTichError(.pathNotFound(source.path))
        }
        let sourceKind: SourceKind
        if isDirectory.boolValue {
            sourceKind = .folder
        } else if Self.looksLikeZip(source) {
            sourceKind = .zip
        } else {
            throw HoTichError(.pathNotFolderOrZip(source.path))
        }

        // A zip is unpacked into a staging folder of this receive's own, held by its lock (so that a
        // later command knows it from a crashed receive's); anything that fails below removes it
        // again, and never another receive's folder.
        var staging: StagingFolder?
        defer { staging?.discard() }
        let root: URL
        var zipLinks: [String] = []
        if sourceKind == .zip {
            let folder: StagingFolder
            do {
                folder = try StagingFolder.make(in: workspace.scansFolder, modes: workspace.modes)
            } catch {
                throw FileSystemFailure.hotichError(for: error, fallbackPath: workspace.scansFolder.path) ?? HoTichError(.fileCopyFailed(source.path))
            }
            staging = folder
            let incoming = folder.url
            do {
                zipLinks = try ZipUnpacker.unpack(source, into: incoming, limits: request.zipLimits, modes: workspace.modes).symbolicLinks
            } catch .writeFailed {
                throw HoTichError(.fileCopyFailed(source.path))
            } catch .refused(let refusal) {
                throw HoTichError(.zipRefused(path: source.path, refusal))
            } catch {
                throw HoTichError(.zipUnreadable(source.path))
            }
            root = incoming
        } else {
            root = source
        }

        let folder: ScanFolder
        do {
            folder = try ScanFolder(root: root)
        } catch {
            throw HoTichError(.pathNotFound(source.path))
        }
        guard !folder.relativePaths.isEmpty else { throw HoTichError(.noFilesFound(source.path)) }

        let inspection = try inspect(folder, book: request.book, progress: progress)
        let manifest = BatchManifest(entries: inspection.entries)
        let digest = manifest.contentDigest

        if let existing = try workspace.store.read({ tx in try tx.batch(withContent: digest) }) {
            throw HoTichError(.batchAlreadyReceived(batchID: existing.id))
        }
        var issues = inspection.issues
        issues += (folder.symbolicLinks + zipLinks).map { IntakeIssue(path: $0, problem: .symbolicLink) }
        issues += try filesAlreadyReceived(manifest)
        issues.sort { ($0.path, $0.code) < ($1.path, $1.code) }
        let unusable = Set(issues.filter { !$0.fileIsUsable }.map(\.path))

        guard issues.isEmpty || request.acceptIssues else {
            return IntakeReport(
                batch: nil, issues: issues, systemFilesIgnored: folder.systemFilesIgnored,
                fileCount: manifest.entries.count, totalBytes: manifest.totalBytes)
        }

        // Unpacked files are kept under a name given by their content. They move there inside the
        // transaction that records the batch, after it has found the content new: the write lock
        // makes that move one receive's at a time, so whoever loses the race has moved nothing and
        // removes only its own staging folder.
        let final = workspace.scansFolder.appendingPathComponent(String(digest.prefix(16)))
        let storedRoot = staging == nil ? root : final
        try beforeStoring()

        let names = inspection.names
        let actor = user.name
        let batch: Batch
        do {
            batch = try record(
                request, source: source, sourceKind: sourceKind, storedRoot: storedRoot, manifest: manifest, issues: issues,
                unusable: unusable, names: names, staging: staging, final: final, actor: actor, inTransaction: inTransaction)
        } catch {
            // The files moved but the batch was not recorded (its commit failed): they go back under
            // the staging name, to be removed with it — unless a batch now holds the content.
            if staging?.movedTo != nil {
                try? workspace.store.write { tx in
                    if try tx.batch(withContent: digest) == nil { try staging?.undoMove() }
                }
            }
            throw error
        }
        staging?.committed()  // the files now belong to the batch
        workspace.logger.info(
            "batch received",
            metadata: ["batch": "\(batch.id)", "files": "\(batch.fileCount)", "issues": "\(issues.count)"])
        return IntakeReport(
            batch: batch, issues: issues, systemFilesIgnored: folder.systemFilesIgnored,
            fileCount: batch.fileCount, totalBytes: batch.totalBytes)
    }

    /// Records the batch, its files and issues in one transaction, giving unpacked files their
    /// final name inside it once the content is known to be new.
    private func record(
        _ request: IntakeRequest, source: URL, sourceKind: SourceKind, storedRoot: URL, manifest: BatchManifest,
        issues: [IntakeIssue], unusable: Set<String>, names: [String: ScanFileName], staging: StagingFolder?, final: URL, actor: String,
        inTransaction: (any StoreWriting, Batch) throws -> Void
    ) throws -> Batch {
        let digest = manifest.contentDigest
        return try workspace.store.write { tx -> Batch in
            if let existing = try tx.batch(withContent: digest) {
                throw HoTichError(.batchAlreadyReceived(batchID: existing.id))
            }
            if let staging {
                do {
                    try staging.move(to: final)
                } catch {
                    throw HoTichError(.fileCopyFailed(source.path))
                }
            }
            do {
                let batch = try Self.insertBatch(
                    request, source: source, sourceKind: sourceKind, storedRoot: storedRoot, manifest: manifest, issues: issues,
                    unusable: unusable, names: names, actor: actor, in: tx)
                try inTransaction(tx, batch)
                return batch
            } catch {
                try? staging?.undoMove()
                throw error
            }
        }
    }

    /// - Parameter digest: the batch's content digest, when not its manifest's (a book adopted without scans).
    static func insertBatch(
        _ request: IntakeRequest, source: URL, sourceKind: SourceKind, storedRoot: URL, manifest: BatchManifest,
        issues: [IntakeIssue], unusable: Set<String>, names: [String: ScanFileName], actor: String, digest: String? = nil,
        in tx: any StoreWriting
    ) throws -> Batch {
        let digest = digest ?? manifest.contentDigest
        let now = Timestamp.now()
        let bookId = try tx.bookId(for: request.book)
        let sequence = try tx.nextBatchSequence(book: bookId)
        let batch = Batch(
            id: BatchIdentifier.make(book: request.book, sequence: sequence),
            bookId: bookId, sequence: sequence, policy: request.policy, state: .received, heldFrom: nil,
            sourcePath: source.path, sourceKind: sourceKind, storedRoot: storedRoot.path,
            fileCount: manifest.entries.count, totalBytes: manifest.totalBytes, contentDigest: digest,
            receivedAt: now, receivedBy: actor, updatedAt: now)
        let files = manifest.entries.map { entry in
            let name = names[entry.path]
            return ScanFile(
                id: nil, batchId: batch.id, path: entry.path, bytes: entry.fingerprint.bytes,
                sha256: entry.fingerprint.sha256, format: entry.fingerprint.format,
                usable: !unusable.contains(entry.path),
                nameNumber: name?.number, nameDate: name?.ngayDangKy)
        }
        try tx.insertBatch(batch, files: files, issues: issues)
        try tx.appendAudit(
            AuditEntry(
                actor: actor, action: .receive, batchId: batch.id, toState: BatchState.received.rawValue,
                reason: issues.isEmpty ? nil : "accepted \(issues.count) file issues"),
            at: now)
        return batch
    }

    // MARK: - Steps

    private struct Inspection {
        var entries: [BatchManifest.Entry] = []
        var issues: [IntakeIssue] = []
        var names: [String: ScanFileName] = [:]
    }

    /// Reads every file once and collects the per-file problems that need no database.
    private func inspect(_ folder: ScanFolder, book: BookIdentity, progress: (Int, Int) -> Void) throws -> Inspection {
        var result = Inspection()
        var pathsByHash: [String: [String]] = [:]
        let total = folder.relativePaths.count
        for (index, path) in folder.relativePaths.enumerated() {
            defer { progress(index + 1, total) }
            let fingerprint: FileFingerprint
            do {
                fingerprint = try FileFingerprint.read(folder.url(of: path))
            } catch .missing {
                throw HoTichError(.fileVanished(path))
            } catch {
                result.issues.append(IntakeIssue(path: path, problem: .unreadable))
                continue
            }
            result.entries.append(BatchManifest.Entry(path: path, fingerprint: fingerprint))
            if fingerprint.bytes == 0 {
                result.issues.append(IntakeIssue(path: path, problem: .empty))
                continue
            }
            if fingerprint.format == nil {
                result.issues.append(IntakeIssue(path: path, problem: .unknownType))
            }
            pathsByHash[fingerprint.sha256, default: []].append(path)
            // Names are judged only for files that are scans at all (the others are issues already).
            guard fingerprint.format != nil else { continue }
            switch ScanFileName.parse(path) {
            case .success(let name):
                result.names[path] = name
                result.issues += Self.nameIssues(name, path: path, book: book)
            case .failure(let defect):
                result.issues.append(IntakeIssue(path: path, problem: .nameNotConventional(defect)))
            }
        }
        // Of files with the same bytes, the one kept is the first whose name states its entry (a
        // copy saved as `00-bia.pdf` must not take the place of `KS.2017.01.2017-01-05.01.pdf`);
        // the others are duplicates, kept in the manifest and never keyed.
        for paths in pathsByHash.values where paths.count > 1 {
            let kept = paths.first { result.names[$0] != nil } ?? paths[0]
            for path in paths where path != kept {
                result.issues.append(IntakeIssue(path: path, problem: .duplicateContent(of: kept)))
            }
        }
        return result
    }

    /// Problems a conventional file name states about itself against the batch's book.
    static func nameIssues(_ name: ScanFileName, path: String, book: BookIdentity) -> [IntakeIssue] {
        var issues: [IntakeIssue] = []
        if name.kind != book.kind {
            issues.append(IntakeIssue(path: path, problem: .nameContradicts(field: .kind, inName: name.kind.code, expected: book.kind.code)))
        }
        if name.yearOpened != book.year {
            issues.append(IntakeIssue(path: path, problem: .nameContradicts(field: .year, inName: "\(name.yearOpened)", expected: "\(book.year)")))
        }
        if name.volume != book.volume {
            issues.append(IntakeIssue(path: path, problem: .nameContradicts(field: .volume, inName: "\(name.volume)", expected: "\(book.volume)")))
        }
        if !name.registrationDateExists {
            issues.append(IntakeIssue(path: path, problem: .nameDateImpossible(name.registrationDateText)))
        }
        // A book is opened in one year and may run on into the next (as the record rules allow).
        if name.registrationYear < book.year || name.registrationYear > book.year + 1 {
            issues.append(IntakeIssue(path: path, problem: .nameDateOutsideBook(date: name.registrationDateText, bookYear: book.year)))
        }
        return issues
    }

    /// Files whose exact content already belongs to another batch.
    private func filesAlreadyReceived(_ manifest: BatchManifest) throws -> [IntakeIssue] {
        let nonEmpty = manifest.entries.filter { $0.fingerprint.bytes > 0 }
        let holder = try workspace.store.read { tx in try tx.batchesHolding(contents: nonEmpty.map(\.fingerprint.sha256)) }
        return nonEmpty.compactMap { entry in
            holder[entry.fingerprint.sha256].map { IntakeIssue(path: entry.path, problem: .alreadyReceived(batch: $0)) }
        }
    }

    /// A `.zip` name, or the ZIP signature `PK\u{3}\u{4}` in the first bytes.
    static func looksLikeZip(_ url: URL) -> Bool {
        if url.pathExtension.lowercased() == "zip" { return true }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return Array(head) == [0x50, 0x4B, 0x03, 0x04]
    }
}

/// Readable batch identifiers: kind, office, year opened, volume and a sequence within the book,
/// for example `KS-20245-2017-01-1`.
public enum BatchIdentifier {
    public static func make(book: BookIdentity, sequence: Int) -> String {
        "\(book.kind.code)-\(book.office.value)-\(book.year)-\(book.volumeText)-\(sequence)"
    }
}
