"""Every sheet of every workbook the product writes prints readably on A4: converted to PDF by
LibreOffice (one conversion per workbook, shared by the tests), pages counted per sheet from the
footer ('<sheet> — page/pages'), headers on every page, no column split, no serif font."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app

TOOLS = ("libreoffice", "pdftotext", "pdfinfo", "pdffonts")
needs_tools = pytest.mark.skipif(any(shutil.which(tool) is None for tool in TOOLS),
                                 reason="LibreOffice and poppler-utils are needed to print")


@pytest.fixture(scope="session")
def printed(nancy_plan: Path, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (workbook, its PDF) for the planning and both templates."""
    if any(shutil.which(tool) is None for tool in TOOLS):
        pytest.skip("LibreOffice and poppler-utils are needed to print")
    folder = tmp_path_factory.mktemp("print")
    shutil.copy(nancy_plan / "planning.xlsx", folder / "planning.xlsx")
    runner = CliRunner()
    for name, extra in (("empty", []), ("example", ["--example"])):
        result = runner.invoke(app, ["template", str(folder / f"{name}.xlsx"), *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    books = {name: folder / f"{name}.xlsx" for name in ("planning", "empty", "example")}
    profile = folder / "profile"
    subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, books.values())],
                   check=True, capture_output=True, timeout=300)
    return {name: (book, book.with_suffix(".pdf")) for name, book in books.items()}


def page_texts(pdf: Path) -> list[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for page in range(1, pages + 1)]


def pages_by_sheet(pdf: Path) -> dict[str, list[str]]:
    """Sheet name -> the text of its pages, found from the right footer '<sheet> — p/n'."""
    sheets: dict[str, list[str]] = {}
    for text in page_texts(pdf):
        footer = [line for line in text.splitlines() if line.strip()][-1]
        match = re.search(r"(\S(?:.*\S)?) — \d+/\d+\s*$", re.split(r"\s{2,}", footer.strip())[-1])
        assert match, f"no footer on a page: {footer!r}"
        sheets.setdefault(match.group(1), []).append(text)
    return sheets


def visible_sheets(book: Path) -> list[openpyxl.worksheet.worksheet.Worksheet]:
    return [s for s in openpyxl.load_workbook(book).worksheets if s.sheet_state == "visible"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name", ["planning", "empty", "example"])
def test_every_visible_sheet_prints_and_hidden_lists_do_not(printed, name: str) -> None:
    book, pdf = printed[name]
    assert set(pages_by_sheet(pdf)) == {sheet.title for sheet in visible_sheets(book)}


def test_the_empty_template_prints_one_page_per_sheet(printed) -> None:
    counts = {sheet: len(pages) for sheet, pages in pages_by_sheet(printed["empty"][1]).items()}
    assert set(counts.values()) == {1}, counts


def test_planning_page_counts(printed) -> None:
    counts = {sheet: len(pages) for sheet, pages in pages_by_sheet(printed["planning"][1]).items()}
    weeks = {sheet: count for sheet, count in counts.items() if sheet.startswith("Semaine")}
    assert len(weeks) == 12 and set(weeks.values()) == {1}, counts
    assert counts["Planning"] <= 5 and counts["Groupes"] == 1 and counts["Non placées"] == 1, counts
    assert counts["Résolution"] == 1 and counts["Couverture"] == 1, counts
    assert sum(counts.values()) <= 30, counts


@pytest.mark.parametrize("name", ["planning", "example"])
def test_no_column_is_split_and_headers_repeat_on_every_page(printed, name: str) -> None:
    book, pdf = printed[name]
    pages = pages_by_sheet(pdf)
    for sheet in visible_sheets(book):
        header = [cell.value for cell in sheet[1] if isinstance(cell.value, str)]
        if sheet.print_title_rows != "$1:$1" or len(header) < 2:
            continue
        first, last = header[0].split()[0], max(header[-1].split(), key=len)
        for number, text in enumerate(pages[sheet.title], start=1):
            assert first in text and last in text, f"{sheet.title}, page {number}: {first!r} / {last!r} missing"


def test_week_sheets_show_the_header_of_every_day_on_their_page(printed) -> None:
    pages = pages_by_sheet(printed["planning"][1])
    [week_one] = pages["Semaine 1"]
    for day in ("lundi", "mardi", "jeudi", "vendredi"):
        assert day in week_one


def test_instructions_are_not_cut_at_the_page_edges(printed) -> None:
    book, pdf = printed["example"]
    [page] = pages_by_sheet(pdf)["Mode d'emploi"]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert lines[0].startswith("Classeur d'entrée")
    sheet = openpyxl.load_workbook(book)["Mode d'emploi"]
    for row in sheet.iter_rows(min_row=2):
        value = row[0].value
        if isinstance(value, str) and len(value.split()) > 3:
            words = value.split()
            assert words[0] in page and words[-1] in squeeze(page), value


@pytest.mark.parametrize("name", ["planning", "empty", "example"])
def test_every_font_is_sans_serif(printed, name: str) -> None:
    fonts = subprocess.run(["pdffonts", str(printed[name][1])], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and not [font for font in names if "Serif" in font], names


def test_wrapped_cells_have_room_for_their_lines(nancy_plan: Path) -> None:
    workbook = openpyxl.load_workbook(nancy_plan / "planning.xlsx")
    checked = 0
    for sheet in workbook.worksheets:
        merged = {cell for ranges in sheet.merged_cells.ranges for cell in ranges.cells}
        for row in sheet.iter_rows():
            for cell in row:
                if (cell.row, cell.column) in merged or not isinstance(cell.value, str) or "\n" not in cell.value:
                    continue
                lines = cell.value.count("\n") + 1
                height = sheet.row_dimensions[cell.row].height
                assert height is not None and height >= lines * (cell.font.sz or 11), (sheet.title, cell.coordinate)
                checked += 1
    assert checked > 0
