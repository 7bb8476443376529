"""The output set of `plan`, `export`, `replan` and the year plan: checked against the inputs before
anything is computed, then written whole into a sibling folder and swapped in at once."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from scheduler.core.output_set import OutputOverlapsInput, holds, refuse_overlap, replace_folder

__all__ = ["guard", "write_set"]

_PART = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.part$")


def guard(out_dir: Path, inputs: Iterable[Path]) -> None:
    """Refuse (OutputOverlapsInput, exit 2) an output folder that is, or holds, one of the inputs,
    or the current folder (swapping it would leave the coordinator's terminal in a removed folder)."""
    if Path(out_dir).exists() and not Path(out_dir).is_dir():  # said before the solve, not after
        raise NotADirectoryError(20, "Not a directory", str(out_dir))
    refuse_overlap(out_dir, [Path(p) for p in inputs])
    if holds(out_dir, Path.cwd()):
        raise OutputOverlapsInput(out_dir, Path.cwd(), current=True)


def known_name(path: str | os.PathLike | None, staging: Path, out_dir: Path) -> str:
    """The name the coordinator knows for a path of the staging folder: `DIR/planning.xlsx`, not
    `.DIR.new-x/.planning.xlsx.y.part`; the output folder itself when the system named nothing."""
    if not path:
        return str(out_dir)
    path = Path(os.fsdecode(path))
    try:
        relative = path.relative_to(staging)
    except ValueError:
        return str(path)
    match = _PART.match(relative.name)
    if match:
        relative = relative.with_name(match.group("name"))
    return str(out_dir / relative)


def write_set(out_dir: Path, build: Callable[[Path], Iterable[Path] | None]) -> tuple[Path, ...]:
    """Run `build(folder)` (which writes every file of the set into `folder` and returns their
    paths) in a staging copy of `out_dir`, then replace `out_dir` with it at once; returns the
    paths as they are in `out_dir`. On failure `out_dir` is as it was; an OSError names the file
    the coordinator knows."""
    out_dir = Path(out_dir)
    holder: dict[str, Path] = {}

    def run(staging: Path) -> tuple[Path, ...]:
        holder["staging"] = staging
        written = build(staging) or ()
        return tuple(out_dir / Path(p).relative_to(staging) for p in written)

    try:
        return replace_folder(out_dir, run)
    except OSError as failure:
        staging = holder.get("staging", out_dir)
        named = known_name(failure.filename, staging, out_dir)
        raise OSError(failure.errno, failure.strerror or str(failure), named) from None
