"""The workbooks as a coordinator opens and prints them: filters over the whole table, times shown
as times, long values wrapped rather than cut, the programme named at the foot of every page, the
attendance numbers apart from the names (the defects found looking at them through LibreOffice)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from scheduler.exports.year import write_year
from scheduler.workbook.reading import load
from conftest import NANCY
from test_year_exports import planned_year


def too_long_and_cut(sheet) -> list[str]:
    """Text cells longer than their column that neither wrap nor sit in a merged block."""
    merged = {(row, column) for block in sheet.merged_cells.ranges
              for row in range(block.min_row, block.max_row + 1) for column in range(block.min_col, block.max_col + 1)}
    cut = []
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            width = sheet.column_dimensions[get_column_letter(cell.column)].width or 8.43
            if (isinstance(cell.value, str) and len(cell.value) > width and (cell.row, cell.column) not in merged
                    and not cell.alignment.wrap_text):
                cut.append(f"{sheet.title}!{cell.coordinate} {cell.value!r} (width {width})")
    return cut


def test_the_year_sheet_shows_times_and_dates_like_planning_and_filters_every_row(tmp_path: Path) -> None:
    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / "annee.xlsx")["Année"]
    header = [cell.value for cell in sheet[1]]
    start, end, day = header.index("Début") + 1, header.index("Fin") + 1, header.index("Date") + 1
    for row in range(2, sheet.max_row + 1):
        assert sheet.cell(row, start).number_format == "HH:MM", sheet.cell(row, start).number_format
        assert sheet.cell(row, end).number_format == "HH:MM"
        assert "ddd" in sheet.cell(row, day).number_format  # the weekday, as in Planning
    assert sheet.auto_filter.ref and range_boundaries(sheet.auto_filter.ref)[3] == sheet.max_row


def test_no_long_value_of_the_year_workbook_is_cut_at_its_column(tmp_path: Path) -> None:
    year, result = planned_year()
    long = "Pépinière d'entreprises Nancy Technopôle, très longue organisation"
    year = replace(year, speakers=tuple(replace(speaker, organisation=long) for speaker in year.speakers))
    write_year(year, result.timetables, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "annee.xlsx")
    assert [cut for sheet in book.worksheets for cut in too_long_and_cut(sheet)] == []


def test_every_filter_of_planning_xlsx_covers_its_whole_table(nancy_plan: Path) -> None:
    book = openpyxl.load_workbook(nancy_plan / "planning.xlsx")
    short = {sheet.title: sheet.auto_filter.ref for sheet in book.worksheets
             if sheet.auto_filter.ref and sheet.max_row > 1
             and range_boundaries(sheet.auto_filter.ref)[3] != sheet.max_row}
    assert short == {}


def test_every_page_of_planning_xlsx_names_the_programme_at_its_foot(nancy_plan: Path) -> None:
    name = load(NANCY).programme.name
    book = openpyxl.load_workbook(nancy_plan / "planning.xlsx")
    assert {sheet.title: sheet.oddFooter.center.text for sheet in book.worksheets
            if sheet.oddFooter.center.text != name} == {}


def test_the_solve_figures_wrap_their_long_sentences(nancy_plan: Path) -> None:
    book = openpyxl.load_workbook(nancy_plan / "planning.xlsx")
    assert too_long_and_cut(book.worksheets[-1]) == []


def test_attendance_numbers_stand_centred_apart_from_the_names(nancy_plan: Path) -> None:
    sheet = openpyxl.load_workbook(nancy_plan / "emargement.xlsx").active
    numbers = [cell for (cell,) in sheet.iter_rows(min_col=1, max_col=1) if isinstance(cell.value, int)]
    assert numbers and {cell.alignment.horizontal for cell in numbers} == {"center"}


def test_the_attendance_page_keeps_the_number_column_narrow_and_the_labels_aligned(nancy_plan: Path) -> None:
    """On screen the '#' column took a tenth of the width and each session's labels had their own width."""
    page = (nancy_plan / "emargement.html").read_text(encoding="utf-8")
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert re.search(r"\.num\s*\{[^}]*width:\s*\d+mm", css) and re.search(r"\.num\s*\{[^}]*text-align:\s*center", css)
    rows = re.findall(r'<tr class="person"[^>]*>(<td[^>]*>)', page)
    assert rows and set(rows) == {'<td class="num">'}
    assert re.search(r"table\.details th\s*\{[^}]*width:\s*\d+mm", css)
    assert re.search(r"@media screen\s*\{[^{]*section\s*\{[^}]*margin-bottom", css)  # sessions apart on screen


def test_the_speakers_sheet_holds_times_as_times_shown_hh_mm(nancy_plan: Path) -> None:
    """Début and Fin were text there ('09:00') while Planning holds time cells: sorting and sums differed."""
    sheet = openpyxl.load_workbook(nancy_plan / "planning.xlsx")["Intervenants"]
    header = [cell.value for cell in sheet[1]]
    cells = [row[header.index(title)] for row in sheet.iter_rows(min_row=2) for title in ("Début", "Fin")
             if row[header.index("Date")].value is not None]
    assert cells and {type(cell.value).__name__ for cell in cells} == {"time"}
    assert {cell.number_format for cell in cells} == {"HH:MM"}
