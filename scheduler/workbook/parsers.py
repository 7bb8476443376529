"""Parsers of the input workbook's cells that know its bounds and vocabularies, built on `cells`.

Each returns the value or raises ``CellError`` with a French and an English hint.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from scheduler.workbook import cells
from scheduler.workbook.cells import CellError
from scheduler.workbook.labels import FORMATS, ORGANISATION_TYPES, PREFERRED, Label, find

SLOT_CHOICES = (5, 10, 15, 20, 30, 60)
MIN_DURATION_HOURS = 1
MAX_DURATION_HOURS = 4
MAX_WEEKS = 52
MAX_COUNT = 1000
"""Bound of counts (a speaker's sessions, group sizes...): far above real ones, keeps the solver's numbers small."""
MAX_WEIGHT = 1_000_000


def whole(low: int, high: int) -> Callable[[object], int]:
    """A parser of whole numbers from `low` to `high`."""
    def parse(value: object) -> int:
        try:
            number = cells.parse_int(value)
        except CellError as problem:
            raise CellError(f"{problem.fr} : écrivez un nombre entier entre {low} et {high}",
                            f"{problem.en}: write a whole number between {low} and {high}") from None
        if not low <= number <= high:
            raise CellError(f"écrivez un nombre entier entre {low} et {high}",
                            f"write a whole number between {low} and {high}")
        return number
    return parse


def vocabulary(words: dict[str, Label]) -> Callable[[object], str]:
    """A parser of one of `words` (French or English, any case or accents) -> its canonical value."""
    def parse(value: object) -> str:
        found = find(words, value)
        if found is None:
            raise CellError("écrivez l'une de ces valeurs : " + ", ".join(w.fr for w in words.values()),
                            "write one of these values: " + ", ".join(w.en for w in words.values()))
        return found
    return parse


FORMAT = vocabulary(FORMATS)
ORGANISATION_TYPE = vocabulary(ORGANISATION_TYPES)


def colour(value: object) -> str:
    """'1F77B4' or '#1f77b4' -> '1F77B4'."""
    raw = cells.text(value).lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", raw):
        raise CellError("écrivez une couleur en hexadécimal, par exemple 1F77B4, ou laissez vide",
                        "write a hexadecimal colour, for example 1F77B4, or leave empty")
    return raw.upper()


FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Dates outside these years are typing mistakes (and would overflow the calendar)."""


def date(value: object) -> dt.date:
    """`cells.parse_date`, the year checked: 2000 to 2100."""
    date = cells.parse_date(value)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise CellError(f"l'année {date.year} est invraisemblable : vérifiez la date",
                        f"the year {date.year} is implausible: check the date")
    return date


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def email(value: object) -> str:
    """An e-mail address such as lea.dupont@exemple.fr."""
    raw = cells.text(value)
    if not EMAIL.fullmatch(raw):
        raise CellError("ce n'est pas une adresse e-mail : écrivez par exemple lea.dupont@exemple.fr, ou laissez vide",
                        "this is not an e-mail address: write for example lea.dupont@exemple.fr, or leave empty")
    return raw


def phase(value: object) -> int:
    """'1', 2, 'Phase 1' -> 1 or 2."""
    raw = cells.normalise(cells.text(value)).removeprefix("phase").strip()
    if raw not in ("1", "2"):
        raise CellError("écrivez 1 ou 2, ou laissez vide pour la phase du format",
                        "write 1 or 2, or leave empty for the format's phase")
    return int(raw)


def preference(value: object) -> bool:
    if not PREFERRED.matches(value):
        raise CellError("écrivez « préféré » ou laissez vide", "write 'preferred' or leave empty")
    return True
