"""Signed ``.smd.json`` exports: the file carries a signature block over its own record, and the aggregation
reports each file trusted, unknown key, unsigned or invalid (changed after signing), as for workbooks."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus  # noqa: E402

from smedigital.aggregate import aggregate  # noqa: E402
from smedigital.cli import main  # noqa: E402
from smedigital.core.assessment import load_assessment, save_assessment  # noqa: E402
from smedigital.export.record import save_signed_assessment, signed_assessment_text  # noqa: E402
from smedigital.export.signing import (  # noqa: E402
    TrustedKey,
    key_path,
    load_or_create_identity,
    load_trusted_keys,
    save_trusted_keys,
)


def by_name(result):
    return {Path(f.path).name: f for f in result.files}


def test_a_signed_export_is_trusted_and_an_edited_copy_is_invalid(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    a = corpus.sample()
    assert save_signed_assessment(a, d / "signed.smd.json") is True
    assert load_assessment(d / "signed.smd.json").company == a.company  # still an ordinary assessment file
    data = json.loads((d / "signed.smd.json").read_text(encoding="utf-8"))
    assert data["signature"]["fingerprint"] == load_or_create_identity().fingerprint
    data["company"]["name"] = "改了名字的公司"
    data["company"]["credit_code"] = ""
    (d / "edited.smd.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    save_assessment(corpus.with_company(a, name="未签名公司", credit_code=""), d / "plain.smd.json")
    keys = tmp_path / "trusted.yaml"
    save_trusted_keys(keys, [TrustedKey(load_or_create_identity().fingerprint, "李敏", "某服务商", dt.date(2026, 12, 1))])
    with aggregate([d], workers=0, trusted=load_trusted_keys(keys)) as result:
        got = by_name(result)
        assert {n: f.status for n, f in got.items()} == dict.fromkeys(got, "accepted")
    assert got["signed.smd.json"].signature == "trusted" and "李敏（某服务商）" in got["signed.smd.json"].signature_text("zh")
    assert got["edited.smd.json"].signature == "invalid"
    assert "changed after signing" in got["edited.smd.json"].signature_text("en")
    assert got["plain.smd.json"].signature == "unsigned"
    # without the office's list the same key is intact but unknown, per file in the JSON
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--json", "--workers", "0"]) == 0
    status = {Path(f["path"]).name: f["signature"]["status"] for f in json.loads(capsys.readouterr().out)["file_status"]}
    assert status == {"signed.smd.json": "unknown_key", "edited.smd.json": "invalid", "plain.smd.json": "unsigned"}


def test_an_export_whose_key_cannot_be_read_is_written_unsigned(tmp_path):
    path = key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a key")
    text, signed = signed_assessment_text(corpus.sample())
    assert signed is False and "signature" not in json.loads(text)
    out = tmp_path / "a.smd.json"
    assert save_signed_assessment(corpus.sample(), out) is False
    assert load_assessment(out).company == corpus.sample().company
