import Foundation

/// Whether a written word can be a Vietnamese syllable: an initial consonant, a rhyme, at most one
/// tone. It is how hotich tells text that is Vietnamese from text that only looks like letters
/// (legacy bytes read in the wrong encoding: "NguyÔn", "Nguyeãn"), so the judgement is generous
/// (a few rhymes of loanwords pass) and never says a real syllable is not one.
public enum VietnameseSyllable {
    /// Whether `word` (letters only, any case, NFC or not) is spelt as a Vietnamese syllable.
    /// Plain ASCII words pass when their letters could be one written without its diacritics.
    public static func isPlausible(_ word: some StringProtocol) -> Bool {
        var base = String.UnicodeScalarView()
        var tones = 0
        for scalar in String(word).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300, 0x0301, 0x0303, 0x0309, 0x0323:
                tones += 1
                if tones > 1 { return false }
            case 0x0302, 0x0306, 0x031B:
                // A shape mark belongs to the vowel before it: kept as part of the base.
                guard let last = base.last, "aeiouy".unicodeScalars.contains(last) || isShaped(last) else { return false }
                base.append(scalar)
            case 0x0111, 0x61...0x7A:
                base.append(scalar)
            default:
                return false
            }
        }
        let spelled = String(base).precomposedStringWithCanonicalMapping
        guard !spelled.isEmpty, spelled.unicodeScalars.allSatisfy(allowedLetters.contains) else { return false }
        return splits(spelled)
    }

    /// The letters of the base spelling: a–z (f, j, w, z only in loanwords, kept out) and ă â ê ô ơ ư đ.
    private static let allowedLetters: Set<Unicode.Scalar> = Set("abcdeghiklmnopqrstuvxyăâêôơưđ".unicodeScalars)

    private static func isShaped(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0x0302 || scalar.value == 0x0306 || scalar.value == 0x031B }

    /// Whether the toneless spelling is an initial (possibly none) followed by a known rhyme.
    private static func splits(_ spelled: String) -> Bool {
        let letters = Array(spelled.unicodeScalars)
        for initial in initials {
            let count = initial.unicodeScalars.count
            guard letters.count >= count, letters.prefix(count).elementsEqual(initial.unicodeScalars) else { continue }
            let rhyme = String(String.UnicodeScalarView(letters.dropFirst(count)))
            if rhymes.contains(rhyme) { return true }
            // "gì", "gìn": the i of gi is the vowel itself.
            if initial == "gi" && (rhyme.isEmpty || rhymes.contains("i" + rhyme)) { return true }
        }
        return false
    }

    /// Initial consonants, longest first so that "ngh" is tried before "ng" and "n"; the empty one last.
    private static let initials = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ]

    /// Rhymes: the open ones (a vowel or a vowel with its glide), then every nucleus that takes a
    /// final consonant with each final. A superset of standard spelling, never a subset.
    private static let rhymes: Set<String> = {
        let open = [
            "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư",
            "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iêu", "yêu", "oa", "oai", "oay", "oao",
            "oe", "oeo", "oi", "ôi", "ơi", "ua", "uê", "ui", "uy", "uya", "uyu", "uôi", "ưa", "ưi", "ưu",
            "ươi", "ươu", "uây", "uơ", "ya", "uâ", "uyê", "uao", "uai", "uay", "uau", "ue", "ueo", "uơi",
        ]
        let closing = [
            "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "iê", "yê", "uô", "ươ",
            "oa", "oă", "oe", "uâ", "uê", "uy", "uyê", "oo", "ua", "uă", "ue", "uơ",
        ]
        let finals = ["c", "m", "n", "ng", "p", "t"]
        var all = Set(open)
        for nucleus in closing {
            for final in finals { all.insert(nucleus + final) }
        }
        // -nh and -ch follow only a, ê, i, y and the glided oa, uê, uy ("anh", "ếch", "uỳnh").
        for nucleus in ["a", "ê", "i", "y", "oa", "uê", "uy"] {
            all.insert(nucleus + "nh")
            all.insert(nucleus + "ch")
        }
        return all
    }()
}
