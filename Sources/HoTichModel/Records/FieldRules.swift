/// The checks and normalization of one field, as typed or imported.
public enum FieldRules {
    /// The outcome of checking one value.
    public struct Outcome: Sendable, Hashable {
        /// The value to store: NFC, white space collapsed; a code field holds its list label.
        public let value: FieldValue
        public let diagnostics: [Diagnostic]

        /// Whether the value may be stored (no error-level diagnostic).
        public var isAcceptable: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// Checks `value` against `field`'s type and length, and normalizes it for storage.
    public static func check(_ value: FieldValue, for field: FieldDefinition) -> Outcome {
        check(value, for: field, normalized: false)
    }

    /// Reads and checks a spreadsheet cell or a typed answer in one pass: `-` blank, `.` illegible,
    /// a trailing `?` doubt. `nil` when the cell is empty (nothing said).
    public static func check(cell: String, for field: FieldDefinition) -> Outcome? {
        if VietnameseText.containsForbiddenCharacters(cell) {
            return Outcome(value: .illegible, diagnostics: [Diagnostic(.error, field: field.key, .forbiddenCharacters)])
        }
        guard let value = FieldValue(typed: cell) else { return nil }
        return check(value, for: field, normalized: true)
    }

    private static func check(_ value: FieldValue, for field: FieldDefinition, normalized: Bool) -> Outcome {
        guard let raw = value.text else { return Outcome(value: value, diagnostics: []) }
        func fail(_ problem: Diagnostic.Problem, _ severity: Diagnostic.Severity = .error) -> Outcome {
            Outcome(value: value, diagnostics: [Diagnostic(severity, field: field.key, problem)])
        }
        if !normalized && VietnameseText.containsForbiddenCharacters(raw) { return fail(.forbiddenCharacters) }
        let text = normalized ? raw : VietnameseText.normalized(raw)
        // Counting characters walks grapheme clusters; the UTF-8 length bounds it from above for free.
        if text.utf8.count > field.maxLength && text.count > field.maxLength { return fail(.tooLong(max: field.maxLength)) }
        func rebuilt(_ text: String) -> FieldValue {
            if case .uncertain = value { return .uncertain(text) }
            return .filled(text)
        }
        var diagnostics: [Diagnostic] = []
        var stored = rebuilt(text)
        switch field.type {
        case .text, .place, .personName:
            break
        case .date:
            guard let date = PartialDate(normalizedText: text) else { return fail(.notADate) }
            if date.isImpossible { diagnostics.append(Diagnostic(.warning, field: field.key, .impossibleDate)) }
        case .time:
            guard let time = TimeOfDay(text) else { return fail(.notATime) }
            stored = rebuilt(time.canonical)
        case .code(let list):
            if let entry = list.entry(matchingNormalized: text) {
                stored = rebuilt(entry.label)
            } else if !list.allowsUnlistedText {
                return fail(.unknownCode(list: list.id))
            }
        case .personalID:
            guard let number = PersonalIDNumber(text) else { return fail(.notAPersonalID) }
            stored = rebuilt(number.digits)
        case .documentNumber:
            let compact = text.filter { !$0.isWhitespace }
            guard compact.count >= 5, compact.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" }) else {
                return fail(.documentNumberShape)
            }
            stored = rebuilt(compact)
        case .registrationNumber:
            guard RegistrationNumber.isValid(text) else { return fail(.registrationNumberShape) }
        case .volume:
            guard Self.isVolume(text) else { return fail(.volumeShape) }
        case .page:
            guard text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return fail(.pageShape) }
        }
        return Outcome(value: stored, diagnostics: diagnostics)
    }

    /// `QQ/YYYY` or a bare volume number.
    static func isVolume(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...3).contains(parts[0].count),
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.count == 1 || (parts[1].count == 4 && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }
}

/// The entry number `so`: digits (leading zeros kept), optionally followed by `/YYYY`.
public enum RegistrationNumber {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...6).contains(parts[0].count),
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.count == 1 || (parts[1].count == 4 && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// The number without leading zeros or year suffix, for matching (`"005/2017"` → `5`).
    public static func value(_ text: String) -> Int? {
        text.split(separator: "/").first.flatMap { Int($0) }
    }
}
