import Foundation

/// A coded list of the Ministry's (sex, registration type, ethnicity, …): the values a code field
/// may hold, each with the label printed on the registers.
///
/// A list has an identifier and a version, so a stored code always says which list it came from.
/// Values marked GUESS in the reference material are kept in lists whose version ends in
/// `-provisional`, so a province can tell them from confirmed ones.
public struct CodeList: Sendable, Hashable {
    /// One value of a list.
    public struct Entry: Sendable, Hashable {
        public let code: String
        public let label: String

        public init(_ code: String, _ label: String) {
            self.code = code
            self.label = label
        }
    }

    /// A stable identifier, for example `gioiTinh` or `loaiDangKy.KS`.
    public let id: String
    /// The version of the list this build carries.
    public let version: String
    public let entries: [Entry]
    /// Whether text that matches no entry may be kept as written (nationalities, ethnic subgroups).
    public let allowsUnlistedText: Bool

    /// Each entry's label folded (tones, diacritics and hyphens removed), computed once.
    private let foldedLabels: [String]
    private let byFoldedLabel: [String: Entry]
    /// Entries by their exact code and exact label: what stored values hold, found without folding.
    private let byExactText: [String: Entry]

    public init(id: String, version: String, entries: [Entry], allowsUnlistedText: Bool = false) {
        self.id = id
        self.version = version
        self.entries = entries
        self.allowsUnlistedText = allowsUnlistedText
        foldedLabels = entries.map { VietnameseText.folded($0.label).replacingOccurrences(of: "-", with: "") }
        var index: [String: Entry] = [:]
        for entry in entries { index[VietnameseText.folded(entry.label)] = index[VietnameseText.folded(entry.label)] ?? entry }
        byFoldedLabel = index
        var exact: [String: Entry] = [:]
        for entry in entries.reversed() {
            exact[entry.label] = entry
        }
        for entry in entries.reversed() {
            exact[entry.code] = entry
        }
        byExactText = exact
    }

    public static func == (lhs: CodeList, rhs: CodeList) -> Bool {
        lhs.id == rhs.id && lhs.version == rhs.version && lhs.entries == rhs.entries && lhs.allowsUnlistedText == rhs.allowsUnlistedText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(version)
    }

    /// The entry with `code`, or whose label is `text` ignoring case, tones and diacritics.
    public func entry(matching text: String) -> Entry? {
        if let exact = byExactText[text] { return exact }
        return entry(matchingNormalized: VietnameseText.normalized(text))
    }

    /// ``entry(matching:)`` for text already normalized.
    func entry(matchingNormalized trimmed: String) -> Entry? {
        // An exact code or label (what the registers and spreadsheets mostly hold), codes first.
        if let exact = byExactText[trimmed] { return exact }
        // "1" and "01" name the same code in lists of two-digit codes.
        if let number = Int(trimmed), let byNumber = entries.first(where: { Int($0.code) == number }) {
            return byNumber
        }
        return byFoldedLabel[VietnameseText.folded(trimmed)]
    }

    /// Entries whose label contains `text` ignoring case, tones and diacritics ("ede" finds Ê-đê),
    /// or whose code starts with it. An empty query lists everything.
    public func search(_ text: String) -> [Entry] {
        let folded = VietnameseText.folded(text).replacingOccurrences(of: "-", with: "")
        guard !folded.isEmpty else { return entries }
        return entries.indices.filter { index in
            entries[index].code.hasPrefix(folded) || foldedLabels[index].contains(folded)
        }.map { entries[$0] }
    }
}
