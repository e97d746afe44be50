/// A problem found with one file while a batch was received.
///
/// Issues are data: intake collects all of them, reports each on one line, and refuses the
/// batch unless the supervisor accepts them, in which case they are stored with the batch.
public struct IntakeIssue: Sendable, Hashable, Codable {
    /// The file's path relative to the batch folder (or zip).
    public let path: String
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// What is wrong with the file.
    public enum Problem: Sendable, Hashable, Codable {
        /// The file has no bytes.
        case empty
        /// The file could not be opened or read.
        case unreadable
        /// The content is not PDF, JPEG, PNG or TIFF.
        case unknownType
        /// The same bytes are already in this batch under another name.
        case duplicateContent(of: String)
        /// The same bytes were already received in another batch.
        case alreadyReceived(batch: String)
        /// The name follows the convention but states another kind, year or volume than the batch.
        case nameContradicts(field: NameField, inName: String, expected: String)
        /// The name follows the convention but its registration date does not exist.
        case nameDateImpossible(String)
        /// The name does not follow the convention (`KS.2017.01.2017-02-03.05.pdf`): the file has
        /// no entry number or date from its name, and the defect says which part to rename.
        case nameNotConventional(ScanFileName.Defect)
        /// The name's registration date is not in the book's year (or the next, for a book carried
        /// into a new year).
        case nameDateOutsideBook(date: String, bookYear: Int)
        /// A symbolic link, in the folder or the zip: never followed (it could reach files outside
        /// the batch), so the scan it points to is not received.
        case symbolicLink
        /// An adopted book's scan whose name states an entry no row of its spreadsheet holds.
        case scanWithoutRow
        /// A row of an adopted book's spreadsheet for which no scan was found (`path` names the
        /// spreadsheet and the row).
        case rowWithoutScan(number: String)
    }

    /// The part of a scan-file name that disagrees with the batch.
    public enum NameField: String, Sendable, Hashable, Codable {
        case kind, year, volume
    }

    /// A stable code for the problem, stored and printed in machine formats.
    public var code: String {
        switch problem {
        case .empty: "empty"
        case .unreadable: "unreadable"
        case .unknownType: "unknown-type"
        case .duplicateContent: "duplicate-content"
        case .alreadyReceived: "already-received"
        case .nameContradicts: "name-contradicts"
        case .nameDateImpossible: "name-date-impossible"
        case .nameNotConventional: "name-not-conventional"
        case .nameDateOutsideBook: "name-date-outside-book"
        case .symbolicLink: "symbolic-link"
        case .scanWithoutRow: "scan-without-row"
        case .rowWithoutScan: "row-without-scan"
        }
    }

    /// Whether the file can still serve as the scan of an entry despite the issue.
    /// Name problems leave the scan usable; empty, unreadable, unknown and duplicate files
    /// (within the batch or across batches) are kept in the manifest but never keyed.
    public var fileIsUsable: Bool {
        switch problem {
        case .nameContradicts, .nameDateImpossible, .nameNotConventional, .nameDateOutsideBook, .scanWithoutRow, .rowWithoutScan: true
        case .empty, .unreadable, .unknownType, .duplicateContent, .alreadyReceived, .symbolicLink: false
        }
    }
}
