"""Reading one cell: names, dates, times, numbers, yes/no, weekdays, as coordinators type them.

Each parser returns the value or raises ``CellError`` with a French and an English hint; the
reader turns that into an ``InputError`` located at the cell.
"""
from __future__ import annotations

import datetime as dt
import re

from scheduler.core.text import format_time, key, normalise, slug  # noqa: F401 - cell helpers read with these
from scheduler.core.words import weekday_name


class CellError(ValueError):
    """A cell that does not hold what its column needs."""

    def __init__(self, fr: str, en: str):
        super().__init__(fr)
        self.fr = fr
        self.en = en


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    """A cell as trimmed text ('' for empty); whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).strip()


def parse_date(value: object) -> dt.date:
    """An Excel date cell, or text 'AAAA-MM-JJ' / 'JJ/MM/AAAA'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _bad_date(value)
    raw = text(value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", raw)
        if not match:
            raise _bad_date(value)
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"la date {raw} n'existe pas ; vérifiez le jour et le mois",
                        f"the date {raw} does not exist; check the day and month") from None


def _bad_date(value: object) -> CellError:
    return CellError(f"« {text(value)} » n'est pas une date : écrivez AAAA-MM-JJ ou JJ/MM/AAAA, ou une cellule date",
                     f"'{text(value)}' is not a date: write YYYY-MM-DD or DD/MM/YYYY, or use a date cell")


def parse_time(value: object) -> int:
    """An Excel time cell, or text such as '9:00', '09:30', '14h', '14h30' -> minutes since midnight."""
    if isinstance(value, dt.datetime):
        if value.date() not in (dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)):
            raise _bad_time(value)
        value = value.time()
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        if 0 <= minutes <= 24 * 60:
            return minutes
        raise _bad_time(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value < 1:  # an Excel fraction of a day
            return round(value * 24 * 60)
        if float(value).is_integer() and 0 <= value <= 24:  # '14' meaning 14:00
            return int(value) * 60
        raise _bad_time(value)
    raw = normalise(value).replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?:[:h](\d{2})?)?(?::00)?", raw)
    if not match:
        raise _bad_time(value)
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise _bad_time(value)
    return hours * 60 + minutes


def _bad_time(value: object) -> CellError:
    return CellError(f"« {text(value)} » n'est pas une heure : écrivez par exemple 9:00, 09:30, 14h ou 14h30",
                     f"'{text(value)}' is not a time: write for example 9:00, 09:30, 14h or 14h30")


def parse_time_range(value: object) -> tuple[int, int]:
    """'09:00-12:30' -> (540, 750)."""
    parts = re.split(r"\s*(?:-|–|à|a|to)\s*", text(value).strip())
    if len(parts) != 2:
        raise CellError(f"« {text(value)} » n'est pas une plage horaire : écrivez par exemple 09:00-12:30",
                        f"'{text(value)}' is not a time range: write for example 09:00-12:30")
    start, end = parse_time(parts[0]), parse_time(parts[1])
    if end <= start:
        raise CellError(f"la plage {text(value)} finit avant de commencer",
                        f"the range {text(value)} ends before it starts")
    return start, end


def parse_number(value: object) -> float:
    """A number cell or text, the decimal separator being a comma or a point ('1,5')."""
    if isinstance(value, bool):
        raise _bad_number(value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise _bad_number(value)
        return float(value)
    raw = text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = float(raw)
    except ValueError:
        raise _bad_number(value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _bad_number(value)
    return number


def _bad_number(value: object) -> CellError:
    return CellError(f"« {text(value)} » n'est pas un nombre", f"'{text(value)}' is not a number")


def parse_int(value: object) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise CellError(f"« {text(value)} » doit être un nombre entier", f"'{text(value)}' must be a whole number")
    return int(number)


YES = {"oui", "yes", "x", "o", "y", "vrai", "true", "1"}
NO = {"", "non", "no", "n", "faux", "false", "0"}


def parse_bool(value: object) -> bool:
    """oui/non/yes/no/x/empty."""
    if isinstance(value, bool):
        return value
    raw = normalise(text(value))
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise CellError(f"« {text(value)} » : écrivez oui, non, x ou laissez vide",
                    f"'{text(value)}': write yes, no, x or leave empty")


WEEKDAYS_FR = tuple(weekday_name(day, "fr") for day in range(7))
"""'lundi' … 'dimanche' (Babel)."""
WEEKDAYS_EN = tuple(weekday_name(day, "en") for day in range(7))
"""'Monday' … 'Sunday' (Babel)."""
WEEKDAY_NAMES = {normalise(name).rstrip("."): day for day in range(7) for lang in ("fr", "en")
                 for name in (weekday_name(day, lang), weekday_name(day, lang, short=True))}
"""Every accepted spelling of a weekday, normalised: 'lundi', 'lun', 'monday', 'mon' -> 0."""


def parse_weekday(value: object) -> int:
    """'lundi', 'Lun.', 'Monday', 'mon' -> 0."""
    raw = normalise(text(value)).rstrip(".")
    if raw in WEEKDAY_NAMES:
        return WEEKDAY_NAMES[raw]
    raise CellError(f"« {text(value)} » n'est pas un jour de la semaine (lundi … dimanche)",
                    f"'{text(value)}' is not a weekday (Monday … Sunday)")


def parse_weekdays(value: object) -> tuple[int, ...]:
    """'lun mar mer jeu ven' (spaces, commas or semicolons) -> (0, 1, 2, 3, 4)."""
    names = [n for n in re.split(r"[\s,;/]+", text(value)) if n]
    if not names:
        raise CellError("indiquez au moins un jour travaillé, par exemple « lun mar mer jeu ven »",
                        "give at least one working day, for example 'mon tue wed thu fri'")
    return tuple(sorted({parse_weekday(n) for n in names}))


def filled_rows(worksheet) -> dict[int, dict[int, object]]:
    """Row number -> column position (0-based) -> value, for the non-empty cells the file holds.

    openpyxl's `iter_rows` creates every cell up to the last formatted one: a sheet formatted down
    to row 1 048 576 would take minutes; this reads only what is stored.
    """
    rows: dict[int, dict[int, object]] = {}
    for (row, column), cell in worksheet._cells.items():  # noqa: SLF001 - see the docstring
        if not is_blank(cell.value):
            rows.setdefault(row, {})[column - 1] = cell.value
    return rows


def row_values(row: dict[int, object]) -> tuple[object, ...]:
    """A row of `filled_rows` as a tuple, empty positions as None."""
    return tuple(row.get(position) for position in range(max(row, default=-1) + 1))

