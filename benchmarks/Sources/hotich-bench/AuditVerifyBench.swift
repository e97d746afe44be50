import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `audit-verify`: the whole audit verification of a workspace — the chain and its HMACs, every
/// sealed row against its last seal, every seal against its event, the guards and the anchor log.
struct AuditVerifyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-verify", abstract: "Measure audit verify of a whole workspace (events and sealed rows per second).")

    @Option(help: "Workspace folder.") var workspace: String

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let (result, seconds) = try Measure.time { try ws.session(as: "giamsat").verifyAuditTrail() }
        Measure.report(
            "audit-verify", String(format: "%.0f", Double(result.rowsChecked) / seconds), "rows/s",
            "\(result.events) events, \(result.rowsChecked) sealed rows, \(result.anchorsChecked) anchors in \(String(format: "%.1f", seconds)) s; sound: \(result.isSound)")
    }
}
