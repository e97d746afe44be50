import Foundation
import HoTichModel

/// Files as backups and restores copy them.
enum BackupFiles {
    /// Copies the regular file `source` to `target`, owner-only (making `target`'s folders when
    /// `making`); a link or anything but a regular file is refused.
    static func copyOwnerOnly(_ source: URL, to target: URL, making: Bool = false) throws {
        do {
            if making {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard try FileManager.default.attributesOfItem(atPath: source.path)[.type] as? FileAttributeType == .typeRegular else {
                throw HoTichError(.fileCopyFailed(source.path))
            }
            try FileManager.default.copyItem(at: source, to: target)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        } catch let error as HoTichError {
            throw error
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: target.path) ?? HoTichError(.fileCopyFailed(target.path))
        }
    }
}
