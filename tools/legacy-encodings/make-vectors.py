#!/usr/bin/env python3
"""Writes Tests/HoTichModelTests/Fixtures/legacy-letters.tsv: every Vietnamese vowel letter with
each of the six tones, in lowercase and uppercase, plus đ and Đ, with its bytes in TCVN3 (ABC,
TCVN 5712:1993 VN3, the .VnTime fonts) and in VNI-Windows (the VNI-Times fonts).

The bytes come from the published tables of VnConv, the converter library of UniKey by Phạm Kim
Long (http://unikey.sourceforge.net), as shipped in fcitx5-unikey's unikey/data.cpp:
  https://github.com/fcitx/fcitx5-unikey/blob/0409ee4806e7a3b4eee2965daf41337d99fa59f0/unikey/data.cpp
(SingleByteTables[0] "TCVN3" and DoubleByteTables[0] "VNI-WIN"). They are transcribed below in
VnConv's own layout, so each row can be read against the source line by line. This script does
not read Sources/HoTichModel/Text/LegacyEncodingTables.swift: the fixture is an independent
check of that file.

The TCVN3 bytes are then compared with glibc's TCVN5712-1 charmap through `iconv` (the VN1 form
of the same standard). VN1 and VN3 put every lowercase letter and the seven capitals Ă Â Ê Ô Ơ Ư
Đ at the same bytes; VN1 also gives accented capitals bytes of their own, which VN3 and the ABC
fonts do not have (there the capital is drawn by the .VnTimeH font at the lowercase byte), so
those rows carry the lowercase byte and tcvn3_case_lost = 1.

Usage: tools/legacy-encodings/make-vectors.py [--check]
  --check  do not write; exit 1 if the fixture on disk differs from what would be written
Standard library only; `iconv` is optional (the cross-check is skipped without it).
"""
import os
import shutil
import subprocess
import sys
import unicodedata

# VnConv's order of the vowel rows, and of the twelve entries in a row:
# (capital, small) x (no tone, sắc/acute, huyền/grave, hỏi/hook, ngã/tilde, nặng/dot below).
VOWELS = ["a", "â", "ă", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
VNCONV_TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]

# TCVN3: SingleByteTables[0]. The source is MacRoman text, so its character literals are read
# through MacRoman to get the byte (for example '∏' is 0xB8, á). A capital that the normal font
# cannot draw is given the small letter's byte there, as here.
TCVN3_ROWS = {
    #      A  a   Á  á   À  à   Ả  ả   Ã  ã   Ạ  ạ
    "a": "41 61  b8 b8  b5 b5  b6 b6  b7 b7  b9 b9",
    "â": "a2 a9  ca ca  c7 c7  c8 c8  c9 c9  cb cb",
    "ă": "a1 a8  be be  bb bb  bc bc  bd bd  c6 c6",
    "e": "45 65  d0 d0  cc cc  ce ce  cf cf  d1 d1",
    "ê": "a3 aa  d5 d5  d2 d2  d3 d3  d4 d4  d6 d6",
    "i": "49 69  dd dd  d7 d7  d8 d8  dc dc  de de",
    "o": "4f 6f  e3 e3  df df  e1 e1  e2 e2  e4 e4",
    "ô": "a4 ab  e8 e8  e5 e5  e6 e6  e7 e7  e9 e9",
    "ơ": "a5 ac  ed ed  ea ea  eb eb  ec ec  ee ee",
    "u": "55 75  f3 f3  ef ef  f1 f1  f2 f2  f4 f4",
    "ư": "a6 ad  f8 f8  f5 f5  f6 f6  f7 f7  f9 f9",
    "y": "59 79  fd fd  fa fa  fb fb  fc fc  fe fe",
}
TCVN3_DD = "a7 ae"  # Đ đ

# VNI-Windows: DoubleByteTables[0], copied as VnConv writes it: one 16-bit word per letter, the
# low byte the base letter, the high byte (if not zero) the mark byte that follows it.
VNI_ROWS = {
    "a": [0x0041, 0x0061, 0xD941, 0xF961, 0xD841, 0xF861, 0xDB41, 0xFB61, 0xD541, 0xF561, 0xCF41, 0xEF61],
    "â": [0xC241, 0xE261, 0xC141, 0xE161, 0xC041, 0xE061, 0xC541, 0xE561, 0xC341, 0xE361, 0xC441, 0xE461],
    "ă": [0xCA41, 0xEA61, 0xC941, 0xE961, 0xC841, 0xE861, 0xDA41, 0xFA61, 0xDC41, 0xFC61, 0xCB41, 0xEB61],
    "e": [0x0045, 0x0065, 0xD945, 0xF965, 0xD845, 0xF865, 0xDB45, 0xFB65, 0xD545, 0xF565, 0xCF45, 0xEF65],
    "ê": [0xC245, 0xE265, 0xC145, 0xE165, 0xC045, 0xE065, 0xC545, 0xE565, 0xC345, 0xE365, 0xC445, 0xE465],
    "i": [0x0049, 0x0069, 0x00CD, 0x00ED, 0x00CC, 0x00EC, 0x00C6, 0x00E6, 0x00D3, 0x00F3, 0x00D2, 0x00F2],
    "o": [0x004F, 0x006F, 0xD94F, 0xF96F, 0xD84F, 0xF86F, 0xDB4F, 0xFB6F, 0xD54F, 0xF56F, 0xCF4F, 0xEF6F],
    "ô": [0xC24F, 0xE26F, 0xC14F, 0xE16F, 0xC04F, 0xE06F, 0xC54F, 0xE56F, 0xC34F, 0xE36F, 0xC44F, 0xE46F],
    "ơ": [0x00D4, 0x00F4, 0xD9D4, 0xF9F4, 0xD8D4, 0xF8F4, 0xDBD4, 0xFBF4, 0xD5D4, 0xF5F4, 0xCFD4, 0xEFF4],
    "u": [0x0055, 0x0075, 0xD955, 0xF975, 0xD855, 0xF875, 0xDB55, 0xFB75, 0xD555, 0xF575, 0xCF55, 0xEF75],
    "ư": [0x00D6, 0x00F6, 0xD9D6, 0xF9F6, 0xD8D6, 0xF8F6, 0xDBD6, 0xFBF6, 0xD5D6, 0xF5F6, 0xCFD6, 0xEFF6],
    "y": [0x0059, 0x0079, 0xD959, 0xF979, 0xD859, 0xF879, 0xDB59, 0xFB79, 0xD559, 0xF579, 0x00CE, 0x00EE],
}
VNI_DD = [0x00D1, 0x00F1]  # Đ đ

# The fixture's order: the alphabet's (a ă â đ e ê i o ô ơ u ư y), the tones in the order
# Vietnamese lists them (none, huyền, sắc, hỏi, ngã, nặng), each vowel's small letters first.
ALPHABET = ["a", "ă", "â", "đ", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
FIXTURE_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "HoTichModelTests", "Fixtures", "legacy-letters.tsv")


def nfc(text):
    return unicodedata.normalize("NFC", text)


def vni_bytes(word):
    low, high = word & 0xFF, word >> 8
    return bytes([low, high]) if high else bytes([low])


def build():
    """letter -> (tcvn3 bytes, vni bytes, case lost)."""
    table = {}
    for vowel in VOWELS:
        tcvn3 = [int(h, 16) for h in TCVN3_ROWS[vowel].split()]
        vni = VNI_ROWS[vowel]
        assert len(tcvn3) == 12 and len(vni) == 12, vowel
        for index, tone in enumerate(VNCONV_TONES):
            small = nfc(vowel + tone)
            capital = nfc(vowel.upper() + tone)
            assert len(small) == 1 and len(capital) == 1, (vowel, tone)
            cap_byte, small_byte = tcvn3[2 * index], tcvn3[2 * index + 1]
            table[small] = (bytes([small_byte]), vni_bytes(vni[2 * index + 1]), False)
            table[capital] = (bytes([cap_byte]), vni_bytes(vni[2 * index]), cap_byte == small_byte)
    dd_cap, dd_small = (int(h, 16) for h in TCVN3_DD.split())
    table["đ"] = (bytes([dd_small]), vni_bytes(VNI_DD[1]), False)
    table["Đ"] = (bytes([dd_cap]), vni_bytes(VNI_DD[0]), False)
    return table


def fixture_order():
    for base in ALPHABET:
        if base == "đ":
            yield "đ"
            yield "Đ"
            continue
        for case in (str.lower, str.upper):
            for tone in FIXTURE_TONES:
                yield nfc(case(base) + tone)


def render(table):
    lines = ["letter\ttcvn3\tvni\ttcvn3_case_lost"]
    for letter in fixture_order():
        tcvn3, vni, lost = table[letter]
        lines.append(f"{letter}\t{tcvn3.hex()}\t{vni.hex()}\t{1 if lost else 0}")
    return "\n".join(lines) + "\n"


def self_check(table):
    """Checks that hold whatever the sources say; a failure means a slip in the transcription."""
    problems = []
    letters = list(fixture_order())
    if len(letters) != 146 or len(set(letters)) != 146 or set(letters) != set(table):
        problems.append(f"expected 146 distinct letters, got {len(set(letters))}")
    # TCVN3: a byte stands for one small letter; capitals share it unless they have their own.
    seen = {}
    for letter, (tcvn3, _, lost) in table.items():
        if letter.islower() or (letter.isupper() and not lost):
            if tcvn3 in seen and seen[tcvn3] != letter:
                problems.append(f"TCVN3 byte {tcvn3.hex()} for both {seen[tcvn3]} and {letter}")
            seen[tcvn3] = letter
        if lost and table[letter.lower()][0] != tcvn3:
            problems.append(f"TCVN3 {letter}: case-lost capital not at its small letter's byte")
        if letter.isascii() and tcvn3 != letter.encode("ascii"):
            problems.append(f"TCVN3 {letter}: ASCII letter not as itself")
    # VNI: distinct sequences; a capital's mark byte is its small letter's mark byte less 0x20.
    vni_seen = {}
    for letter, (_, vni, _) in table.items():
        if vni in vni_seen:
            problems.append(f"VNI {vni.hex()} for both {vni_seen[vni]} and {letter}")
        vni_seen[vni] = letter
        if letter.isupper():
            small = table[letter.lower()][1]
            if len(vni) != len(small):
                problems.append(f"VNI {letter}: not shaped like {letter.lower()}")
            elif len(vni) == 2 and (vni[0] != small[0] - 0x20 or vni[1] != small[1] - 0x20):
                problems.append(f"VNI {letter}: {vni.hex()} is not {small.hex()} less 0x20")
            elif len(vni) == 1 and vni[0] >= 0x80 and vni[0] != small[0] - 0x20:
                problems.append(f"VNI {letter}: {vni.hex()} is not {small.hex()} less 0x20")
    return problems


def iconv_decode(byte):
    """One byte through `iconv -f TCVN5712-1`, or None where iconv has no mapping for it."""
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]), capture_output=True
    )
    if result.returncode != 0:
        return None
    return nfc(result.stdout.decode("utf-8"))


def iconv_cross_check(table):
    """Compares the TCVN3 bytes with glibc's TCVN5712-1 (VN1); returns the number of conflicts."""
    if shutil.which("iconv") is None:
        print("iconv not found: TCVN5712-1 cross-check skipped")
        return 0
    if iconv_decode(0x61) != "a":
        print("iconv has no TCVN5712-1: cross-check skipped")
        return 0
    vn1 = {byte: iconv_decode(byte) for byte in range(0x00, 0x100)}
    ours = {}
    for letter, (tcvn3, _, lost) in table.items():
        if tcvn3[0] >= 0x80 and not lost:
            ours[tcvn3[0]] = letter
    conflicts = 0
    agree, vn1_letters, vn1_marks = [], [], []
    print("TCVN3 (UniKey VnConv) against iconv -f TCVN5712-1 (glibc, VN1):")
    for byte in range(0x00, 0x100):
        mine, theirs = ours.get(byte), vn1[byte]
        if mine is not None:
            if mine == theirs:
                agree.append(f"{byte:02x}={mine}")
            else:
                conflicts += 1
                print(f"  CONFLICT {byte:02x}: VnConv {mine}, iconv {theirs!r}")
        elif theirs is not None and theirs.isalpha() and not (byte < 0x80 and theirs.isascii()):
            vn1_letters.append(f"{byte:02x}={theirs}")
        elif theirs is not None and unicodedata.combining(theirs):
            vn1_marks.append(f"{byte:02x}=U+{ord(theirs):04X}")
    print(f"  same letter at {len(agree)} bytes: " + " ".join(agree))
    print(f"  {len(vn1_letters)} letters VN1 has that VN3/ABC does not (VN3 wins: no letter): "
          + " ".join(vn1_letters))
    print(f"  {len(vn1_marks)} combining marks VN1 has that VN3/ABC does not: " + " ".join(vn1_marks))
    print("Capitals the ABC normal font cannot write (tcvn3_case_lost = 1) and their VN1 byte:")
    vn1_by_letter = {ch: byte for byte, ch in vn1.items() if ch is not None}
    lost = [letter for letter in fixture_order() if table[letter][2]]
    print("  " + " ".join(f"{letter}:{vn1_by_letter.get(letter, -1):02x}" for letter in lost))
    print(f"  {len(lost)} capitals")
    return conflicts


def main(argv):
    check_only = "--check" in argv[1:]
    table = build()
    problems = self_check(table)
    for problem in problems:
        print("SELF-CHECK:", problem)
    conflicts = iconv_cross_check(table)
    text = render(table)
    if problems or conflicts:
        print(f"{len(problems)} self-check problems, {conflicts} conflicts with iconv: not written")
        return 1
    if check_only:
        try:
            with open(FIXTURE, encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{os.path.relpath(FIXTURE, ROOT)} is out of date")
            return 1
        print(f"{os.path.relpath(FIXTURE, ROOT)} is up to date")
        return 0
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)}: {text.count(chr(10)) - 1} letters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
