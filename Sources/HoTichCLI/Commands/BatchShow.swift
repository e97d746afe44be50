import Foundation
import ArgumentParser
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich batch show ID`: book, files, counts, state history and issues of one batch.
struct BatchShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Chi tiết một lô / show one batch.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Mã lô / batch id, for example KS-20245-2017-01-1.")
    var id: String

    func run() throws {
        let language = global.language
        let console = Console.current
        let session = try global.session()
        let detail = try session.batchDetail(id)
        let batch = detail.summary.batch
        let marks = Dictionary(detail.nonEntries.map { ($0.path, $0.mark.kind) }, uniquingKeysWith: { first, _ in first })
        let files = DataTable(
            labels: [.path, .format, .bytes, .number, .registrationDate, .pageKind, .sha256], language: language,
            rows: detail.files.map { file in
                [.text(file.path), file.format.map { .text($0.rawValue) } ?? .empty, .number(file.bytes),
                 file.nameNumber.map(Cell.text) ?? .empty, file.nameDate.map(Cell.text) ?? .empty,
                 marks[file.path].map { .coded($0.rawValue, label: Message.nonEntryKind($0).text(in: language)) } ?? .empty,
                 .text(file.sha256)]
            })
        guard output.format == .table else {
            // Machines get the manifest: one row per file, ready for a BagIt-style comparison.
            console.out(files.render(output.format, language: language))
            return
        }
        let label = { (label: Message.Label) in Message.label(label).text(in: language) }
        let book = detail.summary.book
        let facts: [(Message.Label, String)] = [
            (.batch, batch.id),
            (.book, "\(book.kind.code) · \(Message.kind(book.kind).text(in: language)) · \(book.office.value) · \(book.quyenSo)"),
            (.policy, Message.policy(batch.policy).text(in: language)),
            (.state, Message.state(batch.state).text(in: language)
                + (batch.heldFrom.map { " (← \(Message.state($0).text(in: language)))" } ?? "")),
            (.files, Message.batchFiles(files: batch.fileCount, bytes: batch.totalBytes, oxum: batch.payloadOxum).text(in: language)),
            (.keying, Message.keyingProgress(
                records: detail.keying.records, withoutFile: detail.keying.recordsWithoutFile, pass1: detail.keying.filesKeyed[0],
                pass2: batch.policy == .double ? detail.keying.filesKeyed[1] : nil,
                drafts: detail.keying.drafts, files: detail.keying.keyableFiles,
                notEntries: detail.keying.filesNotEntries).text(in: language)),
            (.verification, Verify.progressLine(batch.id, try session.verificationProgress(batch: batch.id)).text(in: language)),
            (.source, batch.sourcePath),
            (.receivedAt, "\(batch.receivedAt) · \(batch.receivedBy)"),
        ]
        let width = facts.map { label($0.0).count }.max() ?? 0
        for (key, value) in facts {
            let name = label(key)
            console.line(name + String(repeating: " ", count: width - name.count) + "  " + value)
        }
        for line in KeyImport.remainingLines(detail.remaining, batchID: batch.id, rejectsFile: nil) {
            console.line(line.text(in: language))
        }
        console.line()
        console.out(files.render(.table, language: language))
        if !detail.nonEntries.isEmpty {
            console.line()
            console.line(Message.label(.notEntries).text(in: language) + " (\(detail.nonEntries.count))")
            console.out(DataTable(
                labels: [.path, .pageKind, .reason, .actor, .time], language: language,
                rows: detail.nonEntries.map { file in
                    [.text(file.path), .text(Message.nonEntryKind(file.mark.kind).text(in: language)), .text(file.mark.reason),
                     .text(file.mark.markedBy), .text(file.mark.markedAt)]
                }).render(.table, language: language))
        }
        if !detail.issues.isEmpty {
            console.line()
            console.line("\(label(.issues)) (\(detail.issues.count))")
            for issue in detail.issues {
                console.line("  " + Message.intakeIssue(issue).text(in: language))
            }
        }
        let findings = try session.findings(batch: id)
        if !findings.isEmpty {
            let numbers = try session.recordNumbers(batch: id)
            console.line()
            console.out(DataTable(
                labels: [.id, .record, .severity, .finding, .reason], language: language,
                rows: findings.map { finding in
                    [.plainNumber(finding.id ?? 0), .text(finding.recordId.flatMap { numbers[$0] } ?? ""),
                     .text(finding.severity == .error ? label(.errors) : label(.warnings)),
                     .text(Message.finding(finding.detail, kind: book.kind).text(in: language)),
                     .text(finding.acknowledgedBy.map { "\($0): \(finding.reason ?? "")" } ?? "")]
                }).render(.table, language: language))
        }
        console.line()
        console.line(label(.history))
        console.out(AuditTable.make(detail.history, language: language).render(.table, language: language))
    }
}
