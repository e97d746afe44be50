public import Foundation

/// The permissions a workspace's folders and files are made with: its owner's alone, or shared
/// with the group several operators of one machine belong to (`hotich init --group`). Set
/// explicitly on every file made, whatever the umask. Exports and reject files, which leave the
/// workspace, are always their maker's alone.
public struct FileModes: Sendable, Equatable {
    public let directory: mode_t
    public let file: mode_t

    /// 0700 folders and 0600 files.
    public static let ownerOnly = FileModes(directory: 0o700, file: 0o600)
    /// 2770 folders (new entries take the folder's group) and 0660 files.
    public static let group = FileModes(directory: 0o2770, file: 0o660)

    /// Whether these are the group-shared modes.
    public var isShared: Bool { file & 0o070 != 0 }

    /// The modes of the workspace whose folder has `folderMode`: shared when its group may enter it.
    public static func of(folderMode: mode_t) -> FileModes {
        folderMode & 0o070 == 0o070 ? .group : .ownerOnly
    }
}
