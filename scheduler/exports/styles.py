"""The look shared by every table sheet of planning.xlsx, and the fast way to set styles and merge cells."""
from __future__ import annotations

from functools import cache
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
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


_STYLE_SLOTS = {"font": ("_fonts", "fontId"), "fill": ("_fills", "fillId"), "border": ("_borders", "borderId"),
                "alignment": ("_alignments", "alignmentId")}
_STYLE_IDS: WeakKeyDictionary = WeakKeyDictionary()  # workbook → {(slot, id(style)): (style, index)}


def set_style(cell: Cell | MergedCell, **styles: Font | PatternFill | Border | Alignment) -> None:
    """`cell.font = …`, `cell.fill = …`, `cell.border = …`, `cell.alignment = …` with the same result, but
    each style object is looked up among the workbook's styles once, not on every cell (openpyxl hashes
    and compares the whole style each time). Give shared, never-modified style objects."""
    workbook = cell.parent.parent
    known = _STYLE_IDS.setdefault(workbook, {})
    if not cell._style:
        cell._style = StyleArray()
    for slot, value in styles.items():
        collection, key = _STYLE_SLOTS[slot]
        found = known.get((slot, id(value)))
        if found is None or found[0] is not value:
            found = known[(slot, id(value))] = (value, getattr(workbook, collection).add(value))
        setattr(cell._style, key, found[1])


def merge(sheet: Worksheet, top: int, left: int, bottom: int, right: int, apart: bool = False) -> None:
    """`sheet.merge_cells(...)`, the same cells and borders, each border combined once per style rather
    than once per cell; with `apart` (a range known to overlap no range merged before) without openpyxl's
    check against every merged range, which grows quadratic with hundreds of them."""
    merged = MergedCellRange(sheet, CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom).coord)
    if apart:
        sheet.merged_cells.ranges.add(merged)
    else:
        sheet.merged_cells.add(merged)
    cells = merged.cells
    next(cells)  # the top-left cell keeps its value
    for row, column in cells:
        sheet._cells[row, column] = MergedCell(sheet, row, column)
    _format_merged(sheet, merged)


def _style_of(cell: Cell | MergedCell) -> StyleArray:
    if not cell._style:
        cell._style = StyleArray()
    return cell._style


def _format_merged(sheet: Worksheet, merged: MergedCellRange) -> None:
    """What `MergedCellRange.format` does: the edge cells take the top-left cell's sides, every cell its
    protection; each (border, side) combination computed and looked up once."""
    workbook, cells = sheet.parent, sheet._cells
    start = _style_of(merged.start_cell)
    combined = _STYLE_IDS.setdefault(workbook, {})  # (start's border, side, cell's border) → combined border

    def cell_at(coord: tuple[int, int]) -> Cell | MergedCell:
        cell = cells.get(coord)
        if cell is None:
            cell = cells[coord] = MergedCell(sheet, row=coord[0], column=coord[1])
        return cell

    for name in ("top", "left", "right", "bottom"):
        origin = start.borderId  # the side comes from the top-left cell's border as it is now
        side = getattr(workbook._borders[origin], name)
        if side and side.style is None:
            continue
        extra = None
        for coord in getattr(merged, name):
            style = _style_of(cell_at(coord))
            key = ("merged", origin, name, style.borderId)
            if key not in combined:
                extra = extra or Border(**{name: side})
                combined[key] = workbook._borders.add(workbook._borders[style.borderId] + extra)
            style.borderId = combined[key]
    for coord in merged.cells:  # a copy of the top-left cell's protection: the same entry of the workbook
        _style_of(cell_at(coord)).protectionId = start.protectionId


@cache
def font(**attributes: object) -> Font:
    """One shared Font per set of attributes (for `set_style`)."""
    return Font(**attributes)


@cache
def alignment(**attributes: object) -> Alignment:
    """One shared Alignment per set of attributes (for `set_style`)."""
    return Alignment(**attributes)


@cache
def solid_fill(colour: str) -> PatternFill:
    """One shared solid PatternFill per colour (for `set_style`)."""
    return PatternFill("solid", fgColor=colour)
