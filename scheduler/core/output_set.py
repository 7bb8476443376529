"""The output folder is replaced whole or not at all, and never holds an input file.

The new set is built in a hidden sibling folder that starts as a copy of the current one (the
calendar state, the sending log and the coordinator's own files come along), then the folders are
swapped by two renames: DIR → .DIR.old-xxxx, new → DIR, old removed. Any failure, or a signal,
before the swap leaves DIR exactly as it was; a failure of the second rename puts the old one back.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from scheduler.core.interruption import deferred

T = TypeVar("T")
REPLACED: list[Path] = []  # the folders this process replaced (what an interruption message may not deny)


class OutputOverlapsInput(Exception):
    """The output folder is, or holds, an input file: writing there would destroy it (exit 2)."""

    def __init__(self, folder: Path, input_file: Path, current: bool = False):
        super().__init__(f"{folder} holds {input_file}")
        self.folder = folder
        self.input_file = input_file
        self.current = current  # `input_file` is the current folder


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # also right on case-insensitive file systems and through links
    except OSError:
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def holds(folder: Path, path: Path) -> bool:
    """Whether `path` is `folder` itself or lies anywhere inside it."""
    real = Path(os.path.realpath(path))
    return any(_same(folder, place) for place in (real, *real.parents))


def refuse_overlap(folder: Path, inputs: Iterable[Path]) -> None:
    """Raise OutputOverlapsInput when an input file is `folder` or inside it (the set replaces it whole)."""
    for input_file in inputs:
        if input_file.exists() and holds(folder, input_file):
            raise OutputOverlapsInput(folder, input_file)


def _ordinary_dir_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def _copy_into(source: Path, staging: Path) -> None:
    """Everything of the current set into the staging folder (files copied, links kept as links)."""
    for entry in source.iterdir():
        target = staging / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            shutil.copy2(entry, target, follow_symlinks=False)


def replace_folder(folder: Path, build: Callable[[Path], T]) -> T:
    """Run `build(staging)` to write the whole new set, then put it in place of `folder` at once.

    `staging` starts as a copy of `folder` (when it exists) so that state files and the
    coordinator's own files carry over. On any exception (a signal included) `folder` is left
    untouched and the staging folder removed; the exception goes on.
    """
    folder = Path(os.path.abspath(folder))
    if folder.is_symlink():
        folder = Path(os.path.realpath(folder))
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        os.chmod(staging, _ordinary_dir_mode())
        if folder.is_dir():
            _copy_into(folder, staging)
        result = build(staging)
        _swap(folder, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _swap(folder: Path, staging: Path) -> None:
    """staging becomes `folder`; the previous `folder` is removed once the new one is in place."""
    with deferred():
        if not folder.exists():
            os.rename(staging, folder)
            REPLACED.append(folder)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        os.rmdir(old)
        os.rename(folder, old)
        try:
            os.rename(staging, folder)
        except BaseException:
            os.rename(old, folder)
            raise
        shutil.rmtree(old, ignore_errors=True)
        REPLACED.append(folder)
