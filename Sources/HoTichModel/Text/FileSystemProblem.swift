/// What went wrong with a file or folder, in words a clerk can act on: the operating system's
/// failures, sorted by what the user must do about them.
public enum FileSystemProblem: String, Sendable, Hashable, Codable {
    /// The disk (or the user's quota) is full: free space.
    case diskFull
    /// The user may not read or write it: ask the administrator for access.
    case noPermission
    /// It does not exist (any more): check the path.
    case notFound
    /// It lies on a read-only volume: choose another place.
    case readOnly
    /// Anything else the system reports (a disk error, a network share gone).
    case other
}
