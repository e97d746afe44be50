import Foundation
import ArgumentParser
import HoTichModel
import HoTichWorkflow

/// `hotich batch check-files ID`: re-hash the files and compare them with the manifest.
struct BatchCheckFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-files",
        abstract: "Kiểm tra tính toàn vẹn của tệp quét / re-hash the scans against the manifest.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    func run() throws {
        let language = global.language
        let console = Console.current
        var progress = ProgressLine(console: console, language: language)
        let report = try global.session().checkFiles(of: id) { done, total in progress.update(done: done, total: total) }
        for path in report.missing { console.line(Message.fixityMissing(path).text(in: language)) }
        for path in report.changed { console.line(Message.fixityChanged(path).text(in: language)) }
        for path in report.unlisted { console.line(Message.fixityUnlisted(path).text(in: language)) }
        guard report.isValid else {
            throw HoTichError(.fixityFailed(
                batchID: id, missing: report.missing.count, changed: report.changed.count, unlisted: report.unlisted.count))
        }
        console.line(Message.fixityValid(batchID: id, files: report.matched, oxum: report.payloadOxum).text(in: language))
    }
}
