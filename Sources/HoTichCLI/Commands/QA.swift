import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich qa sample ID --aql A [--seed N]`: draw an acceptance sample.
struct QA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa", abstract: "Kiểm tra chất lượng bằng lấy mẫu / acceptance sampling.", subcommands: [QASample.self])
}

struct QASample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Rút mẫu theo ISO 2859-1, mức kiểm tra II / draw an ISO 2859-1 sample (general inspection level II).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Mã lô / batch id.")
    var id: String

    @Option(help: "AQL (% sai cho phép) / acceptable quality limit in percent, e.g. 0.65, 1.0, 2.5.")
    var aql: String

    @Option(help: "Hạt giống ngẫu nhiên để rút lại đúng mẫu cũ / random seed, to repeat a draw.")
    var seed: UInt64?

    func validate() throws {
        guard SamplingPlan.AQL(aql) != nil else { throw usageError(.invalidAQL(aql), global.language) }
    }

    func run() throws {
        guard let level = SamplingPlan.AQL(aql) else { return }
        let draw = try global.session().drawSample(batch: id, aql: level, seed: seed)
        Console.current.line(Message.sampleDrawn(
            batchID: id, aql: draw.aql, lot: draw.lotSize, letter: draw.codeLetter, size: draw.sampleSize,
            acceptance: draw.acceptance, seed: UInt64(bitPattern: draw.seed)).text(in: global.language))
        Console.current.line(Message.verifyNextReview(batchID: id).text(in: global.language))
    }
}
