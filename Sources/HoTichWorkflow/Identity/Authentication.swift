public import HoTichModel
import HoTichStore
import Logging

/// Who says they are acting: the account the operating system runs the command as, the user asked
/// for, and a way to ask for that user's passphrase.
public struct IdentityClaim: Sendable {
    /// The account running the command, as the operating system knows it (the real user id's name).
    public var account: String?
    /// The user asked for with `--as` or `HOTICH_USER`, if any.
    public var requested: String?
    /// Asks for a user's passphrase; returns nil when it cannot be asked (no terminal, no descriptor).
    public var passphrase: @Sendable (String) throws -> String?
    /// A name the environment gives (`USER`, `LOGNAME`), believed only by a throw-away workspace.
    public var environmentName: String?

    public init(
        account: String?, requested: String?, environmentName: String? = nil,
        passphrase: @escaping @Sendable (String) throws -> String?
    ) {
        self.account = account
        self.requested = requested
        self.environmentName = environmentName
        self.passphrase = passphrase
    }
}

extension Workspace {
    /// Starts a session as the user `claim` proves to be (see ``IdentityMode``).
    ///
    /// In an `accounts` workspace, the account's own user acts without more ado: the one bound to
    /// it (`user add --login`), or, in a workspace whose users were made before accounts were
    /// bound, the unbound user of the same name. Anyone else is acted as only with their passphrase.
    /// In a `names` (throw-away) workspace, the name asked for, else the account's, is believed.
    /// - Throws: ``HoTichError`` naming what is missing: the account's binding, the passphrase.
    public func session(claim: IdentityClaim) throws -> Session {
        guard try info().identity == .accounts else {
            return try session(as: claim.requested ?? claim.account ?? claim.environmentName)
        }
        let own = try claim.account.flatMap { account in
            try store.read { tx in
                try tx.user(login: account) ?? tx.user(named: account).flatMap { $0.login == nil ? $0 : nil }
            }
        }
        guard let requested = claim.requested, requested != own?.name else {
            guard let own else { throw HoTichError(claim.account.map { .identity(.accountNotBound(login: $0)) } ?? .noActingUser) }
            return Session(workspace: self, user: own)
        }
        let (user, hash) = try store.read { tx in
            let user = try tx.user(named: requested)
            return (user, try user?.id.flatMap { try tx.passphraseHash(user: $0) })
        }
        guard let user else { throw HoTichError(.unknownUser(requested)) }
        guard let hash else { throw HoTichError(.identity(.noPassphrase(user: user.name, login: user.login))) }
        guard let given = try claim.passphrase(user.name) else { throw HoTichError(.identity(.passphraseNeeded(user: user.name))) }
        guard PassphraseHash.matches(given, hash) else {
            logger.warning("passphrase refused")
            throw HoTichError(.identity(.passphraseWrong(user: user.name)))
        }
        return Session(workspace: self, user: user)
    }
}
