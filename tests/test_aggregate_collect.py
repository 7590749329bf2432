"""Which files an aggregation reads from the folders it is given: every file, each once, sorted, folder by folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smedigital.aggregate.run import collect_files


@pytest.fixture
def tree(tmp_path) -> Path:
    for folder in ("b", "a", "a/z", "a/y"):
        (tmp_path / folder).mkdir()
    for name in ("b/1.xlsx", "a/2.xlsx", "a/z/3.xlsx", "a/y/4.xlsx", "top.xlsx", "a/z/Z.xlsx", "a/z/10.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    os.symlink(tmp_path / "a", tmp_path / "b" / "link-to-a")  # a folder link: not followed, not a file
    os.symlink(tmp_path / "top.xlsx", tmp_path / "b" / "link-to-top.xlsx")  # the same file twice: read once
    os.symlink(tmp_path / "nowhere", tmp_path / "b" / "broken.xlsx")  # listed: rejected with its reason
    os.mkfifo(tmp_path / "b" / "fifo")
    return tmp_path


def test_every_file_once_in_order_folder_before_its_subfolders(tree):
    got = [os.path.relpath(p, tree) for p in collect_files([tree])]
    assert got == ["top.xlsx", "a/2.xlsx", "a/y/4.xlsx", "a/z/10.xlsx", "a/z/3.xlsx", "a/z/Z.xlsx", "b/1.xlsx",
                   "b/broken.xlsx", "b/fifo"]  # b/link-to-top.xlsx is top.xlsx, met first
    # named in another order, or twice: the first naming counts, nothing is read twice
    got = [os.path.relpath(p, tree) for p in collect_files([tree / "b", tree / "a" / "z", tree])]
    assert got == ["b/1.xlsx", "b/broken.xlsx", "b/fifo", "b/link-to-top.xlsx", "a/z/10.xlsx", "a/z/3.xlsx",
                   "a/z/Z.xlsx", "a/2.xlsx", "a/y/4.xlsx"]


def test_a_folder_reached_through_a_link_is_its_real_files(tree):
    os.symlink(tree / "a", tree / "alias")
    got = collect_files([tree / "alias", tree / "a"])
    assert [os.path.relpath(p, tree) for p in got] == ["alias/2.xlsx", "alias/y/4.xlsx", "alias/z/10.xlsx",
                                                        "alias/z/3.xlsx", "alias/z/Z.xlsx"]


def test_a_folder_that_cannot_be_listed_is_an_entry_of_its_own(tree, monkeypatch):
    scandir = os.scandir

    def refusing(path):
        if os.fspath(path).endswith(os.sep + "y"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)  # os.walk calls os.scandir too
    got = [os.path.relpath(p, tree) for p in collect_files([tree / "a"])]
    assert got == ["a/2.xlsx", "a/y", "a/z/10.xlsx", "a/z/3.xlsx", "a/z/Z.xlsx"]
    with pytest.raises(FileNotFoundError):
        collect_files([tree / "missing"])
