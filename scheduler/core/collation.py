"""Names sorted as French readers expect: accents and case ignored first (Élise before Yasmine)."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def collation_key(name: str) -> tuple[str, str, str]:
    """Letters without accents and case first, then accents, then case, as a dictionary orders words."""
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    base = base.replace("œ", "oe").replace("æ", "ae")
    return base, decomposed.casefold(), name


def sorted_names(names: Iterable[str]) -> list[str]:
    """`names` in French dictionary order."""
    return sorted(names, key=collation_key)
