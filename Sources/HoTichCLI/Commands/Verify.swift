import ArgumentParser
import Foundation
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich verify ID`: compare the passes, run every check, and say what stands in the way.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kiểm tra lô: so sánh hai lần nhập, chạy các quy tắc / verify a batch: compare passes, run every check.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Mã lô / batch id.")
    var id: String

    func run() throws {
        let session = try global.session()
        let report = try session.verify(batch: id)
        guard output.format == .table else {
            // Machines get the data alone on standard output: the summary and every finding.
            return try Console.current.out(Self.data(report, session: session, format: output.format, language: global.language))
        }
        Self.show(report, session: session, format: output.format, language: global.language)
    }

    /// The run as JSON (summary and findings) or CSV (one row per finding).
    static func data(_ report: VerificationReport, session: Session, format: OutputFormat, language: Language) throws -> String {
        let findings = try session.findings(batch: report.batchID)
        let numbers = try session.recordNumbers(batch: report.batchID)
        let kind = try session.batchDetail(report.batchID).summary.book.kind
        let rows = findings.map { finding in
            VerificationOutput.Finding(
                id: finding.id, record: finding.recordId.flatMap { numbers[$0] }, field: finding.field, code: finding.code.rawValue,
                severity: finding.severity.rawValue, acknowledgedBy: finding.acknowledgedBy,
                message: Message.finding(finding.detail, kind: kind).text(in: language))
        }
        if format == .csv {
            return DataTable(
                columns: [("id", "id"), ("record", "record"), ("field", "field"), ("code", "code"), ("severity", "severity"),
                          ("acknowledgedBy", "acknowledgedBy"), ("message", "message")],
                rows: rows.map { row in
                    [.plainNumber(row.id ?? 0), row.record.map(Cell.text) ?? .empty, row.field.map(Cell.text) ?? .empty,
                     .text(row.code), .text(row.severity), row.acknowledgedBy.map(Cell.text) ?? .empty, .text(row.message)]
                }).render(.csv, language: language)
        }
        let progress = report.progress
        let output = VerificationOutput(
            batch: report.batchID, state: report.state.rawValue, policy: report.policy.rawValue,
            newlyVerified: report.newlyVerified, newConflicts: report.newConflicts, newDoubts: report.newDoubts,
            records: progress.records, verified: progress.verified, conflictsOpen: progress.conflictsOpen,
            doubtsOpen: progress.doubtsOpen, correctionsOpen: progress.correctionsOpen, errors: progress.errors,
            warnings: progress.warnings, warningsUnacknowledged: progress.warningsUnacknowledged,
            duplicatesUndecided: progress.duplicatesUndecided, findings: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }

    /// Runs verification after a verifier's answers, to settle what they allow, and says what is left.
    static func settle(_ batchID: String, session: Session, language: Language) throws {
        show(try session.verify(batch: batchID), session: session, format: .table, language: language, afterDecisions: true)
    }

    /// The run's summary, the open findings by kind, and the next step.
    /// - Parameter afterDecisions: the run follows a verifier's answers, which settled records
    ///   themselves: what this run settled says nothing then, and is not shown.
    static func show(
        _ report: VerificationReport, session: Session, format: OutputFormat, language: Language, afterDecisions: Bool = false
    ) {
        let console = Console.current
        let progress = report.progress
        if report.policy == .double && !afterDecisions {
            console.line(Message.verificationNewlySettled(
                verified: report.newlyVerified, conflicts: report.newConflicts, doubts: report.newDoubts).text(in: language))
        }
        console.line(progressLine(report.batchID, progress).text(in: language))
        if !progress.findingsByCode.isEmpty {
            let table = DataTable(
                labels: [.finding, .issues], language: language,
                rows: progress.findingsByCode.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                    [.coded($0.key.rawValue, label: Message.findingKind($0.key).text(in: language)), .number(Int64($0.value))]
                })
            console.out(table.render(format, language: language))
        }
        for step in nextSteps(report.batchID, policy: report.policy, progress: progress, state: report.state) {
            console.line(step.text(in: language))
        }
    }

    static func progressLine(_ batchID: String, _ progress: VerificationProgress) -> Message {
        .verificationProgress(
            batchID: batchID, records: progress.records, verified: progress.verified, conflicts: progress.conflictsOpen,
            doubts: progress.doubtsOpen, errors: progress.errors, warnings: progress.warningsUnacknowledged,
            duplicates: progress.duplicatesUndecided)
    }

    /// What to do next, in the order it is best done.
    static func nextSteps(_ batchID: String, policy: VerificationPolicy, progress: VerificationProgress, state: BatchState) -> [Message] {
        if state == .verified { return [.batchVerified(batchID: batchID)] }
        var steps: [Message] = []
        if progress.verified < progress.records {
            switch policy {
            case .double: break
            case .review: steps.append(.verifyNextReview(batchID: batchID))
            case .sample:
                steps.append(progress.sample?.outcome == nil && progress.sample != nil
                    ? .verifyNextReview(batchID: batchID) : .verifyNextSample(batchID: batchID))
            }
        }
        if progress.conflictsOpen + progress.doubtsOpen + progress.correctionsOpen > 0 { steps.append(.verifyNextArbitrate(batchID: batchID)) }
        else if progress.warningsUnacknowledged > 0 { steps.append(.verifyNextAcknowledge(batchID: batchID)) }
        if progress.duplicatesUndecided > 0 { steps.append(.verifyNextDuplicates(batchID: batchID)) }
        return steps
    }
}

/// What `verify --format json` prints: the run, the batch's progress, and every finding.
struct VerificationOutput: Encodable {
    struct Finding: Encodable {
        let id: Int64?
        /// The registration number of the record it is about.
        let record: String?
        let field: String?
        let code: String
        let severity: String
        let acknowledgedBy: String?
        /// The finding in the user's language.
        let message: String
    }

    let batch: String
    let state: String
    let policy: String
    let newlyVerified: Int
    let newConflicts: Int
    let newDoubts: Int
    let records: Int
    let verified: Int
    let conflictsOpen: Int
    let doubtsOpen: Int
    let correctionsOpen: Int
    let errors: Int
    let warnings: Int
    let warningsUnacknowledged: Int
    let duplicatesUndecided: Int
    let findings: [Finding]
}
