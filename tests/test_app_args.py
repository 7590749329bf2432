"""smedigital's command line: a start with no option (from the menu, a double click on a file, the file
association) is answered without building argparse's parser (issue 17), and the answer is the parser's."""

from __future__ import annotations

import pytest

from smedigital.app import _parse_with_argparse, parse_args

WITHOUT_OPTIONS = [
    [],
    ["宁波恒锐 2025.smd.json"],
    ["/home/王/下载/plan.XLSX", "C:\\Users\\li\\a.SMD.JSON"],
    ["notes.txt", "a.smd.json", "", "@list", "b.xlsx", "a.smd.json"],  # not ours (Qt's, or nothing): the rest
    ["a.smd.json.bak", "smd.json", "x.xls"],
]


@pytest.mark.parametrize("argv", WITHOUT_OPTIONS)
def test_a_start_without_options_is_answered_as_the_parser_answers_it(argv):
    args, rest = parse_args(argv)
    expected, expected_rest = _parse_with_argparse(list(argv))
    assert vars(args) == vars(expected) and rest == expected_rest


@pytest.mark.parametrize("argv", [["--lang", "en", "a.smd.json"], ["-platform", "offscreen", "b.xlsx"],
                                  ["a.smd.json", "--selftest"], ["--screenshots", "out", "-"]])
def test_any_option_goes_to_the_parser(argv):
    args, rest = parse_args(argv)
    expected, expected_rest = _parse_with_argparse(list(argv))
    assert vars(args) == vars(expected) and rest == expected_rest
    if "--lang" in argv:
        assert args.lang == "en" and args.files == ["a.smd.json"]
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr", "a.smd.json"])
