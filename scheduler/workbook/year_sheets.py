"""The year reader's view of a workbook: its sheets found by name, the cells it reads and edits.

The same matching as the reader's (`labels.find`, header row found by its required columns),
kept apart from `year_reading.py` so that each stays small.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.errors import InputError, WrittenNames
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError
from scheduler.workbook.labels import COLUMNS, SHEETS, Label, find
from scheduler.workbook.table import written_settings

MAX_WEEKS = 52
MAX_COUNT = 1000
HEADER_SEARCH = 20
YEARLY_ORGANISATION_CAP = "max_sessions_per_organisation_per_year"


# ---------------------------------------------------------------------------------------------
# The workbook's tables, as found by name (the same matching as the reader's)


@dataclass
class SheetTable:
    """One recognised sheet: its header row and the positions (1-based) of the known columns."""

    sheet: str
    worksheet: Worksheet
    header: int
    columns: dict[str, int]
    rows: list[int] = field(default_factory=list)

    def value(self, row: int, column: str) -> object:
        position = self.columns.get(column)
        return None if position is None else self.worksheet.cell(row, position).value

    def text(self, row: int, column: str) -> str:
        return cells.text(self.value(row, column))


def find_tables(workbook: Workbook) -> dict[str, SheetTable]:
    tables: dict[str, SheetTable] = {}
    for worksheet in workbook.worksheets:
        sheet = find(SHEETS, worksheet.title)
        if sheet is None or sheet in tables:
            continue
        filled = cells.filled_rows(worksheet)
        numbers = sorted(filled)
        if not numbers:
            continue
        required = [label for label in COLUMNS[sheet].values() if label.required]
        header = next((n for n in numbers[:HEADER_SEARCH]
                       if any(label.matches(v) for v in filled[n].values() for label in required)), numbers[0])
        columns: dict[str, int] = {}
        for position, name in filled[header].items():
            column = find(COLUMNS[sheet], name)
            if column is not None and column not in columns:
                columns[column] = position + 1
        rows = [n for n in numbers if n > header
                and any(position - 1 in filled[n] for position in columns.values())]
        tables[sheet] = SheetTable(sheet, worksheet, header, columns, rows)
    return tables


def located_error(sheet: str, row: int | None, column: str | None, value: object, fr: str, en: str,
           warning: bool = False) -> InputError:
    """An InputError at a cell, `sheet` and `column` being keys of `SHEETS` and `COLUMNS[sheet]`; its written names
    are filled in by `written_names(...).name`."""
    label = COLUMNS[sheet][column] if column else None
    if isinstance(value, (dt.date, dt.datetime)):
        value = f"{value:%d/%m/%Y}"
    return InputError(SHEETS[sheet].fr, row, label.fr if label else None, value, fr, en, warning=warning,
                      sheet_en=SHEETS[sheet].en, column_en=label.en if label else None, keys=(sheet, column))


def written_names(tables: dict[str, SheetTable]) -> WrittenNames:
    """The sheets' titles and the recognised columns' headers, as the workbook writes them."""
    programme = tables.get("programme")
    typed = [programme.value(r, "parameter") for r in programme.rows] \
        if programme is not None and "parameter" in programme.columns else []
    return WrittenNames(tuple((sheet, table.worksheet.title) for sheet, table in tables.items()),
                        tuple((sheet, column, cells.text(table.worksheet.cell(table.header, position).value))
                              for sheet, table in tables.items() for column, position in table.columns.items()),
                        written_settings(typed))


def setting_row(table: SheetTable | None, label: Label) -> int | None:
    """The `Programme` row giving the setting `label`, or None."""
    if table is None:
        return None
    return next((r for r in table.rows if label.matches(table.value(r, "parameter"))), None)


def whole(value: object, low: int, high: int) -> int:
    number = cells.parse_int(value)
    if not low <= number <= high:
        raise CellError(f"écrivez un nombre entier de {low} à {high}", f"write a whole number from {low} to {high}")
    return number


def parse_date(value: object) -> dt.date:
    day = cells.parse_date(value)
    if not 2000 <= day.year <= 2100:
        raise CellError(f"l'année {day.year} est invraisemblable : vérifiez la date",
                        f"the year {day.year} is implausible: check the date")
    return day


def open_values(path: Path) -> Workbook:
    """The workbook's values, .xlsx or .ods (SPEC §7: every command also reads .ods)."""
    from scheduler.workbook.ods import is_ods, load_ods

    if is_ods(path):
        return load_ods(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=True)


def blank_row(table: SheetTable, row: int) -> None:
    for cell in table.worksheet[row]:
        if not isinstance(cell, MergedCell):
            cell.value = None


def window_meets(table: SheetTable, row: int, span: tuple[dt.date, dt.date]) -> bool:
    """Whether an availability row can fall inside `span` (unreadable dates: kept, the reader reports them)."""
    try:
        date = table.value(row, "date")
        if not cells.is_blank(date):
            return span[0] <= parse_date(date) <= span[1]
        first, last = table.value(row, "from"), table.value(row, "to")
        if not cells.is_blank(first) and parse_date(first) > span[1]:
            return False
        return cells.is_blank(last) or parse_date(last) >= span[0]
    except (CellError, ValueError, TypeError):
        return True
