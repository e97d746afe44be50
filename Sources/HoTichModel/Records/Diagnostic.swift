/// A problem found in a record: data, collected and shown together, never thrown one at a time.
///
/// Errors block saving (interactive keying asks again) and verification; warnings are shown to
/// the operator and the verifier, who confirms them.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    public let severity: Severity
    /// The field the problem is about (its Ministry key), or the first of the fields compared.
    public let field: String?
    public let problem: Problem

    public init(_ severity: Severity, field: String?, _ problem: Problem) {
        self.severity = severity
        self.field = field
        self.problem = problem
    }

    /// What is wrong.
    public enum Problem: Sendable, Hashable, Codable {
        case missingRequired
        case tooLong(max: Int)
        case forbiddenCharacters
        case notADate
        case impossibleDate
        case notATime
        case unknownCode(list: String)
        case notAPersonalID
        case personalIDSexMismatch
        case personalIDYearMismatch(encoded: Int)
        case documentNumberShape
        case registrationNumberShape
        case volumeShape
        case pageShape
        case unknownField
        /// The registration date is before the event it registers.
        case registeredBeforeEvent(event: String)
        /// A parent is not born before the child (field: the parent's birth date).
        case parentNotBornBeforeChild
        /// A spouse is under the legal marriage age at registration.
        case underMarriageAge(age: Int, minimum: Int)
        /// Death before birth.
        case deathBeforeBirth
        /// The registration year differs from the book's year by more than a carried-over book allows.
        case registrationYearOutsideBook(bookYear: Int)
    }

    /// A stable code for machine output and reject files.
    public var code: String {
        switch problem {
        case .missingRequired: "missing-required"
        case .tooLong: "too-long"
        case .forbiddenCharacters: "forbidden-characters"
        case .notADate: "not-a-date"
        case .impossibleDate: "impossible-date"
        case .notATime: "not-a-time"
        case .unknownCode: "unknown-code"
        case .notAPersonalID: "not-a-personal-id"
        case .personalIDSexMismatch: "personal-id-sex-mismatch"
        case .personalIDYearMismatch: "personal-id-year-mismatch"
        case .documentNumberShape: "document-number-shape"
        case .registrationNumberShape: "registration-number-shape"
        case .volumeShape: "volume-shape"
        case .pageShape: "page-shape"
        case .unknownField: "unknown-field"
        case .registeredBeforeEvent: "registered-before-event"
        case .parentNotBornBeforeChild: "parent-not-born-before-child"
        case .underMarriageAge: "under-marriage-age"
        case .deathBeforeBirth: "death-before-birth"
        case .registrationYearOutsideBook: "registration-year-outside-book"
        }
    }
}
