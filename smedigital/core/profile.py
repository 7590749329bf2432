"""The company profile: credit code, industry and SME size class.

Three national standards, each kept as small as the profile needs:

* **统一社会信用代码** (unified social credit code), GB 32100-2015 《法人和其他组织统一
  社会信用代码编码规则》: 18 characters from ``0-9`` and ``A-Z`` without I, O, Z, S, V.
  Character 1 is the registration authority, 2 the institution type, 3-8 the
  administrative division code (GB/T 2260, digits), 9-17 the organisation code and 18
  a check character: with the characters' values ``v_i`` in
  ``0123456789ABCDEFGHJKLMNPQRTUWXY`` and weights ``w_i = 3**(i-1) mod 31``
  (1, 3, 9, 27, 19, 26, ...), check = ``31 - (sum v_i * w_i mod 31)``, 31 counting as 0.
* **国民经济行业分类**, GB/T 4754-2017: sections (门类, A-T), divisions (大类, 01-97) and
  the few classes (小类) the size rule needs, in ``resources/reference/gbt4754-2017.yaml``.
* **中小企业划型标准规定** (工信部联企业〔2011〕300号): per size category a ceiling under
  which a firm is an SME, then medium, small or micro by the first rule that holds; in
  ``resources/reference/sme-size-2011.yaml``. No threshold is written in this module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .resources import resource_path
from .text import Text

# --- 统一社会信用代码, GB 32100-2015 ---------------------------------------------------

CREDIT_CODE_LENGTH = 18
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """One thing wrong with a profile entry: a stable ``code`` and a message in each language."""

    code: str
    message_zh: str
    message_en: str

    @property
    def message(self) -> Text:
        return Text(self.message_zh, self.message_en)


def normalise_credit_code(s: str) -> str:
    """The code as it should be stored: surrounding and inner white space removed, upper case."""
    return "".join(s.split()).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a credit code (GB 32100-2015)."""
    if len(first17) != CREDIT_CODE_LENGTH - 1:
        raise ValueError(f"need {CREDIT_CODE_LENGTH - 1} characters, got {len(first17)}")
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def check_credit_code(code: str) -> list[ProfileProblem]:
    """Problems with a unified social credit code; an empty list means it is well formed.

    The code is checked as given: call :func:`normalise_credit_code` on user input first.
    A well-formed code may still not be registered; only the registry can tell.
    """
    if not code:
        return [ProfileProblem("credit_code.empty", "请填写统一社会信用代码。",
                               "The unified social credit code is empty.")]
    problems: list[ProfileProblem] = []
    if len(code) != CREDIT_CODE_LENGTH:
        problems.append(ProfileProblem(
            "credit_code.length",
            f"统一社会信用代码应为 18 位，现为 {len(code)} 位。",
            f"The code must have 18 characters, not {len(code)}."))
    bad = sorted(set(code) - set(CREDIT_CODE_CHARSET))
    if bad:
        shown = " ".join(repr(c) for c in bad)
        problems.append(ProfileProblem(
            "credit_code.charset",
            f"含有不允许的字符 {shown}：只能用数字和大写字母，且不用 I、O、Z、S、V。",
            f"Characters not allowed: {shown}. Use digits and capital letters except I, O, Z, S, V."))
    if problems:
        return problems
    if not code[2:8].isdigit():
        problems.append(ProfileProblem(
            "credit_code.division",
            "第 3-8 位是登记管理机关行政区划码，应全为数字。",
            "Characters 3-8 (administrative division code) must be digits."))
    if code[-1] != credit_code_check_char(code[:-1]):
        problems.append(ProfileProblem(
            "credit_code.check_digit",
            "校验位不符，可能有字符输入错误，请与营业执照核对。",
            "The check character does not match: a character is probably mistyped; "
            "compare with the business licence."))
    return problems


# --- 国民经济行业分类, GB/T 4754-2017 ------------------------------------------------------

try:  # the C loader is faster where PyYAML was built with it
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_INDUSTRY_CODE = re.compile(r"([A-Z]?)([0-9]{2}|[0-9]{4})?")


@dataclass(frozen=True, slots=True)
class Section:
    """A section (门类), e.g. ``C`` 制造业, with the codes of its divisions."""

    code: str
    name: Text
    divisions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Division:
    """A division (大类), e.g. ``13`` 农副食品加工业, in its section."""

    code: str
    section: str
    name: Text


@dataclass(frozen=True, slots=True)
class IndustryClass:
    """A class (小类), e.g. ``7010`` 房地产开发经营, in its division."""

    code: str
    division: str
    name: Text


@dataclass(frozen=True, slots=True, eq=False)
class Industries:
    """GB/T 4754-2017 as this application knows it."""

    source: Text
    sections: Mapping[str, Section]
    divisions: Mapping[str, Division]
    classes: Mapping[str, IndustryClass]


@dataclass(frozen=True, slots=True)
class IndustryCode:
    """A parsed industry code: the section always, the division and class when given."""

    section: str
    division: str | None = None
    class_code: str | None = None

    @property
    def code(self) -> str:
        """The most specific form, e.g. ``C``, ``C13`` or ``K7010``."""
        return self.section + (self.class_code or self.division or "")


class ReferenceDataError(ValueError):
    """A reference data file (``resources/reference/*.yaml``) is malformed."""


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, Mapping) or not all(isinstance(raw.get(k), str) and raw[k] for k in ("zh", "en")):
        raise ReferenceDataError(f"{where}: needs non-empty 'zh' and 'en' texts")
    return Text(raw["zh"], raw["en"])


def _entries(data: Mapping[str, Any], key: str, fields: set[str]) -> list[Mapping[str, Any]]:
    items = data.get(key)
    if not isinstance(items, list):
        raise ReferenceDataError(f"{key}: must be a list")
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or set(item) != fields:
            raise ReferenceDataError(f"{key}[{i}]: must have exactly the keys {sorted(fields)}")
    return items


def parse_industries(data: Any) -> Industries:
    """Industries from the parsed YAML of ``gbt4754-2017.yaml``; raises ReferenceDataError if malformed."""
    if not isinstance(data, Mapping):
        raise ReferenceDataError("industries: the file must hold a mapping")
    divisions: dict[str, Division] = {}
    for i, d in enumerate(_entries(data, "divisions", {"code", "section", "zh", "en"})):
        code = d["code"]
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]{2}", code) or code in divisions:
            raise ReferenceDataError(f"divisions[{i}]: code must be a unique string of two digits")
        divisions[code] = Division(code, str(d["section"]), _text(d, f"divisions[{i}]"))
    sections: dict[str, Section] = {}
    for i, s in enumerate(_entries(data, "sections", {"code", "zh", "en"})):
        code = s["code"]
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]", code) or code in sections:
            raise ReferenceDataError(f"sections[{i}]: code must be a unique capital letter")
        own = tuple(d.code for d in divisions.values() if d.section == code)
        sections[code] = Section(code, _text(s, f"sections[{i}]"), own)
    for code, division in divisions.items():
        if division.section not in sections:
            raise ReferenceDataError(f"division {code}: unknown section {division.section!r}")
    classes: dict[str, IndustryClass] = {}
    for i, c in enumerate(_entries(data, "classes", {"code", "division", "zh", "en"})):
        code, division = c["code"], c["division"]
        if (not isinstance(code, str) or not re.fullmatch(r"[0-9]{4}", code) or code in classes
                or code[:2] != division or division not in divisions):
            raise ReferenceDataError(f"classes[{i}]: code must be a unique string of four digits in a known division")
        classes[code] = IndustryClass(code, division, _text(c, f"classes[{i}]"))
    return Industries(_text(data.get("source"), "source"), MappingProxyType(sections),
                      MappingProxyType(divisions), MappingProxyType(classes))


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)  # noqa: S506 - _Loader is (C)SafeLoader, chosen above


@functools.cache
def load_industries() -> Industries:
    """GB/T 4754-2017 sections, divisions and classes, read once from the resources."""
    return parse_industries(_read_yaml(resource_path("reference", "gbt4754-2017.yaml")))


def parse_industry(code: str) -> IndustryCode:
    """Read an industry code: a section (``C``), a division (``C13`` or ``13``) or a class
    (``K7010`` or ``7010``; any four-digit code of a known division). Raises ValueError."""
    industries = load_industries()
    match = _INDUSTRY_CODE.fullmatch(code.strip().upper())
    letter, digits = match.groups() if match else ("", None)
    division = digits[:2] if digits else None
    if (not letter and not digits) or (division and division not in industries.divisions):
        raise ValueError(f"not a GB/T 4754-2017 section, division or class: {code!r}")
    section = industries.divisions[division].section if division else letter
    if section not in industries.sections or (letter and letter != section):
        raise ValueError(f"not a GB/T 4754-2017 section, division or class: {code!r}")
    return IndustryCode(section, division, digits if digits and len(digits) == 4 else None)


def industry_section(code: str) -> str:
    """The section letter of a section, division or class code: ``"13"`` -> ``"C"``."""
    return parse_industry(code).section


def industry_name(code: str) -> Text:
    """The name of the most specific level known for a code (a class not listed gives its division's)."""
    industries, parsed = load_industries(), parse_industry(code)
    if parsed.class_code is not None and parsed.class_code in industries.classes:
        return industries.classes[parsed.class_code].name
    if parsed.division:
        return industries.divisions[parsed.division].name
    return industries.sections[parsed.section].name


# --- 中小企业划型标准规定, 工信部联企业〔2011〕300号 ------------------------------------------

FIGURES = ("employees", "revenue_wan", "assets_wan")
SIZES = ("medium", "small", "micro", "large", "unknown")
_OPERATORS = (">=", "<")


@dataclass(frozen=True, slots=True)
class Condition:
    """``all`` or ``any`` of tests ``(figure, operator, bound)``, operator ``>=`` or ``<``."""

    mode: str
    tests: tuple[tuple[str, str, float], ...]

    @property
    def figures(self) -> tuple[str, ...]:
        return tuple(f for f in FIGURES if any(t[0] == f for t in self.tests))

    def holds(self, figures: Mapping[str, float | None]) -> bool | None:
        """True or False, or None when an absent figure (None) leaves it open."""
        results = [_test(figures[f], op, bound) for f, op, bound in self.tests]
        if self.mode == "all":
            if False in results:
                return False
            return None if None in results else True
        if True in results:
            return True
        return None if None in results else False


def _test(value: float | None, op: str, bound: float) -> bool | None:
    if value is None:
        return None
    return value >= bound if op == ">=" else value < bound


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the size rules use, e.g. 营业收入 in 万元."""

    id: str
    name: Text
    unit: Text


@dataclass(frozen=True, slots=True)
class SizeCategory:
    """One of the standard's industries (工业, 零售业, ...) with its ceiling and rules."""

    id: str
    name: Text
    sme_if: Condition
    medium: Condition
    small: Condition
    micro: Condition

    @property
    def figures(self) -> tuple[str, ...]:
        """The figures its rules use, in the order of :data:`FIGURES`."""
        used = {f for c in (self.sme_if, self.medium, self.small, self.micro) for f in c.figures}
        return tuple(f for f in FIGURES if f in used)


@dataclass(frozen=True, slots=True, eq=False)
class SizeStandard:
    """The size standard as data, with its mapping from GB/T 4754-2017 codes."""

    source: Text
    notes: Text
    sizes: Mapping[str, Text]
    figures: Mapping[str, Figure]
    categories: Mapping[str, SizeCategory]
    default_category: str
    by_section: Mapping[str, str]
    by_division: Mapping[str, str]
    by_class: Mapping[str, str]
    sections_needing_division: frozenset[str]
    divisions_needing_class: frozenset[str]

    def category_for(self, code: IndustryCode) -> tuple[str | None, str | None]:
        """``(category id, None)``, or ``(None, "division" | "class")`` when a finer code is needed."""
        if code.class_code is not None and code.class_code in self.by_class:
            return self.by_class[code.class_code], None
        if code.division is None:
            if code.section in self.sections_needing_division:
                return None, "division"
            return self.by_section.get(code.section, self.default_category), None
        if code.class_code is None and code.division in self.divisions_needing_class:
            return None, "class"
        if code.division in self.by_division:
            return self.by_division[code.division], None
        return self.by_section.get(code.section, self.default_category), None


def _condition(raw: Any, where: str) -> Condition:
    if not isinstance(raw, Mapping) or len(raw) != 1 or next(iter(raw)) not in ("all", "any"):
        raise ReferenceDataError(f"{where}: must be {{all: [...]}} or {{any: [...]}}")
    mode, tests = next(iter(raw.items()))
    if not isinstance(tests, list) or not tests:
        raise ReferenceDataError(f"{where}: needs at least one test")
    parsed = []
    for i, t in enumerate(tests):
        ok = (isinstance(t, list) and len(t) == 3 and t[0] in FIGURES and t[1] in _OPERATORS
              and isinstance(t[2], int | float) and not isinstance(t[2], bool) and t[2] >= 0)
        if not ok:
            raise ReferenceDataError(f"{where}[{i}]: must be [figure, '>=' or '<', number], figure in {FIGURES}")
        parsed.append((t[0], t[1], t[2]))
    return Condition(mode, tuple(parsed))


def _figure(figure: str, raw: Any) -> Figure:
    if not isinstance(raw, Mapping):
        raise ReferenceDataError(f"figures.{figure}: must be {{name: ..., unit: ...}}")
    name, unit = (_text(raw.get(k), f"figures.{figure}.{k}") for k in ("name", "unit"))
    return Figure(figure, name, unit)


def _code_map(raw: Any, where: str, known: Mapping[str, Any], categories: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ReferenceDataError(f"{where}: must be a mapping")
    for code, category in raw.items():
        if code not in known or category not in categories:
            raise ReferenceDataError(f"{where}.{code}: unknown code or category {category!r}")
    return dict(raw)


def parse_size_standard(data: Any, industries: Industries) -> SizeStandard:
    """The size standard from the parsed YAML of ``sme-size-2011.yaml``; raises ReferenceDataError if malformed."""
    if not isinstance(data, Mapping):
        raise ReferenceDataError("size standard: the file must hold a mapping")
    sizes = data.get("sizes")
    if not isinstance(sizes, Mapping) or set(sizes) != set(SIZES):
        raise ReferenceDataError(f"sizes: must label exactly {SIZES}")
    raw_figures = data.get("figures")
    if not isinstance(raw_figures, Mapping) or set(raw_figures) != set(FIGURES):
        raise ReferenceDataError(f"figures: must describe exactly {FIGURES}")
    figures = {f: _figure(f, raw_figures[f]) for f in FIGURES}
    categories: dict[str, SizeCategory] = {}
    for i, c in enumerate(_entries(data, "categories", {"id", "name", "sme_if", "medium", "small", "micro"})):
        if not isinstance(c["id"], str) or c["id"] in categories:
            raise ReferenceDataError(f"categories[{i}]: id must be a unique string")
        rules = [_condition(c[k], f"categories[{i}].{k}") for k in ("sme_if", "medium", "small", "micro")]
        categories[c["id"]] = SizeCategory(c["id"], _text(c["name"], f"categories[{i}].name"), *rules)
    mapping = data.get("mapping")
    if not isinstance(mapping, Mapping) or mapping.get("default") not in categories:
        raise ReferenceDataError("mapping: needs a default category")
    by_section = _code_map(mapping.get("sections", {}), "mapping.sections", industries.sections, categories)
    by_division = _code_map(mapping.get("divisions", {}), "mapping.divisions", industries.divisions, categories)
    by_class = _code_map(mapping.get("classes", {}), "mapping.classes", industries.classes, categories)
    finer_divisions = set(by_division) | {c[:2] for c in by_class}
    return SizeStandard(
        source=_text(data.get("source"), "source"),
        notes=_text(data.get("notes"), "notes"),
        sizes=MappingProxyType({s: _text(sizes[s], f"sizes.{s}") for s in SIZES}),
        figures=MappingProxyType(figures),
        categories=MappingProxyType(categories),
        default_category=mapping["default"],
        by_section=MappingProxyType(by_section),
        by_division=MappingProxyType(by_division),
        by_class=MappingProxyType(by_class),
        sections_needing_division=frozenset(industries.divisions[d].section for d in finer_divisions),
        divisions_needing_class=frozenset(c[:2] for c in by_class),
    )


@functools.cache
def load_size_standard() -> SizeStandard:
    """The SME size standard (工信部联企业〔2011〕300号), read once from the resources."""
    return parse_size_standard(_read_yaml(resource_path("reference", "sme-size-2011.yaml")), load_industries())


@dataclass(frozen=True, slots=True)
class SizeResult:
    """A firm's size class under the SME standard.

    ``size`` is one of ``medium``, ``small``, ``micro``, ``large`` (not an SME) or
    ``unknown``; ``category`` the standard's category id once the industry decides it;
    ``missing`` what the user still has to give when the size is unknown: ``industry``,
    ``division``, ``class`` or figures (``employees``, ``revenue_wan``, ``assets_wan``).
    """

    size: str
    category: str | None
    missing: list[str] = field(default_factory=list)

    @property
    def label(self) -> Text:
        return size_label(self.size)

    @property
    def label_zh(self) -> str:
        return self.label.zh

    @property
    def label_en(self) -> str:
        return self.label.en

    @property
    def category_name(self) -> Text | None:
        return load_size_standard().categories[self.category].name if self.category else None

    @property
    def is_sme(self) -> bool | None:
        return None if self.size == "unknown" else self.size != "large"


def size_label(size: str) -> Text:
    """中型 / 小型 / 微型 / 非中小企业（大型） / 无法判定, in both languages."""
    return load_size_standard().sizes[size]


def classify(category: SizeCategory, figures: Mapping[str, float | None]) -> str | None:
    """``large`` above the ceiling, else the first of medium, small, micro whose rule holds;
    None when an absent figure leaves it open."""
    under_ceiling = category.sme_if.holds(figures)
    if not under_ceiling:
        return None if under_ceiling is None else "large"
    for size, rule in (("medium", category.medium), ("small", category.small), ("micro", category.micro)):
        holds = rule.holds(figures)
        if holds is None:
            return None
        if holds:
            return size
    raise ReferenceDataError(f"size category {category.id}: no rule holds; the micro rule must complete the small one")


def size_class(industry: str | None, employees: int | None, revenue_wan: float | None,
               assets_wan: float | None) -> SizeResult:
    """The SME size class of a firm (中小企业划型标准规定, 工信部联企业〔2011〕300号).

    ``industry`` is a GB/T 4754-2017 code (see :func:`parse_industry`); figures are the
    number of employees, annual operating revenue and total assets in 万元, None when not
    known. A figure is needed only if the rules cannot decide without it, so a firm of 5
    employees is micro in 工业 whatever its revenue. Raises ValueError for an unknown
    industry code or a negative figure.
    """
    figures = {"employees": employees, "revenue_wan": revenue_wan, "assets_wan": assets_wan}
    for name, value in figures.items():
        if value is not None and value < 0:
            raise ValueError(f"{name} cannot be negative: {value}")
    if not industry or not industry.strip():
        return SizeResult("unknown", None, ["industry"])
    standard = load_size_standard()
    category_id, finer = standard.category_for(parse_industry(industry))
    if category_id is None:
        return SizeResult("unknown", None, [finer or "division"])
    category = standard.categories[category_id]
    size = classify(category, figures)
    if size is None:
        return SizeResult("unknown", category_id, [f for f in category.figures if figures[f] is None])
    return SizeResult(size, category_id)
