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

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE = 0, 1, 2

TEXT = {
    "zh": {"counts": "{files} 个文件：采用 {accepted}，拒绝 {rejected}，重复 {duplicates}；{firms} 家企业",
           "wrote": "已写入 {path}"},
    "en": {"counts": "{files} files: {accepted} accepted, {rejected} rejected, {duplicates} duplicates; {firms} firms",
           "wrote": "wrote {path}"},
}


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _output_problem(path: Path) -> str | None:
    if path.is_dir():
        return "is a folder"
    if not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return None


def _progress_printer() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            print(f"\r{done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)

    return show


def cmd_aggregate(args: argparse.Namespace) -> int:
    from .run import aggregate
    from .words import STATUS_WORDS

    lang = "en" if args.lang == "en" else "zh"
    if args.workers is not None and args.workers < 0:
        _err("--workers: must be 0 or more")
        return EXIT_USAGE
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        for p in missing:
            _err(f"{p}: no such file or folder")
        return EXIT_USAGE
    outputs = [Path(args.output)] + ([Path(args.csv)] if args.csv else [])
    for out in outputs:
        problem = _output_problem(out)
        if problem:
            _err(f"{out}: cannot be written: {problem}")
            return EXIT_OUTPUT
    from .longcsv import write_long_csv
    from .summary import write_summary

    with aggregate(args.paths, progress=None if args.json else _progress_printer(), workers=args.workers) as result:
        try:
            write_summary(result, args.output, lang)
            if args.csv:
                write_long_csv(result, args.csv)
        except OSError as exc:
            _err(f"{exc.filename or args.output}: cannot be written: {exc.strerror or exc}")
            return EXIT_OUTPUT
        if args.json:
            print(json.dumps({**result.to_dict(lang), "summary": str(args.output), "csv": args.csv},
                             ensure_ascii=False))
            return EXIT_OK
        t = TEXT[lang]
        print(t["counts"].format(**result.counts.to_dict()))
        for f in result.files:
            if f.status != "accepted":
                print(f"  {f.path}: {STATUS_WORDS[f.status].get(lang)} — {f.reason(lang)}")
        for out in outputs:
            print(t["wrote"].format(path=out))
    return EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("aggregate", help="many firms' workbooks and assessment files into one regional summary")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (read recursively)")
    p.add_argument("-o", "--output", required=True, metavar="SUMMARY.xlsx", help="the summary workbook to write")
    p.add_argument("--csv", metavar="LONG.csv", help="also write one row per assessment and indicator (UTF-8, BOM)")
    p.add_argument("--json", action="store_true", help="print the counts and every file's status as one JSON object")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes reading files (default: one per core; 0 = in this process)")
    p.set_defaults(func=cmd_aggregate)
