/// Why a scan cannot go into the Ministry's zip as a PDF without re-encoding it (which would
/// change what was scanned).
public enum ScanRefusal: String, Sendable, Hashable, Codable {
    /// A TIFF scan: convert it to PDF (or JPEG, PNG) with the scanner's software first.
    case tiff
    /// A PNG with an alpha channel.
    case pngWithTransparency
    /// An interlaced PNG.
    case pngInterlaced
    /// A JPEG or PNG that cannot be read.
    case damagedImage
}

/// A scan file that cannot be delivered, and why.
public struct RefusedScan: Sendable, Hashable, Codable {
    public let path: String
    public let reason: ScanRefusal

    public init(path: String, reason: ScanRefusal) {
        self.path = path
        self.reason = reason
    }
}
