public import Foundation

/// An advisory lock on a file (`flock`), held by an open file description: released when it is
/// unlocked, closed, or when the process ends in any way — a crash or `SIGKILL` included.
///
/// hotich uses it to tell work in progress from work whose owner is gone: a live export holds its
/// package's lock while it writes; a receive holds its staging folder's. Whoever finds a package
/// or a folder left behind tries its lock: taken at once means the owner is gone and the leftovers
/// may be cleared; busy means someone is still at work and nothing is touched. Two locks on one
/// file conflict even within one process (each is its own open file description).
public final class FileLock: @unchecked Sendable {
    public let url: URL
    private var descriptor: Int32

    /// Opens (creating it with `mode`, owner-only unless the workspace is shared) the lock file at
    /// `url` without locking it.
    public init(url: URL, mode: mode_t = 0o600) throws {
        self.url = url
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // The umask may have narrowed a new file: the mode asked for is set on it.
        // (Another member's file of a shared workspace keeps its own mode: only its owner may change it.)
        _ = fchmod(descriptor, mode)
    }

    deinit { close() }

    /// Takes the lock if nobody holds it; `false` when someone does.
    public func tryLock() -> Bool {
        guard descriptor >= 0 else { return false }
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Releases the lock and closes the file (the file itself stays).
    public func close() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        closeDescriptor(descriptor)
        descriptor = -1
    }

    /// Releases the lock and removes the lock file.
    public func release() {
        try? FileManager.default.removeItem(at: url)
        close()
    }

    /// Takes the lock at `url` for the caller, or `nil` when another holder has it.
    public static func acquire(_ url: URL, mode: mode_t = 0o600) throws -> FileLock? {
        let lock = try FileLock(url: url, mode: mode)
        guard lock.tryLock() else {
            lock.close()
            return nil
        }
        return lock
    }

    /// Whether someone holds the lock at `url` right now (a missing file is held by nobody).
    public static func isHeld(_ url: URL) -> Bool {
        guard FileManager.default.fileExists(atPath: url.path), let lock = try? FileLock(url: url) else { return false }
        defer { lock.close() }
        return !lock.tryLock()
    }
}

/// The system's `close`, out of reach of the lock's own `close()` method.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
