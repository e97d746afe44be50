public import Foundation
public import HoTichModel
public import HoTichStore
public import Logging
import HoTichExchange

/// A province's workspace: its data in a PostgreSQL database, its folder (mounted by every client)
/// holding the scans unpacked from zips, the audit key, the anchor log and the pointer to the
/// database.
extension Workspace {
    /// Creates a workspace in the (empty) PostgreSQL database `connectionString` names, with
    /// `folder` (made if missing) as its shared folder, and records it in the audit trail.
    /// - Parameter connectionString: a `postgres://` URI or libpq's `key=value` form; its password,
    ///   if any, is used to connect and never written anywhere (clients take theirs from
    ///   `~/.pgpass`, `PGPASSFILE` or `PGPASSWORD`).
    public static func create(
        at folder: URL, database connectionString: String, office: OfficeCode, name: String?, admin: String, province: OfficeCode? = nil,
        identity: IdentityMode = .accounts, adminLogin: String? = nil, group: String? = nil,
        logger: Logger = Workspace.silentLogger
    ) throws -> Workspace {
        guard UserName.isValid(admin) else { throw HoTichError(.invalidUserName(admin)) }
        let modes = try prepareFolder(folder, group: group)
        if try DatabasePointer.read(in: folder) != nil || FileManager.default.fileExists(atPath: folder.appendingPathComponent(SQLiteStore.databaseFileName).path) {
            throw HoTichError(.workspaceAlreadyExists(path: folder.path))
        }
        let keyURL = folder.appendingPathComponent(AuditKey.fileName)
        if FileManager.default.fileExists(atPath: keyURL.path) { throw HoTichError(.workspaceDatabaseMissing(path: folder.path)) }
        let key = AuditKey(keyedFrom: 1)
        let anchorLog = AuditAnchorLog(url: folder.appendingPathComponent(AuditAnchorLog.fileName), mode: modes.file)
        let store = try PostgresStore.create(connectionString: connectionString, protection: AuditProtection(key: key, anchorLog: anchorLog))
        do {
            try key.write(to: keyURL, mode: modes.file)
            try DatabasePointer(connectionString: connectionString).write(in: folder, mode: modes.file)
            try store.write { tx in
                try initialize(tx, office: office, name: name, admin: admin, province: province, identity: identity, adminLogin: adminLogin)
            }
        } catch {
            // The database keeps its schema (dropping what another role may own is the
            // administrator's call); the folder is left as it was.
            for name in [AuditKey.fileName, AuditAnchorLog.fileName, DatabasePointer.fileName] {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            throw error
        }
        logger.info("workspace created", metadata: ["office": "\(office.value)", "store": "postgresql"])
        return Workspace(folder: folder, postgres: store, logger: logger, modes: modes)
    }

    /// Opens the PostgreSQL workspace whose folder is `folder`.
    static func openPostgres(at folder: URL, connectionString: String, logger: Logger, busyTimeout: TimeInterval) throws -> Workspace {
        let modes = Self.modes(of: folder)
        let keyURL = folder.appendingPathComponent(AuditKey.fileName)
        guard FileManager.default.fileExists(atPath: keyURL.path) else {
            // A PostgreSQL workspace is keyed from its first event: without its key it is not written to.
            throw HoTichError(.integrity(.auditKeyMissing(path: keyURL.path)))
        }
        let key = try AuditKey.read(from: keyURL)
        let anchorLog = AuditAnchorLog(url: folder.appendingPathComponent(AuditAnchorLog.fileName), mode: modes.file)
        let store = try PostgresStore.open(
            connectionString: connectionString, protection: AuditProtection(key: key, anchorLog: anchorLog), busyTimeout: busyTimeout)
        // The folder and the database belong together: a database whose first event the folder's
        // key did not sign is another workspace's (HOTICH_DATABASE or `--to` naming the wrong one),
        // and writing to it would sign its events, and anchor them, with this folder's key.
        if let first = try store.firstAuditEvent(), !(first.mac.map { key.isValid(mac: $0, for: first.hash) } ?? false) {
            throw HoTichError(.database(.otherWorkspace(location: store.location, path: folder.path)))
        }
        let removed = StagingFolder.removeAbandoned(in: folder.appendingPathComponent("scans", isDirectory: true))
            + StagingFolder.removeAbandoned(in: folder.appendingPathComponent(".staging", isDirectory: true))
        if removed > 0 { logger.notice("abandoned staging folders removed", metadata: ["count": "\(removed)"]) }
        return Workspace(folder: folder, postgres: store, logger: logger, modes: modes)
    }
}

/// The file in a PostgreSQL workspace's folder that names its database: the connection string
/// without its password (a password in it is dropped before it is written), so that a client
/// finds the database from the folder, and its password in its own `~/.pgpass`.
public struct DatabasePointer: Sendable, Equatable {
    public static let fileName = "hotich-database.conf"

    /// The connection string as written: never a password.
    public let connectionString: String

    public init(connectionString: String) {
        self.connectionString = Self.withoutPassword(connectionString)
    }

    /// `connectionString` without its password, in either of libpq's forms.
    static func withoutPassword(_ connectionString: String) -> String {
        if connectionString.hasPrefix("postgres://") || connectionString.hasPrefix("postgresql://"),
           var components = URLComponents(string: connectionString) {
            components.password = nil
            components.queryItems = components.queryItems?.filter { $0.name != "password" }
            if components.queryItems?.isEmpty == true { components.queryItems = nil }
            return components.string ?? ""
        }
        return connectionString.split(separator: " ").filter { !$0.hasPrefix("password=") }.joined(separator: " ")
    }

    /// The pointer in `folder`, nil when there is none.
    public static func read(in folder: URL) throws -> DatabasePointer? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        // A few hundred bytes at most: a larger file is no pointer of hotich's.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path), let size = attributes[.size] as? Int, size <= 4_096,
              let data = FileManager.default.contents(atPath: url.path),
              let line = String(data: data, encoding: .utf8)?.split(whereSeparator: \.isNewline).first(where: { !$0.hasPrefix("#") })
        else { throw HoTichError(.database(.connectionStringInvalid)) }
        return DatabasePointer(connectionString: line.trimmingCharacters(in: .whitespaces))
    }

    func write(in folder: URL, mode: mode_t) throws {
        let text = "# hotich: this workspace's data is in this PostgreSQL database (its password is in each client's ~/.pgpass)\n\(connectionString)\n"
        let url = folder.appendingPathComponent(Self.fileName)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: Int(mode)]) else {
            throw HoTichError(.fileCopyFailed(url.path))
        }
    }
}

extension Session {
    /// Gives the database role `role` the rights hotich's clients need on a PostgreSQL workspace
    /// (its tables; only reading and appending to the trail and the seals), run as the schema's
    /// owner; recorded in the audit trail.
    public func grantApplicationRole(_ role: String) throws {
        try require(.maintainWorkspace)
        guard let store = workspace.store as? PostgresStore else { throw HoTichError(.database(.notPostgres)) }
        try store.grantApplication(role: role)
        try store.write { tx in
            try tx.appendAudit(AuditEntry(actor: user.name, action: .storeGrant, subject: role), at: Timestamp.now())
        }
        workspace.logger.info("database role granted", metadata: ["role": "\(role)"])
    }

    /// Where the workspace's data is, for messages.
    public var storeLocation: String { workspace.store.location }
}
