/// The language user-facing text is written in. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vietnamese = "vi"
    case english = "en"

    /// Picks the language from a `--lang` value or the `HOTICH_LANG` environment variable.
    ///
    /// Unknown or missing values fall back to Vietnamese; `en`, `en_US.UTF-8` and `EN` read as English.
    public init(code: String?) {
        let normalized = (code ?? "").lowercased()
        self = normalized.hasPrefix("en") ? .english : .vietnamese
    }
}
