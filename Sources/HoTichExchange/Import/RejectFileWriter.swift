public import Foundation

/// Writes the rows an import rejected, as they were, so that a person corrects them in a
/// spreadsheet and imports the file as it is.
///
/// The file has the source's own header and cells, in the same order and CSV spelling, followed by
/// columns hotich adds (the row's number in the source, the reasons), whose headers end in
/// ``annotationMarker`` so that an import recognises and ignores them. Rows are written as they come
/// (memory stays flat) to a hidden file beside the target, readable by its owner only since it holds
/// personal data, and given its name by ``commit()``; ``discard()`` (or a crash) leaves no reject
/// file that looks finished.
public final class RejectFileWriter {
    /// What ends the header of every column hotich adds to a reject file.
    public static let annotationMarker = "(hotich)"

    /// Whether a header cell names a column hotich added (ignored on import).
    public static func isAnnotation(_ header: String) -> Bool {
        header.trimmingCharacters(in: .whitespaces).hasSuffix(annotationMarker)
    }

    public let url: URL
    private let partial: URL
    private let handle: FileHandle
    private let dialect: CSVDialect
    private let columns: Int
    private var finished = false

    /// Creates the hidden file and writes the header: the source's `header`, then `annotations`
    /// (each already ending in ``annotationMarker``).
    public init(url: URL, header: [String], annotations: [String], dialect: CSVDialect) throws {
        self.url = url
        self.dialect = dialect
        columns = header.count
        partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: partial.path)
        else { throw CocoaError(.fileWriteNoPermission) }
        self.handle = handle
        do {
            if dialect.byteOrderMark { try handle.write(contentsOf: [0xEF, 0xBB, 0xBF]) }
            try write(header, annotations)
        } catch {
            discard()
            throw error
        }
    }

    deinit { discard() }

    /// One rejected row: its cells as read (padded to the header's width, so the added columns line
    /// up), then its annotations.
    public func write(row cells: [String], annotations: [String]) throws {
        try write(cells, annotations)
    }

    private func write(_ cells: [String], _ annotations: [String]) throws {
        var padded = Array(cells.prefix(columns))
        if padded.count < columns { padded += repeatElement("", count: columns - padded.count) }
        try handle.write(contentsOf: Data(dialect.line(padded + annotations).utf8))
    }

    /// Flushes the file to disk and gives it its name (replacing an older reject file).
    public func commit() throws {
        guard !finished else { return }
        try handle.synchronize()
        try handle.close()
        finished = true
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: partial, to: url)
    }

    /// Removes the unfinished file.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: partial)
    }
}
