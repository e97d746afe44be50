public import Foundation
import HoTichModel

/// Writes a report a person will send: owner-only (0600) whatever the umask, and atomically —
/// written beside its destination under a temporary name, flushed, then renamed — so that a crash
/// leaves either the old file or the whole new one, never half a page that looks finished.
public enum ReportFile {
    /// - Throws: `reportDestinationNotAFile` when something other than a regular file (a folder,
    ///   a device, a link) is at `destination`; it is left as it was.
    public static func write(_ text: String, to destination: URL) throws {
        try write(to: destination) { partial in
            let handle = try FileHandle(forWritingTo: partial)
            do {
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        }
    }

    /// Writes a file through `produce`, which is given the temporary file (created empty,
    /// owner-only) to fill: flushed to disk and renamed over `destination` only once it returns.
    public static func write(to destination: URL, producing produce: (URL) throws -> Void) throws {
        var status = stat()
        if destination.path.isEmpty || destination.hasDirectoryPath {
            throw HoTichError(.reportDestinationNotAFile(path: destination.path))
        }
        if lstat(destination.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw HoTichError(.reportDestinationNotAFile(path: destination.path))
        }
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw HoTichError(.fileSystemFailure(path: folder.path, problem: .notFound))
        }
        let partial = folder.appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: destination.path])
            }
            defer { try? FileManager.default.removeItem(at: partial) }
            try produce(partial)
            let handle = try FileHandle(forUpdating: partial)
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial.path)
            guard rename(partial.path, destination.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch let error as HoTichError {
            throw error
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: destination.path) ?? error
        }
    }
}
