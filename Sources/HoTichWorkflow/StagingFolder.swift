import Foundation
import HoTichExchange

/// A folder of the workspace that one command fills before its work is recorded — a zip unpacked
/// by a receive — held by a lock file beside it for as long as that command runs.
///
/// The lock file is made and locked before the folder, and removed after it, so a folder whose
/// lock can be taken (or that has none) belongs to a command that is gone: the next command to
/// open the workspace removes it (``removeAbandoned(in:)``). A live command's folder is never
/// touched.
final class StagingFolder {
    static let prefix = ".incoming-"
    static let lockSuffix = ".lock"

    /// The folder being filled.
    let url: URL
    private let lock: FileLock
    /// Where the folder was moved to by ``move(to:)``, until the move is committed or undone.
    private(set) var movedTo: URL?
    private var finished = false

    private init(url: URL, lock: FileLock) {
        self.url = url
        self.lock = lock
    }

    /// Makes a new staging folder in `parent` (with the workspace's modes), its lock held.
    static func make(in parent: URL, modes: FileModes) throws -> StagingFolder {
        try FileManager.default.createDirectory(
            at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(modes.directory)])
        let url = parent.appendingPathComponent(prefix + UUID().uuidString, isDirectory: true)
        guard let lock = try FileLock.acquire(URL(fileURLWithPath: url.path + lockSuffix), mode: modes.file) else {
            throw CocoaError(.fileWriteUnknown)
        }
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: Int(modes.directory)])
        } catch {
            lock.release()
            throw error
        }
        return StagingFolder(url: url, lock: lock)
    }

    /// Gives the folder its final name. Call it only where nobody else can be giving a folder that
    /// name (inside the transaction that records it): a folder already there is a crashed receive's
    /// leftover and is replaced.
    func move(to final: URL) throws {
        if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
        try FileManager.default.moveItem(at: url, to: final)
        movedTo = final
    }

    /// Takes back a move whose recording failed (call it where nobody else can be using the name).
    func undoMove() throws {
        guard let moved = movedTo else { return }
        try FileManager.default.moveItem(at: moved, to: url)
        movedTo = nil
    }

    /// The work is recorded: the files belong to it now; the lock goes.
    func committed() {
        guard !finished else { return }
        finished = true
        lock.release()
    }

    /// The work failed or was refused: the folder (if still under its staging name) and its lock go.
    func discard() {
        guard !finished else { return }
        finished = true
        if movedTo == nil { try? FileManager.default.removeItem(at: url) }
        lock.release()
    }

    /// Removes the staging folders in `parent` whose command is gone, and lock files left without
    /// a folder. Returns how many folders were removed.
    @discardableResult
    static func removeAbandoned(in parent: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) && !name.hasSuffix(lockSuffix) {
            let folder = parent.appendingPathComponent(name, isDirectory: true)
            let lockURL = URL(fileURLWithPath: folder.path + lockSuffix)
            // No lock file at all: a folder from before locks, or whose command died before locking.
            guard let lock = try? FileLock.acquire(lockURL) else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed += 1 }
            lock.release()
        }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(lockSuffix) {
            let lockURL = parent.appendingPathComponent(name)
            let folder = String(lockURL.path.dropLast(lockSuffix.count))
            guard !FileManager.default.fileExists(atPath: folder), let lock = try? FileLock.acquire(lockURL) else { continue }
            lock.release()
        }
        return removed
    }
}
