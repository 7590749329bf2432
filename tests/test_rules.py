"""City rule packs: bundled packs load and say what they are; bad packs are reported in full;
the estimate counts what a city would pay and tells every condition."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from smedigital.cli import main
from smedigital.core.rules import (
    LevelResult,
    RulesError,
    SpendItem,
    bundled_rule_packs,
    estimate,
    level_result_of,
    load_rule_pack,
    parse_rule_pack,
    spend_categories,
)

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "resources" / "rules"
SCHEMA = json.loads((ROOT / "resources/schemas/rule-pack.schema.json").read_text(encoding="utf-8"))
PACK_FILES = sorted(p for p in RULES.glob("*.yaml") if p.name != "spend-categories.yaml")
MIIT = "miit-2024-manufacturing"


def _as_text_dates(path: Path) -> dict:
    """The file as JSON sees it: dates as YYYY-MM-DD text."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def problems_of(data: dict) -> list[str]:
    with pytest.raises(RulesError) as info:
        parse_rule_pack(data, "test")
    return [p.text("en") for p in info.value.problems]


# ----------------------------------------------------------------------------- bundled packs


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.stem for p in PACK_FILES])
def test_bundled_pack_loads_and_matches_the_schema(path):
    load_rule_pack(path)
    jsonschema.validate(_as_text_dates(path), SCHEMA)


def test_the_schema_rejects_a_one_language_text_and_an_unknown_field():
    data = _as_text_dates(RULES / "changchun-batch3.example.yaml")
    bad = copy.deepcopy(data)
    bad["title"] = {"zh": "只有中文"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
    bad = copy.deepcopy(data)
    bad["subsidy"]["ceiling"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_every_example_pack_says_it_is_an_example_and_a_repost_wherever_it_is_shown():
    packs = bundled_rule_packs()
    assert {"changchun-batch3-example", "hangzhou-xiaoshan-example", "xian-batch1-example", "blank"} <= set(packs)
    for pack in packs.values():
        assert pack.status == "example"
        texts = [c.zh for c in pack.caveats()] + [c.en for c in pack.caveats()]
        assert any("示例" in t for t in texts) and any("Example" in t for t in texts)
        if pack.sources:
            assert all(s.repost for s in pack.sources.values())
            assert any("[转载]" in t for t in texts) and any("[re-post]" in t for t in texts)
            assert all(s.url and s.date for s in pack.sources.values())


def test_every_rule_of_a_bundled_pack_cites_a_source_and_whom_it_asks():
    for pack in bundled_rule_packs().values():
        cites = [x.cite for x in (pack.level_gate, pack.subsidy, *pack.windows.values(), *pack.documents,
                                  *pack.other_conditions) if x is not None]
        if pack.spend.eligible or pack.spend.excluded:
            cites.append(pack.spend.cite)
        for c in cites:
            assert c is not None and c.source in pack.sources and c.says.zh and c.says.en and c.asks


def test_the_changchun_example_has_the_rules_of_its_source():
    p = bundled_rule_packs()["changchun-batch3-example"]
    assert (p.level_gate.framework, p.level_gate.level) == (MIIT, 2)
    assert p.subsidy.rate == 0.5 and p.subsidy.cap_yuan == 500_000
    assert set(p.windows) == {"contract", "invoice", "payment", "acceptance"}
    assert all((w.start, w.end) == (dt.date(2023, 12, 29), dt.date(2025, 12, 31)) for w in p.windows.values())


def test_the_xiaoshan_average_is_not_used_as_a_cap():
    p = bundled_rule_packs()["hangzhou-xiaoshan-example"]
    assert p.subsidy.cap_yuan is None and p.subsidy.average_yuan == 220_000
    e = estimate(p, [SpendItem("software_business", 1_000_000, 2_000_000)], LevelResult(MIIT, 2))
    assert (e.subsidy.min, e.subsidy.max) == (400_000, 800_000)


def test_the_category_vocabulary_is_bilingual_and_has_the_xian_exclusions():
    cats = spend_categories()
    for c in cats.values():
        assert c.name.zh and c.name.en and c.description.zh and c.description.en
    sources = {sid for pack in bundled_rule_packs().values() for sid in pack.sources}
    for c in cats.values():
        assert set(c.seen_in) <= sources, c.id  # each category names where its wording was read
    xian = bundled_rule_packs()["xian-batch1-example"]
    assert {"office_pc", "embedded_software", "low_voltage_cabling", "portable_storage"} <= set(xian.spend.excluded)


# ----------------------------------------------------------------------------- malformed packs


def test_a_malformed_pack_reports_every_problem_with_its_location_in_both_languages():
    data = _as_text_dates(RULES / "changchun-batch3.example.yaml")
    data["status"] = "draft"
    data["spend"]["eligible"].append("rockets")
    data["spend"]["excluded"] = ["software_basic"]
    data["subsidy"]["rate"] = 50
    data["windows"]["invoice"] = {"from": "2025-12-31", "to": "2023-12-29", "cite": data["windows"]["contract"]["cite"]}
    data["windows"]["payment"]["to"] = "2025-02-30"
    data["windows"]["acceptance"]["from"] = "29/12/2023"
    data["required_documents"][0]["cite"]["source"] = "nowhere"
    data["level_gate"]["level"] = 9
    data["colour"] = "red"
    with pytest.raises(RulesError) as info:
        parse_rule_pack(data, "bad.yaml")
    en = [p.text("en") for p in info.value.problems]
    zh = [p.text("zh") for p in info.value.problems]
    expected = ["status:", "spend.eligible[4]:", "spend: software_basic cannot be both", "subsidy.rate:",
                "windows.invoice: starts (2025-12-31) after it ends (2023-12-29)",
                "windows.payment.to: 2025-02-30 is not a real date",
                "windows.acceptance.from: '29/12/2023' is not a date as YYYY-MM-DD",
                "required_documents[0].cite.source:", "level_gate.level:", "colour: is not a field"]
    for want in expected:
        assert any(line.startswith(want) for line in en), (want, en)
    assert len(zh) == len(en) and all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in zh)


def test_a_pack_with_a_reposted_source_cannot_be_official():
    data = _as_text_dates(RULES / "changchun-batch3.example.yaml")
    data["status"] = "official"
    assert any(line.startswith("status: a pack whose source is a re-post") for line in problems_of(data))


def test_a_rule_without_a_cite_or_sources_is_refused():
    data = _as_text_dates(RULES / "blank.yaml")
    data["subsidy"] = {"rate": 0.3}
    lines = problems_of(data)
    assert "subsidy.cite: is missing" in lines
    assert any(line.startswith("sources: a pack with rules must list its sources") for line in lines)


def test_a_newer_format_version_asks_for_an_update():
    data = _as_text_dates(RULES / "blank.yaml")
    data["format_version"] = 2
    assert any("please update smedigital" in line for line in problems_of(data))


@pytest.mark.parametrize("text", ["{{{", "- just\n- a list\n", "format: smedigital-rule-pack\n  bad: indent\n: x"])
def test_unreadable_files_are_reported_not_raised(tmp_path, text, capsys):
    f = tmp_path / "pack.yaml"
    f.write_text(text, encoding="utf-8")
    assert main(["--lang", "en", "rules", "validate", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(f)) and "Traceback" not in err


def test_a_bad_date_in_yaml_form_is_reported_with_its_location(tmp_path):
    text = (RULES / "changchun-batch3.example.yaml").read_text(encoding="utf-8").replace(
        "to: 2025-12-31", "to: 2025-13-01", 1)
    f = tmp_path / "bad-date.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rule_pack(f)
    # the four windows share one YAML anchor: each is reported at its own place
    assert [p.text("en") for p in info.value.problems] == [
        f"windows.{k}.to: 2025-13-01 is not a real date" for k in ("contract", "invoice", "payment", "acceptance")]


# ----------------------------------------------------------------------------- the estimate


def _changchun():
    return bundled_rule_packs()["changchun-batch3-example"]


def test_estimate_counts_eligible_items_applies_the_rate_and_the_cap():
    items = [SpendItem("software_business", 400_000, 900_000, "MES"),
             SpendItem("cloud_service", 100_000, 300_000, "云 ERP"),
             SpendItem("office_pc", 50_000, 80_000, "电脑")]
    e = estimate(_changchun(), items, LevelResult(MIIT, 2), ["application", "summary-table"])
    assert (e.eligible.min, e.eligible.max) == (500_000, 1_200_000)
    assert (e.subsidy.min, e.subsidy.max) == (250_000, 500_000)  # 50 %, the upper end capped at ¥500,000
    assert [v.counted for v in e.items] == [True, True, False]
    assert "办公电脑" in e.items[2].reason.zh and "Office computers" in e.items[2].reason.en
    cond = {c.id: c.met for c in e.conditions}
    assert cond["level_gate"] is True and cond["document.application"] is True
    assert cond["window.contract"] is None  # no dates planned yet
    assert cond["other.in-batch3"] is None
    assert any("示例" in c.zh for c in e.caveats)
    assert any("核定" in c.zh and "approved transformation investment" in c.en for c in e.caveats)


def test_an_explicitly_excluded_category_says_so():
    xian = bundled_rule_packs()["xian-batch1-example"]
    e = estimate(xian, [SpendItem("embedded_software", 10_000, 20_000)])
    assert not e.items[0].counted and "excluded" in e.items[0].reason.en
    assert e.subsidy is None  # the Xi'an example gives no rate: no figure is invented


def test_a_date_outside_a_window_drops_the_item_and_fails_the_condition():
    items = [SpendItem("software_business", 100_000, 100_000, contract=dt.date(2023, 12, 29),
                       invoice=dt.date(2025, 12, 31), payment=dt.date(2025, 12, 31), acceptance=dt.date(2025, 12, 31)),
             SpendItem("cloud_service", 50_000, 60_000, contract=dt.date(2023, 12, 28))]
    e = estimate(_changchun(), items, LevelResult(MIIT, 3))
    assert (e.eligible.min, e.eligible.max) == (100_000, 100_000)  # both ends of the window are inclusive
    cond = {c.id: c for c in e.conditions}
    assert cond["window.contract"].met is False and "2023-12-28" in cond["window.contract"].text.en
    assert cond["window.invoice"].met is True  # the dropped item's missing dates no longer matter


def test_the_level_gate_fails_below_the_level_and_under_another_framework():
    e = estimate(_changchun(), [], LevelResult(MIIT, 1))
    gate = next(c for c in e.conditions if c.id == "level_gate")
    assert gate.met is False and "二级" in gate.text.zh
    e = estimate(_changchun(), [], LevelResult("smedigital-cdi", 4))
    assert next(c for c in e.conditions if c.id == "level_gate").met is False
    e = estimate(_changchun(), [], None)
    assert next(c for c in e.conditions if c.id == "level_gate").met is None


def test_a_listed_provider_rule_drops_unlisted_work():
    data = _as_text_dates(RULES / "changchun-batch3.example.yaml")
    data["listed_provider"] = {"required": True, "cite": copy.deepcopy(data["level_gate"]["cite"])}
    pack = parse_rule_pack(data, "t")
    items = [SpendItem("software_business", 100, 200, provider_listed=True),
             SpendItem("software_business", 1000, 2000, provider_listed=False),
             SpendItem("cloud_service", 10, 20)]
    e = estimate(pack, items, LevelResult(MIIT, 2))
    assert (e.eligible.min, e.eligible.max) == (110, 220)
    assert next(c for c in e.conditions if c.id == "provider.listed").met is False


@pytest.mark.parametrize("item", [SpendItem("software_business", 500, 100), SpendItem("software_business", -5, 10),
                                  SpendItem("rockets", 1, 2)])
def test_hostile_items_are_not_counted_and_say_why(item):
    e = estimate(_changchun(), [item], LevelResult(MIIT, 2))
    assert not e.items[0].counted and e.items[0].reason.zh and e.items[0].reason.en
    assert (e.eligible.min, e.eligible.max) == (0, 0) and (e.subsidy.min, e.subsidy.max) == (0, 0)


def test_subsidy_is_rounded_down_to_the_yuan():
    e = estimate(bundled_rule_packs()["hangzhou-xiaoshan-example"], [SpendItem("cloud_service", 3, 7)])
    assert (e.subsidy.min, e.subsidy.max) == (1, 2)


# ----------------------------------------------------------------------------- command line


def test_cli_validate_ok_and_exit_1_with_every_problem(tmp_path, capsys):
    assert main(["rules", "validate", *map(str, PACK_FILES), str(RULES / "spend-categories.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.count("无问题") == len(PACK_FILES) + 1
    bad = tmp_path / "bad.yaml"
    data = _as_text_dates(RULES / "changchun-batch3.example.yaml")
    data["spend"]["eligible"] = ["rockets"]
    data["windows"]["payment"]["from"] = "2024-02-30"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["--lang", "en", "rules", "validate", str(bad), str(PACK_FILES[0])]) == 1
    cap = capsys.readouterr()
    assert f"{bad}: spend.eligible[0]: 'rockets' is not in the spend category vocabulary" in cap.err
    assert f"{bad}: windows.payment.from: 2024-02-30 is not a real date" in cap.err
    assert f"{PACK_FILES[0]}: ok" in cap.out


def test_cli_show_prints_the_pack_in_the_chosen_language_with_its_warnings_first(capsys):
    path = str(RULES / "changchun-batch3.example.yaml")
    assert main(["rules", "show", path]) == 0
    zh = capsys.readouterr().out.splitlines()
    assert zh[1].startswith("状态：示例") and zh[2].startswith("! 示例规则包") and "[转载]" in zh[3]
    assert any(line.startswith("补助：比例 50%") and "50 万元" in line for line in zh)
    assert main(["rules", "show", path, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "Status: example" in en and "[re-post]" in en and "cap ¥500,000" in en
    assert "Contract signing" not in en and "contract signing: 2023-12-29 to 2025-12-31" in en


def test_cli_show_of_a_bad_file_exits_1_without_a_traceback(tmp_path, capsys):
    f = tmp_path / "x.yaml"
    f.write_text("format: nope\n", encoding="utf-8")
    assert main(["rules", "show", str(f)]) == 1
    err = capsys.readouterr().err
    assert "format" in err and "Traceback" not in err


def _write_json(tmp_path, data, name="items.json"):
    f = tmp_path / name
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(f)


def test_cli_estimate_reads_spend_items_and_tells_figures_and_conditions(tmp_path, capsys):
    items = _write_json(tmp_path, {
        "framework": MIIT, "level": 2, "documents": ["application", "summary-table"],
        "items": [{"category": "software_business", "cost_min": 300000, "cost_max": 600000, "label": "MES",
                   "contract": "2024-05-01"},
                  {"category": "office_pc", "cost_min": 20000, "cost_max": 30000, "label": "电脑"}]})
    pack = str(RULES / "changchun-batch3.example.yaml")
    assert main(["rules", "estimate", pack, items]) == 0
    out = capsys.readouterr().out
    assert "可补助支出：30 万元 – 60 万元" in out and "预计补助：15 万元 – 30 万元" in out
    assert "[满足] 须达到二级及以上" in out and "! 示例规则包" in out and "[转载]" in out
    assert main(["--lang", "en", "rules", "estimate", pack, items, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] == {"min": 300000, "max": 600000} and data["subsidy"] == {"min": 150000, "max": 300000}
    met = {c["id"]: c["met"] for c in data["conditions"]}
    assert met["window.contract"] is True and met["window.invoice"] is None
    assert [i["counted"] for i in data["items"]] == [True, False]


@pytest.mark.parametrize(("content", "wants"), [
    ('{"items": [{"category": "x", "cost_min": -1, "cost_max": "a", "contract": "2024-02-30"}], "level": 7}',
     ["level: must be", "items[0].category: 'x'", "items[0].cost_min:", "items[0].cost_max:",
      "items[0].contract: 2024-02-30 is not a real date"]),
    ("[1, 2]", ["the file must hold a JSON object"]),
    ("{not json", ["is not valid JSON"]),
    ('{"items": [{"category": "cloud_service", "cost_min": 9, "cost_max": 1, "colour": 1}]}',
     ["items[0]: cost_max is below cost_min", "items[0].colour: is not a field"]),
    ("[" * 100000, ["is not valid JSON"]),
])
def test_cli_estimate_reports_every_problem_of_hostile_spend_files(tmp_path, capsys, content, wants):
    f = tmp_path / "items.json"
    f.write_text(content, encoding="utf-8")
    assert main(["--lang", "en", "rules", "estimate", str(RULES / "xian-batch1.example.yaml"), str(f)]) == 1
    err = capsys.readouterr().err
    for want in wants:
        assert want in err, (want, err)
    assert "Traceback" not in err


def test_level_result_of_a_scored_assessment():
    from smedigital.core.assessment import load_assessment

    a = load_assessment(ROOT / "resources/samples/manufacturer-miit.smd.json")
    lr = level_result_of(a.score())
    assert lr.framework == MIIT and 0 <= lr.level <= 4


@pytest.mark.parametrize("argv", [["rules"], ["rules", "show"], ["rules", "frobnicate", "x"]])
def test_cli_wrong_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rule_pack_that_is_not_yaml_or_not_utf8_is_said_in_the_chosen_language(tmp_path, capsys, lang):
    """``rules validate`` with ``--lang zh``: the line and column and the reason in Chinese (they were
    ``line 2, column 6: 不是有效的 YAML：mapping values are not allowed here``)."""
    bad = tmp_path / "坏规则.yaml"
    bad.write_text("format: smedigital-rule-pack\nid: a: b\n", encoding="utf-8")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: café".encode("latin-1"))
    assert main(["--lang", lang, "rules", "validate", str(bad)]) == 1
    said = capsys.readouterr().err.strip()
    assert main(["--lang", lang, "rules", "validate", str(latin)]) == 1
    said_latin = capsys.readouterr().err.strip()
    if lang == "zh":
        assert said == f"{bad}: 第 2 行第 6 列：不是有效的 YAML（此处不能出现键值对（冒号后缺空格，或缩进不对？））"
        assert said_latin == f"{latin}: 不是 UTF-8 文本"
    else:
        # libyaml's words (rule packs are read with PyYAML's C loader, as frameworks are); the pure-Python
        # loader, where PyYAML was built without libyaml, says "... not allowed here"
        assert said in (f"{bad}: line 2, column 6: is not valid YAML (mapping values are not allowed in this context)",
                        f"{bad}: line 2, column 6: is not valid YAML (mapping values are not allowed here)")
        assert said_latin == f"{latin}: is not UTF-8 text"
