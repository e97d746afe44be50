/// What a scan file holds when it is not a register entry.
///
/// A real book's scans include its cover, blank pages, the index and pages of entries crossed
/// out. Such a file is marked, with a reason, instead of being keyed: it leaves reconciliation and
/// keying, and it travels in the export as part of the book's provenance, never as a record.
public enum NonEntryKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The book's cover or title page (bìa).
    case cover
    /// A page with nothing written on it (trang trắng).
    case blank
    /// The book's index of names (mục lục, sổ tra cứu).
    case index
    /// An entry crossed out or cancelled in the book (trường hợp bị hủy, gạch bỏ).
    case cancelled
    /// Anything else; the reason says what.
    case other
}
