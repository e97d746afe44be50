/// Byte tables for the two legacy (pre-Unicode) Vietnamese encodings hotich converts from:
/// TCVN3 (ABC, TCVN 5712:1993 "VN3", the .VnTime fonts) and VNI-Windows (the VNI-Times fonts).
/// docs/legacy-encodings.md describes both, the forms hotich meets them in, and the sources.
///
/// Sources, which agree on every entry below:
/// - UniKey's converter library VnConv (Phạm Kim Long, http://unikey.sourceforge.net), tables
///   "TCVN3" and "VNI-WIN" in unikey/data.cpp as fcitx5-unikey ships it:
///   https://github.com/fcitx/fcitx5-unikey/blob/0409ee4806e7a3b4eee2965daf41337d99fa59f0/unikey/data.cpp
/// - glibc's charmap TCVN5712-1 (glibc 2.36, `iconv -f TCVN5712-1`), the VN1 form of the same
///   standard: the same bytes for every small letter and for Ă Â Ê Ô Ơ Ư Đ. VN1 also has bytes for
///   toned capitals (0x01–0x17, 0x80–0x9F and 16 more in 0xAF–0xFF) and combining tone marks at
///   0xB0–0xB4; VN3 and the ABC fonts have none of them, and VN3 wins here: they are not listed.
/// - For VNI: vietnamese-conversion (npm, https://github.com/duydev/vietnamese-conversion,
///   src/charsets.ts at 46413a052f322ab113482df902c71ed1f32738bf), and for both, viparse 0.1.31
///   (PyPI), which derived its tables from real documents. viparse writes ì í ỵ as i/y plus a
///   tone byte (`iø`, `iù`, `yï`) and has no ẳ; those forms still read right through `vniMarks`.
///
/// Tests/HoTichModelTests/Fixtures/legacy-letters.tsv, written by
/// tools/legacy-encodings/make-vectors.py from the UniKey tables without reading this file,
/// gives every letter's bytes in both encodings to test these tables against.
///
/// Each entry's comment shows the letter, then the byte as Windows-1252 shows it: the form the
/// text takes when the bytes were read as Windows-1252 (or typed in a legacy font in Excel/Word).
enum LegacyEncodingTables {
    /// TCVN3 (VN3, ABC fonts): every byte from 0x80 to 0xFF that the normal (.VnTime) font uses for a
    /// Vietnamese letter, and that letter as one NFC precomposed Character (lowercase, except the
    /// few capitals the normal font has).
    ///
    /// The 67 small letters and the 7 capitals Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7). Any other capital with a
    /// tone (À, Ấ, Ễ, …) has no byte: the uppercase font (.VnTimeH) draws it at the small letter's
    /// byte, so read from the bytes alone it comes back lowercase. No byte in 0x80–0x9F is used, and
    /// no byte below 0x80 (ASCII) is changed. 0xAD (ư) is the soft hyphen in Windows-1252.
    static let tcvn3: [(byte: UInt8, letter: Character)] = [
        (byte: 0xA1, letter: "\u{0102}"), // Ă  ¡
        (byte: 0xA2, letter: "\u{00C2}"), // Â  ¢
        (byte: 0xA3, letter: "\u{00CA}"), // Ê  £
        (byte: 0xA4, letter: "\u{00D4}"), // Ô  ¤
        (byte: 0xA5, letter: "\u{01A0}"), // Ơ  ¥
        (byte: 0xA6, letter: "\u{01AF}"), // Ư  ¦
        (byte: 0xA7, letter: "\u{0110}"), // Đ  §
        (byte: 0xA8, letter: "\u{0103}"), // ă  ¨
        (byte: 0xA9, letter: "\u{00E2}"), // â  ©
        (byte: 0xAA, letter: "\u{00EA}"), // ê  ª
        (byte: 0xAB, letter: "\u{00F4}"), // ô  «
        (byte: 0xAC, letter: "\u{01A1}"), // ơ  ¬
        (byte: 0xAD, letter: "\u{01B0}"), // ư  U+00AD soft hyphen, invisible
        (byte: 0xAE, letter: "\u{0111}"), // đ  ®
        (byte: 0xB5, letter: "\u{00E0}"), // à  µ
        (byte: 0xB6, letter: "\u{1EA3}"), // ả  ¶
        (byte: 0xB7, letter: "\u{00E3}"), // ã  ·
        (byte: 0xB8, letter: "\u{00E1}"), // á  ¸
        (byte: 0xB9, letter: "\u{1EA1}"), // ạ  ¹
        (byte: 0xBB, letter: "\u{1EB1}"), // ằ  »
        (byte: 0xBC, letter: "\u{1EB3}"), // ẳ  ¼
        (byte: 0xBD, letter: "\u{1EB5}"), // ẵ  ½
        (byte: 0xBE, letter: "\u{1EAF}"), // ắ  ¾
        (byte: 0xC6, letter: "\u{1EB7}"), // ặ  Æ
        (byte: 0xC7, letter: "\u{1EA7}"), // ầ  Ç
        (byte: 0xC8, letter: "\u{1EA9}"), // ẩ  È
        (byte: 0xC9, letter: "\u{1EAB}"), // ẫ  É
        (byte: 0xCA, letter: "\u{1EA5}"), // ấ  Ê
        (byte: 0xCB, letter: "\u{1EAD}"), // ậ  Ë
        (byte: 0xCC, letter: "\u{00E8}"), // è  Ì
        (byte: 0xCE, letter: "\u{1EBB}"), // ẻ  Î
        (byte: 0xCF, letter: "\u{1EBD}"), // ẽ  Ï
        (byte: 0xD0, letter: "\u{00E9}"), // é  Ð
        (byte: 0xD1, letter: "\u{1EB9}"), // ẹ  Ñ
        (byte: 0xD2, letter: "\u{1EC1}"), // ề  Ò
        (byte: 0xD3, letter: "\u{1EC3}"), // ể  Ó
        (byte: 0xD4, letter: "\u{1EC5}"), // ễ  Ô
        (byte: 0xD5, letter: "\u{1EBF}"), // ế  Õ
        (byte: 0xD6, letter: "\u{1EC7}"), // ệ  Ö
        (byte: 0xD7, letter: "\u{00EC}"), // ì  ×
        (byte: 0xD8, letter: "\u{1EC9}"), // ỉ  Ø
        (byte: 0xDC, letter: "\u{0129}"), // ĩ  Ü
        (byte: 0xDD, letter: "\u{00ED}"), // í  Ý
        (byte: 0xDE, letter: "\u{1ECB}"), // ị  Þ
        (byte: 0xDF, letter: "\u{00F2}"), // ò  ß
        (byte: 0xE1, letter: "\u{1ECF}"), // ỏ  á
        (byte: 0xE2, letter: "\u{00F5}"), // õ  â
        (byte: 0xE3, letter: "\u{00F3}"), // ó  ã
        (byte: 0xE4, letter: "\u{1ECD}"), // ọ  ä
        (byte: 0xE5, letter: "\u{1ED3}"), // ồ  å
        (byte: 0xE6, letter: "\u{1ED5}"), // ổ  æ
        (byte: 0xE7, letter: "\u{1ED7}"), // ỗ  ç
        (byte: 0xE8, letter: "\u{1ED1}"), // ố  è
        (byte: 0xE9, letter: "\u{1ED9}"), // ộ  é
        (byte: 0xEA, letter: "\u{1EDD}"), // ờ  ê
        (byte: 0xEB, letter: "\u{1EDF}"), // ở  ë
        (byte: 0xEC, letter: "\u{1EE1}"), // ỡ  ì
        (byte: 0xED, letter: "\u{1EDB}"), // ớ  í
        (byte: 0xEE, letter: "\u{1EE3}"), // ợ  î
        (byte: 0xEF, letter: "\u{00F9}"), // ù  ï
        (byte: 0xF1, letter: "\u{1EE7}"), // ủ  ñ
        (byte: 0xF2, letter: "\u{0169}"), // ũ  ò
        (byte: 0xF3, letter: "\u{00FA}"), // ú  ó
        (byte: 0xF4, letter: "\u{1EE5}"), // ụ  ô
        (byte: 0xF5, letter: "\u{1EEB}"), // ừ  õ
        (byte: 0xF6, letter: "\u{1EED}"), // ử  ö
        (byte: 0xF7, letter: "\u{1EEF}"), // ữ  ÷
        (byte: 0xF8, letter: "\u{1EE9}"), // ứ  ø
        (byte: 0xF9, letter: "\u{1EF1}"), // ự  ù
        (byte: 0xFA, letter: "\u{1EF3}"), // ỳ  ú
        (byte: 0xFB, letter: "\u{1EF7}"), // ỷ  û
        (byte: 0xFC, letter: "\u{1EF9}"), // ỹ  ü
        (byte: 0xFD, letter: "\u{00FD}"), // ý  ý
        (byte: 0xFE, letter: "\u{1EF5}"), // ỵ  þ
    ]

    /// VNI-Windows: bytes from 0x80 to 0xFF that stand for a whole letter by themselves
    /// (đ, Đ, ơ, Ơ, ư, Ư and any others), as one NFC precomposed Character.
    ///
    /// Besides đ ơ ư: the i with a tone (ì í ỉ ĩ ị) and ỵ are one byte each, not i/y plus a mark.
    /// A capital's byte is the small letter's less 0x20. ơ and ư take marks after them like an
    /// ASCII vowel (ờ is 0xF4 0xF8, "ôø"). No byte is both a letter and a mark, no byte in
    /// 0x80–0x9F is used, and no byte below 0x80 stands for anything but its ASCII character.
    static let vniLetters: [(byte: UInt8, letter: Character)] = [
        (byte: 0xC6, letter: "\u{1EC8}"), // Ỉ  Æ
        (byte: 0xCC, letter: "\u{00CC}"), // Ì  Ì
        (byte: 0xCD, letter: "\u{00CD}"), // Í  Í
        (byte: 0xCE, letter: "\u{1EF4}"), // Ỵ  Î
        (byte: 0xD1, letter: "\u{0110}"), // Đ  Ñ
        (byte: 0xD2, letter: "\u{1ECA}"), // Ị  Ò
        (byte: 0xD3, letter: "\u{0128}"), // Ĩ  Ó
        (byte: 0xD4, letter: "\u{01A0}"), // Ơ  Ô
        (byte: 0xD6, letter: "\u{01AF}"), // Ư  Ö
        (byte: 0xE6, letter: "\u{1EC9}"), // ỉ  æ
        (byte: 0xEC, letter: "\u{00EC}"), // ì  ì
        (byte: 0xED, letter: "\u{00ED}"), // í  í
        (byte: 0xEE, letter: "\u{1EF5}"), // ỵ  î
        (byte: 0xF1, letter: "\u{0111}"), // đ  ñ
        (byte: 0xF2, letter: "\u{1ECB}"), // ị  ò
        (byte: 0xF3, letter: "\u{0129}"), // ĩ  ó
        (byte: 0xF4, letter: "\u{01A1}"), // ơ  ô
        (byte: 0xF6, letter: "\u{01B0}"), // ư  ö
    ]

    /// VNI-Windows: bytes that modify the letter before them (they follow a base letter, which may be
    /// an ASCII vowel or one of `vniLetters`), with the combining marks they add in Unicode order
    /// (shape mark first: U+0302 circumflex, U+0306 breve, U+031B horn; then tone: U+0300 grave,
    /// U+0301 acute, U+0309 hook above, U+0303 tilde, U+0323 dot below), and whether this byte is
    /// the variant used after capital letters.
    ///
    /// Each byte carries at most one shape mark and one tone: "Nguyễn" is `Nguye` 0xE3 `n`
    /// ("Nguyeãn"), "Việt" is `Vie` 0xE4 `t` ("Vieät"). No byte adds the horn: ơ and ư are whole
    /// letters in `vniLetters`. The variant after a capital is the small one's byte less 0x20
    /// ("NGUYEÃN"); mixed text (a small mark after a capital) still means the same marks.
    static let vniMarks: [(byte: UInt8, marks: [Unicode.Scalar], afterCapital: Bool)] = [
        (byte: 0xC0, marks: ["\u{0302}", "\u{0300}"], afterCapital: true), // circumflex + grave  À
        (byte: 0xC1, marks: ["\u{0302}", "\u{0301}"], afterCapital: true), // circumflex + acute  Á
        (byte: 0xC2, marks: ["\u{0302}"], afterCapital: true), // circumflex  Â
        (byte: 0xC3, marks: ["\u{0302}", "\u{0303}"], afterCapital: true), // circumflex + tilde  Ã
        (byte: 0xC4, marks: ["\u{0302}", "\u{0323}"], afterCapital: true), // circumflex + dot below  Ä
        (byte: 0xC5, marks: ["\u{0302}", "\u{0309}"], afterCapital: true), // circumflex + hook above  Å
        (byte: 0xC8, marks: ["\u{0306}", "\u{0300}"], afterCapital: true), // breve + grave  È
        (byte: 0xC9, marks: ["\u{0306}", "\u{0301}"], afterCapital: true), // breve + acute  É
        (byte: 0xCA, marks: ["\u{0306}"], afterCapital: true), // breve  Ê
        (byte: 0xCB, marks: ["\u{0306}", "\u{0323}"], afterCapital: true), // breve + dot below  Ë
        (byte: 0xCF, marks: ["\u{0323}"], afterCapital: true), // dot below  Ï
        (byte: 0xD5, marks: ["\u{0303}"], afterCapital: true), // tilde  Õ
        (byte: 0xD8, marks: ["\u{0300}"], afterCapital: true), // grave  Ø
        (byte: 0xD9, marks: ["\u{0301}"], afterCapital: true), // acute  Ù
        (byte: 0xDA, marks: ["\u{0306}", "\u{0309}"], afterCapital: true), // breve + hook above  Ú
        (byte: 0xDB, marks: ["\u{0309}"], afterCapital: true), // hook above  Û
        (byte: 0xDC, marks: ["\u{0306}", "\u{0303}"], afterCapital: true), // breve + tilde  Ü
        (byte: 0xE0, marks: ["\u{0302}", "\u{0300}"], afterCapital: false), // circumflex + grave  à
        (byte: 0xE1, marks: ["\u{0302}", "\u{0301}"], afterCapital: false), // circumflex + acute  á
        (byte: 0xE2, marks: ["\u{0302}"], afterCapital: false), // circumflex  â
        (byte: 0xE3, marks: ["\u{0302}", "\u{0303}"], afterCapital: false), // circumflex + tilde  ã
        (byte: 0xE4, marks: ["\u{0302}", "\u{0323}"], afterCapital: false), // circumflex + dot below  ä
        (byte: 0xE5, marks: ["\u{0302}", "\u{0309}"], afterCapital: false), // circumflex + hook above  å
        (byte: 0xE8, marks: ["\u{0306}", "\u{0300}"], afterCapital: false), // breve + grave  è
        (byte: 0xE9, marks: ["\u{0306}", "\u{0301}"], afterCapital: false), // breve + acute  é
        (byte: 0xEA, marks: ["\u{0306}"], afterCapital: false), // breve  ê
        (byte: 0xEB, marks: ["\u{0306}", "\u{0323}"], afterCapital: false), // breve + dot below  ë
        (byte: 0xEF, marks: ["\u{0323}"], afterCapital: false), // dot below  ï
        (byte: 0xF5, marks: ["\u{0303}"], afterCapital: false), // tilde  õ
        (byte: 0xF8, marks: ["\u{0300}"], afterCapital: false), // grave  ø
        (byte: 0xF9, marks: ["\u{0301}"], afterCapital: false), // acute  ù
        (byte: 0xFA, marks: ["\u{0306}", "\u{0309}"], afterCapital: false), // breve + hook above  ú
        (byte: 0xFB, marks: ["\u{0309}"], afterCapital: false), // hook above  û
        (byte: 0xFC, marks: ["\u{0306}", "\u{0303}"], afterCapital: false), // breve + tilde  ü
    ]
}
