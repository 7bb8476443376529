"""LibreOffice `.ods` workbooks read into an in-memory openpyxl workbook, and the one place a workbook is opened.

The cells keep their types (dates as dates, times as times, numbers, booleans, text) and their row
numbers as LibreOffice shows them: blank rows and `table:number-rows-repeated` rows are counted, not
dropped. Merged cells (`table:number-columns-spanned`) become openpyxl merged ranges, so the reader
reports them as it does for an .xlsx file.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import openpyxl
from odf.namespaces import OFFICENS, TABLENS, TEXTNS  # names only; the reader itself loads with the first .ods
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

ODS_SUFFIXES = (".ods", ".fods")
_DURATION = re.compile(r"-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?")
_MAX_REPEAT = 10_000
"""Repeated empty rows/columns (LibreOffice pads sheets to 1 048 576 rows) are skipped, not materialised."""


def is_ods(path: str | Path) -> bool:
    """Whether `path` names a LibreOffice spreadsheet (by its suffix)."""
    return Path(path).suffix.lower() in ODS_SUFFIXES


def open_workbook(path: str | Path, data_only: bool = True) -> Workbook:
    """The workbook at `path`: `.ods` through `load_ods`, anything else through openpyxl."""
    if is_ods(path):
        return load_ods(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it does not read
        return openpyxl.load_workbook(path, data_only=data_only)


def load_ods(path: str | Path) -> Workbook:
    """The `.ods` file at `path` as an openpyxl workbook (values only); ValueError if it is not a readable .ods."""
    from odf import opendocument

    try:
        document = opendocument.load(str(path))
    except Exception as failure:  # odfpy raises zip, XML and key errors on a file that is not an .ods
        raise ValueError(f"not a readable .ods file: {failure}") from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in _children(document.spreadsheet, TABLENS, "table"):
        title = table.attributes.get((TABLENS, "name")) or f"Sheet{len(workbook.worksheets) + 1}"
        _fill_sheet(workbook.create_sheet(title[:31]), table)
    if not workbook.worksheets:
        raise ValueError("the .ods file holds no sheet")
    return workbook


def _children(node, namespace: str, name: str):
    return [child for child in node.childNodes if child.qname == (namespace, name)]


def _rows(node):
    """The table's rows in order, looking inside header-row and row-group elements."""
    for child in node.childNodes:
        if child.qname == (TABLENS, "table-row"):
            yield child
        elif child.qname in ((TABLENS, "table-header-rows"), (TABLENS, "table-row-group"), (TABLENS, "table-rows")):
            yield from _rows(child)


def _fill_sheet(sheet: Worksheet, table) -> None:
    row_number = 1
    merges = []
    for row in _rows(table):
        row_repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), "1"))
        cells = _row_cells(row)
        if any(value is not None for _, _, value, _ in cells):
            for copy in range(min(row_repeat, _MAX_REPEAT)):
                for column, repeat, value, span in cells:
                    for offset in range(repeat):
                        if value is not None:
                            written = sheet.cell(row_number + copy, column + offset, value)
                            if isinstance(value, dt.datetime):
                                written.number_format = "DD/MM/YYYY" if value.time() == dt.time() else \
                                    "DD/MM/YYYY HH:MM"
                            elif isinstance(value, dt.time):
                                written.number_format = "HH:MM"
                    if copy == 0 and span != (1, 1):
                        merges.append((row_number, column, row_number + span[0] - 1, column + span[1] - 1))
        row_number += row_repeat
    for first_row, first_column, last_row, last_column in merges:
        sheet.merge_cells(f"{get_column_letter(first_column)}{first_row}:{get_column_letter(last_column)}{last_row}")


def _row_cells(row) -> list[tuple[int, int, object, tuple[int, int]]]:
    """(first column, repeat, value, (rows spanned, columns spanned)) for each cell element of the row."""
    found = []
    column = 1
    for cell in row.childNodes:
        if cell.qname not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
            continue
        repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), "1"))
        value = _value(cell) if cell.qname == (TABLENS, "table-cell") else None
        if value is not None or repeat <= _MAX_REPEAT:
            span = (int(cell.attributes.get((TABLENS, "number-rows-spanned"), "1")),
                    int(cell.attributes.get((TABLENS, "number-columns-spanned"), "1")))
            found.append((column, min(repeat, _MAX_REPEAT), value, span))
        column += repeat
    return found


def _value(cell) -> object:
    """The cell's typed value, as LibreOffice last computed it; None for an empty cell."""
    kind = cell.attributes.get((OFFICENS, "value-type"))
    if kind in ("float", "percentage", "currency"):
        number = float(cell.attributes.get((OFFICENS, "value"), "0"))
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
    if kind == "date":
        raw = cell.attributes.get((OFFICENS, "date-value"), "")
        return dt.datetime.fromisoformat(raw)
    if kind == "time":
        return _time(cell.attributes.get((OFFICENS, "time-value"), ""))
    if kind == "boolean":
        return cell.attributes.get((OFFICENS, "boolean-value"), "false").lower() == "true"
    text = "\n".join(_text(paragraph) for paragraph in cell.childNodes if paragraph.qname == (TEXTNS, "p"))
    if kind == "string" or text:
        string = cell.attributes.get((OFFICENS, "string-value"))
        return (string if string is not None else text) or None
    return None


def _time(raw: str) -> object:
    """'PT09H30M00S' -> 09:30 (a time of day), or a timedelta beyond 24 hours."""
    match = _DURATION.fullmatch(raw)
    if not match:
        return raw
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    total = dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=round(seconds))
    if total < dt.timedelta(days=1):
        return (dt.datetime.min + total).time()
    return total


def _text(node) -> str:
    """The text of a paragraph, with `text:s` spaces, tabs and line breaks."""
    parts = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.qname == (TEXTNS, "s"):
            parts.append(" " * int(child.attributes.get((TEXTNS, "c"), "1")))
        elif child.qname == (TEXTNS, "tab"):
            parts.append("\t")
        elif child.qname == (TEXTNS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_text(child))
    return "".join(parts)
