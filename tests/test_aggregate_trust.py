"""Trust: an office sees who exported each record and whether anyone changed it since.

Plan workbooks are signed with the installation's key (the test's own data folder); the office's
trusted-keys file decides which signatures it knows. A record edited by hand and re-checksummed
passes the checksum but not the signature.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate
from smedigital.cli import main
from smedigital.core.assessment import save_assessment
from smedigital.export.record import RECORD_SHEET, read_key_values, record_checksum
from smedigital.export.signing import (
    TrustedKey,
    load_or_create_identity,
    save_trusted_keys,
    sign_record,
)


def rechecksummed(src: Path, dst: Path, name: str) -> Path:
    """The record's company renamed inside the assessment JSON, and the checksum made to match again."""
    wb = openpyxl.load_workbook(src)
    ws = wb[RECORD_SHEET]
    kv = read_key_values({(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None})
    data = json.loads(kv["assessment"])
    data["company"]["name"] = name
    text = json.dumps(data, ensure_ascii=False)
    for row in ws.iter_rows():
        if row[0].value == "assessment":
            assert len(row) < 3 or row[2].value is None  # one cell holds it
            row[1].value = text
        elif row[0].value == "checksum":
            row[1].value = record_checksum(data, json.loads(kv["scores"]))
    wb.save(dst)
    return dst


def unsigned(src: Path, dst: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb[RECORD_SHEET]
    for row in ws.iter_rows():
        if row[0].value == "signature":
            row[0].value = None
            for c in row[1:]:
                c.value = None
    wb.save(dst)
    return dst


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    a = corpus.sample()
    signed = corpus.plan_workbook(d / "signed.xlsx", a)
    rechecksummed(signed, d / "tampered.xlsx", "另一家公司")
    unsigned(corpus.plan_workbook(d / "old.xlsx", corpus.with_company(a, name="旧版本导出公司",
                                                                      credit_code="")), d / "old.xlsx")
    b = corpus.with_company(a, name="外单位签名公司", credit_code="")
    path = d / "other.smd.json"
    save_assessment(b, path)
    record = json.loads(path.read_text(encoding="utf-8"))
    other_key = load_or_create_identity(tmp_path / "elsewhere")  # another installation
    path.write_text(json.dumps(sign_record(record, other_key), ensure_ascii=False), encoding="utf-8")
    keys = tmp_path / "trusted.yaml"
    me = load_or_create_identity()
    save_trusted_keys(keys, [TrustedKey(me.fingerprint, "王会计", "宁波某服务商", dt.date(2026, 12, 1))])
    return d, keys, other_key.fingerprint


def signatures(result):
    return {Path(f.path).name: f for f in result.files}


def test_each_file_says_who_signed_it_and_whether_it_changed(folder):
    d, keys, other = folder
    from smedigital.export.signing import load_trusted_keys

    with aggregate([d], workers=0, trusted=load_trusted_keys(keys)) as result:
        got = signatures(result)
    assert got["signed.xlsx"].signature == "trusted"
    assert "王会计（宁波某服务商）" in got["signed.xlsx"].signature_text("zh")
    assert got["tampered.xlsx"].status != "rejected"  # the checksum matches: only the signature tells
    assert got["tampered.xlsx"].signature == "invalid"
    assert "changed after signing" in got["tampered.xlsx"].signature_text("en")
    assert got["old.xlsx"].signature == "unsigned"
    assert got["other.smd.json"].signature == "unknown_key" and got["other.smd.json"].signer == other
    assert other[:4] in got["other.smd.json"].signature_text("en")


def test_without_a_trusted_list_no_signature_is_trusted(folder):
    d, _, _ = folder
    with aggregate([d], workers=0) as result:
        assert signatures(result)["signed.xlsx"].signature == "unknown_key"


def test_cli_json_has_the_signature_of_every_file(folder, tmp_path, capsys):
    d, keys, _ = folder
    out = tmp_path / "out" / "summary.xlsx"
    out.parent.mkdir()
    assert main(["aggregate", str(d), "-o", str(out), "--json", "--workers", "0", "--trusted-keys", str(keys),
                 "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    sig = {Path(f["path"]).name: f["signature"] for f in data["file_status"]}
    assert sig["signed.xlsx"]["status"] == "trusted" and sig["signed.xlsx"]["signed_by"] == "王会计（宁波某服务商）"
    assert sig["tampered.xlsx"]["status"] == "invalid"
    assert sig["old.xlsx"]["status"] == "unsigned"
    assert sig["other.smd.json"]["status"] == "unknown_key"


def test_a_broken_trusted_keys_file_is_refused_with_its_reason(folder, tmp_path, capsys):
    d, _, _ = folder
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: smedigital-trusted-keys\nformat_version: 1\nkeys:\n  - fingerprint: zz\n",
                   encoding="utf-8")
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--trusted-keys", str(bad),
                 "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "keys[0].fingerprint" in err and "64 hexadecimal digits" in err


def test_one_folder_of_everything_the_json_shows_statuses_signatures_and_flags(folder, tmp_path, capsys):
    """Issue 14's picture in one run: signed, tampered, unsigned and other-key files beside a .zip
    attachment whose members copy one firm's answers under other names; the JSON gives each file its
    status and signature, each zip member its own line, and the cloned firms their flag."""
    import zipfile

    from smedigital.core.assessment import dumps_assessment

    d, keys, _ = folder
    a = corpus.sample()
    with zipfile.ZipFile(d / "寄来的附件.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for i in (1, 2):
            z.writestr(f"抄答案{i}.smd.json", dumps_assessment(corpus.with_company(a, name=f"抄答案公司{i}",
                                                                                   credit_code="")))
        z.writestr("说明.txt", "请查收")
    out = tmp_path / "out" / "summary.xlsx"
    out.parent.mkdir()
    assert main(["aggregate", str(d), "-o", str(out), "--json", "--workers", "0", "--trusted-keys", str(keys),
                 "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    status = {f["path"].replace(str(d), "").lstrip("/"): f for f in data["file_status"]}
    assert status["signed.xlsx"]["signature"]["status"] == "trusted"
    assert status["tampered.xlsx"]["signature"]["status"] == "invalid"
    assert status["old.xlsx"]["signature"]["status"] == "unsigned"
    assert status["other.smd.json"]["signature"]["status"] == "unknown_key"
    members = {k.split("!/", 1)[1]: v for k, v in status.items() if "!/" in k}
    assert members["抄答案1.smd.json"]["status"] == members["抄答案2.smd.json"]["status"] == "accepted"
    assert (members["说明.txt"]["status"], members["说明.txt"]["code"]) == ("rejected", "not-ours")
    flagged = {f["name"]: {flag["code"] for flag in f["flags"]}
               for f in data["firm_list"]}
    assert "same-answers" in flagged["抄答案公司1"] and "same-answers" in flagged["抄答案公司2"]
    assert data["firms_flagged"] >= 2
    assert all(flag["reason"] for f in data["firm_list"] for flag in f["flags"])  # each flag says why
