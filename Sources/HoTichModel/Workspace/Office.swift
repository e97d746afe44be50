/// A registry office known to the workspace.
public struct Office: Codable, Sendable, Equatable {
    public var code: OfficeCode
    public var name: String?
    /// The 2-digit province code the office belongs to, when known (a province office is its own
    /// province). Personal ID numbers registered here begin with `0` and this code.
    public var province: String?

    public init(code: OfficeCode, name: String?, province: String? = nil) {
        self.code = code
        self.name = name
        self.province = province ?? (code.level == .province ? code.value : nil)
    }
}

/// An operator's hold on one scan file for one pass, so that no two people key the same entry.
public struct Claim: Codable, Sendable, Equatable {
    public var scanFileId: Int64
    public var pass: Int
    public var batchId: String
    public var `operator`: String
    public var claimedAt: String
    /// After this time anyone may take the file over (a crashed run's claim expires).
    public var expiresAt: String

    public init(scanFileId: Int64, pass: Int, batchId: String, operator: String, claimedAt: String, expiresAt: String) {
        self.scanFileId = scanFileId
        self.pass = pass
        self.batchId = batchId
        self.operator = `operator`
        self.claimedAt = claimedAt
        self.expiresAt = expiresAt
    }
}

/// A spreadsheet imported into a batch, remembered by its hash.
public struct ImportedFile: Codable, Sendable, Equatable {
    public var id: Int64?
    public var batchId: String
    public var pass: Int
    public var sha256: String
    public var fileName: String
    public var rowsRead: Int
    public var imported: Int
    public var rejected: Int
    public var alreadyPresent: Int
    public var at: String
    public var by: String

    public init(
        batchId: String, pass: Int, sha256: String, fileName: String, rowsRead: Int, imported: Int,
        rejected: Int, alreadyPresent: Int, at: String, by: String
    ) {
        self.batchId = batchId
        self.pass = pass
        self.sha256 = sha256
        self.fileName = fileName
        self.rowsRead = rowsRead
        self.imported = imported
        self.rejected = rejected
        self.alreadyPresent = alreadyPresent
        self.at = at
        self.by = by
    }
}
