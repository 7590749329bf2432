"""City rule packs: a pilot city's subsidy rules as data, and what they mean for one firm's plan.

A rule pack (YAML, format in ``resources/rules/FORMAT.md``, JSON Schema in
``resources/schemas/rule-pack.schema.json``) states one city's rules for one batch of the
SME digital-transformation pilot: the level gate, the spend categories paid for and
excluded (from the closed vocabulary in ``resources/rules/spend-categories.yaml``), the
rate and cap, the date windows for contract, invoice, payment and acceptance, the required
documents and whether a listed 服务商 is required. Every rule cites one of the pack's
sources and says whom it asks (the firm, the 服务商, the county or the city office). A pack
is marked ``example`` or ``official``; examples transcribed from re-posted notices say so.

Reading collects every problem with its location, in Chinese and English. :func:`estimate`
is pure: given a pack, planned spend items, the firm's level and the documents it has, it
returns the eligible cost and the estimated subsidy as {min, max} in whole yuan (rate x
eligible, rounded down, then capped) and every condition with ``met`` true, false or
``None`` when it cannot be told yet.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .resources import resource_path
from .text import Text
from .words import texts
from .yamlread import ID_PATTERN, ProblemsError, read_problem, to_fraction, yaml_problem

FORMAT_NAME = "smedigital-rule-pack"
FORMAT_VERSION = 1
CATEGORIES_FORMAT = "smedigital-spend-categories"
STATUSES = ("example", "official")
WINDOW_KINDS = ("contract", "invoice", "payment", "acceptance")
ASKS = ("firm", "provider", "county_office", "city_office")

_ID = ID_PATTERN
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP_KEYS = frozenset({"format", "format_version", "id", "status", "title", "city", "region_code", "batch",
                       "sources", "last_checked", "level_gate", "spend", "subsidy", "windows",
                       "required_documents", "listed_provider", "other_conditions", "notes"})
_SOURCE_KEYS = frozenset({"id", "document", "issuer", "date", "url", "repost", "note"})
_CITE_KEYS = frozenset({"source", "says", "asks"})

WINDOW_NAMES = texts("core.rule_windows")  # resources/words/<lang>.yaml
ASK_NAMES = texts("core.rule_asks")
STATUS_NAMES = texts("core.rule_status")


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: several times faster (PyYAML's C build)


class _NoDatesLoader(_SafeBase):
    """A safe loader that keeps dates as text, so a bad date is reported with its location."""


def _date_as_text(loader: Any, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # a timestamp is a scalar node


_NoDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True, slots=True)
class RuleProblem:
    """One thing wrong with a rule pack, at a location such as ``windows.contract.to``."""

    location: str
    message: Text

    def text(self, lang: str = "zh") -> str:
        return f"{self.location}: {self.message.get(lang)}" if self.location else self.message.get(lang)

    def __str__(self) -> str:
        return self.text("en")


class RulesError(ProblemsError):
    """A rule pack (or the category vocabulary) that cannot be used; ``problems`` are RuleProblems."""


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True, slots=True)
class SpendCategory:
    id: str
    name: Text
    description: Text
    seen_in: tuple[str, ...] = ()  # the pack sources whose wording the category follows


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    document: Text
    issuer: Text
    date: dt.date | None
    url: str | None
    repost: bool
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Cite:
    """Which source a rule comes from, what it says, and whom it asks."""

    source: str
    says: Text
    asks: str


@dataclass(frozen=True, slots=True)
class LevelGate:
    framework: str
    level: int
    cite: Cite


@dataclass(frozen=True, slots=True)
class SpendRule:
    eligible: tuple[str, ...]
    excluded: tuple[str, ...]
    cite: Cite | None


@dataclass(frozen=True, slots=True)
class SubsidyRule:
    rate: Fraction | None
    cap_yuan: int | None
    basis: Text | None
    average_yuan: int | None
    cite: Cite


@dataclass(frozen=True, slots=True)
class Window:
    kind: str
    start: dt.date
    end: dt.date
    cite: Cite

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    name: Text
    cite: Cite


@dataclass(frozen=True, slots=True)
class OtherCondition:
    id: str
    text: Text
    cite: Cite


@dataclass(frozen=True)
class RulePack:
    id: str
    status: str
    title: Text
    city: Text
    region_code: str | None
    batch: Text | None
    sources: Mapping[str, Source]
    last_checked: dt.date | None
    level_gate: LevelGate | None
    spend: SpendRule
    subsidy: SubsidyRule | None
    windows: Mapping[str, Window]
    documents: tuple[Document, ...]
    listed_provider_required: bool | None
    listed_provider_cite: Cite | None
    other_conditions: tuple[OtherCondition, ...]
    notes: Text | None = None
    path: Path | None = None

    @property
    def is_example(self) -> bool:
        return self.status == "example"

    @property
    def any_repost(self) -> bool:
        return any(s.repost for s in self.sources.values())

    def caveats(self) -> list[Text]:
        """What a user must be told wherever the pack's figures are shown."""
        out = []
        if self.is_example:
            out.append(Text("示例规则包：据公开资料整理，不是官方文件；实际以所在城市主管部门的正式通知为准。",
                            "Example rule pack: transcribed from public material, not an official document; "
                            "the city office's own notice decides."))
        if self.any_repost:
            out.append(Text("[转载] 出处为第三方网站转载，未在发文机关网站核对。",
                            "[re-post] The source is a copy on a third-party site, not checked on the issuer's site."))
        if self.last_checked is None:
            out.append(Text("未注明最近核对日期。", "No 'last checked' date is given."))
        return out


# --------------------------------------------------------------------------- reading


def _p(loc: str, zh: str, en: str) -> RuleProblem:
    return RuleProblem(loc, Text(zh, en))


def _at(loc: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{loc}[{key}]"
    return f"{loc}.{key}" if loc else key


class _Reader:
    def __init__(self) -> None:
        self.problems: list[RuleProblem] = []

    def add(self, loc: str, zh: str, en: str) -> None:
        self.problems.append(_p(loc, zh, en))

    def known(self, d: Mapping[str, Any], keys: frozenset[str], loc: str) -> None:
        for key in d:
            if key not in keys:
                self.add(_at(loc, str(key)), "不是本格式的字段（拼写错误？）", "is not a field of this format (a typo?)")

    def mapping(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> Mapping[str, Any] | None:
        where = _at(loc, key)
        value = d.get(key)
        if value is None:
            if required:
                self.add(where, "缺少此项", "is missing")
            return None
        if not isinstance(value, dict):
            self.add(where, "应为映射（键与值）", "must be a mapping (key: value)")
            return None
        return value

    def text(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> Text | None:
        where = _at(loc, key)
        raw = d.get(key)
        if raw is None:
            if required:
                self.add(where, "缺少此项", "is missing")
            return None
        if not isinstance(raw, dict):
            self.add(where, "应为含 zh 和 en 的映射", "must be a mapping with zh and en")
            return None
        parts = []
        for lang in ("zh", "en"):
            v = raw.get(lang)
            if not isinstance(v, str) or not v.strip():
                self.add(_at(where, lang), "缺少或为空", "is missing or empty")
                v = ""
            parts.append(v.strip())
        for extra in raw:
            if extra not in ("zh", "en"):
                self.add(_at(where, str(extra)), "只能有 zh 和 en", "only zh and en are allowed")
        return Text(parts[0], parts[1])

    def ident(self, d: Mapping[str, Any], key: str, loc: str) -> str:
        where = _at(loc, key)
        raw = d.get(key)
        if not isinstance(raw, str) or not _ID.match(raw):
            self.add(where, f"{raw!r} 不是有效的标识（小写字母、数字、_ . -）",
                     f"{raw!r} is not a valid id (lower-case letters, digits, '_', '.', '-')")
            return "" if not isinstance(raw, str) else raw
        return raw

    def date(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> dt.date | None:
        where = _at(loc, key)
        raw = d.get(key)
        if raw is None:
            if required:
                self.add(where, "缺少此项", "is missing")
            return None
        return self.date_value(raw, where)

    def date_value(self, raw: Any, where: str) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return raw
        if not isinstance(raw, str) or not _DATE.match(raw.strip()):
            self.add(where, f"{raw!r} 不是 YYYY-MM-DD 格式的日期", f"{raw!r} is not a date as YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            self.add(where, f"{raw} 不是存在的日期", f"{raw} is not a real date")
            return None

    def boolean(self, d: Mapping[str, Any], key: str, loc: str, default: bool | None = None) -> bool | None:
        raw = d.get(key)
        if raw is None:
            return default
        if not isinstance(raw, bool):
            self.add(_at(loc, key), "应为 true 或 false", "must be true or false")
            return default
        return raw

    def whole_yuan(self, d: Mapping[str, Any], key: str, loc: str) -> int | None:
        raw = d.get(key)
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            self.add(_at(loc, key), "应为不小于 0 的整数（元）", "must be a whole number of yuan, 0 or more")
            return None
        return raw

    def items(self, d: Mapping[str, Any], key: str, loc: str) -> list[tuple[str, Mapping[str, Any]]]:
        where = _at(loc, key)
        raw = d.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(where, "应为列表", "must be a list")
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                self.add(_at(where, i), "应为映射", "must be a mapping")
                continue
            out.append((_at(where, i), item))
        return out

    def cite(self, d: Mapping[str, Any], loc: str, sources: Mapping[str, Source]) -> Cite | None:
        raw = self.mapping(d, "cite", loc)
        if raw is None:
            return None
        where = _at(loc, "cite")
        self.known(raw, _CITE_KEYS, where)
        sid = raw.get("source")
        if not isinstance(sid, str) or sid not in sources:
            self.add(_at(where, "source"), f"{sid!r} 不是本规则包 sources 中的出处",
                     f"{sid!r} is not one of this pack's sources")
        says = self.text(raw, "says", where) or Text("", "")
        asks = raw.get("asks")
        if asks not in ASKS:
            self.add(_at(where, "asks"), f"应为 {'、'.join(ASKS)} 之一", f"must be one of {', '.join(ASKS)}")
        return Cite(str(sid), says, str(asks))


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        said = read_problem(exc)
        raise RulesError(str(path), [_p("", said.zh, str(said))]) from exc
    try:
        return yaml.load(text, Loader=_NoDatesLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        said = yaml_problem(exc)  # its line and column in each language
        raise RulesError(str(path), [_p("", said.zh, str(said))]) from exc


# --- the category vocabulary


def parse_categories(data: Any, source: str = "<spend categories>") -> dict[str, SpendCategory]:
    r = _Reader()
    if not isinstance(data, dict):
        raise RulesError(source, [_p("", "文件顶层应为映射", "the file must hold a mapping at the top")])
    if data.get("format") != CATEGORIES_FORMAT:
        r.add("format", f"应为 {CATEGORIES_FORMAT}", f"must be {CATEGORIES_FORMAT}")
    out: dict[str, SpendCategory] = {}
    for where, c in r.items(data, "categories", ""):
        r.known(c, frozenset({"id", "name", "description", "seen_in"}), where)
        cid = r.ident(c, "id", where)
        if cid in out:
            r.add(_at(where, "id"), f"类别 {cid} 重复", f"category {cid} is listed twice")
        seen_in = c.get("seen_in", [])
        if not isinstance(seen_in, list) or not all(isinstance(x, str) and _ID.match(x) for x in seen_in):
            r.add(_at(where, "seen_in"), "应为出处标识的列表", "must be a list of source ids")
            seen_in = []
        out[cid] = SpendCategory(cid, r.text(c, "name", where) or Text("", ""),
                                 r.text(c, "description", where) or Text("", ""), tuple(seen_in))
    if not out:
        r.add("categories", "至少需要一个类别", "needs at least one category")
    if r.problems:
        raise RulesError(source, r.problems)
    return out


@functools.cache
def spend_categories() -> dict[str, SpendCategory]:
    """The closed vocabulary of spend categories, by id, in file order."""
    path = resource_path("rules", "spend-categories.yaml")
    return parse_categories(_read_yaml(path), path.name)


# --- a pack


def _known_frameworks() -> dict[str, int]:
    """Framework id -> its number of levels (the gate must name one of them)."""
    from .framework import bundled_frameworks

    return {fid: len(fw.levels) for fid, fw in bundled_frameworks().items()}


def parse_rule_pack(data: Any, source: str = "<rule pack>", path: Path | None = None,
                    frameworks: Mapping[str, int] | None = None) -> RulePack:
    """A RulePack from parsed YAML/JSON; raises RulesError listing every problem with its location."""
    r = _Reader()
    if not isinstance(data, dict):
        raise RulesError(source, [_p("", "文件顶层应为映射", "the file must hold a mapping at the top")])
    if data.get("format") != FORMAT_NAME:
        r.add("format", f"应为 {FORMAT_NAME}", f"must be {FORMAT_NAME}")
    fv = data.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool):
        r.add("format_version", "应为整数", "must be a whole number")
    elif fv > FORMAT_VERSION:
        raise RulesError(source, [_p("format_version", f"为 {fv}，比本程序能读的（{FORMAT_VERSION}）新，请更新 smedigital",
                                     f"is {fv}, newer than this program reads ({FORMAT_VERSION}); please update "
                                     "smedigital")])
    r.known(data, _TOP_KEYS, "")
    pid = r.ident(data, "id", "")
    status = data.get("status")
    if status not in STATUSES:
        r.add("status", "应为 example（示例）或 official（官方）", "must be example or official")
    title = r.text(data, "title", "") or Text("", "")
    city = r.text(data, "city", "") or Text("", "")
    region_code = data.get("region_code")
    if region_code is not None and not (isinstance(region_code, str) and re.fullmatch(r"\d{6}", region_code)):
        r.add("region_code", "应为 6 位数字的行政区划代码（加引号）", "must be a six-digit division code, quoted")
        region_code = None
    batch = r.text(data, "batch", "", required=False)
    notes = r.text(data, "notes", "", required=False)

    sources: dict[str, Source] = {}
    for where, s in r.items(data, "sources", ""):
        r.known(s, _SOURCE_KEYS, where)
        sid = r.ident(s, "id", where)
        if sid in sources:
            r.add(_at(where, "id"), f"出处 {sid} 重复", f"source {sid} is listed twice")
        url = s.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            r.add(_at(where, "url"), "应为 http(s) 网址", "must be an http(s) address")
            url = None
        repost = s.get("repost")
        if not isinstance(repost, bool):
            r.add(_at(where, "repost"), "必须写明 true（转载）或 false（发文机关原文）",
                  "must say true (a re-post) or false (the issuer's own copy)")
            repost = True
        sources[sid] = Source(sid, r.text(s, "document", where) or Text("", ""),
                              r.text(s, "issuer", where) or Text("", ""), r.date(s, "date", where, False),
                              url, repost, r.text(s, "note", where, False))
    if status == "official" and any(s.repost for s in sources.values()):
        r.add("status", "出处为转载的规则包不能标为 official", "a pack whose source is a re-post cannot be official")

    last_checked = r.date(data, "last_checked", "", required=False)
    if last_checked is not None and last_checked > dt.date.today():
        r.add("last_checked", "晚于今天", "is later than today")

    categories = spend_categories()
    known_fw = _known_frameworks() if frameworks is None else frameworks

    gate = None
    g = r.mapping(data, "level_gate", "", required=False)
    if g is not None:
        r.known(g, frozenset({"framework", "level", "cite"}), "level_gate")
        fw = g.get("framework")
        level = g.get("level")
        if not isinstance(fw, str) or fw not in known_fw:
            r.add("level_gate.framework", f"{fw!r} 不是内置的评测体系（{'、'.join(known_fw)}）",
                  f"{fw!r} is not a bundled framework ({', '.join(known_fw)})")
        if isinstance(level, bool) or not isinstance(level, int) or level < 1 or \
                (isinstance(fw, str) and fw in known_fw and level > known_fw[fw]):
            r.add("level_gate.level", "应为该体系的等级序号（如 2 表示二级）",
                  "must be a level number of that framework (e.g. 2 for 二级)")
        cite = r.cite(g, "level_gate", sources)
        if cite is not None:
            gate = LevelGate(str(fw), level if isinstance(level, int) else 0, cite)

    sp = r.mapping(data, "spend", "") or {}
    if sp:
        r.known(sp, frozenset({"eligible", "excluded", "cite"}), "spend")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("eligible", "excluded"):
        raw = sp.get(key, [])
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            r.add(f"spend.{key}", "应为类别标识的列表", "must be a list of category ids")
            raw = []
        seen: list[str] = []
        for i, cid in enumerate(raw):
            if cid not in categories:
                r.add(f"spend.{key}[{i}]", f"{cid!r} 不在支出类别词表中（spend-categories.yaml）",
                      f"{cid!r} is not in the spend category vocabulary (spend-categories.yaml)")
            elif cid in seen:
                r.add(f"spend.{key}[{i}]", f"{cid} 重复", f"{cid} is listed twice")
            else:
                seen.append(cid)
        lists[key] = tuple(seen)
    for cid in set(lists["eligible"]) & set(lists["excluded"]):
        r.add("spend", f"{cid} 不能既可补助又被排除", f"{cid} cannot be both eligible and excluded")
    spend_cite = r.cite(sp, "spend", sources) if (lists["eligible"] or lists["excluded"]) else None
    spend = SpendRule(lists["eligible"], lists["excluded"], spend_cite)

    subsidy = None
    su = r.mapping(data, "subsidy", "", required=False)
    if su is not None:
        r.known(su, frozenset({"rate", "cap_yuan", "basis", "average_yuan", "cite"}), "subsidy")
        rate = None
        if su.get("rate") is not None:
            try:
                rate = to_fraction(su["rate"])
            except (TypeError, ValueError, ZeroDivisionError):
                r.add("subsidy.rate", "应为 0 到 1 之间的数（如 0.5 表示 50%）",
                      "must be a number from 0 to 1 (0.5 for 50 %)")
            else:
                if not 0 < rate <= 1:
                    r.add("subsidy.rate", "应大于 0 且不超过 1（如 0.5 表示 50%）",
                          "must be above 0 and at most 1 (0.5 for 50 %)")
                    rate = None
        cite = r.cite(su, "subsidy", sources)
        if cite is not None:
            subsidy = SubsidyRule(rate, r.whole_yuan(su, "cap_yuan", "subsidy"), r.text(su, "basis", "subsidy", False),
                                  r.whole_yuan(su, "average_yuan", "subsidy"), cite)

    windows: dict[str, Window] = {}
    wraw = r.mapping(data, "windows", "", required=False) or {}
    for kind, w in wraw.items():
        where = f"windows.{kind}"
        if kind not in WINDOW_KINDS:
            r.add(where, f"应为 {'、'.join(WINDOW_KINDS)} 之一", f"must be one of {', '.join(WINDOW_KINDS)}")
            continue
        if not isinstance(w, dict):
            r.add(where, "应为含 from、to 和 cite 的映射", "must be a mapping with from, to and cite")
            continue
        r.known(w, frozenset({"from", "to", "cite"}), where)
        start, end = r.date(w, "from", where), r.date(w, "to", where)
        cite = r.cite(w, where, sources)
        if start and end and start > end:
            r.add(where, f"开始 {start} 晚于结束 {end}", f"starts ({start}) after it ends ({end})")
        elif start and end and cite:
            windows[kind] = Window(kind, start, end, cite)

    documents: list[Document] = []
    for where, d in r.items(data, "required_documents", ""):
        r.known(d, frozenset({"id", "name", "cite"}), where)
        did = r.ident(d, "id", where)
        if any(x.id == did for x in documents):
            r.add(_at(where, "id"), f"材料 {did} 重复", f"document {did} is listed twice")
        cite = r.cite(d, where, sources)
        name = r.text(d, "name", where)
        if cite and name:
            documents.append(Document(did, name, cite))

    lp_required: bool | None = None
    lp_cite = None
    lp = r.mapping(data, "listed_provider", "", required=False)
    if lp is not None:
        r.known(lp, frozenset({"required", "cite"}), "listed_provider")
        lp_required = r.boolean(lp, "required", "listed_provider")
        if lp_required is None:
            r.add("listed_provider.required", "应为 true 或 false", "must be true or false")
        lp_cite = r.cite(lp, "listed_provider", sources)

    others: list[OtherCondition] = []
    for where, o in r.items(data, "other_conditions", ""):
        r.known(o, frozenset({"id", "text", "cite"}), where)
        oid = r.ident(o, "id", where)
        text = r.text(o, "text", where)
        cite = r.cite(o, where, sources)
        if text and cite:
            others.append(OtherCondition(oid, text, cite))

    has_rules = any(data.get(k) for k in ("level_gate", "subsidy", "windows", "required_documents",
                                          "listed_provider", "other_conditions")) \
        or bool(spend.eligible or spend.excluded)
    if has_rules and not sources:
        r.add("sources", "有规则就必须列出出处", "a pack with rules must list its sources")

    if r.problems:
        raise RulesError(source, r.problems)
    return RulePack(
        id=pid, status=str(status), title=title, city=city, region_code=region_code, batch=batch,
        sources=sources, last_checked=last_checked, level_gate=gate, spend=spend, subsidy=subsidy,
        windows=windows, documents=tuple(documents), listed_provider_required=lp_required,
        listed_provider_cite=lp_cite, other_conditions=tuple(others), notes=notes, path=path,
    )


def load_rule_pack(path: str | Path) -> RulePack:
    """Read and check one rule pack file."""
    p = Path(path)
    return parse_rule_pack(_read_yaml(p), p.name, p)


def validate_rule_file(path: str | Path) -> str:
    """Check a rule pack, or the spend category vocabulary (told apart by ``format``).

    Returns which of the two it is; raises RulesError listing every problem.
    """
    p = Path(path)
    data = _read_yaml(p)
    if isinstance(data, dict) and data.get("format") == CATEGORIES_FORMAT:
        parse_categories(data, p.name)
        return "categories"
    parse_rule_pack(data, p.name, p)
    return "pack"


def rules_dir() -> Path:
    return resource_path("rules")


def bundled_rule_packs() -> dict[str, RulePack]:
    """Every pack shipped in resources/rules (examples and the blank one), by id."""
    out: dict[str, RulePack] = {}
    for p in sorted(rules_dir().glob("*.yaml")):
        if p.name == "spend-categories.yaml":
            continue
        pack = load_rule_pack(p)
        out[pack.id] = pack
    return out


# --------------------------------------------------------------------------- estimating


@dataclass(frozen=True, slots=True)
class SpendItem:
    """One planned (or made) spend: its category, cost range in yuan and the dates known so far."""

    category: str
    cost_min: int
    cost_max: int
    label: str = ""
    contract: dt.date | None = None
    invoice: dt.date | None = None
    payment: dt.date | None = None
    acceptance: dt.date | None = None
    provider_listed: bool | None = None

    def date(self, kind: str) -> dt.date | None:
        value = getattr(self, kind)
        return value if isinstance(value, dt.date) else None


@dataclass(frozen=True, slots=True)
class LevelResult:
    """The firm's level: the framework it was assessed under and the level number (0 = none yet)."""

    framework: str
    level: int


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    met: bool | None  # None: cannot be told yet
    text: Text

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"id": self.id, "met": self.met,
                "text": self.text.get(lang) if lang else self.text.to_dict()}


@dataclass(frozen=True, slots=True)
class ItemVerdict:
    index: int
    counted: bool
    reason: Text


@dataclass(frozen=True, slots=True)
class Range:
    min: int
    max: int

    def to_dict(self) -> dict[str, int]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Estimate:
    pack_id: str
    eligible: Range
    subsidy: Range | None  # None: the pack states no rate
    conditions: tuple[Condition, ...]
    items: tuple[ItemVerdict, ...]
    caveats: tuple[Text, ...] = field(default_factory=tuple)

    @property
    def all_met(self) -> bool:
        return all(c.met is True for c in self.conditions)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        def t(x: Text) -> Any:
            return x.get(lang) if lang else x.to_dict()

        return {"pack": self.pack_id, "eligible": self.eligible.to_dict(),
                "subsidy": self.subsidy.to_dict() if self.subsidy else None,
                "conditions": [c.to_dict(lang) for c in self.conditions],
                "items": [{"index": i.index, "counted": i.counted, "reason": t(i.reason)} for i in self.items],
                "caveats": [t(c) for c in self.caveats]}


def yuan(n: int, lang: str) -> str:
    if lang == "zh":
        return f"{n / 10000:,.2f}".rstrip("0").rstrip(".") + " 万元"
    return f"¥{n:,}"


def _item_name(i: int, item: SpendItem) -> Text:
    return Text(f"第 {i + 1} 项" + (f"（{item.label}）" if item.label else ""),
                f"item {i + 1}" + (f" ({item.label})" if item.label else ""))


def _rate_of(amount: int, rate: Fraction) -> int:
    return int(amount * rate)  # rounded down to the whole yuan: an estimate never promises more


def estimate(pack: RulePack, items: Sequence[SpendItem], level: LevelResult | None = None,
             documents: Iterable[str] = ()) -> Estimate:
    """What ``pack`` would pay towards ``items``, and every condition with whether it is met.

    An item counts towards the eligible cost when its category is eligible, its cost range is
    sound, none of its known dates falls outside the pack's windows and, where the pack needs
    a listed 服务商, its provider is not known to be unlisted. Unknown dates and provider do not
    stop an item from counting; the matching condition is then ``None`` (not yet known).
    """
    categories = spend_categories()
    docs = set(documents)
    verdicts: list[ItemVerdict] = []
    counted: list[int] = []
    window_out: dict[str, list[str]] = {k: [] for k in pack.windows}
    window_missing: dict[str, int] = {k: 0 for k in pack.windows}
    provider_bad: list[str] = []
    provider_unknown = 0
    for i, item in enumerate(items):
        name = _item_name(i, item)
        reason: Text | None = None
        if not isinstance(item.cost_min, int) or not isinstance(item.cost_max, int) \
                or isinstance(item.cost_min, bool) or item.cost_min < 0 or item.cost_max < item.cost_min:
            reason = Text(f"{name.zh}：费用范围无效（应为 0 ≤ 最低 ≤ 最高 的整数元）",
                          f"{name.en}: the cost range is invalid (whole yuan, 0 ≤ min ≤ max)")
        elif item.category not in categories:
            reason = Text(f"{name.zh}：{item.category!r} 不是已知的支出类别", f"{name.en}: {item.category!r} "
                          "is not a known spend category")
        elif item.category in pack.spend.excluded:
            cat = categories[item.category].name
            reason = Text(f"{name.zh}：{cat.zh}被本规则包明确排除", f"{name.en}: the category '{cat.en}' is excluded by this pack")
        elif item.category not in pack.spend.eligible:
            cat = categories[item.category].name
            reason = Text(f"{name.zh}：本规则包未列入{cat.zh}，不计入；请向主管部门确认",
                          f"{name.en}: this pack does not list the category '{cat.en}'; not counted, ask the office")
        else:
            late = []
            for kind, w in pack.windows.items():
                day = item.date(kind)
                if day is not None and not w.contains(day):
                    late.append((kind, day))
                    window_out[kind].append(f"{name.zh}（{day}）|{name.en} ({day})")
            if not late:  # dates still to come matter only for items that can count
                for kind in pack.windows:
                    window_missing[kind] += item.date(kind) is None
            if late:
                reason = Text(
                    f"{name.zh}：" + "、".join(f"{WINDOW_NAMES[k].zh}日期 {d} 不在 {pack.windows[k].start}"
                                               f" 至 {pack.windows[k].end} 内" for k, d in late),
                    f"{name.en}: " + "; ".join(f"the {WINDOW_NAMES[k].en} date {d} is outside "
                                               f"{pack.windows[k].start} to {pack.windows[k].end}" for k, d in late))
            elif pack.listed_provider_required and item.provider_listed is False:
                reason = Text(f"{name.zh}：服务商不在名录内", f"{name.en}: the 服务商 is not a listed one")
                provider_bad.append(f"{name.zh}|{name.en}")
            else:
                if pack.listed_provider_required and item.provider_listed is None:
                    provider_unknown += 1
                counted.append(i)
                verdicts.append(ItemVerdict(i, True, Text(f"{name.zh}：计入", f"{name.en}: counted")))
                continue
        verdicts.append(ItemVerdict(i, False, reason))

    eligible = Range(sum(items[i].cost_min for i in counted),
                     sum(items[i].cost_max for i in counted))
    subsidy = None
    if pack.subsidy is not None and pack.subsidy.rate is not None:
        lo, hi = _rate_of(eligible.min, pack.subsidy.rate), _rate_of(eligible.max, pack.subsidy.rate)
        if pack.subsidy.cap_yuan is not None:
            lo, hi = min(lo, pack.subsidy.cap_yuan), min(hi, pack.subsidy.cap_yuan)
        subsidy = Range(lo, hi)

    conditions: list[Condition] = []
    if pack.level_gate is not None:
        conditions.append(_gate_condition(pack.level_gate, level))
    for kind, w in pack.windows.items():
        span = f"{w.start} 至 {w.end}", f"{w.start} to {w.end}"
        wn = WINDOW_NAMES[kind]
        if window_out[kind]:
            zh = "、".join(x.split("|")[0] for x in window_out[kind])
            en = "; ".join(x.split("|")[1] for x in window_out[kind])
            conditions.append(Condition(f"window.{kind}", False, Text(
                f"{wn.zh}日期须在 {span[0]} 之间：{zh} 不在其内", f"{wn.en} dates must lie within {span[1]}: {en} "
                "do not")))
        elif not counted or window_missing[kind]:
            conditions.append(Condition(f"window.{kind}", None, Text(
                f"{wn.zh}日期须在 {span[0]} 之间：尚有 {window_missing[kind]} 项未定日期",
                f"{wn.en} dates must lie within {span[1]}: {window_missing[kind]} item(s) have no date yet")))
        else:
            conditions.append(Condition(f"window.{kind}", True, Text(
                f"{wn.zh}日期均在 {span[0]} 之间", f"every {wn.en} date lies within {span[1]}")))
    for d in pack.documents:
        have = d.id in docs
        conditions.append(Condition(f"document.{d.id}", have, Text(
            f"{d.name.zh}：{'已备' if have else '尚缺'}", f"{d.name.en}: {'present' if have else 'missing'}")))
    if pack.listed_provider_required is not None:
        if not pack.listed_provider_required:
            conditions.append(Condition("provider.listed", True, Text(
                "本规则包不要求服务商在名录内", "this pack does not require a listed 服务商")))
        elif provider_bad:
            conditions.append(Condition("provider.listed", False, Text(
                "须由名录内服务商实施：" + "、".join(x.split("|")[0] for x in provider_bad) + " 不是",
                "a listed 服务商 is required: not so for " + "; ".join(x.split("|")[1] for x in provider_bad))))
        elif provider_unknown or not counted:
            conditions.append(Condition("provider.listed", None, Text(
                f"须由名录内服务商实施：{provider_unknown} 项尚未确定服务商",
                f"a listed 服务商 is required: {provider_unknown} item(s) have no provider settled yet")))
        else:
            conditions.append(Condition("provider.listed", True, Text(
                "各项均由名录内服务商实施", "every item is delivered by a listed 服务商")))
    for o in pack.other_conditions:
        conditions.append(Condition(f"other.{o.id}", None, Text(
            f"{o.text.zh}（本工具无法判断，请自行核对）", f"{o.text.en} (this tool cannot tell; check it yourself)")))
    if pack.subsidy is not None and pack.subsidy.rate is None:
        conditions.append(Condition("subsidy.rate", None, Text(
            "规则包未给出补助比例，无法估算补助金额", "the pack gives no rate: the subsidy cannot be estimated")))
    caveats = list(pack.caveats())
    if subsidy is not None:
        basis = pack.subsidy.basis if pack.subsidy is not None else None
        caveats.append(Text(
            "补助按计划支出估算（比例 × 可补助支出，取整到元，再按上限封顶）"
            + (f"；规则包按“{basis.zh}”计算，以主管部门核定为准" if basis else "") + "。",
            "The subsidy is estimated from planned spend (rate × eligible spend, rounded down to the yuan, then "
            "capped)" + (f"; the pack applies the rate to the {basis.en}, as the office settles it" if basis else "")
            + "."))
    return Estimate(pack.id, eligible, subsidy, tuple(conditions), tuple(verdicts), tuple(caveats))


def _gate_condition(gate: LevelGate, level: LevelResult | None) -> Condition:
    label = level_label(gate.framework, gate.level)
    if level is None:
        return Condition("level_gate", None, Text(f"须达到{label.zh}及以上：尚无评测结果",
                                                  f"needs {label.en} or above: no assessment result yet"))
    if level.framework != gate.framework:
        return Condition("level_gate", False, Text(
            f"须按 {gate.framework} 达到{label.zh}及以上：本评测使用的是 {level.framework}",
            f"needs {label.en} or above under {gate.framework}: this assessment uses {level.framework}"))
    have = level_label(level.framework, level.level) if level.level else Text("未达一级", "no level yet")
    met = level.level >= gate.level
    return Condition("level_gate", met, Text(
        f"须达到{label.zh}及以上：当前{have.zh}", f"needs {label.en} or above: now {have.en}"))


def level_label(framework_id: str, index: int) -> Text:
    try:
        from .framework import get_framework

        lv = get_framework(framework_id).level_by_index(index)
    except (KeyError, ProblemsError):
        lv = None
    return lv.label if lv is not None else Text(f"{index} 级", f"level {index}")


# --------------------------------------------------------------------------- inputs from files


def level_result_of(result: Any) -> LevelResult:
    """The LevelResult of a scoring Result (``smedigital.core.scoring.Result``)."""
    return LevelResult(result.framework.id, result.level_index)


_ITEM_KEYS = frozenset({"category", "cost_min", "cost_max", "label", *WINDOW_KINDS, "provider_listed"})


def parse_spend_request(data: Any, source: str = "<spend items>") -> tuple[list[SpendItem], LevelResult | None,
                                                                           list[str]]:
    """Spend items, the firm's level and its documents from a JSON object; RulesError lists every problem.

    ``{"framework": ID, "level": N, "documents": [ID…], "items": [{"category", "cost_min", "cost_max",
    "label", "contract", "invoice", "payment", "acceptance", "provider_listed"}…]}``; costs in whole yuan,
    dates as YYYY-MM-DD; everything but ``items`` and each item's category and costs may be left out.
    """
    r = _Reader()
    if not isinstance(data, dict):
        raise RulesError(source, [_p("", "文件顶层应为 JSON 对象", "the file must hold a JSON object")])
    r.known(data, frozenset({"framework", "level", "documents", "items"}), "")
    level = None
    fw, lv = data.get("framework"), data.get("level")
    if fw is not None or lv is not None:
        if not isinstance(fw, str) or not fw:
            r.add("framework", "给出等级时须同时给出评测体系标识", "give the framework id with the level")
        if isinstance(lv, bool) or not isinstance(lv, int) or not 0 <= lv <= 4:
            r.add("level", "应为 0–4 的整数（0 表示未达一级）", "must be a whole number 0-4 (0: no level yet)")
        if isinstance(fw, str) and fw and isinstance(lv, int) and not isinstance(lv, bool) and 0 <= lv <= 4:
            level = LevelResult(fw, lv)
    docs_raw = data.get("documents") or []
    docs: list[str] = []
    if not isinstance(docs_raw, list) or not all(isinstance(d, str) for d in docs_raw):
        r.add("documents", "应为材料标识（文字）的列表", "must be a list of document ids (text)")
    else:
        docs = list(docs_raw)
    items: list[SpendItem] = []
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        r.add("items", "缺少或不是列表", "is missing or not a list")
        raw_items = []
    for i, it in enumerate(raw_items):
        where = f"items[{i}]"
        if not isinstance(it, dict):
            r.add(where, "应为 JSON 对象", "must be a JSON object")
            continue
        r.known(it, _ITEM_KEYS, where)
        cat = it.get("category")
        if not isinstance(cat, str) or cat not in spend_categories():
            r.add(f"{where}.category", f"{cat!r} 不在支出类别词表中", f"{cat!r} is not in the spend category vocabulary")
        costs = []
        for key in ("cost_min", "cost_max"):
            v = it.get(key)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                r.add(f"{where}.{key}", "应为不小于 0 的整数（元）", "must be a whole number of yuan, 0 or more")
                v = 0
            costs.append(v)
        if costs[1] < costs[0]:
            r.add(where, "最高费用低于最低费用", "cost_max is below cost_min")
        dates = {k: r.date(it, k, where, required=False) for k in WINDOW_KINDS}
        listed = it.get("provider_listed")
        if listed is not None and not isinstance(listed, bool):
            r.add(f"{where}.provider_listed", "应为 true、false 或不填", "must be true, false or left out")
            listed = None
        label = it.get("label", "")
        items.append(SpendItem(str(cat), costs[0], costs[1], label if isinstance(label, str) else str(label),
                               provider_listed=listed, **dates))
    if r.problems:
        raise RulesError(source, r.problems)
    return items, level, docs
