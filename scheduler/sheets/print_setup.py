"""How every workbook the product writes prints on A4: one helper for all writers.

`page_setup` gives a sheet its orientation, fit to width, repeated header rows and footer;
`finish_workbook`, called last by every writer before saving, names every font (LibreOffice
draws a font without a name in a serif face), gives wrapped text the row height it needs
(openpyxl does not size rows; Excel and LibreOffice keep the height written in the file) and
sets up any sheet the writer left without a page setup.
"""
from __future__ import annotations

import math
from copy import copy

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Arial"
"""Every font of every written workbook: present on Windows and macOS, drawn with the metric-compatible
Liberation Sans by LibreOffice on Linux."""
DEFAULT_SIZE = 11.0
DEFAULT_WIDTH = 8.43
LINE_FACTOR = 1.3
"""Points of row height per point of font size and line of text."""


def page_setup(sheet: Worksheet, title_rows: str | None, footer: str, one_page: bool = False,
               landscape: bool = True) -> None:
    """A4, one page wide (and tall when `one_page`), `title_rows` repeated on every page, a footer."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.2, footer=0.2)
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = footer
    sheet.oddFooter.center.size = 8
    sheet.oddFooter.center.font = FONT_NAME
    sheet.oddFooter.right.text = "&A — &P/&N"
    sheet.oddFooter.right.size = 8
    sheet.oddFooter.right.font = FONT_NAME


def named(font: Font | None) -> Font:
    """`font` with FONT_NAME when it has no name or the default Calibri."""
    if font is None:
        return Font(name=FONT_NAME)
    if font.name in (None, "Calibri"):
        font = copy(font)
        font.name = FONT_NAME
    return font


def _name_rich_text(value: CellRichText) -> CellRichText:
    for part in value:
        if isinstance(part, TextBlock) and part.font is not None and not part.font.rFont:
            part.font.rFont = FONT_NAME
    return value


def text_lines(value: object, width: float, size: float) -> int:
    """How many lines `value` takes in a wrapped cell `width` characters wide at `size` points."""
    text = str(value)
    per_line = max(1, int(width * 1.15 * DEFAULT_SIZE / max(size, 1)) - 1)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def _merged_cells(sheet: Worksheet) -> set[tuple[int, int]]:
    cells = set()
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                cells.add((row, column))
    return cells


def _style_of(cell) -> StyleArray:
    """The cell's style indexes (created as openpyxl's own getters create them)."""
    if not cell._style:
        cell._style = StyleArray()
    return cell._style


def fit_row_heights(sheet: Worksheet) -> None:
    """Rows holding wrapped or multi-line text get the height their longest cell needs."""
    merged = _merged_cells(sheet)
    widths = {}
    fonts, alignments, topped = sheet.parent._fonts, sheet.parent._alignments, {}  # read by index, not per cell proxy
    for row in sheet.iter_rows():
        needed = 0.0
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged:
                continue
            text = str(cell.value)
            style = _style_of(cell)
            size = float(fonts[style.fontId].sz or DEFAULT_SIZE)
            wrap = alignments[style.alignmentId].wrap_text
            if not wrap and "\n" not in text:
                continue
            letter = get_column_letter(cell.column)
            if letter not in widths:
                widths[letter] = sheet.column_dimensions[letter].width or DEFAULT_WIDTH
            lines = text_lines(text, widths[letter], size) if wrap else text.count("\n") + 1
            needed = max(needed, lines * size * LINE_FACTOR + 3)
        if needed:
            dimension = sheet.row_dimensions[row[0].row]
            dimension.height = max(dimension.height or 0, needed)
            for cell in row:  # a tall row: every cell starts at its top, level with the wrapped text
                if cell.value is None or (cell.row, cell.column) in merged:
                    continue
                style = _style_of(cell)
                if alignments[style.alignmentId].vertical is None:  # each alignment turned to the top once
                    if style.alignmentId not in topped:
                        topped[style.alignmentId] = alignments.add(_top(alignments[style.alignmentId]))
                    style.alignmentId = topped[style.alignmentId]


def _top(alignment: Alignment) -> Alignment:
    return Alignment(horizontal=alignment.horizontal, vertical="top", wrap_text=alignment.wrap_text,
                     shrink_to_fit=alignment.shrink_to_fit, indent=alignment.indent, text_rotation=alignment.text_rotation)


def name_fonts(sheet: Worksheet) -> None:
    """Every written cell's font, and every run of rich text, named FONT_NAME."""
    fonts = sheet.parent._fonts  # the workbook's fonts: each is renamed once, not once per cell
    renamed: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            if not cell._style:
                cell._style = StyleArray()
            font_id = cell._style.fontId
            if font_id not in renamed:
                renamed[font_id] = fonts.add(named(fonts[font_id]))
            cell._style.fontId = renamed[font_id]  # what `cell.font = named(cell.font)` does, without the copies
            if isinstance(cell.value, CellRichText):
                cell.value = _name_rich_text(cell.value)


def finish_workbook(workbook: Workbook, footer: str = "") -> None:
    """Name every font, size rows of wrapped text, set up any sheet still without a page setup;
    a `footer` (the programme's name) at the foot of every page of every sheet."""
    for sheet in workbook.worksheets:
        name_fonts(sheet)
        fit_row_heights(sheet)
        if sheet.page_setup.orientation is None:
            page_setup(sheet, "1:1" if sheet.max_row > 1 else None, footer)
        elif footer:
            sheet.oddFooter.center.text = footer
