public import HoTichModel

/// How one line typed at a keying prompt is understood.
///
/// Enter keeps the proposed value (or, for an optional field with none, says the book leaves it
/// blank); `-` blank in the source; `.` illegible; a trailing `?` marks doubt (`?` alone doubts
/// the proposal); `<` goes back; `??` lists the code values; `:q` pauses. For code fields a
/// partial word is matched ignoring tones and diacritics: one match is taken, several are listed.
public enum KeyingInput {
    /// What to do with the answer.
    public enum Outcome: Sendable, Equatable {
        /// Store this value and go on; `notes` are shown (the chosen code, warnings).
        case value(FieldValue, notes: [Message])
        case back
        case pause
        /// Show these code values and ask the same field again.
        case choices([CodeList.Entry])
        /// Refuse the answer with this reason and ask again.
        case rejected(Message)
    }

    public static func interpret(_ line: String, field: FieldDefinition, kind: RecordKind, proposal: FieldValue?) -> Outcome {
        if VietnameseText.containsForbiddenCharacters(line) {
            return .rejected(.diagnostic(Diagnostic(.error, field: field.key, .forbiddenCharacters), kind: kind))
        }
        let input = VietnameseText.normalized(line)
        switch input {
        case ":q": return .pause
        case "<": return .back
        case "??":
            guard let list = field.codeList else { return .rejected(.keyingNoCodeList(field: field.key, kind: kind)) }
            return .choices(list.entries)
        case "":
            if let proposal { return checked(kind: kind, proposal, field: field, notes: []) }
            if field.required {
                return .rejected(.diagnostic(Diagnostic(.error, field: field.key, .missingRequired), kind: kind))
            }
            return .value(.blank, notes: [])
        case "?":
            guard let text = proposal?.text else {
                return .rejected(.diagnostic(Diagnostic(.error, field: field.key, .missingRequired), kind: kind))
            }
            return checked(kind: kind, .uncertain(text), field: field, notes: [])
        default:
            break
        }
        guard let typed = FieldValue(typed: input) else { return .value(.blank, notes: []) }
        if let list = field.codeList, let text = typed.text, list.entry(matching: text) == nil {
            let matches = list.search(text)
            if matches.count == 1 {
                let chosen: FieldValue = if case .uncertain = typed { .uncertain(matches[0].label) } else { .filled(matches[0].label) }
                return checked(kind: kind, chosen, field: field, notes: [.keyingCodeChosen("\(matches[0].code) \(matches[0].label)")])
            }
            if matches.count > 1 { return .choices(matches) }
        }
        return checked(kind: kind, typed, field: field, notes: [])
    }

    private static func checked(kind: RecordKind, _ value: FieldValue, field: FieldDefinition, notes: [Message]) -> Outcome {
        let outcome = FieldRules.check(value, for: field)
        if let error = outcome.diagnostics.first(where: { $0.severity == .error }) {
            if case .unknownCode = error.problem { return .rejected(.keyingUnknownCode(error, kind: kind)) }
            return .rejected(.diagnostic(error, kind: kind))
        }
        let warnings = outcome.diagnostics.map { Message.diagnostic($0, kind: kind) }
        return .value(outcome.value, notes: notes + warnings)
    }
}
