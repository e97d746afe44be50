import Foundation
import HoTichModel
import HoTichWorkflow

/// The verifier's keyboard loop: each open conflict or error against the image, then each
/// warning to acknowledge. Every answer is stored at once, so pausing loses nothing.
struct ArbitrationLoop {
    let session: Session
    let language: Language
    let console: Console

    struct Summary {
        var decided = 0
        var acknowledged = 0
        var skippedOwn = 0
        var paused = false
    }

    func run(batch: String) throws -> Summary {
        var summary = Summary()
        // Refused before anything is shown: the legend is for those who may answer.
        try session.require(.arbitrate)
        let state = try session.batchDetail(batch).summary.batch.state
        guard state == .verifying else { throw HoTichError(.batchNotArbitrable(batchID: batch, state: state)) }
        console.line(Message.arbitrationHelp.text(in: language))
        var lastFile: URL?
        for item in try session.openDecisions(batch: batch) {
            if item.keyedByMe {
                summary.skippedOwn += 1
                continue
            }
            console.line()
            console.line(Message.arbitrationField(number: item.number, label: item.field.label(in: language), path: item.fileURL?.path).text(in: language))
            if item.fileURL != lastFile {
                Viewer.open(item.fileURL)
                lastFile = item.fileURL
            }
            show(item)
            switch try decide(item) {
            case .decided: summary.decided += 1
            case .later: continue
            case .pause:
                summary.paused = true
                return summary
            }
        }
        let numbers = try session.recordNumbers(batch: batch)
        let kind = try session.batchDetail(batch).summary.book.kind
        for warning in try session.openWarnings(batch: batch) {
            guard let id = warning.id else { continue }
            console.line()
            let text = Message.finding(warning.detail, kind: kind).text(in: language)
            console.line(Message.warningShown(number: warning.recordId.flatMap { numbers[$0] }, text: text).text(in: language))
            console.out(Message.warningPrompt.text(in: language))
            guard let line = console.readLine() else {
                console.line()
                summary.paused = true
                return summary
            }
            let reason = VietnameseText.normalized(line)
            if reason == ":q" {
                summary.paused = true
                return summary
            }
            if reason.isEmpty { continue }
            try session.acknowledge(finding: id, reason: reason)
            summary.acknowledged += 1
        }
        return summary
    }

    private func show(_ item: OpenDecision) {
        if item.decision.hasPasses {
            console.line(Message.arbitrationPass(pass: 1, value: display(item.decision.pass1), keyer: nil).text(in: language))
            console.line(Message.arbitrationPass(pass: 2, value: display(item.decision.pass2), keyer: nil).text(in: language))
            if item.decision.origin == .doubt { console.line(Message.arbitrationDoubt.text(in: language)) }
        } else {
            console.line(Message.arbitrationCurrent(display(item.current)).text(in: language))
            for problem in item.problems {
                let text = Message.finding(problem.detail, kind: item.kind)
                console.line(Message.arbitrationProblem(text.text(in: language)).text(in: language))
            }
        }
    }

    private enum Answer { case decided, later, pause }

    /// Asks until the field is decided, put off, or the verifier pauses.
    private func decide(_ item: OpenDecision) throws -> Answer {
        guard let id = item.decision.id else { return .later }
        while true {
            console.out(Message.arbitrationPrompt.text(in: language))
            guard let line = console.readLine() else {
                console.line()
                return .pause
            }
            let input = VietnameseText.normalized(line)
            let value: FieldValue?
            switch input {
            case "": return .later
            case ":q": return .pause
            // A pass's value chosen as what the image shows is confirmed: its doubt mark goes (the
            // keying keeps it); a verifier still unsure types the value with `?`.
            case "1" where item.decision.hasPasses: value = (item.decision.pass1 ?? .blank).confirmed
            case "2" where item.decision.hasPasses: value = (item.decision.pass2 ?? .blank).confirmed
            default:
                // `=1` types the literal value 1 (a code) rather than choosing pass 1.
                let typed = input.hasPrefix("=") ? String(input.dropFirst()) : input
                let outcome = KeyingInput.interpret(typed, field: item.field, kind: item.kind, proposal: nil)
                guard let chosen = console.accepted(outcome, in: language) else { continue }
                value = chosen
            }
            guard let value else { continue }
            do {
                try session.decide(id, value: value)
                return .decided
            } catch let error as HoTichError {
                console.line("  " + Message.keyingRejected(error.message.text(in: language)).text(in: language))
            }
        }
    }

    /// A value as the verifier reads it: the text as typed, or the state in words.
    func display(_ value: FieldValue?) -> String {
        switch value {
        case .filled(let text): text
        case .uncertain(let text): text + "?"
        case .blank: Message.valueState("blank").text(in: language)
        case .illegible: Message.valueState("illegible").text(in: language)
        case nil: Message.valueState("none").text(in: language)
        }
    }
}
