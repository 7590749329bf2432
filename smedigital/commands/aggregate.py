"""``smedigital-cli aggregate PATH… -o summary.xlsx [--csv long.csv] [--json] [--workers N]``.

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

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE = 0, 1, 2

TEXT = {
    "zh": {"counts": "{files} 个文件：采用 {accepted}，拒绝 {rejected}，重复 {duplicates}；{firms} 家企业",
           "wrote": "已写入 {path}", "workers": "--workers：必须是 0 或更大的整数",
           "time_limit": "--time-limit：必须大于 0 秒", "missing": "{path}：文件或文件夹不存在",
           "unwritable": "{path}：无法写入：{why}", "is_folder": "是文件夹", "no_folder": "文件夹 {folder} 不存在",
           "inside": "[output-inside-input] {path}：在要汇总的文件夹内，下次汇总会把它当作输入；请保存到输入文件夹之外"
                     "（或加 --allow-output-inside）",
           "inside_warn": "[output-inside-input] 警告：{path} 在要汇总的文件夹内；它会被识别为本程序的输出，不作为输入读取"},
    "en": {"counts": "{files} files: {accepted} accepted, {rejected} rejected, {duplicates} duplicates; {firms} firms",
           "wrote": "wrote {path}", "workers": "--workers: must be 0 or more",
           "time_limit": "--time-limit: must be more than 0 seconds", "missing": "{path}: no such file or folder",
           "unwritable": "{path}: cannot be written: {why}", "is_folder": "is a folder",
           "no_folder": "the folder {folder} does not exist",
           "inside": "[output-inside-input] {path}: is inside a folder being aggregated, where the next run would "
                     "find it; save it outside the input folders (or add --allow-output-inside)",
           "inside_warn": "[output-inside-input] warning: {path} is inside a folder being aggregated; it will be "
                          "recognised as this program's output and never read as an input"},
}


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
        ([Path(args.benchmark_out)] if args.benchmark_out else [])
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
    from smedigital.aggregate.guard import Limits
    from smedigital.aggregate.longcsv import write_long_csv
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
        except OSError as exc:
            from smedigital.core.files import os_reason

            _err(t["unwritable"].format(path=exc.filename or args.output, why=os_reason(exc)[lang == "zh"]))
            return EXIT_OUTPUT
        if args.json:
            print(safe_text(json.dumps({**result.to_dict(lang), "summary": str(args.output), "csv": args.csv,
                                        "benchmark": args.benchmark_out},
                                       ensure_ascii=False)))
            return EXIT_OK
        print(t["counts"].format(**result.counts.to_dict()))
        for f in result.files:
            if f.status != "accepted":
                print(safe_text(f"  {f.path}: {STATUS_WORDS[f.status].get(lang)} — {f.reason(lang)}"))
        for out in outputs:
            print(safe_text(t["wrote"].format(path=out)))
    return EXIT_OK


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
    p.set_defaults(func=cmd_aggregate)
