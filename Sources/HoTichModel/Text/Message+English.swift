extension Message {
    /// The message in English.
    var english: String {
        let en = Language.english
        switch self {
        case .workspaceNotFound(let path):
            return "No hotich workspace at \(path). Create one with `hotich init --office CODE`, or point to it with --workspace DIR or HOTICH_WORKSPACE."
        case .workspaceAlreadyExists(let path):
            return "There is already a workspace at \(path); it was not created again. Use another folder for a new workspace."
        case .workspaceTooNew(let path):
            return "The workspace at \(path) was made by a newer hotich; this version will not open it, to protect the data. Update hotich."
        case .workspaceUnreadable(let path):
            return "The workspace database at \(path) cannot be read. Check the permissions of hotich.sqlite or restore it from a backup."
        case .workspaceDatabaseMissing(let path):
            return "The folder \(path) holds a workspace's data (scans, a hotich.sqlite-wal journal) but no hotich.sqlite database, or an empty one. hotich neither opens nor creates a workspace there, so that nothing is lost: copy hotich.sqlite again together with hotich.sqlite-wal and hotich.sqlite-shm, or restore it from a backup."
        case .workspaceFolderOpenToOthers(let path):
            return "Anyone may write to the folder \(path); no workspace (which holds personal data) is created there. Use a new folder (hotich makes it, owner-only) or take away others' write permission: chmod o-w."
        case .workspaceBusy:
            return "The database is locked by another process beyond the waiting time. Nothing was changed; run the command again in a few minutes."
        case .diskFull:
            return "The disk is full; nothing was written. Free some space and run the command again."
        case .storageFailure(let code):
            return "The database reported an error (SQLite code \(code)); nothing was changed. Run the command again; if it persists, tell your administrator."
        case .storeDamaged(let failure):
            switch failure {
            case .missingRow(let table):
                return "The workspace is inconsistent: a row of \(table) that must exist is missing; nothing was changed. Keep a copy of the workspace folder as it is and tell your administrator."
            case .damagedRow(let table):
                return "The workspace is damaged: a row of \(table) holds what hotich never writes; nothing was changed. Keep a copy of the workspace folder as it is and tell your administrator."
            case .integrity(let problems):
                return "SQLite's integrity check found \(problems) problems in the database file. Keep a copy of the folder as it is and tell your administrator; restore from another backup."
            }
        case .fileSystemFailure(let path, let problem):
            return "Cannot read or write \(path): \(problem.english)."
        case .workspaceCreated(let path, let office, let admin):
            return "Created a workspace at \(path) for office \(office); administrator: \(admin)."

        case .invalidOfficeCode(let text):
            return "Office code \"\(text)\" is not valid: expected an administrative-unit code of 2 digits (province), 3 (district) or 5 (commune), for example --office 20245."
        case .invalidYear(let text):
            return "Year \"\(text)\" is not valid: expected the four-digit year the book was opened, 1900–2100, for example --year 2017."
        case .invalidVolume(let text):
            return "Volume \"\(text)\" is not valid: expected a number from 1 to 99, for example --volume 1."
        case .invalidUserName(let text):
            return "User name \"\(text)\" is not valid: use 1–64 letters, digits, dots, hyphens or underscores, no spaces."
        case .invalidLimit(let option, let value):
            return "The limit \(option) \(value) is not valid: give a number from 1 to 1,000,000."
        case .reasonRequired(let action):
            return "The \(action.rawValue) action needs a reason: add --reason \"TEXT\"."

        case .noActingUser:
            return "Who is running this command is not known. Use --as NAME or set HOTICH_USER."
        case .unknownUser(let name):
            return "There is no user \"\(name)\" in this workspace. An administrator adds one with `hotich user add \(name) --role ROLE`."
        case .userAlreadyExists(let name):
            return "User \"\(name)\" already exists; not added again. See `hotich user list`."
        case .permissionDenied(let user, let role, let permission):
            return "\(user) (role \(role.rawValue)) may not \(permission.englishVerb); this needs the \(permission.requiredRole.rawValue) role."
        case .userAdded(let name, let role):
            return "Added user \(name) with role \(role.rawValue)."

        case .pathNotFound(let path):
            return "\(path) does not exist. Check the path."
        case .pathNotFolderOrZip(let path):
            return "\(path) is neither a folder nor a .zip file. Name the folder (or .zip) that holds the scans of one book."
        case .zipUnreadable(let path):
            return "The archive \(path) cannot be read: it is damaged or not a ZIP file. Zip it again or receive the folder itself."
        case .zipRefused(let path, let refusal):
            return "The archive \(path) is refused: \(refusal.english). Nothing was written. Check the file with whoever sent it; if these really are large scans, raise the limit with --max-file-mb, --max-total-gb, --max-files or --max-ratio."
        case .noFilesFound(let path):
            return "\(path) holds no scan files. Check that it is the book's folder."
        case .fileVanished(let path):
            return "File \(path) disappeared or changed while the batch was being received; nothing was written. Wait until copying has finished and receive it again."
        case .fileCopyFailed(let path):
            return "File \(path) could not be copied into the workspace (disk full or no write permission); nothing was written."
        case .intakeRefused(let count):
            return "The batch was not received: \(count) file problems (listed above). Fix the files and receive again, or add --accept-issues to receive the batch with the problems recorded."
        case .batchAlreadyReceived(let id):
            return "This folder was already received as batch \(id); no second batch was created. See `hotich batch show \(id)`."
        case .batchReceived(let id, let files, let bytes, let issues):
            let tail = issues > 0 ? "; \(issues) issues recorded" : ""
            return "Received batch \(id): \(files.grouped(in: en)) files, \(bytes.grouped(in: en)) bytes\(tail)."
        case .systemFilesIgnored(let count):
            return "Ignored \(count) system \(count == 1 ? "file" : "files") (Thumbs.db, .DS_Store, desktop.ini)."
        case .intakeIssue(let issue):
            return "\(issue.path): \(issue.problem.english)"
        case .hashingProgress(let done, let total):
            return "Checking and hashing files \(done.grouped(in: en))/\(total.grouped(in: en))"

        case .batchNotFound(let id):
            return "There is no batch \(id). See `hotich batch list`."
        case .invalidBatchState(let text):
            return "There is no state \"\(text)\"; use one of: \(BatchState.allCases.map(\.rawValue).joined(separator: ", "))."
        case .transitionNotAllowed(let action, let state):
            return "Cannot \(action.englishVerb) while the batch is \(state.rawValue)."
        case .transitionDone(let id, let from, let to):
            return "Batch \(id): \(from.rawValue) → \(to.rawValue)."
        case .fixityValid(let id, let files, let oxum):
            return "Batch \(id) is complete and valid: \(files.grouped(in: en)) files match their SHA-256 (Payload-Oxum \(oxum))."
        case .fixityFailed(let id, let missing, let changed, let unlisted):
            return "Batch \(id) FAILED the fixity check: \(missing) missing, \(changed) changed, \(unlisted) unlisted files. Restore the original files from the archive and check again."
        case .fixityMissing(let path):
            return "missing: \(path)"
        case .fixityChanged(let path):
            return "changed: \(path)"
        case .fixityUnlisted(let path):
            return "unlisted: \(path)"
        case .workspaceCompacted(let before, let after):
            return "The workspace database was compacted: \((before / 1_048_576).grouped(in: en)) MB → \((after / 1_048_576).grouped(in: en)) MB; nothing in it changed."
        case .auditChainBroken(let id):
            return "The audit trail was altered or damaged from event #\(id) on. Tell your administrator at once; restore the database from a backup."
        case .nothingToShow:
            return "Nothing to show."

        case .diagnostic(let diagnostic, let kind):
            let label = diagnostic.field.map { FieldCatalog.field($0, in: kind)?.englishLabel ?? $0 } ?? "*"
            return "\(label): \(diagnostic.problem.english(kind: kind))" + (diagnostic.severity == .warning ? " (warning)" : "")
        case .policyHasNoSecondPass(let id, let policy):
            return "Batch \(id) uses the \(policy.rawValue) policy: it is keyed once, there is no pass 2."
        case .invalidPass(let pass):
            return "There is no pass \(pass); use --pass 1 or --pass 2."
        case .batchNotKeyable(let id, let state):
            switch state {
            case .onHold:
                return "Batch \(id) is on hold and cannot be keyed. A supervisor resumes it with `hotich batch release \(id)`."
            case .exporting, .exported:
                return "Batch \(id) is \(state.rawValue) and cannot be keyed again; a wrong value is corrected with `hotich record correct`."
            default:
                return "Batch \(id) is \(state.rawValue) and cannot be keyed. A supervisor can return it (or some of its records) to keying with `hotich batch return \(id) --reason REASON`."
            }
        case .nothingLeftToKey(let id, let pass):
            return "Batch \(id) has no file left for you to key in pass \(pass)."
        case .secondPassMustBeAnotherPerson:
            return "Pass 2 must be keyed by someone other than the pass 1 operator."
        case .keyingStarted(let id, let pass):
            return "Keying batch \(id), pass \(pass). Type :q to pause, ?? for codes, < to go back."
        case .keyingFile(let path, let done, let total):
            return "File \(path) (\(done + 1)/\(total))"
        case .keyingHelp:
            return "Enter = keep the proposed value · - = blank in the book · . = illegible · trailing ? = uncertain · < = back · ?? = code list · ! at the first prompt = the file is not an entry (cover, blank page…) · :q = pause"
        case .keyingPrompt(let label, let current):
            return current.map { "\(label) [\($0)]: " } ?? "\(label): "
        case .keyingCodeChoices(let text):
            return "Matching values: \(text)"
        case .keyingCodeChosen(let label):
            return "→ \(label)"
        case .keyingUnknownCode(let diagnostic, let kind):
            return Message.diagnostic(diagnostic, kind: kind).english + " (type ?? to see the list)"
        case .keyingNoCodeList(let key, let kind):
            return "\(FieldCatalog.field(key, in: kind)?.englishLabel ?? key) has no code list; type the value as the book has it"
        case .keyingRejected(let reason):
            return "Not accepted: \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason). Type it again."
        case .keyingConfirm(let warnings):
            return warnings == 0 ? "Save the record? (Enter = save, < = back, :q = pause) " : "\(warnings) warnings above. Save anyway? (Enter = save, < = back, :q = pause) "
        case .keyingMustFix(let errors):
            return "\(errors) errors must be fixed before saving; going back to the first field in error."
        case .recordSaved(let number, let path):
            return "Saved record number \(number ?? "?") (\(path))."
        case .arbitrationPaused:
            return "Paused; every answer given is stored. Run the command again to go on."
        case .reviewPaused:
            return "Paused; the record being checked was not saved and will be checked again. Run the command again to go on."
        case .keyingDone(let id):
            return "Batch \(id) is fully keyed. Next: a verifier runs `hotich verify \(id)`."
        case .nothingLeftForYou(let id, let pass, let left):
            return "Batch \(id) has \(left.grouped(in: en)) \(left == 1 ? "file" : "files") waiting for pass \(pass), none of them for you: pass 2 must be keyed by someone other than the pass-1 keyer, or another operator holds them."
        case .chooseBetween(let first, let last):
            return "Choose a number from \(first) to \(last)."
        case .batchNotArbitrable(let id, let state):
            if state == .keyed { return "Batch \(id) has not been verified yet; run `hotich verify \(id)` first." }
            return "Batch \(id) is \(state.rawValue); only a batch being verified can be arbitrated."
        case .keyingPaused:
            return "Paused; the record in progress is kept. Run the command again to continue where you stopped."
        case .keyingProgress(let records, let withoutFile, let pass1, let pass2, let drafts, let files, let notEntries):
            let unfiled = withoutFile > 0 ? " (\(withoutFile.grouped(in: en)) without a scan file)" : ""
            let second = pass2.map { ", pass 2: \($0.grouped(in: en))/\(files.grouped(in: en))" } ?? ""
            let marked = notEntries > 0 ? " · \(notEntries.grouped(in: en)) \(notEntries == 1 ? "file that is not an entry" : "files that are not entries")" : ""
            return "\(records.grouped(in: en)) records\(unfiled) · files keyed in pass 1: \(pass1.grouped(in: en))/\(files.grouped(in: en))\(second) · drafts: \(drafts.grouped(in: en))\(marked)"
        case .keyingRemaining(let pass, let numbers, let unnumbered):
            var parts: [String] = []
            if !numbers.isEmpty { parts.append("numbers " + Message.boundedList(numbers, more: { "and \($0) more" })) }
            if unnumbered > 0 {
                parts.append("\(unnumbered) \(unnumbered == 1 ? "file" : "files") whose name states no number (a cover, a blank page? `hotich batch mark-file` says so)")
            }
            return "Pass \(pass) still lacks: " + parts.joined(separator: "; ") + "."
        case .keyingHowToFinish(let id, let pass, let filesLeft, let unfiledLeft, let rejects):
            let passOption = pass == 2 ? " --pass 2" : ""
            var ways: [String] = []
            if let rejects { ways.append("correct the rejected rows in \(rejects) itself and import that file: `hotich key import \(id) \(rejects)\(passOption)`") }
            if filesLeft { ways.append("key the files left by keyboard: `hotich key \(id)\(passOption)`") }
            if unfiledLeft && rejects == nil { ways.append("numbers without a scan file can only be imported from a spreadsheet: `hotich key import \(id) FILE\(passOption)`") }
            return "To finish keying: " + ways.joined(separator: "; or ") + "."
        case .keyingSummary(let records, let seconds, let perHour):
            return "Keyed \(records) records in \(seconds / 60) min \(seconds % 60) s (\(perHour) records per hour)."
        case .claimNotYours(let path, let holder):
            return "File \(path) is being keyed by \(holder). A supervisor can free it: hotich key release BATCH \(path)."
        case .claimReleased(let path, let pass):
            return "Freed file \(path) (pass \(pass)); someone else can continue it."
        case .noClaim(let path):
            return "Nobody holds file \(path)."

        case .fileNotInBatch(let id, let path):
            return "Batch \(id) has no file \(path). See its files with `hotich batch show \(id)`."
        case .fileNotKeyable(let path):
            return "File \(path) had a problem at intake (empty, duplicate or not a scan), so it is not keyed anyway; there is nothing to mark."
        case .fileAlreadyMarked(let path, let kind):
            return "File \(path) is already marked as not an entry (\(kind.english))."
        case .fileHasRecord(let path, let number):
            return "File \(path) already has record no. \(number), so it cannot be marked as not an entry."
        case .fileNotMarked(let path):
            return "File \(path) is not marked as not an entry; there is nothing to clear."
        case .batchFilesFrozen(let id, let state):
            return "Batch \(id) is \(state.rawValue); files can be marked or cleared only before the batch is exported and while it is not on hold."
        case .invalidDate(let option, let value):
            return "\(option) \"\(TerminalText.escaped(value))\" is not a date written YEAR-MONTH-DAY from 1900 to 2100 (for example 2027-06-30)."
        case .invalidWeek(let value):
            return "Week \"\(TerminalText.escaped(value))\" does not exist or is not written YEAR-Wweek (for example 2026-W48; years 1900–2100; week 53 only in some years)."
        case .invalidPlanRecords(let records):
            return "A plan's records must be from 1 to \(ProgressPlan.maximumRecords.grouped(in: .english)), not \(records)."
        case .dueBeforeStart(let due, let start):
            return "The due date \(due.iso) is before the start \(start.iso)."
        case .periodEndsBeforeStart(let from, let to):
            return "The report's period ends (\(to.iso)) before it starts (\(from.iso))."
        case .calendarNeedsReason:
            return "A reason of at most 500 characters is needed: add --reason \"REASON\" (for example \"bridging day announced by the Ministry of Home Affairs\")."
        case .planSet(let unit, let records, let due, let revision):
            return "Plan set for \(unit): \(records.grouped(in: .english)) records verified by \(due.iso) (revision \(revision))."
        case .calendarDaySet(let day, let working):
            return "\(day.iso) counts as \(working ? "a working day" : "a day off")."
        case .calendarDayCleared(let day):
            return "\(day.iso) counts by the public-holiday calendar again."
        case .calendarDayNotSet(let day):
            return "\(day.iso) has no correction to clear."
        case .progressSummaryRebuilt(let differences):
            return differences == 0
                ? "Progress summary rebuilt: it matched the data."
                : "Progress summary rebuilt: \(differences.grouped(in: .english)) rows that differed from the data were corrected."
        case .reportWritten(let path):
            return "Report written to \(path)."
        case .searchProblem(.empty):
            return "Say what to look for: part of a name, a number (so:05), a book (quyen:01/1995), a personal ID number or a year."
        case .searchProblem(.tooLong):
            return "The search is too long: at most \(SearchQuery.maximumLength) characters and \(SearchQuery.maximumTerms) terms."
        case .searchProblem(.badTerm(let term)):
            return "\"\(TerminalText.escaped(term))\" does not read: write so:NUMBER (e.g. so:05) or quyen:VOLUME/YEAR (e.g. quyen:01/1995)."
        case .searchLimit(let limit):
            return "--limit must be from 1 to \(SearchQuery.maximumLimit), not \(limit)."
        case .recordNotFound(let id):
            return "There is no record \(TerminalText.escaped(id)). Find it with `hotich search`, or give the batch id and registration number."
        case .recordNotVisible(let id):
            return "Record \(TerminalText.escaped(id)) is in a batch you do not key; only verifiers and supervisors may see it."
        case .signature(let message):
            return message.text(in: .english)
        case .integrity(let message):
            return message.text(in: .english)
        case .identity(let message):
            return message.text(in: .english)
        case .database(let message):
            return message.text(in: .english)
        case .place(let message):
            return message.text(in: .english)
        case .searchIndexRebuilt(let differences):
            return differences == 0
                ? "Search index rebuilt: it matched the data."
                : "Search index rebuilt: \(differences.grouped(in: .english)) entries that differed from the data were corrected."
        case .planOfficeUnknown(let office):
            return "Note: this workspace has no batch of office \(office) yet; check the office code."
        case .reportDestinationNotAFile(let path):
            return "\(path) is not a regular file (a folder, a device or a link); it was not replaced. Choose another file name."
        case .nonEntryNeedsReason:
            return "A reason is needed: add --reason \"REASON\" (for example \"cover\", \"blank page\")."
        case .fileMarked(let path, let kind):
            return "File \(path) marked as \(kind.english), not an entry. It is not keyed and is listed in the book's provenance on export."
        case .fileMarkCleared(let path):
            return "Mark cleared on file \(path): it will be keyed like any other entry."
        case .keyingNotAnEntryKindPrompt:
            return "Not an entry? Choose: " + NonEntryKind.allCases.enumerated().map { "\($0.offset + 1) = \($0.element.english)" }.joined(separator: " · ") + " (Enter = back to keying): "
        case .keyingNotAnEntryReasonPrompt:
            return "Reason (for example \"cover\"): "
        case .nonEntryKind(let kind):
            return kind.english

        case .importNotUTF8(let path):
            return "\(path) is not UTF-8 (perhaps a legacy TCVN3/VNI encoding). Open it in Excel and save as \"CSV UTF-8\", or convert it to Unicode, then import again."
        case .importUnreadable(let path):
            return "\(path) cannot be read: damaged, or not CSV/XLSX."
        case .importUnknownFormat(let path):
            return "\(path) is not recognised: expected a .csv or .xlsx file."
        case .importUnknownColumns(let columns):
            return "Columns not in this register kind's template: \(Message.boundedList(columns.map(Message.columnName), more: { "and \($0) more" })). Use the Ministry's field names (for example nksHoTen) or the labels printed on the register."
        case .importMissingColumns(let columns):
            return "Required columns are missing: \(columns.joined(separator: ", "))."
        case .importDuplicateColumn(let column):
            return "Column \(Message.columnName(column)) appears twice in the header row."
        case .importNoHeader(let path):
            return "\(path) has no header row: no cell of its first row names a column of the template (the Ministry's field names such as nksHoTen, or the labels printed on the register). Add a header row and import again."
        case .importRowProblem(let row, let diagnostic, let kind):
            return "row \(row), column \(diagnostic.field ?? "*"): \(Message.diagnostic(diagnostic, kind: kind).english)"
        case .importRowDuplicateNumber(let row, let number, let first):
            return "row \(row), column so: number \(number) already on row \(first) of the file"
        case .importRowBeingKeyed(let row):
            return "row \(row): this entry is being keyed interactively; wait until it is saved or ask a supervisor to free it"
        case .importRowExtraCells(let row, let count):
            return "row \(row): \(count.grouped(in: en)) \(count == 1 ? "cell" : "cells") beyond the header's columns; correct or remove them and import again"
        case .adoptNameNotBundle(let path):
            return "The name of \(path) does not say which book it holds: name it as the Ministry's systems do, PLACE.KIND.YEAR.VOLUME.xlsx (for example xalocthuan_hbd_tbt.KS.2017.01.xlsx: births, book opened in 2017, volume 01), and adopt it again."
        case .adoptDone(let batchID, let rows, let scans, let withoutScan, let withoutRow):
            return "Adopted as batch \(batchID): \(rows.grouped(in: en)) \(rows == 1 ? "entry" : "entries") (pass 1), \(scans.grouped(in: en)) \(scans == 1 ? "scan" : "scans"); \(withoutScan.grouped(in: en)) without a scan, \(withoutRow.grouped(in: en)) \(withoutRow == 1 ? "scan" : "scans") without a row (listed as the batch's issues). Verify it next: hotich verify \(batchID) (policy review or sample)."
        case .importRowNumberLostZeros(let row, let column):
            return "row \(row): \(column) is stored as a number in the workbook, so any zero it began with is lost; format the column as text, type the value as written in the book and import again"
        case .importRowsAboveHeader(let count):
            return "\(count.grouped(in: en)) \(count == 1 ? "row" : "rows") above the header row (a title, a heading) \(count == 1 ? "was" : "were") not read as entries."
        case .importCellOutOfRange(let path, let row):
            return "\(path) has a cell or row beyond a workbook's limits (column XFD, row 1,048,576) at row \(row); the file is damaged or not made by Excel. Open it in Excel and save it again."
        case .importBadSharedString(let path, let row):
            return "\(path) has a cell naming a shared string the workbook does not have, at row \(row); the file is damaged. Open it in Excel and save it again."
        case .importRowTooLarge(let path, let row):
            return "\(path) has a row \(row) too large (over 16,384 cells, or a cell over 1 MiB); no register has one. Check the file."
        case .importTooLarge(let path, let limit):
            return "\(path) declares or unpacks to more than \(limit.grouped(in: en)) MiB; it is not read further. Check the file (it may be a hostile archive)."
        case .importRowSamePerson(let row):
            return "row \(row): pass 2 must be keyed by someone other than the pass 1 operator"
        case .importRefused(let rejected, let read):
            return "Nothing was imported: \(rejected) of \(read) rows have problems (listed above). Fix the file and import again, or add --partial to import the good rows and write the rejected ones to a file."
        case .importSummary(let read, let imported, let rejected, let present):
            return "Read \(read.grouped(in: en)) rows: \(imported.grouped(in: en)) imported, \(rejected.grouped(in: en)) rejected, \(present.grouped(in: en)) already present."
        case .importRejectsIsSource(let path):
            return "The reject file \(path) is the file being imported; it is not overwritten. Choose another with --rejects."
        case .importRejectsWouldOverwrite(let path):
            return "\(path) exists and is not a reject file hotich wrote; it is not overwritten. Choose another with --rejects."
        case .importRejectFile(let path):
            return "Rejected rows are listed in \(path)."
        case .importSeenBefore(let at, let by):
            return "This file was imported before, at \(at) by \(by); only rows not yet present are imported."

        case .batchNotVerifiable(let id, let state):
            return "Batch \(id) is \(state.rawValue); only a keyed batch (or one being verified) can be verified."
        case .verificationProgress(let id, let records, let verified, let conflicts, let doubts, let errors, let warnings, let duplicates):
            let doubtful = doubts > 0 ? "; uncertain values to confirm: \(doubts)" : ""
            return "Batch \(id): \(verified.grouped(in: en))/\(records.grouped(in: en)) records verified; conflicts open: \(conflicts)\(doubtful); errors to correct: \(errors); warnings unacknowledged: \(warnings); possible duplicates undecided: \(duplicates)."
        case .verificationNewlySettled(let verified, let conflicts, let doubts):
            let doubtful = doubts > 0 ? "; uncertain values to confirm against the image: \(doubts.grouped(in: en))" : ""
            return "This run: \(verified.grouped(in: en)) records agreed between passes or were fully arbitrated; \(conflicts.grouped(in: en)) new conflicts\(doubtful)."
        case .batchVerified(let id):
            return "Batch \(id) is verified and ready for export."
        case .verifyNextArbitrate(let id):
            return "Next: a verifier who did not key it compares with the image: `hotich arbitrate \(id)`."
        case .verifyNextReview(let id):
            return "Next: a verifier reviews each record against the image: `hotich review \(id)`."
        case .verifyNextSample(let id):
            return "Next: draw a sample with `hotich qa sample \(id) --aql 1.0`, then check it with `hotich review \(id)`."
        case .verifyNextDuplicates(let id):
            return "Next: a supervisor decides the possible duplicates: `hotich duplicates \(id)`."
        case .verifyNextAcknowledge(let id):
            return "Next: a verifier acknowledges the warnings with a reason: `hotich arbitrate \(id)`."
        case .finding(let detail, let kind):
            return Message.findingText(detail, kind: kind, in: en)
        case .findingKind(let code):
            return Message.findingKindText(code, in: en)
        case .decisionNotFound(let id):
            return "There is no conflict number \(id). The open ones are shown by `hotich arbitrate BATCH`."
        case .decisionAlreadyMade(let id):
            return "Conflict \(id) is already decided; it is not overwritten."
        case .arbiterKeyedRecord(let user):
            return "\(user) keyed this record and so may not arbitrate or review it; another verifier must."
        case .acknowledgementNeedsReason:
            return "Acknowledging a warning needs a reason (for example \"the book says so\")."
        case .findingNotFound(let id):
            return "There is no warning number \(id). See the warnings (column No.) with `hotich batch show BATCH`."
        case .arbitrationField(let number, let label, let path):
            return "Record no. \(number ?? "?") — \(label)" + (path.map { " (\($0))" } ?? "")
        case .arbitrationPass(let pass, let value, let keyer):
            return "  \(pass) = \(value)" + (keyer.map { "   [pass \(pass): \($0)]" } ?? "")
        case .arbitrationCurrent(let value):
            return "  current value: \(value)"
        case .arbitrationProblem(let text):
            return "  error: \(text)"
        case .arbitrationDoubt:
            return "  both passes read the same value, marked uncertain: confirm it against the image (1 = as in the image, or type the value you read)"
        case .arbitrationPrompt:
            return "Choose 1 or 2, or type the value read from the image: "
        case .arbitrationHelp:
            return "1/2 = take that pass's value · type a value = as read from the image (- blank, . illegible, end with ? if unsure) · Enter = later · :q = pause"
        case .arbitrationSkippedOwn(let count):
            return "\(count) conflicts belong to records you keyed; another verifier must decide them."
        case .arbitrationSummary(let decided, let acknowledged):
            return "Decided \(decided) fields, acknowledged \(acknowledged) warnings."
        case .warningShown(let number, let text):
            return "Warning" + (number.map { " — record no. \($0)" } ?? "") + ": \(text)"
        case .warningPrompt:
            return "Checked against the image? Type a reason to acknowledge (Enter = later): "
        case .valueState(let state):
            switch state {
            case "blank": return "(blank in the book)"
            case "illegible": return "(illegible)"
            case "filled": return "filled"
            case "uncertain": return "uncertain"
            default: return "(none)"
            }

        case .policyIsNotSample(let id, let policy):
            return "Batch \(id) is verified by \(policy.rawValue), not by sampling."
        case .policyHasNoReview(let id):
            return "Batch \(id) is double-keyed; its conflicts are settled with `hotich arbitrate \(id)`, not by review."
        case .sampleAlreadyDrawn(let id, let at):
            return "Batch \(id) has a sample drawn at \(at) that is not fully checked; continue with `hotich review \(id)`."
        case .noSampleDrawn(let id):
            return "Batch \(id) has no sample to check; draw one with `hotich qa sample \(id) --aql 1.0`."
        case .invalidAQL(let text):
            return "AQL \"\(text)\" is not one of the ISO 2859-1 values used here; choose one of: \(SamplingPlan.AQL.allCases.map(\.rawValue).joined(separator: ", "))."
        case .sampleDrawn(let id, let aql, let lot, let letter, let size, let acceptance, let seed):
            return "Batch \(id): lot of \(lot.grouped(in: en)) records, AQL \(aql), inspection level II, code letter \(letter): check \(size) records; accept with at most \(acceptance) defective, reject from \(acceptance + 1). Random seed \(seed) (use --seed \(seed) to draw this sample again)."
        case .reviewPrompt:
            return "As in the image? Enter = confirm and save · a field's number = correct that field · :q = pause: "
        case .reviewAlreadyDone:
            return "This record has already been checked."
        case .reviewRecord(let number, let path, let done, let total):
            return "Checking record no. \(number ?? "?") (\(done + 1)/\(total))" + (path.map { " — \($0)" } ?? "")
        case .reviewHelp:
            return "Enter = as in the image · type a new value to correct (- blank, . illegible, end with ? if unsure) · < = back · :q = pause"
        case .reviewConfirmDoubt(let label, let value):
            return "\(label) was keyed as uncertain: \(value)? — Enter = \(value) as in the image, or type the value you read (end with ? if still unsure): "
        case .reviewSaved(let corrections):
            return corrections == 0 ? "Record confirmed." : "Record saved with \(corrections) corrected fields."
        case .lotAccepted(let defective, let acceptance):
            return "The sample has \(defective) defective records (at most \(acceptance) allowed): the lot is accepted and every record is verified."
        case .lotRejected(let id, let defective, let acceptance):
            return "The sample has \(defective) defective records (at most \(acceptance) allowed): batch \(id) is rejected, the defective records go back to keying, and the whole batch will be reviewed."
        case .nothingLeftToReview(let id):
            return "Nothing is left in batch \(id) for you to check."

        case .duplicateFlagNotFound(let id):
            return "There is no possible duplicate number \(id). List them with `hotich duplicates BATCH`."
        case .duplicateDecided(let flag, let duplicate):
            return "Possible duplicate \(flag): " + (duplicate ? "decided to be a duplicate." : "decided not to be a duplicate.")
        case .duplicateBasis(let basis):
            switch basis {
            case "personal-id": return "same personal ID number"
            case "name-dates": return "same name, birth date and parents"
            default: return basis
            }
        case .duplicateConclusion(let duplicate):
            return duplicate ? "duplicate" : "distinct"
        case .yesNo(let yes):
            return yes ? "yes" : "no"
        case .auditAction(let action):
            return action.english
        case .recordNumberNotInBatch(let id, let number):
            return "Batch \(id) has no record number \(number)."
        case .recordsReturned(let id, let count):
            return "Batch \(id) is back in keying; \(count) records are to be keyed again."

        case .policyChanged(let id, let from, let to):
            return "Batch \(id): verification policy \(from.rawValue) → \(to.rawValue)."
        case .policyChangeTooLate(let id, let state):
            return "Batch \(id) has started keying (it is \(state.rawValue)); its verification policy can change only before keying starts."
        case .receiptInvalid(let path, let problems):
            return "The receipt \(path) is not valid; nothing was recorded: \(problems)"
        case .receiptUnknownPackage(let id):
            return "The receipt is for package \(id), but this workspace has no completed export package of that id."
        case .receiptApplied(let id, let accepted, let rejected, let unknown):
            return "Package \(id): \(accepted.grouped(in: en)) records accepted, \(rejected.grouped(in: en)) rejected (listed above, queued for correction and re-export)" + (unknown > 0 ? ", \(unknown) results matching no record of the package." : ".")
        case .exportStatus(let exported, let accepted, let rejected, let awaiting):
            return "Exported records: \(exported.grouped(in: en)) — accepted \(accepted.grouped(in: en)), rejected \(rejected.grouped(in: en)), awaiting a receipt \(awaiting.grouped(in: en))."
        case .recordNotExported(let id, let number):
            return "Record number \(number) of batch \(id) has not been exported (or is withdrawn); before export, correct it through arbitration or by returning it to keying."
        case .correctionNeedsReason:
            return "Correcting or withdrawing an exported record needs a reason: add --reason \"REASON\"."
        case .recordCorrected(let number, let version):
            return "Corrected record number \(number): version \(version), to be sent in the next correction package (`hotich export corrections`)."
        case .recordWithdrawn(let number):
            return "Withdrew record number \(number); the withdrawal goes out in the next correction package."
        case .exportProgress(let done, let total):
            return "Exporting \(done.grouped(in: en))/\(total.grouped(in: en)) records"
        case .validateProgress(let done, let total):
            return "Validating \(done.grouped(in: en))/\(total.grouped(in: en)) MB"
        case .batchNotExportable(let id, let state):
            return "Batch \(id) is \(state.rawValue); only verified batches can be exported."
        case .batchAlreadyExported(let id):
            return "Batch \(id) is already exported; nothing new is written (add --again for a new package)."
        case .exportNothingToDo:
            return "There is no batch to export."
        case .ministryScansRefused(let scans):
            let listed = scans.prefix(10).map { "\($0.path) (\($0.reason.english))" }.joined(separator: "; ")
            let more = scans.count > 10 ? "; and \(scans.count - 10) more" : ""
            return "\(scans.count) \(scans.count == 1 ? "scan cannot" : "scans cannot") go into the Ministry's zip as PDFs without re-encoding them: \(listed)\(more). Convert them to PDF with the scanner's software, receive the book again, and export it; nothing was written."
        case .ministryTemplate(let path, let kind, let problem):
            switch problem {
            case .unknownColumns(let names):
                return "The template \(path) has columns that are no field of \(kind.english.lowercased()) records: \(names.joined(separator: ", ")). Use the Ministry's field names (for example nksHoTen) or the register's labels."
            case .missingColumns(let keys):
                return "The template \(path) has no column for these required fields of \(kind.english.lowercased()) records: \(keys.joined(separator: ", "))."
            case .duplicateColumn(let key):
                return "The template \(path) names the field \(key) in two columns."
            }
        case .ministryExportDone(let path, let books, let records, let scans):
            return "Exported \(books.grouped(in: en)) \(books == 1 ? "book" : "books") in the Ministry's form — \(records.grouped(in: en)) \(records == 1 ? "entry" : "entries") in spreadsheets, \(scans.grouped(in: en)) PDFs in zips — each read back and hashed into the manifest: \(path)"
        case .ministryFile(let name, let records, let scans):
            return scans ? "\(name): \(records.grouped(in: en)) PDFs" : "\(name): \(records.grouped(in: en)) \(records == 1 ? "row" : "rows")"
        case .ministryTemplateUnreadable(let path):
            return "The template \(path) cannot be read: give a spreadsheet (.xlsx) or CSV whose first row holds the column headers."
        case .exportFailed(let stage, let detail):
            return "The export failed at \(stage): \(detail). No file is named as finished and no record is marked exported; fix the cause and run the command again."
        case .exportFileSystemFailure(let path, let problem):
            return "The export failed writing \(path): \(problem.english). No file was named as finished and no record marked exported; fix the cause and run the command again."
        case .exportDone(let path, let files, let records):
            return "Exported \(records.grouped(in: en)) records in \(files) file\(files == 1 ? "" : "s"), validated against the schema and hashed: \(path)"
        case .exportResumed(let id):
            return "Completed package \(id) of an earlier export that was interrupted (its files are complete and valid)."
        case .exportInProgress(let id, let package):
            return "Batch \(id) is being written into package \(package) by another export; it is not exported twice at once. Wait for that export to finish, then see `hotich status`."
        case .exportPackageBusy(let package):
            return "Package \(package) is held by another process; run the command again."
        case .exportCorrectionsRunning:
            return "Another corrections export is running; two are not run at once. Wait for it to finish and run again if anything is left to send."
        case .exportFolderMissing(let path):
            return "There is no folder \(path) to write the package into. Create it first or choose another."
        case .validateValid(let path, let document, let items):
            return "\(path): valid (\(document), \(items.grouped(in: en)) items)."
        case .validateInvalid(let path, let problems):
            return "\(path): NOT valid, \(problems.grouped(in: en)) problems (listed above)."
        case .validateProblem(let line, let message):
            return "line \(line): \(message)"
        case .validateUnreadable(let path):
            return "\(path) cannot be read."

        case .demoStart(let path):
            return "Running the whole line on bundled sample data, in a throw-away workspace at \(path)."
        case .demoStep(let step):
            return "▸ " + Self.demoStep(step, in: .english)
        case .batchFiles(let files, let bytes, let oxum):
            return "\(files.grouped(in: en)) \(files == 1 ? "file" : "files") · \(bytes.grouped(in: en)) \(bytes == 1 ? "byte" : "bytes") · Payload-Oxum \(oxum)"
        case .demoDone(let path):
            return "Done. The sample workspace stays at \(path) for a closer look (hotich status --workspace \(path) --as giamsat: a throw-away workspace, which believes the name given)."

        case .label(let label):
            return label.english
        case .state(let state):
            return state.rawValue
        case .role(let role):
            return role.rawValue
        case .kind(let kind):
            return kind.english
        case .policy(let policy):
            return policy.rawValue
        }
    }
}

extension IntakeIssue.Problem {
    var english: String {
        switch self {
        case .empty: "empty file (0 bytes)"
        case .unreadable: "the file cannot be read (permissions or disk error)"
        case .unknownType: "the content is not PDF, JPEG, PNG or TIFF"
        case .duplicateContent(let other): "same content as \(other) in this batch"
        case .alreadyReceived(let batch): "the same content was already received in batch \(batch)"
        case .nameContradicts(let field, let inName, let expected):
            "the name says \(field.rawValue) \(inName) but the batch is \(expected)"
        case .nameDateImpossible(let text): "the registration date in the name (\(text)) does not exist"
        case .symbolicLink: "a symbolic link: not followed (it could reach outside the batch), so the scan it points to is not received"
        case .scanWithoutRow: "no row of the spreadsheet holds the entry this scan's name states"
        case .rowWithoutScan(let number): "no scan was found for entry \(number) of this row"
        case .nameNotConventional(let defect):
            "the name does not follow KIND.YEAR.VOLUME.yyyy-mm-dd.NUMBER.pdf (for example KS.2017.01.2017-02-03.05.pdf): \(defect.english); no number or date is taken from it"
        case .nameDateOutsideBook(let date, let year):
            "the registration date in the name (\(date)) is not in the book opened in \(year) (or the year after)"
        }
    }
}

extension ZipRefusal {
    var english: String {
        switch self {
        case .tooManyEntries(let limit): "it holds more than \(limit.grouped(in: .english)) entries"
        case .fileTooLarge(let entry, let limit): "file \(entry) declares more than \(limit.grouped(in: .english)) MiB"
        case .totalTooLarge(let limit): "its files together declare more than \(limit.grouped(in: .english)) GiB"
        case .ratioTooHigh(let entry, let ratio, let limit):
            "file \(entry) unpacks to \(ratio.grouped(in: .english)) times its compressed size (at most \(limit)) — the sign of a hostile archive"
        case .grewPastDeclared(let entry): "file \(entry) unpacks to more than it declared — a damaged or hostile archive"
        case .unsafeEntry(let entry): "entry \(entry) is named to land outside the batch's folder (../ or an absolute path)"
        }
    }
}

extension ScanFileName.Defect {
    var english: String {
        switch self {
        case .pattern: "it is not five parts and an extension separated by dots"
        case .separators: "its parts are separated by underscores or spaces instead of dots"
        case .kind(let text): "the kind \"\(text)\" is not KS, KT, KH, HN or CMC"
        case .year(let text): "the year opened \"\(text)\" is not four digits"
        case .volume(let text): "the volume \"\(text)\" is not one to three digits"
        case .dateOrder(let text): "the date \"\(text)\" is written day first; it must be year-month-day (yyyy-mm-dd)"
        case .month(let text): "the date \"\(text)\" has a month outside 01–12"
        case .day(let text): "the date \"\(text)\" has a day outside 01–31"
        case .dateShape(let text): "the date \"\(text)\" is not yyyy-mm-dd"
        case .number(let text): "the number \"\(text)\" holds something other than digits (write null when the book has none)"
        }
    }
}

extension ScanRefusal {
    var english: String {
        switch self {
        case .tiff: "a TIFF"
        case .pngWithTransparency: "a PNG with transparency"
        case .pngInterlaced: "an interlaced PNG"
        case .damagedImage: "an image that cannot be read"
        }
    }
}

extension FileSystemProblem {
    var english: String {
        switch self {
        case .diskFull: "the disk is full; free some space and run the command again"
        case .noPermission: "access is denied; ask the administrator for access or choose another place"
        case .notFound: "it does not exist (or was deleted or moved); check the path"
        case .readOnly: "it is on a read-only volume; choose another place"
        case .other: "the system reported a read or write error; check the disk or network share and run the command again"
        }
    }
}

extension NonEntryKind {
    var english: String {
        switch self {
        case .cover: "cover"
        case .blank: "blank page"
        case .index: "index"
        case .cancelled: "cancelled entry"
        case .other: "other"
        }
    }
}

extension Permission {
    var englishVerb: String {
        switch self {
        case .manageUsers: "manage users"
        case .maintainWorkspace: "maintain the workspace database"
        case .receiveBatch: "receive scan batches"
        case .adoptBooks: "take in books keyed in earlier rounds"
        case .changeBatchState: "return, hold or release batches"
        case .changePolicy: "change how a batch is verified"
        case .markFiles: "mark scan files as not entries, or clear such marks"
        case .releaseClaims: "free files held by operators"
        case .keyRecords: "key records"
        case .arbitrate: "arbitrate conflicts against the image"
        case .review: "review records against the image"
        case .verify: "verify batches"
        case .drawSample: "draw acceptance samples"
        case .correctRecords: "correct or withdraw exported records"
        case .recordReceipts: "record receipts from the central system"
        case .decideDuplicates: "decide on possible duplicates"
        case .export: "export records"
        case .viewWork: "view work"
        case .planWork: "set plans and the working calendar"
        case .viewTeamFigures: "see other people's figures"
        case .rebuildSummaries: "rebuild the progress summary"
        }
    }
}

extension BatchAction {
    var englishVerb: String {
        switch self {
        case .startKeying: "start keying"
        case .finishKeying: "finish keying"
        case .startVerification: "start verification"
        case .finishVerification: "finish verification"
        case .reopenVerification: "reopen verification"
        case .startExport: "start the export"
        case .finishExport: "finish the export"
        case .abortExport: "abort the export"
        case .returnToKeying: "return the batch to keying"
        case .hold: "put the batch on hold"
        case .release: "release the batch"
        }
    }
}

extension RecordKind {
    var english: String {
        switch self {
        case .birth: "Birth"
        case .death: "Death"
        case .marriage: "Marriage"
        case .maritalStatus: "Marital-status confirmation"
        case .parentChild: "Parent-child recognition"
        }
    }
}

extension Message.Label {
    var english: String {
        switch self {
        case .batch: "Batch"
        case .kind: "Kind"
        case .office: "Office"
        case .year: "Year"
        case .volume: "Volume"
        case .policy: "Policy"
        case .state: "State"
        case .files: "Files"
        case .bytes: "Bytes"
        case .issues: "Issues"
        case .receivedAt: "Received"
        case .receivedBy: "Received by"
        case .source: "Source"
        case .oxum: "Payload-Oxum"
        case .name: "Name"
        case .role: "Role"
        case .createdAt: "Created"
        case .login: "Account"
        case .passphrase: "Passphrase"
        case .time: "Time"
        case .actor: "Actor"
        case .action: "Action"
        case .from: "From"
        case .to: "To"
        case .reason: "Reason"
        case .path: "File"
        case .format: "Format"
        case .sha256: "SHA-256"
        case .problem: "Problem"
        case .batches: "Batches"
        case .registrationDate: "Registered"
        case .number: "Number"
        case .book: "Book"
        case .history: "History"
        case .fixity: "Fixity"
        case .keying: "Keying"
        case .verification: "Verification"
        case .verified: "Verified"
        case .conflicts: "Conflicts"
        case .corrections: "To correct"
        case .errors: "Errors"
        case .warnings: "Warnings"
        case .duplicates: "Possible duplicates"
        case .id: "No."
        case .record: "Record no."
        case .otherRecord: "Matches"
        case .basis: "Basis"
        case .reregistration: "Re-registration"
        case .decision: "Decision"
        case .finding: "Finding"
        case .severity: "Severity"
        case .sample: "Sample"
        case .errorsPerThousand: "Errors per 1,000 fields"
        case .code: "Code"
        case .records: "Records"
        case .typedFromImage: "Typed from image"
        case .notEntries: "Files that are not entries"
        case .pageKind: "What it is"
        case .rejectedRow: "Row in the source"
        case .rejectedBecause: "Rejected because"
        case .recordId: "Record id"
        case .subject: "Subject"
        }
    }
}

extension Diagnostic.Problem {
    func english(kind: RecordKind) -> String {
        switch self {
        case .missingRequired: "required but missing (type - if the book leaves it blank)"
        case .tooLong(let max): "longer than \(max) characters"
        case .forbiddenCharacters: "contains control characters or broken characters"
        case .notADate: "not a date (dd.mm.yyyy, mm.yyyy or yyyy)"
        case .impossibleDate: "a day that does not exist; kept as written"
        case .notATime: "not a time (hh:mm)"
        case .unknownCode(let list): "not in its code list" + Diagnostic.Problem.choices(of: list, in: .english)
        case .notAPersonalID: "a personal ID number has exactly 12 digits"
        case .personalIDSexMismatch: "the personal ID number does not match the sex"
        case .personalIDYearMismatch(let year): "the personal ID number encodes birth year \(year), not the date of birth"
        case .documentNumberShape: "not a valid document number"
        case .registrationNumberShape: "a registration number is digits, optionally /year"
        case .volumeShape: "a volume is written QQ/YYYY"
        case .pageShape: "a page number is digits"
        case .unknownField: "not a field of this template"
        case .registeredBeforeEvent(let event): "registered before the \((FieldCatalog.field(event, in: kind)?.englishLabel ?? event).lowercased())"
        case .parentNotBornBeforeChild: "the parent is not born before the child"
        case .underMarriageAge(let age, let minimum): "\(age) years old at registration, under the marriage age of \(minimum)"
        case .deathBeforeBirth: "death before birth"
        case .registrationYearOutsideBook(let year): "registration year outside the book opened in \(year)"
        }
    }
}

extension AuditAction {
    var english: String {
        switch self {
        case .initialize: "create the workspace"
        case .userAdd: "add a user"
        case .compact: "compact the database"
        case .receive: "receive a batch"
        case .checkFiles: "check files"
        case .transition(let action): action.englishVerb
        case .policyChanged: "change the policy"
        case .fileNotAnEntry: "mark a file not an entry"
        case .fileEntryAgain: "clear a file's mark"
        case .releaseClaim: "free a held file"
        case .key: "key a record"
        case .importFile: "import a spreadsheet"
        case .adopt: "adopt a Ministry spreadsheet"
        case .verify: "run verification"
        case .recordVerified: "verify a record"
        case .recordReopened: "reopen a record"
        case .recordReturned: "return a record for keying"
        case .recordReviewed: "review a record"
        case .fieldDecided: "decide a field"
        case .warningAcknowledged: "acknowledge a warning"
        case .duplicateDecided: "decide a possible duplicate"
        case .sampleDrawn: "draw a sample"
        case .sampleRecordChecked: "check a sampled record"
        case .sampleAccepted: "accept a lot by its sample"
        case .exportAgain: "export again"
        case .exportCorrections: "export corrections"
        case .receipt: "record a receipt"
        case .recordCorrected: "correct an exported record"
        case .recordWithdrawn: "withdraw an exported record"
        case .planSet: "set a plan"
        case .calendarSet: "set a working day or day off"
        case .calendarCleared: "clear a working day or day off"
        case .progressRebuilt: "rebuild the progress summary"
        case .search: "search"
        case .recordViewed: "view a record's story"
        case .searchIndexRebuilt: "rebuild the search index"
        case .contentSealed: "seal content"
        case .backup: "back up"
        case .restore: "restore from a backup"
        case .storeGrant: "grant the application database role"
        case .storeCopy: "copy a district's workspace into this database"
        case .userLogin: "bind an operating-system account"
        case .userPassphrase: "set a passphrase"
        case .other(let text): text
        }
    }
}
