"""A firm's .smdpack: exported from one library and imported into another, evidence and all; a changed
or hostile pack is refused whole."""

from __future__ import annotations

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
