"""Company profile: credit code (GB 32100-2015), industries (GB/T 4754-2017) and
SME size classes (中小企业划型标准规定, 工信部联企业〔2011〕300号)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from smedigital.core import profile
from smedigital.core.profile import (
    CREDIT_CODE_CHARSET,
    FIGURES,
    ReferenceDataError,
    check_credit_code,
    credit_code_check_char,
    industry_name,
    industry_section,
    load_industries,
    load_size_standard,
    normalise_credit_code,
    parse_industries,
    parse_industry,
    parse_size_standard,
    size_class,
    size_label,
)
from smedigital.core.resources import resource_path

# --- credit codes -----------------------------------------------------------------------

# Codes of registered companies as published (Wikipedia infobox for Huawei; company
# registry extracts quoted in public material for the others); each passes GB 32100-2015.
REAL_CODES = {
    "914403001922038216": "华为技术有限公司 Huawei Technologies",
    "9144030071526726XG": "腾讯科技（深圳）有限公司 Tencent Technology (Shenzhen)",
    "91440300708461136T": "深圳市腾讯计算机系统有限公司 Shenzhen Tencent Computer Systems",
    "91330100799655058B": "阿里巴巴（中国）有限公司 Alibaba (China)",
    "91110000802100433B": "北京百度网讯科技有限公司 Beijing Baidu Netcom",
    "91110108551385082Q": "小米科技有限责任公司 Xiaomi",
    "91440300192317458F": "比亚迪股份有限公司 BYD",
}
VALID = "9144030071526726XG"


def codes(problems: list[profile.ProfileProblem]) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize("code", sorted(REAL_CODES))
def test_real_published_codes_are_valid(code: str) -> None:
    assert check_credit_code(code) == []
    assert credit_code_check_char(code[:17]) == code[17]


def test_check_character_31_counts_as_zero() -> None:
    # sum of 1 * v("1") = 1 -> 31 - 1 = 30 -> "Y"; a weighted sum of 0 gives 31 -> "0"
    assert credit_code_check_char("0" * 17) == "0"
    assert credit_code_check_char("1" + "0" * 16) == "Y"


@pytest.mark.parametrize("wrong", sorted(set(CREDIT_CODE_CHARSET) - {VALID[-1]}))
def test_wrong_check_character(wrong: str) -> None:
    assert codes(check_credit_code(VALID[:-1] + wrong)) == ["credit_code.check_digit"]


@pytest.mark.parametrize("position", range(17))
def test_any_single_mistyped_character_is_caught(position: int) -> None:
    # 31 is prime and no weight is 0 mod 31, so every single substitution changes the sum.
    for c in CREDIT_CODE_CHARSET:
        if c != VALID[position]:
            typo = VALID[:position] + c + VALID[position + 1:]
            assert check_credit_code(typo), typo


@pytest.mark.parametrize("code", [VALID[:-1], VALID + "0", "91440300", VALID * 2])
def test_wrong_length(code: str) -> None:
    assert codes(check_credit_code(code)) == ["credit_code.length"]


def test_empty() -> None:
    assert codes(check_credit_code("")) == ["credit_code.empty"]


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_forbidden_letters(letter: str) -> None:
    problems = check_credit_code(VALID[:10] + letter + VALID[11:])
    assert codes(problems) == ["credit_code.charset"]
    assert repr(letter) in problems[0].message_en and repr(letter) in problems[0].message_zh


@pytest.mark.parametrize("code", [VALID.lower(), VALID[:9] + " " + VALID[10:], VALID[:17] + "-"])
def test_characters_outside_the_set(code: str) -> None:
    assert codes(check_credit_code(code)) == ["credit_code.charset"]


def test_length_and_charset_reported_together() -> None:
    assert codes(check_credit_code("9144O3")) == ["credit_code.length", "credit_code.charset"]


def test_administrative_division_must_be_digits() -> None:
    first17 = "91A4030071526726X"  # a letter in characters 3-8, check character made to fit
    assert codes(check_credit_code(first17 + credit_code_check_char(first17))) == ["credit_code.division"]
    wrong = next(c for c in CREDIT_CODE_CHARSET if c != credit_code_check_char(first17))
    assert codes(check_credit_code(first17 + wrong)) == ["credit_code.division", "credit_code.check_digit"]


@pytest.mark.parametrize("raw", [" 9144030071526726xg ", "9144 0300 7152 6726 XG", "\t9144030071526726Xg\n",
                                 "9144030071526726\u3000xg"])
def test_lower_case_and_spaces_are_normalised(raw: str) -> None:
    assert normalise_credit_code(raw) == VALID
    assert check_credit_code(normalise_credit_code(raw)) == []


def test_messages_are_bilingual() -> None:
    for code in ["", "9144", VALID.lower(), VALID[:-1] + "0"]:
        for problem in check_credit_code(code):
            assert problem.code.startswith("credit_code.")
            assert problem.message_zh and problem.message_en
            assert problem.message.zh == problem.message_zh and problem.message.en == problem.message_en


# --- industries -------------------------------------------------------------------------

SECTION_DIVISIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52),
    "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72),
    "M": (73, 75), "N": (76, 79), "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90),
    "S": (91, 96), "T": (97, 97),
}


def test_all_sections_and_divisions() -> None:
    industries = load_industries()
    assert list(industries.sections) == list(SECTION_DIVISIONS)
    assert list(industries.divisions) == [f"{n:02d}" for n in range(1, 98)]
    for letter, (first, last) in SECTION_DIVISIONS.items():
        assert industries.sections[letter].divisions == tuple(f"{n:02d}" for n in range(first, last + 1))
    for item in [*industries.sections.values(), *industries.divisions.values(), *industries.classes.values()]:
        assert item.name.zh and item.name.en
    assert "GB/T 4754-2017" in industries.source.zh and "GB/T 4754-2017" in industries.source.en


def test_known_names() -> None:
    assert industry_name("C").zh == "制造业"
    assert industry_name("C13").zh == "农副食品加工业"
    assert industry_name("59").zh == "装卸搬运和仓储业"
    assert industry_name("I65").zh == "软件和信息技术服务业"
    assert industry_name("K7010").zh == "房地产开发经营"
    assert industry_name("7020").zh == "物业管理"
    assert industry_name("G5910").zh == "装卸搬运"
    assert industry_name("K7030").zh == "房地产业"  # a class not listed reads through its division


@pytest.mark.parametrize(("code", "section"), [
    ("C", "C"), ("C13", "C"), ("13", "C"), (" c13 ", "C"), ("01", "A"), ("A05", "A"), ("97", "T"),
    ("K7010", "K"), ("7010", "K"), ("7020", "K"), ("C1311", "C"), ("F52", "F"),
])
def test_industry_section(code: str, section: str) -> None:
    assert industry_section(code) == section


def test_parse_industry() -> None:
    assert parse_industry("13") == profile.IndustryCode("C", "13", None)
    assert parse_industry("K7010") == profile.IndustryCode("K", "70", "7010")
    assert parse_industry("7010").code == "K7010"
    assert parse_industry("G").code == "G"


@pytest.mark.parametrize("code", ["", "U", "Z", "F13", "00", "98", "123", "C1", "K70100", "CC", "１３", "13C"])
def test_bad_industry_codes(code: str) -> None:
    with pytest.raises(ValueError, match="GB/T 4754"):
        parse_industry(code)


# --- size classes -----------------------------------------------------------------------

E, R, A = "employees", "revenue_wan", "assets_wan"


def classed(industry: str, **figures: float) -> str:
    return size_class(industry, figures.get(E), figures.get(R), figures.get(A)).size


@pytest.mark.parametrize(("industry", "figures", "size"), [
    # 工业: SME if employees < 1000 or revenue < 40000
    ("C", {E: 300, R: 2000}, "medium"),
    ("C", {E: 299, R: 2000}, "small"),
    ("C", {E: 300, R: 1999}, "small"),
    ("C", {E: 20, R: 300}, "small"),
    ("C", {E: 19, R: 300}, "micro"),
    ("C", {E: 20, R: 299.99}, "micro"),
    ("C", {E: 1000, R: 40000}, "large"),
    ("C", {E: 999, R: 40000}, "medium"),
    ("C", {E: 1000, R: 39999}, "medium"),
    ("C", {E: 100000, R: 1}, "micro"),  # under the ceiling through revenue, micro by revenue
    ("C", {E: 0, R: 0}, "micro"),
    ("B06", {E: 1000, R: 40000}, "large"),
    ("D44", {E: 300, R: 2000}, "medium"),
    # 零售业 F52
    ("F52", {E: 300, R: 20000}, "large"),
    ("F52", {E: 299, R: 20000}, "medium"),
    ("F52", {E: 300, R: 19999}, "medium"),
    ("F52", {E: 50, R: 500}, "medium"),
    ("F52", {E: 49, R: 500}, "small"),
    ("F52", {E: 50, R: 499}, "small"),
    ("F52", {E: 10, R: 100}, "small"),
    ("F52", {E: 9, R: 100}, "micro"),
    ("F52", {E: 10, R: 99}, "micro"),
    # 批发业 F51
    ("F51", {E: 200, R: 40000}, "large"),
    ("F51", {E: 199, R: 40000}, "medium"),
    ("F51", {E: 20, R: 5000}, "medium"),
    ("F51", {E: 19, R: 5000}, "small"),
    ("F51", {E: 5, R: 1000}, "small"),
    ("F51", {E: 4, R: 1000}, "micro"),
    ("F51", {E: 5, R: 999}, "micro"),
    # 农、林、牧、渔业: revenue only
    ("A", {R: 20000}, "large"),
    ("A01", {R: 19999.5}, "medium"),
    ("A", {R: 500}, "medium"),
    ("A", {R: 499}, "small"),
    ("A", {R: 50}, "small"),
    ("A", {R: 49.9}, "micro"),
    ("A", {E: 5000, R: 10}, "micro"),
    # 建筑业: revenue and assets
    ("E", {R: 80000, A: 80000}, "large"),
    ("E", {R: 80000, A: 79999}, "medium"),
    ("E", {R: 79999, A: 80000}, "medium"),
    ("E", {R: 6000, A: 5000}, "medium"),
    ("E", {R: 6000, A: 4999}, "small"),
    ("E", {R: 5999, A: 5000}, "small"),
    ("E", {R: 300, A: 300}, "small"),
    ("E", {R: 299, A: 300}, "micro"),
    ("E", {R: 300, A: 299}, "micro"),
    # 租赁和商务服务业 L: employees and assets
    ("L", {E: 300, A: 120000}, "large"),
    ("L71", {E: 299, A: 120000}, "medium"),
    ("L72", {E: 300, A: 119999}, "medium"),
    ("L", {E: 100, A: 8000}, "medium"),
    ("L", {E: 99, A: 8000}, "small"),
    ("L", {E: 100, A: 7999}, "small"),
    ("L", {E: 10, A: 100}, "small"),
    ("L", {E: 9, A: 100}, "micro"),
    ("L", {E: 10, A: 99}, "micro"),
    # 其他未列明行业: employees only
    ("M", {E: 300}, "large"),
    ("M73", {E: 299}, "medium"),
    ("Q85", {E: 100}, "medium"),
    ("O", {E: 99}, "small"),
    ("R", {E: 10}, "small"),
    ("N", {E: 9}, "micro"),
    ("J66", {E: 300, R: 1, A: 1}, "large"),
    # 交通运输业, 仓储业, 邮政业
    ("G54", {E: 1000, R: 30000}, "large"),
    ("G58", {E: 300, R: 3000}, "medium"),
    ("G56", {E: 300, R: 2999}, "small"),
    ("G55", {E: 20, R: 200}, "small"),
    ("G57", {E: 20, R: 199}, "micro"),
    ("G5920", {E: 200, R: 30000}, "large"),
    ("G5930", {E: 199, R: 30000}, "medium"),
    ("G5990", {E: 100, R: 1000}, "medium"),
    ("G5942", {E: 99, R: 1000}, "small"),
    ("5951", {E: 20, R: 100}, "small"),
    ("G5960", {E: 19, R: 100}, "micro"),
    # the standard's 交通运输业 excludes rail: G53 is 其他未列明行业 (employees only)
    ("G53", {E: 500, R: 1000}, "large"),
    ("G53", {E: 299, R: 100000}, "medium"),
    # 装卸搬运 (class 5910) is transport, not warehousing
    ("G5910", {E: 150, R: 2000}, "small"),
    ("G5920", {E: 150, R: 2000}, "medium"),
    ("G5910", {E: 300, R: 3000}, "medium"),
    ("G60", {E: 1000, R: 30000}, "large"),
    ("G60", {E: 300, R: 2000}, "medium"),
    ("G60", {E: 20, R: 100}, "small"),
    ("G60", {E: 20, R: 99}, "micro"),
    # 住宿业, 餐饮业
    ("H61", {E: 300, R: 10000}, "large"),
    ("H61", {E: 100, R: 2000}, "medium"),
    ("H62", {E: 100, R: 1999}, "small"),
    ("H62", {E: 10, R: 100}, "small"),
    ("H62", {E: 9, R: 100}, "micro"),
    # 信息传输业, 软件和信息技术服务业
    ("I63", {E: 2000, R: 100000}, "large"),
    ("I64", {E: 1999, R: 100000}, "medium"),
    ("I64", {E: 100, R: 1000}, "medium"),
    ("I63", {E: 10, R: 100}, "small"),
    ("I63", {E: 10, R: 99}, "micro"),
    ("I65", {E: 300, R: 10000}, "large"),
    ("I65", {E: 299, R: 10000}, "medium"),
    ("I65", {E: 100, R: 1000}, "medium"),
    ("I65", {E: 100, R: 999}, "small"),
    ("I65", {E: 10, R: 50}, "small"),
    ("I65", {E: 10, R: 49}, "micro"),
    ("I65", {E: 9, R: 50}, "micro"),
    # 房地产开发经营 7010: revenue and assets
    ("K7010", {R: 200000, A: 10000}, "large"),
    ("K7010", {R: 199999, A: 10000}, "medium"),
    ("K7010", {R: 200000, A: 9999}, "medium"),
    ("K7010", {R: 1000, A: 5000}, "medium"),
    ("K7010", {R: 1000, A: 4999}, "small"),
    ("K7010", {R: 100, A: 2000}, "small"),
    ("K7010", {R: 99, A: 2000}, "micro"),
    ("K7010", {R: 100, A: 1999}, "micro"),
    # 物业管理 7020: employees and revenue
    ("K7020", {E: 1000, R: 5000}, "large"),
    ("K7020", {E: 999, R: 5000}, "medium"),
    ("K7020", {E: 300, R: 1000}, "medium"),
    ("K7020", {E: 299, R: 1000}, "small"),
    ("K7020", {E: 100, R: 500}, "small"),
    ("K7020", {E: 99, R: 500}, "micro"),
    ("K7020", {E: 100, R: 499}, "micro"),
    # other classes of K70 are 其他未列明行业
    ("K7030", {E: 300}, "large"),
    ("K7040", {E: 299}, "medium"),
])
def test_size_at_boundaries(industry: str, figures: dict[str, float], size: str) -> None:
    assert classed(industry, **figures) == size


@pytest.mark.parametrize(("industry", "category"), [
    ("A", "agriculture"), ("05", "agriculture"), ("B", "industry"), ("C13", "industry"), ("D46", "industry"),
    ("E47", "construction"), ("F51", "wholesale"), ("51", "wholesale"), ("F52", "retail"),
    ("G53", "other"), ("G58", "transport"), ("G5910", "transport"), ("5910", "transport"),
    ("G5920", "warehousing"), ("G5990", "warehousing"), ("G60", "postal"),
    ("H61", "accommodation"), ("H62", "catering"), ("I63", "telecom"), ("I64", "telecom"),
    ("I65", "software_it"), ("6510", "software_it"), ("K7010", "real_estate_development"),
    ("7010", "real_estate_development"), ("K7020", "property_management"), ("K7030", "other"),
    ("K7090", "other"), ("L", "leasing_business"), ("L72", "leasing_business"), ("J", "other"),
    ("M74", "other"), ("P83", "other"), ("S92", "other"), ("T", "other"),
])
def test_division_mapping(industry: str, category: str) -> None:
    assert size_class(industry, 1, 1, 1).category == category


@pytest.mark.parametrize("industry", ["F", "G", "H", "I", "K"])
def test_unknown_when_the_division_is_missing(industry: str) -> None:
    result = size_class(industry, 10, 100, 100)
    assert (result.size, result.category, result.missing) == ("unknown", None, ["division"])
    assert result.label_zh == "无法判定" and result.is_sme is None


@pytest.mark.parametrize("industry", ["K70", "G59", "59"])
def test_a_division_split_by_the_standard_needs_the_class(industry: str) -> None:
    result = size_class(industry, 10, 100, 100)
    assert (result.size, result.category, result.missing) == ("unknown", None, ["class"])


@pytest.mark.parametrize("industry", [None, "", "  "])
def test_unknown_without_industry(industry: str | None) -> None:
    assert size_class(industry, 10, 100, 100).missing == ["industry"]


def test_missing_figures_are_named() -> None:
    result = size_class("C", None, None, None)
    assert (result.size, result.category, result.missing) == ("unknown", "industry", [E, R])
    assert size_class("C", 500, None, None).missing == [R]  # under the ceiling; medium or small?
    assert size_class("C", 1000, None, None).missing == [R]  # the ceiling itself is open
    assert size_class("E", None, 6000, None).missing == [A]
    assert size_class("L72", 50, None, None).missing == [A]
    assert size_class("M", None, 99999, 99999).missing == [E]


def test_figures_that_decide_alone() -> None:
    assert classed("C", **{E: 10}) == "micro"  # employees < 20: micro whatever the revenue
    assert classed("E", **{A: 100}) == "micro"
    assert classed("C", **{R: 10}) == "micro"


def test_negative_figures_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        size_class("C", -1, 100, None)


def test_bad_industry_is_refused() -> None:
    with pytest.raises(ValueError):
        size_class("F13", 10, 100, None)


def test_labels() -> None:
    expected = {"medium": "中型", "small": "小型", "micro": "微型",
                "large": "非中小企业（大型）", "unknown": "无法判定"}
    for size, zh in expected.items():
        assert size_label(size).zh == zh and size_label(size).en
    result = size_class("C", 1000, 40000, None)
    assert (result.label_zh, result.label_en, result.is_sme) == ("非中小企业（大型）", "Not an SME (large)", False)
    assert result.category_name is not None and result.category_name.zh == "工业"
    assert size_class("C", 300, 2000, None).is_sme is True


def test_micro_completes_small_in_every_category() -> None:
    # The standard states micro as the complement of small; the data must keep it so.
    values = [0, 1, 5, 9, 10, 20, 49, 50, 99, 100, 300, 500, 1000, 2000, 5000, 8000, 10000,
              120000, 200000, 10**6]
    for category in load_size_standard().categories.values():
        for v in values:
            for w in values:
                figures = {f: (v if i % 2 == 0 else w) for i, f in enumerate(category.figures)} | {
                    f: None for f in FIGURES if f not in category.figures}
                assert category.micro.holds(figures) is (not category.small.holds(figures)), category.id
                assert profile.classify(category, figures) in {"large", "medium", "small", "micro"}


def test_standard_is_cited() -> None:
    standard = load_size_standard()
    assert "工信部联企业〔2011〕300号" in standard.source.zh
    assert "300" in standard.source.en
    assert standard.notes.zh and standard.notes.en
    assert {f.unit.zh for f in standard.figures.values()} == {"人", "万元"}


# --- the data files are checked when read --------------------------------------------------

def _raw(name: str) -> dict:
    return profile._read_yaml(resource_path("reference", name))


def test_malformed_industries_are_refused() -> None:
    good = _raw("gbt4754-2017.yaml")
    assert parse_industries(good).divisions["13"].section == "C"
    for breakage in (
        lambda d: d["divisions"][0].pop("en"),
        lambda d: d["divisions"][0].update(code=1),
        lambda d: d["divisions"][0].update(section="X"),
        lambda d: d["divisions"].append(dict(d["divisions"][0])),
        lambda d: d["classes"][0].update(division="71"),
        lambda d: d["sections"][0].update(extra=1),
    ):
        broken = copy.deepcopy(good)
        breakage(broken)
        with pytest.raises(ReferenceDataError):
            parse_industries(broken)


def test_malformed_size_standard_is_refused() -> None:
    good, industries = _raw("sme-size-2011.yaml"), load_industries()
    assert parse_size_standard(good, industries).default_category == "other"
    for breakage in (
        lambda d: d["categories"][1]["medium"].update(all=[["employees", ">", 300]]),
        lambda d: d["categories"][1].update(medium={"both": [["employees", ">=", 300]]}),
        lambda d: d["categories"][1].update(small={"all": []}),
        lambda d: d["categories"][1].update(micro={"any": [["staff", "<", 20]]}),
        lambda d: d["mapping"]["divisions"].update({"51": "shops"}),
        lambda d: d["mapping"]["classes"].update({"7030": "other"}),
        lambda d: d["mapping"].update(default="nowhere"),
        lambda d: d["sizes"].pop("unknown"),
        lambda d: d["figures"]["employees"].pop("unit"),
    ):
        broken = copy.deepcopy(good)
        breakage(broken)
        with pytest.raises(ReferenceDataError):
            parse_size_standard(broken, industries)


# --- resources ------------------------------------------------------------------------------

def test_resource_path_in_a_checkout() -> None:
    assert resource_path("reference", "gbt4754-2017.yaml").is_file()
    assert resource_path().name == "resources"
    assert resource_path().parent == Path(profile.__file__).resolve().parents[2]


def test_resource_path_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("reference", "x.yaml") == tmp_path / "resources" / "reference" / "x.yaml"
