import Foundation

/// Reads a place as written in a register and finds the units it names, as they stood on the
/// registration date: "xã Tam Thanh, huyện Tam Kỳ, Quảng Nam" registered in 1999 is commune 20359
/// of district 502 of province 49 (and, since 1 July 2025, part of Đà Nẵng).
///
/// Levels may be missing ("Thôn 3, Tam Thanh, Tam Kỳ"), abbreviated ("X.", "H.", "TP."), or named
/// by a former province ("QN-ĐN"). The most specific unit named is taken with every part to its
/// right checked as one of its ancestors; parts that name nothing in the list (villages, streets,
/// hospitals, a country) are detail. Where several units fit as well, all are returned and none is
/// presented as the answer.
public struct PlaceResolver: Sendable {
    public let catalog: AdministrativeUnitCatalog

    public init(catalog: AdministrativeUnitCatalog) {
        self.catalog = catalog
    }

    /// How many candidates a resolution keeps.
    public static let candidateLimit = 8

    public func resolve(_ written: String, registered date: PartialDate?) -> PlaceResolution {
        var parts = PlaceText.parts(written).filter { !Self.countryKeys.contains($0.key) }
        if parts.count > 1, PlaceText.hasSpacedDash(written) { parts = joiningDashedNames(parts) }
        let span = date?.span
        var candidates: [PlaceCandidate] = []
        for era in Self.eras(for: span) {
            // After the reform, a place written with the older units is read in their era, then carried forward.
            let carried = era == .before2025 && span.map { $0.lowerBound >= AdministrativeUnit.Era.reformDay } == true
            var found = resolve(parts, era: era, span: carried ? nil : span)
            if carried { found = found.map(carryForward) }
            // The era whose units confirm more of the text wins; on a tie, the one tried first.
            if let best = found.first, best.confirmedLevels > (candidates.first?.confirmedLevels ?? 0) { candidates = found }
        }
        return PlaceResolution(
            written: written, candidates: candidates.prefix(Self.candidateLimit).map(withSuccessors), versions: catalog.versions,
            namesUnits: parts.contains { !$0.isDetail })
    }

    /// Parts split at a dash that together are one name ("Bà Rịa - Vũng Tàu", "Thừa Thiên - Huế",
    /// "Quảng Nam - Đà Nẵng"): joined again when the whole is a province's name or a former one's.
    private func joiningDashedNames(_ parts: [PlaceText.Part]) -> [PlaceText.Part] {
        var joined: [PlaceText.Part] = []
        var index = 0
        while index < parts.count {
            if index + 1 < parts.count, !parts[index].isDetail, parts[index + 1].level == nil {
                let whole = parts[index].written + " - " + parts[index + 1].written
                let candidate = PlaceText.part(whole)
                let key = AdministrativeUnitCatalog.nameKey(candidate.name)
                let known = !catalog.units(keyed: key).filter { $0.level == .province }.isEmpty || !catalog.formerProvinces(keyed: key).isEmpty
                if known {
                    joined.append(candidate)
                    index += 2
                    continue
                }
            }
            joined.append(parts[index])
            index += 1
        }
        return joined
    }

    /// The eras a place registered during `span` is looked for in, in order.
    static func eras(for span: ClosedRange<CivilDate>?) -> [AdministrativeUnit.Era] {
        let reform = AdministrativeUnit.Era.reformDay
        guard let span else { return [.before2025, .from2025] }
        if span.upperBound < reform { return [.before2025] }
        if span.lowerBound >= reform { return [.from2025, .before2025] }
        return [.before2025, .from2025]
    }

    /// What a part of the place names in one era: units, or a former province's territory.
    private struct PartMatch {
        var units: [AdministrativeUnit] = []
        var exact: Set<String> = []
        /// Units whose kind is the one the part's kind word names.
        var sameKind: Set<String> = []
        var formerProvinceCodes: Set<String> = []
        /// Whether the part is a province's name at some time (of this list or a former one).
        var namesProvince = false
        var isEmpty: Bool { units.isEmpty && formerProvinceCodes.isEmpty }
    }

    private func resolve(_ parts: [PlaceText.Part], era: AdministrativeUnit.Era, span: ClosedRange<CivilDate>?) -> [PlaceCandidate] {
        let diacritics = parts.contains { !$0.written.unicodeScalars.allSatisfy(\.isASCII) }
        let matches = parts.map { match($0, era: era, span: span, diacritics: diacritics) }
        var found: [PlaceCandidate] = []
        // The last part naming something, without a kind word, is read as a province when it is a
        // province's name, now, before or as a former one: "Thanh Hóa" is the province, not xã Thanh
        // Hóa of Quảng Bình; "Hà Tây" in 2010 is Hà Tây, not xã Hà Tây of Gia Lai.
        let lastNamed = matches.lastIndex { !$0.isEmpty || $0.namesProvince }
        for (position, match) in matches.enumerated() {
            let part = parts[position]
            let provinceHere = position == lastNamed && part.level == nil && match.namesProvince
            for unit in match.units where !provinceHere || unit.level == .province {
                // The same words naming a unit and its ancestor name the ancestor, unless a later part
                // names it too: "Củ Chi, TP.HCM" is the district, not its township, and "thành phố
                // Hà Tĩnh" the province; but "Hải Châu, Hải Châu" is the ward of the district.
                let laterUnits = matches[(position + 1)...].flatMap(\.units)
                let ancestorHere = match.units.contains { other in
                    other != unit && catalog.isInside(unit, other, during: span) && !laterUnits.contains(other)
                }
                if ancestorHere { continue }
                // Deeper units named to the left make this one an ancestor, not the answer.
                let deeper = matches[..<position].contains { $0.units.contains { catalog.isInside($0, unit, during: span) } }
                if deeper { continue }
                // A part to the left whose kind word names a unit as big or bigger ("huyện Ba Vì, Hà Tây"
                // is not xã Hà Tây; "xã Tam Thanh, Tam Kỳ" is not phường Tam Kỳ).
                let biggerToTheLeft = parts[..<position].contains { part in part.level.map { $0.allSatisfy { $0 <= unit.level } } ?? false }
                if biggerToTheLeft { continue }
                var confirmed = [unit.level]
                var exact = match.exact.contains(unit.code) ? 1 : 0
                var otherKind = part.kind != nil && !match.sameKind.contains(unit.code) ? 1 : 0
                var unknown = 0
                var contradicted = false
                for (offset, later) in matches[(position + 1)...].enumerated() {
                    let laterPart = parts[position + 1 + offset]
                    if later.isEmpty { unknown += 1; continue }
                    if let ancestor = later.units.first(where: { catalog.isInside(unit, $0, during: span) }) {
                        confirmed.append(ancestor.level)
                        if later.exact.contains(ancestor.code) { exact += 1 }
                        if laterPart.kind != nil, !later.sameKind.contains(ancestor.code) { otherKind += 1 }
                    } else if let province = catalog.province(of: unit, during: span), later.formerProvinceCodes.contains(province.code) {
                        confirmed.append(.province)
                        exact += 1
                    } else {
                        contradicted = true
                        break
                    }
                }
                if contradicted { continue }
                // Parts to the left that name nothing are detail (villages, streets), unless a kind word
                // says they name a unit the list does not have ("phường Hoàn Kiếm"); ones that name
                // some other unit make the reading less sure too.
                let unrelated = zip(parts[..<position], matches[..<position]).filter { part, match in
                    !match.isEmpty || part.level != nil
                }.count
                found.append(candidate(
                    for: unit, span: span, confirmed: confirmed.count, exact: exact, otherKind: otherKind, unknown: unknown + unrelated))
            }
        }
        // A former province alone ("Quảng Nam - Đà Nẵng"): its provinces are the candidates.
        if found.isEmpty, let last = matches.last(where: { !$0.isEmpty }), !last.formerProvinceCodes.isEmpty,
           !last.units.contains(where: { $0.level == .province }) {
            for code in last.formerProvinceCodes.sorted() {
                if let province = catalog.unit(code: code, era: era, during: span) {
                    found.append(candidate(for: province, span: span, confirmed: 1, exact: 1, otherKind: 0, unknown: 0))
                }
            }
        }
        // Only the readings as good as the best (as many levels confirmed, as many spelt as written)
        // are worth naming beside it.
        let ranked = rank(found)
        guard let best = ranked.first else { return [] }
        return ranked.filter { $0.confirmedLevels == best.confirmedLevels && $0.exactParts == best.exactParts }
    }

    private func match(_ part: PlaceText.Part, era: AdministrativeUnit.Era, span: ClosedRange<CivilDate>?, diacritics: Bool) -> PartMatch {
        var result = PartMatch()
        let names = part.isDetail ? [(part.written, nil as [AdministrativeUnit.Level]?)] : [(part.name, part.level)]
        for (name, levels) in names {
            let key = name == part.name ? part.key : AdministrativeUnitCatalog.nameKey(name)
            guard !key.isEmpty else { continue }
            let spelling = Self.spelling(name)
            let named = catalog.units(keyed: key)
            for unit in named where unit.era == era {
                if let levels, !levels.contains(unit.level) { continue }
                if let span, !catalog.isNamed(unit, during: span) { continue }
                result.units.append(unit)
                // Text written without any diacritics spells a name only by chance ("Tam Thanh" for Tam Thành).
                let byChance = !diacritics && unit.name.contains(where: \.isLetter)
                if !byChance, Self.spelling(unit.name) == spelling { result.exact.insert(unit.code) }
                if let kind = part.kind, unit.kind == kind || (kind == "Thành phố" && unit.kind == "Thành phố Trung ương") {
                    result.sameKind.insert(unit.code)
                }
            }
            // "Hải Châu 1", "Hải Châu II": a numbered unit since merged into the one of the plain name.
            if result.units.isEmpty, !part.isDetail, let plain = Self.withoutNumber(name) {
                for unit in catalog.units(keyed: AdministrativeUnitCatalog.nameKey(plain)) where unit.era == era && unit.level != .province {
                    if let levels, !levels.contains(unit.level) { continue }
                    if let span, !unit.isValid(during: span) { continue }
                    result.units.append(unit)
                }
            }
            if levels?.contains(.province) ?? true {
                let formers = catalog.formerProvinces(keyed: key)
                for former in formers { result.formerProvinceCodes.formUnion(former.codes) }
                result.namesProvince = !formers.isEmpty || Self.provinceAliases[key] != nil || named.contains { $0.level == .province }
                if let code = Self.provinceAliases[key], let unit = catalog.unit(code: code, era: era, during: span) {
                    result.units.append(unit)
                    result.exact.insert(unit.code)
                }
            }
        }
        return result
    }

    private func candidate(
        for unit: AdministrativeUnit, span: ClosedRange<CivilDate>?, confirmed: Int, exact: Int, otherKind: Int, unknown: Int
    ) -> PlaceCandidate {
        let province = catalog.province(of: unit, during: span) ?? unit
        let district = catalog.district(of: unit, during: span)
        let commune = unit.level == .commune ? unit : nil
        return PlaceCandidate(
            commune: commune, district: district, province: province, successors: [], successorProvince: nil,
            carriedForward: false, confirmedLevels: confirmed, exactParts: exact, otherKindParts: otherKind, unknownParts: unknown)
    }

    /// The candidate with the units of 1 July 2025 that took over its commune and province (looked
    /// up only for the candidates a resolution keeps).
    private func withSuccessors(_ candidate: PlaceCandidate) -> PlaceCandidate {
        guard candidate.province.era == .before2025 else { return candidate }
        return PlaceCandidate(
            commune: candidate.commune, district: candidate.district, province: candidate.province,
            successors: candidate.commune.map { catalog.successors(of: $0) } ?? [],
            successorProvince: catalog.successors(of: candidate.province).first?.unit, carriedForward: candidate.carriedForward,
            confirmedLevels: candidate.confirmedLevels, exactParts: candidate.exactParts, otherKindParts: candidate.otherKindParts,
            unknownParts: candidate.unknownParts)
    }

    /// A candidate of the older era, for a place registered after the reform: its successors are
    /// the units on the date; the older units stay as what the text named.
    private func carryForward(_ old: PlaceCandidate) -> PlaceCandidate {
        PlaceCandidate(
            commune: old.commune, district: old.district, province: old.province, successors: old.successors,
            successorProvince: old.successorProvince, carriedForward: true, confirmedLevels: old.confirmedLevels,
            exactParts: old.exactParts, otherKindParts: old.otherKindParts, unknownParts: old.unknownParts + 1)
    }

    /// Best first: more levels confirmed, a deeper unit, more parts spelt exactly, fewer unknown.
    private func rank(_ candidates: [PlaceCandidate]) -> [PlaceCandidate] {
        var seen = Set<String>()
        return candidates.sorted { a, b in
            if a.confirmedLevels != b.confirmedLevels { return a.confirmedLevels > b.confirmedLevels }
            if a.deepest.level != b.deepest.level { return a.deepest.level > b.deepest.level }
            if a.exactParts != b.exactParts { return a.exactParts > b.exactParts }
            if a.otherKindParts != b.otherKindParts { return a.otherKindParts < b.otherKindParts }
            if a.unknownParts != b.unknownParts { return a.unknownParts < b.unknownParts }
            return a.deepest.code < b.deepest.code
        }.filter { seen.insert("\($0.deepest.era.rawValue)/\($0.deepest.level.rawValue)/\($0.deepest.code)").inserted }
    }

    /// A name's letters with their diacritics, the tone taken out of its place ("Hoà" and "Hòa"
    /// are one spelling), lower case: what tells an exact match from a folded one. Read through a
    /// table of the precomposed letters (worked out once), not a normalization per call.
    static func spelling(_ name: String) -> [UInt32] {
        var output: [UInt32] = []
        output.reserveCapacity(name.utf8.count)
        var tone: UInt32 = 0
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (0x41...0x5A).contains(value) {
                    output.append(value | 0x20)
                } else if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    output.append(value)
                } else if tone != 0 {
                    output.append(tone)
                    tone = 0
                }
                continue
            }
            if let letter = letters[scalar] {
                output.append(contentsOf: letter.base)
                if letter.tone != 0 { tone = letter.tone }
            } else if (0x0300...0x036F).contains(value) {
                // A combining mark of text that was not NFC: a tone moves, a shape mark stays.
                if [0x0300, 0x0301, 0x0303, 0x0309, 0x0323].contains(value) { tone = value } else { output.append(value) }
            } else if tone != 0 {
                output.append(tone)
                tone = 0
            }
        }
        if tone != 0 { output.append(tone) }
        return output
    }

    /// Every precomposed Latin letter Vietnamese uses (U+00C0–U+01B0, U+1EA0–U+1EF9), lower-cased
    /// and taken apart into its base with shape marks and its tone mark.
    private static let letters: [Unicode.Scalar: (base: [UInt32], tone: UInt32)] = {
        var table: [Unicode.Scalar: (base: [UInt32], tone: UInt32)] = [:]
        for value in Array(0xC0...0x1B0) + Array(0x1EA0...0x1EF9) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = String(scalar).lowercased()
            var base: [UInt32] = []
            var tone: UInt32 = 0
            for part in lower.decomposedStringWithCanonicalMapping.unicodeScalars {
                if [0x0300, 0x0301, 0x0303, 0x0309, 0x0323].contains(part.value) { tone = part.value } else { base.append(part.value) }
            }
            if scalar.value == 0x0110 || scalar.value == 0x0111 { base = [0x0111] }
            table[scalar] = (base, tone)
        }
        return table
    }()

    /// A name without the number or Roman numeral that ends it ("Hải Châu 1" → "Hải Châu"), when
    /// something is left; `nil` when it ends in none.
    static func withoutNumber(_ name: String) -> String? {
        let words = name.split(separator: " ")
        guard words.count >= 2, let last = words.last else { return nil }
        let numeral = last.allSatisfy(\.isNumber) || ["I", "II", "III", "IV", "V", "VI"].contains(String(last).uppercased())
        return numeral ? words.dropLast().joined(separator: " ") : nil
    }

    /// Names of the country at the end of a place, dropped.
    private static let countryKeys: Set<String> = ["vietnam", "nuocconghoaxahoichunghiavietnam"]

    /// Province names as they are written short (folded keys) → code.
    static let provinceAliases: [String: String] = [
        "hcm": "79", "tphcm": "79", "tphochiminh": "79", "saigon": "79", "hue": "46", "thuathienhue": "46",
        "brvt": "77", "bariavungtau": "77", "hn": "01",
    ]
}
