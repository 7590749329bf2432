"""The firm library (SQLite): round trips, durability, migrations, import/export, evidence, state."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from smedigital.core.answers import Answer
from smedigital.core.assessment import AssessmentError, Company, load_assessment
from smedigital.library import Library, LibraryError, Migration, SchemaTooNew, data_dir
from smedigital.library.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parent.parent
FW = "miit-2024-manufacturing"
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
NETWORK = "miit.foundation.network"
SYSTEMS = "miit.foundation.information_systems"


@pytest.fixture
def lib():
    library = Library.open()
    yield library
    library.close()


def make_firm(lib: Library, name: str = "测试机械有限公司", industry: str = "C34", region: str = "宁波") -> int:
    return lib.add_firm(Company(name=name, industry=industry, region=region))


def answered(lib: Library, firm_id: int) -> tuple[int, object]:
    aid = lib.create_assessment(firm_id, FW)
    a = lib.load_assessment(aid)
    a = a.with_answer(NETWORK, Answer(choices=("control_network",), note="车间工控网"))
    a = a.with_answer(SYSTEMS, Answer(choice="several"))
    lib.save_assessment(aid, a)
    return aid, a


def test_opens_in_the_data_dir_from_the_environment(_isolated_data_dir):
    with Library.open() as library:
        assert library.path == _isolated_data_dir / "library.sqlite"
        assert data_dir() == _isolated_data_dir
    assert (_isolated_data_dir / "library.sqlite").exists()


def test_wal_mode_and_foreign_keys_are_on(lib):
    assert lib.journal_mode == "wal"
    assert lib._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
        with lib._write() as conn:
            conn.execute("INSERT INTO assessments (firm_id, framework_id, framework_version, assessed_on, created, "
                         "updated, document) VALUES (999, 'x', '1', '', '', '', '{}')")


def test_assessment_round_trip_and_cached_scores(lib):
    firm = make_firm(lib)
    aid, a = answered(lib, firm)
    back = lib.load_assessment(aid)
    assert back == a
    assert back.answers[NETWORK].note == "车间工控网"
    assert json.loads(lib.document(aid))["answers"][SYSTEMS] == {"choice": "several"}
    row = lib.firms()[0]
    expected = a.score(explain=False)
    assert row.assessment_id == aid and row.assessment_count == 1
    assert row.total_score == pytest.approx(float(expected.total_score))
    assert row.level_index == expected.level_index and row.stage_index == expected.stage.index
    assert row.complete is False


def test_saving_follows_the_company_into_the_firm_row(lib):
    firm = make_firm(lib)
    aid = lib.create_assessment(firm, FW)
    a = lib.load_assessment(aid)
    lib.save_assessment(aid, replace(a, company=replace(a.company, name="新名字有限公司", industry="F52")))
    row = lib.firm(firm)
    assert (row.name, row.industry, row.industry_section) == ("新名字有限公司", "F52", "F")
    lib.save_assessment(aid, replace(a, company=replace(a.company, name="")))  # half-typed: keep the old name
    assert lib.firm(firm).name == "新名字有限公司"


def test_a_new_assessment_takes_the_profile_of_the_latest_one(lib):
    firm = make_firm(lib)
    aid = lib.create_assessment(firm, FW)
    a = lib.load_assessment(aid)
    lib.save_assessment(aid, replace(a, company=replace(a.company, employees=120, revenue_wan=5600.0)))
    second = lib.load_assessment(lib.create_assessment(firm, FW))
    assert second.company.employees == 120 and second.answers == {}
    with pytest.raises(LibraryError, match="no bundled framework"):
        lib.create_assessment(firm, "no-such-framework")


def test_search_by_text_industry_and_level(lib):
    a = make_firm(lib, "甲精密机械", "C34", "宁波北仑")
    make_firm(lib, "乙商贸", "F52", "杭州")
    make_firm(lib, "Gamma_Software 100%", "I65", "上海")
    answered(lib, a)
    assert [f.name for f in lib.search("机械")] == ["甲精密机械"]
    assert [f.name for f in lib.search("宁波")] == ["甲精密机械"]
    assert [f.name for f in lib.search("gamma")] == ["Gamma_Software 100%"]
    assert [f.name for f in lib.search("%")] == ["Gamma_Software 100%"]  # LIKE wildcards are literal
    assert [f.name for f in lib.search(industry="F")] == ["乙商贸"]
    level = lib.firm(a).level_index
    assert [f.name for f in lib.search(level=level)] == ["甲精密机械"]
    assert lib.search(level=4) == []
    assert lib.industries_in_use() == ["C", "F", "I"]


def test_delete_and_restore_a_firm(lib):
    firm = make_firm(lib)
    answered(lib, firm)
    lib.delete_firm(firm)
    assert lib.firms() == [] and lib.search("测试") == []
    lib.restore_firm(firm)
    assert [f.id for f in lib.firms()] == [firm]
    assert lib.firms()[0].assessment_count == 1


def test_the_bin_is_emptied_after_thirty_days(lib):
    firm = make_firm(lib)
    aid, _ = answered(lib, firm)
    lib.delete_firm(firm)
    assert lib.purge_deleted() == 0
    with lib._write() as conn:
        conn.execute("UPDATE firms SET deleted = '2000-01-01T00:00:00+00:00'")
    assert lib.purge_deleted() == 1
    assert lib.firms(include_deleted=True) == []
    with pytest.raises(LibraryError):
        lib.assessment_info(aid)


def test_duplicate_keeps_answers_and_resets_the_date(lib):
    firm = make_firm(lib)
    aid = lib.create_assessment(firm, FW, today=dt.date(2025, 3, 1))
    a = lib.load_assessment(aid).with_answer(NETWORK, Answer(choices=("control_network",)))
    a = replace(a, pledge={"signed_by": "王", "date": "2025-03-01"}, plan={"actions": []})
    lib.save_assessment(aid, a)
    new_id = lib.duplicate_for_reassessment(aid)
    new = lib.load_assessment(new_id)
    assert new_id != aid
    assert new.answers == a.answers and new.company == a.company and new.plan == a.plan
    assert new.assessed_on == dt.date.today().isoformat()
    assert new.pledge is None
    assert lib.firm(firm).assessment_id == new_id
    assert [h.date for h in lib.history(firm)] == ["2025-03-01", dt.date.today().isoformat()]
    assert lib.load_assessment(aid).assessed_on == "2025-03-01"  # the earlier one is untouched


def test_history_lists_date_score_level_and_stage(lib):
    firm = make_firm(lib)
    first = lib.create_assessment(firm, FW, today=dt.date(2024, 5, 1))
    answered(lib, firm)
    points = lib.history(firm)
    assert len(points) == 2
    date, score, level, stage = points[0]
    assert date == "2024-05-01" and score == 0 and level == 0 and stage == 0
    assert points[1].score > 0
    assert lib.assessments(firm)[0].id == first


def test_import_and_export_a_file(lib, tmp_path):
    aid = lib.import_file(SAMPLE)
    original = load_assessment(SAMPLE)
    assert lib.load_assessment(aid) == original
    assert lib.import_file(SAMPLE) == aid  # the same content again: no copy
    firm = lib.firms()[0]
    assert firm.name == original.company.name and firm.credit_code == original.company.credit_code
    out = lib.export_file(aid, tmp_path / "copy")
    assert out.name == "copy.smd.json"
    assert load_assessment(out) == original
    assert [p.name for p in tmp_path.iterdir()] == ["copy.smd.json"]  # no temporary file left behind


def test_import_finds_the_firm_by_credit_code(lib, tmp_path):
    code = "91330206MA2H7Q3K58"
    firm = lib.add_firm(Company(name="旧名", credit_code=code, industry="C"))
    aid = lib.create_assessment(firm, FW, today=dt.date(2030, 1, 1))
    a = replace(lib.load_assessment(aid), assessed_on="2031-01-01",
                company=Company(name="新名", credit_code=code, industry="C"))
    path = tmp_path / "later.smd.json"
    path.write_text(json.dumps(a.to_dict(), ensure_ascii=False), encoding="utf-8")
    new_id = lib.import_file(path)
    assert lib.assessment_info(new_id).firm_id == firm
    assert lib.firm(firm).name == "新名"
    assert len(lib.firms()) == 1


def test_import_rejects_a_bad_file_naming_the_field(lib, tmp_path):
    bad = {"format": "smedigital-assessment", "format_version": 1,
           "framework": {"id": FW, "version": "2024"}, "company": {"name": "坏文件公司", "employees": -3},
           "assessed_on": "2025-01-01", "answers": {NETWORK: {"choices": ["no_such_option"]}}}
    path = tmp_path / "bad.smd.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(AssessmentError) as info:
        lib.import_file(path)
    message = str(info.value)
    assert "company.employees" in message
    assert f'answers["{NETWORK}"].choices[0]' in message
    assert lib.firms() == []
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(AssessmentError, match="line 1, column 2"):
        lib.import_file(path)


def test_a_half_typed_answer_does_not_lose_the_rest(lib):
    firm = make_firm(lib)
    aid, a = answered(lib, firm)
    ratio = "miit.foundation.device_digitisation"
    broken = a.with_answer(ratio, Answer(raw={"devices_total": 10, "devices_digitised": 50}))
    lib.save_assessment(aid, broken)  # saved as typed: the numbers are not possible yet
    back = lib.load_assessment(aid)
    assert ratio not in back.answers
    assert back.answers[NETWORK] == a.answers[NETWORK]


def test_evidence_is_stored_by_content_hash(lib, tmp_path):
    firm = make_firm(lib)
    aid, _ = answered(lib, firm)
    src = tmp_path / "网络拓扑图.pdf"
    src.write_bytes(b"%PDF-1.4 topology")
    ev = lib.attach_evidence(aid, NETWORK, src)
    assert ev.path == lib.data_dir / "evidence" / ev.sha256[:2] / ev.sha256
    assert ev.path.read_bytes() == src.read_bytes()
    assert ev.original_name == "网络拓扑图.pdf" and ev.question_id == NETWORK
    copy = tmp_path / "again.pdf"
    copy.write_bytes(src.read_bytes())
    other = lib.attach_evidence(aid, SYSTEMS, copy)
    assert other.sha256 == ev.sha256 and len(lib.evidence(aid)) == 2
    lib.remove_evidence(ev.id)
    assert ev.path.exists()  # still used by the other link
    lib.remove_evidence(other.id)
    assert not ev.path.exists()
    with pytest.raises(LibraryError, match="cannot copy"):
        lib.attach_evidence(aid, NETWORK, tmp_path / "missing.pdf")


def test_app_state_round_trip(lib):
    assert lib.get_state("language", "zh") == "zh"
    lib.set_state("language", "en")
    lib.set_state("last_assessment", {"id": 3, "page": "review"})
    assert lib.get_state("language") == "en"
    assert lib.get_state("last_assessment") == {"id": 3, "page": "review"}
    lib.set_state("language", None)
    assert lib.get_state("language") is None


def test_migration_backs_up_an_existing_database_first(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        make_firm(library, "迁移前的公司")
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
    step2 = Migration(2, "a note on each firm", "ALTER TABLE firms ADD COLUMN note TEXT NOT NULL DEFAULT '';")
    with Library.open(path, migrations=[*MIGRATIONS, step2]) as library:
        assert library._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 2
        assert library._conn.execute("SELECT note FROM firms").fetchone()[0] == ""
    backups = list((tmp_path / "backups").glob("library-v1-*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("SELECT name FROM firms").fetchall() == [("迁移前的公司",)]
        assert old.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 1
    finally:
        old.close()
    with Library.open(path, migrations=[*MIGRATIONS, step2]):
        pass
    assert len(list((tmp_path / "backups").iterdir())) == 1  # nothing to migrate: no new backup


def test_a_failed_migration_step_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        make_firm(library)
    broken = Migration(2, "broken", "ALTER TABLE firms ADD COLUMN a TEXT; ALTER TABLE nowhere ADD COLUMN b TEXT;")
    with pytest.raises(LibraryError, match="nowhere"):
        Library.open(path, migrations=[*MIGRATIONS, broken])
    with Library.open(path) as library:
        columns = [r[1] for r in library._conn.execute("PRAGMA table_info(firms)")]
        assert "a" not in columns and len(library.firms()) == 1


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "library.sqlite"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2099-01-01')")
    conn.close()
    with pytest.raises(SchemaTooNew, match="99"):
        Library.open(path)


def test_a_crash_mid_transaction_loses_only_that_change(tmp_path):
    path = tmp_path / "library.sqlite"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from smedigital.core.answers import Answer
        from smedigital.core.assessment import Company
        from smedigital.library import Library

        lib = Library.open({str(path)!r})
        firm = lib.add_firm(Company(name="崩溃测试公司", industry="C"))
        aid = lib.create_assessment(firm, {FW!r})
        a = lib.load_assessment(aid).with_answer({NETWORK!r}, Answer(choices=("control_network",)))
        lib.save_assessment(aid, a)          # committed
        lib.set_state("last_assessment", aid)

        class DiesBeforeCommit:
            # Passes everything to the connection, but the process dies right after the
            # assessment row is updated, before the transaction commits.
            def __init__(self, conn):
                self.conn = conn
            def __getattr__(self, name):
                return getattr(self.conn, name)
            def __enter__(self):
                return self.conn.__enter__()
            def __exit__(self, *exc):
                return self.conn.__exit__(*exc)
            def execute(self, sql, *args):
                cur = self.conn.execute(sql, *args)
                if sql.startswith("UPDATE assessments"):
                    os._exit(17)
                return cur

        lib._conn = DiesBeforeCommit(lib._conn)
        lib.save_assessment(aid, a.with_answer({SYSTEMS!r}, Answer(choice="several")))
        print("not reached")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 17, proc.stderr
    assert "not reached" not in proc.stdout
    with Library.open(path) as library:
        assert library._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        firm = library.firms()[0]
        assert firm.name == "崩溃测试公司"
        answers = library.load_assessment(firm.assessment_id).answers
        assert NETWORK in answers  # the committed change survived
        assert SYSTEMS not in answers  # the one being made when the process died is lost
        assert library.get_state("last_assessment") == firm.assessment_id


def test_database_failures_surface_as_library_errors(lib):
    lib.close()
    with pytest.raises(LibraryError, match="could not read the firm list"):
        lib.firms()


def test_unknown_ids_raise_library_errors(lib):
    with pytest.raises(LibraryError):
        lib.load_assessment(42)
    with pytest.raises(LibraryError):
        lib.delete_firm(42)
    with pytest.raises(LibraryError, match="name"):
        lib.add_firm(Company(name="  "))
