import Foundation

/// What kind of thing a check found: a record's own diagnostic, or a finding of the batch checks
/// (number sequence, files against records, personal ID numbers). Stored as its stable string.
public enum FindingCode: String, Codable, Sendable, CaseIterable {
    // Record diagnostics (``Diagnostic/code``).
    case missingRequired = "missing-required"
    case tooLong = "too-long"
    case forbiddenCharacters = "forbidden-characters"
    case notADate = "not-a-date"
    case impossibleDate = "impossible-date"
    case notATime = "not-a-time"
    case unknownCode = "unknown-code"
    case notAPersonalID = "not-a-personal-id"
    case personalIDSexMismatch = "personal-id-sex-mismatch"
    case personalIDYearMismatch = "personal-id-year-mismatch"
    case documentNumberShape = "document-number-shape"
    case registrationNumberShape = "registration-number-shape"
    case volumeShape = "volume-shape"
    case pageShape = "page-shape"
    case unknownField = "unknown-field"
    case registeredBeforeEvent = "registered-before-event"
    case parentNotBornBeforeChild = "parent-not-born-before-child"
    case underMarriageAge = "under-marriage-age"
    case deathBeforeBirth = "death-before-birth"
    case registrationYearOutsideBook = "registration-year-outside-book"
    // Batch checks.
    case sequenceGap = "sequence-gap"
    case sequenceDuplicate = "sequence-duplicate"
    case sequenceOutOfOrder = "sequence-out-of-order"
    case sequenceDateGoesBack = "sequence-date-goes-back"
    case fileWithoutRecord = "file-without-record"
    case recordWithoutFile = "record-without-file"
    case fileWithSeveralEntries = "file-several-entries"
    case personalIDShared = "personal-id-shared"
    case personalIDProvince = "personal-id-province"
    case fileMarkedByOperator = "file-marked-by-operator"
    case placeUnresolved = "place-unresolved"
    case placeNotOnDate = "place-not-on-date"
}

/// The facts that complete a finding: numbers, paths, identifiers, never register content.
///
/// It is encoded into one text in one place (``encoded``) and decoded in one place
/// (``init(code:encoded:)``): the text is part of the finding's fingerprint, which keeps an
/// acknowledgement with what it acknowledged, so its spelling never changes.
public enum FindingDetail: Sendable, Hashable {
    /// A record diagnostic (rules of a field or across fields).
    case diagnostic(Diagnostic)
    /// Numbers `from`…`to` of `year` appear in no entry.
    case gap(year: Int, from: Int, to: Int)
    /// A number of `year` is in `count` entries.
    case repeatedNumber(year: Int, number: Int, count: Int)
    /// `number` comes after `previous` in the book.
    case outOfOrder(year: Int, number: Int, previous: Int)
    /// The registration date of `number` is before that of `previous`.
    case dateGoesBack(year: Int, number: Int, previous: Int)
    case fileWithoutRecord(path: String)
    case recordWithoutFile
    case fileWithSeveralEntries(path: String, count: Int)
    /// Another person's record holds the number: named by its batch and registration number.
    case personalIDShared(batchID: String?, number: String?)
    /// The number's birth-registration code against the registering office's province code.
    case personalIDProvince(encoded: String, office: String)
    case fileMarkedByOperator(kind: NonEntryKind, path: String)
    /// A place field names no unit of the list in force on the registration date (`candidates`
    /// 0), or several that fit as well as each other.
    case placeUnresolved(candidates: Int)
    /// A place field names a unit that did not stand on the registration date (`era` the list
    /// it is in, `code` its code).
    case placeNotOnDate(era: String, code: String)

    /// The code the detail belongs to.
    public var code: FindingCode {
        switch self {
        case .diagnostic(let diagnostic): FindingCode(rawValue: diagnostic.code) ?? .unknownField
        case .gap: .sequenceGap
        case .repeatedNumber: .sequenceDuplicate
        case .outOfOrder: .sequenceOutOfOrder
        case .dateGoesBack: .sequenceDateGoesBack
        case .fileWithoutRecord: .fileWithoutRecord
        case .recordWithoutFile: .recordWithoutFile
        case .fileWithSeveralEntries: .fileWithSeveralEntries
        case .personalIDShared: .personalIDShared
        case .personalIDProvince: .personalIDProvince
        case .fileMarkedByOperator: .fileMarkedByOperator
        case .placeUnresolved: .placeUnresolved
        case .placeNotOnDate: .placeNotOnDate
        }
    }

    /// The stored text.
    public var encoded: String {
        switch self {
        case .diagnostic(let diagnostic):
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return (try? encoder.encode(diagnostic)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        case .gap(let year, let from, let to): return "\(year):\(from)-\(to)"
        case .repeatedNumber(let year, let number, let count): return "\(year):\(number):\(count)"
        case .outOfOrder(let year, let number, let previous): return "\(year):\(number)<\(previous)"
        case .dateGoesBack(let year, let number, let previous): return "\(year):\(number)>\(previous)"
        case .fileWithoutRecord(let path): return path
        case .recordWithoutFile: return ""
        case .fileWithSeveralEntries(let path, let count): return "\(path):\(count)"
        case .personalIDShared(let batch, let number): return "\(batch ?? "")|\(number ?? "")"
        case .personalIDProvince(let encoded, let office): return "\(encoded)/\(office)"
        case .fileMarkedByOperator(let kind, let path): return "\(kind.rawValue)|\(path)"
        case .placeUnresolved(let candidates): return String(candidates)
        case .placeNotOnDate(let era, let code): return "\(era)/\(code)"
        }
    }

    /// The detail stored as `text` for a finding of `code`; `nil` when the text is not one hotich
    /// writes (a damaged row).
    public init?(code: FindingCode, encoded text: String) {
        func yearAnd(_ separators: Character...) -> [Int]? {
            let numbers = text.split(whereSeparator: { separators.contains($0) || $0 == ":" }).map { Int($0) }
            return numbers.allSatisfy { $0 != nil } ? numbers.compactMap { $0 } : nil
        }
        switch code {
        case .sequenceGap:
            guard let n = yearAnd("-"), n.count == 3 else { return nil }
            self = .gap(year: n[0], from: n[1], to: n[2])
        case .sequenceDuplicate:
            guard let n = yearAnd(), n.count == 3 else { return nil }
            self = .repeatedNumber(year: n[0], number: n[1], count: n[2])
        case .sequenceOutOfOrder:
            guard let n = yearAnd("<"), n.count == 3 else { return nil }
            self = .outOfOrder(year: n[0], number: n[1], previous: n[2])
        case .sequenceDateGoesBack:
            guard let n = yearAnd(">"), n.count == 3 else { return nil }
            self = .dateGoesBack(year: n[0], number: n[1], previous: n[2])
        case .fileWithoutRecord:
            self = .fileWithoutRecord(path: text)
        case .recordWithoutFile:
            self = .recordWithoutFile
        case .fileWithSeveralEntries:
            guard let colon = text.lastIndex(of: ":"), let count = Int(text[text.index(after: colon)...]) else { return nil }
            self = .fileWithSeveralEntries(path: String(text[..<colon]), count: count)
        case .personalIDShared:
            // `batch|number`; an older workspace stored the other record's id alone.
            let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            self = parts.count == 2 ? .personalIDShared(batchID: parts[0], number: parts[1]) : .personalIDShared(batchID: nil, number: nil)
        case .personalIDProvince:
            let parts = text.split(separator: "/").map(String.init)
            guard parts.count == 2 else { return nil }
            self = .personalIDProvince(encoded: parts[0], office: parts[1])
        case .fileMarkedByOperator:
            let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = NonEntryKind(rawValue: parts[0]) else { return nil }
            self = .fileMarkedByOperator(kind: kind, path: parts[1])
        case .placeUnresolved:
            guard let candidates = Int(text) else { return nil }
            self = .placeUnresolved(candidates: candidates)
        case .placeNotOnDate:
            let parts = text.split(separator: "/").map(String.init)
            guard parts.count == 2 else { return nil }
            self = .placeNotOnDate(era: parts[0], code: parts[1])
        default:
            guard let diagnostic = try? JSONDecoder().decode(Diagnostic.self, from: Data(text.utf8)) else { return nil }
            self = .diagnostic(diagnostic)
        }
    }
}

/// What a check found in a batch: a record diagnostic or a sequence, count or identity finding.
///
/// `fingerprint` identifies the finding across verify runs, so that an acknowledgement stays with
/// what it acknowledged and a finding that disappears takes its acknowledgement with it.
public struct Finding: Sendable, Equatable {
    public var id: Int64?
    public var batchId: String
    public var recordId: String?
    public var field: String?
    public var detail: FindingDetail
    public var severity: Diagnostic.Severity
    public var fingerprint: String
    public var acknowledgedBy: String?
    public var acknowledgedAt: String?
    public var reason: String?
    public var foundAt: String

    public var code: FindingCode { detail.code }

    public init(batchId: String, recordId: String?, field: String?, detail: FindingDetail, severity: Diagnostic.Severity, at time: String) {
        self.batchId = batchId
        self.recordId = recordId
        self.field = field
        self.detail = detail
        self.severity = severity
        fingerprint = Self.fingerprint(code: detail.code, recordId: recordId, field: field, detail: detail.encoded)
        foundAt = time
    }

    /// A stored finding, every column given.
    public init(
        id: Int64?, batchId: String, recordId: String?, field: String?, detail: FindingDetail, severity: Diagnostic.Severity,
        fingerprint: String, acknowledgedBy: String?, acknowledgedAt: String?, reason: String?, foundAt: String
    ) {
        self.id = id
        self.batchId = batchId
        self.recordId = recordId
        self.field = field
        self.detail = detail
        self.severity = severity
        self.fingerprint = fingerprint
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.reason = reason
        self.foundAt = foundAt
    }

    static func fingerprint(code: FindingCode, recordId: String?, field: String?, detail: String) -> String {
        [code.rawValue, recordId ?? "", field ?? "", detail].joined(separator: "|")
    }
}
