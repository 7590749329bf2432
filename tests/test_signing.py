"""Signed records: one key per installation, canonical bytes, and the four verdicts an office sees."""

from __future__ import annotations

import copy
import datetime as dt
import os
import stat

import pytest

from smedigital.export.signing import (
    INVALID,
    TRUSTED,
    UNKNOWN_KEY,
    UNSIGNED,
    TrustedKey,
    TrustError,
    canonical_bytes,
    key_path,
    load_or_create_identity,
    load_trusted_keys,
    save_trusted_keys,
    show_fingerprint,
    sign_record,
    verify_record,
)

RECORD = {"format": "smedigital-record", "company": {"name": "宁波某精密机械有限公司", "region": "330206"},
          "total_score": 47.5, "level": 2, "answers": {"q1": {"choice": "b"}, "q2": {"level": 3}}}


def _trusted(identity, holder="王工", org="北仑区经信局") -> dict[str, TrustedKey]:
    return {identity.fingerprint: TrustedKey(identity.fingerprint, holder, org, dt.date(2026, 12, 1))}


def test_canonical_bytes_sort_keys_drop_spaces_keep_chinese_and_leave_out_the_signature():
    a = canonical_bytes({"b": 1, "a": {"y": [1, 2], "x": "北仑"}, "signature": {"whatever": 1}})
    assert a == '{"a":{"x":"北仑","y":[1,2]},"b":1}'.encode()
    assert canonical_bytes({"a": {"x": "北仑", "y": [1, 2]}, "b": 1}) == a


@pytest.mark.parametrize("bad", [{"x": float("nan")}, {"x": float("inf")}, {1: "int key"}, {"x": {1, 2}},
                                 {"x": "\ud800"}])
def test_values_with_no_single_canonical_form_are_refused(bad):
    with pytest.raises(ValueError):
        canonical_bytes(bad)


def test_the_key_is_made_once_with_owner_only_permissions():
    first = load_or_create_identity()
    path = key_path()
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_or_create_identity()
    assert again.fingerprint == first.fingerprint
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_key_file_opened_up_to_others_is_tightened_again():
    load_or_create_identity()
    os.chmod(key_path(), 0o644)
    load_or_create_identity()
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600


def test_a_damaged_key_file_is_reported_not_silently_replaced():
    load_or_create_identity()
    key_path().write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n")
    with pytest.raises(TrustError) as info:
        load_or_create_identity()
    assert "备份" in info.value.lines("zh")[0] and "backup" in info.value.lines("en")[0]
    assert b"garbage" in key_path().read_bytes()


def test_a_record_signed_by_a_trusted_key_says_who():
    me = load_or_create_identity()
    signed = sign_record(RECORD, me, now=dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC))
    assert signed["signature"]["signed_at"] == "2026-12-07T08:00:00Z"
    v = verify_record(signed, _trusted(me))
    assert v.status == TRUSTED and v.ok and v.holder.holder == "王工"
    assert "王工" in v.message.zh and "北仑区经信局" in v.message.en
    assert RECORD.get("signature") is None  # the original is left as it was


def test_re_signing_replaces_the_old_signature_and_still_verifies():
    me = load_or_create_identity()
    twice = sign_record(sign_record(RECORD, me), me)
    assert verify_record(twice, _trusted(me)).status == TRUSTED


def test_a_key_not_on_the_list_is_unknown_and_its_fingerprint_shown():
    me = load_or_create_identity()
    signed = sign_record(RECORD, me)
    v = verify_record(signed, {})
    assert v.status == UNKNOWN_KEY and not v.ok
    assert show_fingerprint(me.fingerprint) in v.message.en


def test_an_unsigned_record_is_told_apart():
    v = verify_record(RECORD, {})
    assert v.status == UNSIGNED and "未签名" in v.message.zh and "unsigned" in v.message.en


@pytest.mark.parametrize("tamper", [
    lambda r: r.__setitem__("total_score", 80),
    lambda r: r["company"].__setitem__("name", "另一家公司"),
    lambda r: r["answers"].pop("q2"),
    lambda r: r.__setitem__("extra", None),
])
def test_a_tampered_record_is_invalid(tamper):
    me = load_or_create_identity()
    signed = sign_record(RECORD, me)
    forged = copy.deepcopy(signed)
    tamper(forged)
    v = verify_record(forged, _trusted(me))
    assert v.status == INVALID and "改动" in v.message.zh and "changed" in v.message.en


def test_a_signature_swapped_in_from_another_key_is_invalid(tmp_path):
    me = load_or_create_identity()
    other = load_or_create_identity(tmp_path / "other-install")
    assert other.fingerprint != me.fingerprint
    mine = sign_record(RECORD, me)
    theirs = sign_record(RECORD, other)
    # the trusted key's public key with a signature made by another key
    forged = copy.deepcopy(mine)
    forged["signature"]["sig"] = theirs["signature"]["sig"]
    assert verify_record(forged, _trusted(me)).status == INVALID
    # another key claiming a trusted fingerprint
    forged = copy.deepcopy(theirs)
    forged["signature"]["fingerprint"] = me.fingerprint
    assert verify_record(forged, _trusted(me)).status == INVALID
    # signed by the other key: valid, but not trusted
    assert verify_record(theirs, _trusted(me)).status == UNKNOWN_KEY


@pytest.mark.parametrize("block", ["text", {"alg": "RSA"}, {"alg": "Ed25519", "key": "***", "sig": "AA=="},
                                   {"alg": "Ed25519", "key": "AAAA", "sig": "AAAA"}])
def test_a_malformed_signature_block_is_invalid_not_a_crash(block):
    assert verify_record({**RECORD, "signature": block}, {}).status == INVALID


def test_the_trusted_keys_file_round_trips(tmp_path):
    me = load_or_create_identity()
    path = tmp_path / "trusted-keys.yaml"
    assert load_trusted_keys(path) == {}  # no list yet
    save_trusted_keys(path, _trusted(me, holder="李四", org="某服务商"))
    keys = load_trusted_keys(path)
    assert keys[me.fingerprint].organisation == "某服务商" and keys[me.fingerprint].added == dt.date(2026, 12, 1)
    assert verify_record(sign_record(RECORD, me), keys).status == TRUSTED


def test_a_fingerprint_written_in_groups_with_capitals_is_accepted(tmp_path):
    me = load_or_create_identity()
    path = tmp_path / "trusted.yaml"
    path.write_text("format: smedigital-trusted-keys\nformat_version: 1\nkeys:\n"
                    f"  - fingerprint: '{show_fingerprint(me.fingerprint).upper()}'\n"
                    "    holder: 张三\n    organisation: 区经信局\n    added: 2026-12-01\n", encoding="utf-8")
    assert me.fingerprint in load_trusted_keys(path)


def test_a_malformed_trusted_keys_file_reports_every_problem_with_its_place(tmp_path):
    path = tmp_path / "trusted.yaml"
    path.write_text("format: smedigital-trusted-keys\nformat_version: 1\nkeys:\n"
                    "  - fingerprint: 'abc'\n    holder: ''\n    organisation: 局\n    added: 2026-02-30\n"
                    "  - fingerprint: '" + "a" * 64 + "'\n    holder: 甲\n    organisation: 乙\n    added: 2026-01-01\n"
                    "    colour: red\n"
                    "  - just text\n", encoding="utf-8")
    with pytest.raises(TrustError) as info:
        load_trusted_keys(path)
    en = info.value.lines("en")
    for want in ("keys[0].fingerprint:", "keys[0].holder:", "keys[0].added: '2026-02-30' is not a real date",
                 "keys[1].colour:", "keys[2]: must be a mapping"):
        assert any(line.startswith(want) for line in en), (want, en)
    assert len(info.value.lines("zh")) == len(en)


def test_unreadable_yaml_in_the_trusted_keys_file_is_reported(tmp_path):
    path = tmp_path / "trusted.yaml"
    path.write_text("keys: [\n", encoding="utf-8")
    with pytest.raises(TrustError) as info:
        load_trusted_keys(path)
    assert "YAML" in info.value.lines("en")[0]


def test_a_trusted_keys_file_that_is_not_yaml_is_said_in_both_languages_with_its_line(tmp_path):
    from smedigital.export.signing import TrustError, load_trusted_keys

    keys = tmp_path / "trusted-keys.yaml"
    keys.write_text("keys:\n  - key: abc\n    name: 王会计\n   bad: indent\n", encoding="utf-8")
    with pytest.raises(TrustError) as caught:
        load_trusted_keys(keys)
    [zh] = caught.value.lines("zh")
    [en] = caught.value.lines("en")
    assert zh.startswith("第 4 行第 4 列：不是有效的 YAML") and "line" not in zh
    assert en.startswith("line 4, column 4: is not valid YAML")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("keys: café".encode("latin-1"))
    with pytest.raises(TrustError) as caught:
        load_trusted_keys(latin)
    assert caught.value.lines("zh") == ["不是 UTF-8 文本"]


@pytest.mark.parametrize("assessment", [
    {"company": {"name": "宁波某精密机械有限公司", "revenue_wan": 1234.5}, "answers": {"q2": {"raw": {"a": 0.1}}, "q1": {}}},
    {"company": {"name": "😀 emoji \u2028 line separator", "note": "\"quoted\" \\ back"}, "answers": {}},
])
def test_a_workbook_record_s_checksum_and_signature_share_one_canonical_text(assessment):
    """The canonical JSON made once for both covers byte for byte what each check made on its own."""
    from smedigital.export.record import canonical_json, canonical_parts, record_checksum, signed_body, signed_record

    scores = {"total": 47.5, "level": 2, "dimensions": {"b": 1.25, "a": 30.0}}
    parts = canonical_parts(assessment, scores)
    assert parts is not None
    assert record_checksum(assessment, scores, parts) == record_checksum(assessment, scores)
    assert signed_body(parts, "2026-12-07T08:00:00+08:00") == \
        canonical_bytes(signed_record(assessment, scores, "2026-12-07T08:00:00+08:00"))
    assert canonical_json({"assessment": assessment, "scores": scores}).startswith('{"assessment":{"answers"')


def test_a_record_without_one_canonical_form_is_still_refused_by_the_signature_check(tmp_path):
    """NaN: no shared text (each check takes its own path); a lone surrogate: no signed bytes. Either way the
    signature check says invalid, as it did when it made its own bytes."""
    from smedigital.export.record import canonical_parts, record_signature, signed_body

    me = load_or_create_identity(tmp_path)
    scores = {"total": 1.0}
    assert canonical_parts({"x": float("nan")}, scores) is None
    parts = canonical_parts({"x": "\ud800"}, scores)
    assert parts is not None and signed_body(parts, "") is None
    block = sign_record({"format": "smedigital-workbook", "assessment": {"x": "a"}, "scores": scores,
                         "exported_at": ""}, me)["signature"]
    kv = {"signature": block}
    assert record_signature(kv, {"x": "a"}, scores, parts=canonical_parts({"x": "a"}, scores)).status == UNKNOWN_KEY
    assert record_signature(kv, {"x": "\ud800"}, scores, parts=parts).status == INVALID
    assert record_signature(kv, {"x": "b"}, scores, parts=canonical_parts({"x": "b"}, scores)).status == INVALID
