"""Sub-commands ``signoff`` and ``verify`` of ``smedigital-cli``: the two records of the pilot cycle.

``signoff FILE --by NAME [--org ORG] [--date D]`` freezes the answers (:func:`smedigital.core.assessment.sign_off`:
a baseline or an after-retrofit self-assessment the firm and the 服务商 agree on); ``verify FILE --answers
VERIFIED.json --by NAME --org ORG [--date D]`` records the on-site rating (现场评定) beside the firm's answers
(:func:`~smedigital.core.assessment.set_verification`; allowed on a signed-off file, which it does not change)
and prints every difference and its effect (:func:`smedigital.core.verification.verification_differences`).

Both rewrite FILE atomically (or write ``-o FILE``); exit status as for the rest of the command line: 0 success,
1 bad input (one line per problem on stderr), 2 wrong usage. ``--json`` prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any

from smedigital.core.words import paren, table

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

TEXT = table("cli.pilot")
MAX_ANSWERS_BYTES = 8 * 1024 * 1024


def _t(args: argparse.Namespace) -> dict[str, str]:
    return TEXT["en" if getattr(args, "lang", "zh") == "en" else "zh"]


def _lang(args: argparse.Namespace) -> str:
    return "en" if getattr(args, "lang", "zh") == "en" else "zh"


def _err(msg: str) -> None:
    from smedigital.core.text import safe_text

    print(safe_text(msg), file=sys.stderr)


def _why(exc: OSError, args: argparse.Namespace) -> str:
    from smedigital.core.files import os_reason

    en, zh = os_reason(exc)
    return en if _lang(args) == "en" else zh


def _date(args: argparse.Namespace) -> str | None:
    """``--date`` checked (YYYY-MM-DD within 2000-2100), today when not given; None (said) when bad."""
    from smedigital.core.assessment import check_date_text

    date = args.date or _dt.date.today().isoformat()
    problem = check_date_text(date)
    if problem is not None:
        _err(f"--date: {problem.get(_lang(args))}")
        return None
    return date


def _output(args: argparse.Namespace) -> Path | None:
    out = Path(args.output) if args.output else Path(args.file)
    if args.output and out.exists() and not args.force:
        _err(_t(args)["exists"].format(path=out))
        return None
    return out


def _save(assessment: Any, out: Path, args: argparse.Namespace) -> bool:
    from smedigital.core.assessment import save_assessment

    try:
        save_assessment(assessment, out)  # a temporary file beside it, then replaced: whole or untouched
    except OSError as exc:
        _err(_t(args)["unwritable"].format(path=out, why=_why(exc, args)))
        return False
    if assessment.came_signed:  # read from a signed file; a sign-off or a rating changes what it covered
        _err(_t(args)["signature_dropped"].format(path=out))
    return True


def cmd_signoff(args: argparse.Namespace) -> int:
    from smedigital.core.assessment import load_assessment, sign_off

    t = _t(args)
    lang = _lang(args)
    a = load_assessment(args.file)  # a bad file is reported by smedigital.cli.main, one line per problem
    if a.signed_off:
        _err(t["already"].format(path=args.file, by=a.signed_off.get("by", "?"), date=a.signed_off.get("date", "?")))
        return EXIT_INPUT
    date = _date(args)
    if date is None:
        return EXIT_USAGE
    by = args.by.strip()
    org = (args.org or "").strip()
    signer = paren(by, org, lang) if org else by
    try:
        signed = sign_off(a, signer, date)
    except ValueError as exc:
        _err(f"--by: {exc.args[0].get(lang) if hasattr(exc.args[0], 'get') else exc}")
        return EXIT_USAGE
    out = _output(args)
    if out is None or not _save(signed, out, args):
        return EXIT_INPUT
    if args.json:
        print(json.dumps({"file": str(out), "signed_off": dict(signed.signed_off or {}), "purpose": signed.purpose},
                         ensure_ascii=False))
    else:
        print(t["signed"].format(path=out, by=by, org=paren("", org, lang) if org else "", date=date))
    return EXIT_OK


def _read_answers(path: str, args: argparse.Namespace) -> Any:
    """The verified answers: an object of question ids to answers (each may carry a ``remark``), or an object
    with that under ``answers``; None (said) when the file cannot be read."""
    from smedigital.core.files import NotReadable, read_bounded

    t = _t(args)
    try:
        data = read_bounded(Path(path), MAX_ANSWERS_BYTES)
    except NotReadable as exc:
        _err(t["answers_read"].format(path=path, why=exc.en if _lang(args) == "en" else exc.zh))
        return None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        _err(t["answers_json"].format(path=path, why=exc))
        return None
    if isinstance(raw, dict) and isinstance(raw.get("answers"), dict) and set(raw) <= {"answers", "who",
                                                                                     "organisation", "date"}:
        return raw["answers"]
    return raw


def cmd_verify(args: argparse.Namespace) -> int:
    from smedigital.core.assessment import AssessmentError, load_assessment, parse_verification, set_verification
    from smedigital.core.verification import answer_label, verification_differences, verification_to_dict
    from smedigital.core.wording import fmt_points, fmt_score

    t = _t(args)
    lang = _lang(args)
    a = load_assessment(args.file)  # a bad file is reported by smedigital.cli.main, one line per problem
    if not args.org.strip():
        _err(t["org_missing"])
        return EXIT_USAGE
    date = _date(args)
    if date is None:
        return EXIT_USAGE
    answers = _read_answers(args.answers, args)
    if answers is None:
        return EXIT_INPUT
    raw = {"who": args.by.strip(), "organisation": args.org.strip(), "date": date, "answers": answers}
    try:
        verification = parse_verification(raw, a.framework, a.company, source=args.answers)
        verified = set_verification(a, verification)
    except AssessmentError as exc:
        for p in exc.problems:
            where = getattr(p, "where", "")
            text = p.text(lang) if callable(getattr(p, "text", None)) else str(p)
            _err(f"{args.answers}: {where}: {text}" if where else f"{args.answers}: {text}")
        return EXIT_INPUT
    out = _output(args)
    if out is None or not _save(verified, out, args):
        return EXIT_INPUT
    report = verification_differences(verified)
    assert report is not None
    if args.json:
        print(json.dumps({"file": str(out), "who": verification.who, "organisation": verification.organisation,
                          "date": verification.date, **verification_to_dict(report, lang)}, ensure_ascii=False))
        return EXIT_OK
    fw = verified.framework
    print(t["verified"].format(path=out, by=verification.who, org=verification.organisation, date=date,
                               n=len(report.differences)))
    for key, res in (("self_total", report.comparison.before_result), ("verified_total", report.comparison.after_result)):
        print(t[key].format(total=fmt_score(res.total_score), level=res.level_label(lang)))
    for d in report.differences:
        q = fw.question(d.question_id)
        sign = "+" if d.points_change > 0 else ""
        print(t["diff"].format(question=q.label.get(lang), mine=answer_label(fw, q.id, d.self_answer, lang),
                               theirs=answer_label(fw, q.id, d.verified_answer, lang),
                               change=sign + fmt_points(d.points_change), remark=f" — {d.remark}" if d.remark else ""))
    if report.level_changed:
        print(t["level_changed"])
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add ``signoff`` and ``verify`` to the command line."""
    so = subparsers.add_parser("signoff", help="sign off an assessment: its answers are frozen (a baseline or an "
                                               "after-retrofit self-assessment)")
    so.add_argument("file", metavar="FILE", help="the assessment (.smd.json); rewritten unless -o is given")
    so.add_argument("--by", required=True, metavar="NAME", help="who signs")
    so.add_argument("--org", metavar="ORG", help="for which firm or 服务商")
    so.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the sign-off (default today)")
    so.add_argument("-o", "--output", metavar="FILE", help="write the signed copy here instead")
    so.add_argument("--force", action="store_true", help="replace an existing -o file")
    so.add_argument("--json", action="store_true", help="the sign-off as one JSON object")
    so.set_defaults(func=cmd_signoff)

    vf = subparsers.add_parser("verify", help="record the on-site rating (现场评定) of an assessment")
    vf.add_argument("file", metavar="FILE", help="the assessment (.smd.json); rewritten unless -o is given")
    vf.add_argument("--answers", required=True, metavar="VERIFIED.json",
                    help="the verified answers: question id to answer (choice, choices, raw, level or na), each "
                         "with an optional remark")
    vf.add_argument("--by", required=True, metavar="NAME", help="who rated on site")
    vf.add_argument("--org", required=True, metavar="ORG", help="the rating body")
    vf.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the rating (default today)")
    vf.add_argument("-o", "--output", metavar="FILE", help="write the verified copy here instead")
    vf.add_argument("--force", action="store_true", help="replace an existing -o file")
    vf.add_argument("--json", action="store_true", help="the differences and their effect as one JSON object")
    vf.set_defaults(func=cmd_verify)
