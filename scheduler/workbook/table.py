"""The one table reader behind every sheet: the input workbook's and planning.xlsx's alike.

A table is a header row (searched among the top rows, a title above it tolerated) naming known
columns in French or English (matched case-, accent- and space-insensitively, SPEC §1), then rows
that keep their Excel number. Only the cells the file stores are read. Merged ranges (one message
per range), formulas whose result is not saved and Excel error values are reported, located, once
each; the cells they cover are then skipped by every later check. Mistakes go to a `Report`, which
decides how a reader words the sheet and column in its messages.
"""
from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.errors import InputError, InvalidWorkbook, WrittenNames, called
from scheduler.core.words import both
from scheduler.core.text import one_line
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError
from scheduler.workbook.ods import is_ods, load_ods
from scheduler.workbook.labels import PROGRAMME_KEYS, YEAR_PROGRAMME_KEYS, Label, find

T = TypeVar("T")

EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                "#CALC!"}
HEADER_SEARCH = 20
"""How many non-empty rows may stand above the header row (a title, a note) before it is taken as missing."""


class Report(Protocol):
    """Where a table's mistakes go; `column` is a key of the table's column labels."""

    def error(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None: ...

    def warn(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None: ...


def shown(value: object) -> object:
    """A cell's value as the coordinator sees it in the sheet: dates as JJ/MM/AAAA, times as HH:MM."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value


# ---------------------------------------------------------------------------------------------
# Opening a file and finding its sheets


@dataclass(frozen=True)
class Book:
    """A workbook with its cell values as last saved, and (when the format keeps them) its formulas."""

    values: Workbook
    formulas: Workbook | None = None

    def formulas_of(self, worksheet: Worksheet) -> Worksheet | None:
        return self.formulas[worksheet.title] if self.formulas is not None else None


def open_workbook(path: Path) -> Book:
    """The workbook at `path`; or InvalidWorkbook naming the file and saying what to do."""
    if not path.exists():
        raise file_error(path, "fichier introuvable : vérifiez le chemin et le nom du fichier",
                         "file not found: check the path and file name")
    if not path.is_file():
        raise file_error(path, "ce n'est pas un fichier : indiquez le chemin d'un classeur .xlsx",
                         "this is not a file: give the path of an .xlsx workbook")
    if path.stat().st_size == 0:
        raise file_error(path, "ce fichier est vide : indiquez un classeur .xlsx (la commande "
                               "« scheduler template » en écrit un modèle)",
                         "this file is empty: give an .xlsx workbook ('scheduler template' writes one)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
            if is_ods(path):
                return Book(load_ods(path))  # an .ods file keeps values; LibreOffice row numbers kept
            values = openpyxl.load_workbook(path, data_only=True, read_only=False)
            formulas = openpyxl.load_workbook(path, data_only=False, read_only=False)
            return Book(values, formulas)
    except PermissionError:
        raise file_error(path, *both("workbook_file.not_readable")) from None
    except Exception:  # openpyxl and odfpy raise many kinds of errors on a file that is not a valid workbook
        if lock_file_of(path):
            raise file_error(path, *both("workbook_file.lock_file", file=lock_file_of(path))) from None
        raise file_error(path, "ce fichier n'est pas un classeur .xlsx ou .ods lisible : "
                               "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx",
                         "this file is not a readable .xlsx or .ods workbook: "
                         "open it in Excel or LibreOffice and save it as .xlsx") from None


def lock_file_of(path: Path) -> str:
    """The workbook whose lock file `path` is (Excel's `~$planning.xlsx`, LibreOffice's `.~lock.planning.xlsx#`),
    or ''."""
    name = path.name
    if name.startswith("~$"):
        return name[2:]
    if name.startswith(".~lock.") and name.endswith("#"):
        return name[len(".~lock."):-1]
    return ""


def file_error(path: Path, fr: str, en: str) -> InvalidWorkbook:
    return InvalidWorkbook([InputError(path.name, None, None, None, fr, en, is_file=True)])


def find_worksheets(workbook: Workbook, sheets: Mapping[str, Label],
                    duplicate: Callable[[str, str, str, str], None]) -> dict[str, Worksheet]:
    """Sheet key -> the first worksheet whose title names it; `duplicate(key, title, fr, en)` for a second one."""
    found: dict[str, Worksheet] = {}
    for worksheet in workbook.worksheets:
        sheet = find(sheets, worksheet.title)
        if sheet is None:
            continue
        if sheet in found:
            duplicate(sheet, worksheet.title,
                      f"deux feuilles portent ce nom (« {found[sheet].title} » et « {worksheet.title} ») : "
                      f"gardez-en une seule", f"two sheets have this name ('{found[sheet].title}' and "
                                             f"'{worksheet.title}'): keep only one")
            continue
        found[sheet] = worksheet
    return found


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass
class Table:
    """The rows of one sheet under its header row, with the columns recognised in that header."""

    sheet: str  # the sheet's key
    labels: Mapping[str, Label]  # column key -> its names
    report: Report
    columns: dict[str, int]  # column key -> position in a row
    headers: dict[str, str] = field(default_factory=dict)  # column key -> its header as written
    rows: list[tuple[int, tuple[object, ...]]] = field(default_factory=list)  # (Excel row number, cell values)
    header_row: int | None = None
    title: str = ""  # the sheet's title as written
    reported: set[tuple[int, int]] = field(default_factory=set)
    """(row, position) of cells already reported as a whole (merged, formula, Excel error): no second message."""

    def each_row(self) -> list[Row]:
        return [Row(self, number, values) for number, values in self.rows]


def written_names(tables: Mapping[str, Table]) -> WrittenNames:
    """The sheets' titles, the recognised columns' headers and `Programme` settings, as the workbook writes them."""
    programme = tables.get("programme")
    typed = [values[programme.columns["parameter"]] for _, values in programme.rows] \
        if programme is not None and "parameter" in programme.columns else []
    return WrittenNames(tuple((sheet, table.title) for sheet, table in tables.items()),
                        tuple((sheet, column, header) for sheet, table in tables.items()
                              for column, header in table.headers.items()),
                        written_settings(typed))


def written_settings(typed: list[object]) -> tuple[tuple[str, str], ...]:
    """(setting key, name as written) of the `Programme` settings among the names `typed` in its `Paramètre`
    column (the first row giving a setting)."""
    found: dict[str, str] = {}
    for name in typed:
        setting = find(PROGRAMME_KEYS, name) or find(YEAR_PROGRAMME_KEYS, name)
        if setting is not None and setting not in found:
            found[setting] = cells.text(name)
    return tuple(found.items())


@dataclass
class SheetCells:
    """The non-empty cells of one worksheet as last saved: row -> column position (0-based) -> value."""

    rows: dict[int, dict[int, object]]
    formulas: set[tuple[int, int]]  # (row, position) of cells holding a formula
    merged: list[tuple[int, int, int, int, str]]  # (first row, first position, last row, last position, A1 range)


def sheet_cells(worksheet: Worksheet, formulas: Worksheet | None) -> SheetCells:
    """Only the cells the file holds: a sheet formatted down to row 1 048 576 stays fast."""
    rows = cells.filled_rows(worksheet)
    with_formula = set()
    if formulas is not None:
        for (row, column), cell in formulas._cells.items():  # noqa: SLF001 - see cells.filled_rows
            if cell.data_type == "f":
                with_formula.add((row, column - 1))
    merged = [(r.min_row, r.min_col - 1, r.max_row, r.max_col - 1, r.coord) for r in worksheet.merged_cells.ranges]
    return SheetCells(rows, with_formula, merged)


def read_table(sheet: str, worksheet: Worksheet, labels: Mapping[str, Label], report: Report,
               formulas: Worksheet | None = None, required_sheet: bool = True) -> Table:
    """The sheet's header row, recognised columns and non-empty rows; merged cells, formulas without a saved
    result and Excel error values are reported once each."""
    found = sheet_cells(worksheet, formulas)
    numbers = sorted(found.rows)
    if not numbers:
        if required_sheet:
            _report_empty_sheet(labels, report)
        return Table(sheet, labels, report, {}, title=worksheet.title)
    header_number = _header_row(labels, numbers, found.rows)
    width = max([*(max(row) for row in found.rows.values()), *(i for _, i in found.formulas),
                 *(m[3] for m in found.merged)]) + 1
    header = tuple(found.rows[header_number].get(index) for index in range(width))
    table = Table(sheet, labels, report, {}, header_row=header_number, title=worksheet.title)
    _match_columns(table, header)
    known = set(table.columns.values())
    header_merged = any(first <= header_number <= last and known & set(range(left, right + 1))
                        for first, left, last, right, _ in found.merged)
    for column, label in labels.items():
        if label.required and column not in table.columns and not header_merged:  # else said once, below
            report.error(None, column, None,
                         f"colonne obligatoire manquante : ajoutez une colonne « {label.fr} » à la ligne d'en-tête "
                         f"(ligne {header_number})",
                         f"missing required column: add a column '{label.en}' to the header row "
                         f"(row {header_number})")
    body = {number: dict(found.rows[number]) for number in numbers if number > header_number}
    for number, _ in found.formulas:
        if number > header_number:
            body.setdefault(number, {})
    _report_merged(table, found, header_number, body)
    if header_merged:  # the columns cannot be told apart: one message for the range, none for its consequences
        return table
    _report_unusable_values(table, found, body)
    for number in sorted(body):
        values = tuple(body[number].get(index) for index in range(width))
        if any(not cells.is_blank(values[index]) for index in table.columns.values()) or \
                any((number, index) in table.reported for index in table.columns.values()):
            table.rows.append((number, values))
    return table


def _header_row(labels: Mapping[str, Label], numbers: list[int], rows: dict[int, dict[int, object]]) -> int:
    """The first non-empty row naming a required column (a title above it is skipped), else the first."""
    required = [label for label in labels.values() if label.required]
    for number in numbers[:HEADER_SEARCH]:
        if any(label.matches(value) for value in rows[number].values() for label in required):
            return number
    return numbers[0]


def _match_columns(table: Table, header: tuple[object, ...]) -> None:
    """Column key -> position, for the header cells naming a known column; unknown columns are ignored."""
    for index, name in enumerate(header):
        column = find(table.labels, name)
        if column is None:
            continue
        if column in table.columns:
            table.report.error(table.header_row, column, name, "deux colonnes portent ce nom : gardez-en une seule",
                               "two columns have this name: keep only one")
            continue
        table.columns[column] = index
        table.headers[column] = cells.text(name)


def _report_merged(table: Table, found: SheetCells, header_number: int, body: dict[int, dict[int, object]]) -> None:
    """One error per merged range touching the table's columns; its cells take the value Excel shows."""
    positions = {index: column for column, index in table.columns.items()}
    for first_row, first_col, last_row, last_col, coord in found.merged:
        if last_row < header_number:
            continue
        touched = [positions[i] for i in range(first_col, last_col + 1) if i in positions]
        if not touched:
            continue
        value = found.rows.get(first_row, {}).get(first_col)
        table.report.error(first_row, touched[0], None,  # the range is no value: named in the sentence
                           f"cellules fusionnées {coord} : défusionnez-les et remplissez chaque cellule "
                           "(une ligne par élément)",
                           f"merged cells {coord}: unmerge them and fill in each cell (one row per item)")
        for row in range(max(first_row, header_number + 1), last_row + 1):
            for index in range(first_col, last_col + 1):
                if value is not None:
                    body.setdefault(row, {})[index] = value
                table.reported.add((row, index))


def _report_unusable_values(table: Table, found: SheetCells, body: dict[int, dict[int, object]]) -> None:
    """Formulas whose result the file does not hold, and Excel error values (#REF!...), in the table's columns."""
    for column, index in table.columns.items():
        for number, values in body.items():
            if (number, index) in table.reported:
                continue
            value = values.get(index)
            if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
                table.report.error(number, column, value,
                                   "la cellule affiche une erreur Excel : corrigez sa formule ou tapez la valeur",
                                   "the cell shows an Excel error: fix its formula or type the value")
            elif value is None and (number, index) in found.formulas:
                required = table.labels[column].required
                (table.report.error if required else table.report.warn)(
                    number, column, None,
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


def _report_empty_sheet(labels: Mapping[str, Label], report: Report) -> None:
    required = [label for label in labels.values() if label.required]
    report.error(None, None, None,
                 "la feuille est vide : écrivez sur la première ligne les en-têtes "
                 + ", ".join(f"« {label.fr} »" for label in required),
                 "the sheet is empty: write the headers " + ", ".join(f"'{label.en}'" for label in required)
                 + " on its first row")


# ---------------------------------------------------------------------------------------------
# Rows


class Names(Protocol):
    """Names a reference cell may hold (see `context.Names`)."""

    def resolve(self, name: str) -> str | None: ...

    def unknown(self, name: str) -> tuple[str, str]: ...


class Row:
    """One row of a table; reading a cell records any mistake in it against this row."""

    def __init__(self, table: Table, number: int, values: tuple[object, ...]):
        self.table = table
        self.number = number
        self.values = values
        self.ok = True

    def raw(self, column: str) -> object:
        """The cell's value as openpyxl read it (None for an absent column)."""
        index = self.table.columns.get(column)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def blank(self, column: str) -> bool:
        return cells.is_blank(self.raw(column))

    def called(self, column: str, lang: str = "fr") -> str:
        """The column `column` of this row's sheet quoted as written, its canonical name in brackets when that
        is another name: for a message that names another cell of the row."""
        return called(self.table.headers.get(column), self.table.labels[column].text(lang), lang)

    def error(self, column: str, fr: str, en: str) -> None:
        """Record a mistake in this row's cell of `column` (unless that cell was already reported)."""
        self.ok = False
        if not self.already_reported(column):
            self.table.report.error(self.number, column, self.raw(column), fr, en)

    def warn(self, column: str, value: object, fr: str, en: str) -> None:
        """Record a warning on this row's cell of `column`: legal, but probably a mistake."""
        self.table.report.warn(self.number, column, value, fr, en)

    def already_reported(self, column: str) -> bool:
        index = self.table.columns.get(column)
        return index is not None and (self.number, index) in self.table.reported

    def text(self, column: str, required: bool = False) -> str:
        """The cell as trimmed text; an empty required cell is a mistake."""
        value = cells.text(self.raw(column))
        if required and not value:
            self._missing(column)
        return value

    def line(self, column: str, required: bool = False) -> str:
        """The cell as one line of text (a title): line breaks and runs of spaces become one space."""
        return one_line(self.text(column, required))

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
            label, written = self.table.labels[column], self.table.headers.get(column)
            self.table.report.error(self.number, column, None,
                                    f"remplissez la colonne {called(written, label.fr, 'fr')} : elle est obligatoire",
                                    f"fill in column {called(written, label.en, 'en')}: it is required")
