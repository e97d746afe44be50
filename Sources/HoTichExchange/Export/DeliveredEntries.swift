public import Foundation
import HoTichXML

/// One entry of an export file as delivered: a record version, or the withdrawal of one.
public struct DeliveredEntry: Sendable, Equatable {
    public let recordId: String
    public let recordVersion: Int
    public let withdrawal: Bool

    public init(recordId: String, recordVersion: Int, withdrawal: Bool) {
        self.recordId = recordId
        self.recordVersion = recordVersion
        self.withdrawal = withdrawal
    }
}

/// Reads back what an export file delivers, entry by entry: for recording a package that a crash
/// left in place before its bookkeeping, from what the file says rather than from what the
/// database would send now. Read the file only after it has been validated.
public enum DeliveredEntries {
    public static func read(_ url: URL) throws -> [DeliveredEntry] {
        let reader = try XMLStreamReader(path: url.path)
        var entries: [DeliveredEntry] = []
        // exportBatch (0) / records (1) / entry (2) / record or withdrawal (3) / recordId, recordVersion (4)
        var withdrawal = false
        var recordId = ""
        var version = ""
        var field: Field?
        while try reader.read() {
            switch reader.nodeType {
            case .element where reader.depth == 2 && reader.isNamed("entry"):
                (recordId, version) = ("", "")
            case .element where reader.depth == 3:
                withdrawal = reader.isNamed("withdrawal")
            case .element where reader.depth == 4:
                field = reader.isNamed("recordId") ? .recordId : reader.isNamed("recordVersion") ? .version : nil
            case .text:
                switch field {
                case .recordId: recordId += reader.value
                case .version: version += reader.value
                case nil: break
                }
            case .endElement where reader.depth == 4:
                field = nil
            case .endElement where reader.depth == 2 && reader.isNamed("entry"):
                guard let number = Int(version), !recordId.isEmpty else { throw DeliveredEntriesError(line: reader.line) }
                entries.append(DeliveredEntry(recordId: recordId, recordVersion: number, withdrawal: withdrawal))
            default:
                break
            }
        }
        return entries
    }

    private enum Field { case recordId, version }
}

/// An entry without a record id or version (a file that was not validated first).
public struct DeliveredEntriesError: Error, Sendable {
    public let line: Int
}
