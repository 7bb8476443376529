"""What the command line says about a path the system refused (an `OSError`), or a folder given where
a file is written: the path the coordinator typed (never a staging `.DIR.new-x` or `.FILE.x.part`
name), why in their language, and what to do."""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from scheduler.core.words import word

# The temporary names the atomic writers use beside their target (core/output_set.py, core/atomic.py)
_STAGING = (re.compile(r"^\.(?P<name>.+)\.(?:new|old)-[A-Za-z0-9_]+$"), re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.part$"))
# errno -> the entry of data/words.toml saying which path, why and what to do
_SENTENCES = {errno.EACCES: "cli.os.denied", errno.EPERM: "cli.os.denied", errno.EROFS: "cli.os.read_only",
              errno.ENOSPC: "cli.os.full", errno.EDQUOT: "cli.os.full", errno.ENOENT: "cli.os.missing",
              errno.EISDIR: "cli.os.is_folder", errno.EBUSY: "cli.os.busy", errno.ETXTBSY: "cli.os.busy",
              errno.ENAMETOOLONG: "cli.os.too_long", errno.ENOTDIR: "cli.not_a_folder", errno.EEXIST: "cli.not_a_folder"}


def known_path(filename: str | bytes | os.PathLike | None) -> str:
    """`filename` as the coordinator knows it: each staging name replaced by the name it stands for."""
    if not filename:
        return ""
    parts = []
    for part in Path(os.fsdecode(filename)).parts:
        match = next((m for pattern in _STAGING if (m := pattern.match(part))), None)
        parts.append(match.group("name") if match else part)
    return str(Path(*parts))


def failure_text(failure: OSError, lang: str) -> str:
    """One sentence for a path that cannot be read or written: which, why, what to do."""
    path = known_path(failure.filename)
    sentence = _SENTENCES.get(failure.errno)
    if sentence is None:
        return word("cli.cannot_use", lang, path=path, reason=failure.strerror or failure)
    return word(sentence, lang, path=path)


def folder_given_for_file(path: Path, lang: str) -> str | None:
    """The sentence refusing an existing folder where a new file is to be written (None: not a folder)."""
    return word("cli.os.folder_for_file", lang, path=path) if path.is_dir() else None


__all__ = ["failure_text", "folder_given_for_file", "known_path"]
