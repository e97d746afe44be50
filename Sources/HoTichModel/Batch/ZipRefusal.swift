/// Why a zip of scans is refused before anything of it is kept: what it declares or holds is more
/// than scans need, or an entry could land outside its folder. Entry names are shown escaped.
public enum ZipRefusal: Sendable, Hashable, Codable {
    /// More entries than the limit.
    case tooManyEntries(limit: Int)
    /// One file declares more than the limit.
    case fileTooLarge(String, limitMiB: Int)
    /// The files together declare more than the limit.
    case totalTooLarge(limitGiB: Int)
    /// A file declares far more than its compressed size (a zip bomb's sign).
    case ratioTooHigh(String, ratio: Int, limit: Int)
    /// A file unpacked to more bytes than it declared.
    case grewPastDeclared(String)
    /// An entry's name would put it outside the batch's folder (`../`, an absolute path).
    case unsafeEntry(String)
}
