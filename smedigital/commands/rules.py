"""``smedigital-cli rules``: check and read city rule packs (see ``resources/rules/FORMAT.md``).

``rules validate FILE…`` prints ``ok`` per good file and every problem of a bad one with its
location (exit 1 when any is invalid); ``rules show FILE`` prints a pack readably in the
chosen language, with its example and re-post warnings first; ``rules estimate PACK ITEMS.json``
tells the eligible spend, the estimated subsidy and every condition for planned spend items.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from smedigital.core.rules import (
    ASK_NAMES,
    STATUS_NAMES,
    WINDOW_NAMES,
    Cite,
    Estimate,
    RulePack,
    RulesError,
    estimate,
    level_label,
    load_rule_pack,
    parse_spend_request,
    spend_categories,
    validate_rule_file,
    yuan,
)
from smedigital.core.text import Text
from smedigital.core.words import punct, table

EXIT_OK, EXIT_INPUT = 0, 1

WORDS = table("cli.rules")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_rules_validate(args: argparse.Namespace) -> int:
    w = WORDS[args.lang]
    status = EXIT_OK
    for path in args.files:
        try:
            validate_rule_file(path)
        except RulesError as exc:
            for p in exc.problems:
                _err(f"{path}: {p.text(args.lang)}")
            status = EXIT_INPUT
        else:
            print(f"{path}: {w['ok']}")
    return status


def _pct(rate: Any) -> str:
    return f"{float(rate) * 100:g}"


def format_pack(pack: RulePack, lang: str) -> str:
    w = WORDS[lang]
    cats = spend_categories()
    sep, colon = punct("enum", lang), punct("colon", lang)

    def t(x: Text | None) -> str:
        return x.get(lang) if x is not None else ""

    def cite(c: Cite | None) -> list[str]:
        if c is None:
            return []
        return ["    " + w["cite"].format(source=c.source, asks=ASK_NAMES[c.asks].get(lang), says=c.says.get(lang))]

    lines = [f"{t(pack.title)} ({pack.id})", f"{w['status']}{colon}{STATUS_NAMES[pack.status].get(lang)}"]
    lines += [f"! {c.get(lang)}" for c in pack.caveats()]
    city = t(pack.city) + (f" ({pack.region_code})" if pack.region_code else "")
    lines.append(f"{w['city']}{colon}{city}" + (f"    {w['batch']}{colon}{t(pack.batch)}" if pack.batch else ""))
    lines.append(f"{w['last_checked']}{colon}{pack.last_checked or w['never_checked']}")
    if pack.sources:
        lines.append(f"{w['sources']}{colon}")
        for s in pack.sources.values():
            mark = w["repost"] if s.repost else f"({w['own_copy']})"
            lines.append(f"  [{s.id}] {t(s.document)} — {t(s.issuer)}" + (f", {s.date}" if s.date else "")
                         + f" {mark}")
            if s.url:
                lines.append(f"    {s.url}")
            if s.note:
                lines.append(f"    {t(s.note)}")
    gate = pack.level_gate
    if gate is None:
        lines.append(f"{w['gate']}{colon}{w['none']}")
    else:
        lines.append(f"{w['gate']}{colon}" + w["gate_value"].format(
            level=level_label(gate.framework, gate.level).get(lang), framework=gate.framework))
        lines += cite(gate.cite)
    for key in ("eligible", "excluded"):
        ids = getattr(pack.spend, key)
        lines.append(f"{w[key]}{colon}" + (sep.join(f"{cats[c].name.get(lang)} [{c}]" for c in ids) or w["none"]))
    lines += cite(pack.spend.cite)
    su = pack.subsidy
    if su is None:
        lines.append(f"{w['subsidy']}{colon}{w['none']}")
    else:
        parts = []
        if su.rate is None:
            parts.append(w["no_rate"])
        else:
            parts.append(w["rate"].format(rate=_pct(su.rate)) + (w["basis"].format(basis=t(su.basis)) if su.basis else ""))
        parts.append(w["cap"].format(cap=yuan(su.cap_yuan, lang)) if su.cap_yuan is not None else w["no_cap"])
        if su.average_yuan is not None:
            parts.append(w["average"].format(avg=yuan(su.average_yuan, lang)))
        lines.append(f"{w['subsidy']}{colon}" + punct("list_sep", lang).join(parts))
        lines += cite(su.cite)
    if pack.windows:
        lines.append(f"{w['windows']}{colon}")
        same = len({win.cite for win in pack.windows.values()}) == 1
        for kind, win in pack.windows.items():
            lines.append(f"  {WINDOW_NAMES[kind].get(lang)}{colon}" + w["window"].format(start=win.start, end=win.end))
            if not same:
                lines += cite(win.cite)
        if same:
            lines += cite(next(iter(pack.windows.values())).cite)
    else:
        lines.append(f"{w['windows']}{colon}{w['none']}")
    if pack.documents:
        lines.append(f"{w['documents']}{colon}")
        for d in pack.documents:
            lines.append(f"  - {t(d.name)} [{d.id}]")
            lines += cite(d.cite)
    else:
        lines.append(f"{w['documents']}{colon}{w['none']}")
    if pack.listed_provider_required is None:
        lines.append(f"{w['provider']}{colon}{w['none']}")
    else:
        lines.append(f"{w['provider']}{colon}{w['provider_yes'] if pack.listed_provider_required else w['provider_no']}")
        lines += cite(pack.listed_provider_cite)
    if pack.other_conditions:
        lines.append(f"{w['others']}{colon}")
        for o in pack.other_conditions:
            lines.append(f"  - {t(o.text)} [{o.id}]")
            lines += cite(o.cite)
    if pack.notes:
        lines.append(f"{w['notes']}{colon}{t(pack.notes)}")
    return "\n".join(ln.rstrip() for ln in lines)


def cmd_rules_show(args: argparse.Namespace) -> int:
    try:
        pack = load_rule_pack(args.file)
    except RulesError as exc:
        for p in exc.problems:
            _err(f"{args.file}: {p.text(args.lang)}")
        return EXIT_INPUT
    print(format_pack(pack, args.lang))
    return EXIT_OK


def format_estimate(pack: RulePack, e: Estimate, lang: str) -> str:
    w = WORDS[lang]
    colon = punct("colon", lang)

    def rng(lo: int, hi: int) -> str:
        return yuan(lo, lang) if lo == hi else w["range"].format(lo=yuan(lo, lang), hi=yuan(hi, lang))

    lines = [f"{pack.title.get(lang)} ({pack.id})"]
    lines += [f"! {c.get(lang)}" for c in e.caveats]
    lines.append(f"{w['eligible_cost']}{colon}{rng(e.eligible.min, e.eligible.max)}")
    lines.append(f"{w['est_subsidy']}{colon}"
                 + (rng(e.subsidy.min, e.subsidy.max) if e.subsidy is not None else w["no_estimate"]))
    if e.conditions:
        lines.append(f"{w['conditions']}{colon}")
        for c in e.conditions:
            mark = {True: w["met_true"], False: w["met_false"], None: w["met_none"]}[c.met]
            lines.append(f"  [{mark}] {c.text.get(lang)}")
    if e.items:
        lines.append(f"{w['items']}{colon}")
        lines += [f"  {v.reason.get(lang)}" for v in e.items]
    return "\n".join(ln.rstrip() for ln in lines)


def cmd_rules_estimate(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        pack = load_rule_pack(args.pack)
    except RulesError as exc:
        for p in exc.problems:
            _err(f"{args.pack}: {p.text(lang)}")
        return EXIT_INPUT
    try:
        data = json.loads(Path(args.items).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"{args.items}: {WORDS[lang]['unreadable']}: {exc}")
        return EXIT_INPUT
    except (json.JSONDecodeError, RecursionError) as exc:
        _err(f"{args.items}: {WORDS[lang]['not_json']}: {getattr(exc, 'msg', exc)}")
        return EXIT_INPUT
    try:
        items, level, docs = parse_spend_request(data, args.items)
    except RulesError as exc:
        for p in exc.problems:
            _err(f"{args.items}: {p.text(lang)}")
        return EXIT_INPUT
    result = estimate(pack, items, level, docs)
    if args.json:
        print(json.dumps(result.to_dict(lang), ensure_ascii=False))
    else:
        print(format_estimate(pack, result, lang))
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add ``rules validate`` and ``rules show`` to the command line."""
    parser_class = subparsers._parser_class  # the main parser's class: exit 2 with one line on wrong usage
    rp = subparsers.add_parser("rules", help="check or read city rule packs (pilot subsidy rules)")
    rsub = rp.add_subparsers(dest="rules_command", required=True, parser_class=parser_class)
    val = rsub.add_parser("validate", help="check rule pack files: ok, or every problem with its location")
    val.add_argument("files", nargs="+", metavar="FILE")
    val.set_defaults(func=cmd_rules_validate)
    show = rsub.add_parser("show", help="print a rule pack readably (--lang zh|en)")
    show.add_argument("file", metavar="FILE")
    show.set_defaults(func=cmd_rules_show)
    est = rsub.add_parser("estimate", help="what a pack would pay towards planned spend items (a JSON file)")
    est.add_argument("pack", metavar="PACK")
    est.add_argument("items", metavar="ITEMS.json",
                     help='{"framework": ID, "level": N, "documents": [...], "items": [{"category", "cost_min", '
                          '"cost_max", "contract", ...}]}')
    est.add_argument("--json", action="store_true", help="the estimate as one JSON object")
    est.set_defaults(func=cmd_rules_estimate)
