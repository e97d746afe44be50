internal import CLibXML2

/// Facts about the libxml2 library this build links against.
///
/// `HoTichXML` is the only module that touches libxml2. It imports no Foundation:
/// Debian's libxml2 headers bring the system ICU with them, which clashes with
/// Foundation's own ICU on a clean build (see `docs/architecture.md`).
public enum XMLLibrary {
    /// The libxml2 version linked at run time, for example `20914` for 2.9.14.
    public static var runtimeVersion: Int {
        Int(hotich_xml_runtime_version())
    }

    /// The libxml2 version as dotted text, for example `2.9.14`.
    public static var versionText: String {
        let value = runtimeVersion
        return "\(value / 10000).\(value / 100 % 100).\(value % 100)"
    }

    /// Initialises the parser once per process. Safe to call more than once.
    public static func initialize() {
        xmlInitParser()
    }
}
