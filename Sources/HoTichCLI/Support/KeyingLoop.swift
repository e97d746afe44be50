import Foundation
import HoTichModel
import HoTichWorkflow

/// The keyboard loop of interactive keying: asks each field, saves after every answer, and
/// saves the record when it is confirmed. Input and output go through the console, so tests
/// drive it with scripted lines.
struct KeyingLoop {
    let session: Session
    let language: Language
    let console: Console
    /// Resolves places as they are keyed (proposals and notes); `nil` without the bundled catalog.
    let places: PlaceCoder? = (try? AdministrativeUnitCatalog.bundled()).map(PlaceCoder.init)

    struct Summary {
        var records = 0
        var seconds = 0
        var paused = false
    }

    func run(batch: String, pass: Int) throws -> Summary {
        let started = Date()
        var summary = Summary()
        try session.require(.keyRecords)
        // The first claim checks the batch: a refusal comes before anything is shown.
        var next = try session.startKeying(batch: batch, pass: pass)
        if next != nil {
            console.line(Message.keyingStarted(batchID: batch, pass: pass).text(in: language))
            console.line(Message.keyingHelp.text(in: language))
        }
        while let task = next {
            console.line()
            console.line(Message.keyingFile(path: task.fileURL.path, done: task.filesDone, total: task.filesTotal).text(in: language))
            Viewer.open(task.fileURL)
            var current = task
            switch try keyOne(&current) {
            case .paused:
                summary.paused = true
                summary.seconds = Int(Date().timeIntervalSince(started))
                return summary
            case .notAnEntry(let kind):
                console.line(Message.fileMarked(path: task.file.path, kind: kind).text(in: language))
            case .complete:
                let record = try session.completeKeying(current)
                summary.records += 1
                console.line(Message.recordSaved(number: record.number ?? current.values["so"]?.text, path: task.file.path).text(in: language))
            }
            next = try session.startKeying(batch: batch, pass: pass)
        }
        console.line(try nothingLeft(batch: batch, pass: pass).text(in: language))
        summary.seconds = Int(Date().timeIntervalSince(started))
        return summary
    }

    /// Why there is nothing to key: the batch is done, or what is left is not this operator's.
    private func nothingLeft(batch: String, pass: Int) throws -> Message {
        let detail = try session.batchDetail(batch)
        if detail.summary.batch.state == .keyed { return .keyingDone(batchID: batch) }
        let left = detail.remaining.first { $0.pass == pass }?.files.count ?? 0
        return left > 0 ? .nothingLeftForYou(batchID: batch, pass: pass, left: left) : .nothingLeftToKey(batchID: batch, pass: pass)
    }

    /// How keying one file ended.
    private enum Outcome {
        /// Every field answered and the record confirmed.
        case complete
        /// The operator paused; the draft is saved.
        case paused
        /// The operator said the file holds no entry; it is marked and its draft dropped.
        case notAnEntry(NonEntryKind)
    }

    /// Asks the fields of one record.
    private func keyOne(_ task: inout KeyingTask) throws -> Outcome {
        let fields = task.fields
        while true {
            while task.position < fields.count {
                let field = fields[task.position]
                let proposal = task.values[field.key] ?? places.flatMap { PlaceProposals.proposal(for: field.key, values: task.values, coder: $0) }
                    ?? task.proposals[field.key]
                console.out(Message.keyingPrompt(label: field.label(in: language), current: proposal?.typed).text(in: language))
                guard let line = console.readLine() else {
                    console.line()
                    try session.saveDraft(task)
                    return .paused
                }
                if task.position == 0 && VietnameseText.normalized(line) == "!" {
                    switch try markNotAnEntry(task) {
                    case .marked(let kind): return .notAnEntry(kind)
                    case .back: continue
                    case .paused:
                        try session.saveDraft(task)
                        return .paused
                    }
                }
                switch KeyingInput.interpret(line, field: field, kind: task.book.kind, proposal: proposal) {
                case .value(let value, let notes):
                    for note in notes { console.line("  " + note.text(in: language)) }
                    if field.type == .place, let text = value.text, let places,
                       let note = PlaceProposals.note(for: text, values: task.values, coder: places) {
                        console.line("  " + Message.place(note).text(in: language))
                    }
                    task.values[field.key] = value
                    task.position += 1
                    try session.saveDraft(task)
                case .back:
                    task.position = max(0, task.position - 1)
                case .pause:
                    try session.saveDraft(task)
                    return .paused
                case .choices(let entries):
                    let text = entries.map { "\($0.code) \($0.label)" }.joined(separator: " · ")
                    console.line("  " + Message.keyingCodeChoices(text).text(in: language))
                case .rejected(let reason):
                    console.line("  " + Message.keyingRejected(reason.text(in: language)).text(in: language))
                }
            }
            // The record is complete: show what the rules say, then confirm.
            let diagnostics = RecordRules.check(task.values, kind: task.book.kind, bookYear: task.book.year)
            for diagnostic in diagnostics {
                console.line("  " + Message.diagnostic(diagnostic, kind: task.book.kind).text(in: language))
            }
            let errors = diagnostics.filter { $0.severity == .error }
            if let first = errors.first {
                console.line(Message.keyingMustFix(errors: errors.count).text(in: language))
                task.position = fields.firstIndex { $0.key == first.field } ?? 0
                continue
            }
            console.out(Message.keyingConfirm(warnings: diagnostics.count).text(in: language))
            guard let answer = console.readLine() else {
                console.line()
                try session.saveDraft(task)
                return .paused
            }
            switch VietnameseText.normalized(answer) {
            case "": return .complete
            case ":q":
                try session.saveDraft(task)
                return .paused
            default:
                task.position = fields.count - 1
            }
        }
    }

    private enum MarkAnswer {
        case marked(NonEntryKind)
        /// Back to the first prompt (Enter, or the mark was refused).
        case back
        case paused
    }

    /// Asks what the file is and why, then marks it.
    private func markNotAnEntry(_ task: KeyingTask) throws -> MarkAnswer {
        // A file that cannot be marked (it has a record) is said so before anything is asked.
        do {
            try session.checkMarkable(task)
        } catch let error as HoTichError {
            console.line("  " + Message.keyingRejected(error.message.text(in: language)).text(in: language))
            return .back
        }
        while true {
            console.out(Message.keyingNotAnEntryKindPrompt.text(in: language))
            guard let line = console.readLine() else { return .paused }
            let answer = VietnameseText.normalized(line)
            if answer.isEmpty { return .back }
            guard let index = Int(answer), NonEntryKind.allCases.indices.contains(index - 1) else {
                console.line("  " + Message.chooseBetween(first: 1, last: NonEntryKind.allCases.count).text(in: language))
                continue
            }
            let kind = NonEntryKind.allCases[index - 1]
            while true {
                console.out(Message.keyingNotAnEntryReasonPrompt.text(in: language))
                guard let reason = console.readLine() else { return .paused }
                guard !VietnameseText.normalized(reason).isEmpty else { continue }
                do {
                    try session.markNotAnEntry(task, kind: kind, reason: reason)
                    return .marked(kind)
                } catch let error as HoTichError {
                    console.line("  " + Message.keyingRejected(error.message.text(in: language)).text(in: language))
                    return .back
                }
            }
        }
    }
}
