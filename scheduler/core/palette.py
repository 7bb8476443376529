"""The outputs' colours, from `data/palette.toml` (RRGGBB strings)."""
from __future__ import annotations

from functools import cache

from scheduler.core.words import read_data


@cache
def palette() -> dict:
    """Every colour of `data/palette.toml`: `themes` (a list) and named colours."""
    return read_data("palette.toml")


def colour(name: str) -> str:
    """One named colour, e.g. colour('event')."""
    value = palette()[name]
    if not isinstance(value, str):
        raise TypeError(f"palette.toml: {name} is not one colour")
    return value


def theme_palette() -> tuple[str, ...]:
    """Colours for themes without a `Couleur`, in order."""
    return tuple(palette()["themes"])
