"""``smedigital-cli aggregate PATH… -o summary.xlsx [--csv long.csv] [--json] [--workers N]
[--stages FILE] [--targets FILE] [--recommend-out FILE.xlsx] [--rules PACK]``.

The JSON holds, besides the counts and files, the programme: ``pipeline`` (each firm's stage),
``targets`` (progress per target and framework; null without ``--targets``) and ``providers`` (the 服务商
scorecard). A stages or targets file with problems stops the run before any file is read (exit 2), each
problem on its own line with its place.

Exit status: 0 when the run finished, even with rejected files (the summary and
``--json`` say which and why); 1 when an output cannot be written; 2 wrong usage
(including a path that does not exist).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from smedigital.core.text import safe_text
from smedigital.core.words import table

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE = 0, 1, 2

TEXT = table("cli.aggregate")


def _err(msg: str) -> None:
    print(safe_text(msg), file=sys.stderr)


def _output_problem(path: Path, t: dict[str, str]) -> str | None:
    if path.is_dir():
        return t["is_folder"]
    if not path.parent.is_dir():
        return t["no_folder"].format(folder=path.parent)
    return None


def _progress_printer() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            print(f"\r{done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)

    return show


def cmd_aggregate(args: argparse.Namespace) -> int:
    from smedigital.aggregate.run import aggregate
    from smedigital.aggregate.words import STATUS_WORDS

    lang = "en" if args.lang == "en" else "zh"
    t = TEXT[lang]
    if args.workers is not None and args.workers < 0:
        _err(t["workers"])
        return EXIT_USAGE
    if args.time_limit is not None and not args.time_limit > 0:
        _err(t["time_limit"])
        return EXIT_USAGE
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        for p in missing:
            _err(t["missing"].format(path=p))
        return EXIT_USAGE
    outputs = [Path(args.output)] + ([Path(args.csv)] if args.csv else []) + \
        ([Path(args.benchmark_out)] if args.benchmark_out else []) + \
        ([Path(args.recommend_out)] if args.recommend_out else [])
    for out in outputs:
        problem = _output_problem(out, t)
        if problem:
            _err(t["unwritable"].format(path=out, why=problem))
            return EXIT_OUTPUT
    from smedigital.aggregate.run import inside_inputs

    for out in outputs:
        if inside_inputs(out.parent, args.paths):
            if not args.allow_output_inside:
                _err(t["inside"].format(path=out))
                return EXIT_USAGE
            _err(t["inside_warn"].format(path=out))
    trusted = {}
    if args.trusted_keys:
        from smedigital.export.signing import TrustError, load_trusted_keys

        if not os.path.isfile(args.trusted_keys):
            _err(t["missing"].format(path=args.trusted_keys))
            return EXIT_USAGE
        try:
            trusted = load_trusted_keys(args.trusted_keys)
        except TrustError as exc:
            for line in exc.lines(lang):
                _err(f"{args.trusted_keys}: {line}")
            return EXIT_USAGE
    office = _office_files(args, t, lang)
    if isinstance(office, int):
        return office
    stages, targets, pack = office
    from smedigital.aggregate.guard import Limits
    from smedigital.aggregate.longcsv import write_long_csv
    from smedigital.aggregate.programme import build_programme
    from smedigital.aggregate.summary import write_summary

    limits = Limits(seconds_per_run=args.time_limit)
    with aggregate(args.paths, progress=None if args.json else _progress_printer(), workers=args.workers,
                   limits=limits, trusted=trusted) as result:
        try:
            write_summary(result, args.output, lang)
            if args.csv:
                write_long_csv(result, args.csv)
            if args.benchmark_out:
                from smedigital.aggregate.benchmark import write_benchmark

                write_benchmark(result, args.benchmark_out)
            prog = build_programme(result, stages, targets)
            if args.recommend_out:
                from smedigital.aggregate.recommend import write_recommendation

                write_recommendation(result, prog.pipeline, args.recommend_out, lang, progress=prog.progress,
                                     providers=prog.providers, pack=pack)
        except OSError as exc:
            from smedigital.core.files import os_reason

            _err(t["unwritable"].format(path=exc.filename or args.output, why=os_reason(exc)[lang == "zh"]))
            return EXIT_OUTPUT
        if args.json:
            print(safe_text(json.dumps({**result.to_dict(lang), "summary": str(args.output), "csv": args.csv,
                                        "benchmark": args.benchmark_out, "recommendation": args.recommend_out,
                                        **prog.to_dict(lang)},
                                       ensure_ascii=False)))
            return EXIT_OK
        if prog.pipeline.unmatched:
            codes = [s.credit_code for s in prog.pipeline.unmatched]
            _err(t["unmatched"].format(path=args.stages, n=len(set(codes)), codes=", ".join(sorted(set(codes))[:10])))
        print(t["counts"].format(**result.counts.to_dict()))
        for f in result.files:
            if f.status != "accepted":
                print(safe_text(f"  {f.path}: {STATUS_WORDS[f.status].get(lang)} — {f.reason(lang)}"))
        for out in outputs:
            print(safe_text(t["wrote"].format(path=out)))
    return EXIT_OK


def _office_files(args: argparse.Namespace, t: dict[str, str], lang: str) -> Any:
    """(stages, targets, rule pack) from --stages, --targets and --rules, each checked before any file is read;
    EXIT_USAGE (every problem printed with its place) when one cannot be used."""
    from smedigital.aggregate.officefile import OfficeFileError
    from smedigital.aggregate.pipeline import load_stages
    from smedigital.aggregate.targets import load_targets

    if args.rules and not args.recommend_out:
        _err(t["rules_only"])
        return EXIT_USAGE
    stages = targets = pack = None
    try:
        if args.stages:
            stages = load_stages(args.stages)
        if args.targets:
            targets = load_targets(args.targets)
    except OfficeFileError as exc:
        for line in exc.lines(lang):
            _err(f"{exc.source}: {line}")
        return EXIT_USAGE
    if args.rules:
        from smedigital.core.plan_subsidy import resolve_pack
        from smedigital.core.rules import RulesError

        try:
            pack = resolve_pack(args.rules, Path.cwd())
        except RulesError as exc:
            for p in exc.problems:
                _err(f"{exc.source}: {p.text(lang) if hasattr(p, 'text') else p}")
            return EXIT_USAGE
    return stages, targets, pack


def register(sub: Any) -> None:
    p = sub.add_parser("aggregate", help="many firms' workbooks and assessment files into one regional summary")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (read recursively)")
    p.add_argument("-o", "--output", required=True, metavar="SUMMARY.xlsx", help="the summary workbook to write")
    p.add_argument("--csv", metavar="LONG.csv", help="also write one row per assessment and indicator (UTF-8, BOM)")
    p.add_argument("--json", action="store_true", help="print the counts and every file's status as one JSON object")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes reading files (default: one per core; 0 = in this process)")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="stop the whole run after this long; files not read by then are rejected "
                        "(default: 60 s plus 5 s per file)")
    p.add_argument("--benchmark-out", metavar="FILE.json",
                   help="also write an anonymised benchmark firms can compare with (counts per level, score, "
                        "dimension and scene by industry division, size and county; groups under 10 firms left out; "
                        "no names or codes): see 'score --benchmark'")
    p.add_argument("--allow-output-inside", action="store_true",
                   help="write the summary or CSV inside an input folder anyway (refused by default: the next run "
                        "would find it there; it is recognised and never read back as an input)")
    p.add_argument("--trusted-keys", metavar="FILE",
                   help="the office's trusted-keys file (smedigital-trusted-keys YAML): files signed by one of "
                        "its keys are reported as trusted, with who signed them")
    p.add_argument("--stages", metavar="FILE",
                   help="the office's stages file (.csv with credit_code, stage[, date, provider, spend, note], or "
                        "smedigital-stages YAML): stages only the office knows (备案 filing, 兑现 payout) and "
                        "overrides, keyed by credit code")
    p.add_argument("--targets", metavar="FILE",
                   help="the office's targets (smedigital-targets YAML): shares at a level or above by group, or "
                        "counts by a date; progress per framework in the JSON and the recommendation workbook")
    p.add_argument("--recommend-out", metavar="FILE.xlsx",
                   help="also write the 推荐汇总表 workbook: one row per firm (levels, stage, 服务商, dates), the "
                        "pipeline counts, the targets' progress and the 服务商 scorecard")
    p.add_argument("--rules", metavar="PACK",
                   help="a city rule pack (bundled id or file) for the eligible cost and subsidy estimate per firm "
                        "in the --recommend-out workbook")
    p.set_defaults(func=cmd_aggregate)
