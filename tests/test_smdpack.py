"""A firm's .smdpack: exported from one library and imported into another, evidence and all; a changed
or hostile pack is refused whole."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from smedigital.core.resources import resource_path
from smedigital.library import Library
from smedigital.library.pack import PackError, export_pack, import_pack

PILOT = resource_path("samples", "pilot")
NETWORK = "miit.foundation.network"


@pytest.fixture
def two(tmp_path):
    a = Library.open(tmp_path / "a" / "library.sqlite")
    b = Library.open(tmp_path / "b" / "library.sqlite")
    yield a, b
    a.close()
    b.close()


def filled(lib: Library, tmp_path) -> int:
    base = lib.import_file(PILOT / "manufacturer-miit-baseline.smd.json")
    after = lib.import_file(PILOT / "manufacturer-miit-after.smd.json")
    doc = tmp_path / "网络拓扑图.pdf"
    doc.write_bytes(b"%PDF topology")
    lib.attach_evidence(base, NETWORK, doc)
    lib.attach_evidence(after, NETWORK, doc)  # the same file twice: once in the pack
    photo = tmp_path / "switch.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    lib.attach_evidence(after, "miit.foundation.equipment_digitisation", photo)
    return lib.assessment_info(base).firm_id


def test_a_firm_goes_to_another_library_with_its_evidence(two, tmp_path):
    a, b = two
    firm = filled(a, tmp_path)
    pack = export_pack(a, firm, tmp_path / "firm")
    assert pack.name == "firm.smdpack"
    with zipfile.ZipFile(pack) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert sum(n.startswith("evidence/") for n in names) == 2
    assert any(n.endswith("网络拓扑图.pdf") for n in names)  # readable names
    assert all(len(e["sha256"]) == 64 for e in manifest["evidence"] + manifest["assessments"])
    ids = import_pack(b, pack)
    assert len(ids) == 2
    [firm_b] = b.firms()
    assert firm_b.name == a.firm(firm).name and firm_b.assessment_count == 2
    for old, new in zip(a.assessments(firm), b.assessments(firm_b.id), strict=True):
        assert b.document(new.id) == a.document(old.id)
        assert sorted((e.question_id, e.original_name, e.sha256) for e in b.evidence(new.id)) == sorted(
            (e.question_id, e.original_name, e.sha256) for e in a.evidence(old.id))
        assert all(e.path.read_bytes() for e in b.evidence(new.id))
    # importing again adds nothing
    assert import_pack(b, pack) == ids
    assert b.firms()[0].assessment_count == 2
    assert sum(len(b.evidence(i)) for i in ids) == 3


def test_a_changed_pack_is_refused_whole(two, tmp_path):
    a, b = two
    pack = export_pack(a, filled(a, tmp_path), tmp_path / "firm.smdpack")
    changed = tmp_path / "changed.smdpack"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("网络拓扑图.pdf"):
                data = b"%PDF forged!"
            dst.writestr(item, data)
    with pytest.raises(PackError, match="size|SHA-256"):
        import_pack(b, changed)
    assert b.firms() == []


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_file_that_is_no_pack_is_refused(two, tmp_path, content):
    _, b = two
    bad = tmp_path / "bad.smdpack"
    bad.write_bytes(content)
    with pytest.raises(PackError):
        import_pack(b, bad)
    other = tmp_path / "other.smdpack"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "something else"}))
    with pytest.raises(PackError, match="not a smedigital pack"):
        import_pack(b, other)
    assert b.firms() == []


# --------------------------------------------------------------------------- bilingual errors, progress, cancel

def _rewritten(pack, out, change):
    """A copy of ``pack`` with ``change(name, data, manifest)`` applied: returns (name, data) or None to drop."""
    with zipfile.ZipFile(pack) as src:
        manifest = json.loads(src.read("manifest.json"))
        items = [(i.filename, src.read(i)) for i in src.infolist() if i.filename != "manifest.json"]
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in items:
            kept = change(name, data, manifest)
            if kept is not None:
                dst.writestr(*kept)
        dst.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return out


def test_every_refusal_names_the_pack_and_the_member_in_both_languages(two, tmp_path):
    a, b = two
    pack = export_pack(a, filled(a, tmp_path), tmp_path / "明川.smdpack")
    cases = {
        "missing": (lambda n, d, m: None if n.endswith("switch.jpg") else (n, d), "missing from the pack",
                    "包内没有这个文件", "switch.jpg"),
        "forged": (lambda n, d, m: (n, b"\xff\xd8 PHOTO") if n.endswith("switch.jpg") else (n, d),
                   "does not match its SHA-256", "SHA-256 不符", "switch.jpg"),
        "newer": (lambda n, d, m: m.update(version=99) or (n, d), "newer version of smedigital", "更新版本", ""),
        "damaged": (lambda n, d, m: (n, b"{not json") if n == "assessments/1.smd.json" else (n, d),
                    "is not an assessment", "不是可读取的评测", "assessments/1.smd.json"),
    }
    for label, (change, en, zh, member) in cases.items():
        if label == "damaged":  # the manifest keeps the real SHA-256: made to agree so the parser is reached
            def change(n, d, m, _c=change):
                kept = _c(n, d, m)
                for entry in m["assessments"]:
                    if entry["file"] == n:
                        entry["size"], entry["sha256"] = len(kept[1]), hashlib.sha256(kept[1]).hexdigest()
                return kept
        bad = _rewritten(pack, tmp_path / f"{label}.smdpack", change)
        with pytest.raises(PackError) as caught:
            import_pack(b, bad)
        exc = caught.value
        assert en in exc.get("en") and zh in exc.get("zh"), (label, exc.get("en"), exc.get("zh"))
        assert bad.name in exc.get("en") and bad.name in exc.get("zh")
        assert member in exc.get("en") and member in exc.get("zh")
        assert str(exc) == exc.get("en")
        assert b.firms() == []


def test_progress_is_reported_and_a_cancelled_import_takes_back_what_it_added(two, tmp_path):
    import threading

    from smedigital.library.pack import PackCancelled

    a, b = two
    firm = filled(a, tmp_path)
    seen = []
    pack = export_pack(a, firm, tmp_path / "firm.smdpack", lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)  # 2 assessments, 3 evidence links
    stop = threading.Event()

    def progress(done, total):
        if done == total // 2 + 1:  # both assessments checked and the first added: then the user cancels
            stop.set()

    with pytest.raises(PackCancelled) as caught:
        import_pack(b, pack, progress, stop)
    assert "已取消" in caught.value.get("zh")
    assert b.firms() == []  # the added assessment and the firm made for it are taken back
    assert len(import_pack(b, pack)) == 2  # and the pack still imports whole

    stop = threading.Event()
    stop.set()
    out = tmp_path / "cancelled.smdpack"
    with pytest.raises(PackCancelled):
        export_pack(a, firm, out, cancel=stop)
    assert not out.exists() and not list(tmp_path.glob(".pack.*"))


def test_an_assessment_the_library_refuses_is_said_in_chinese_with_its_field(two, tmp_path):
    """A pack holding an assessment without a firm name, or one that is not JSON: the reason in each language
    names the field or the line, with no English inside the Chinese."""
    import re

    a, b = two
    pack = export_pack(a, filled(a, tmp_path), tmp_path / "明川.smdpack")

    def agreeing(change):
        def rewrite(n, d, m):
            kept = change(n, d)
            for entry in m["assessments"]:
                if entry["file"] == n:
                    entry["size"], entry["sha256"] = len(kept[1]), hashlib.sha256(kept[1]).hexdigest()
            return kept
        return rewrite

    def nameless(n, d):
        if not n.startswith("assessments/"):
            return n, d
        doc = json.loads(d)
        doc["company"]["name"] = " "
        return n, json.dumps(doc, ensure_ascii=False).encode("utf-8")

    said = {}
    for label, change in {"nameless": nameless,
                          "damaged": lambda n, d: (n, b"{not json") if n == "assessments/1.smd.json" else (n, d)}.items():
        with pytest.raises(PackError) as caught:
            import_pack(b, _rewritten(pack, tmp_path / f"{label}.smdpack", agreeing(change)))
        said[label] = caught.value
        assert b.firms() == []
    assert said["nameless"].get("zh") == "nameless.smdpack：有一份评测无法添加：company.name：为空：企业须填写名称"
    assert said["nameless"].get("en").endswith("company.name: is empty: the firm needs a name")
    assert said["damaged"].get("zh") == ("damaged.smdpack：assessments/1.smd.json 不是可读取的评测："
                                         "第 1 行第 2 列：此处应为带双引号的字段名")
    for exc in said.values():
        words = set(re.findall(r"[A-Za-z]{3,}", exc.get("zh"))) - {"nameless", "damaged", "smdpack", "assessments",
                                                                     "smd", "json", "company", "name"}
        assert not words, exc.get("zh")
