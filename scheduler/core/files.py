"""File names made from what people type: safe and distinct on Linux, macOS and Windows."""
from __future__ import annotations

import re
import unicodedata

from scheduler.core.text import slug

MAX_NAME_BYTES = 100  # a file name's stem, in UTF-8 bytes: far below every system's limit
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029]+')


def _cut(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` UTF-8 bytes, never inside a character."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


def safe_file_name(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """A file name stem made from `name` that every system accepts: no separator, no `..`, no
    character Windows refuses (`: ? * \\ / < > | "`, control characters), no reserved device name
    (CON, PRN, NUL, COM1…), no trailing dot or space, at most `limit` UTF-8 bytes; never empty."""
    text = unicodedata.normalize("NFC", str(name))
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"\.{2,}", ".", text).lstrip("-.").strip(" .") or "sans-nom"
    text = _cut(text, limit).rstrip(" .") or "sans-nom"
    if text.split(".")[0].strip().casefold() in RESERVED:
        text = f"_{text}"
    return text


def person_file_name(name: str) -> str:
    """The stem of a person's files: 'Léa Dupont' -> 'lea-dupont', made safe and short."""
    return safe_file_name(slug(name))


def project_file_name(project_id: str) -> str:
    """The stem of a project group's calendar: its ID as typed ('P1'), made safe and short."""
    return safe_file_name(project_id)


def unique_file_names(stems: list[str], limit: int = MAX_NAME_BYTES) -> list[str]:
    """The stems, each made distinct from those before it whatever the case ('-2', '-3'…): two
    names differing only by case would be one file on Windows and macOS."""
    taken: set[str] = set()
    result = []
    for stem in stems:
        candidate, number = stem, 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f"-{number}"
            candidate = _cut(stem, limit - len(suffix)).rstrip(" .") + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result
