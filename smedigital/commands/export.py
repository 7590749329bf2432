"""Sub-commands ``template``, ``import`` and ``export`` of ``smedigital-cli``.

Registered by ``smedigital.cli``; exit status as for the
rest of the command line: 0 success, 1 bad input (one line per problem on
stderr, ``Sheet!Cell: what is wrong`` for workbooks), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smedigital.core.text import in_lang
from smedigital.core.words import table, words

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

TEXT = table("cli.export")


def _t(args: argparse.Namespace) -> dict[str, str]:
    return TEXT["en" if getattr(args, "lang", "zh") == "en" else "zh"]


def _why(exc: OSError, args: argparse.Namespace) -> str:
    from smedigital.core.files import os_reason

    en, zh = os_reason(exc)
    return en if getattr(args, "lang", "zh") == "en" else zh


def _err(msg: str) -> None:
    from smedigital.core.text import safe_text

    print(safe_text(msg), file=sys.stderr)


def _problem_line(source: str, problem: Any, lang: str) -> str:
    """``source: where: why`` of a file's problem in ``lang`` (``str(problem)`` would be English)."""
    if not callable(getattr(problem, "text", None)):
        return f"{source}: {problem}"
    where = getattr(problem, "where", "")
    text = problem.text("en" if lang == "en" else "zh")
    return f"{source}: {where}: {text}" if where else f"{source}: {text}"


def _may_write(path: Path, force: bool, t: dict[str, str] = TEXT["zh"]) -> bool:  # read only
    if path.exists() and not force:
        _err(t["exists"].format(path=path))
        return False
    if not path.parent.exists():
        _err(t["no_folder"].format(path=path, folder=path.parent))
        return False
    return True


def cmd_template(args: argparse.Namespace) -> int:
    from smedigital.core.framework import get_framework
    from smedigital.export.template import write_template

    t = _t(args)
    try:
        fw = get_framework(args.framework)
    except KeyError:
        _err(t["no_framework"].format(id=args.framework))
        return EXIT_INPUT
    sector = (args.sector or "").strip().upper() or None
    if sector is not None and not (len(sector) == 1 and "A" <= sector <= "T"):
        _err(t["sector"].format(value=repr(args.sector)))
        return EXIT_USAGE
    out = Path(args.output)
    if not _may_write(out, args.force, t):
        return EXIT_INPUT
    try:
        write_template(fw, out, args.lang, sector)
    except OSError as exc:
        _err(t["unwritable"].format(path=out, why=_why(exc, args)))
        return EXIT_INPUT
    print(t["template"].format(path=out, id=fw.id, version=fw.version)
          + (t["template_sector"].format(sector=sector) if sector else ""))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from smedigital.core.wording import fmt_score
    from smedigital.export.record import save_signed_assessment

    import_file: Callable[..., Any] | None
    try:
        from smedigital.aggregate.safeimport import import_file
    except ModuleNotFoundError:  # a build without aggregation: the plain reader, unguarded
        import_file = None

    lang = "en" if args.lang == "en" else "zh"
    if import_file is None:
        from smedigital.export.importer import ImportProblems, read_workbook

        try:
            assessment = read_workbook(args.file)
        except ImportProblems as exc:
            for p in exc.problems:
                _err(_problem_line(args.file, p, lang))
            return EXIT_INPUT
    else:
        outcome = import_file(args.file, lang=lang, time_limit=args.time_limit)
        if outcome.assessment is None or outcome.problems:
            for problem in outcome.problems:
                _err(f"{args.file}: {problem}")
            return EXIT_INPUT
        assessment = outcome.assessment
    t = _t(args)
    out = Path(args.output)
    if not _may_write(out, args.force, t):
        return EXIT_INPUT
    try:
        save_signed_assessment(assessment, out)  # signed like a workbook's record: an office sees who exported it
    except OSError as exc:
        _err(t["unwritable"].format(path=out, why=_why(exc, args)))
        return EXIT_INPUT
    result = assessment.score()
    print(t["imported"].format(path=out, n=len(assessment.answers), total=fmt_score(result.total_score),
                               level=result.level_label(args.lang)))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from smedigital.core.actions import ActionsError
    from smedigital.core.assessment import load_assessment
    from smedigital.core.planning import build_plan, parse_target
    from smedigital.export.workbook import write_plan_workbook

    a = load_assessment(args.file)  # a bad file is reported by smedigital.cli.main, one line per problem
    t = _t(args)
    try:
        target = parse_target(args.target) if args.target else None
    except ValueError as exc:
        _err(t["target"].format(why=in_lang(exc.args[0], args.lang) if exc.args else exc))
        return EXIT_USAGE
    out = Path(args.output)
    pdf = Path(args.pdf) if args.pdf else None
    if not _may_write(out, args.force, t) or (pdf is not None and not _may_write(pdf, args.force, t)):
        return EXIT_INPUT
    plan: Any = None
    try:
        rules = args.rules
        if rules and Path(rules).is_file():
            rules = str(Path(rules).resolve())
        plan = build_plan(a, target, rules=rules)
    except ActionsError as exc:
        why = _problem_line(exc.source, exc.problems[0], args.lang) if exc.problems else exc
        _err(t["no_plan_why"].format(path=args.file, why=why))
    try:
        write_plan_workbook(a, out, args.lang, plan)
        print(t["workbook"].format(path=out) + (t["actions"].format(n=len(plan.items)) if plan is not None
                                               else t["no_plan"]))
        if pdf is not None:
            from smedigital.export.report import write_report

            said = write_report(a, pdf, args.lang, plan)
            print(t["report"].format(path=pdf))
            for warning in said:  # characters no font has, printed as "□": in the user's language
                _err(f"{pdf}: {warning}")
    except OSError as exc:
        _err(t["unwritable"].format(path=exc.filename or out, why=_why(exc, args)))
        return EXIT_INPUT
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    import json

    from smedigital.core.assessment import AssessmentError, load_assessment
    from smedigital.core.compare import ComparisonError, compare_assessments, comparison_to_dict, format_comparison

    loaded = []
    for path in (args.before, args.after):
        try:
            loaded.append(load_assessment(path))
        except AssessmentError as exc:
            for p in exc.problems:
                _err(_problem_line(path, p, args.lang))
    if len(loaded) < 2:
        return EXIT_INPUT
    try:
        comparison = compare_assessments(*loaded)
    except ComparisonError as exc:
        _err(f"{args.before}, {args.after}: {in_lang(exc.args[0], args.lang) if exc.args else exc}")
        return EXIT_INPUT
    if args.json:
        print(json.dumps({"files": [args.before, args.after], **comparison_to_dict(comparison, args.lang)},
                         ensure_ascii=False))
    else:
        from smedigital.core.words import punct

        colon = punct("colon", args.lang)  # ：in Chinese
        print(f"{args.before} → {args.after}{colon}{loaded[1].company.name or Path(args.after).name}")
        print("\n".join(format_comparison(comparison, args.lang)))
    t = _t(args)
    b, a = loaded
    if b.purpose == "after" or a.purpose == "baseline":
        from smedigital.core.assessment import PURPOSE_LABELS

        _err(t["purpose_order"].format(before=args.before, after=args.after,
                                       p1=PURPOSE_LABELS[b.purpose].get(args.lang) if b.purpose else "—",
                                       p2=PURPOSE_LABELS[a.purpose].get(args.lang) if a.purpose else "—"))
    return _compare_outputs(args, comparison, t)


def _compare_outputs(args: argparse.Namespace, comparison: Any, t: dict[str, str]) -> int:
    """``compare -o report.pdf`` and ``--xlsx FILE`` (a new sheet in the plan workbook it names, or a new workbook)."""
    out = Path(args.output) if getattr(args, "output", None) else None
    xlsx = Path(args.xlsx) if getattr(args, "xlsx", None) else None
    if out is not None and not _may_write(out, args.force, t):
        return EXIT_INPUT
    if xlsx is not None and not xlsx.parent.exists():
        _err(t["no_folder"].format(path=xlsx, folder=xlsx.parent))
        return EXIT_INPUT
    try:
        if out is not None:
            from smedigital.core.assessment import atomic_write_bytes
            from smedigital.export.pilot_pdf import build_comparison_report

            said: list[str] = []
            atomic_write_bytes(out, build_comparison_report(comparison, args.lang, warnings=said))
            print(t["cmp_pdf"].format(path=out))
            for warning in said:
                _err(f"{out}: {warning}")
        if xlsx is not None and xlsx.exists():
            problem = _guard_workbook(xlsx, args.lang)
            if problem:
                _err(f"{t['not_xlsx'].format(path=xlsx)}: {problem}")
                return EXIT_INPUT
        if xlsx is not None:
            from smedigital.export.compare_sheet import write_comparison_sheet

            try:
                sheet = write_comparison_sheet(comparison, xlsx, args.lang)
            except OSError:
                raise
            except Exception:  # noqa: BLE001 - not a workbook (openpyxl raises many kinds)
                _err(t["not_xlsx"].format(path=xlsx))
                return EXIT_INPUT
            print(t["cmp_xlsx"].format(path=xlsx, sheet=sheet))
    except OSError as exc:
        _err(t["unwritable"].format(path=exc.filename or out or xlsx, why=_why(exc, args)))
        return EXIT_INPUT
    return EXIT_OK


def _size_text(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]  # an int of bytes becomes a float of KB, MB, GB
    return f"{n} B"


def cmd_pack(args: argparse.Namespace) -> int:
    from smedigital.core.assessment import AssessmentError, load_assessment
    from smedigital.export.pack import build_pack, missing_lines

    t = _t(args)
    a = load_assessment(args.file)  # a bad file is reported by smedigital.cli.main, one line per problem
    baseline = None
    if args.baseline:
        try:
            baseline = load_assessment(args.baseline)
        except AssessmentError as exc:
            for p in exc.problems:
                _err(_problem_line(args.baseline, p, args.lang))
            return EXIT_INPUT
        if baseline.framework_id != a.framework_id:
            _err(f"{args.baseline}, {args.file}: " + _t(args)["different_frameworks"])
            return EXIT_INPUT
    if args.evidence_dir and not Path(args.evidence_dir).is_dir():
        _err(t["no_dir"].format(path=args.evidence_dir))
        return EXIT_INPUT
    out = Path(args.output)
    if not _may_write(out, args.force, t):
        return EXIT_INPUT
    from smedigital.core.evidence import missing_evidence

    missing = missing_evidence(a)
    if missing:  # said before the export, as the index will list them
        _err(t["pack_missing"].format(path=args.file, n=len(missing)))
        for line in missing_lines(a.framework, missing, args.lang):
            _err(f"  {line}")
    said: list[str] = []
    try:
        result = build_pack(a, out, args.lang, evidence_dir=args.evidence_dir, baseline=baseline,
                            charts=not args.no_charts, warnings=said)
    except OSError as exc:
        _err(t["unwritable"].format(path=exc.filename or out, why=_why(exc, args)))
        return EXIT_INPUT
    for problem in result.problems:
        _err(t["pack_problem"].format(path=args.file, what=problem.get(args.lang)))
    for warning in said:
        _err(f"{out}: {warning}")
    print(t["pack"].format(path=out, n=len(result.entries), m=result.evidence_files, size=_size_text(result.size)))
    return EXIT_OK


def _guard_workbook(path: Path, lang: str) -> str:
    """Why a workbook named to be added to must not be opened (aggregation's guard: size, zip structure and
    ratios, entity declarations, cell area), or ""; a build without aggregation opens it as it is."""
    try:
        from smedigital.aggregate.guard import Limits, Rejected, inspect_bytes
    except ModuleNotFoundError:
        return ""
    from smedigital.core.files import NotReadable, read_bounded

    limits = Limits()
    try:
        data = read_bounded(path, limits.max_file_bytes)
        kind = inspect_bytes(data, path.name, limits)
    except NotReadable as exc:
        return exc.en if lang == "en" else exc.zh
    except Rejected as exc:
        return exc.text(lang)
    return "" if kind == "xlsx" else words(lang)("cli.export.not_xlsx_short")


def cmd_sheet(args: argparse.Namespace) -> int:
    from smedigital.core.assessment import atomic_write_bytes, load_assessment, new_assessment
    from smedigital.core.framework import get_framework
    from smedigital.export.pilot_pdf import build_sheet

    t = _t(args)
    if args.file:
        a = load_assessment(args.file)  # a bad file is reported by smedigital.cli.main, one line per problem
    elif args.framework:
        try:
            a = new_assessment(get_framework(args.framework))
        except KeyError:
            _err(t["no_framework"].format(id=args.framework))
            return EXIT_INPUT
    else:
        _err(t["sheet_args"])
        return EXIT_USAGE
    out = Path(args.output)
    if not _may_write(out, args.force, t):
        return EXIT_INPUT
    said: list[str] = []
    try:
        atomic_write_bytes(out, build_sheet(a, args.lang, warnings=said))
    except OSError as exc:
        _err(t["unwritable"].format(path=out, why=_why(exc, args)))
        return EXIT_INPUT
    fw = a.framework
    modules = a.modules(fw) if a.company.industry else None
    n = len(fw.questions_for(modules))
    print(t["sheet" if a.answers else "sheet_blank"].format(path=out, n=n))
    for warning in said:
        _err(f"{out}: {warning}")
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add ``template``, ``import`` and ``export`` to the command line."""
    tp = subparsers.add_parser("template", help="write a blank questionnaire workbook (.xlsx) to fill in Excel")
    tp.add_argument("--framework", required=True, metavar="ID")
    tp.add_argument("-o", "--output", required=True, metavar="FILE")
    tp.add_argument("--sector", metavar="LETTER", help="GB/T 4754-2017 section letter: include its modules only")
    tp.add_argument("--force", action="store_true", help="replace an existing file")
    tp.set_defaults(func=cmd_template)

    im = subparsers.add_parser("import", help="read a filled questionnaire or a plan workbook into an assessment")
    im.add_argument("file", metavar="FILE")
    im.add_argument("-o", "--output", required=True, metavar="FILE", help="the assessment to write (.smd.json)")
    im.add_argument("--force", action="store_true", help="replace an existing file")
    im.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                    help="stop reading a file after this long (default 60)")
    im.set_defaults(func=cmd_import)

    ex = subparsers.add_parser("export", help="write the improvement plan workbook (and the PDF report)")
    ex.add_argument("file", metavar="FILE", help="an assessment (.smd.json)")
    ex.add_argument("-o", "--output", required=True, metavar="FILE", help="the workbook to write (.xlsx)")
    ex.add_argument("--pdf", metavar="FILE", help="also write the diagnosis report (PDF)")
    ex.add_argument("--target", help="next-level (default), level:N or next-stage")
    ex.add_argument("--force", action="store_true", help="replace existing files")
    ex.add_argument("--rules", metavar="PACK", default=None,
                    help="a city rule pack (bundled id or file): a subsidy section in the report and workbook; "
                         "default: the one stored with the plan")
    ex.set_defaults(func=cmd_export)

    cp = subparsers.add_parser("compare", help="compare two assessments of one firm (before and after)")
    cp.add_argument("before", metavar="BEFORE", help="the earlier assessment (.smd.json), e.g. the diagnosis baseline")
    cp.add_argument("after", metavar="AFTER", help="the later assessment (.smd.json)")
    cp.add_argument("--json", action="store_true", help="the comparison as one JSON object")
    cp.add_argument("-o", "--output", metavar="FILE", help="write the before/after report (PDF)")
    cp.add_argument("--xlsx", metavar="FILE", help="add the comparison sheet to this plan workbook (or a new workbook)")
    cp.add_argument("--force", action="store_true", help="replace an existing report")
    cp.set_defaults(func=cmd_compare)

    sh = subparsers.add_parser("sheet", help="write the printable on-site verification sheet (PDF)")
    sh.add_argument("file", metavar="FILE", nargs="?", help="an assessment (.smd.json); none: the blank interview form")
    sh.add_argument("--framework", metavar="ID", help="without FILE: the blank form of this framework")
    sh.add_argument("-o", "--output", required=True, metavar="FILE", help="the sheet to write (.pdf)")
    sh.add_argument("--force", action="store_true", help="replace an existing file")
    sh.set_defaults(func=cmd_sheet)

    pk = subparsers.add_parser("pack", help="write the firm's evidence file (一企一档) as one zip")
    pk.add_argument("file", metavar="FILE", help="the assessment (.smd.json), usually the after-retrofit one")
    pk.add_argument("--evidence-dir", metavar="DIR", help="where the evidence files are (by name or SHA-256)")
    pk.add_argument("--baseline", metavar="FILE", help="the diagnosis baseline: adds the before/after report")
    pk.add_argument("-o", "--output", required=True, metavar="FILE", help="the zip to write")
    pk.add_argument("--no-charts", action="store_true", help="the diagnosis report without charts (faster)")
    pk.add_argument("--force", action="store_true", help="replace an existing file")
    pk.set_defaults(func=cmd_pack)
