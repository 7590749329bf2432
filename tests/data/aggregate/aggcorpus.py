"""Builders of the aggregation test corpus: valid assessments, and broken and hostile files.

Everything is generated on the fly (into a test's tmp_path, or a cache folder for the
benchmark); no binary file is kept in the repository.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import random
import struct
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from smedigital.aggregate.guard import Limits
from smedigital.aggregate.reader import FileOutcome, read_file
from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment, Company, load_assessment, save_assessment
from smedigital.core.framework import Framework, get_framework
from smedigital.core.profile import CREDIT_CODE_CHARSET, credit_code_check_char, load_industries
from smedigital.core.resources import resource_path
from smedigital.export.record import RECORD_SHEET, read_key_values
from smedigital.export.workbook import write_plan_workbook

FRAMEWORK = "miit-2024-manufacturing"
SAMPLE = resource_path("samples", "manufacturer-miit.smd.json")
REGIONS = ("浙江省宁波市北仑区", "浙江省宁波市鄞州区", "江苏省苏州市工业园区", "广东省东莞市", "四川省成都市高新区")


# --------------------------------------------------------------------------- valid assessments

def sample() -> Assessment:
    return load_assessment(SAMPLE)


def other_samples() -> list[Assessment]:
    """The bundled samples besides the manufacturer's (other frameworks, and a firm before and after)."""
    return [load_assessment(p) for p in sorted(SAMPLE.parent.glob("*.smd.json")) if p != SAMPLE]


def credit_code(rng: random.Random) -> str:
    body = "91" + "".join(rng.choice("0123456789") for _ in range(6)) + \
        "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return body + credit_code_check_char(body)


def random_answer(q: Any, rng: random.Random) -> Answer:
    if q.na_allowed and rng.random() < 0.1:
        return Answer(na=True)
    if q.kind == "single":
        return Answer(choice=rng.choice(q.options).id)
    if q.kind == "multi":
        plain = [o.id for o in q.options if not o.exclusive]
        return Answer(choices=tuple(rng.sample(plain, rng.randint(1, len(plain)))))
    if q.kind in ("scene", "scale"):
        return Answer(level=rng.randint(0, 4))
    if q.kind == "ratio_band":
        den = rng.randint(1, 200)
        raw = {q.ratio.denominator: den, q.ratio.numerator: rng.randint(0, den)}
        return Answer(raw=raw)
    if q.kind == "trend":
        return Answer(raw={i.id: rng.randint(1, 1000) for i in q.inputs})
    raise ValueError(q.kind)


def random_assessment(rng: random.Random, fw: Framework | None = None, *, name: str | None = None,
                      code: str | None = None, region: str | None = None, industry: str | None = None,
                      assessed_on: str | None = None, share_contact: bool | None = None) -> Assessment:
    fw = fw or get_framework(FRAMEWORK)
    industries = load_industries()
    if industry is None:
        section = rng.choice(["C", "C", "C", "F", "G", "I", "L", "M"])
        divisions = industries.sections[section].divisions
        industry = f"{section}{rng.choice(divisions)}" if divisions and rng.random() < 0.7 else section
    company = Company(
        name=name if name is not None else f"测试企业{rng.randint(1, 10**6)}有限公司",
        credit_code=code if code is not None else (credit_code(rng) if rng.random() < 0.8 else ""),
        industry=industry, employees=rng.randint(3, 900), revenue_wan=rng.randint(50, 90_000),
        assets_wan=rng.randint(50, 90_000), region=region if region is not None else rng.choice(REGIONS),
        contact=f"张三 138{rng.randint(10**7, 10**8 - 1)}",
        share_contact=share_contact if share_contact is not None else rng.random() < 0.5)
    modules = fw.modules_for(company.industry_section)
    answers = {q.id: random_answer(q, rng) for q in fw.questions_for(modules) if rng.random() < 0.95}
    date = assessed_on or (_dt.date(2026, 1, 1) + _dt.timedelta(days=rng.randint(0, 300))).isoformat()
    return Assessment(fw.id, fw.version, company, date, "测试顾问", answers)


def plan_workbook(path: Path, assessment: Assessment, lang: str = "zh", plan: Any = None) -> Path:
    write_plan_workbook(assessment, path, lang, plan, now=_dt.datetime(2026, 11, 29, 9, 0, 0))
    return path


def assessment_file(path: Path, assessment: Assessment) -> Path:
    save_assessment(assessment, path)
    return path


# --------------------------------------------------------------------------- edits of a valid workbook

def record_of(path: Path) -> dict[str, Any]:
    wb = load_workbook(path)
    ws = wb[RECORD_SHEET]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    return read_key_values(cells)


def edit_workbook(src: Path, dst: Path, sheet: str | None, cell: str, value: Any) -> Path:
    """A copy of a workbook with one cell changed (``sheet`` None: the summary sheet)."""
    wb = load_workbook(src)
    kv = record_of(src)
    ws = wb[sheet or kv["summary_sheet"]]
    ws[cell] = value
    wb.save(dst)
    return dst


def edited_score(src: Path, dst: Path) -> Path:
    """The total on the summary sheet raised by 10 points, as someone might do by hand."""
    kv = record_of(src)
    coord = json.loads(kv["visible"])["total"]
    shown = load_workbook(src)[kv["summary_sheet"]][coord].value
    return edit_workbook(src, dst, None, coord, float(shown) + 10)


def future_version(src: Path, dst: Path) -> Path:
    wb = load_workbook(src)
    ws = wb[RECORD_SHEET]
    for row in ws.iter_rows():
        if row[0].value == "version":
            row[1].value = 2
    wb.save(dst)
    return dst


def fill_template(path: Path, fill: dict[str, Any], profile: dict[str, Any]) -> Path:
    """Fill a blank questionnaire through its map: ``fill`` question id → value for its main cell."""
    wb = load_workbook(path)
    kv = record_of(path)
    qmap = json.loads(kv["questions"])
    pmap = json.loads(kv["profile"])
    psheet = wb[kv["profile_sheet"]]
    for key, value in profile.items():
        psheet[pmap[key]] = value
    for qid, value in fill.items():
        entry = qmap[qid]
        ws = wb[entry["sheet"]]
        if "level" in entry:
            ws[entry["level"]] = value
        elif "answer" in entry:
            ws[entry["answer"]] = value
        elif "options" in entry:
            for cell in list(entry["options"])[: int(value)]:
                ws[cell] = "是"
        elif "inputs" in entry:
            for cell in entry["inputs"]:
                ws[cell] = value
    wb.save(path)
    return path


# --------------------------------------------------------------------------- broken and hostile files

def truncated_zip(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


def not_a_zip(dst: Path) -> Path:
    dst.write_bytes(bytes(random.Random(7).randrange(1, 256) for _ in range(3000)))
    return dst


def csv_renamed(dst: Path) -> Path:
    dst.write_text("企业名称,总分,等级\n宁波某某有限公司,88,三级\n", encoding="utf-8")
    return dst


def zip_bomb(dst: Path, megabytes: int = 200) -> Path:
    """A zip with one highly compressible entry (zeros), written streaming: small on disk and in memory."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return dst


def lying_zip(dst: Path, real: int = 8 << 20, declared: int = 4000) -> Path:
    """A zip whose headers declare a small entry that inflates to much more (sizes are not to be trusted)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("xl/sharedStrings.xml", bytes(real))
    data = bytearray(buf.getvalue())
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size in both headers
        start = 0
        while (i := data.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == b"xl/sharedStrings.xml":
                struct.pack_into("<I", data, i + offset, declared)
            start = i + 4
    dst.write_bytes(bytes(data))
    return dst


BILLION_LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n'
                  b'<!ENTITY lol "lol">\n'
                  + b"".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
                             for i in range(1, 10))
                  + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def billion_laughs(src: Path, dst: Path, part: str = "xl/sharedStrings.xml") -> Path:
    """A valid workbook with one part replaced by (or added as) nested entities."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info))
        zout.writestr(part, BILLION_LAUGHS)
    return dst


_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                  '2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(dst: Path, streams: dict[str, bytes]) -> Path:
    """A minimal OLE2/CFB compound file (version 3, 512-byte sectors) holding the given streams.

    Streams are padded to at least 4096 bytes so they live in ordinary sectors (no mini stream).
    """
    names = list(streams)
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    sectors = [(len(d) + 511) // 512 for d in datas]
    n_dir = (len(names) + 1 + 3) // 4
    first = 1 + n_dir  # sector 0: the FAT; then the directory; then the streams
    fat = [_FATSECT] + [_END if i == n_dir - 1 else 1 + i + 1 for i in range(n_dir)]
    starts = []
    at = first
    for n in sectors:
        starts.append(at)
        fat += [at + i + 1 for i in range(n - 1)] + [_END]
        at += n
    assert len(fat) <= 128, "one FAT sector is enough for these tests"
    fat += [_FREE] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, _END, 0, _END)
    struct.pack_into("<I109I", header, 72, 0, 0, *([_FREE] * 108))  # no DIFAT sectors; DIFAT[0]: the FAT is sector 0

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\0\0"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, _FREE, right, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    # siblings as a simple chain of right links (valid, if not balanced)
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    right = {order[k]: order[k + 1] + 1 for k in range(len(order) - 1)}
    entries = [entry("Root Entry", 5, order[0] + 1 if order else _FREE, _FREE, _END, 0)]
    entries += [entry(n, 2, _FREE, right.get(i, _FREE), starts[i], len(datas[i])) for i, n in enumerate(names)]
    directory = b"".join(entries).ljust(n_dir * 512, b"\0")
    body = struct.pack("<128I", *fat) + directory + b"".join(d.ljust(s * 512, b"\0") for d, s in zip(datas, sectors, strict=True))
    dst.write_bytes(bytes(header) + body)
    return dst


def encrypted_workbook(dst: Path) -> Path:
    """What Excel writes for an .xlsx saved with a password: an OLE2 file with EncryptionInfo/EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    package = struct.pack("<Q", 20_000) + bytes(random.Random(3).randrange(256) for _ in range(5000))
    return compound_file(dst, {"EncryptionInfo": info, "EncryptedPackage": package})


def old_xls(dst: Path) -> Path:
    """An Excel 97-2003 file: an OLE2 file with a Workbook stream starting with a BIFF8 BOF record."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    return compound_file(dst, {"Workbook": bof + struct.pack("<HH", 0x000A, 0)})


# --------------------------------------------------------------------------- readers for the pool tests

def slow_or_crashing_reader(index: int, path: str, limits: Limits) -> FileOutcome:
    """read_file, except that a file named slow* never finishes and one named crash* kills its process."""
    name = os.path.basename(path)
    if name.startswith("slow"):
        time.sleep(3600)
    if name.startswith("crash"):
        os._exit(3)
    return read_file(index, path, limits)


def numpy_reporting_reader(index: int, path: str, limits: Limits) -> FileOutcome:
    """read_file, its outcome's detail saying whether numpy was loaded in the process that read it."""
    out = read_file(index, path, limits)
    out.detail = f"numpy loaded: {sys.modules.get('numpy') is not None}"
    return out


def with_company(a: Assessment, **changes: Any) -> Assessment:
    return replace(a, company=replace(a.company, **changes))
