"""The command line: output, exit codes, and one bad file never hiding the others."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smedigital.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_frameworks_lists_id_version_title(capsys):
    code, out, _ = run(capsys, "frameworks")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("miit-2024-manufacturing"))
    assert line.split("\t")[1] == "2024" and "中小企业数字化水平评测指标" in line


def test_framework_show_json_has_the_documented_fields(capsys):
    code, out, _ = run(capsys, "framework", "show", "miit-2024-manufacturing", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["id"] == "miit-2024-manufacturing" and d["version"] == "2024"
    q = next(q for q in d["questions"] if q["id"] == "miit.foundation.network")
    for key in ("id", "kind", "section", "max_points", "options", "inputs", "mandatory", "na_allowed", "pillars",
                "module"):
        assert key in q
    assert {"id", "points", "exclusive"} <= set(q["options"][0])
    assert any(o["exclusive"] for o in q["options"])
    assert d["level_rule"]["kind"] == "gated" and d["stage_rule"][0]["pillar"] == "cloud"
    assert sum(1 for q in d["questions"] if q["mandatory"]) == 10


def test_framework_validate_ok_and_invalid(capsys, tmp_path):
    code, out, _ = run(capsys, "framework", "validate", str(ROOT / "resources/frameworks/miit-2024-manufacturing.yaml"))
    assert code == 0 and out.strip().endswith(": ok")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: smedigital-framework\nformat_version: 1\nid: Bad Id\n", encoding="utf-8")
    code, _, err = run(capsys, "framework", "validate", str(bad), "--lang", "en")
    assert code == 1
    assert f'{bad}: id: "Bad Id" is not a valid id' in err and f"{bad}: questions: is missing" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "framework", "validate", str(bad))  # Chinese, the default
    assert code == 1
    assert f'{bad}: id: "Bad Id" 不是有效的编号（只能用小写字母、数字和 _ . -）' in err
    assert f"{bad}: questions: 缺失" in err and f"{bad}: stage_rule: 缺失" in err


def test_new_then_score(capsys, tmp_path):
    out_file = tmp_path / "a.smd.json"
    code, out, _ = run(capsys, "new", "--framework", "miit-2024-manufacturing", "-o", str(out_file))
    assert code == 0 and out_file.exists()
    code, out, _ = run(capsys, "score", str(out_file), "--json")
    d = json.loads(out)
    assert d["total_score"] == 0 and d["complete"] is False and len(d["unanswered"]) == 31
    code, _, err = run(capsys, "new", "--framework", "miit-2024-manufacturing", "-o", str(out_file))
    assert code == 1 and "已存在（用 --force 覆盖）" in err


def test_score_json_fields_for_the_sample(capsys):
    code, out, _ = run(capsys, "score", str(SAMPLE), "--json")
    assert code == 0
    d = json.loads(out)
    assert d["framework"] == {"id": "miit-2024-manufacturing", "version": "2024"}
    assert d["total_score"] == 51.725
    assert d["level"] == {"id": "l1", "index": 1, "label": "一级"}
    assert d["stage"]["index"] == 1 and d["stage"]["label"] == "上云"
    assert set(d["pillars"]) == {"cloud", "data", "intelligence"}
    assert [x["id"] for x in d["dimensions"]] == ["foundation", "management", "results"]
    assert d["complete"] is True and d["unanswered"] == []
    gap = d["next_level_gap"]
    assert gap["level"]["index"] == 2
    scenes = next(c for c in gap["conditions"] if c["kind"] == "scenes")
    assert scenes["short"] == 1 and scenes["scene_level"] == 2


def test_score_readable_in_english(capsys):
    code, out, _ = run(capsys, "--lang", "en", "score", str(SAMPLE))
    assert code == 0
    assert "Level: Level 1" in out and "1 more scene(s) at level 2 or above" in out


def test_one_bad_file_does_not_stop_the_others(capsys, tmp_path):
    bad = tmp_path / "bad.smd.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "score", str(bad), str(SAMPLE), "--json")
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and json.loads(out)["file"] == str(SAMPLE)
    assert err.startswith(str(bad)) and "不是有效的 JSON" in err and "Traceback" not in err


def test_wrong_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["score"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2


def test_plan_command_for_the_sample(capsys):
    code, out, err = run(capsys, "plan", str(SAMPLE), "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["target"] == "next-level" and d["reached"]
    assert d["expected"]["level"]["index"] == 2
    assert d["phases"] and all(i["title"] for p in d["phases"] for i in p["items"])


@pytest.mark.skipif(shutil.which("smedigital-cli") is None and not (Path(sys.executable).parent / "smedigital-cli").exists(),
                    reason="console script not installed")
def test_console_script_exit_status(tmp_path):
    exe = shutil.which("smedigital-cli") or str(Path(sys.executable).parent / "smedigital-cli")
    proc = subprocess.run([exe, "score", str(tmp_path / "missing.smd.json")], capture_output=True, text=True)
    assert proc.returncode == 1 and "无法读取" in proc.stderr and "Traceback" not in proc.stderr


def test_plan_json_says_method_objective_and_that_the_exact_plan_is_proven_and_cheaper(capsys):
    code, out, _ = run(capsys, "plan", str(SAMPLE), "--target", "level:3", "--json")
    assert code == 0
    exact = json.loads(out)
    assert exact["method"] == "exact" and exact["objective"] == {"kind": "cost", "cost_end": "mid"}
    assert exact["optimal"] is True and exact["reached"] is True and exact["expected"]["level"]["index"] == 3
    code, out, _ = run(capsys, "plan", str(SAMPLE), "--target", "level:3", "--json", "--method", "greedy")
    greedy = json.loads(out)
    assert greedy["method"] == "greedy" and greedy["optimal"] is False
    assert exact["cost"]["min"] + exact["cost"]["max"] < greedy["cost"]["min"] + greedy["cost"]["max"]


def test_plan_within_a_budget_names_the_best_reachable_target_and_stays_within_it(capsys):
    code, out, _ = run(capsys, "plan", str(SAMPLE), "--budget", "200000", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["budget"]["yuan"] == 200000 and d["budget"]["best_target"] == "level:2"
    assert (d["cost"]["min"] + d["cost"]["max"]) / 2 <= 200000
    assert d["expected"]["level"]["index"] == 2
    code, out, _ = run(capsys, "--lang", "en", "plan", str(SAMPLE), "--budget", "200000")
    assert "Budget: ¥200,000" in out and "best reachable: Level 2" in out
    code, _, err = run(capsys, "plan", str(SAMPLE), "--budget", "-5")
    assert code == 2 and "--budget" in err


def test_spending_a_share_of_revenue_is_planned_only_when_asked_and_priced_from_the_firm(capsys):
    funding = "miit.management.funding>r10_20"
    for target in ("level:2", "level:3", "level:4"):
        code, out, _ = run(capsys, "plan", str(SAMPLE), "--target", target, "--json")
        keys = [i["key"] for ph in json.loads(out)["phases"] for i in ph["items"]]
        assert not any(k.startswith("miit.management.funding") for k in keys)
    code, out, _ = run(capsys, "plan", str(SAMPLE), "--target", "level:2", "--pin", funding, "--json")
    d = json.loads(out)
    item = next(i for ph in d["phases"] for i in ph["items"] if i["key"] == funding)
    # revenue 5,600万元, spending 90万元 a year: 3 years x (560 - 90) 万元 more
    assert item["spend"] == 14_100_000 and item["cost"]["min"] >= 14_100_000
    assert d["pins"] == [funding]
    # the same step excluded: another way is found
    code, out, _ = run(capsys, "plan", str(SAMPLE), "--target", "level:2", "--exclude", "miit.scene.equipment>2",
                       "--json")
    keys = [i["key"] for ph in json.loads(out)["phases"] for i in ph["items"]]
    assert "miit.scene.equipment>2" not in keys and json.loads(out)["reached"]


def test_chinese_output_uses_full_width_punctuation_after_chinese_words(capsys):
    """docs/terms.md: inside Chinese, ：，；（） and not : , ; ( (the labels were "总分: 51.7")."""
    import re

    sample = str(SAMPLE)
    half = re.compile(r"[\u4e00-\u9fff）][:;,(]")
    for argv in (("score", sample), ("plan", sample, "--target", "level:2")):
        code, out, _ = run(capsys, "--lang", "zh", *argv)
        assert code == 0
        bad = [line for line in out.splitlines() if half.search(line)]
        assert not bad, bad
        assert "：" in out
    code, out, _ = run(capsys, "--lang", "en", "score", sample)
    assert "Total: " in out and "：" not in out


def _signed_copy(tmp_path: Path, plan: bool) -> Path:
    """The sample as a signed export (this installation's key), with or without its saved plan."""
    from smedigital.core.assessment import load_assessment
    from smedigital.export.record import save_signed_assessment

    a = load_assessment(SAMPLE)
    if not plan:
        from dataclasses import replace

        a = replace(a, plan=None)
    path = tmp_path / "signed.smd.json"
    assert save_signed_assessment(a, path)
    return path


def test_plan_save_over_a_signed_file_says_the_signature_was_removed(capsys, tmp_path):
    from smedigital.export.signing import UNSIGNED, verify_record

    path = _signed_copy(tmp_path, plan=False)
    code, _, err = run(capsys, "--lang", "en", "plan", str(path), "--target", "level:3", "--save")
    assert code == 0
    assert "signature it carried was removed, because its content changed" in err and str(path) in err
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert "signature" not in saved and saved["plan"]
    assert verify_record(saved, {}).status == UNSIGNED
    path = _signed_copy(tmp_path, plan=False)
    code, _, err = run(capsys, "--lang", "zh", "plan", str(path), "--target", "level:3", "--save")
    assert code == 0 and "原有签名已不再匹配，因此已被移除" in err
    # an unsigned file re-saved: nothing to say
    code, _, err = run(capsys, "--lang", "en", "plan", str(path), "--target", "level:3", "--save")
    assert code == 0 and "signature" not in err


def test_plan_save_that_changes_nothing_keeps_the_signature_and_says_nothing(capsys, tmp_path):
    from smedigital.core.assessment import load_assessment
    from smedigital.export.record import save_signed_assessment
    from smedigital.export.signing import UNKNOWN_KEY, verify_record

    path = _signed_copy(tmp_path, plan=False)
    run(capsys, "plan", str(path), "--target", "level:3", "--save")
    assert save_signed_assessment(load_assessment(path), path)  # signed with its plan; the same plan saved again
    before = path.read_bytes()
    code, _, err = run(capsys, "--lang", "en", "plan", str(path), "--target", "level:3", "--save")
    assert code == 0 and "signature" not in err
    assert path.read_bytes() == before
    assert verify_record(json.loads(before), {}).status == UNKNOWN_KEY  # still signed (by a key not trusted here)


def test_plan_phases_name_their_months_so_two_phases_in_one_quarter_read_one_after_the_other(capsys):
    after = ROOT / "resources" / "samples" / "pilot" / "manufacturer-miit-after.smd.json"
    code, out, _ = run(capsys, "--lang", "en", "plan", str(after))
    assert code == 0
    phases = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("Phase")]
    assert phases[0].startswith("Phase 1: Migrating to cloud (2027-01, 1 month, ")
    assert phases[1].startswith("Phase 2: Using data (2027-02–2027-")
    assert ", 10 months, " in phases[1]


def test_plan_in_chinese_uses_chinese_punctuation_and_one_way_of_saying_months(capsys):
    """Every line of ``plan --lang zh`` (budget and subsidy blocks included) uses full-width colons and brackets,
    and a phase and its items say months the same way (2 个月, never 2个月)."""
    import re

    code, out, _ = run(capsys, "--lang", "zh", "plan", str(SAMPLE), "--budget", "100000",
                       "--rules", "changchun-batch3-example")
    assert code == 0
    text = out.replace(str(SAMPLE), "")
    assert text.startswith("：改进计划 — 目标："), out
    assert not re.search(r"[^\x00-\x7f]: |: [^\x00-\x7f]| \(|\) ", text), out
    assert re.search(r"第一阶段：上云（2027-01，1 个月，", text), out
    assert re.search(r"· 2027-0\d · \d+ 个月 · ", text), out
    assert not re.search(r"\d个月", text), out
    assert "补助估算（" in text and "条件：\n" in text, out

