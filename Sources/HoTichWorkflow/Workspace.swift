public import Foundation
public import HoTichModel
public import HoTichStore
public import HoTichExchange
public import Logging

/// A hotich workspace: a folder holding the SQLite database and the scans unpacked from zips, or,
/// for a province, a folder every client mounts (scans, audit key, anchor log) that names the
/// PostgreSQL database holding the rest (``DatabasePointer``).
///
/// ```swift
/// let workspace = try Workspace.create(at: folder, office: OfficeCode(literal: "20245"), name: nil, admin: "lan")
/// let session = try workspace.session(as: "lan")
/// ```
public final class Workspace: Sendable {
    /// The workspace folder.
    public let folder: URL
    /// The store the use cases speak to: every read and write goes through it.
    public let store: any WorkspaceStore
    /// The SQLite store beneath, when the workspace is kept in SQLite (backups copy its file).
    package let sqliteStore: SQLiteStore?
    /// The key the trail is signed with and the log its heads are anchored in, whatever the store.
    package let protection: AuditProtection
    /// The SQLite store of a SQLite workspace, for the store's tests and the benchmarks (never the
    /// use cases, which go through ``store``).
    /// - Throws: ``HoTichError`` on a PostgreSQL workspace, which has none.
    package var sqlite: SQLiteStore {
        get throws {
            guard let sqliteStore else { throw HoTichError(.database(.notSQLite)) }
            return sqliteStore
        }
    }
    /// Where log lines go; they never carry register content.
    public let logger: Logger
    /// The permissions of what the workspace makes inside its folder: its owner's alone, or its
    /// group's too when it was made with `--group` (read from the folder itself).
    public let modes: FileModes

    /// The default logger of library callers that pass none: it writes nothing.
    public static let silentLogger = Logger(label: "hotich") { _ in SwiftLogNoOpLogHandler() }

    /// The folder that holds scans unpacked from received zips.
    public var scansFolder: URL { folder.appendingPathComponent("scans", isDirectory: true) }

    /// The folder where long commands put work aside before they record it (an import's checked
    /// rows), each in a staging folder of its own.
    public var stagingFolder: URL { folder.appendingPathComponent(".staging", isDirectory: true) }

    /// The folder of lock files that mark work in progress (exports, receives), owner-only.
    public var locksFolder: URL { folder.appendingPathComponent(".locks", isDirectory: true) }

    /// The lock file named `name` in ``locksFolder`` (the folder is made when missing).
    func lockFile(_ name: String) throws -> URL {
        try FileManager.default.createDirectory(
            at: locksFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(modes.directory)])
        return locksFolder.appendingPathComponent(name)
    }

    init(folder: URL, store: SQLiteStore, logger: Logger, modes: FileModes) {
        self.folder = folder
        sqliteStore = store
        protection = store.protection
        self.store = store
        self.logger = logger
        self.modes = modes
    }

    init(folder: URL, postgres store: PostgresStore, logger: Logger, modes: FileModes) {
        self.folder = folder
        sqliteStore = nil
        protection = store.protection
        self.store = store
        self.logger = logger
        self.modes = modes
    }

    /// The modes of the workspace in `folder`, read from the folder's own permissions.
    static func modes(of folder: URL) -> FileModes {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.posixPermissions] as? Int else { return .ownerOnly }
        return FileModes.of(folderMode: mode_t(mode))
    }

    /// Finds the workspace folder: an explicit `--workspace`, else `HOTICH_WORKSPACE`, else the current folder.
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: String) -> URL {
        let chosen = explicit.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOTICH_WORKSPACE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? currentDirectory
        let url = URL(fileURLWithPath: chosen, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
        return url.standardizedFileURL
    }

    /// Opens the workspace in `folder`.
    /// - Throws: ``HoTichError`` `.workspaceNotFound` with the way to create one.
    /// - Parameter busyTimeout: how long a write waits for other processes' transactions.
    public static func open(
        at folder: URL, logger: Logger = Workspace.silentLogger, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout,
        database: String? = nil
    ) throws -> Workspace {
        let databaseURL = folder.appendingPathComponent(SQLiteStore.databaseFileName)
        if let pointer = try DatabasePointer.read(in: folder) {
            // A folder that names a PostgreSQL database and holds a SQLite one too is refused, never
            // opened as either: a file copied in by mistake must not switch the workspace's store.
            if FileManager.default.fileExists(atPath: databaseURL.path) || FileManager.default.fileExists(atPath: databaseURL.path + "-wal") {
                throw HoTichError(.database(.twoStores(path: folder.path)))
            }
            return try openPostgres(
                at: folder, connectionString: database ?? pointer.connectionString, logger: logger, busyTimeout: busyTimeout)
        }
        let keyURL = folder.appendingPathComponent(AuditKey.fileName)
        let modes = Self.modes(of: folder)
        let anchorLog = AuditAnchorLog(url: folder.appendingPathComponent(AuditAnchorLog.fileName), mode: modes.file)
        let store: SQLiteStore
        if FileManager.default.fileExists(atPath: keyURL.path) {
            let key = try AuditKey.read(from: keyURL)
            store = try SQLiteStore.open(at: databaseURL, protection: AuditProtection(key: key, anchorLog: anchorLog), busyTimeout: busyTimeout)
        } else {
            // A workspace made before the trail was keyed gets its key now, from its next event on;
            // one whose events are already signed has lost its key, and is not written to unsigned.
            let unkeyed = try SQLiteStore.open(at: databaseURL, protection: AuditProtection(key: nil, anchorLog: nil), busyTimeout: busyTimeout)
            let key: AuditKey
            do {
                key = AuditKey(keyedFrom: try unkeyed.lastAuditEventID() + 1)
                try key.write(to: keyURL, mode: modes.file)
                // Said out loud: on a workspace that had a key, this would mean its key and anchor
                // log were removed and its schema turned back (only anchors sent out can tell).
                logger.warning("audit key created for an existing workspace", metadata: ["keyedFrom": "\(key.keyedFrom)"])
            } catch {
                // Another process opening the same workspace made it first.
                guard FileManager.default.fileExists(atPath: keyURL.path) else { throw error }
            }
            store = try SQLiteStore.open(
                at: databaseURL, protection: AuditProtection(key: try AuditKey.read(from: keyURL), anchorLog: anchorLog),
                busyTimeout: busyTimeout)
        }
        // What a killed receive left behind (hundreds of megabytes of unpacked scans) goes now;
        // the folders of receives still running are held by their locks and stay.
        let removed = StagingFolder.removeAbandoned(in: folder.appendingPathComponent("scans", isDirectory: true))
            + StagingFolder.removeAbandoned(in: folder.appendingPathComponent(".staging", isDirectory: true))
        if removed > 0 { logger.notice("abandoned staging folders removed", metadata: ["count": "\(removed)"]) }
        return Workspace(folder: folder, store: store, logger: logger, modes: modes)
    }

    /// Creates a workspace in `folder` (made if missing) for the registry office `office`,
    /// with `admin` as its first user, and records it in the audit trail.
    /// - Parameter province: the office's 2-digit province code, when the office is not a province
    ///   itself; personal ID numbers registered there are checked against it.
    /// - Parameter identity: how users are known; `accounts` binds `admin` to `adminLogin`, the
    ///   account that made the workspace.
    /// - Parameter group: the operating-system group whose members share the workspace (its
    ///   folder 2770 and that group's, its files 0660); nil for a workspace its owner's alone.
    public static func create(
        at folder: URL, office: OfficeCode, name: String?, admin: String, province: OfficeCode? = nil,
        identity: IdentityMode = .accounts, adminLogin: String? = nil, group: String? = nil,
        logger: Logger = Workspace.silentLogger
    ) throws -> Workspace {
        guard UserName.isValid(admin) else { throw HoTichError(.invalidUserName(admin)) }
        let databaseURL = folder.appendingPathComponent(SQLiteStore.databaseFileName)
        if FileManager.default.fileExists(atPath: databaseURL.path) {
            throw HoTichError(.workspaceAlreadyExists(path: folder.path))
        }
        if try DatabasePointer.read(in: folder) != nil { throw HoTichError(.workspaceAlreadyExists(path: folder.path)) }
        let modes = try prepareFolder(folder, group: group)
        let keyURL = folder.appendingPathComponent(AuditKey.fileName)
        if FileManager.default.fileExists(atPath: keyURL.path) || SQLiteStore.hasWorkspaceData(beside: databaseURL) {
            throw HoTichError(.workspaceDatabaseMissing(path: folder.path))
        }
        let key = AuditKey(keyedFrom: 1)
        let store = try SQLiteStore.create(
            at: databaseURL,
            protection: AuditProtection(
                key: key, anchorLog: AuditAnchorLog(url: folder.appendingPathComponent(AuditAnchorLog.fileName), mode: modes.file)),
            mode: modes.file)
        do {
            try key.write(to: keyURL, mode: modes.file)
            try store.write { tx in
                try initialize(tx, office: office, name: name, admin: admin, province: province, identity: identity, adminLogin: adminLogin)
            }
        } catch {
            // A workspace without its first rows is no workspace: leave nothing behind.
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: databaseURL.path + suffix)
            }
            try? FileManager.default.removeItem(at: keyURL)
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(AuditAnchorLog.fileName))
            throw error
        }
        logger.info("workspace created", metadata: ["office": "\(office.value)", "shared": "\(modes.isShared)"])
        return Workspace(folder: folder, store: store, logger: logger, modes: modes)
    }

    /// Makes `folder` ready for a new workspace (made owner-only when missing, refused when anyone
    /// may write to it), shared with `group` when one is named; returns the modes of what it holds.
    static func prepareFolder(_ folder: URL, group: String?) throws -> FileModes {
        if let mode = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.posixPermissions] as? Int {
            // A folder that anyone may write to is no place for personal data: anyone could swap its files.
            if mode & 0o002 != 0 { throw HoTichError(.workspaceFolderOpenToOthers(path: folder.path)) }
        } else {
            do {
                // Made owner-only, whatever the umask: the folder holds personal data.
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            } catch {
                throw HoTichError(.fileCopyFailed(folder.path))
            }
        }
        if let group {
            // Shared with one group: the folder becomes the group's, and new entries take it.
            guard let entry = getgrnam(group) else { throw HoTichError(.identity(.unknownGroup(group))) }
            let gid = entry.pointee.gr_gid
            guard getegid() == gid || geteuid() == 0 || Self.belongs(to: gid) else { throw HoTichError(.identity(.notInGroup(group))) }
            guard chown(folder.path, uid_t.max, gid) == 0, chmod(folder.path, FileModes.group.directory) == 0 else {
                throw HoTichError(.fileCopyFailed(folder.path))
            }
            return .group
        }
        return Self.modes(of: folder)
    }

    /// Writes a new workspace's description, its office and its first administrator, with their events.
    static func initialize(
        _ tx: any StoreWriting, office: OfficeCode, name: String?, admin: String, province: OfficeCode?, identity: IdentityMode,
        adminLogin: String?
    ) throws {
        let now = Timestamp.now()
        let name = name.map(VietnameseText.singleLine)
        try tx.initializeWorkspace(
            WorkspaceInfo(officeCode: office, name: name, createdAt: now, identity: identity),
            office: Office(code: office, name: name, province: province?.value))
        let login = identity == .accounts ? adminLogin : nil
        _ = try tx.insertUser(User(id: nil, name: admin, role: .admin, createdAt: now, createdBy: nil, login: login))
        try tx.appendAudit(AuditEntry(actor: admin, action: .initialize, subject: office.value, toState: identity.rawValue), at: now)
        try tx.appendAudit(AuditEntry(actor: admin, action: .userAdd, subject: admin, toState: Role.admin.rawValue, reason: login), at: now)
    }

    /// Whether the process is a member of group `gid` (its supplementary groups).
    private static func belongs(to gid: gid_t) -> Bool {
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        return getgroups(count, &groups) >= 0 && groups.contains(gid)
    }

    /// The workspace's own description.
    public func info() throws -> WorkspaceInfo {
        guard let info = try store.read({ tx in try tx.workspaceInfo() }) else {
            throw HoTichError(.workspaceUnreadable(path: folder.path))
        }
        return info
    }

    /// Starts acting as the user `name` (from `--as`, `HOTICH_USER`, or the login name).
    /// - Throws: ``HoTichError`` `.noActingUser` or `.unknownUser`.
    public func session(as name: String?) throws -> Session {
        guard let name, !name.isEmpty else { throw HoTichError(.noActingUser) }
        let user = try store.read { tx in try tx.user(named: name) }
        guard let user else { throw HoTichError(.unknownUser(name)) }
        return Session(workspace: self, user: user)
    }
}

/// The rules for user names: short, no spaces, safe in file names and audit lines.
public enum UserName {
    /// Whether `name` is 1–64 letters, digits, `.`, `-` or `_`.
    public static func isValid(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
    }
}
