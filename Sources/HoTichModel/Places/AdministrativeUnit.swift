/// One unit of the administrative map (đơn vị hành chính) as it stood over a span of time: a
/// province or centrally governed city, a district, or a commune, ward or township.
///
/// A unit whose parent or name changed appears once per span (Hà Tây's districts belong to Hà Tây
/// up to 31 July 2008 and to Hà Nội from 1 August 2008, under the same codes). Codes are unique
/// within an era, never across: the 2025 list gave some new communes the code an old one had.
public struct AdministrativeUnit: Sendable, Hashable {
    public enum Level: Int, Sendable, Comparable, CaseIterable, Codable {
        case province = 1, district = 2, commune = 3

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The level's name in the option `--level`.
        public var option: String {
            switch self {
            case .province: "province"
            case .district: "district"
            case .commune: "commune"
            }
        }

        /// The digits a code of the level has.
        public var codeLength: Int {
            switch self {
            case .province: 2
            case .district: 3
            case .commune: 5
            }
        }
    }

    /// The two numbering schemes of the General Statistics Office's list.
    public enum Era: String, Sendable, Hashable, CaseIterable, Codable {
        /// QĐ 124/2004/QĐ-TTg's three levels, for registrations up to 30 June 2025.
        case before2025 = "2004"
        /// The two levels in force from 1 July 2025 (no districts).
        case from2025 = "2025"

        /// The first day of the reform.
        public static let reformDay = CivilDate(year: 2025, month: 7, day: 1)!
    }

    public let code: String
    public let level: Level
    /// The kind as the list writes it: "Tỉnh", "Thành phố Trung ương", "Quận", "Huyện", "Thị xã",
    /// "Thành phố", "Phường", "Xã", "Thị trấn", "Đặc khu".
    public let kind: String
    /// The name without its kind: "Tam Thanh", "Hải Châu 1".
    public let name: String
    /// The code of the unit it belongs to in the same era; `nil` for a province.
    public let parentCode: String?
    /// The first and last day the unit stood so, when the list knows them.
    public let validFrom: CivilDate?
    public let validTo: CivilDate?
    public let era: Era
    /// The unit's place in the catalog that holds it (-1 for one made elsewhere): how the catalog
    /// walks to its parents without looking codes up.
    var row = -1

    public init(
        code: String, level: Level, kind: String, name: String, parentCode: String?, validFrom: CivilDate?, validTo: CivilDate?, era: Era
    ) {
        self.code = code
        self.level = level
        self.kind = kind
        self.name = name
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validTo = validTo
        self.era = era
    }

    /// "Xã Tam Thanh", "Thành phố Đà Nẵng" (a centrally governed city is called "Thành phố").
    public var fullName: String {
        let word = kind == "Thành phố Trung ương" ? "Thành phố" : kind
        return "\(word) \(name)"
    }

    /// Whether the unit stood so at some day of `span` (a day, or the days a partial date may be).
    public func isValid(during span: ClosedRange<CivilDate>) -> Bool {
        if let validFrom, span.upperBound < validFrom { return false }
        if let validTo, span.lowerBound > validTo { return false }
        return true
    }

    /// Whether the unit stood so on every day of `span`.
    public func isValid(throughout span: ClosedRange<CivilDate>) -> Bool {
        if let validFrom, span.lowerBound < validFrom { return false }
        if let validTo, span.upperBound > validTo { return false }
        return true
    }
}

/// A unit that took over (all or part of) another's territory on 1 July 2025.
public struct Succession: Sendable, Hashable {
    public let unit: AdministrativeUnit
    /// Whether the whole of the old unit went to this one (else it was divided).
    public let whole: Bool
}

/// A province of an earlier map that the 2004 list has no code for (Quảng Nam – Đà Nẵng, Hà Bắc…),
/// or that lost territory before it (Đắk Lắk before Đắk Nông was made): the provinces of the 2004
/// list its territory is in.
public struct FormerProvince: Sendable, Hashable {
    public let name: String
    public let kind: String
    public let validFrom: CivilDate?
    public let validTo: CivilDate?
    /// Codes of the 2004 list's provinces that cover its territory.
    public let codes: [String]
    /// Other ways it is written ("QN-ĐN").
    public let aliases: [String]
    /// The act that made or ended it.
    public let source: String
}

extension PartialDate {
    /// The days the date may be: the day itself, its month, or its year; `nil` outside the days
    /// hotich can count (``CivilDate``) or for a day that does not exist.
    public var span: ClosedRange<CivilDate>? {
        switch precision {
        case .full:
            guard let month, let day, let date = CivilDate(year: year, month: month, day: day) else { return nil }
            return date...date
        case .yearMonth:
            guard let month, let first = CivilDate(year: year, month: month, day: 1) else { return nil }
            let next = month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
            guard let next else { return nil }
            return first...next.adding(days: -1)
        case .year:
            guard let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else { return nil }
            return first...last
        }
    }
}
