import HoTichModel
import HoTichWorkflow

extension Console {
    /// Prints what an answer at a field prompt leads to — the notes of an accepted value, the code
    /// values to choose from, or why it is refused — and returns the value it gives, if any.
    func accepted(_ outcome: KeyingInput.Outcome, in language: Language) -> FieldValue? {
        switch outcome {
        case .value(let value, let notes):
            for note in notes { line("  " + note.text(in: language)) }
            return value
        case .choices(let entries):
            line("  " + Message.keyingCodeChoices(entries.map { "\($0.code) \($0.label)" }.joined(separator: " · ")).text(in: language))
            return nil
        case .rejected(let reason):
            line("  " + Message.keyingRejected(reason.text(in: language)).text(in: language))
            return nil
        case .back, .pause:
            return nil
        }
    }
}
