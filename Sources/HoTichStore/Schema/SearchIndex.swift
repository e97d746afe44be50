/// The full-text index of the names in records, for `hotich search`: an FTS5 table with one column
/// per role (subject, mother, father, spouse, requester), so that a name is matched within one
/// person and never across two, holding no copy of the text (`content=''`).
///
/// Folding: SQLite's `unicode61` tokenizer with `remove_diacritics 2` takes away tones and
/// diacritics and folds case, keeping each Vietnamese syllable a token; `đ` and `Đ` have no
/// decomposition, so the triggers write them as `d` first. The query side folds the same way
/// (`VietnameseText.folded`). Triggers keep the index in the same transaction as every change to
/// a record's values (arbitration, corrections); `fill` computes what it
/// should hold, and the store compares the two term by term. A new record is indexed by the store
/// itself (`recordInserted`), as it counts it in the progress summary.
///
/// The triggers were created by migration v11 and are part of what it means; a change to them is
/// a new migration.
enum SearchIndex {
    /// One column per role, and `whole`: each person's whole name as one token (`nguyen_van_an`),
    /// so that a whole name is looked up by one short list instead of intersecting the long lists of
    /// common syllables ("nguyen", "van").
    static let columns = ["subject", "mother", "father", "spouse", "requester", "whole"]
    static let roleColumns = Array(columns.prefix(5))

    /// The table's definition (the tokenizer keeps `_`, which joins a whole name into one token).
    static func create(_ table: String) -> String {
        "CREATE VIRTUAL TABLE \(table) USING fts5(\(columns.joined(separator: ", ")), "
            + "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\", content = '')"
    }

    /// A name as one token: its words joined by `_`.
    static func wholeName(_ name: String) -> String {
        "replace(replace(replace(trim(\(name)), '  ', ' '), '  ', ' '), ' ', '_')"
    }

    /// A name field's stored value as indexed text: the value without its marker (`=` filled, `?`
    /// uncertain; a blank `-` or illegible `.` gives nothing), `đ` written `d`.
    static func name(_ fields: String, _ path: String) -> String {
        "replace(replace(substr(json_extract(\(fields), \(path)), 2), 'Đ', 'D'), 'đ', 'd')"
    }

    /// The five columns of the record row `r`.
    static func values(_ r: String) -> [String] {
        let subjectPath = """
            CASE \(r).kind WHEN 'KS' THEN '$.nksHoTen' WHEN 'KT' THEN '$.nktHoTen' WHEN 'KH' THEN '$.chongHoTen'
            WHEN 'HN' THEN '$.nxnHoTen' ELSE '$.ncHoTen' END
            """
        let names = [
            name("\(r).fields", subjectPath),
            name("\(r).fields", "'$.meHoTen'"),
            "COALESCE(\(name("\(r).fields", "'$.chaHoTen'")), \(name("\(r).fields", "'$.cmHoTen'")))",
            name("\(r).fields", "'$.voHoTen'"),
            name("\(r).fields", "'$.nycHoTen'"),
        ]
        let whole = names.map { "IFNULL(\(wholeName($0)), '')" }.joined(separator: " || ' ' || ")
        return names + ["trim(\(whole))"]
    }

    static var schemaSQL: String {
        let list = columns.joined(separator: ", ")
        return """
            \(create("recordName"));
            CREATE TRIGGER search_record_changed AFTER UPDATE OF fields, kind ON record
            WHEN OLD.fields IS NOT NEW.fields OR OLD.kind IS NOT NEW.kind BEGIN
                INSERT INTO recordName (recordName, rowid, \(list)) VALUES ('delete', OLD.rowid, \(values("OLD").joined(separator: ", ")));
                INSERT INTO recordName (rowid, \(list)) VALUES (NEW.rowid, \(values("NEW").joined(separator: ", ")));
            END;
            CREATE TRIGGER search_record_deleted AFTER DELETE ON record BEGIN
                INSERT INTO recordName (recordName, rowid, \(list)) VALUES ('delete', OLD.rowid, \(values("OLD").joined(separator: ", ")));
            END;
            """
    }

    /// Indexes the record whose id is the argument, just inserted (the store runs it after every
    /// single insert; the bulk writer indexes its records at once; no trigger on insert, for the
    /// import's sake, as with the progress summary).
    static var recordInserted: String {
        "INSERT INTO recordName (rowid, \(columns.joined(separator: ", "))) SELECT NEW.rowid, \(values("NEW").joined(separator: ", ")) "
            + "FROM record AS NEW WHERE NEW.id = ?"
    }

    /// Fills `table` (an FTS5 table of the same columns) from the records.
    static func fill(_ table: String) -> String {
        "INSERT INTO \(table) (rowid, \(columns.joined(separator: ", "))) SELECT r.rowid, \(values("r").joined(separator: ", ")) FROM record r"
    }
}
