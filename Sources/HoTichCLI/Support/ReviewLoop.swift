import Foundation
import HoTichModel
import HoTichWorkflow

/// The verifier's loop for `review` and `sample` batches: each record is shown whole, numbered
/// field by field; Enter confirms it as it stands in the image, a field's number corrects that
/// field. A record is saved when confirmed; pausing leaves the current record unsaved.
struct ReviewLoop {
    let session: Session
    let language: Language
    let console: Console

    struct Summary {
        var reviewed = 0
        var corrections = 0
        var paused = false
        var lot: ReviewOutcome?
    }

    func run(batch: String) throws -> Summary {
        var summary = Summary()
        try session.require(.review)
        // The first record checks the batch and its policy: a refusal comes before the legend.
        var next = try session.nextReview(batch: batch)
        if next != nil { console.line(Message.reviewHelp.text(in: language)) }
        while let task = next {
            console.line()
            console.line(Message.reviewRecord(number: task.record.number, path: task.fileURL?.path, done: task.done, total: task.total).text(in: language))
            Viewer.open(task.fileURL)
            guard let values = try check(task) else {
                summary.paused = true
                return summary
            }
            let outcome = try session.completeReview(task, values: values)
            summary.reviewed += 1
            switch outcome {
            case .verified(let corrections), .sampled(let corrections):
                summary.corrections += corrections
                console.line(Message.reviewSaved(corrections: corrections).text(in: language))
            case .lotAccepted(let defective, let acceptance):
                console.line(Message.lotAccepted(defective: defective, acceptance: acceptance).text(in: language))
                summary.lot = outcome
                return summary
            case .lotRejected(let defective, let acceptance):
                console.line(Message.lotRejected(batchID: batch, defective: defective, acceptance: acceptance).text(in: language))
                summary.lot = outcome
                return summary
            }
            next = try session.nextReview(batch: batch)
        }
        console.line(Message.nothingLeftToReview(batchID: batch).text(in: language))
        return summary
    }

    /// Confirming a record confirms what the image shows: each value still marked uncertain is
    /// asked once more — Enter confirms it as certain, a typed value replaces it (ending in `?`
    /// keeps a doubt the verifier shares). `nil` when the verifier pauses.
    private func confirmDoubts(in values: [String: FieldValue], task: ReviewTask) -> [String: FieldValue]? {
        var values = values
        for field in task.fields {
            guard case .uncertain(let text) = values[field.key] else { continue }
            while true {
                console.out(Message.reviewConfirmDoubt(label: field.label(in: language), value: text).text(in: language))
                guard let line = console.readLine() else {
                    console.line()
                    return nil
                }
                let answer = VietnameseText.normalized(line)
                if answer.isEmpty {
                    values[field.key] = .filled(text)
                    break
                }
                if answer == ":q" { return nil }
                let outcome = KeyingInput.interpret(answer, field: field, kind: task.book.kind, proposal: values[field.key])
                if let value = console.accepted(outcome, in: language) {
                    values[field.key] = value
                    break
                }
            }
        }
        return values
    }

    /// Shows the record and takes corrections; `nil` when the verifier pauses.
    private func check(_ task: ReviewTask) throws -> [String: FieldValue]? {
        var values = task.record.fields
        let fields = task.fields
        let display = ArbitrationLoop(session: session, language: language, console: console)
        while true {
            for (index, field) in fields.enumerated() where values[field.key] != nil || field.required {
                console.line(String(format: "%3d  ", index + 1) + field.label(in: language) + ": " + display.display(values[field.key]))
            }
            console.out(Message.reviewPrompt.text(in: language))
            guard let line = console.readLine() else {
                console.line()
                return nil
            }
            let input = VietnameseText.normalized(line)
            if input.isEmpty { return confirmDoubts(in: values, task: task) }
            if input == ":q" { return nil }
            guard let number = Int(input), (1...fields.count).contains(number) else {
                console.line("  " + Message.reviewHelp.text(in: language))
                continue
            }
            let field = fields[number - 1]
            while true {
                console.out(Message.keyingPrompt(label: field.label(in: language), current: values[field.key]?.typed).text(in: language))
                guard let answer = console.readLine() else { return nil }
                if VietnameseText.normalized(answer).isEmpty { break }
                let outcome = KeyingInput.interpret(answer, field: field, kind: task.book.kind, proposal: values[field.key])
                if let value = console.accepted(outcome, in: language) {
                    values[field.key] = value
                } else if outcome != .back && outcome != .pause {
                    continue  // asked again
                }
                break
            }
        }
    }
}
