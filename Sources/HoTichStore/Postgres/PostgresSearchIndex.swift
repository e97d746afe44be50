import HoTichModel

/// The name index of `hotich search` on PostgreSQL: one row per record with the folded words of
/// every person's name (`words`) and each person's whole name as one token (`wholes`,
/// `nguyen_van_an`), both text arrays under GIN indexes, kept by a trigger on every insert and
/// change of a record's values.
///
/// It answers what SQLite's FTS5 index (``SearchIndex``) answers: a record where every word of the
/// query is a word of some name, or where someone bears the whole name. Folding is SQLite's
/// `unicode61 remove_diacritics 2` with `đ` as `d`: the function `hotich_fold` translates every
/// Latin letter with diacritics to its base letter (the table is made from
/// ``VietnameseText/folded(_:)`` when the migration is written) and lowers the case.
enum PostgresSearchIndex {
    /// Every letter with a diacritic of Latin-1, Latin Extended-A and B and Latin Extended
    /// Additional (where Vietnamese letters live), and the letter it folds to.
    static let foldPairs: (from: String, to: String) = {
        var from = String.UnicodeScalarView()
        var to = String.UnicodeScalarView()
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let folded = VietnameseText.folded(String(Character(scalar))).unicodeScalars
                guard folded.count == 1, let base = folded.first, base.isASCII, (0x61...0x7A).contains(base.value) else { continue }
                from.append(scalar)
                to.append(base)
            }
        }
        return (String(from), String(to))
    }()

    static var foldBody: String {
        "\nSELECT lower(translate(\"text\", '\(foldPairs.from)', '\(foldPairs.to)'))\n"
    }

    /// A name field's stored value (`f` being the fields as JSON) as indexed text: the value
    /// without its marker, folded.
    static func name(_ key: String) -> String {
        #""hotich_fold"(substr(f ->> \#(key), 2))"#
    }

    static var subjectKey: String {
        "(CASE NEW.\"kind\" " + RecordKind.allCases.map { "WHEN '\($0.code)' THEN '\(FieldCatalog.subjectNameKey(for: $0))'" }.joined(separator: " ")
            + " END)"
    }

    /// The five names of the record `NEW` (subject, mother, father, spouse, requester).
    static var names: [String] {
        [name(subjectKey), name("'meHoTen'"), "COALESCE(NULLIF(\(name("'chaHoTen'")), ''), \(name("'cmHoTen'")))", name("'voHoTen'"),
         name("'nycHoTen'")]
    }

    /// Reads the values once, splits each name once: every word, and each name's words joined by `_`.
    static var indexBody: String {
        """

        DECLARE
            f jsonb := NEW."fields"::jsonb;
            person text;
            parts text[];
            words text[] := '{}';
            wholes text[] := '{}';
        BEGIN
            FOREACH person IN ARRAY ARRAY[\(names.joined(separator: ", "))] LOOP
                CONTINUE WHEN person IS NULL;
                parts := array_remove(regexp_split_to_array(person, '[^a-z0-9]+'), '');
                CONTINUE WHEN cardinality(parts) = 0;
                words := words || parts;
                wholes := wholes || array_to_string(parts, '_');
            END LOOP;
            INSERT INTO "recordName" ("recordId", "words", "wholes") VALUES (NEW."id", words, wholes)
            ON CONFLICT ("recordId") DO UPDATE SET "words" = excluded."words", "wholes" = excluded."wholes";
            RETURN NEW;
        END
        """
    }

    static var schemaSQL: String {
        """
        CREATE FUNCTION "hotich_fold"("text" text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$\(foldBody)$$;
        CREATE TABLE "recordName" (
            "seq" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "recordId" TEXT NOT NULL UNIQUE REFERENCES "record"("id") ON DELETE CASCADE,
            "words" TEXT[] NOT NULL, "wholes" TEXT[] NOT NULL);
        CREATE INDEX "recordName_words" ON "recordName" USING GIN ("words");
        CREATE INDEX "recordName_wholes" ON "recordName" USING GIN ("wholes");
        CREATE FUNCTION "hotich_index_names"() RETURNS trigger LANGUAGE plpgsql AS $$\(indexBody)$$;
        CREATE TRIGGER "record_names_indexed" AFTER INSERT OR UPDATE OF "fields", "kind" ON "record"
            FOR EACH ROW EXECUTE FUNCTION "hotich_index_names"();
        """
    }
}
