/// How a workspace knows who is acting.
public enum IdentityMode: String, Sendable, Codable, CaseIterable {
    /// The operating system says: a command acts as the hotich user bound to the account that runs
    /// it (`user add NAME --login ACCOUNT`), and acting as anyone else (`--as`) needs their
    /// passphrase. The default of every real workspace.
    case accounts
    /// The name given (`--as`, `HOTICH_USER`, the login name) is believed. Only for throw-away
    /// workspaces: the demo, tests, training. `status` says so.
    case names
}
