/// A place as written and the units it may name on its registration date.
public struct PlaceResolution: Sendable, Equatable {
    /// How sure the reading is.
    public enum Confidence: String, Sendable, Comparable, CaseIterable {
        /// No unit of the list fits.
        case unresolved
        /// Several units fit as well as each other: none is the answer.
        case ambiguous
        /// One unit fits best, but the text left something unconfirmed (a level not written, a
        /// name matched only without its diacritics, a part that names nothing, an older name).
        case probable
        /// One unit, every level written agrees, every name spelt as the list spells it.
        case certain

        private var rank: Int {
            switch self {
            case .unresolved: 0
            case .ambiguous: 1
            case .probable: 2
            case .certain: 3
            }
        }
        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
    }

    public let written: String
    /// Best first.
    public let candidates: [PlaceCandidate]
    /// The version of each era's list the codes come from.
    public let versions: [AdministrativeUnit.Era: String]
    /// Whether the text claims to name an administrative unit: it has a part that is not a
    /// village, street or building ("Bệnh viện Bạch Mai" alone does not).
    public let namesUnits: Bool

    public var confidence: Confidence {
        guard let best = candidates.first else { return .unresolved }
        if candidates.count > 1 {
            let second = candidates[1]
            // A second candidate confirmed as far as the first, of any level: ambiguous, unless only the
            // first is spelt as written ("Tam Thanh" beside "Tam Thành") or of the kind written
            // ("phường An Phú" beside xã An Phú).
            if second.confirmedLevels == best.confirmedLevels && second.exactParts >= best.exactParts
                && second.otherKindParts <= best.otherKindParts {
                return .ambiguous
            }
        }
        let allExact = best.exactParts >= best.confirmedLevels
        if allExact && best.unknownParts == 0 && best.otherKindParts == 0 && !best.carriedForward
            && (best.confirmedLevels >= 2 || best.deepest.level == .province) {
            return .certain
        }
        return .probable
    }

    /// The province every reading shares (of one era), when they do: what an ambiguous place
    /// still says for certain.
    public var sharedProvince: AdministrativeUnit? {
        guard let first = candidates.first?.province else { return nil }
        return candidates.allSatisfy { $0.province.code == first.code && $0.province.era == first.era } ? first : nil
    }

    /// The one reading, when there is one (certain or probable).
    public var resolved: PlaceCandidate? {
        confidence >= .probable ? candidates.first : nil
    }
}

/// One reading of a place: the commune, district and province it names (of one era), and the
/// units of 1 July 2025 that took them over.
public struct PlaceCandidate: Sendable, Equatable {
    public let commune: AdministrativeUnit?
    public let district: AdministrativeUnit?
    public let province: AdministrativeUnit
    /// The communes of 2025 that took over ``commune`` (several when it was divided).
    public let successors: [Succession]
    /// The province of 2025 that took over ``province``.
    public let successorProvince: AdministrativeUnit?
    /// Whether the place was registered after the reform but named with the older units.
    public let carriedForward: Bool
    /// How many levels the text named and the list confirmed.
    public let confirmedLevels: Int
    /// How many of them were spelt exactly (diacritics and all).
    public let exactParts: Int
    /// How many of them were written with another kind word than the list's ("xã" for what is a
    /// thị trấn now): often a unit since upgraded, never certain.
    public let otherKindParts: Int
    /// Parts that named nothing, or something else.
    public let unknownParts: Int

    /// The most specific unit named.
    public var deepest: AdministrativeUnit { commune ?? district ?? province }

    /// The units of 2025 for a place of the older era: the one successor commune when the old
    /// commune went whole to one, and the successor province.
    public var successorCommune: AdministrativeUnit? {
        successors.count == 1 ? successors[0].unit : nil
    }
}
