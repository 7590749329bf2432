"""The guard in front of the spreadsheet readers: each limit, each kind of file, without worker processes."""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate.guard import Limits, Rejected, inspect_bytes, ole2_streams
from smedigital.aggregate.reader import read_file

LIMITS = Limits()


def code_of(data: bytes, name: str = "x.xlsx", limits: Limits = LIMITS) -> str:
    try:
        return inspect_bytes(data, name, limits)
    except Rejected as exc:
        return exc.code


def zip_of(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return corpus.plan_workbook(tmp_path_factory.mktemp("wb") / "plan.xlsx", corpus.sample())


def test_a_plan_workbook_passes(workbook):
    assert code_of(workbook.read_bytes()) == "xlsx"


def test_kinds_by_content_not_by_name(workbook):
    assert code_of(b"") == "empty"
    assert code_of(b'\xef\xbb\xbf {"format": "x"}', "a.xlsx") == "json"
    assert code_of("名称,得分\n甲,1\n".encode("gb18030"), "a.xlsx") == "not-ours"
    assert code_of(bytes(range(256)) * 4) == "not-ours"
    assert code_of(workbook.read_bytes(), "renamed.smd.json") == "xlsx"


def test_size_limit():
    assert code_of(b"x" * 101, limits=Limits(max_file_bytes=100)) == "too-large"


def test_truncated_and_damaged_zips(workbook):
    data = workbook.read_bytes()
    for cut in (len(data) // 3, len(data) - 30):
        assert code_of(data[:cut]) == "damaged"
    flipped = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    flipped[info.header_offset + 30 + len(info.filename) + 40] ^= 0xFF
    assert code_of(bytes(flipped)) == "damaged"


def test_zip_bomb_limits():
    zeros = bytes(2 << 20)
    assert code_of(zip_of({"[Content_Types].xml": b"<Types/>", "big.xml": zeros})) == "zip-bomb"  # ratio
    many = {f"p{i}.bin": b"x" for i in range(30)}
    assert code_of(zip_of(many), limits=Limits(max_entries=20)) == "zip-bomb"
    stored = zip_of({"[Content_Types].xml": b"<Types/>", "a.bin": zeros}, zipfile.ZIP_STORED)
    assert code_of(stored, limits=Limits(max_total_bytes=1 << 20)) == "zip-bomb"


def test_a_200_mb_bomb_is_refused_fast_and_small(tmp_path):
    bomb = corpus.zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 1 << 20
    start = time.perf_counter()
    outcome = read_file(0, str(bomb), LIMITS)
    assert (outcome.status, outcome.code) == ("rejected", "zip-bomb")
    assert time.perf_counter() - start < 1.0


def test_declared_sizes_are_not_trusted(tmp_path):
    data = corpus.lying_zip(tmp_path / "lying.xlsx").read_bytes()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/sharedStrings.xml")
    assert info.file_size == 4000  # what the headers claim
    with pytest.raises(Rejected) as exc:
        inspect_bytes(data, "lying.xlsx", LIMITS)
    assert exc.value.code == "zip-bomb" and "declares" in exc.value.detail


def test_xml_entities_in_any_encoding(workbook, tmp_path):
    assert code_of(corpus.billion_laughs(workbook, tmp_path / "a.xlsx").read_bytes()) == "xml-entities"
    assert code_of(corpus.billion_laughs(workbook, tmp_path / "b.xlsx", "xl/workbook.xml").read_bytes()) == \
        "xml-entities"
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16-le")
    assert code_of(zip_of({"[Content_Types].xml": corpus._CONTENT_TYPES.encode(), "xl/styles.xml": utf16})) == \
        "xml-entities"


def test_other_zips_and_office_files():
    assert code_of(zip_of({"a.txt": b"hello"})) == "not-ours"
    word = corpus._CONTENT_TYPES.replace("spreadsheetml.sheet", "wordprocessingml.document")
    assert code_of(zip_of({"[Content_Types].xml": word.encode()})) == "not-ours"
    assert code_of(zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})) == "ods"
    lzma = zip_of({"[Content_Types].xml": corpus._CONTENT_TYPES.encode()}, zipfile.ZIP_LZMA)
    assert code_of(lzma) == "not-ours"
    encrypted = bytearray(zip_of({"[Content_Types].xml": corpus._CONTENT_TYPES.encode()}))
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the 'encrypted' flag in both headers
        i = encrypted.find(sig)
        encrypted[i + at] |= 1
    assert code_of(bytes(encrypted)) == "encrypted"


def test_ole2_files(tmp_path):
    enc = corpus.encrypted_workbook(tmp_path / "enc.xlsx").read_bytes()
    assert {"EncryptionInfo", "EncryptedPackage"} <= ole2_streams(enc)
    assert code_of(enc, "enc.xlsx") == "encrypted"
    assert code_of(enc, "enc.xls") == "encrypted"  # the stream decides, not the name
    xls = corpus.old_xls(tmp_path / "old.xls").read_bytes()
    assert code_of(xls, "old.xls") == code_of(xls, "renamed.xlsx") == "old-xls"
    doc = corpus.compound_file(tmp_path / "old.doc", {"WordDocument": b"\xec\xa5"}).read_bytes()
    assert code_of(doc, "old.doc") == "not-ours"
    assert code_of(doc, "old.xls") == "old-xls"  # an OLE2 file named .xls: what it claims to be


def test_openpyxl_reads_what_calamine_cannot(workbook, monkeypatch):
    import python_calamine

    class Refusing:
        @classmethod
        def from_filelike(cls, *args, **kwargs):
            raise python_calamine.CalamineError("cannot parse")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Refusing)
    outcome = read_file(0, str(workbook), LIMITS)
    assert (outcome.status, outcome.code) == ("accepted", "workbook")
    assert outcome.row is not None and outcome.row.credit_code == "91330206MA2H7Q3K58"


def test_the_cell_budget_finds_the_same_area_by_its_fast_and_its_careful_scan(workbook, tmp_path):
    from smedigital.aggregate.guard import CellBudget
    from smedigital.export.template import write_template

    write_template(corpus.FRAMEWORK, tmp_path / "q.xlsx", "zh")
    for path in (workbook, tmp_path / "q.xlsx"):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                content = zf.read(name)
                if b"sheetData" not in content:
                    continue
                fast, slow = CellBudget(LIMITS), CellBudget(LIMITS)
                assert fast._sheet_fast(content) is not None  # what openpyxl writes takes the fast way
                fast._sheet(name, content)
                slow._sheet_slow(name, content)
                assert (fast.area, fast.text, fast.shared_uses) == (slow.area, slow.text, slow.shared_uses), name


def test_the_fast_cell_scan_takes_the_largest_reference_wherever_it_is():
    """Cells out of order, past their row, with leading zeros or the reference not first: the fast scan
    (each distinct reference converted once) finds the area the careful one does."""
    from smedigital.aggregate.guard import CellBudget

    sheets = [
        b'<worksheet><sheetData><row r="2"><c r="C2"/><c r="AB9"/></row><row r="1"><c r="B1"/></row>'
        b'</sheetData></worksheet>',
        b'<worksheet><sheetData><row r="3"><c r="A0012"/><c r="Z3"/><c r="A0012"/></row></sheetData></worksheet>',
        b'<worksheet><sheetData><row r="1"><c s="1" r="ZZ1"/><c r="B700"/></row><row r="10"/></sheetData></worksheet>',
        b'<worksheet><dimension ref="A1:D40"/><sheetData><row r="5"><c r="D5" t="s"><v>0</v></c></row>'
        b'</sheetData></worksheet>',
    ]
    expected = [28 * 9, 26 * 12, 702 * 700, 4 * 40]
    for content, area in zip(sheets, expected, strict=True):
        fast, slow = CellBudget(LIMITS), CellBudget(LIMITS)
        assert CellBudget(LIMITS)._sheet_fast(content) is not None
        fast._sheet("xl/worksheets/sheet1.xml", content)
        slow._sheet_slow("xl/worksheets/sheet1.xml", content)
        assert fast.area == slow.area == area, content
        assert fast.shared_uses == slow.shared_uses


def test_the_one_scan_cell_budget_agrees_with_the_counting_scan_and_leaves_odd_sheets_to_it(workbook):
    """What the export writes (every reference first) is measured in one scan, as the counting scan measures it;
    a reference not first in its tag, or a tag with a namespace prefix, goes the careful ways."""
    from smedigital.aggregate.guard import CellBudget

    with zipfile.ZipFile(workbook) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets
    for content in sheets:
        budget = CellBudget(LIMITS)
        assert budget._refs_first(content) is not None
        assert budget._refs_first(content) == budget._refs_anywhere(content)
    late = b'<worksheet><sheetData><row r="1"><c r="B1"/><c s="1" r="ZZ1"/></row></sheetData></worksheet>'
    assert CellBudget(LIMITS)._refs_first(late) is None
    assert CellBudget(LIMITS)._sheet_fast(late) == (0, 1, 702)
    prefixed = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
                b'<x:row r="1"><x:c r="A1"/></x:row><row r="2"><c r="A2"/></row></x:sheetData></x:worksheet>')
    assert CellBudget(LIMITS)._sheet_fast(prefixed) is None


# ------------------------------------------------------------------ worksheets checked when they are read

def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The workbook with some parts' bytes replaced (the rest as they were, in the same order)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
    return buf.getvalue()


def _patch_headers(data: bytes, member: str, crc: int | None = None, size: int | None = None) -> bytes:
    """The zip with ``member``'s CRC and/or uncompressed size changed in its local and central headers."""
    out = bytearray(data)
    for sig, name_len_at, name_at, crc_at, size_at in ((b"PK\x03\x04", 26, 30, 14, 22), (b"PK\x01\x02", 28, 46, 16, 24)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            n = int.from_bytes(out[i + name_len_at:i + name_len_at + 2], "little")
            if bytes(out[i + name_at:i + name_at + n]) == member.encode():
                if crc is not None:
                    out[i + crc_at:i + crc_at + 4] = crc.to_bytes(4, "little")
                if size is not None:
                    out[i + size_at:i + size_at + 4] = size.to_bytes(4, "little")
            start = i + 4
    return bytes(out)


def _parts(path: Path) -> tuple[str, str, str]:
    """The worksheet parts of the record sheet, of the summary sheet and of a sheet the aggregation never reads."""
    import re

    from smedigital.export.record import RECORD_SHEET

    zf = zipfile.ZipFile(path)
    names = re.findall(rb'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"', zf.read("xl/workbook.xml"))
    targets = {rid: t for t, rid in re.findall(rb'Target="/?(?:xl/)?([^"]+)" Id="(rId\d+)"',
                                                zf.read("xl/_rels/workbook.xml.rels"))}
    part = {n.decode(): "xl/" + targets[rid].decode() for n, rid in names}
    record, summary = part[RECORD_SHEET], part[corpus.record_of(path)["summary_sheet"]]
    unread = next(p for p in part.values() if p not in (record, summary))
    return record, summary, unread


def _bad_crc(data: bytes, member: str) -> bytes:
    return _patch_headers(data, member, crc=zipfile.ZipFile(io.BytesIO(data)).getinfo(member).CRC ^ 1)


def _outcome(data: bytes, tmp_path: Path, name: str) -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    outcome = read_file(0, str(path), LIMITS)
    return outcome.status, outcome.code


def test_a_sheet_the_aggregation_never_reads_is_not_inflated_but_every_sheet_it_reads_is_checked(workbook, tmp_path):
    """Aggregation reads two sheets of a plan workbook (the record and the summary): only their parts, and the
    parts every reader opens (workbook, relationships, styles, shared strings …), are inflated with their CRC, XML
    and cells checked. A damaged or lying part among the sheets it never reads (the plan's own sheets), or among
    the parts python-calamine never opens (theme, charts, drawings, properties), cannot hurt the reader, which
    never opens it: such a file was refused before (every part was inflated) and is now read,
    after the checks its central directory allows (sizes, ratios, counts, encryption, bounds). The record's
    checksum still covers every value the aggregation takes, and a file handed whole to a reader
    (``inspect_bytes``: the import of a workbook, or openpyxl when calamine cannot read it) is still refused."""
    data = workbook.read_bytes()
    record, summary, unread = _parts(workbook)
    assert _outcome(data, tmp_path, "fine.xlsx") == ("accepted", "workbook")
    for part in (record, summary, "xl/styles.xml", "xl/workbook.xml"):
        assert _outcome(_bad_crc(data, part), tmp_path, "bad.xlsx") == ("rejected", "damaged"), part
    assert _outcome(_bad_crc(data, unread), tmp_path, "unread.xlsx") == ("accepted", "workbook")
    assert code_of(_bad_crc(data, unread)) == "damaged"  # a reader of every sheet is still protected
    # a part that inflates to far more than its headers say: refused where it is read, never inflated elsewhere
    huge = bytes(64 << 20)
    for part, want in ((record, ("rejected", "zip-bomb")), (summary, ("rejected", "zip-bomb")),
                       (unread, ("accepted", "workbook"))):
        lying = _patch_headers(_rezip(data, {part: huge}), part, size=4000)
        start = time.perf_counter()
        assert _outcome(lying, tmp_path, "lying.xlsx") == want, part
        assert time.perf_counter() - start < 2.0
    # the parts python-calamine never opens (properties, theme, charts, drawings, a sheet's relationships): each
    # one lying in turn, the file is still read, fast; were a newer calamine to open one, it would fail on it, and
    # openpyxl's fallback would check every part and refuse the file, so this test would say so
    names = zipfile.ZipFile(workbook).namelist()
    never = [n for n in names if n.startswith(("docProps/", "xl/theme/", "xl/charts/", "xl/drawings/",
                                               "xl/worksheets/_rels/"))]
    assert {n.split("/")[1] for n in never} >= {"app.xml", "theme", "charts", "drawings", "worksheets"}
    for part in never:
        lying = _patch_headers(_rezip(data, {part: huge}), part, size=4000)
        start = time.perf_counter()
        assert _outcome(lying, tmp_path, "lying.xlsx") == ("accepted", "workbook"), part
        assert time.perf_counter() - start < 2.0
        assert code_of(lying) == "zip-bomb"
    # a declared bomb is refused from the central directory wherever it is
    assert _outcome(_rezip(data, {unread: huge}), tmp_path, "declared.xlsx") == ("rejected", "zip-bomb")


def test_when_the_workbook_does_not_say_plainly_which_part_a_sheet_is_every_part_is_checked(workbook, tmp_path,
                                                                                            monkeypatch):
    """A comment in the workbook part (which could hide a sheet from one reader and not another), a sheet name
    given twice, or calamine failing (openpyxl then reads every sheet): every worksheet part is checked, so the
    damaged one nobody would read refuses the file as before."""
    data = workbook.read_bytes()
    _, _, unread = _parts(workbook)
    damaged = _bad_crc(data, unread)
    wb = zipfile.ZipFile(io.BytesIO(damaged)).read("xl/workbook.xml")
    commented = _bad_crc(_rezip(data, {"xl/workbook.xml": wb.replace(b"<sheets>", b"<!-- x --><sheets>", 1)}), unread)
    assert b"<!-- x -->" in zipfile.ZipFile(io.BytesIO(commented)).read("xl/workbook.xml")
    assert _outcome(commented, tmp_path, "commented.xlsx") == ("rejected", "damaged")

    import python_calamine

    class Refusing:
        @classmethod
        def from_filelike(cls, *args, **kwargs):
            raise python_calamine.CalamineError("cannot parse")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Refusing)
    # the two sheets read straight from their XML (cellxml): no reader opens the damaged part
    assert _outcome(damaged, tmp_path, "unread.xlsx") == ("accepted", "workbook")
    # sheets not in the exports' form go to calamine, which fails here: openpyxl reads them all, every part checked
    monkeypatch.setattr("smedigital.aggregate.reader.read_cells", lambda xml, numbers: None)
    assert _outcome(data, tmp_path, "fine.xlsx") == ("accepted", "workbook")
    assert _outcome(damaged, tmp_path, "openpyxl.xlsx") == ("rejected", "damaged")


def _listed(entries) -> list[tuple]:
    return [(e.filename, e.flag_bits, e.compress_type, e.CRC, e.compress_size, e.file_size, e.header_offset)
            for e in entries]


def test_the_quick_zip_listing_agrees_with_zipfile_and_leaves_every_unusual_archive_to_it(workbook):
    from smedigital.aggregate.guard import plain_entries

    data = workbook.read_bytes()
    assert _listed(plain_entries(data)) == _listed(zipfile.ZipFile(io.BytesIO(data)).infolist())
    named = zip_of({"数据/表.xml": b"<x/>", "a.txt": b"1"})  # a UTF-8 name (flag 0x800)
    assert _listed(plain_entries(named)) == _listed(zipfile.ZipFile(io.BytesIO(named)).infolist())
    commented = io.BytesIO()
    with zipfile.ZipFile(commented, "w") as zf:
        zf.writestr("a.txt", b"1")
        zf.comment = b"hello"
    extra = bytearray(zip_of({"a.txt": b"1"}))
    cd = extra.index(b"PK\x01\x02")
    extra[cd + 30:cd + 32] = (4).to_bytes(2, "little")  # an extra field's length the directory does not hold
    for odd in (b"junk" + data,  # data before the archive: zipfile shifts every offset
                commented.getvalue(),  # an archive comment
                data[:-30] + data[-22:],  # a directory that does not end where the end record starts
                bytes(extra),
                data.replace(b"PK\x01\x02", b"PK\x01\x03", 1)):  # a damaged directory entry
        assert plain_entries(odd) is None
    # the damaged ones are refused as before, in zipfile's words
    assert code_of(data.replace(b"PK\x01\x02", b"PK\x01\x03", 1)) == "damaged"
