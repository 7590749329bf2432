"""The aggregation reads the record and summary sheets of a plan workbook straight from their XML
(smedigital/aggregate/cellxml.py): on every sheet it takes, it must give what python-calamine gives, and it
must leave to python-calamine every sheet it cannot read exactly so; a file's verdict never depends on which
of the two read it."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate.cellxml import number_styles, read_cells
from smedigital.aggregate.guard import Limits
from smedigital.aggregate.reader import calamine_cells, read_file
from smedigital.export.record import RECORD_SHEET


def calamine(data: bytes, sheet: str) -> dict:
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return calamine_cells(wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
    finally:
        wb.close()


def fast(data: bytes, part: str = "xl/worksheets/sheet1.xml"):
    z = zipfile.ZipFile(io.BytesIO(data))
    styles = z.read("xl/styles.xml") if "xl/styles.xml" in z.namelist() else None
    return read_cells(z.read(part), number_styles(styles))


def saved(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_part(data: bytes, part: str, content: bytes) -> bytes:
    """The workbook with one part's bytes replaced."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, content if info.filename == part else src.read(info))
    return out.getvalue()


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> bytes:
    return corpus.plan_workbook(tmp_path_factory.mktemp("cellxml") / "plan.xlsx", corpus.sample()).read_bytes()


def test_every_sheet_of_a_plan_workbook_it_takes_reads_as_python_calamine_reads_it(plan):
    wb = openpyxl.load_workbook(io.BytesIO(plan), read_only=True)
    names = wb.sheetnames
    wb.close()
    taken = []
    for i, name in enumerate(names, start=1):
        read = fast(plan, f"xl/worksheets/sheet{i}.xml")
        if read is not None:
            cells, last_row, last_column = read
            assert cells == calamine(plan, name), name
            assert cells and all(type(v) in (str, float) for v in cells.values())
            assert max(r for r, _ in cells) <= last_row and max(c for _, c in cells) <= last_column
            taken.append(name)
    # the two the aggregation reads are always taken: the record and the summary (the first sheet)
    assert RECORD_SHEET in taken and names[0] in taken


ILLEGAL = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32)]))  # what openpyxl refuses to write
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=ILLEGAL), max_size=30)
NUMBER = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False))
PLAIN = ["General", "0", "0.00", "0.0", "#,##0", "0%", "0.00E+00", "#,##0.0;-#,##0.0"]
OTHER = ["yyyy-mm-dd", "hh:mm", "mm:ss", "[h]:mm:ss", "d-mmm-yy", '0.0"分"', 'yyyy"年"m"月"', "@", "0.0E+00"]
CELL = st.tuples(st.integers(1, 60), st.integers(1, 40), st.one_of(TEXT, NUMBER), st.sampled_from(PLAIN + OTHER))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL, max_size=25))
def test_random_cells_read_as_python_calamine_reads_them(cells):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, col, value, fmt in cells:
        if isinstance(value, str) and value.startswith("="):
            value = " " + value  # openpyxl would write a formula
        cell = ws.cell(row, col, value)
        cell.number_format = fmt
    data = saved(wb)
    read = fast(data)
    written = {(r, c): (v, f) for r, c, v, f in cells}  # the last write to a cell wins
    # openpyxl marks a text to keep its white space only when there is more than white space (its writer's
    # whitespace()): "  " is written bare, and python-calamine reads it as "" (XML's default: ends trimmed)
    plain = all(f in PLAIN if not isinstance(v, str) else ("\r" not in v and "_x" not in v and (v.strip() or not v))
                for v, f in written.values())
    if plain:
        assert read is not None  # what the exports write is taken
    if read is not None:
        assert read[0] == calamine(data, ws.title)
        assert (read[1], read[2]) == ((max(r for r, _ in written), max(c for _, c in written)) if written else (0, 0))


SHEET = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C2" />'
         b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c><c r="B1" t="n"><v>2.5</v></c></row>'
         b'<row r="2"><c r="A2" t="inlineStr"><is><t>CELL</t></is></c></row></sheetData></worksheet>')


def _base() -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    return saved(wb)


def _sheet(cell: bytes = b'<c r="A2" t="inlineStr"><is><t>CELL</t></is></c>', *, before: bytes = b"",
           replace: tuple[bytes, bytes] | None = None) -> bytes:
    xml = SHEET.replace(b'<c r="A2" t="inlineStr"><is><t>CELL</t></is></c>', cell)
    if replace:
        xml = xml.replace(*replace)
    return before + xml


@pytest.mark.parametrize(("cell", "text"), [
    (b'<c r="A2" t="inlineStr"><is><t>a &amp;lt; b &gt; c &quot;d&apos; &amp;amp;</t></is></c>',
     "a &lt; b > c \"d' &amp;"),
    (b'<c r="A2" t="inlineStr"><is><t>&lt;&amp;&gt;</t></is></c>', "<&>"),
    (b'<c r="A2" t="inlineStr"><is><t xml:space="preserve"> two\n lines </t></is></c>', " two\n lines "),
    (b'<c r="A2" s="0" t="inlineStr"><is><t>\xe5\xae\x81\xe6\xb3\xa2 \xf0\xa0\x80\x80</t></is></c>', "宁波 𠀀"),
    (b'<c r="A2" t="inlineStr"><is><t>x_x41_y</t></is></c>', "x_x41_y"),  # not Excel's escape: four hex digits
    (b'<c r="A2" t="inlineStr"><is><t></t></is></c>', None),
    (b'<c r="A2" t="inlineStr" />', None),
])
def test_texts_in_the_exports_form_read_as_python_calamine_reads_them(cell, text):
    data = with_part(_base(), "xl/worksheets/sheet1.xml", _sheet(cell))
    read = fast(data)
    assert read is not None
    assert read[0] == calamine(data, "Sheet")
    assert read[0].get((2, 1)) == text and read[0][(1, 2)] == 2.5


@pytest.mark.parametrize(("what", "xml"), [
    ("a formula", _sheet(b'<c r="A2"><f>1+1</f><v>2</v></c>')),
    ("a shared string", _sheet(b'<c r="A2" t="s"><v>0</v></c>')),
    ("a boolean", _sheet(b'<c r="A2" t="b"><v>1</v></c>')),
    ("an error", _sheet(b'<c r="A2" t="e"><v>#N/A</v></c>')),
    ("a formula's text", _sheet(b'<c r="A2" t="str"><f>"a"</f><v>a</v></c>')),
    ("rich text", _sheet(b'<c r="A2" t="inlineStr"><is><r><t>a</t></r></is></c>')),
    ("a number typed as text", _sheet(b'<c r="A2" t="inlineStr"><v>3</v></c>')),
    ("a text typed as a number", _sheet(b'<c r="A2" t="n"><is><t>3</t></is></c>')),
    ("a cell without its reference", _sheet(b'<c t="inlineStr"><is><t>a</t></is></c>')),
    ("a reference twice", _sheet(b'<c r="B1" t="inlineStr"><is><t>a</t></is></c>')),
    ("row 0", _sheet(b'<c r="A0" t="inlineStr"><is><t>a</t></is></c>')),
    ("a row past the last", _sheet(b'<c r="A1048577" t="inlineStr"><is><t>a</t></is></c>')),
    ("a column past the last", _sheet(b'<c r="XFE2" t="inlineStr"><is><t>a</t></is></c>')),
    ("a namespace prefix", _sheet(b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                  b'r="A2" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>')),
    ("a character reference", _sheet(b'<c r="A2" t="inlineStr"><is><t>&#65;</t></is></c>')),
    ("an unknown entity", _sheet(b'<c r="A2" t="inlineStr"><is><t>&nbsp;</t></is></c>')),
    ("Excel's escape", _sheet(b'<c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c>')),
    ("a carriage return", _sheet(b'<c r="A2" t="inlineStr"><is><t xml:space="preserve">a\r\nb</t></is></c>')),
    ("white space not kept", _sheet(b'<c r="A2" t="inlineStr"><is><t> a</t></is></c>')),
    ("CDATA", _sheet(b'<c r="A2" t="inlineStr"><is><t><![CDATA[a]]></t></is></c>')),
    ("a comment among the cells", _sheet(b'<!-- x --><c r="A2" t="inlineStr"><is><t>a</t></is></c>')),
    ("sheet data in a comment", _sheet(replace=(b"<sheetData>", b"<!-- <sheetData> --><sheetData>"))),
    ("two sheet data", _sheet(replace=(b"</worksheet>", b"<sheetData></sheetData></worksheet>"))),
    ("another tag among the rows", _sheet(replace=(b'<row r="2">', b'<row r="2"><extLst/>'))),
    ("UTF-16 declared", _sheet(before=b'<?xml version="1.0" encoding="UTF-16"?>')),
    ("GB 2312 declared", _sheet(before=b'<?xml version="1.0" encoding="GB2312"?>')),
    ("not UTF-8", _sheet(b'<c r="A2" t="inlineStr"><is><t>\xc4\xfe\xb2\xa8</t></is></c>')),
    ("a number not in decimal", _sheet(b'<c r="A2"><v>0x10</v></c>')),
    ("a number with a space", _sheet(b'<c r="A2"><v> 1</v></c>')),
    ("infinity", _sheet(b'<c r="A2"><v>inf</v></c>')),
    ("a number in a date style", _sheet(b'<c r="A2" s="1"><v>45000</v></c>')),
    ("a style the workbook lacks", _sheet(b'<c r="A2" s="99"><v>1</v></c>')),
])
def test_anything_else_is_left_to_python_calamine(what, xml):
    styles = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">'
              b'<numFmt numFmtId="164" formatCode="yyyy-mm-dd" /></numFmts><cellXfs count="2">'
              b'<xf numFmtId="0" fontId="0" /><xf numFmtId="164" fontId="0" applyNumberFormat="1" /></cellXfs>'
              b'</styleSheet>')
    assert read_cells(xml, number_styles(styles)) is None, what
    assert read_cells(_sheet(), number_styles(styles)) is not None  # the same sheet without it is taken


def test_utf8_declared_is_taken():
    assert read_cells(_sheet(before=b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'),
                      number_styles(_base_styles())) is not None


def _base_styles() -> bytes:
    return zipfile.ZipFile(io.BytesIO(_base())).read("xl/styles.xml")


@pytest.mark.parametrize(("styles", "plain"), [
    (None, None),  # no styles part: a sheet with a number goes to python-calamine
    (b'<styleSheet><cellXfs count="2"><xf numFmtId="0" /><xf numFmtId="14" /></cellXfs></styleSheet>', {0}),
    (b'<styleSheet><cellXfs count="3"><xf/><xf numFmtId="10"></xf><xf numFmtId="46" /></cellXfs></styleSheet>',
     {0, 1}),
    (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0" /><numFmt numFmtId="165" '
     b'formatCode="[h]:mm" /></numFmts><cellXfs count="2"><xf numFmtId="164" /><xf numFmtId="165" /></cellXfs>'
     b'</styleSheet>', {0}),
    (b'<styleSheet><numFmts count="1"><numFmt formatCode="0.0" numFmtId="164" /></numFmts><cellXfs count="1">'
     b'<xf numFmtId="164" /></cellXfs></styleSheet>', None),  # not in the order openpyxl writes
    (b'<styleSheet><cellXfs count="1"><xf numFmtId="0" numFmtId="14" /></cellXfs></styleSheet>', set()),
    (b'<styleSheet><cellXfs count="1"><xfExt numFmtId="0" /></cellXfs></styleSheet>', set()),
    (b'<styleSheet><cellXfs count="1"><xf numFmtId="0" /></cellXfs><cellXfs /></styleSheet>', None),
    (b'<styleSheet><!-- <cellXfs> --><cellXfs count="1"><xf numFmtId="0" /></cellXfs></styleSheet>', None),
])
def test_which_number_styles_are_plain(styles, plain):
    told = number_styles(styles)
    if plain is None:
        assert told is None
    else:
        assert told is not None
        assert {i for i in range(4) if told.plain(i)} == plain


def _outcome(path: Path) -> tuple:
    out = read_file(0, str(path), Limits())
    row = out.row
    return (out.status, out.code, out.detail, out.signature, row.total if row else None,
            row.level if row else None, row.name if row else None, out.long_rows)


def test_a_files_verdict_does_not_depend_on_which_reader_read_it(plan, tmp_path, monkeypatch):
    """The sample plan workbook, and its variants: a score edited in the summary, a date style on the total
    (python-calamine then reads a date, not the score), a future record version, a record sheet whose cells are
    rich text: each gets the same verdict, row and long-CSV lines with the fast path as without it."""
    src = tmp_path / "plan.xlsx"
    src.write_bytes(plan)
    files = [src, corpus.edited_score(src, tmp_path / "edited.xlsx"), corpus.future_version(src, tmp_path / "v9.xlsx")]
    z = zipfile.ZipFile(io.BytesIO(plan))
    summary = z.read("xl/worksheets/sheet1.xml")
    dated = summary.replace(b'<c r="B11" s="5" t="n">', b'<c r="B11" s="1" t="n">', 1)
    styles = z.read("xl/styles.xml")
    start = styles.index(b"<cellXfs")
    first_xf = styles.index(b"<xf ", start)
    dated_styles = styles[:first_xf] + styles[first_xf:].replace(b'numFmtId="0"', b'numFmtId="14"', 1)
    assert dated != summary and dated_styles != styles
    (tmp_path / "dated.xlsx").write_bytes(with_part(with_part(plan, "xl/worksheets/sheet1.xml", dated),
                                                    "xl/styles.xml", dated_styles))
    record = zipfile.ZipFile(io.BytesIO(plan)).read("xl/worksheets/sheet6.xml")
    rich = record.replace(b"<is><t>format</t></is>", b"<is><r><t>format</t></r></is>")
    assert rich != record
    (tmp_path / "rich.xlsx").write_bytes(with_part(plan, "xl/worksheets/sheet6.xml", rich))
    files += [tmp_path / "dated.xlsx", tmp_path / "rich.xlsx"]

    opened = []
    real = python_calamine.CalamineWorkbook.from_filelike

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", counting)
    with_fast = [_outcome(f) for f in files]
    assert with_fast[0][:2] == ("accepted", "workbook") and with_fast[1][:2] == ("rejected", "edited")
    assert with_fast[2][:2] == ("rejected", "future-version")
    assert len(opened) == 2  # python-calamine opened only for the dated and the rich text files
    monkeypatch.setattr("smedigital.aggregate.reader.read_cells", lambda xml, numbers: None)
    assert [_outcome(f) for f in files] == with_fast


def test_an_outcome_crosses_from_a_worker_whole(plan, tmp_path):
    """What a worker sends (pickled as its constructor and fields): the same outcome and row, field by field."""
    import pickle

    src = tmp_path / "plan.xlsx"
    src.write_bytes(plan)
    out = read_file(3, str(src), Limits())
    back = pickle.loads(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == out and back.row == out.row and back.row is not out.row
    assert back.row.identity == out.row.identity and back.long_rows == out.long_rows
