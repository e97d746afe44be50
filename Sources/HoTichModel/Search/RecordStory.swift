/// A record's whole story, for `hotich record show`: its values now, every keying, decision,
/// correction and withdrawal with who and when, its scan file, its findings and duplicate flags,
/// and which package delivered which version with what receipt.
public struct RecordStory: Sendable {
    public let record: RegisterRecord
    public let book: BookIdentity
    public let batchState: BatchState
    public let scanFile: ScanFile?
    public let keyings: [Keying]
    public let decisions: [FieldDecision]
    public let changes: [RecordChange]
    public let findings: [Finding]
    public let duplicates: [DuplicateFlag]
    public let deliveries: [Delivery]

    public init(
        record: RegisterRecord, book: BookIdentity, batchState: BatchState, scanFile: ScanFile?, keyings: [Keying],
        decisions: [FieldDecision], changes: [RecordChange], findings: [Finding], duplicates: [DuplicateFlag], deliveries: [Delivery]
    ) {
        self.record = record
        self.book = book
        self.batchState = batchState
        self.scanFile = scanFile
        self.keyings = keyings
        self.decisions = decisions
        self.changes = changes
        self.findings = findings
        self.duplicates = duplicates
        self.deliveries = deliveries
    }

    /// One version of the record sent to the central system, and what its receipt said.
    public struct Delivery: Sendable, Equatable, Codable {
        public let version: Int
        public let packageId: String
        public let file: String
        public let exportedAt: String
        public let withdrawal: Bool
        public let receipt: String?
        public let receiptCode: String?
        public let receiptAt: String?

        public init(
            version: Int, packageId: String, file: String, exportedAt: String, withdrawal: Bool, receipt: String?, receiptCode: String?,
            receiptAt: String?
        ) {
            self.version = version
            self.packageId = packageId
            self.file = file
            self.exportedAt = exportedAt
            self.withdrawal = withdrawal
            self.receipt = receipt
            self.receiptCode = receiptCode
            self.receiptAt = receiptAt
        }
    }

    /// The record's state as a search shows it.
    public var state: SearchState {
        record.withdrawnAt != nil ? .withdrawn : (record.status == .verified ? .verified : .keyed)
    }
}

/// A record a name search found, with everyone it names, for ranking (see ``SearchMatch``).
public struct SearchCandidate: Sendable, Equatable {
    public let hit: SearchHit
    public let names: [SearchRole: String]

    public init(hit: SearchHit, names: [SearchRole: String]) {
        self.hit = hit
        self.names = names
    }
}
