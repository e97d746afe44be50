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
        public let kind: String?
        /// The name's key for matching (``AdministrativeUnitCatalog/nameKey(_:)``), worked out once.
        public let key: String

        public init(written: String, name: String, level: [AdministrativeUnit.Level]?, isDetail: Bool, kind: String? = nil) {
            self.written = written
            self.name = name
            self.level = level
            self.isDetail = isDetail
            self.kind = kind
            key = AdministrativeUnitCatalog.nameKey(name)
        }
    }

    /// The parts of a place, left to right: split at commas, semicolons, line breaks and dashes
    /// with a space on either side ("Tam Thanh - Tam Kỳ"); a dash inside a word ("QN-ĐN") stays.
    /// Read scalar by scalar: places are read by the hundred thousand in an export.
    public static func parts(_ written: String) -> [Part] {
        let scalars = Array(VietnameseText.normalized(written).unicodeScalars)
        var parts: [Part] = []
        var start = 0
        func cut(_ end: Int) {
            if end > start {
                let piece = part(String(String.UnicodeScalarView(scalars[start..<end])))
                if !piece.name.isEmpty || piece.isDetail { parts.append(piece) }
            }
        }
        for (index, scalar) in scalars.enumerated() {
            let dash = scalar == "-" || scalar == "–" || scalar == "—"
            let spacedDash = dash && ((index > 0 && scalars[index - 1] == " ") || (index + 1 < scalars.count && scalars[index + 1] == " "))
            if scalar == "," || scalar == ";" || scalar == "\n" || spacedDash {
                cut(index)
                start = index + 1
            }
        }
        cut(scalars.count)
        return parts
    }

    /// Whether the place was split at a dash between spaces somewhere (worth trying to join again).
    static func hasSpacedDash(_ written: String) -> Bool {
        // "-", or the first byte of "–" and "—" (E2 80 93/94), beside a space.
        var previous: UInt8 = 0
        var dashBefore = false
        for byte in written.utf8 {
            let dash = byte == UInt8(ascii: "-") || byte == 0x93 || byte == 0x94
            if dash && previous == 0x20 { return true }
            if byte == 0x20 && dashBefore { return true }
            dashBefore = dash
            previous = byte
        }
        return false
    }

    /// One part, with its kind word read. A kind word is recognised spelt as it is ("phường") or
    /// without diacritics ("phuong"), never with other diacritics: "Phượng Lâu" is a name.
    public static func part(_ text: String) -> Part {
        let trimmed = VietnameseText.normalized(text)
        let original = Array(trimmed.unicodeScalars)
        // Lower case scalar by scalar, so that positions in it are positions in the text.
        let lower = original.map { scalar -> Unicode.Scalar in
            if scalar.value < 0x80 { return (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value) + 0x20) : scalar }
            let mapped = scalar.properties.lowercaseMapping.unicodeScalars
            return mapped.count == 1 ? mapped.first ?? scalar : scalar
        }
        guard let first = lower.first, let candidates = kindWordsByFirst[first] else {
            return Part(written: trimmed, name: trimmed, level: nil, isDetail: false)
        }
        for (word, meaning) in candidates {
            guard lower.count >= word.count, lower[..<word.count].elementsEqual(word) else { continue }
            let length = word.count
            let rest = lower[length...]
            // A word ends at a space or a dot, or before a number ("Q1", "P.12").
            let endsWord = word.last == "." || rest.isEmpty || rest.first == " " || rest.first == "."
                || (rest.first.map { (0x30...0x39).contains($0.value) } == true && length <= 2)
            guard endsWord else { continue }
            var nameStart = length
            while nameStart < original.count, original[nameStart] == " " || original[nameStart] == "." { nameStart += 1 }
            let name = String(String.UnicodeScalarView(original[nameStart...]))
            switch meaning {
            case .detail:
                // "Trạm y tế xã Tam Thanh": the commune the building is in.
                let inside = part(name)
                if inside.level != nil, !inside.name.isEmpty { return inside }
                return Part(written: trimmed, name: name, level: nil, isDetail: true)
            case .levels(let levels, let kind):
                return Part(written: trimmed, name: name, level: levels, isDetail: false, kind: kind)
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

    /// The kind words as scalars, as written and without diacritics, by their first scalar, longest
    /// first: only the few that begin like the part are tried.
    private static let kindWordsByFirst: [Unicode.Scalar: [([Unicode.Scalar], Meaning)]] = {
        var index: [Unicode.Scalar: [([Unicode.Scalar], Meaning)]] = [:]
        for (word, plain, meaning) in kindWords {
            for spelling in Set([word, plain]) {
                let scalars = Array(spelling.unicodeScalars)
                guard let first = scalars.first else { continue }
                index[first, default: []].append((scalars, meaning))
            }
        }
        return index.mapValues { $0.sorted { $0.0.count > $1.0.count } }
    }()
}
