"""Appending rows to the sheets of a copy of the workbook, in their own column order, without duplicates.

The copy keeps everything of the original (formatting, other sheets, unknown columns, formulas):
rows are added under the last filled row of `Disponibilités`, `Intervenants` and `Interventions`,
each new cell styled like the one above it. A row is a duplicate when the sheet already holds the
same window (speaker, date or weekday, hours, period), the same speaker or the same offer ID.
"""
from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.text import format_time
from scheduler.imports.names import words
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError, filled_rows, is_blank, text
from scheduler.workbook.labels import COLUMNS, SHEETS, find

HEADER_SEARCH = 20
WINDOW_COLUMNS = ("speaker", "date", "weekday", "start", "end", "from", "to")
_PARSERS = {"date": cells.parse_date, "from": cells.parse_date, "to": cells.parse_date,
            "weekday": cells.parse_weekday, "start": cells.parse_time, "end": cells.parse_time}


@dataclass
class Target:
    """One sheet of the workbook rows are added to: its header row, its columns (1-based) and next free row."""

    sheet: str  # key of SHEETS
    worksheet: Worksheet
    header_row: int
    columns: dict[str, int]
    next_row: int
    english: bool

    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """(row number, column key -> value) of every filled row under the header."""
        found = filled_rows(self.worksheet)
        return [(number, {column: found[number].get(position - 1) for column, position in self.columns.items()})
                for number in sorted(found) if number > self.header_row]


def find_targets(workbook: Workbook) -> dict[str, Target]:
    """The imported sheets found in the workbook (by name, French or English), with their header rows."""
    targets: dict[str, Target] = {}
    for worksheet in workbook.worksheets:
        sheet = find(SHEETS, worksheet.title)
        if sheet not in ("availability", "speakers", "offers") or sheet in targets:
            continue
        rows = filled_rows(worksheet)
        numbers = sorted(rows)
        required = [label for label in COLUMNS[sheet].values() if label.required]
        header_row = next((n for n in numbers[:HEADER_SEARCH]
                           if any(label.matches(v) for v in rows[n].values() for label in required)),
                          numbers[0] if numbers else 1)
        columns: dict[str, int] = {}
        for position, value in sorted(rows.get(header_row, {}).items()):
            column = find(COLUMNS[sheet], value)
            if column is not None:
                columns.setdefault(column, position + 1)
        english = cells.key(worksheet.title) == cells.key(SHEETS[sheet].en) != cells.key(SHEETS[sheet].fr)
        targets[sheet] = Target(sheet, worksheet, header_row, columns, max(numbers, default=header_row) + 1, english)
    return targets


def _lenient(column: str, value: object) -> object:
    """A cell's value for comparing rows: parsed when it can be, else its normalised text."""
    if is_blank(value):
        return None
    if column == "speaker":
        return tuple(sorted(words(value)))
    parser = _PARSERS.get(column)
    if parser is not None:
        try:
            return parser(value)
        except CellError:
            pass
    return cells.normalise(text(value))


def window_key(values: dict[str, object]) -> tuple:
    """What makes two availability rows the same window (the preference aside)."""
    return tuple(_lenient(column, values.get(column)) for column in WINDOW_COLUMNS)


def append(target: Target, values: dict[str, object]) -> int:
    """Write `values` (column key -> value as it should be typed) on the next free row; its number."""
    row = target.next_row
    for column, raw in values.items():
        value = _typed(column, raw, target.english)
        if is_blank(value):
            continue
        position = target.columns.get(column) or _add_column(target, column)
        cell = target.worksheet.cell(row, position)
        above = target.worksheet.cell(row - 1, position) if row - 1 > target.header_row else None
        if above is not None and above.has_style:
            cell._style = copy(above._style)  # noqa: SLF001 - openpyxl's way of copying a style
        cell.value = value
        if isinstance(value, dt.datetime):
            cell.number_format = above.number_format if above is not None and above.is_date else "DD/MM/YYYY"
    target.next_row += 1
    return row


def _add_column(target: Target, column: str) -> int:
    """A missing optional column, added at the end of the header row."""
    header = filled_rows(target.worksheet).get(target.header_row, {})
    position = max([*target.columns.values(), *(p + 1 for p in header)], default=0) + 1
    label = COLUMNS[target.sheet][column]
    target.worksheet.cell(target.header_row, position, label.en if target.english else label.fr)
    target.columns[column] = position
    return position


def _typed(column: str, value: object, english: bool) -> object:
    """A value as a coordinator would type it in that column: dates as date cells, times as '09:00'."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    if column == "weekday" and isinstance(value, int):
        return (cells.WEEKDAYS_EN if english else cells.WEEKDAYS_FR)[value]
    if column in ("start", "end") and isinstance(value, int):
        return format_time(value)
    if column == "preference":
        return ("preferred" if english else "préféré") if value is True else None
    return value
