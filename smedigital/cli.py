"""``smedigital-cli``: the command line that offices and scripts rely on.

Exit status: 0 success, 1 bad input (one line per problem on stderr, never a
traceback), 2 wrong usage. With several files every file is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import __version__
from .core.assessment import (
    PURPOSES,
    AssessmentError,
    Company,
    dumps_assessment,
    load_assessment,
    new_assessment,
    save_assessment,
)
from .core.framework import (
    Framework,
    FrameworkError,
    ProblemsError,
    bundled_frameworks,
    get_framework,
    load_framework,
)
from .core.scoring import Result, result_to_dict
from .core.text import Msg, in_lang
from .core.wording import describe_gap, fmt_points, fmt_score, pillar_name
from .core.words import paren, punct, table

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

WORDS = table("cli.score")


class UsageError(Exception):
    pass




MESSAGES = table("cli.messages")


def _m(args: Any) -> dict[str, str]:
    return MESSAGES["en" if getattr(args, "lang", "zh") == "en" else "zh"]


def _err(msg: str) -> None:
    from .core.text import safe_text

    print(safe_text(msg), file=sys.stderr)


# --------------------------------------------------------------------- frameworks

def framework_to_dict(fw: Framework) -> dict[str, Any]:
    def num(x: Fraction | None) -> float | None:
        return None if x is None else float(x)

    return {
        "id": fw.id, "version": fw.version, "title": fw.title.to_dict(), "source": fw.source.to_dict(),
        "dimensions": list(fw.dimensions),
        "sections": [{"id": s.id, "title": s.title.to_dict(), "parent": s.parent, "max_points": num(s.max_points)}
                     for s in fw.sections.values()],
        "modules": [{"id": m.id, "title": m.title.to_dict(), "sectors": list(m.sectors)} for m in fw.modules.values()],
        "questions": [{
            "id": q.id, "kind": q.kind, "section": q.section, "dimension": fw.dimension_of[q.id],
            "module": q.module, "max_points": float(q.max_points), "pillar_weight": float(q.pillar_weight),
            "text": q.text.to_dict(),
            "options": [{"id": o.id, "points": float(o.points), "exclusive": o.exclusive, "label": o.label.to_dict(),
                         **({"band": {"min": float(o.band.min), "max": float(o.band.max),
                                      "min_closed": o.band.min_closed, "max_closed": o.band.max_closed}}
                            if o.band else {}),
                         **({"direction": o.direction} if o.direction else {})} for o in q.options],
            "inputs": [{"id": i.id, "label": i.label.to_dict(), "unit": i.unit.to_dict() if i.unit else None}
                       for i in q.inputs],
            "levels": sorted(q.levels) if q.is_leveled else [],
            "group": q.group.id if q.group else None,
            "mandatory": q.mandatory, "na_allowed": q.na_allowed, "pillars": list(q.pillars),
        } for q in fw.questions],
        "levels": [{"id": lv.id, "index": lv.index, "label": lv.label.to_dict()} for lv in fw.levels],
        "level_rule": {"kind": fw.level_rule.kind, "conditions": [
            {"level": c.level, "min_score": float(c.min_score),
             **({"min_scenes": c.min_scenes, "scene_level": c.scene_level, "min_mandatory": c.min_mandatory}
                if fw.level_rule.kind == "gated" else {})} for c in fw.level_rule.conditions]},
        "stages": [{"id": s.id, "index": s.index, "label": s.label.to_dict()} for s in fw.stages],
        "stage_rule": [{"stage": t.stage, "pillar": t.pillar, "min_score": float(t.min_score),
                        "or_level": t.or_level} for t in fw.stage_rule],
        "caveat": fw.caveat.to_dict() if fw.caveat else None,
        "notes": fw.notes.to_dict() if fw.notes else None,
        "stage_rule_note": fw.stage_rule_note.to_dict() if fw.stage_rule_note else None,
        "sources": [s.to_dict() for s in fw.sources],
    }


def cmd_frameworks(args: argparse.Namespace) -> int:
    for fw in bundled_frameworks().values():
        print(f"{fw.id}\t{fw.version}\t{fw.title.get(args.lang)}")
    return EXIT_OK


def cmd_framework_show(args: argparse.Namespace) -> int:
    try:
        fw = get_framework(args.id)
    except KeyError:
        _err(_m(args)["no_framework"].format(id=args.id))
        return EXIT_INPUT
    if args.json:
        print(json.dumps(framework_to_dict(fw), ensure_ascii=False))
        return EXIT_OK
    lang = args.lang
    print(f"{fw.title.get(lang)} ({fw.id} {fw.version})")
    print(fw.source.get(lang))
    if fw.caveat:
        print(fw.caveat.get(lang))
    for q in fw.questions:
        extra = f" [{q.module}]" if q.module else ""
        print(f"  {q.id}\t{q.kind}\t{fmt_points(q.max_points)}\t{q.text.get(lang)}{extra}")
    if fw.notes:
        print()
        print(fw.notes.get(lang))
    if fw.sources:
        print()
        print(WORDS[lang]["sources"])
        for s in fw.sources:
            print(f"  - {s.get(lang)}")
    return EXIT_OK


def cmd_framework_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            load_framework(path)
        except FrameworkError as exc:
            for p in exc.problems:
                _err(problem_line(path, p, args.lang))
            status = EXIT_INPUT
        else:
            print(f"{path}: ok")
    return status


# --------------------------------------------------------------------- assessments

def cmd_new(args: argparse.Namespace) -> int:
    try:
        fw = get_framework(args.framework)
    except KeyError:
        _err(_m(args)["no_framework"].format(id=args.framework))
        return EXIT_INPUT
    purpose = args.purpose or ""
    if purpose and purpose not in PURPOSES:
        from .core.assessment import purpose_problem

        _err(f"--purpose: {purpose_problem(purpose).get(args.lang)}")
        return EXIT_USAGE
    a = new_assessment(fw, Company(name=args.name or "", industry=args.industry or ""), purpose=purpose)
    out = Path(args.output)
    if out.exists() and not args.force:
        _err(_m(args)["exists"].format(path=out))
        return EXIT_INPUT
    try:
        save_assessment(a, out, list_every_question=True)
    except OSError as exc:
        from .core.files import os_reason

        _err(_m(args)["unwritable"].format(path=out, why=os_reason(exc)[args.lang != "en"]))
        return EXIT_INPUT
    print(_m(args)["questions"].format(path=out, n=len(fw.questions)))
    return EXIT_OK


def format_result(path: str, a: Any, result: Result, lang: str) -> str:
    w = WORDS[lang]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    fw = result.framework
    name = a.company.name or Path(path).name
    lines = [f"{path}: {name} — {fw.title.get(lang)} ({fw.id} {fw.version})",
             f"  {w['total']}{c}{fmt_score(result.total_score)} / 100    {w['level']}{c}{result.level_label(lang)}    "
             f"{w['stage']}{c}{result.stage.label.get(lang)}"]
    if fw.caveat:
        lines.append(f"  {fw.caveat.get(lang)}")
    dims = "  ".join(f"{fw.sections[s.id].title.get(lang)} {fmt_score(s.points)}/{fmt_score(s.max_points)}"
                     for s in result.dimension_scores())
    lines.append(f"  {w['dimensions']}{c}{dims}")
    lines.append(f"  {w['pillars']}{c}" + "  ".join(f"{pillar_name(p, lang)} {fmt_score(v)}" for p, v in result.pillars.items()))
    lines.append(f"  {w['gap']}{c}" + (punct("list_sep", lang).join(ln for ln in describe_gap(result, lang) if not ln.startswith("  "))
                                     or w["met"]))
    lines += [ln for ln in describe_gap(result, lang) if ln.startswith("  ")]
    if not result.complete:
        lines.append(f"  {w['incomplete']}{c}{len(result.unanswered)} {w['unanswered']}{c}"
                     + ", ".join(result.unanswered[:12]) + (" …" if len(result.unanswered) > 12 else ""))
    return "\n".join(lines)


def problem_line(source: str, problem: Any, lang: str) -> str:
    """``source: location: message`` in the interface language (when the problem has it)."""
    if not callable(getattr(problem, "text", None)):
        return f"{source}: {problem}"
    where = getattr(problem, "where", "")
    return f"{source}: {where}: {problem.text(lang)}" if where else f"{source}: {problem.text(lang)}"


def for_each_file(files: Sequence[str], work: Callable[[str, Any], None], lang: str = "zh") -> int:
    """Load each assessment and run ``work``; report bad files and go on."""
    status = EXIT_OK
    for path in files:
        try:
            a = load_assessment(path)
        except AssessmentError as exc:
            for p in exc.problems:
                _err(problem_line(path, p, lang))
            status = EXIT_INPUT
            continue
        work(path, a)
    return status


VERIFY_WORDS = table("cli.verify")


def verification_json(a: Any, lang: str) -> dict[str, Any]:
    """``purpose``, and with an on-site rating ``self`` and ``verified`` results and the ``verification``
    (who, organisation, date, differences) for ``score --json``."""
    from .core.verification import verification_differences, verification_to_dict

    out: dict[str, Any] = {}
    if a.purpose:
        out["purpose"] = a.purpose
    if a.signed_off:
        out["signed_off"] = dict(a.signed_off)
    report = verification_differences(a)
    if report is None:
        return out
    v = a.verification
    out["self"] = result_to_dict(a.score_self(), lang)
    out["verified"] = result_to_dict(a.score(), lang)
    data = verification_to_dict(report, lang)
    out["verification"] = {"who": v.who, "organisation": v.organisation, "date": v.date,
                           "differences": data["differences"], "remarks": data["remarks"],
                           "gates_changed": data["gates_changed"]}
    return out


def verification_lines(a: Any, lang: str) -> list[str]:
    from .core.assessment import PURPOSE_LABELS
    from .core.verification import answer_label, verification_differences

    w = VERIFY_WORDS["en" if lang == "en" else "zh"]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    lines = []
    if a.purpose:
        lines.append(f"  {w['purpose']}{c}{PURPOSE_LABELS[a.purpose].get(lang)}")
    report = verification_differences(a)
    if report is None:
        return lines
    v, mine = a.verification, a.score_self(explain=False)
    lines.append("  " + w["verified"].format(who=v.who or "?", org=v.organisation or "?", date=v.date or "?",
                                            total=fmt_score(mine.total_score), level=mine.level_label(lang)))
    if report.differences:
        fw = a.framework
        lines.append(f"  {w['diffs'].format(n=len(report.differences))}{c}" + punct("list_sep", lang).join(
            f"{fw.question(d.question_id).label.get(lang)} {answer_label(fw, d.question_id, d.self_answer, lang)} → "
            f"{answer_label(fw, d.question_id, d.verified_answer, lang)}"
            f" ({'+' if d.points_change > 0 else ''}{fmt_points(d.points_change)} {w['points']})"
            for d in report.differences))
    return lines


def cmd_score(args: argparse.Namespace) -> int:
    bench = None
    if getattr(args, "benchmark", None):
        from .aggregate.benchmark import BenchmarkError, load_benchmark

        try:
            bench = load_benchmark(args.benchmark)
        except BenchmarkError as exc:
            print(f"{args.benchmark}: {exc.text.get(args.lang)}", file=sys.stderr)
            return 1

    def work(path: str, a: Any) -> None:
        from .core.planning import with_planned_suggestions

        result = a.score()
        if not args.json:
            result = with_planned_suggestions(a, result)  # the suggested steps: the plan's first phase
        placed = _benchmark_place(bench, a, result, args.lang) if bench is not None else None
        if args.json:
            out = {"file": path, **result_to_dict(result, args.lang)}
            out.update(verification_json(a, args.lang))
            if bench is not None:
                out["benchmark"] = placed
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(format_result(path, a, result, args.lang))
            for line in verification_lines(a, args.lang):
                print(line)
            if bench is not None:
                print(_benchmark_text(placed, args.lang))

    return for_each_file(args.files, work, args.lang)


def _benchmark_place(bench: Any, a: Any, result: Any, lang: str = "zh") -> Any:
    from .aggregate.benchmark import place
    from .core.profile import size_class
    from .core.regions import match_region

    c = a.company
    try:
        size = size_class(c.industry or None, c.employees, c.revenue_wan, c.assets_wan).size
    except ValueError:
        size = "unknown"
    m = match_region(c.region) if c.region.strip() else None
    county = m.code if m is not None and m.status == "one" and m.code else ""
    if county:
        from .aggregate.model import division_at

        county = division_at(county, "county")
    division = c.industry[:3] if len(c.industry) >= 3 and c.industry[1:3].isdigit() else ""
    return place(bench, a.framework_id, float(result.total_score),
                 {"industry_division": division, "county": county, "size": size, "all": "*"},
                 "en" if lang == "en" else "zh")


BENCH_WORDS = table("cli.bench")


def _benchmark_text(placed: Any, lang: str) -> str:
    w = BENCH_WORDS["en" if lang == "en" else "zh"]
    if placed is None:
        return w["none"]
    g = placed["peer_group"]
    line = w["at"].format(p=placed["percentile"], by=w.get("by." + g["by"], g["by"]),
                          key="" if g["key"] == "*" else g["key"], n=g["firms"])
    levels = placed.get("levels") or []
    if levels:
        sep = punct("list_sep", lang)
        line += f"\n  {w['levels']}" + sep.join(f"{x['level']} {x['firms']}" for x in levels)
    note = (placed.get("note") or {}).get("en" if lang == "en" else "zh", "")
    return f"{line}\n  {note}" if note else line


def _money(yuan: int, lang: str) -> str:
    if lang == "zh":
        return f"{yuan / 10000:,.1f} 万元".replace(".0 万元", " 万元")
    return f"¥{yuan:,}"


PLAN_WORDS = table("cli.plan")



def _months(n: int, w: dict[str, str]) -> str:
    """``1 month``, ``10 months``; Chinese has one form (1 个月)."""
    return f"{n} {w['month_unit'] if n == 1 else w['months_unit']}"

def describe_method(plan: Any, lang: str) -> str:
    w = PLAN_WORDS[lang]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    sep = punct("list_sep", lang)
    parts = [f"{w['method']}{c}{w[plan.method]}"]
    if plan.method == "exact":
        parts.append(f"{w['objective']}{c}{w[plan.objective.kind]}{punct('comma', lang)}{w[plan.objective.cost_end]}")
        parts.append(w["optimal"] if plan.optimal else w["not_optimal"])
    if plan.pins:
        parts.append(f"{w['pinned']}{c}{', '.join(sorted(plan.pins))}")
    if plan.excludes:
        parts.append(f"{w['excluded']}{c}{', '.join(sorted(plan.excludes))}")
    return sep.join(parts)


def describe_budget(plan: Any, lang: str) -> str:
    w = PLAN_WORDS[lang]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    parts = []
    if plan.budget is not None:
        parts.append(f"{w['budget']}{c}{_money(plan.budget, lang)}")
    if plan.budget_months is not None:
        parts.append(f"{w['within']} {_months(plan.budget_months, w)}")
    best = (plan.budget_target.describe(lang, plan.framework) if plan.budget_target else w["no_better"])
    score = paren(f"{w['best']}{c}{best}", f"{w['score']} {fmt_score(plan.expected.total_score)}", lang)
    return punct("comma", lang).join(parts) + f" → {score}"


def format_subsidy(sub: Any, lang: str) -> list[str]:
    """The plan's subsidy block: pack, eligible cost, estimate, conditions, caveats (always)."""
    from .core.plan_subsidy import yuan_range

    w = PLAN_WORDS[lang]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    e = sub.estimate
    est = yuan_range(e.subsidy.min, e.subsidy.max, lang) if e.subsidy else w["no_rate"]
    lines = [f"  {paren(w['subsidy'], sub.pack.title.get(lang), lang)}{c}{w['eligible_cost']} "
             f"{yuan_range(e.eligible.min, e.eligible.max, lang)}{punct('list_sep', lang)}{w['estimate']} {est}"]
    lines.append(f"  {w['conditions']}{c.rstrip()}")
    for c in e.conditions:
        mark = {True: "✓", False: "✗", None: "?"}[c.met]
        state = w["met"] if c.met else w["not_met"] if c.met is False else w["open"]
        lines.append(f"    {mark} [{state}] {c.text.get(lang)}")
    for c in sub.caveats:
        lines.append(f"  ! {c.get(lang)}")
    return lines


def format_plan(path: str, plan: Any, lang: str, subsidy: Any = None) -> str:
    from .core.planning import STATUS_LABELS

    fw = plan.framework
    w = PLAN_WORDS[lang]
    c = punct("colon", lang)  # ：in Chinese, ": " in English
    before, after = plan.before, plan.expected
    head = f"{path}{c}{w['plan_title']} — {w['target']}{c}{plan.target.describe(lang, fw)}"
    lines = [head, f"  {describe_method(plan, lang)}"]
    if plan.budget is not None or plan.budget_months is not None:
        lines.append(f"  {describe_budget(plan, lang)}")
    if plan.message:
        lines.append(f"  {plan.message.get(lang)}")
    if plan.is_empty:
        return "\n".join(lines)
    for ph in plan.phases:
        comma = punct("comma", lang)
        lines.append("  " + paren(ph.label(lang), f"{ph.months}{comma}{_months(ph.duration_months, w)}"
                                  f"{comma}{_money(ph.cost_min, lang)}–{_money(ph.cost_max, lang)}", lang))
        for i in ph.items:
            q = fw.question(i.question_id)
            title = i.action.title.get(lang) if i.action else q.label.get(lang)
            if q.is_leveled:
                move = f"{i.from_value}→{i.to_value}"
            else:
                opt = q.option(str(i.to_value))
                move = f"→ {opt.label.get(lang) if opt else i.to_value}"
            flag = " ★" if i.unblocks else ""
            status = "" if i.status == "planned" else f" [{STATUS_LABELS[i.status].get(lang)}]"
            if i.spend:
                status += f" ({w['spend']} {_money(i.spend, lang)})"
            elig = subsidy.item(i.key) if subsidy is not None else None
            if elig is not None:
                status += f" [{elig.label.get(lang)}]"
            lines.append(f"    {i.priority:>6.2f}{flag} {q.label.get(lang)} {move}{c}{title} · {i.first_month} · "
                         f"{_months(i.duration_months, w)} · "
                         f"{_money(i.cost_min, lang)}–{_money(i.cost_max, lang)}{status}")
    comma = punct("comma", lang)
    lines.append(f"  {w['total']}{c}{len(plan.items)} {w['actions']}{comma}{_months(plan.duration_months, w)}{comma}"
                 f"{_money(plan.cost_min, lang)}–{_money(plan.cost_max, lang)}")
    sep = punct("list_sep", lang)
    lines.append(f"  {w['expected']}{c}"
                 f"{fmt_score(before.total_score)} → {fmt_score(after.total_score)}{sep}"
                 f"{before.level_label(lang)} → {after.level_label(lang)}{sep}"
                 f"{before.stage.label.get(lang)} → {after.stage.label.get(lang)}")
    if subsidy is not None:
        lines.extend(format_subsidy(subsidy, lang))
    if fw.level_rule.kind == "gated":
        lines.append("  ★ " + w["unblocks"])
    return "\n".join(lines)


def plan_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of build_plan from the plan options (ValueError: wrong usage)."""
    from .core.optimize import Objective

    if args.budget is not None and args.budget < 0:
        raise ValueError(Msg(*(MESSAGES[lang]["budget"] for lang in ("en", "zh"))))
    if args.months is not None and args.months < 1:
        raise ValueError(Msg(*(MESSAGES[lang]["months"] for lang in ("en", "zh"))))
    objective = None  # none given: the one stored with the plan (lowest cost at the middle of the bands)
    if args.objective or args.cost:
        objective = Objective(args.objective or "cost", args.cost or "mid")
    return {"method": args.method, "objective": objective,
            "pins": args.pin if args.pin else None, "excludes": args.exclude if args.exclude else None,
            "budget": args.budget, "months": args.months, "rules": getattr(args, "rules", None)}


def add_plan_options(p: argparse.ArgumentParser) -> None:
    from .core.optimize import COST_ENDS, OBJECTIVES
    from .core.planning import METHODS

    p.add_argument("--method", choices=METHODS, default="exact",
                   help="exact (default): the proven best plan; greedy: the older heuristic, for comparison")
    p.add_argument("--objective", choices=OBJECTIVES, default=None,
                   help="what the exact plan minimises: cost (default), effort or months")
    p.add_argument("--cost", choices=COST_ENDS, default=None,
                   help="which end of the cost bands counts: low, mid (default) or high")
    p.add_argument("--budget", type=int, metavar="YUAN",
                   help="plan the best level (then score) reachable for at most this many yuan")
    p.add_argument("--months", type=int, metavar="N", help="with --budget (or alone): finish within N months")
    p.add_argument("--pin", action="append", metavar="QUESTION>TO",
                   help="a step the plan must take (repeatable), e.g. miit.scene.equipment>2")
    p.add_argument("--exclude", action="append", metavar="QUESTION>TO",
                   help="a step the plan must not take (repeatable)")
    p.add_argument("--rules", metavar="PACK", default=None,
                   help="a city rule pack (a bundled pack's id, e.g. changchun-batch3-example, or a file): each "
                        "step's eligibility, the eligible cost, the subsidy estimate and the open conditions; "
                        "--rules none forgets the one stored with the plan")


def cmd_plan(args: argparse.Namespace) -> int:
    from .core.actions import ActionsError
    from .core.plan_subsidy import plan_subsidy_for
    from .core.planning import build_plan, parse_target, plan_to_dict, with_plan
    from .core.rules import RulesError

    a = load_assessment(args.file)  # a bad file is reported by main(), one line per problem
    try:
        target = parse_target(args.target) if args.target else None
        options = plan_options(args)
    except ValueError as exc:
        why = in_lang(exc.args[0], args.lang) if exc.args else str(exc)
        _err(_m(args)["target"].format(why=why) if not str(exc).startswith("--") else why)
        return EXIT_USAGE
    if options.get("rules") == "none":
        options["rules"] = ""
    elif options.get("rules") and Path(options["rules"]).is_file():
        options["rules"] = str(Path(options["rules"]).resolve())  # kept with the plan: valid from anywhere
    try:
        plan = build_plan(a, target, **options)
        subsidy = plan_subsidy_for(plan, Path(args.file).parent)
    except (ActionsError, RulesError) as exc:
        for p in exc.problems:
            _err(problem_line(exc.source, p, args.lang))
        return EXIT_INPUT
    if args.save:
        planned = with_plan(a, plan)
        if not (a.came_signed and dumps_assessment(planned) == dumps_assessment(a)):  # unchanged: kept as it is
            save_assessment(planned, args.file)
            if a.came_signed:
                _err(_m(args)["signature_dropped"].format(path=args.file))
    if args.json:
        out = {"file": args.file, **plan_to_dict(plan, args.lang)}
        out["rules"] = plan.rules
        out["subsidy"] = subsidy.to_dict(args.lang) if subsidy is not None else None
        if subsidy is not None:  # each step's eligibility beside the step
            for ph in out.get("phases", []):
                for it in ph.get("items", []):
                    e = subsidy.item(it["key"])
                    if e is not None:
                        it["eligibility"] = {"status": e.status, "label": e.label.get(args.lang),
                                             "eligible_cost": {"min": e.eligible_min, "max": e.eligible_max},
                                             "reason": e.reason.get(args.lang)}
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(format_plan(args.file, plan, args.lang, subsidy))
    return EXIT_OK


# --------------------------------------------------------------------- parser

class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with one line, as argparse does, but no usage dump
        self.print_usage(sys.stderr)
        _err(f"{self.prog}: {message}")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="smedigital-cli", description="SME digital level and 上云用数赋智 stage assessment")
    p.add_argument("--version", action="version", version=f"smedigital {__version__}")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of labels (default zh)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sp = sub.add_parser("frameworks", help="list the bundled frameworks")
    sp.set_defaults(func=cmd_frameworks)

    fw = sub.add_parser("framework", help="show or validate a framework")
    fwsub = fw.add_subparsers(dest="framework_command", required=True, parser_class=_Parser)
    show = fwsub.add_parser("show", help="show a bundled framework")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_framework_show)
    val = fwsub.add_parser("validate", help="check framework files")
    val.add_argument("files", nargs="+", metavar="FILE")
    val.set_defaults(func=cmd_framework_validate)

    new = sub.add_parser("new", help="write an empty assessment listing every question")
    new.add_argument("--framework", required=True, metavar="ID")
    new.add_argument("-o", "--output", required=True, metavar="FILE")
    new.add_argument("--name", help="the firm's name")
    new.add_argument("--industry", help="GB/T 4754-2017 section letter (or division), e.g. C")
    new.add_argument("--purpose", metavar="P", help="baseline (诊断基线), after (改造后自评) or reassessment")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    new.set_defaults(func=cmd_new)

    sc = sub.add_parser("score", help="score assessment files")
    sc.add_argument("files", nargs="+", metavar="FILE")
    sc.add_argument("--json", action="store_true", help="one JSON object per file per line")
    sc.add_argument("--benchmark", metavar="FILE",
                    help="an office's benchmark file (aggregate --benchmark-out): the percentile of the total in "
                         "its peer group; no public distribution of MIIT-indicator levels exists, so this is the "
                         "only true benchmark")
    sc.set_defaults(func=cmd_score)

    pl = sub.add_parser("plan", help="plan the improvement steps to a target")
    pl.add_argument("file", metavar="FILE")
    pl.add_argument("--target", default=None,
                    help="next-level (default), level:N (1-4) or next-stage; default: the target stored in the file")
    pl.add_argument("--json", action="store_true", help="the plan as one JSON object")
    pl.add_argument("--save", action="store_true", help="store the plan (and keep edits) in the assessment file")
    add_plan_options(pl)
    pl.set_defaults(func=cmd_plan)

    from .commands import aggregate, export, pilot, rules  # their heavy imports wait until a command runs

    for module in (export, pilot, aggregate, rules):
        module.register(sub)
    return p


def _tolerant_output() -> None:
    """Text that is not valid UTF-8 (a file name's stray byte, a lone surrogate read from a JSON escape)
    is printed escaped rather than ending the program, whatever the locale's encoding is strict about."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # typed TextIO; the interpreter's streams are TextIOWrappers
        except (AttributeError, ValueError, OSError):
            pass


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    # --lang may also follow the sub-command
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv[1:]:
        i = argv.index("--lang")
        if i + 1 < len(argv):
            lang = argv[i + 1]
            del argv[i:i + 2]
            argv = ["--lang", lang, *argv]
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ProblemsError as exc:
        for p in exc.problems:
            _err(problem_line(exc.source, p, getattr(args, "lang", "zh")))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback
        _err(_m(args)["unexpected"].format(what=f"{type(exc).__name__}: {str(exc)[:300]}"))
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
