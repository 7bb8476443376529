"""The look shared by every table sheet of planning.xlsx."""
from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.palette import colour

HEADER_FILL = PatternFill("solid", fgColor=colour("header"))
HEADER_FONT = Font(bold=True, color="FFFFFF")


def header_row(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    """The first row: titles white on dark blue, column widths, frozen under the header."""
    sheet.append(titles)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
