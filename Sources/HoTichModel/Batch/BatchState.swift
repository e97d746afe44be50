/// Where a scan batch stands in the workflow.
///
/// ```
/// received → keying → keyed → verifying → verified → exporting → exported
/// ```
/// A batch can be returned to keying with a reason, put on hold and released back to the
/// state it was held in. ``BatchLifecycle`` holds the table of allowed moves.
public enum BatchState: String, Sendable, CaseIterable, Codable {
    case received
    case keying
    case keyed
    case verifying
    case verified
    case exporting
    case exported
    case onHold = "on-hold"
}

/// The verification policy chosen for a batch when it is received.
public enum VerificationPolicy: String, Sendable, CaseIterable, Codable {
    /// Two blind keyings by two operators, disagreements arbitrated by a third person.
    case double
    /// One keying, every record reviewed by a verifier against the image.
    case review
    /// One keying, an ISO 2859-1 acceptance sample checked by a verifier.
    case sample
}
