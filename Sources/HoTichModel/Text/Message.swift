/// Every sentence and label hotich shows to a person: one catalog, said in Vietnamese
/// (``Language/vietnamese``, the default) or English.
///
/// Each case names the thing, and for failures the reason and the next step. Associated values
/// hold identifiers (batch ids, paths, user names, option values), never register content.
/// The translations live in `Message+Vietnamese.swift` and `Message+English.swift`.
public enum Message: Sendable, Equatable {
    // MARK: - Workspace
    case workspaceNotFound(path: String)
    case workspaceAlreadyExists(path: String)
    case workspaceTooNew(path: String)
    case workspaceUnreadable(path: String)
    /// The folder holds a workspace's other files (scans, a `-wal` journal) but no database, or an
    /// empty one: opening (or creating) it would start an empty workspace beside the real data.
    case workspaceDatabaseMissing(path: String)
    /// `init` was given a folder anyone may write to.
    case workspaceFolderOpenToOthers(path: String)
    case workspaceBusy
    case diskFull
    case storageFailure(code: Int)
    /// The workspace's store holds what a sound workspace never does (a missing or damaged row).
    case storeDamaged(StoreFailure)
    /// The operating system refused to read or write `path`.
    case fileSystemFailure(path: String, problem: FileSystemProblem)
    case workspaceCreated(path: String, office: String, admin: String)

    // MARK: - Usage
    case invalidOfficeCode(String)
    case invalidYear(String)
    case invalidVolume(String)
    case invalidUserName(String)
    /// A limit option outside 1…1 000 000.
    case invalidLimit(option: String, value: Int)
    case reasonRequired(action: BatchAction)

    // MARK: - Users and roles
    case noActingUser
    case unknownUser(String)
    case userAlreadyExists(String)
    case permissionDenied(user: String, role: Role, permission: Permission)
    case userAdded(name: String, role: Role)

    // MARK: - Intake
    case pathNotFound(String)
    case pathNotFolderOrZip(String)
    case zipUnreadable(String)
    /// A zip refused before anything of it is kept.
    case zipRefused(path: String, ZipRefusal)
    case noFilesFound(String)
    case fileVanished(String)
    case fileCopyFailed(String)
    case intakeRefused(issueCount: Int)
    case batchAlreadyReceived(batchID: String)
    case batchReceived(batchID: String, files: Int, bytes: Int64, issues: Int)
    case systemFilesIgnored(Int)
    case intakeIssue(IntakeIssue)
    case hashingProgress(done: Int, total: Int)

    // MARK: - Batches
    case batchNotFound(String)
    case invalidBatchState(String)
    case transitionNotAllowed(action: BatchAction, state: BatchState)
    case transitionDone(batchID: String, from: BatchState, to: BatchState)
    case fixityValid(batchID: String, files: Int, oxum: String)
    case fixityFailed(batchID: String, missing: Int, changed: Int, unlisted: Int)
    case fixityMissing(String)
    case fixityChanged(String)
    case fixityUnlisted(String)
    /// The database file's size in bytes before and after `hotich compact`.
    case workspaceCompacted(before: Int64, after: Int64)
    case auditChainBroken(eventID: Int64)
    case nothingToShow

    // MARK: - Records and keying
    /// A record diagnostic, with the field named by its label in the register of `kind`.
    case diagnostic(Diagnostic, kind: RecordKind)
    case policyHasNoSecondPass(batchID: String, policy: VerificationPolicy)
    case invalidPass(Int)
    case batchNotKeyable(batchID: String, state: BatchState)
    case nothingLeftToKey(batchID: String, pass: Int)
    case secondPassMustBeAnotherPerson
    case keyingStarted(batchID: String, pass: Int)
    case keyingFile(path: String, done: Int, total: Int)
    case keyingHelp
    case keyingPrompt(label: String, current: String?)
    case keyingCodeChoices(String)
    case keyingCodeChosen(String)
    case keyingRejected(String)
    /// A value refused at a keying prompt because its code list does not hold it: the diagnostic,
    /// and how to see the list (which means something only at a prompt).
    case keyingUnknownCode(Diagnostic, kind: RecordKind)
    /// `??` typed at a field that has no code list.
    case keyingNoCodeList(field: String, kind: RecordKind)
    case keyingConfirm(warnings: Int)
    case keyingMustFix(errors: Int)
    case recordSaved(number: String?, path: String)
    case keyingPaused
    /// Arbitration paused: every answer given is stored.
    case arbitrationPaused
    /// Review paused: the record being checked was not saved.
    case reviewPaused
    /// Every file of the batch is keyed as its policy needs: what comes next.
    case keyingDone(batchID: String)
    /// Pass 2 has files left, but this operator keyed their pass 1 (or someone holds them).
    case nothingLeftForYou(batchID: String, pass: Int, left: Int)
    /// A choice out of range at a numbered menu.
    case chooseBetween(first: Int, last: Int)
    /// Arbitration is for a batch being verified.
    case batchNotArbitrable(batchID: String, state: BatchState)
    /// Records (and how many have no scan file), files keyed per pass of the files to key, drafts,
    /// files marked as holding no entry.
    case keyingProgress(records: Int, withoutFile: Int, pass1: Int, pass2: Int?, drafts: Int, files: Int, notEntries: Int)
    /// The entry numbers a pass still lacks (a bounded list) and the files left whose name states no number.
    case keyingRemaining(pass: Int, numbers: [String], unnumberedFiles: Int)
    /// How to finish keying a batch: keyboard for files left, an import for entries without a scan,
    /// the reject file corrected and imported when there is one.
    case keyingHowToFinish(batchID: String, pass: Int, filesLeft: Bool, unfiledLeft: Bool, rejectsFile: String?)
    case keyingSummary(records: Int, seconds: Int, perHour: Int)
    case claimNotYours(path: String, holder: String)
    case claimReleased(path: String, pass: Int)
    case noClaim(path: String)

    // MARK: - Files that are not entries
    case fileNotInBatch(batchID: String, path: String)
    case fileNotKeyable(path: String)
    case fileAlreadyMarked(path: String, kind: NonEntryKind)
    case fileHasRecord(path: String, number: String)
    case fileNotMarked(path: String)
    case batchFilesFrozen(batchID: String, state: BatchState)
    case nonEntryNeedsReason
    case fileMarked(path: String, kind: NonEntryKind)
    case fileMarkCleared(path: String)

    // MARK: - Plans, calendar and reports
    /// A date option that is not `YYYY-MM-DD` or not a day of the calendar.
    case invalidDate(option: String, value: String)
    /// A week option that is not `YYYY-Www`.
    case invalidWeek(String)
    case invalidPlanRecords(Int)
    case dueBeforeStart(due: CivilDate, start: CivilDate)
    case periodEndsBeforeStart(from: CivilDate, to: CivilDate)
    case calendarNeedsReason
    case planSet(unit: String, records: Int, due: CivilDate, revision: Int)
    case calendarDaySet(day: CivilDate, working: Bool)
    case calendarDayCleared(day: CivilDate)
    case calendarDayNotSet(day: CivilDate)
    case progressSummaryRebuilt(differences: Int)
    case reportWritten(path: String)

    // MARK: - Search
    case searchProblem(SearchQuery.Problem)
    case searchLimit(Int)
    case recordNotFound(String)
    case recordNotVisible(String)
    case searchIndexRebuilt(differences: Int)
    /// A plan was set for an office the workspace has no book of yet (a warning: check the code).
    case planOfficeUnknown(office: String)
    /// Something other than a regular file is where a report was to be written.
    case reportDestinationNotAFile(path: String)
    /// The keying loop's question after `!` at the first prompt, and its answer's echo.
    case keyingNotAnEntryKindPrompt
    case keyingNotAnEntryReasonPrompt
    /// A kind of page that is not an entry, as a word for tables.
    case nonEntryKind(NonEntryKind)

    // MARK: - Legacy text and places
    case place(PlaceMessage)

    // MARK: - Signing keys and signed packages
    case signature(SignatureMessage)

    // MARK: - Tamper evidence, identity, backups
    case integrity(IntegrityMessage)
    case identity(IdentityMessage)

    // MARK: - PostgreSQL
    case database(DatabaseMessage)

    // MARK: - Import
    case importNotUTF8(path: String)
    case importUnreadable(path: String)
    case importUnknownFormat(path: String)
    case importUnknownColumns([String])
    case importMissingColumns([String])
    case importDuplicateColumn(String)
    case importNoHeader(path: String)
    case importRowProblem(row: Int, diagnostic: Diagnostic, kind: RecordKind)
    case importRowDuplicateNumber(row: Int, number: String, firstRow: Int)
    case importRowBeingKeyed(row: Int)
    case importRowSamePerson(row: Int)
    /// A row holds filled cells beyond the header's columns.
    case importRowExtraCells(row: Int, count: Int)
    /// An identifier cell a workbook stored as a number: its leading zeros, if any, are lost.
    case importRowNumberLostZeros(row: Int, column: String)
    /// A spreadsheet to adopt whose name does not say which book it holds.
    case adoptNameNotBundle(path: String)
    /// A book adopted: its batch, rows and scans, and what did not match.
    case adoptDone(batchID: String, rows: Int, scans: Int, rowsWithoutScan: Int, scansWithoutRow: Int)
    /// Rows above the header row (a title, an office's name) were not read as entries.
    case importRowsAboveHeader(count: Int)
    /// A cell reference or row number beyond a workbook's limits (XFD, 1 048 576).
    case importCellOutOfRange(path: String, row: Int)
    /// A workbook cell names a shared string the workbook does not have.
    case importBadSharedString(path: String, row: Int)
    /// A row with more cells, or a cell longer, than any register holds.
    case importRowTooLarge(path: String, row: Int)
    /// A part of the file declares or unpacks to more than the limit, in MiB.
    case importTooLarge(path: String, limitMiB: Int)
    case importRefused(rejected: Int, read: Int)
    case importSummary(read: Int, imported: Int, rejected: Int, alreadyPresent: Int)
    case importRejectFile(path: String)
    /// `--rejects` names the file being imported.
    case importRejectsIsSource(path: String)
    /// `--rejects` names a file that is not a reject file hotich wrote.
    case importRejectsWouldOverwrite(path: String)
    case importSeenBefore(at: String, by: String)

    // MARK: - Verification
    case batchNotVerifiable(batchID: String, state: BatchState)
    /// `errors` counts error findings (each one an error to correct, whether or not its
    /// correction has been opened yet); `doubts` agreed values a keyer marked uncertain.
    case verificationProgress(batchID: String, records: Int, verified: Int, conflicts: Int, doubts: Int, errors: Int, warnings: Int, duplicates: Int)
    case verificationNewlySettled(verified: Int, conflicts: Int, doubts: Int)
    case batchVerified(batchID: String)
    case verifyNextArbitrate(batchID: String)
    case verifyNextReview(batchID: String)
    case verifyNextSample(batchID: String)
    case verifyNextDuplicates(batchID: String)
    case verifyNextAcknowledge(batchID: String)
    /// A finding, rendered from its typed detail in a book of `kind`.
    case finding(FindingDetail, kind: RecordKind)
    /// What kind of finding a code is, in a few words (summary tables).
    case findingKind(FindingCode)
    case decisionNotFound(Int64)
    case decisionAlreadyMade(Int64)
    case arbiterKeyedRecord(user: String)
    case acknowledgementNeedsReason
    case findingNotFound(Int64)
    case arbitrationField(number: String?, label: String, path: String?)
    case arbitrationPass(pass: Int, value: String, keyer: String?)
    case arbitrationCurrent(String)
    case arbitrationProblem(String)
    /// Shown under a doubt: both passes read the value, at least one with a doubt mark.
    case arbitrationDoubt
    case arbitrationPrompt
    case arbitrationHelp
    case arbitrationSkippedOwn(Int)
    case arbitrationSummary(decided: Int, acknowledged: Int)
    case warningShown(number: String?, text: String)
    case warningPrompt
    case valueState(String)

    // MARK: - Review and sampling
    case policyIsNotSample(batchID: String, policy: VerificationPolicy)
    case policyHasNoReview(batchID: String)
    case sampleAlreadyDrawn(batchID: String, at: String)
    case noSampleDrawn(batchID: String)
    case invalidAQL(String)
    case sampleDrawn(batchID: String, aql: String, lot: Int, letter: String, size: Int, acceptance: Int, seed: UInt64)
    case reviewAlreadyDone
    case reviewPrompt
    case reviewRecord(number: String?, path: String?, done: Int, total: Int)
    case reviewHelp
    /// Asked for each value still marked uncertain when a reviewer confirms a record.
    case reviewConfirmDoubt(label: String, value: String)
    case reviewSaved(corrections: Int)
    case lotAccepted(defective: Int, acceptance: Int)
    case lotRejected(batchID: String, defective: Int, acceptance: Int)
    case nothingLeftToReview(batchID: String)

    // MARK: - Duplicates and returns
    /// Why two entries are thought to be one (`personal-id`, `name-dates`), as a word for tables.
    case duplicateBasis(String)
    /// A supervisor's conclusion, as a word for tables.
    case duplicateConclusion(duplicate: Bool)
    /// Yes or no, as a word for tables.
    case yesNo(Bool)
    /// What an audit event records, as a few words for tables.
    case auditAction(AuditAction)
    case duplicateFlagNotFound(Int64)
    case duplicateDecided(flag: Int64, duplicate: Bool)
    case recordNumberNotInBatch(batchID: String, number: String)
    case recordsReturned(batchID: String, count: Int)
    case policyChanged(batchID: String, from: VerificationPolicy, to: VerificationPolicy)
    case policyChangeTooLate(batchID: String, state: BatchState)

    // MARK: - Export and validation
    case batchNotExportable(batchID: String, state: BatchState)
    case batchAlreadyExported(batchID: String)
    case exportNothingToDo
    /// Scans of the books to export that cannot be delivered to the Ministry as PDFs.
    case ministryScansRefused([RefusedScan])
    /// A template's header row does not fit the kind's fields.
    case ministryTemplate(path: String, kind: RecordKind, problem: MinistryLayout.TemplateProblem)
    /// A template that cannot be read as a spreadsheet or CSV.
    case ministryTemplateUnreadable(path: String)
    /// A Ministry package written: books, entries and PDFs.
    case ministryExportDone(path: String, books: Int, records: Int, scans: Int)
    /// One file of a Ministry package.
    case ministryFile(name: String, records: Int, scans: Bool)
    case exportFailed(stage: String, detail: String)
    /// An export stopped because the system could not write `path` (nothing was left looking finished).
    case exportFileSystemFailure(path: String, problem: FileSystemProblem)
    case exportDone(path: String, files: Int, records: Int)
    case exportResumed(packageID: String)
    /// Another export is writing a package that holds the batch.
    case exportInProgress(batchID: String, packageID: String)
    /// The lease of a new package could not be taken (a clash of package ids: run again).
    case exportPackageBusy(packageID: String)
    /// Another `export corrections` is running.
    case exportCorrectionsRunning
    case exportFolderMissing(String)
    case exportProgress(done: Int, total: Int)
    /// Megabytes (10⁶ bytes) of a large file validated so far.
    case validateProgress(done: Int, total: Int)
    case validateValid(path: String, document: String, items: Int)
    case validateInvalid(path: String, problems: Int)
    case validateProblem(line: Int, message: String)
    case validateUnreadable(path: String)
    case receiptInvalid(path: String, problems: String)
    case receiptUnknownPackage(String)
    case receiptApplied(packageID: String, accepted: Int, rejected: Int, unknown: Int)
    case exportStatus(exported: Int, accepted: Int, rejected: Int, awaiting: Int)
    case recordNotExported(batchID: String, number: String)
    case correctionNeedsReason
    case recordCorrected(number: String, version: Int)
    case recordWithdrawn(number: String)

    // MARK: - Demo
    case demoStart(path: String)
    case demoStep(DemoStep)
    case demoDone(path: String)

    // MARK: - Facts shown in `batch show`
    /// Files and bytes of a batch, with its Payload-Oxum.
    case batchFiles(files: Int, bytes: Int64, oxum: String)

    // MARK: - Words used in tables and summaries
    case label(Label)
    case state(BatchState)
    case role(Role)
    case kind(RecordKind)
    case policy(VerificationPolicy)

    /// The steps `hotich demo` announces, in the order it takes them.
    public enum DemoStep: Sendable, CaseIterable {
        case createWorkspace
        case addUsers
        case operatorCannotReceive
        case receiveFlawedFolder
        case receiveBook
        case receiveAgain
        case checkFiles
        case holdAndRelease
        case importBothPasses
        case importAgain
        case verify
        case arbitrate
        case errorRates
        case export
        case exportMinistry
        case status
        case auditChain
        case plan
        case progress
        case weeklyReview
        case search
    }

    /// Column headers and short words.
    public enum Label: String, Sendable, CaseIterable {
        case batch, kind, office, year, volume, policy, state, files, bytes, issues
        case receivedAt, receivedBy, source, oxum, name, role, createdAt
        /// A user's operating-system account, and whether they set a passphrase.
        case login, passphrase
        case time, actor, action, from, to, reason, path, format, sha256, problem
        case batches, registrationDate, number, book, history, fixity, keying
        case verification, verified, conflicts, corrections, errors, warnings, duplicates
        case id, record, otherRecord, basis, reregistration, decision, finding, severity, sample
        case errorsPerThousand, typedFromImage, records, code, notEntries, pageKind
        /// The columns a reject file adds: the row's number in the source, and why it was refused.
        case rejectedRow, rejectedBecause, subject
        /// A record's stable identifier (a UUID), as opposed to its registration number.
        case recordId
    }

    /// The text of the message in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .vietnamese: vietnamese
        case .english: english
        }
    }

    /// Whether the message reports bad usage (exit code 64) rather than a failure (exit code 1).
    var isUsageProblem: Bool {
        switch self {
        case .invalidOfficeCode, .invalidYear, .invalidVolume, .invalidUserName, .reasonRequired, .invalidLimit,
             .invalidBatchState, .invalidPass, .acknowledgementNeedsReason, .invalidAQL, .correctionNeedsReason,
             .nonEntryNeedsReason, .invalidDate, .invalidWeek, .invalidPlanRecords, .dueBeforeStart, .periodEndsBeforeStart,
             .calendarNeedsReason, .searchProblem, .searchLimit, .place(.invalidLevel), .place(.textOutputInvalid):
            true
        default:
            false
        }
    }
}

extension Int64 {
    /// The number with thousands grouped the way `language` writes them (1.234.567 or 1,234,567).
    public func grouped(in language: Language) -> String {
        let separator: Character = language == .vietnamese ? "." : ","
        let digits = String(self.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(separator) }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}

extension Int {
    /// The number with thousands grouped the way `language` writes them.
    public func grouped(in language: Language) -> String { Int64(self).grouped(in: language) }
}

extension Message {
    /// The most items a message lists before it says how many more there are: every list echoed
    /// from a file or a batch is bounded, so a message stays a line however large its input.
    public static let listLimit = 20

    /// A column name read from a file, as a message may echo it: at most 40 characters, quoted,
    /// anything that could act on a terminal escaped.
    static func columnName(_ name: String) -> String {
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        return "\"" + TerminalText.escaped(shown) + "\""
    }

    /// `items` joined with commas, at most ``listLimit`` of them, then `more(count)` for the rest.
    static func boundedList(_ items: [String], more: (Int) -> String) -> String {
        let shown = items.prefix(listLimit).joined(separator: ", ")
        return items.count > listLimit ? shown + " " + more(items.count - listLimit) : shown
    }
}

extension Double {
    /// The number with `digits` decimals and the decimal mark `language` writes (9,26 or 9.26).
    public func decimal(_ digits: Int, in language: Language) -> String {
        var factor = 1
        for _ in 0..<digits { factor *= 10 }
        let scaled = Int((abs(self) * Double(factor)).rounded())
        let fraction = String(scaled % factor)
        let sign = self < 0 && scaled != 0 ? "-" : ""
        let whole = sign + Int64(scaled / factor).grouped(in: language)
        guard digits > 0 else { return whole }
        return whole + (language == .vietnamese ? "," : ".") + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

extension Diagnostic.Problem {
    /// A short list's values, to say what may be typed: " (1 Nam, 2 Nữ, 3 Không xác định)"; a long
    /// list is named by its identifier instead.
    static func choices(of listID: String, in language: Language) -> String {
        guard let list = CodeLists.all[listID] else { return " \(listID)" }
        guard list.entries.count <= 10 else { return " \(listID)" }
        return " (" + list.entries.map { "\($0.code) \($0.label)" }.joined(separator: ", ") + ")"
    }
}
