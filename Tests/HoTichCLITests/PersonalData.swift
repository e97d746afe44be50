import Foundation
import HoTichModel
import HoTichWorkflow
import Testing

/// The fixture people's names (as written, in capitals, folded) and birth dates: none may ever
/// reach standard error or a log line. Every command the suite runs — in process or as the real
/// binary — is checked against them, at the most talkative log level.
enum PersonalData {
    static let spellings: [String] = {
        var found: Set<String> = []
        for pass in [1, 2] {
            for row in SampleKeyings.rows(pass: pass).dropFirst() {
                for index in [10, 17, 21, 25] where row[index].count > 3 {
                    let name = row[index]
                    found.formUnion([name, name.uppercased(), VietnameseText.folded(name)])
                }
                for index in [12, 18, 22] where row[index].count >= 8 { found.insert(row[index]) }
            }
        }
        return found.sorted()
    }()

    /// Records an issue for each fixture name or date in `text`, standard error of `arguments`.
    static func expectNone(in text: String, from arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for spelling in spellings where text.contains(spelling) {
            Issue.record("personal data on standard error of hotich \(arguments.prefix(3).joined(separator: " "))", sourceLocation: sourceLocation)
        }
    }
}
