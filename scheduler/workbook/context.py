"""What reading the input workbook carries from sheet to sheet: the error log, the tables found, the names
each sheet defines (for references from other sheets), and the Programme's time grid."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from scheduler.core.errors import InputError, called
from scheduler.workbook import cells
from scheduler.workbook.labels import COLUMNS, SHEETS
from scheduler.workbook.table import Row, Table, shown

T = TypeVar("T")


@dataclass
class ErrorLog:
    """Errors and warnings found so far, each located and in French and English."""

    errors: list[tuple[str, InputError]] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)

    def add(self, sheet: str, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        """Record an error; `sheet` and `column` are keys of `SHEETS` and `COLUMNS[sheet]`."""
        self.errors.append((sheet, located(sheet, row, column, value, fr, en)))

    def warn(self, sheet: str, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        """Record a warning: legal, but probably a mistake."""
        self.warnings.append(located(sheet, row, column, value, fr, en, warning=True))

    def sorted_errors(self) -> list[InputError]:
        """Errors in sheet order (as in SPEC §1), then row order; sheet-level errors first."""
        order = {sheet: index for index, sheet in enumerate(SHEETS)}
        ranked = sorted(self.errors, key=lambda item: (order[item[0]], item[1].row or 0))
        return [error for _, error in ranked]


def located(sheet: str, row: int | None, column: str | None, value: object, fr: str, en: str,
            warning: bool = False) -> InputError:
    """An InputError at a cell, `sheet` and `column` being keys of `SHEETS` and `COLUMNS[sheet]`; its written
    names are filled in once the tables are read (`WrittenNames.name`)."""
    column_label = COLUMNS[sheet][column] if column else None
    return InputError(SHEETS[sheet].fr, row, column_label.fr if column_label else None, shown(value), fr, en,
                      warning=warning, sheet_en=SHEETS[sheet].en,
                      column_en=column_label.en if column_label else None, keys=(sheet, column))


@dataclass
class SheetLog:
    """The `table.Report` of one input sheet: its mistakes go to the shared log, under the sheet's key."""

    log: ErrorLog
    sheet: str

    def error(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        self.log.add(self.sheet, row, column, value, fr, en)

    def warn(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        self.log.warn(self.sheet, row, column, value, fr, en)


class Names:
    """Names (or IDs) defined in one column of a sheet, matched case-, accent- and space-insensitively."""

    def __init__(self, sheet: str, column: str, checked: bool = True, written: tuple[str, str] | None = None):
        self.sheet = sheet
        self.column = column
        self.checked = checked  # False when the sheet or column is missing: references cannot be checked
        self.written = written  # (sheet title, column header) as the workbook writes them
        self.first: dict[str, tuple[str, int]] = {}  # key -> (name as first written, its row)

    def add(self, name: str, row: int) -> None:
        self.first.setdefault(cells.key(name), (name, row))

    def row_of(self, name: str) -> int | None:
        found = self.first.get(cells.key(name))
        return found[1] if found else None

    def resolve(self, name: str) -> str | None:
        """The name as defined, `name` itself when unchecked, None when unknown."""
        found = self.first.get(cells.key(name))
        if found:
            return found[0]
        return None if self.checked else name

    def unknown(self, name: str) -> tuple[str, str]:
        """French and English messages for a reference to a name not defined here."""
        sheet, column = SHEETS[self.sheet], COLUMNS[self.sheet][self.column]
        title, header = self.written or (None, None)
        hint_fr, hint_en = self.did_you_mean(name)
        return (f"« {name} » n'est pas dans la colonne {called(header, column.fr, 'fr')} de la feuille "
                f"{called(title, sheet.fr, 'fr')} : ajoutez-le dans cette feuille ou corrigez l'orthographe" + hint_fr,
                f"'{name}' is not in column {called(header, column.en, 'en')} of sheet {called(title, sheet.en, 'en')}: "
                f"add it to that sheet or correct the spelling" + hint_en)

    def closest(self, name: str) -> str | None:
        """The defined name `name` is most likely a typo of (a letter or two apart), as first written; or None."""
        found = difflib.get_close_matches(cells.key(name), list(self.first), n=1, cutoff=0.8)
        return self.first[found[0]][0] if found else None

    def did_you_mean(self, name: str) -> tuple[str, str]:
        """' (vouliez-vous dire « Cybersécurité » ?)' and its English, for the closest name; ('', '') if none."""
        close = self.closest(name)
        return (f" (vouliez-vous dire « {close} » ?)", f" (did you mean '{close}'?)") if close else ("", "")


def claim(row: Row, column: str, names: Names) -> str:
    """The row's defining name (ID, name) registered in `names`; '' (a mistake) when empty or already used."""
    name = row.text(column, required=True)
    if not name:
        return ""
    first = names.row_of(name)
    if first is not None:
        row.error(column, f"« {name} » figure déjà ligne {first} : chaque ligne doit avoir un nom ou un ID différent",
                  f"'{name}' already appears on row {first}: each row needs a different name or ID")
        return ""
    names.add(name, row.number)
    return name


@dataclass(frozen=True)
class Grid:
    """What offers are checked against: the time grid and the longest half-day (None if not known)."""

    slot: int | None
    longest_half_day: int | None


@dataclass
class Context:
    """The tables found, the error log, and the names each sheet defines."""

    log: ErrorLog
    tables: dict[str, Table]
    grid: Grid = Grid(None, None)
    names: dict[str, Names] = field(default_factory=dict)

    def rows(self, sheet: str) -> Iterator[Row]:
        table = self.tables.get(sheet)
        if table is not None:
            yield from table.each_row()

    def define(self, sheet: str, column: str) -> None:
        """An empty index of the names `column` of `sheet` defines; unchecked if the sheet or column is missing."""
        table = self.tables.get(sheet)
        if table is None:
            checked = not SHEETS[sheet].required  # a missing optional sheet defines nothing
        else:
            checked = column in table.columns
        written = (table.title, table.headers[column]) if table is not None and checked else None
        self.names[sheet] = Names(sheet, column, checked, written)


def read_rows(context: Context, sheet: str, build: Callable[[Row, Context], T]) -> tuple[T, ...]:
    """`build` applied to each row of `sheet`; rows holding a mistake are left out."""
    items = []
    for row in context.rows(sheet):
        item = build(row, context)
        if row.ok:
            items.append(item)
    return tuple(items)
