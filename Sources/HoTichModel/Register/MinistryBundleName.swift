/// The name the Ministry's systems give one register book's delivery: a spreadsheet and a zip of
/// its scans, `{prefix}.{KIND}.{year opened}.{volume}.xlsx` and `.zip`, where the prefix names the
/// place, for example `xalocthuan_hbd_tbt.CMC.2006.01.xlsx` (commune, district and province
/// initials).
public struct MinistryBundleName: Sendable, Equatable {
    /// The place part, lower-case ASCII letters, digits and `_`.
    public let prefix: String
    public let kind: RecordKind
    public let yearOpened: Int
    public let volume: Int

    public init(prefix: String, kind: RecordKind, yearOpened: Int, volume: Int) {
        self.prefix = Self.cleanPrefix(prefix)
        self.kind = kind
        self.yearOpened = yearOpened
        self.volume = volume
    }

    /// The bundle of a book, under `prefix`.
    public init(prefix: String, book: BookIdentity) {
        self.init(prefix: prefix, kind: book.kind, yearOpened: book.year, volume: book.volume)
    }

    /// The file name with `fileExtension` (`xlsx`, `zip`).
    public func fileName(_ fileExtension: String) -> String {
        "\(prefix).\(kind.code).\(yearOpened).\(volume < 10 ? "0" : "")\(volume).\(fileExtension)"
    }

    /// Parses the last path component of `name` (any extension); `nil` when it does not follow the form.
    public init?(_ name: String) {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        var parts = last.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 5 else { return nil }
        parts.removeLast()  // the extension
        let volumeText = parts.removeLast()
        let yearText = parts.removeLast()
        let kindText = parts.removeLast()
        let prefix = parts.joined(separator: ".")
        guard let kind = RecordKind(code: kindText.uppercased()), yearText.count == 4, let year = Int(yearText),
              (1...3).contains(volumeText.count), let volume = Int(volumeText), volume > 0, !prefix.isEmpty
        else { return nil }
        self.init(prefix: prefix, kind: kind, yearOpened: year, volume: volume)
    }

    /// The book the bundle holds, registered by `office`.
    public func book(office: OfficeCode) -> BookIdentity {
        BookIdentity(office: office, kind: kind, year: yearOpened, volume: volume)
    }

    /// A prefix for an office when none is given: the office's name folded and joined
    /// (`UBND phường Phúc Xá` → `phuongphucxa`), its code, and its province's initials
    /// (`hn` for Hà Nội), for example `phuongphucxa_00001_hn`.
    public static func defaultPrefix(officeName: String?, office: OfficeCode, province: String?) -> String {
        let words = VietnameseText.folded(officeName ?? "").split(separator: " ").map(String.init)
            .filter { !["ubnd", "uy", "ban", "nhan", "dan"].contains($0) }
        let place = words.joined()
        let initials = province.flatMap { code in AdministrativeUnits.provinces.entries.first { $0.code == code }?.label }
            .map { VietnameseText.folded($0).split(separator: " ").compactMap(\.first).map(String.init).joined() }
        return cleanPrefix([place.isEmpty ? nil : place, office.value, initials].compactMap { $0 }.joined(separator: "_"))
    }

    /// Lower-case ASCII letters, digits, `_` and `-`; anything else dropped.
    static func cleanPrefix(_ text: String) -> String {
        String(VietnameseText.folded(text).unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            .map(Character.init))
    }
}
