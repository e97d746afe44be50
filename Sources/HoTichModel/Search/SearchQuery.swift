/// What a person typed into `hotich search`, read into terms: words of a name (in any role, with or
/// without diacritics, in any case), a registration number (`so:05`), a book (`quyen:01/1995`), a
/// personal ID number (twelve digits), years (of birth or registration); and the filters given as
/// options. Every term must hold for a record to be found.
public struct SearchQuery: Sendable, Equatable {
    /// The name as typed (NFC, upper case), to tell an exact match, diacritics and all.
    public var name: String?
    /// The name's words, folded (no tones or diacritics, `đ` as `d`, lower case).
    public var nameWords: [String]
    public var number: Int?
    /// The year written with the number (`so:05/2020`): the registration year.
    public var numberYear: Int?
    /// `quyen:01/1995`: volume 1 of the book opened in 1995.
    public var book: (volume: Int, year: Int)?
    public var personalID: String?
    /// Years written alone: a record matches when its subject was born or it was registered then.
    public var years: [Int]

    public var kind: RecordKind?
    public var registrationYears: ClosedRange<Int>?
    public var office: OfficeCode?
    public var state: SearchState?
    public var limit: Int

    /// At most this many results are shown (`--limit`).
    public static let maximumLimit = 1_000
    /// A query longer than this many characters, or with more terms, is refused.
    public static let maximumLength = 200
    public static let maximumTerms = 12

    public init(
        name: String? = nil, nameWords: [String] = [], number: Int? = nil, book: (volume: Int, year: Int)? = nil,
        personalID: String? = nil, years: [Int] = [], kind: RecordKind? = nil, registrationYears: ClosedRange<Int>? = nil,
        office: OfficeCode? = nil, state: SearchState? = nil, limit: Int = 20
    ) {
        self.name = name
        self.nameWords = nameWords
        self.number = number
        self.book = book
        self.personalID = personalID
        self.years = years
        self.kind = kind
        self.registrationYears = registrationYears
        self.office = office
        self.state = state
        self.limit = limit
    }

    public static func == (lhs: SearchQuery, rhs: SearchQuery) -> Bool {
        lhs.name == rhs.name && lhs.nameWords == rhs.nameWords && lhs.number == rhs.number && lhs.numberYear == rhs.numberYear && lhs.book?.volume == rhs.book?.volume
            && lhs.book?.year == rhs.book?.year && lhs.personalID == rhs.personalID && lhs.years == rhs.years
            && lhs.kind == rhs.kind && lhs.registrationYears == rhs.registrationYears && lhs.office == rhs.office
            && lhs.state == rhs.state && lhs.limit == rhs.limit
    }

    /// Whether there is anything to look for.
    public var isEmpty: Bool { nameWords.isEmpty && number == nil && book == nil && personalID == nil && years.isEmpty }

    /// Why a query cannot be run.
    public enum Problem: Error, Sendable, Equatable {
        /// Nothing to look for.
        case empty
        /// Longer than ``maximumLength`` characters or more than ``maximumTerms`` terms.
        case tooLong
        /// A `so:` or `quyen:` term that does not read (the term, escaped by whoever shows it).
        case badTerm(String)
    }

    /// Reads `text` into terms; the filters are set by the caller.
    public static func parse(_ text: String) throws(Problem) -> SearchQuery {
        let text = VietnameseText.singleLine(text)
        guard text.count <= maximumLength else { throw .tooLong }
        let terms = text.split(whereSeparator: { $0 == " " })
        guard terms.count <= maximumTerms else { throw .tooLong }
        var query = SearchQuery()
        var nameParts: [String] = []
        for term in terms.map(String.init) {
            let lower = term.lowercased()
            if let value = lower.prefixRemoved(["so:", "số:"]) {
                guard query.number == nil, let number = RegistrationNumber.value(value), RegistrationNumber.isValid(value) else {
                    throw .badTerm(term)
                }
                query.number = number
                query.numberYear = value.split(separator: "/").dropFirst().first.flatMap { Int($0) }
            } else if let value = lower.prefixRemoved(["quyen:", "quyển:"]) {
                let parts = value.split(separator: "/")
                guard query.book == nil, parts.count == 2, let volume = Int(parts[0]), (1...999).contains(volume), let year = Int(parts[1]),
                      CivilDate.supportedYears.contains(year) || (1800...1899).contains(year)
                else { throw .badTerm(term) }
                query.book = (volume, year)
            } else if term.count == 12, term.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard query.personalID == nil else { throw .badTerm(term) }
                query.personalID = term
            } else if term.count == 4, term.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(term), (1800...2100).contains(year) {
                query.years.append(year)
            } else {
                let words = VietnameseText.folded(term).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
                guard !words.isEmpty else { continue }
                query.nameWords += words
                nameParts.append(term)
            }
        }
        if !nameParts.isEmpty { query.name = VietnameseText.normalized(nameParts.joined(separator: " ")).uppercased() }
        guard !query.isEmpty else { throw .empty }
        return query
    }
}

/// Which records a search keeps by their state.
public enum SearchState: String, Sendable, CaseIterable, Codable {
    /// Keyed, not yet verified.
    case keyed
    /// Verified (and not withdrawn).
    case verified
    /// Withdrawn after export.
    case withdrawn
}

/// A person named in a record, by the part they play in it.
public enum SearchRole: String, Sendable, CaseIterable, Codable {
    case subject, mother, father, spouse, requester
}

/// How well a record matched a name: the order results are shown in.
public enum SearchMatch: Int, Sendable, Comparable, Codable {
    /// The name exactly as typed, diacritics included (case aside).
    case exact = 0
    /// The same name once tones, diacritics and case are set aside.
    case folded = 1
    /// The words typed, in that order, within one person's name.
    case partialName = 2
    /// The words typed, somewhere in the record's names; or no name was asked for.
    case other = 3

    public static func < (lhs: SearchMatch, rhs: SearchMatch) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How a record whose people are named `names` (as stored, NFC) matches `query`, and in which role.
    public static func of(_ names: [SearchRole: String], query: SearchQuery) -> (match: SearchMatch, role: SearchRole?) {
        guard let typed = query.name, !query.nameWords.isEmpty else { return (.other, nil) }
        var best: (SearchMatch, SearchRole?) = (.other, nil)
        let wanted = query.nameWords.joined(separator: " ")
        for role in SearchRole.allCases {
            guard let name = names[role], !name.isEmpty else { continue }
            let match: SearchMatch
            if VietnameseText.normalized(name).uppercased() == typed {
                match = .exact
            } else {
                let folded = VietnameseText.folded(name)
                if folded == wanted {
                    match = .folded
                } else if (" " + folded + " ").contains(" " + wanted + " ") {
                    match = .partialName
                } else {
                    match = .other
                }
            }
            if match < best.0 { best = (match, role) }
        }
        return best
    }
}

/// One record a search found.
public struct SearchHit: Sendable, Equatable, Codable {
    public let recordId: String
    public let kind: RecordKind
    public let number: String?
    public let book: BookIdentity
    public let registrationDate: String?
    public let subjectName: String?
    public let birthDate: String?
    public let batchId: String
    public let state: SearchState
    public let match: SearchMatch
    /// The role whose name matched best, when a name was asked for.
    public let role: SearchRole?

    public init(
        recordId: String, kind: RecordKind, number: String?, book: BookIdentity, registrationDate: String?, subjectName: String?,
        birthDate: String?, batchId: String, state: SearchState, match: SearchMatch, role: SearchRole?
    ) {
        self.recordId = recordId
        self.kind = kind
        self.number = number
        self.book = book
        self.registrationDate = registrationDate
        self.subjectName = subjectName
        self.birthDate = birthDate
        self.batchId = batchId
        self.state = state
        self.match = match
        self.role = role
    }
}

private extension String {
    /// The rest of the string after the first of `prefixes` it starts with.
    func prefixRemoved(_ prefixes: [String]) -> String? {
        for prefix in prefixes where hasPrefix(prefix) { return String(dropFirst(prefix.count)) }
        return nil
    }
}
