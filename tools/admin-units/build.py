#!/usr/bin/env python3
"""Build hotich's bundled administrative-unit reference data (đơn vị hành chính).

Reads three pinned PyPI wheels (see SOURCES below and README.md), checks them, and writes into
Sources/HoTichModel/Resources/AdministrativeUnits/:

    units-2004.tsv         every province / district / commune of the pre-reform (63-province,
                           QĐ 124/2004/QĐ-TTg) list as it stood on 2025-06-30, plus curated history
    units-2025.tsv         the 34 provinces and 3 321 communes from 2025-07-01
    succession-2025.tsv    old commune -> new commune(s), old province -> new province
    historical-names.tsv   former provinces that have no 2004-scheme code
    VERSION                the two list versions, one line per source package, the build date
    LICENSE-vietnamadminunits.txt   the shipped source's MIT licence, which must travel with the data

Every shipped row comes from the MIT-licensed vietnamadminunits 1.0.4, or from the curated
tables below (facts with the legal acts cited).  The two GPL-licensed vietnam-provinces wheels are
only read and compared; nothing of them is written.

Pure standard library.  Usage:

    python3 tools/admin-units/build.py                 # downloads with pip into a temp dir
    python3 tools/admin-units/build.py --cache DIR     # uses (or fills) DIR with the wheels

The output is deterministic for a given --build-date (which only goes into VERSION).
Any inconsistency in the sources stops the build with a non-zero exit.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Sources: exact versions, the sha256 of the wheels PyPI serves for them, their licences and what
# the build does with them.  Only "shipped" sources reach the output; the GPL-licensed
# vietnam-provinces wheels are read to compare, and nothing of them is written.

SOURCES = {
    "vau": ("vietnamadminunits", "1.0.4", "vietnamadminunits-1.0.4-py3-none-any.whl",
            "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35", "MIT", "shipped"),
    "vp2004": ("vietnam-provinces", "0.6.0", "vietnam_provinces-0.6.0-py3-none-any.whl",
               "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815", "GPL-3.0-or-later", "cross-check"),
    "vp2025": ("vietnam-provinces", "2025.10.1", "vietnam_provinces-2025.10.1-py3-none-any.whl",
               "1693dece496b1e04e2b637a3dd79a87a22666e13c91c51cf06dc27e482987f57", "GPL-3.0-or-later", "cross-check"),
}

# The list versions as exports label them (VERSION's `list-2004` and `list-2025` lines): the
# statistics office's list the shipped source reproduces, and the source.
#   2004 scheme: GSO's "Danh mục hành chính" downloaded on 2025-07-18 (vietnamadminunits'
#                data/raw/danhmuchanhchinh.gso.gov.vn_ward_2025-07-18.csv): the units as they stood
#                on 2025-06-30, the site having stopped at the pre-reform list.
#   2025 scheme: the list in force from 2025-07-01 (QĐ 19/2025/QĐ-TTg); vietnamadminunits took its
#                codes from an address kit labelled 2025-07-01 (see README.md).
LIST_VERSIONS = {
    "2004": "gso-2025-07-18",
    "2025": "gso-2025-07-01",
}

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "Sources" / "HoTichModel" / "Resources" / "AdministrativeUnits"

SNAPSHOT_TO = "2025-06-30"      # last day of the pre-reform map
REFORM_FROM = "2025-07-01"      # first day of the 34-province map

KINDS = {
    1: ("Thành phố Trung ương", "Tỉnh"),
    2: ("Quận", "Huyện", "Thị xã", "Thành phố"),
    3: ("Phường", "Xã", "Thị trấn", "Đặc khu"),
}
# Kind words as they lead a full name; longest first so "Thành phố" wins over nothing shorter.
KIND_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
CODE_WIDTH = {1: 2, 2: 3, 3: 5}

# --------------------------------------------------------------------------------------------
# Curated history (see README.md, "Curated history", for the acts and what was verified).

HA_TAY = "28"
HA_TAY_TO = "2008-07-31"        # Nghị quyết 15/2008/QH12 of 29/5/2008, in force 1/8/2008
HANOI_FROM = "2008-08-01"
# Hà Tây's 14 district-level units, kept their GSO codes in Hà Nội.  The kind of the Hà Tây row is
# the unit's kind on 2008-07-31 when it differs from the 2025 snapshot's: Hà Đông was "thành phố
# thuộc tỉnh" from 2006 and became a quận on 8/5/2009, Sơn Tây was a thành phố from 2007 and became a
# thị xã on 8/5/2009 (Nghị quyết 19/NQ-CP of 8/5/2009).
HA_TAY_DISTRICTS = {"268": "Thành phố", "269": "Thành phố", "271": None, "272": None, "273": None,
                    "274": None, "275": None, "276": None, "277": None, "278": None, "279": None,
                    "280": None, "281": None, "282": None}
ME_LINH, VINH_PHUC = "250", "26"
# Four communes of huyện Lương Sơn (Hòa Bình, district 152) that went to Hà Nội on 2008-08-01 with
# Nghị quyết 15/2008/QH12: Đông Xuân to Quốc Oai (275), the others to Thạch Thất (276).
LUONG_SON = "152"
LUONG_SON_COMMUNES = {"04939": "275", "04927": "276", "04930": "276", "04936": "276"}
# Thừa Thiên Huế became Thành phố Huế (trực thuộc trung ương) on 2025-01-01 (Nghị quyết
# 175/2024/QH15 of 30/11/2024); the snapshot names code 46 by its new name only.
HUE, HUE_CITY_FROM = "46", "2025-01-01"

HISTORICAL_NAMES = [
    # name, kind, from, to, codes, aliases, source
    ("Quảng Nam - Đà Nẵng", "Tỉnh", "", "1996-12-31", "48,49", "QN-ĐN,QNĐN",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Hà Bắc", "Tỉnh", "", "1996-12-31", "24,27", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Hải Hưng", "Tỉnh", "", "1996-12-31", "30,33", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Nam Hà", "Tỉnh", "", "1996-12-31", "35,36", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01 (Nam Hà also existed 1965-1975, before Hà Nam Ninh)"),
    ("Minh Hải", "Tỉnh", "", "1996-12-31", "95,96", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Sông Bé", "Tỉnh", "", "1996-12-31", "70,74", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Vĩnh Phú", "Tỉnh", "", "1996-12-31", "25,26", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Bắc Thái", "Tỉnh", "", "1996-12-31", "06,19", "",
     "Nghị quyết của Quốc hội (khóa IX, kỳ họp 10) ngày 06/11/1996 về việc chia và điều chỉnh địa giới hành chính một số tỉnh; the new units took over on 1997-01-01"),
    ("Hà Nam Ninh", "Tỉnh", "1975-12-27", "1991-08-12", "35,36,37", "",
     "Nghị quyết của Quốc hội ngày 27/12/1975 về việc hợp nhất một số tỉnh; Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Hà Sơn Bình", "Tỉnh", "1975-12-27", "1991-08-12", "17,28", "",
     "Nghị quyết của Quốc hội ngày 27/12/1975 về việc hợp nhất một số tỉnh; Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Hà Tuyên", "Tỉnh", "1975-12-27", "1991-08-12", "02,08", "",
     "Nghị quyết của Quốc hội ngày 27/12/1975 về việc hợp nhất một số tỉnh; Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Nghệ Tĩnh", "Tỉnh", "", "1991-08-12", "40,42", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Hoàng Liên Sơn", "Tỉnh", "", "1991-08-12", "10,15", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Gia Lai - Kon Tum", "Tỉnh", "", "1991-08-12", "62,64", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 9) ngày 12/08/1991 về việc điều chỉnh địa giới hành chính một số tỉnh, thành phố trực thuộc trung ương"),
    ("Thuận Hải", "Tỉnh", "", "1991-12-26", "58,60", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 10) ngày 26/12/1991 về việc phân vạch lại địa giới hành chính một số tỉnh"),
    ("Hậu Giang", "Tỉnh", "", "1991-12-26", "92,93,94", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 10) ngày 26/12/1991 về việc phân vạch lại địa giới hành chính một số tỉnh (the old Hậu Giang; the name is used again by province 93 from 2004-01-01)"),
    ("Cửu Long", "Tỉnh", "", "1991-12-26", "84,86", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 10) ngày 26/12/1991 về việc phân vạch lại địa giới hành chính một số tỉnh"),
    ("Nghĩa Bình", "Tỉnh", "", "1989-06-30", "51,52", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 5) ngày 30/06/1989 về việc phân vạch địa giới hành chính của các tỉnh Nghĩa Bình, Phú Khánh và Bình Trị Thiên"),
    ("Phú Khánh", "Tỉnh", "", "1989-06-30", "54,56", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 5) ngày 30/06/1989 về việc phân vạch địa giới hành chính của các tỉnh Nghĩa Bình, Phú Khánh và Bình Trị Thiên"),
    ("Bình Trị Thiên", "Tỉnh", "", "1989-06-30", "44,45,46", "",
     "Nghị quyết của Quốc hội (khóa VIII, kỳ họp 5) ngày 30/06/1989 về việc phân vạch địa giới hành chính của các tỉnh Nghĩa Bình, Phú Khánh và Bình Trị Thiên"),
    ("Cao Lạng", "Tỉnh", "1975-12-27", "1978-12-29", "04,20", "",
     "Nghị quyết của Quốc hội ngày 27/12/1975 về việc hợp nhất một số tỉnh; Nghị quyết của Quốc hội (khóa VI, kỳ họp 4) ngày 29/12/1978 chia tỉnh Cao Lạng"),
    ("Đắk Lắk", "Tỉnh", "", "2003-12-31", "66,67", "",
     "Nghị quyết 22/2003/QH11 ngày 26/11/2003 về việc chia và điều chỉnh địa giới hành chính một số tỉnh, in force 2004-01-01 (Đắk Lắk before the split; code 66 kept by the smaller province)"),
    ("Lai Châu", "Tỉnh", "", "2003-12-31", "11,12", "",
     "Nghị quyết 22/2003/QH11 ngày 26/11/2003 về việc chia và điều chỉnh địa giới hành chính một số tỉnh, in force 2004-01-01 (Lai Châu before the split into Điện Biên and Lai Châu)"),
    ("Cần Thơ", "Tỉnh", "", "2003-12-31", "92,93", "",
     "Nghị quyết 22/2003/QH11 ngày 26/11/2003 về việc chia và điều chỉnh địa giới hành chính một số tỉnh, in force 2004-01-01 (tỉnh Cần Thơ before it became thành phố Cần Thơ and tỉnh Hậu Giang)"),
]

# --------------------------------------------------------------------------------------------


class BuildError(Exception):
    pass


def fail(message: str) -> None:
    raise BuildError(message)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, surrounding and repeated white space removed."""
    return re.sub(r"\s+", " ", nfc(text)).strip()


def fold_key(text: str) -> str:
    """vietnamadminunits' style of key: no diacritics, đ->d, lower case, letters and digits only."""
    text = unicodedata.normalize("NFD", nfc(text).lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]", "", text)


_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
              "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
              "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def spelling_key(text: str) -> str:
    """For comparing two spellings of one name: NFC, case, white space, hyphens, apostrophes and the
    old/new tone placement (hoà/hòa, thuỷ/thủy) ignored; other diacritics kept."""
    text = nfc(text).lower().replace("’", "'").replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)\b", lambda m: _OLD_TONES[m.group(1)], text)


def split_kind(full_name: str, level: int) -> tuple[str, str]:
    """'Thành Phố Bắc Kạn' -> ('Thành phố', 'Bắc Kạn'); provinces' 'Thành phố' -> 'Thành phố Trung ương'."""
    name = clean(full_name)
    for prefix in KIND_PREFIXES:
        if name.lower().startswith(prefix.lower() + " "):
            kind, rest = prefix, name[len(prefix) + 1:].strip()
            break
    else:
        fail(f"no kind word at the start of {full_name!r} (level {level})")
    if level == 1 and kind == "Thành phố":
        kind = "Thành phố Trung ương"
    if kind not in KINDS[level]:
        fail(f"kind {kind!r} of {full_name!r} is not allowed at level {level}")
    if not rest:
        fail(f"empty name after the kind word in {full_name!r}")
    return kind, rest


def code(value, level: int) -> str:
    if value is None or str(value).strip() == "":
        fail(f"missing code at level {level}")
    text = str(value).strip()
    if not text.isdigit():
        fail(f"code {value!r} is not numeric")
    width = CODE_WIDTH[level]
    if len(text.lstrip("0")) > width:
        fail(f"code {value!r} is too long for level {level}")
    return text.zfill(width)


# --------------------------------------------------------------------------------------------
# Fetching the wheels


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_wheels(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, (package, version, filename, digest, _, _) in SOURCES.items():
        path = cache / filename
        if not path.exists():
            print(f"downloading {package}=={version} into {cache}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                            "--dest", str(cache), f"{package}=={version}"], check=True)
        if not path.exists():
            fail(f"pip did not produce {filename}")
        actual = sha256(path)
        if actual != digest:
            fail(f"{filename}: sha256 {actual} is not the pinned {digest}")
        paths[key] = path
    return paths


def read_member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


# --------------------------------------------------------------------------------------------
# Reading the sources


class Unit:
    __slots__ = ("code", "level", "kind", "name", "parent", "start", "end", "origin")

    def __init__(self, code, level, kind, name, parent, start="", end="", origin=""):
        self.code, self.level, self.kind, self.name, self.parent = code, level, kind, name, parent
        self.start, self.end, self.origin = start, end, origin

    def row(self):
        return [self.code, str(self.level), self.kind, self.name, self.parent, self.start, self.end]


def read_vp2004(wheel: Path):
    """vietnam-provinces 0.6.0 (GPL): for the cross-check only."""
    data = json.loads(read_member(wheel, "vietnam_provinces/data/nested-divisions.json").decode("utf-8"))
    provinces, districts, communes = {}, {}, {}
    for p in data:
        pc = code(p["code"], 1)
        kind, name = split_kind(p["name"], 1)
        if pc in provinces:
            fail(f"vietnam-provinces 0.6.0: duplicate province code {pc}")
        provinces[pc] = Unit(pc, 1, kind, name, "", origin="vp")
        for d in p["districts"]:
            dc = code(d["code"], 2)
            kind, name = split_kind(d["name"], 2)
            if dc in districts:
                fail(f"vietnam-provinces 0.6.0: duplicate district code {dc}")
            districts[dc] = Unit(dc, 2, kind, name, pc, origin="vp")
            for w in d["wards"]:
                wc = code(w["code"], 3)
                kind, name = split_kind(w["name"], 3)
                if wc in communes:
                    fail(f"vietnam-provinces 0.6.0: duplicate commune code {wc}")
                communes[wc] = Unit(wc, 3, kind, name, dc, origin="vp")
    return provinces, districts, communes


def read_vp2025(wheel: Path):
    """vietnam-provinces 2025.10.1 (GPL): for the cross-check only."""
    data = json.loads(read_member(wheel, "vietnam_provinces/data/nested-divisions.json").decode("utf-8"))
    provinces, communes = {}, {}
    for p in data:
        pc = code(p["code"], 1)
        provinces[pc] = split_kind(p["name"], 1) if clean(p["name"]).split(" ")[0] in ("Thành", "Tỉnh") \
            else ("Tỉnh", clean(p["name"]))
        for w in p["wards"]:
            wc = code(w["code"], 3)
            if wc in communes:
                fail(f"vietnam-provinces 2025.10.1: duplicate commune code {wc}")
            communes[wc] = (pc,) + split_kind(w["name"], 3)
    return provinces, communes


def read_vau(wheel: Path, workdir: Path):
    converter = json.loads(read_member(wheel, "vietnamadminunits/data/converter_2025.json").decode("utf-8"))
    db_path = workdir / "dataset.db"
    db_path.write_bytes(read_member(wheel, "vietnamadminunits/data/dataset.db"))
    connection = sqlite3.connect(str(db_path))
    legacy = []
    for row in connection.execute(
            "SELECT provinceCode, districtCode, wardCode, province, district, ward, districtType, wardType,"
            " provinceKey, districtKey, wardKey FROM admin_units_legacy"):
        legacy.append(dict(zip(("pc", "dc", "wc", "province", "district", "ward", "dtype", "wtype",
                                "pkey", "dkey", "wkey"), row)))
    new = []
    for row in connection.execute(
            "SELECT provinceCode, wardCode, province, ward, wardType, provinceKey, wardKey FROM admin_units"):
        new.append(dict(zip(("pc", "wc", "province", "ward", "type", "pkey", "wkey"), row)))
    connection.close()
    return converter, legacy, new


def read_vau_legacy(legacy: list[dict], report_type_conflict):
    """vietnamadminunits' pre-reform table (GSO's list of 2025-07-18) -> provinces, districts, communes,
    the rows of the island districts that have no commune, and the converter key of each commune."""
    provinces, districts, communes, keys, islands = {}, {}, {}, {}, []
    province_keys = {}
    for row in legacy:
        pc = code(row["pc"], 1)
        kind, name = split_kind(row["province"], 1)
        if pc in provinces and (provinces[pc].kind, provinces[pc].name) != (kind, name):
            fail(f"vietnamadminunits legacy: province {pc} has two names")
        provinces[pc] = Unit(pc, 1, kind, name, "", origin="vau-legacy")
        if province_keys.setdefault(row["pkey"], pc) != pc:
            fail(f"vietnamadminunits legacy: province key {row['pkey']} has two codes")
        dc = code(row["dc"], 2)
        kind, name = split_kind(row["district"], 2)
        if dc in districts and (districts[dc].parent, districts[dc].kind, districts[dc].name) != (pc, kind, name):
            fail(f"vietnamadminunits legacy: district {dc} has two names or two provinces")
        if (row["dtype"] or "").lower() != kind.lower():
            report_type_conflict(2, dc, row["dtype"], row["district"])
        districts[dc] = Unit(dc, 2, kind, name, pc, origin="vau-legacy")
        if row["wc"] is None:
            if row["ward"] is not None:
                fail(f"vietnamadminunits legacy: commune {row['ward']!r} without a code")
            islands.append(row)
            continue
        wc = code(row["wc"], 3)
        if wc in communes:
            fail(f"vietnamadminunits legacy: duplicate commune code {wc}")
        kind, name = split_kind(row["ward"], 3)
        if (row["wtype"] or "").lower() != kind.lower():
            report_type_conflict(3, wc, row["wtype"], row["ward"])
        communes[wc] = Unit(wc, 3, kind, name, dc, origin="vau-legacy")
        keys[wc] = f'{row["pkey"]}_{row["dkey"]}_{row["wkey"]}'
    if len(set(keys.values())) != len(keys):
        fail("vietnamadminunits legacy: duplicate province_district_ward keys")
    island_codes = {code(r["dc"], 2) for r in islands}
    with_communes = {u.parent for u in communes.values()}
    if island_codes & with_communes:
        fail(f"vietnamadminunits legacy: districts both with and without communes: {sorted(island_codes & with_communes)}")
    return provinces, districts, communes, keys, islands, province_keys


def compare_units(label: str, ours: dict, theirs: dict, note) -> dict:
    """Compares one level of two lists by code: returns counts, and notes the differences beyond spelling."""
    only_theirs = sorted(set(theirs) - set(ours))
    only_ours = sorted(set(ours) - set(theirs))
    same = spelling = 0
    other, moved = [], []
    for c in sorted(set(ours) & set(theirs)):
        a, b = theirs[c], ours[c]
        if a.parent != b.parent:
            moved.append(c)
        if (a.kind, spelling_key(a.name)) != (b.kind, spelling_key(b.name)):
            other.append((c, f"{a.kind} {a.name}", f"{b.kind} {b.name}"))
        elif a.name != b.name:
            spelling += 1
        elif a.parent == b.parent:
            same += 1
    counts = {"both": len(set(ours) & set(theirs)), "identical": same, "spelling only": spelling,
              "other name or kind": len(other), "other parent": len(moved),
              "only cross-check": len(only_theirs), "only shipped": len(only_ours)}
    note(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for c, a, b in other:
        note(f"  code {c}: cross-check '{a}', shipped '{b}'")
    for c in moved:
        note(f"  code {c}: cross-check parent {theirs[c].parent}, shipped parent {ours[c].parent}")
    for c in only_theirs:
        u = theirs[c]
        note(f"  only in the cross-check: {c} '{u.kind} {u.name}' (parent {u.parent})")
    for c in only_ours:
        u = ours[c]
        note(f"  only in the shipped list: {c} '{u.kind} {u.name}' (parent {u.parent})")
    return counts


# --------------------------------------------------------------------------------------------
# Building


def build(paths: dict[str, Path], workdir: Path, report: list[str]):
    stats = collections.OrderedDict()

    def note(line: str) -> None:
        report.append(line)

    # ---- vietnamadminunits 1.0.4: the pre-reform list (legacy table) and the 2025 list
    converter, legacy, new = read_vau(paths["vau"], workdir)
    type_conflicts = []
    provinces, districts, communes, legacy_keys, legacy_islands, old_pkey_to_code = read_vau_legacy(
        legacy, lambda level, c, typ, full: type_conflicts.append((level, c, typ, full)))
    stats["vietnamadminunits 1.0.4 (legacy, GSO 2025-07-18)"] = (len(provinces), len(districts), len(communes))

    new_by_key = {}
    units2025 = {}
    new_type_conflicts = []
    new_provinces = {}
    for row in new:
        pc, wc = code(row["pc"], 1), code(row["wc"], 3)
        pkind, pname = split_kind(row["province"], 1)
        if pc in new_provinces and new_provinces[pc][:2] != (pkind, pname):
            fail(f"2025 province {pc} has two names")
        new_provinces[pc] = (pkind, pname, row["pkey"])
        kind, name = split_kind(row["ward"], 3)
        if row["type"] != kind:
            # The name's kind word is taken; checked against vietnam-provinces 2025.10.1 below.
            new_type_conflicts.append((wc, row["type"], row["ward"]))
        if wc in units2025:
            fail(f"2025: duplicate commune code {wc}")
        units2025[wc] = Unit(wc, 3, kind, name, pc, REFORM_FROM, "", origin="vau")
        if (row["pkey"], row["wkey"]) in new_by_key:
            fail(f"2025: duplicate ward key {row['pkey']}/{row['wkey']}")
        new_by_key[(row["pkey"], row["wkey"])] = wc
    province_key_2025 = {v[2]: k for k, v in new_provinces.items()}
    stats["vietnamadminunits 1.0.4 (2025)"] = (len(new_provinces), 0, len(units2025))

    # ---- cross-check the pre-reform list against vietnam-provinces 0.6.0 (GPL; compared, never copied)
    vp_provinces, vp_districts, vp_communes = read_vp2004(paths["vp2004"])
    stats["vietnam-provinces 0.6.0 (cross-check)"] = (len(vp_provinces), len(vp_districts), len(vp_communes))
    cross04 = {}
    for level, label, ours, theirs in ((1, "provinces", provinces, vp_provinces),
                                       (2, "districts", districts, vp_districts),
                                       (3, "communes", communes, vp_communes)):
        cross04[level] = compare_units(f"pre-reform {label}, vietnam-provinces 0.6.0 (GSO 2025-01-04) vs shipped "
                                       f"vietnamadminunits legacy (GSO 2025-07-18)", ours, theirs, note)
        stats[f"check: pre-reform {label} vs 0.6.0"] = ", ".join(f"{k} {v}" for k, v in cross04[level].items())
    for level, c, typ, full in type_conflicts:
        unit = (districts if level == 2 else communes)[c]
        other = (vp_districts if level == 2 else vp_communes).get(c)
        verdict = ("0.6.0 agrees with the name" if other is not None and other.kind == unit.kind else
                   "0.6.0 has no such code" if other is None else f"0.6.0 says {other.kind!r}")
        note(f"  pre-reform {c} '{full}': vietnamadminunits' type column says {typ!r}; the name's kind word is "
             f"kept ({verdict})")
    stats["check: pre-reform units whose vietnamadminunits type contradicts the name"] = len(type_conflicts)

    # ---- cross-check the 2025 list against vietnam-provinces 2025.10.1 (GPL; compared, never copied)
    vp25_provinces, vp25_communes = read_vp2025(paths["vp2025"])
    stats["vietnam-provinces 2025.10.1 (cross-check)"] = (len(vp25_provinces), 0, len(vp25_communes))
    if set(vp25_provinces) != set(new_provinces):
        fail("the 2025 province codes of vietnam-provinces 2025.10.1 and vietnamadminunits 1.0.4 differ")
    only_vp = sorted(set(vp25_communes) - set(units2025))
    only_vau = sorted(set(units2025) - set(vp25_communes))
    same_code_other_unit = []
    spelling_only = identical = 0
    for wc in sorted(set(vp25_communes) & set(units2025)):
        pc, kind, name = vp25_communes[wc]
        u = units2025[wc]
        if pc != u.parent or kind != u.kind or spelling_key(name) != spelling_key(u.name):
            if pc == u.parent and kind == u.kind and fold_key(name) == fold_key(u.name):
                spelling_only += 1
            else:
                same_code_other_unit.append((wc, f"{kind} {name}", f"{u.kind} {u.name}"))
        elif name != u.name:
            spelling_only += 1
        else:
            identical += 1
    # The same commune under another code: same province, same kind and folded name.
    by_name_vp = collections.defaultdict(list)
    for wc, (pc, kind, name) in vp25_communes.items():
        by_name_vp[(pc, kind, fold_key(name))].append(wc)
    recoded = 0
    for wc, u in units2025.items():
        if vp25_communes.get(wc, (None, None, None))[1:] != (u.kind, u.name) and \
                any(other != wc for other in by_name_vp.get((u.parent, u.kind, fold_key(u.name)), [])):
            recoded += 1
    note(f"2025 list, vietnam-provinces 2025.10.1 (draft codes) vs shipped vietnamadminunits 1.0.4 (official codes): "
         f"{len(set(vp25_communes) & set(units2025))} codes in both, {identical} identical, {spelling_only} spelling only, "
         f"{len(same_code_other_unit)} naming a different commune; {len(only_vp)} codes only in the former, "
         f"{len(only_vau)} only in the latter; {recoded} shipped communes found under another code in the former")
    for wc, a, b in same_code_other_unit:
        note(f"  code {wc}: vietnam-provinces 2025.10.1 '{a}', vietnamadminunits '{b}'")
    for wc, wtype, full in new_type_conflicts:
        other = vp25_communes.get(wc)
        if other is None or other[1] != units2025[wc].kind:
            fail(f"2025 commune {wc}: vietnamadminunits says type {wtype!r} but name {full!r}, "
                 f"and vietnam-provinces 2025.10.1 does not settle it")
        note(f"  2025 commune {wc} '{full}': vietnamadminunits' wardType says {wtype!r}; the name's kind word "
             f"(as in vietnam-provinces 2025.10.1) is kept")
    stats["check: 2025 list vs 2025.10.1"] = (f"both {len(set(vp25_communes) & set(units2025))}, identical {identical}, "
                                              f"spelling only {spelling_only}, other commune {len(same_code_other_unit)}, "
                                              f"only cross-check {len(only_vp)}, only shipped {len(only_vau)}, "
                                              f"same commune under another code {recoded}")
    stats["check: 2025 communes whose vietnamadminunits type contradicts the name"] = len(new_type_conflicts)

    # ---- the converter: old key -> [(new commune code, whole)]
    successors_by_key = collections.defaultdict(list)
    for new_pkey, mapping in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in mapping.items():
            if (new_pkey, new_wkey) not in new_by_key:
                fail(f"converter: successor {new_pkey}/{new_wkey} is not in the 2025 list")
            for old_key in old_keys:
                successors_by_key[old_key].append((new_by_key[(new_pkey, new_wkey)], 1))
    for new_pkey, mapping in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in mapping.items():
            for part in parts:
                if (new_pkey, part["newWardKey"]) not in new_by_key:
                    fail(f"converter: successor {new_pkey}/{part['newWardKey']} is not in the 2025 list")
                successors_by_key[old_key].append((new_by_key[(new_pkey, part["newWardKey"])], 0))
    for old_key, targets in successors_by_key.items():
        wholes = {w for _, w in targets}
        codes_ = [c for c, _ in targets]
        if len(set(codes_)) != len(codes_):
            fail(f"converter: {old_key} names one successor twice")
        if wholes == {1} and len(targets) != 1:
            fail(f"converter: {old_key} goes wholly to {len(targets)} communes")
        if 0 in wholes and 1 in wholes:
            fail(f"converter: {old_key} is both divided and not divided")
        if 0 in wholes and len(targets) < 2:
            fail(f"converter: {old_key} is 'divided' into a single commune")
    island_keys = {f'{r["pkey"]}_{r["dkey"]}_' for r in legacy_islands}
    unknown = set(successors_by_key) - set(legacy_keys.values()) - island_keys
    if unknown:
        fail(f"converter: {len(unknown)} old keys not in the legacy list, e.g. {sorted(unknown)[:3]}")

    # ---- succession of every pre-reform commune (all of them have one)
    succession_rows = []
    missing = [wc for wc in sorted(communes) if not successors_by_key.get(legacy_keys[wc])]
    if missing:
        fail(f"converter: {len(missing)} pre-reform communes have no successor, e.g. {missing[:3]}")
    for wc in sorted(communes):
        for new_code, whole in successors_by_key[legacy_keys[wc]]:
            succession_rows.append(("3", wc, new_code, str(whole)))

    # ---- province succession
    province_successor = {}
    for new_pkey, old_pkeys in converter["DICT_PROVINCE"].items():
        if new_pkey not in province_key_2025:
            fail(f"converter: province {new_pkey} not in the 2025 list")
        for old_pkey in old_pkeys:
            if old_pkey not in old_pkey_to_code:
                fail(f"converter: old province {old_pkey} unknown")
            old_pc = old_pkey_to_code[old_pkey]
            if old_pc in province_successor:
                fail(f"converter: old province {old_pc} has two successors")
            province_successor[old_pc] = province_key_2025[new_pkey]
    if set(province_successor) != set(provinces):
        fail("converter: the old provinces with a successor are not the 63 of the pre-reform list")
    # Cross-check: most of each old province's communes went to that province.
    votes = collections.defaultdict(collections.Counter)
    new_parent = {c: u.parent for c, u in units2025.items()}
    for _, old, new_code, _ in succession_rows:
        old_pc = districts[communes[old].parent].parent
        votes[old_pc][new_parent[new_code]] += 1
    for old_pc, counter in sorted(votes.items()):
        top = counter.most_common(1)[0][0]
        if top != province_successor[old_pc]:
            fail(f"province {old_pc}: converter says {province_successor[old_pc]}, its communes say {top}")
        stray = sum(n for pc, n in counter.items() if pc != top)
        if stray:
            note(f"  province {old_pc}: {stray} commune successions lead outside {top}: {dict(sorted(counter.items()))}")
    province_successor[HA_TAY] = "01"
    for old_pc, new_pc in province_successor.items():
        succession_rows.append(("1", old_pc, new_pc, "1"))

    # ---- the pre-reform units with curated history
    units2004 = []
    if provinces[HUE].name != "Huế" or provinces[HUE].kind != "Thành phố Trung ương":
        fail(f"province {HUE} expected as Thành phố Huế, found {provinces[HUE].kind} {provinces[HUE].name}")
    for u in provinces.values():
        u.end = SNAPSHOT_TO
        if u.code == HUE:
            units2004.append(Unit(HUE, 1, "Tỉnh", "Thừa Thiên Huế", "", "", "2024-12-31", origin="curated"))
            u.start = HUE_CITY_FROM
        units2004.append(u)
    if HA_TAY in provinces:
        fail(f"province code {HA_TAY} (Hà Tây) unexpectedly in the list")
    units2004.append(Unit(HA_TAY, 1, "Tỉnh", "Hà Tây", "", "", HA_TAY_TO, origin="curated"))
    missing_ha_tay = set(HA_TAY_DISTRICTS) - set(districts)
    if missing_ha_tay:
        fail(f"Hà Tây districts missing from the list: {sorted(missing_ha_tay)}")
    for u in districts.values():
        u.end = SNAPSHOT_TO
        if u.code in HA_TAY_DISTRICTS or u.code == ME_LINH:
            if u.parent != "01":
                fail(f"district {u.code} expected in Hà Nội, found in {u.parent}")
            old_parent = HA_TAY if u.code in HA_TAY_DISTRICTS else VINH_PHUC
            old_kind = HA_TAY_DISTRICTS.get(u.code) or u.kind
            units2004.append(Unit(u.code, 2, old_kind, u.name, old_parent, "", HA_TAY_TO, origin="curated"))
            u.start = HANOI_FROM
        units2004.append(u)
    if LUONG_SON not in districts or districts[LUONG_SON].parent != "17":
        fail("huyện Lương Sơn (152) not found in Hòa Bình")
    for wc, district in LUONG_SON_COMMUNES.items():
        if wc not in communes or communes[wc].parent != district:
            fail(f"commune {wc} expected in district {district}")
    for u in communes.values():
        u.end = SNAPSHOT_TO
        if u.code in LUONG_SON_COMMUNES:
            units2004.append(Unit(u.code, 3, u.kind, u.name, LUONG_SON, "", HA_TAY_TO, origin="curated"))
            u.start = HANOI_FROM
        units2004.append(u)

    # ---- checks over the outputs
    codes2004 = collections.defaultdict(list)
    for u in units2004:
        codes2004[(u.level, u.code)].append(u)
    known = {(u.level, u.code) for u in units2004}
    for u in units2004:
        if len(u.code) != CODE_WIDTH[u.level]:
            fail(f"{u.code}: not {CODE_WIDTH[u.level]} digits at level {u.level}")
        if u.level > 1 and (u.level - 1, u.parent) not in known:
            fail(f"{u.code}: parent {u.parent} missing")
        if u.level == 1 and u.parent:
            fail(f"{u.code}: a province with a parent")
        if u.kind not in KINDS[u.level]:
            fail(f"{u.code}: kind {u.kind}")
    for key, spans in codes2004.items():
        spans.sort(key=lambda s: (s.start, s.end or "9999"))
        for a, b in zip(spans, spans[1:]):
            if not a.end or not b.start or a.end >= b.start:
                fail(f"code {key[1]}: overlapping spans")
    # Each row's parent code exists throughout the row's span (its rows, one after the other, cover it).
    def covers(spans, start, end):
        reached = None                      # the last day covered so far; None: nothing yet
        for s in sorted(spans, key=lambda s: s.start):
            if reached is None:
                if (s.start or "") > (start or ""):
                    return False
            elif s.start != (dt.date.fromisoformat(reached) + dt.timedelta(days=1)).isoformat():
                return False
            reached = s.end or "9999-12-31"
            if reached >= (end or "9999-12-31"):
                return True
        return False
    for u in units2004:
        if u.level > 1 and not covers(codes2004[(u.level - 1, u.parent)], u.start, u.end):
            fail(f"{u.code} ({u.start}..{u.end}): parent {u.parent} does not cover the span")
    new_units = [Unit(pc, 1, k, n, "", REFORM_FROM, "", origin="vau") for pc, (k, n, _) in new_provinces.items()]
    new_units += list(units2025.values())
    seen = set()
    for u in new_units:
        if (u.level, u.code) in seen:
            fail(f"2025: duplicate code {u.code}")
        seen.add((u.level, u.code))
        if u.level == 3 and u.parent not in new_provinces:
            fail(f"2025 commune {u.code}: province {u.parent} missing")
        if u.kind not in KINDS[u.level]:
            fail(f"2025 {u.code}: kind {u.kind}")
    old_codes = {(u.level, u.code) for u in units2004}
    new_codes = {(u.level, u.code) for u in new_units}
    pairs = set()
    for level, old, new_code, whole in succession_rows:
        if (int(level), old) not in old_codes:
            fail(f"succession: old {old} not in units-2004")
        if (int(level), new_code) not in new_codes:
            fail(f"succession: successor {new_code} not in units-2025")
        if (level, old, new_code) in pairs:
            fail(f"succession: duplicate {old} -> {new_code}")
        pairs.add((level, old, new_code))
    with_successor = {old for level, old, _, _ in succession_rows if level == "3"}
    if with_successor != {c for level, c in old_codes if level == 3}:
        fail("succession: not every pre-reform commune has a successor")
    predecessors = collections.Counter(new for level, _, new, _ in succession_rows if level == "3")
    orphans = [u.code for u in units2025.values() if predecessors[u.code] == 0]
    for wc in orphans:
        note(f"  2025 commune without a pre-reform predecessor commune: {wc} '{units2025[wc].kind} {units2025[wc].name}'")
    for row in legacy_islands:
        old_key = f'{row["pkey"]}_{row["dkey"]}_'
        targets = successors_by_key.get(old_key, [])
        note(f"  island district {code(row['dc'], 2)} '{row['district']}' (no communes) -> "
             + ", ".join(f"{c} '{units2025[c].kind} {units2025[c].name}'" for c, _ in targets))

    # ---- code reuse between the eras
    old3 = {u.code: u for u in units2004 if u.level == 3}
    preds = collections.defaultdict(set)
    for level, old, new_code, _ in succession_rows:
        if level == "3":
            preds[new_code].add(old)
    reuse_own = reuse_other = 0
    reuse_other_examples = []
    for wc, u in sorted(units2025.items()):
        if wc in old3:
            if wc in preds[wc]:
                reuse_own += 1
            else:
                reuse_other += 1
                o = old3[wc]
                reuse_other_examples.append(f"{wc}: 2025 '{u.kind} {u.name}' ({u.parent}) vs pre-2025 '{o.kind} {o.name}' "
                                            f"(district {o.parent}), predecessors {sorted(preds[wc])}")
    note(f"2025 commune codes also used by a pre-reform commune: {reuse_own} of them by one of its own predecessors, "
         f"{reuse_other} by a commune that is not a predecessor")
    for line in reuse_other_examples:
        note("  " + line)

    split = collections.Counter(old for level, old, _, whole in succession_rows if level == "3" and whole == "0")
    parts = collections.Counter(split.values())
    stats["units-2004 rows"] = collections.Counter(u.level for u in units2004)
    stats["units-2004 distinct codes"] = collections.Counter(level for level, _ in codes2004)
    stats["units-2004 kinds"] = collections.Counter(f"{u.level} {u.kind}" for u in units2004 if u.end == SNAPSHOT_TO)
    stats["units-2025 rows"] = collections.Counter(u.level for u in new_units)
    stats["units-2025 kinds"] = collections.Counter(u.kind for u in new_units if u.level == 3)
    stats["succession rows"] = collections.Counter(level for level, _, _, _ in succession_rows)
    stats["succession: communes wholly to one successor"] = len(with_successor - set(split))
    stats["succession: split communes (whole=0), by number of parts"] = (len(split), dict(sorted(parts.items())))
    stats["2025 communes without predecessor commune"] = len(orphans)
    stats["code reuse: 2025 code = own predecessor's code"] = reuse_own
    stats["code reuse: 2025 code = another pre-2025 commune's code"] = reuse_other

    return units2004, new_units, succession_rows, stats


# --------------------------------------------------------------------------------------------
# Writing


def header_lines(title: str, sources: list[str]) -> list[str]:
    lines = [f"# {title}", "# sources: " + "; ".join(sources),
             "# generated by tools/admin-units/build.py; do not edit by hand (see tools/admin-units/README.md)"]
    return lines


def write_tsv(path: Path, comments: list[str], header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    for line in comments:
        out.write(nfc(line) + "\n")
    out.write("\t".join(header) + "\n")
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field or "\r" in field:
                fail(f"{path.name}: field {field!r} contains a tab or line break")
            if nfc(field) != field:
                fail(f"{path.name}: field {field!r} is not NFC")
        out.write("\t".join(row) + "\n")
    path.write_bytes(out.getvalue().encode("utf-8"))


def src(key: str) -> str:
    package, version = SOURCES[key][:2]
    return f"{package} {version}"


TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")


def version_text(build_date: str) -> str:
    """VERSION: `list-2004 TOKEN`, `list-2025 TOKEN` (read by hotich), then one
    `source NAME VERSION LICENCE ROLE` line per package and `built YYYY-MM-DD`."""
    lines = []
    for era in ("2004", "2025"):
        token = LIST_VERSIONS[era]
        if not TOKEN.fullmatch(token) or len(token) > 64:
            fail(f"list version {token!r} is not a short token")
        lines.append(f"list-{era} {token}")
    for key in ("vau", "vp2004", "vp2025"):
        package, version, _, _, licence, role = SOURCES[key]
        if role not in ("shipped", "cross-check"):
            fail(f"source {package}: role {role!r}")
        lines.append(f"source {package} {version} {licence} {role}")
    lines.append(f"built {build_date}")
    return "".join(line + "\n" for line in lines)


LICENCE_FILE = "LICENSE-vietnamadminunits.txt"
LICENCE_MEMBER = "vietnamadminunits-1.0.4.dist-info/licenses/LICENSE"


def licence_text(wheel: Path) -> str:
    """The shipped source's MIT licence, verbatim from its wheel, after a line saying what it covers."""
    text = read_member(wheel, LICENCE_MEMBER).decode("utf-8").replace("\r\n", "\n")
    if not text.startswith("MIT License") or "Tran Ngoc Minh Hieu" not in text:
        fail(f"{LICENCE_MEMBER}: not the expected MIT licence")
    return ("units-2004.tsv, units-2025.tsv and succession-2025.tsv in this folder are derived from\n"
            "vietnamadminunits 1.0.4 (https://github.com/tranngocminhhieu/vietnamadminunits),\n"
            "made available under the following licence (copied from its wheel):\n\n" + text.rstrip("\n") + "\n")


def write_all(out_dir: Path, units2004, units2025, succession_rows, build_date: str, licence: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    allowed = {"units-2004.tsv", "units-2025.tsv", "succession-2025.tsv", "historical-names.tsv", "VERSION", LICENCE_FILE}
    extra = sorted(p.name for p in out_dir.iterdir() if p.name not in allowed)
    if extra:
        fail(f"{out_dir} holds files this script does not write: {extra}")
    shipped = [k for k, v in SOURCES.items() if v[5] == "shipped"]
    if shipped != ["vau"]:
        fail(f"only vietnamadminunits may be shipped, not {shipped}")

    unit_header = ["code", "level", "kind", "name", "parent", "from", "to"]

    def unit_sort(u):
        return (u.level, u.code, u.start, u.end or "9999-99-99", u.parent)

    for u in units2004 + units2025:
        if u.origin not in ("vau", "vau-legacy", "curated"):
            fail(f"{u.code}: row of origin {u.origin!r} would be shipped")
    write_tsv(out_dir / "units-2004.tsv",
              header_lines("Administrative units before 2025-07-01 (GSO codes, QĐ 124/2004/QĐ-TTg): 63 provinces, "
                           "their districts and communes as on 2025-06-30 (GSO's list of 2025-07-18), plus curated history",
                           [src("vau") + " (MIT; table admin_units_legacy)",
                            "curated rows: Hà Tây 2008, Mê Linh 2008, 4 communes of Lương Sơn 2008, Thừa Thiên Huế 2025"]),
              unit_header, [u.row() for u in sorted(units2004, key=unit_sort)])
    write_tsv(out_dir / "units-2025.tsv",
              header_lines("Administrative units from 2025-07-01: 34 provinces and their communes (no districts)",
                           [src("vau") + " (MIT; table admin_units; codes as on the official list of 2025, see README)"]),
              unit_header, [u.row() for u in sorted(units2025, key=unit_sort)])
    rows = sorted(([lvl, old, new, whole] for lvl, old, new, whole in succession_rows),
                  key=lambda r: (int(r[0]), r[1], r[2]))
    write_tsv(out_dir / "succession-2025.tsv",
              header_lines("Successors on 2025-07-01: level 3 old commune -> new commune(s), whole=1 entirely, 0 in part; "
                           "level 1 old province -> the new province holding most of it",
                           [src("vau") + " (MIT; data/converter_2025.json)", "curated: Hà Tây (28) -> 01"]),
              ["level", "old", "new", "whole"], rows)
    hist = sorted(([nfc(v) for v in row] for row in HISTORICAL_NAMES), key=lambda r: (r[3], r[0]))
    for row in hist:
        for c in row[4].split(","):
            if not re.fullmatch(r"\d\d", c):
                fail(f"historical-names: bad code {c!r}")
    write_tsv(out_dir / "historical-names.tsv",
              header_lines("Former provinces without a 2004-scheme code, and the 2004-scheme provinces covering them",
                           ["curated; see tools/admin-units/README.md"]),
              ["name", "kind", "from", "to", "codes", "aliases", "source"], hist)
    (out_dir / "VERSION").write_bytes(version_text(build_date).encode("utf-8"))
    (out_dir / LICENCE_FILE).write_bytes(licence.encode("utf-8"))


def check_written(out_dir: Path, units2004_codes: set) -> None:
    """Re-read the historical-names codes and make sure each is a 2004-scheme province."""
    lines = [line for line in (out_dir / "historical-names.tsv").read_text(encoding="utf-8").split("\n")
             if line and not line.startswith("#")]
    if not lines or lines[0] != "name\tkind\tfrom\tto\tcodes\taliases\tsource":
        fail("historical-names.tsv: unexpected header")
    for line in lines[1:]:
        for c in line.split("\t")[4].split(","):
            if (1, c) not in units2004_codes:
                fail(f"historical-names: {c} is not a province of units-2004")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="folder holding (or to receive) the pinned wheels")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--build-date", default=None,
                        help="date written in VERSION (default: SOURCE_DATE_EPOCH if set, else today, UTC)")
    parser.add_argument("--report", type=Path, help="also write the detailed cross-check report to this file")
    args = parser.parse_args(argv)

    if args.build_date:
        build_date = dt.date.fromisoformat(args.build_date).isoformat()
    elif os.environ.get("SOURCE_DATE_EPOCH"):
        build_date = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date().isoformat()
    else:
        build_date = dt.datetime.now(dt.timezone.utc).date().isoformat()

    report: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="admin-units-") as tmp:
            cache = args.cache or Path(tmp) / "wheels"
            paths = fetch_wheels(cache)
            units2004, units2025, succession_rows, stats = build(paths, Path(tmp), report)
            licence = licence_text(paths["vau"])
        write_all(args.out, units2004, units2025, succession_rows, build_date, licence)
        check_written(args.out, {(u.level, u.code) for u in units2004})
    except (BuildError, subprocess.CalledProcessError, KeyError, ValueError, sqlite3.Error, zipfile.BadZipFile) as error:
        print(f"build.py: FAILED: {error}", file=sys.stderr)
        return 1

    for line in report:
        print(line)
    if args.report:
        args.report.write_text("\n".join(report) + "\n", encoding="utf-8")
    print()
    print("counts (provinces, districts, communes) and checks:")
    for key, value in stats.items():
        if isinstance(value, collections.Counter):
            value = ", ".join((f"level {k}" if isinstance(k, int) else k) + f": {value[k]}" for k in sorted(value))
        print(f"  {key}: {value}")
    total = 0
    for path in sorted(args.out.iterdir()):
        total += path.stat().st_size
        print(f"  {path.name}: {path.stat().st_size} bytes")
    print(f"  total: {total} bytes")
    if total > 3 * 1024 * 1024:
        print("build.py: FAILED: the folder is over 3 MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
