import Foundation
import Logging

/// Writes log lines to the console's standard error (the process's, or a test's capturing
/// console), in swift-log's stream format. Lines carry event names and counts, never register
/// content: the tests read every line the suite's commands write.
struct ConsoleLogHandler: LogHandler {
    let label: String
    let console: Console
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = ISO8601DateFormatter().string(from: Date())
        console.err("\(time) \(event.level) \(label) :\(details) \(event.message)\n")
    }
}
