/// A place as written, taken apart: "Thôn 3, X. Tam Thanh, H. Tam Kỳ, T. Quảng Nam" is four parts,
/// each a name with the kind word before it read as the level it names.
public enum PlaceText {
    /// One part of a written place.
    public struct Part: Sendable, Equatable {
        /// The part as written (trimmed, NFC).
        public let written: String
        /// The part without its kind word: "Tam Thanh", "1" (of "Quận 1"), "HCM" (of "TP.HCM").
        public let name: String
        /// The levels the kind word allows ("xã" a commune, "thành phố" a district or a province);
        /// `nil` when the part has none.
        public let level: [AdministrativeUnit.Level]?
        /// A village, hamlet, street or building ("thôn", "ấp", "tổ dân phố", "số nhà", "bệnh viện"):
        /// below the commune, kept as detail, never matched against the list.
        public let isDetail: Bool
        /// The kind the kind word names, as the list writes kinds ("Xã", "Phường", "Quận"…).
        public var kind: String? = nil
    }

    /// The parts of a place, left to right: split at commas, semicolons, line breaks and dashes
    /// with a space on either side ("Tam Thanh - Tam Kỳ"); a dash inside a word ("QN-ĐN") stays.
    public static func parts(_ written: String) -> [Part] {
        let text = VietnameseText.normalized(written)
        var pieces: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let spacedDash = (character == "-" || character == "–" || character == "—")
                && (index > 0 && characters[index - 1] == " " || index + 1 < characters.count && characters[index + 1] == " ")
            if character == "," || character == ";" || character == "\n" || spacedDash {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        pieces.append(current)
        return pieces.map { part(VietnameseText.normalized($0)) }.filter { !$0.name.isEmpty || $0.isDetail }
    }

    /// One part, with its kind word read. A kind word is recognised spelt as it is ("phường") or
    /// without diacritics ("phuong"), never with other diacritics: "Phượng Lâu" is a name.
    public static func part(_ text: String) -> Part {
        let trimmed = VietnameseText.normalized(text)
        let lower = trimmed.lowercased()
        for (word, plain, meaning) in kindWords {
            let length: Int
            if lower.hasPrefix(word) {
                length = word.count
            } else if plain != word, lower.hasPrefix(plain) {
                length = plain.count
            } else {
                continue
            }
            let rest = lower.dropFirst(length)
            // A word ends at a space or a dot, or before a number ("Q1", "P.12").
            let endsWord = word.hasSuffix(".") || rest.isEmpty || rest.first == " " || rest.first == "."
                || (rest.first?.isNumber == true && length <= 2)
            guard endsWord else { continue }
            let name = String(trimmed.dropFirst(length)).trimmingPrefix { $0 == " " || $0 == "." }
            switch meaning {
            case .detail:
                // "Trạm y tế xã Tam Thanh": the commune the building is in.
                let inside = part(String(name))
                if inside.level != nil, !inside.name.isEmpty { return inside }
                return Part(written: trimmed, name: String(name), level: nil, isDetail: true)
            case .levels(let levels, let kind):
                return Part(written: trimmed, name: String(name), level: levels, isDetail: false, kind: kind)
            }
        }
        return Part(written: trimmed, name: trimmed, level: nil, isDetail: false)
    }

    private enum Meaning {
        case levels([AdministrativeUnit.Level], kind: String)
        case detail
    }

    /// Kind words and their abbreviations as written and without diacritics, longest first so
    /// that "thị trấn" is tried before "thị xã" words and "tp." before "t.".
    private static let kindWords: [(String, String, Meaning)] = {
        let commune: [AdministrativeUnit.Level] = [.commune]
        let district: [AdministrativeUnit.Level] = [.district]
        let city: [AdministrativeUnit.Level] = [.province, .district]
        let province: [AdministrativeUnit.Level] = [.province]
        let words: [(String, Meaning)] = [
            ("thành phố trực thuộc trung ương", .levels(province, kind: "Thành phố")), ("thành phố", .levels(city, kind: "Thành phố")),
            ("t.p.", .levels(city, kind: "Thành phố")), ("tp.", .levels(city, kind: "Thành phố")), ("tp", .levels(city, kind: "Thành phố")),
            ("tỉnh", .levels(province, kind: "Tỉnh")), ("t.", .levels(province, kind: "Tỉnh")),
            ("thị trấn", .levels(commune, kind: "Thị trấn")), ("tt.", .levels(commune, kind: "Thị trấn")), ("tt", .levels(commune, kind: "Thị trấn")),
            ("xã", .levels(commune, kind: "Xã")), ("x.", .levels(commune, kind: "Xã")),
            ("phường", .levels(commune, kind: "Phường")), ("p.", .levels(commune, kind: "Phường")), ("p", .levels(commune, kind: "Phường")),
            ("đặc khu", .levels(commune, kind: "Đặc khu")),
            ("thị xã", .levels(district, kind: "Thị xã")), ("tx.", .levels(district, kind: "Thị xã")), ("tx", .levels(district, kind: "Thị xã")),
            ("huyện", .levels(district, kind: "Huyện")), ("h.", .levels(district, kind: "Huyện")),
            ("quận", .levels(district, kind: "Quận")), ("q.", .levels(district, kind: "Quận")), ("q", .levels(district, kind: "Quận")),
            ("tổ dân phố", .detail), ("khu phố", .detail), ("khu dân cư", .detail), ("kp.", .detail), ("kp", .detail),
            ("thôn", .detail), ("xóm", .detail), ("ấp", .detail), ("bản", .detail), ("buôn", .detail), ("làng", .detail),
            ("khóm", .detail), ("tổ", .detail), ("đội", .detail), ("khu", .detail), ("số nhà", .detail), ("số", .detail),
            ("đường", .detail), ("ngõ", .detail), ("ngách", .detail), ("hẻm", .detail), ("kiệt", .detail), ("phố", .detail),
            ("bệnh viện", .detail), ("bv", .detail), ("trạm y tế", .detail), ("tyt", .detail), ("nhà hộ sinh", .detail),
            ("trung tâm y tế", .detail), ("ttyt", .detail), ("phòng khám", .detail), ("tại nhà", .detail),
        ]
        return words.map { ($0.0, VietnameseText.folded($0.0), $0.1) }.sorted { $0.0.count > $1.0.count }
    }()
}
