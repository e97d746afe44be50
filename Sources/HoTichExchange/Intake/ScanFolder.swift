public import Foundation

/// The files of a scan folder, listed in a stable order.
///
/// Operating-system clutter (`Thumbs.db`, `.DS_Store`, `desktop.ini`, macOS `._` resource
/// forks) is set aside and counted, never silently taken for scans. Symbolic links are not
/// followed, so a batch cannot reach outside its folder.
public struct ScanFolder: Sendable {
    /// The folder the relative paths start from.
    public let root: URL
    /// Paths relative to ``root`` with `/` separators, sorted.
    public let relativePaths: [String]
    /// How many system files were set aside.
    public let systemFilesIgnored: Int
    /// Symbolic links found (relative paths, sorted): never followed, listed for the supervisor.
    public let symbolicLinks: [String]

    /// Lists every regular file below `root`.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
        guard let enumerator = FileManager.default.enumerator(
            at: self.root, includingPropertiesForKeys: keys, options: [], errorHandler: { _, _ in true })
        else {
            throw CocoaError(.fileReadUnknown)
        }
        let rootPath = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        var paths: [String] = []
        var links: [String] = []
        var ignored = 0
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isSymbolicLink == true {
                let full = url.path
                if full.hasPrefix(rootPath) { links.append(String(full.dropFirst(rootPath.count))) }
                continue
            }
            guard values?.isRegularFile == true else { continue }
            if Self.isSystemFile(url.lastPathComponent) {
                ignored += 1
                continue
            }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(rootPath) else { continue }
            paths.append(String(full.dropFirst(rootPath.count)))
        }
        relativePaths = paths.sorted()
        systemFilesIgnored = ignored
        symbolicLinks = links.sorted()
    }

    /// Whether a file name is operating-system clutter rather than a scan.
    public static func isSystemFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "thumbs.db" || lower == ".ds_store" || lower == "desktop.ini" || name.hasPrefix("._")
    }

    /// The absolute URL of a listed file.
    public func url(of relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
