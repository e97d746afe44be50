public import HoTichModel
import HoTichStore

/// One user acting in one workspace. Every use case runs through a session, which checks the
/// user's role before anything changes and signs the audit events.
public struct Session: Sendable {
    public let workspace: Workspace
    public let user: User

    /// Throws unless the acting user's role allows `permission`.
    public func require(_ permission: Permission) throws {
        guard permission.allowedRoles.contains(user.role) else {
            throw HoTichError(.permissionDenied(user: user.name, role: user.role, permission: permission))
        }
    }
}
