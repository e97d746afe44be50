import GRDB
public import HoTichModel

/// The workspace's own description and its offices.
public protocol WorkspaceReading {
    /// The workspace's description; `nil` only in a store that was never initialized.
    func workspaceInfo() throws -> WorkspaceInfo?
    /// An office known to the workspace.
    func office(_ code: OfficeCode) throws -> Office?
}

public protocol WorkspaceWriting {
    /// Writes a new workspace's description and its own office.
    func initializeWorkspace(_ info: WorkspaceInfo, office: Office) throws
}

extension SQLiteTransaction: WorkspaceReading, WorkspaceWriting {
    public func workspaceInfo() throws -> WorkspaceInfo? {
        try WorkspaceInfo.fetchOne(db)
    }

    public func office(_ code: OfficeCode) throws -> Office? {
        try Office.fetchOne(db, key: code.value)
    }

    public func initializeWorkspace(_ info: WorkspaceInfo, office: Office) throws {
        try info.insert(db)
        try office.insert(db)
    }
}
