import ArgumentParser

/// `hotich batch`: receiving scan batches and steering them through the workflow.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Lô quét / scan batches.",
        subcommands: [
            BatchReceive.self, BatchAdopt.self, BatchList.self, BatchShow.self, BatchCheckFiles.self,
            BatchReturn.self, BatchHold.self, BatchRelease.self, BatchPolicy.self, BatchMarkFile.self, BatchUnmarkFile.self,
        ])
}
