"""Reading the input workbook (SPEC §1) into a validated `Problem`.

Every mistake in the workbook is collected, located (sheet, Excel row, column) and raised at the
end as one `InvalidWorkbook`; nothing stops at the first mistake. Sheets are read in the order of
their references (organisations before the speakers naming them, and so on), so that a reference
is checked against every name of the sheet it points to, even names on rows that hold another
mistake: one mistake gives one error, not a cascade.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar, public_holidays
from scheduler.core.errors import InputError, InvalidWorkbook, Notice
from scheduler.soft_rules import SOFT_RULE_CATALOGUE, find_soft_rule
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError
from scheduler.workbook.ods import open_workbook
from scheduler.workbook.labels import COHORT as COHORT_LABEL
from scheduler.workbook.labels import (COLUMNS, FORMATS, NO_HOLIDAYS, ORGANISATION_TYPES, PREFERRED,
                                       PROGRAMME_KEYS, SHEETS, WISH_COLUMNS, Label, find)

T = TypeVar("T")

SLOT_CHOICES = (5, 10, 15, 20, 30, 60)
MIN_DURATION_HOURS = 1
MAX_DURATION_HOURS = 4
MAX_WEEKS = 52
MAX_COUNT = 1000
"""Bound of counts (a speaker's sessions, group sizes...): far above real ones, keeps the solver's numbers small."""
MAX_WEIGHT = 1_000_000

_PROGRAMME_FIELDS = {"days": "weekdays", "max_hours_per_day": "max_minutes_per_day"}
"""`Programme` settings whose `domain.Programme` field has another name."""


# ---------------------------------------------------------------------------------------------
# Errors and warnings


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


def _shown(value: object) -> object:
    """A cell's value as the coordinator sees it in the sheet: dates as JJ/MM/AAAA, times as HH:MM."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value


def located(sheet: str, row: int | None, column: str | None, value: object, fr: str, en: str,
            warning: bool = False) -> InputError:
    """An InputError at a cell, `sheet` and `column` being keys of `SHEETS` and `COLUMNS[sheet]`."""
    column_label = COLUMNS[sheet][column] if column else None
    return InputError(SHEETS[sheet].fr, row, column_label.fr if column_label else None, _shown(value), fr, en,
                      warning=warning, sheet_en=SHEETS[sheet].en,
                      column_en=column_label.en if column_label else None)


# ---------------------------------------------------------------------------------------------
# Sheets, rows and names


@dataclass
class Table:
    """The rows of one sheet under its header row, with the columns recognised in that header."""

    sheet: str  # key in SHEETS
    columns: dict[str, int]  # column key -> position in a row
    rows: list[tuple[int, tuple[object, ...]]]  # (row number as Excel shows it, cell values)
    reported: set[tuple[int, int]] = field(default_factory=set)
    """(row, position) of cells already reported as a whole (merged, formula, Excel error): no second message."""


class Row:
    """One row of a table; reading a cell records any mistake in it against this row."""

    def __init__(self, table: Table, number: int, values: tuple[object, ...], log: ErrorLog):
        self.table = table
        self.number = number
        self.values = values
        self.log = log
        self.ok = True

    def raw(self, column: str) -> object:
        """The cell's value as openpyxl read it (None for an absent column)."""
        index = self.table.columns.get(column)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def blank(self, column: str) -> bool:
        return cells.is_blank(self.raw(column))

    def error(self, column: str, fr: str, en: str) -> None:
        """Record a mistake in this row's cell of `column` (unless that cell was already reported)."""
        self.ok = False
        if not self.already_reported(column):
            self.log.add(self.table.sheet, self.number, column, self.raw(column), fr, en)

    def already_reported(self, column: str) -> bool:
        index = self.table.columns.get(column)
        return index is not None and (self.number, index) in self.table.reported

    def text(self, column: str, required: bool = False) -> str:
        """The cell as trimmed text; an empty required cell is a mistake."""
        value = cells.text(self.raw(column))
        if required and not value:
            self._missing(column)
        return value

    def parse(self, column: str, parser: Callable[[object], T], required: bool = False) -> T | None:
        """The cell read by `parser`; None when it is empty or holds a mistake."""
        raw = self.raw(column)
        if cells.is_blank(raw):
            if required:
                self._missing(column)
            return None
        try:
            return parser(raw)
        except CellError as problem:
            self.error(column, problem.fr, problem.en)
        except OverflowError:
            self.error(column, "ce nombre est bien trop grand", "this number is far too large")
        except (ValueError, TypeError, ArithmeticError):  # a value no parser foresaw: say so, never crash
            self.error(column, "valeur illisible : retapez-la comme l'indique l'en-tête de la colonne",
                       "unreadable value: type it again as the column header describes")
        return None

    def ref(self, column: str, names: Names, required: bool = False) -> str:
        """The name in the cell, spelt as where it is defined; '' when empty or unknown (a mistake)."""
        name = self.text(column, required)
        if not name:
            return ""
        found = names.resolve(name)
        if found is None:
            self.error(column, *names.unknown(name))
            return ""
        return found

    def _missing(self, column: str) -> None:
        self.ok = False
        if column in self.table.columns and not self.already_reported(column):
            # (an absent column is reported once, for the whole sheet)
            label = COLUMNS[self.table.sheet][column]
            self.log.add(self.table.sheet, self.number, column, None,
                         f"remplissez la colonne « {label.fr} » : elle est obligatoire",
                         f"fill in column '{label.en}': it is required")


class Names:
    """Names (or IDs) defined in one column of a sheet, matched case-, accent- and space-insensitively."""

    def __init__(self, sheet: str, column: str, checked: bool = True):
        self.sheet = sheet
        self.column = column
        self.checked = checked  # False when the sheet or column is missing: references cannot be checked
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
        return (f"« {name} » n'est pas dans la colonne « {column.fr} » de la feuille « {sheet.fr} » : "
                f"ajoutez-le dans cette feuille ou corrigez l'orthographe",
                f"'{name}' is not in column '{column.en}' of sheet '{sheet.en}': "
                f"add it to that sheet or correct the spelling")


def _claim(row: Row, column: str, names: Names) -> str:
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


# ---------------------------------------------------------------------------------------------
# Cell parsers built on `cells`


def _whole(low: int, high: int) -> Callable[[object], int]:
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


def _vocabulary(words: dict[str, Label]) -> Callable[[object], str]:
    """A parser of one of `words` (French or English, any case or accents) -> its canonical value."""
    def parse(value: object) -> str:
        found = find(words, value)
        if found is None:
            raise CellError("écrivez l'une de ces valeurs : " + ", ".join(w.fr for w in words.values()),
                            "write one of these values: " + ", ".join(w.en for w in words.values()))
        return found
    return parse


_FORMAT = _vocabulary(FORMATS)
_ORGANISATION_TYPE = _vocabulary(ORGANISATION_TYPES)


def _colour(value: object) -> str:
    """'1F77B4' or '#1f77b4' -> '1F77B4'."""
    raw = cells.text(value).lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", raw):
        raise CellError("écrivez une couleur en hexadécimal, par exemple 1F77B4, ou laissez vide",
                        "write a hexadecimal colour, for example 1F77B4, or leave empty")
    return raw.upper()


FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Dates outside these years are typing mistakes (and would overflow the calendar)."""


def _date(value: object) -> dt.date:
    """`cells.parse_date`, the year checked: 2000 to 2100."""
    date = cells.parse_date(value)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise CellError(f"l'année {date.year} est invraisemblable : vérifiez la date",
                        f"the year {date.year} is implausible: check the date")
    return date


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _email(value: object) -> str:
    """An e-mail address such as lea.dupont@exemple.fr."""
    raw = cells.text(value)
    if not EMAIL.fullmatch(raw):
        raise CellError("ce n'est pas une adresse e-mail : écrivez par exemple lea.dupont@exemple.fr, ou laissez vide",
                        "this is not an e-mail address: write for example lea.dupont@exemple.fr, or leave empty")
    return raw


def _phase(value: object) -> int:
    """'1', 2, 'Phase 1' -> 1 or 2."""
    raw = cells.normalise(cells.text(value)).removeprefix("phase").strip()
    if raw not in ("1", "2"):
        raise CellError("écrivez 1 ou 2, ou laissez vide pour la phase du format",
                        "write 1 or 2, or leave empty for the format's phase")
    return int(raw)


def _preference(value: object) -> bool:
    if not PREFERRED.matches(value):
        raise CellError("écrivez « préféré » ou laissez vide", "write 'preferred' or leave empty")
    return True


# ---------------------------------------------------------------------------------------------
# Opening the file and finding the tables


def _open(path: Path) -> tuple[Workbook, Workbook]:
    """The workbook at `path` with cell values as last saved, and with formulas; or InvalidWorkbook naming the file."""
    if not path.exists():
        raise _file_error(path, "fichier introuvable : vérifiez le chemin et le nom du fichier",
                          "file not found: check the path and file name")
    if not path.is_file():
        raise _file_error(path, "ce n'est pas un fichier : indiquez le chemin d'un classeur .xlsx",
                          "this is not a file: give the path of an .xlsx workbook")
    if path.stat().st_size == 0:
        raise _file_error(path, "ce fichier est vide : indiquez un classeur .xlsx (la commande "
                                "« scheduler template » en écrit un modèle)",
                          "this file is empty: give an .xlsx workbook ('scheduler template' writes one)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
            values = open_workbook(path)
            formulas = open_workbook(path, data_only=False)
            return values, formulas
    except Exception:  # openpyxl raises many kinds of errors on a file that is not a valid .xlsx
        raise _file_error(path, "ce fichier n'est pas un classeur Excel .xlsx lisible : "
                                "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx",
                          "this file is not a readable Excel .xlsx workbook: "
                          "open it in Excel or LibreOffice and save it as .xlsx") from None


def _file_error(path: Path, fr: str, en: str) -> InvalidWorkbook:
    return InvalidWorkbook([InputError(path.name, None, None, None, fr, en, is_file=True)])


def _find_worksheets(workbook: Workbook, log: ErrorLog) -> dict[str, Worksheet]:
    """Sheet key -> worksheet, by name; a missing required sheet is a mistake."""
    found: dict[str, Worksheet] = {}
    for worksheet in workbook.worksheets:
        sheet = find(SHEETS, worksheet.title)
        if sheet is None:
            continue
        if sheet in found:
            log.add(sheet, None, None, worksheet.title,
                    f"deux feuilles portent ce nom (« {found[sheet].title} » et « {worksheet.title} ») : "
                    f"gardez-en une seule", f"two sheets have this name ('{found[sheet].title}' and "
                                           f"'{worksheet.title}'): keep only one")
            continue
        found[sheet] = worksheet
    for sheet, label in SHEETS.items():
        if label.required and sheet not in found:
            log.add(sheet, None, None, None, f"feuille manquante : ajoutez une feuille « {label.fr} »",
                    f"missing sheet: add a sheet named '{label.en}'")
    return found


EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                "#CALC!"}
HEADER_SEARCH = 20
"""How many non-empty rows may stand above the header row (a title, a note) before it is taken as missing."""


@dataclass
class SheetCells:
    """The non-empty cells of one worksheet as last saved: row -> column position (0-based) -> value."""

    rows: dict[int, dict[int, object]]
    formulas: set[tuple[int, int]]  # (row, position) of cells holding a formula
    merged: list[tuple[int, int, int, int, str]]  # (first row, first position, last row, last position, A1 range)


def _sheet_cells(worksheet: Worksheet, formulas: Worksheet | None) -> SheetCells:
    """Only the cells the file holds: a sheet formatted down to row 1 048 576 stays fast."""
    rows = cells.filled_rows(worksheet)
    with_formula = set()
    if formulas is not None:
        for (row, column), cell in formulas._cells.items():  # noqa: SLF001
            if cell.data_type == "f":
                with_formula.add((row, column - 1))
    merged = [(r.min_row, r.min_col - 1, r.max_row, r.max_col - 1, r.coord) for r in worksheet.merged_cells.ranges]
    return SheetCells(rows, with_formula, merged)


def _read_table(sheet: str, worksheet: Worksheet, log: ErrorLog, formulas: Worksheet | None = None) -> Table:
    """The sheet's header row, recognised columns and non-empty rows; merged cells, formulas without a saved
    result and Excel error values are reported once each."""
    found = _sheet_cells(worksheet, formulas)
    numbers = sorted(found.rows)
    if not numbers:
        _report_empty_sheet(sheet, log)
        return Table(sheet, {}, [])
    header_number = _header_row(sheet, numbers, found.rows)
    width = max([*(max(row) for row in found.rows.values()), *(i for _, i in found.formulas),
                 *(m[3] for m in found.merged)]) + 1
    header = tuple(found.rows[header_number].get(index) for index in range(width))
    columns = _match_columns(sheet, header_number, header, log)
    for column, label in COLUMNS[sheet].items():
        if label.required and column not in columns:
            log.add(sheet, None, column, None,
                    f"colonne obligatoire manquante : ajoutez une colonne « {label.fr} » à la ligne d'en-tête "
                    f"(ligne {header_number})",
                    f"missing required column: add a column '{label.en}' to the header row (row {header_number})")
    table = Table(sheet, columns, [])
    body = {number: dict(found.rows[number]) for number in numbers if number > header_number}
    for number, _ in found.formulas:
        if number > header_number:
            body.setdefault(number, {})
    _report_merged(table, found, header_number, body, log)
    _report_unusable_values(table, found, body, log)
    for number in sorted(body):
        values = tuple(body[number].get(index) for index in range(width))
        if any(not cells.is_blank(values[index]) for index in columns.values()) or \
                any((number, index) in table.reported for index in columns.values()):
            table.rows.append((number, values))
    return table


def _header_row(sheet: str, numbers: list[int], rows: dict[int, dict[int, object]]) -> int:
    """The first non-empty row naming a required column of `sheet` (a title above it is skipped), else the first."""
    required = [label for label in COLUMNS[sheet].values() if label.required]
    for number in numbers[:HEADER_SEARCH]:
        if any(label.matches(value) for value in rows[number].values() for label in required):
            return number
    return numbers[0]


def _report_merged(table: Table, found: SheetCells, header_number: int, body: dict[int, dict[int, object]],
                   log: ErrorLog) -> None:
    """One error per merged range touching the table's columns; its cells take the value Excel shows."""
    positions = {index: column for column, index in table.columns.items()}
    for first_row, first_col, last_row, last_col, coord in found.merged:
        if last_row < header_number:
            continue
        touched = [positions[i] for i in range(first_col, last_col + 1) if i in positions]
        if not touched:
            continue
        shown = found.rows.get(first_row, {}).get(first_col)
        log.add(table.sheet, first_row, touched[0], coord,
                "cellules fusionnées : défusionnez-les et remplissez chaque cellule (une ligne par élément)",
                "merged cells: unmerge them and fill in each cell (one row per item)")
        for row in range(max(first_row, header_number + 1), last_row + 1):
            for index in range(first_col, last_col + 1):
                if shown is not None:
                    body.setdefault(row, {})[index] = shown
                table.reported.add((row, index))


def _report_unusable_values(table: Table, found: SheetCells, body: dict[int, dict[int, object]],
                            log: ErrorLog) -> None:
    """Formulas whose result the file does not hold, and Excel error values (#REF!...), in the table's columns."""
    for column, index in table.columns.items():
        for number, values in body.items():
            if (number, index) in table.reported:
                continue
            value = values.get(index)
            if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
                log.add(table.sheet, number, column, value,
                        "la cellule affiche une erreur Excel : corrigez sa formule ou tapez la valeur",
                        "the cell shows an Excel error: fix its formula or type the value")
            elif value is None and (number, index) in found.formulas:
                required = COLUMNS[table.sheet][column].required
                (log.add if required else log.warn)(
                    table.sheet, number, column, None,
                    "cette cellule contient une formule dont le résultat n'est pas enregistré dans le fichier"
                    + ("" if required else " : elle est lue comme vide") + " ; ouvrez le classeur dans Excel ou "
                    "LibreOffice et enregistrez-le, ou tapez la valeur",
                    "this cell holds a formula whose result is not saved in the file"
                    + ("" if required else ": it is read as empty") + "; open the workbook in Excel or "
                    "LibreOffice and save it, or type the value")
                if not required:
                    continue
            else:
                continue
            values[index] = None
            table.reported.add((number, index))


def _report_empty_sheet(sheet: str, log: ErrorLog) -> None:
    required = [label for label in COLUMNS[sheet].values() if label.required]
    if SHEETS[sheet].required:
        log.add(sheet, None, None, None,
                "la feuille est vide : écrivez sur la première ligne les en-têtes "
                + ", ".join(f"« {label.fr} »" for label in required),
                "the sheet is empty: write the headers " + ", ".join(f"'{label.en}'" for label in required)
                + " on its first row")


def _match_columns(sheet: str, header_number: int, header: tuple[object, ...], log: ErrorLog) -> dict[str, int]:
    """Column key -> position, for the header cells naming a known column; unknown columns are ignored."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = find(COLUMNS[sheet], name)
        if column is None:
            continue
        if column in columns:
            log.add(sheet, header_number, column, name,
                    "deux colonnes portent ce nom : gardez-en une seule",
                    "two columns have this name: keep only one")
            continue
        columns[column] = index
    return columns


# ---------------------------------------------------------------------------------------------
# Reading context


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
            for number, values in table.rows:
                yield Row(table, number, values, self.log)

    def define(self, sheet: str, column: str) -> None:
        """An empty index of the names `column` of `sheet` defines; unchecked if the sheet or column is missing."""
        table = self.tables.get(sheet)
        if table is None:
            checked = not SHEETS[sheet].required  # a missing optional sheet defines nothing
        else:
            checked = column in table.columns
        self.names[sheet] = Names(sheet, column, checked)


def _read_rows(context: Context, sheet: str, build: Callable[[Row, Context], T]) -> tuple[T, ...]:
    """`build` applied to each row of `sheet`; rows holding a mistake are left out."""
    items = []
    for row in context.rows(sheet):
        item = build(row, context)
        if row.ok:
            items.append(item)
    return tuple(items)


# ---------------------------------------------------------------------------------------------
# Programme


def _weekdays(value: object) -> tuple[int, ...]:
    """`Jours`: 'lun mar mer jeu ven', and also a range such as 'lundi-vendredi' or 'lun à ven'."""
    span = re.fullmatch(r"\s*([^\s-]+)\s*(?:-|–|à|a|to)\s*([^\s-]+)\s*", cells.text(value))
    if span:
        try:
            first, last = cells.parse_weekday(span.group(1)), cells.parse_weekday(span.group(2))
        except CellError:
            pass
        else:
            if first <= last:
                return tuple(range(first, last + 1))
    try:
        return cells.parse_weekdays(value)
    except CellError as problem:
        raise CellError(f"{problem.fr} ; écrivez les jours travaillés séparés par des espaces, par exemple "
                        f"« lun mar mer jeu ven »", f"{problem.en}; write the working days separated by spaces, "
                                                   f"for example 'mon tue wed thu fri'") from None


def _minutes_per_day(value: object) -> int:
    hours = cells.parse_number(value)
    if not 0 < hours <= 24:
        raise CellError("écrivez un nombre d'heures entre 0 et 24, par exemple 6 ou 5,5",
                        "write a number of hours between 0 and 24, for example 6 or 5.5")
    return round(hours * 60)


def _slot(value: object) -> int:
    minutes = cells.parse_number(value)
    if minutes not in SLOT_CHOICES:
        choices = ", ".join(str(c) for c in SLOT_CHOICES)
        raise CellError(f"écrivez l'un de ces pas en minutes : {choices}",
                        f"write one of these steps in minutes: {choices}")
    return int(minutes)


def _holiday_code(value: object) -> str:
    """'FR', 'fr-57' -> 'FR', 'FR-57'; 'aucun' / 'none' -> ''; an unknown calendar is a mistake."""
    if NO_HOLIDAYS.matches(value):
        return ""
    code = cells.text(value).upper()
    try:
        public_holidays(code, range(2000, 2001))
    except Exception:  # the `holidays` package raises NotImplementedError, KeyError... on unknown codes
        raise CellError("calendrier de jours fériés inconnu : écrivez FR, FR-57 (Moselle), FR-6AE (Alsace) "
                        "ou aucun", "unknown public-holiday calendar: write FR, FR-57 (Moselle), "
                                    "FR-6AE (Alsace) or none") from None
    return code


def _timezone(value: object) -> str:
    """An IANA zone such as 'Europe/Paris' (any case)."""
    raw = cells.text(value)
    try:
        zoneinfo.ZoneInfo(raw)
        return raw
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    wanted = raw.lower()
    found = next((zone for zone in zoneinfo.available_timezones() if zone.lower() == wanted), None)
    if found is None:
        raise CellError("fuseau horaire inconnu : écrivez un nom IANA, par exemple Europe/Paris",
                        "unknown time zone: write an IANA name, for example Europe/Paris")
    return found


_SETTING_PARSERS: dict[str, Callable[[object], object]] = {
    "name": cells.text,
    "start_date": _date,
    "weeks": _whole(1, MAX_WEEKS),
    "phase1_weeks": _whole(0, MAX_WEEKS),
    "days": _weekdays,
    "morning": cells.parse_time_range,
    "afternoon": cells.parse_time_range,
    "slot_minutes": _slot,
    "max_hours_per_day": _minutes_per_day,
    "min_sessions_per_theme": _whole(0, MAX_COUNT),
    "max_sessions_per_organisation": _whole(1, MAX_COUNT),
    "holidays": _holiday_code,
    "timezone": _timezone,
    "location": cells.text,
    "coordinator": cells.text,
    "coordinator_email": _email,
    "attendance_events": cells.parse_bool,
}


@dataclass
class Settings:
    """The `Programme` settings read so far: the row each was given on, and the valid values."""

    rows: dict[str, Row] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def current(self, setting: str) -> object | None:
        """The setting's valid value, its default when not given, None when given wrong."""
        if setting in self.failed:
            return None
        if setting in self.values:
            return self.values[setting]
        return getattr(domain.Programme, _PROGRAMME_FIELDS.get(setting, setting), None)

    def fail(self, settings: tuple[str, ...], fr: str, en: str) -> None:
        """Record a mistake combining `settings`, on the row of the first one given."""
        setting = next(s for s in settings if s in self.rows)
        self.rows[setting].error("value", fr, en)
        self.failed.add(setting)


def _read_programme(context: Context) -> domain.Programme | None:
    """The `Programme` sheet's settings, defaults filled in; None when a required one is missing or wrong."""
    settings = Settings()
    for row in context.rows("programme"):
        _register_setting(row, settings, context.log)
    for setting, row in settings.rows.items():
        _parse_setting(setting, row, settings)
    _check_missing_settings(context, settings)
    _check_weeks(settings)
    _check_half_days(settings)
    context.grid = _grid(settings)
    if any(s not in settings.values for s, label in PROGRAMME_KEYS.items() if label.required):
        return None
    return domain.Programme(**{_PROGRAMME_FIELDS.get(s, s): v for s, v in settings.values.items()})


def _register_setting(row: Row, settings: Settings, log: ErrorLog) -> None:
    name = row.raw("parameter")
    setting = find(PROGRAMME_KEYS, name)
    if setting is None:
        if cells.is_blank(name):
            row.error("parameter", "indiquez le nom du paramètre, ou videz la ligne",
                      "give the setting's name, or empty the row")
        else:
            log.warn("programme", row.number, "parameter", cells.text(name),
                     "paramètre inconnu, ignoré : vérifiez son orthographe (voir la feuille d'instructions "
                     "du modèle) ou videz la ligne",
                     "unknown setting, ignored: check its spelling (see the template's instructions sheet) "
                     "or empty the row")
        return
    if setting in settings.rows:
        row.error("parameter", f"ce paramètre est déjà donné ligne {settings.rows[setting].number} : "
                               f"gardez une seule ligne", f"this setting is already given on row "
                                                         f"{settings.rows[setting].number}: keep one row")
        return
    settings.rows[setting] = row


def _parse_setting(setting: str, row: Row, settings: Settings) -> None:
    required = PROGRAMME_KEYS[setting].required
    if row.blank("value") and required:
        label = PROGRAMME_KEYS[setting]
        row.error("value", f"indiquez la valeur de « {label.fr} » : ce paramètre est obligatoire",
                  f"give the value of '{label.en}': this setting is required")
        settings.failed.add(setting)
        return
    if row.blank("value") and not required:
        if setting == "holidays":  # an empty calendar means no public holidays
            settings.values[setting] = ""
        return
    value = row.parse("value", _SETTING_PARSERS[setting], required=required)
    if value is None:
        settings.failed.add(setting)
    else:
        settings.values[setting] = value


def _check_missing_settings(context: Context, settings: Settings) -> None:
    table = context.tables.get("programme")
    if table is None or "parameter" not in table.columns or "value" not in table.columns:
        return  # already reported for the whole sheet
    for setting, label in PROGRAMME_KEYS.items():
        if label.required and setting not in settings.rows:
            context.log.add("programme", None, "parameter", label.fr,
                            f"ajoutez une ligne « {label.fr} » avec sa valeur",
                            f"add a row '{label.en}' with its value")


def _check_weeks(settings: Settings) -> None:
    weeks, phase1 = settings.current("weeks"), settings.current("phase1_weeks")
    if isinstance(weeks, int) and isinstance(phase1, int) and phase1 > weeks:
        settings.fail(("phase1_weeks", "weeks"), f"la phase 1 ne peut pas durer plus que le programme ({weeks} semaines)",
                      f"phase 1 cannot last longer than the programme ({weeks} weeks)")


def _check_half_days(settings: Settings) -> None:
    morning, afternoon, slot = (settings.current(s) for s in ("morning", "afternoon", "slot_minutes"))
    if isinstance(morning, tuple) and isinstance(afternoon, tuple) and morning[1] > afternoon[0]:
        settings.fail(("afternoon", "morning"), "l'après-midi doit commencer après la fin du matin",
                      "the afternoon must start after the morning ends")
        return
    if not isinstance(slot, int):
        return
    for half_day in ("morning", "afternoon"):
        span = settings.current(half_day)
        if isinstance(span, tuple) and (span[0] % slot or span[1] % slot):
            label = PROGRAMME_KEYS[half_day]
            settings.fail((half_day, "slot_minutes"),
                          f"« {label.fr} » ({_span_text(span)}) doit commencer et finir sur le pas de {slot} min : "
                          f"changez le pas ou les heures de « {label.fr} »",
                          f"'{label.en}' ({_span_text(span)}) must start and end on the {slot}-minute grid: "
                          f"change the step or the hours of '{label.en}'")


def _span_text(span: tuple[int, int]) -> str:
    return f"{cells.format_time(span[0])}-{cells.format_time(span[1])}"


def _grid(settings: Settings) -> Grid:
    slot = settings.current("slot_minutes")
    spans = [settings.current(s) for s in ("morning", "afternoon")]
    longest = max(s[1] - s[0] for s in spans) if all(isinstance(s, tuple) for s in spans) else None
    return Grid(slot if isinstance(slot, int) else None, longest)


# ---------------------------------------------------------------------------------------------
# Themes, organisations, speakers, projects


def _theme(row: Row, context: Context) -> domain.Theme:
    name = _claim(row, "theme", context.names["themes"])
    colour = row.parse("colour", _colour) or ""
    return domain.Theme(name, row.text("description"), colour, row.number)


def _organisation(row: Row, context: Context) -> domain.Organisation:
    name = _claim(row, "organisation", context.names["organisations"])
    kind = row.parse("type", _ORGANISATION_TYPE, required=True) or ""
    return domain.Organisation(name, kind, row.number)


def _speaker(row: Row, context: Context) -> domain.Speaker:
    name = _claim(row, "speaker", context.names["speakers"])
    organisation = row.ref("organisation", context.names["organisations"], required=True)
    max_sessions = row.parse("max_sessions", _whole(1, MAX_COUNT))
    return domain.Speaker(name, organisation, row.parse("email", _email) or "", max_sessions, row.number,
                          share_contact=bool(row.parse("share_contact", cells.parse_bool)))


def _project(row: Row, context: Context) -> domain.Project:
    project_id = _claim(row, "id", context.names["projects"])
    title = row.text("title", required=True)
    organisation = row.ref("organisation", context.names["organisations"], required=True)
    min_size = row.parse("min_size", _whole(1, MAX_COUNT))
    max_size = row.parse("max_size", _whole(1, MAX_COUNT))
    if min_size is not None and max_size is not None and min_size > max_size:
        row.error("max_size", f"la taille max doit être au moins la taille min ({min_size})",
                  f"the max size must be at least the min size ({min_size})")
    return domain.Project(project_id, title, organisation, min_size, max_size, row.number)


# ---------------------------------------------------------------------------------------------
# Offers


def _offer(row: Row, context: Context) -> domain.Offer:
    offer_id = _claim(row, "id", context.names["offers"])
    speaker = row.ref("speaker", context.names["speakers"], required=True)
    title = row.text("title", required=True)
    theme = row.ref("theme", context.names["themes"], required=True)
    format_name = row.parse("format", _FORMAT, required=True)
    duration = row.parse("duration_h", _duration_parser(context.grid), required=True)
    phase = row.parse("phase", _phase)
    count = row.parse("count", _whole(1, MAX_WEEKS))
    required = row.parse("required", cells.parse_bool)
    project = _offer_project(row, format_name, context.names["projects"])
    return domain.Offer(
        id=offer_id, speaker=speaker, title=title, theme=theme, format=format_name or "",
        duration_minutes=duration or 0,
        phase=phase if phase is not None else domain.default_phase(format_name or ""),
        count=count or 1, required=bool(required), project=project, location=row.text("location"),
        row=row.number)


def _duration_parser(grid: Grid) -> Callable[[object], int]:
    """A parser of `Durée (h)` -> minutes: 1 to 4 hours, on the grid, within a half-day."""
    def parse(value: object) -> int:
        try:
            hours = _hours(value)
        except CellError:
            raise CellError(f"« {cells.text(value)} » n'est pas une durée : écrivez un nombre d'heures, par exemple 2 "
                            f"ou 1,5", f"'{cells.text(value)}' is not a duration: write a number of hours, for "
                                      f"example 2 or 1.5") from None
        if not MIN_DURATION_HOURS <= hours <= MAX_DURATION_HOURS:
            raise CellError(f"la durée doit être entre {MIN_DURATION_HOURS} et {MAX_DURATION_HOURS} heures : écrivez "
                            f"par exemple 2 ou 1,5 ; une activité plus longue se découpe en plusieurs interventions",
                            f"the duration must be between {MIN_DURATION_HOURS} and {MAX_DURATION_HOURS} hours: write "
                            f"for example 2 or 1.5; split a longer activity into several offers")
        minutes = round(hours * 60)
        if grid.slot is not None and (abs(hours * 60 - minutes) > 1e-6 or minutes % grid.slot):
            raise CellError(f"la durée doit être un multiple du pas de {grid.slot} min du Programme "
                            f"(par exemple {_hours_text(2 * 60 + grid.slot)} h)",
                            f"the duration must be a multiple of the programme's {grid.slot}-minute step")
        if grid.longest_half_day is not None and minutes > grid.longest_half_day:
            longest = _hours_text(grid.longest_half_day)
            raise CellError(f"la durée dépasse la plus longue demi-journée ({longest} h) : une séance ne "
                            f"chevauche pas la pause de midi ; raccourcissez-la ou allongez la demi-journée",
                            f"the duration is longer than the longest half-day ({longest} h): a session "
                            f"cannot span lunch; shorten it or lengthen the half-day")
        return minutes
    return parse


def _hours(value: object) -> float:
    """A number of hours: 1,5 or 1.5, and also as people write it: '2h', '1h30', '90 min'."""
    raw = cells.normalise(value).replace(" ", "") if isinstance(value, str) else ""
    spelt = re.fullmatch(r"(\d{1,2})h(\d{2})?", raw) or re.fullmatch(r"(\d{1,2})(?:heures?|hours?)", raw)
    if spelt:
        return int(spelt.group(1)) + int((spelt.groups() + (None,))[1] or 0) / 60
    minutes = re.fullmatch(r"(\d{1,3})(?:min|mn|minutes?)", raw)
    if minutes:
        return int(minutes.group(1)) / 60
    return cells.parse_number(value)


def _hours_text(minutes: int) -> str:
    """150 -> '2,5'."""
    return f"{minutes / 60:g}".replace(".", ",")


def _offer_project(row: Row, format_name: str | None, projects: Names) -> str:
    """The project a `Suivi de projet` offer is for ('' for other formats)."""
    if format_name == domain.MENTORING and row.blank("project"):
        row.error("project", "un « Suivi de projet » doit indiquer son projet : écrivez l'ID d'un projet "
                             "de la feuille « Projets »", "a 'Project mentoring' offer must name its project: "
                                                         "write the ID of a project from sheet 'Projects'")
        return ""
    if format_name not in (None, domain.MENTORING) and not row.blank("project"):
        row.error("project", "seul un « Suivi de projet » indique un projet : videz cette cellule ou "
                             "changez le format", "only a 'Project mentoring' offer names a project: "
                                                  "empty this cell or change the format")
        return ""
    return row.ref("project", projects)


# ---------------------------------------------------------------------------------------------
# Availability, closures, events


def _date_or_weekday(row: Row) -> tuple[dt.date | None, int | None]:
    """A `Date` (preferred when both are given) or a `Jour` that repeats."""
    if not row.blank("date"):
        return row.parse("date", _date), None
    if not row.blank("weekday"):
        return None, row.parse("weekday", cells.parse_weekday)
    row.error("date", "indiquez une Date, ou un Jour de la semaine qui se répète (de « Du » à « Au »)",
              "give a Date, or a weekday that repeats (from 'from' to 'to')")
    return None, None


def _period(row: Row) -> tuple[dt.date | None, dt.date | None]:
    """The optional `Du` / `Au` dates, `Au` not before `Du`."""
    first = row.parse("from", _date, required=_required(row, "from"))
    last = row.parse("to", _date, required=_required(row, "to"))
    if first is not None and last is not None and last < first:
        row.error("to", f"la date de fin est avant la date de début ({first:%d/%m/%Y})",
                  f"the end date is before the start date ({first:%Y-%m-%d})")
    return first, last


def _required(row: Row, column: str) -> bool:
    return COLUMNS[row.table.sheet][column].required


def _hours_span(row: Row) -> tuple[int | None, int | None]:
    """`Début` / `Fin` times (required where the column is), the end after the start."""
    start = row.parse("start", cells.parse_time, required=_required(row, "start"))
    end = row.parse("end", cells.parse_time, required=_required(row, "end"))
    if start is not None and end is not None and end <= start:
        row.error("end", f"l'heure de fin doit être après l'heure de début ({cells.format_time(start)})",
                  f"the end time must be after the start time ({cells.format_time(start)})")
    return start, end


def _window(row: Row, context: Context) -> domain.Window:
    speaker = row.ref("speaker", context.names["speakers"], required=True)
    date, weekday = _date_or_weekday(row)
    start, end = _hours_span(row)
    first, last = _period(row)
    preferred = bool(row.parse("preference", _preference))
    return domain.Window(speaker, date, weekday, start, end, first, last, preferred, row.number)


def _closure(row: Row, context: Context) -> domain.Closure:
    first, last = _period(row)
    return domain.Closure(first, last, row.text("reason"), row.number)


def _event(row: Row, context: Context) -> domain.FixedEvent:
    title = row.text("title", required=True)
    date, weekday = _date_or_weekday(row)
    start, end = _hours_span(row)
    first, last = _period(row)
    audience = _audience(row, context.names["projects"])
    return domain.FixedEvent(title, start, end, date, weekday, first, last, audience,
                             row.text("location"), row.number)


def _audience(row: Row, projects: Names) -> str:
    """`Public`: the cohort (empty cell too) or a project ID."""
    raw = row.text("audience")
    if not raw or COHORT_LABEL.matches(raw):
        return domain.COHORT
    found = projects.resolve(raw)
    if found is None:
        row.error("audience", "écrivez « Cohorte » ou l'ID d'un projet de la feuille « Projets »",
                  "write 'Cohort' or the ID of a project from sheet 'Projects'")
        return ""
    return found


# ---------------------------------------------------------------------------------------------
# Participants, weights


def _participant(row: Row, context: Context) -> domain.Participant:
    name = _claim(row, "participant", context.names["participants"])
    wishes: list[str] = []
    for column in WISH_COLUMNS:
        project = row.ref(column, context.names["projects"])
        if project in wishes:
            rank = wishes.index(project) + 1
            row.error(column, f"le projet {project} est déjà le vœu {rank} : choisissez un autre projet ou "
                              f"videz la cellule", f"project {project} is already wish {rank}: choose "
                                                   f"another project or empty the cell")
        elif project:
            if len(wishes) < WISH_COLUMNS.index(column):  # an empty wish before this one
                row.log.warn(row.table.sheet, row.number, column, project,
                             f"le vœu précédent est vide : {project} comptera comme vœu {len(wishes) + 1} ; "
                             f"remplissez les vœux dans l'ordre",
                             f"the wish before is empty: {project} will count as wish {len(wishes) + 1}; "
                             f"fill the wishes in order")
            wishes.append(project)
    return domain.Participant(name, row.parse("email", _email) or "", tuple(wishes), row.number)


def _weight(row: Row, context: Context) -> tuple[str, int]:
    name = row.text("rule", required=True)
    rule = find_soft_rule(name) if name else None
    if name and rule is None:
        known = ", ".join(f"« {r.fr} »" for r in SOFT_RULE_CATALOGUE)
        known_en = ", ".join(f"'{r.en}'" for r in SOFT_RULE_CATALOGUE)
        row.error("rule", f"règle inconnue ; écrivez l'une de : {known}", f"unknown rule; write one of: {known_en}")
    elif rule is not None:  # one row per rule, whichever of its names is written
        names = context.names["weights"]
        first = names.row_of(rule.label)
        if first is not None:
            row.error("rule", f"cette règle a déjà un poids ligne {first} : gardez une seule ligne par règle",
                      f"this rule already has a weight on row {first}: keep one row per rule")
        else:
            names.add(rule.label, row.number)
    weight = row.parse("weight", _whole(0, MAX_WEIGHT), required=True)
    return name, weight or 0


# ---------------------------------------------------------------------------------------------
# Warnings


def _availability_warnings(problem: domain.Problem) -> list[InputError]:
    """Speakers without any availability window: legal, but their offers cannot be placed."""
    speakers_with_windows = {window.speaker for window in problem.windows}
    notes = []
    for speaker in problem.speakers:
        if speaker.name in speakers_with_windows:
            continue
        offers = ", ".join(offer.id for offer in problem.offers if offer.speaker == speaker.name)
        fr = "aucune disponibilité dans la feuille « Disponibilités »"
        en = "no availability window in sheet 'Availability'"
        if offers:
            fr += f" : ses interventions {offers} ne pourront pas être placées ; ajoutez ses disponibilités"
            en += f": their offers {offers} cannot be placed; add their windows"
        notes.append(located("speakers", speaker.row, "speaker", speaker.name, fr, en, warning=True))
    return notes


def _check_in_programme(context: Context, programme: domain.Programme, closures: tuple[domain.Closure, ...],
                        windows: tuple[domain.Window, ...], events: tuple[domain.FixedEvent, ...]) -> None:
    """Availability windows and fixed events that can never fall inside the programme are mistakes."""
    calendar = ProgrammeCalendar(programme, closures)
    for window in windows:
        _check_dated_row(context.log, "availability", window, calendar)
        _check_hours_in_day(context.log, window, programme)
    for event in events:
        _check_dated_row(context.log, "events", event, calendar)


def _day_text(day: dt.date, lang: str) -> str:
    return f"{day:%d/%m/%Y}" if lang == "fr" else day.isoformat()


def _check_dated_row(log: ErrorLog, sheet: str, item: domain.Window | domain.FixedEvent,
                     calendar: ProgrammeCalendar) -> None:
    """A row's Date, Jour or Du/Au period lies in the programme, on one of its working weekdays."""
    programme, first, last = calendar.programme, calendar.first_day, calendar.last_day
    span_fr = f"du {_day_text(first, 'fr')} au {_day_text(last, 'fr')}"
    span_en = f"from {_day_text(first, 'en')} to {_day_text(last, 'en')}"
    if item.date is not None:
        if not first <= item.date <= last:
            log.add(sheet, item.row, "date", _day_text(item.date, "fr"),
                    f"cette date est hors du programme ({span_fr}) : corrigez-la ou supprimez la ligne",
                    f"this date is outside the programme ({span_en}): correct it or delete the row")
        elif sheet == "events" and calendar.non_working_reason(item.date) is not None:
            log.warn(sheet, item.row, "date", _day_text(item.date, "fr"),
                     f"ce jour n'est pas travaillé ({calendar.non_working_reason(item.date)}) : l'événement "
                     f"n'aura pas lieu ; changez sa date",
                     f"this day is not worked ({calendar.non_working_reason(item.date, 'en')}): the event will not "
                     f"take place; change its date")
        elif item.date.weekday() not in programme.weekdays:
            name_fr, name_en = cells.WEEKDAYS_FR[item.date.weekday()], cells.WEEKDAYS_EN[item.date.weekday()]
            log.warn(sheet, item.row, "date", _day_text(item.date, "fr"),
                     f"cette date est un {name_fr}, qui n'est pas un jour travaillé du programme (paramètre "
                     f"« Jours ») : la ligne ne sert pas ; corrigez la date ou supprimez la ligne",
                     f"this date is a {name_en}, not a working day of the programme (setting 'days'): the row "
                     f"is never used; correct the date or delete the row")
        return
    if item.weekday is not None and item.weekday not in programme.weekdays:
        log.warn(sheet, item.row, "weekday", cells.WEEKDAYS_FR[item.weekday],
                 "ce jour n'est pas un jour travaillé du programme (paramètre « Jours ») : la ligne ne sert pas ; "
                 "choisissez un autre jour ou supprimez la ligne",
                 "this weekday is not a working day of the programme (setting 'days'): the row is never used; "
                 "choose another day or delete the row")
    elif item.last is not None and item.last < first:
        log.add(sheet, item.row, "to", _day_text(item.last, "fr"),
                f"cette période finit avant le début du programme ({span_fr}) : corrigez « Du » et « Au »",
                f"this period ends before the programme starts ({span_en}): correct 'from' and 'to'")
    elif item.first is not None and item.first > last:
        log.add(sheet, item.row, "from", _day_text(item.first, "fr"),
                f"cette période commence après la fin du programme ({span_fr}) : corrigez « Du » et « Au »",
                f"this period starts after the programme ends ({span_en}): correct 'from' and 'to'")


def _check_hours_in_day(log: ErrorLog, window: domain.Window, programme: domain.Programme) -> None:
    """A window's hours meet the morning or the afternoon."""
    if window.start is None and window.end is None:
        return
    start = programme.morning[0] if window.start is None else window.start
    end = programme.afternoon[1] if window.end is None else window.end
    if any(start < half_end and half_start < end for half_start, half_end in (programme.morning, programme.afternoon)):
        return
    hours = f"{_span_text(programme.morning)}, {_span_text(programme.afternoon)}"
    column = "start" if window.start is not None else "end"
    log.add("availability", window.row, column, f"{cells.format_time(start)}-{cells.format_time(end)}",
            f"ces heures tombent hors des demi-journées du programme ({hours}) : corrigez « Début » et « Fin »",
            f"these hours fall outside the programme's half-days ({hours}): correct 'start' and 'end'")


def _check_group_sizes(context: Context, projects: tuple[domain.Project, ...],
                       participants: tuple[domain.Participant, ...]) -> None:
    """The projects' sizes can hold every listed participant (each goes in exactly one group)."""
    table = context.tables.get("participants")
    log, count = context.log, len(table.rows) if table is not None else len(participants)  # rows with a mistake too
    if not count or any(sheet == "projects" for sheet, _ in log.errors):
        return  # nobody to place, or a project row is wrong: checked once it is fixed
    if not projects:
        log.add("projects", None, None, None,
                f"{count} participants sont listés mais aucun projet ne peut les accueillir : ajoutez les projets "
                f"dans la feuille « Projets », ou retirez la feuille « Participants »",
                f"{count} participants are listed but no project can take them: add the projects to sheet "
                f"'Projects', or remove sheet 'Participants'")
        return
    if all(project.max_size is not None for project in projects):
        room = sum(project.max_size or 0 for project in projects)
        if room < count:
            log.add("projects", None, "max_size", room,
                    f"les tailles max des projets totalisent {room} places pour {count} participants : "
                    f"augmentez des « Taille max », videz-en une ou ajoutez un projet",
                    f"the projects' max sizes add up to {room} places for {count} participants: raise some "
                    f"'max_size', empty one, or add a project")
    needed = sum(project.min_size or 0 for project in projects)
    if needed > count:
        log.add("projects", None, "min_size", needed,
                f"les tailles min des projets totalisent {needed} places pour seulement {count} participants : "
                f"baissez des « Taille min » ou videz-en",
                f"the projects' min sizes add up to {needed} places for only {count} participants: lower or "
                f"empty some 'min_size'")


# ---------------------------------------------------------------------------------------------
# The whole workbook

_DEFINITIONS = {
    "organisations": "organisation", "themes": "theme", "projects": "id", "speakers": "speaker",
    "offers": "id", "participants": "participant", "weights": "rule",
}
"""The column of each sheet whose cells are names other rows refer to (and must be unique)."""


def load(path: str | Path) -> domain.Problem:
    """Read and validate the workbook at `path`; raise InvalidWorkbook listing every mistake in it."""
    workbook, formulas = _open(Path(path))
    log = ErrorLog()
    worksheets = _find_worksheets(workbook, log)
    context = Context(log, {sheet: _read_table(sheet, ws, log, formulas[ws.title])
                            for sheet, ws in worksheets.items()})
    for sheet, column in _DEFINITIONS.items():
        context.define(sheet, column)
    programme = _read_programme(context)
    # In the order of references: a sheet is read after every sheet it names things from.
    organisations = _read_rows(context, "organisations", _organisation)
    themes = _read_rows(context, "themes", _theme)
    projects = _read_rows(context, "projects", _project)
    speakers = _read_rows(context, "speakers", _speaker)
    offers = _read_rows(context, "offers", _offer)
    windows = _read_rows(context, "availability", _window)
    closures = _read_rows(context, "closures", _closure)
    events = _read_rows(context, "events", _event)
    participants = _read_rows(context, "participants", _participant)
    weights = _read_rows(context, "weights", _weight)
    _check_group_sizes(context, projects, participants)
    if programme is not None and not any(sheet == "closures" for sheet, _ in log.errors):
        _check_in_programme(context, programme, closures, windows, events)
    if log.errors or programme is None:
        raise InvalidWorkbook(log.sorted_errors(), log.warnings)
    problem = domain.Problem(programme, themes, organisations, speakers, offers, windows, closures, events,
                             projects, participants, weights)
    return replace(problem, warnings=tuple(Notice(w) for w in log.warnings + _availability_warnings(problem)))
