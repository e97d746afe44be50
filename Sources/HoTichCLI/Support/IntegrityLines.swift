import HoTichModel

/// The lines of an audit verification (and of scans that did not match), as `audit verify`,
/// `backup` and `restore` print them.
enum IntegrityLines {
    /// Prints what was found; throws the summary when anything was.
    static func print(_ verification: AuditVerification, damagedScans: [String] = [], language: Language) throws {
        let found = show(verification, damagedScans: damagedScans, language: language)
        if found > 0 { throw HoTichError(.integrity(.trailUnsound(problems: found))) }
    }

    /// Prints what was found and returns how much.
    static func show(_ verification: AuditVerification, damagedScans: [String] = [], language: Language) -> Int {
        let console = Console.current
        for path in damagedScans { console.line(Message.integrity(.scanDamaged(path: path)).text(in: language)) }
        for problem in verification.problems { console.line(Message.integrity(.problem(problem)).text(in: language)) }
        if verification.problemsNotListed > 0 {
            console.line(Message.integrity(.problemsNotListed(verification.problemsNotListed)).text(in: language))
        }
        return verification.problemCount + damagedScans.count
    }
}
