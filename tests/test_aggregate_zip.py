"""Zip attachments: each member read behind the same guards as a file, with its own status."""

from __future__ import annotations

import io
import json
import random
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate
from smedigital.cli import main
from smedigital.core.assessment import dumps_assessment


def attachment(tmp_path: Path) -> Path:
    a = corpus.sample()
    wb = corpus.plan_workbook(tmp_path / "wb.xlsx", corpus.with_company(a, name="压缩包里的公司", credit_code=""))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deeper.smd.json", dumps_assessment(a))
    bomb = b"\0" * (8 << 20)
    path = tmp_path / "in" / "寄来的附件.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(wb, "第一家/计划.xlsx")
        z.writestr("第二家.smd.json", dumps_assessment(corpus.with_company(a, name="第二家", credit_code="")))
        z.writestr("说明.txt", "请查收")
        z.writestr("inner.zip", inner.getvalue())
        z.writestr("bomb.smd.json", bomb)
        z.writestr("empty-folder/", b"")
    return path


def test_every_member_has_its_own_status_and_reason(tmp_path):
    path = attachment(tmp_path)
    with aggregate([path.parent], workers=0) as result:
        got = {f.path.split("!/", 1)[1]: f for f in result.files}
        assert all(f.path.startswith(str(path) + "!/") for f in result.files)
        assert result.counts.files == 5 and result.counts.accepted == 2
        names = sorted(f.newest.name for f in result.firms)
    assert got["第一家/计划.xlsx"].status == "accepted" and got["第一家/计划.xlsx"].code == "workbook"
    assert got["第二家.smd.json"].status == "accepted"
    assert (got["说明.txt"].status, got["说明.txt"].code) == ("rejected", "not-ours")
    assert (got["inner.zip"].status, got["inner.zip"].code) == ("rejected", "nested-archive")
    assert got["inner.zip"].reason("zh") == "压缩包中的压缩包，未读取：请先解压再汇总其中的文件"
    assert (got["bomb.smd.json"].status, got["bomb.smd.json"].code) == ("rejected", "zip-bomb")
    assert names == ["压缩包里的公司", "第二家"]


def test_the_json_names_each_member(tmp_path, capsys):
    path = attachment(tmp_path)
    out = tmp_path / "s.xlsx"
    assert main(["aggregate", str(path), "-o", str(out), "--json", "--workers", "1", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["path"].rsplit("!/", 1)[1]: f["code"] for f in data["file_status"]} == {
        "第一家/计划.xlsx": "workbook", "第二家.smd.json": "assessment", "说明.txt": "not-ours",
        "inner.zip": "nested-archive", "bomb.smd.json": "zip-bomb"}


def test_a_broken_zip_is_one_file_rejected_with_its_reason(tmp_path):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04" + b"\1" * 100)
    with aggregate([bad], workers=0) as result:
        assert [(f.status, f.code) for f in result.files] == [("rejected", "damaged")]


def test_a_workbook_is_told_from_an_attachment_by_its_parts_exact_names(tmp_path):
    """A zip is a workbook when it holds [Content_Types].xml (or mimetype) itself: a member whose name only
    contains it, in a folder or with a comment on the archive, leaves it an attachment to unpack."""
    from smedigital.aggregate.archive import expand
    from smedigital.aggregate.guard import Limits

    member = dumps_assessment(corpus.random_assessment(random.Random(3))).encode()
    for name, comment in (("sub/[Content_Types].xml", b""), ("[Content_Types].xml.smd.json", b""),
                          ("mimetype.smd.json", b"a comment")):
        path = tmp_path / f"att{len(comment)}{len(name)}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(name, member)
            zf.comment = comment
        assert expand(str(path), Limits()) == [f"{path}\x00{name}"], name
    workbook = tmp_path / "book.zip"
    with zipfile.ZipFile(workbook, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("x.smd.json", member)
    assert expand(str(workbook), Limits()) is None  # read as one file: the guard says what it is
