"""planning.html: a static, printable page of the week grids, coloured by theme, with a legend;
no script, nothing from the network; rendered by headless Chromium where it is installed."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from scheduler.exports import write_all
from scheduler.exports.page import planning_page
from scheduler.exports.weekgrid import theme_colours, tint, week_grids
from test_exports_xlsx import tiny


class Tables(HTMLParser):
    """Collects, for each table, its rows as lists of (rowspan, colspan, classes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[list]]] = []
        self.tags: list[str] = []
        self.cell: list | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = [int(values.get("rowspan", 1)), int(values.get("colspan", 1)), values.get("class", ""), "",
                         values.get("style", "")]
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[3] += data


def columns_filled(rows: list[list[list]]) -> list[int]:
    """How many grid columns each row covers, counting cells spanning down from rows above."""
    carried: dict[int, int] = {}
    widths = []
    for row in rows:
        column, width = 0, 0
        cells = iter(row)
        occupied = {c for c, left in carried.items() if left > 0}
        pending = list(cells)
        while pending:
            while column in occupied:
                column += 1
                width += 1
            rowspan, colspan, *_ = pending.pop(0)
            for c in range(column, column + colspan):
                carried[c] = rowspan
            column += colspan
            width += colspan
        while column in occupied:
            column += 1
            width += 1
        widths.append(width)
        carried = {c: left - 1 for c, left in carried.items() if left - 1 > 0}
    return widths


@pytest.fixture(scope="module")
def page() -> str:
    problem, timetable = tiny()
    return planning_page(problem, timetable, "fr")


def test_the_page_is_static_and_self_contained(page):
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower() and not re.search(r"<[^>]*\son[a-z]+=", page), "no script, no handler"
    assert not re.search(r"(src|href)=\"(?!#)", page), "no external resource, links are anchors only"
    assert "http" not in page and "@import" not in page and "url(" not in page


def test_every_week_grid_is_a_consistent_table(page):
    problem, timetable = tiny()
    grids = week_grids(problem, timetable)
    parser = Tables()
    parser.feed(page)
    assert len(parser.tables) == len(grids) == 3
    for grid, table in zip(grids, parser.tables):
        width = 1 + sum(day.lanes for day in grid.days)
        assert set(columns_filled(table)) == {width}, f"week {grid.week}: every row covers {width} columns"
        assert len(table) == 1 + len(grid.times)


def test_sessions_are_coloured_by_theme_events_and_closed_days_shown(page):
    problem, timetable = tiny()
    parser = Tables()
    parser.feed(page)
    cells = [cell for table in parser.tables for row in table for cell in row]
    web = [c for c in cells if "Le web <moderne> & vous" in c[3]]
    assert len(web) == 2 and all(f"background:#{tint('1F77B4')}" in c[4] for c in web)
    data = next(c for c in cells if "Atelier — Données" in c[3])
    assert f"background:#{tint(theme_colours(problem, timetable)['Data'])}" in data[4] and "Marc Petit (Ville)" in data[3]
    assert data[0] == 6, "14:00–17:00 spans six half-hours"
    assert any("event" in c[2] and "Accueil" in c[3] for c in cells)
    closed = [c for c in cells if "closed" in c[2]]
    assert {c[3] for c in closed} == {"Armistice", "Séminaire équipe"}
    assert "&lt;moderne&gt; &amp; vous" in page, "titles are escaped"


def test_each_week_has_the_legend_and_a_title(page):
    problem, _ = tiny()
    assert page.count('<ul class="legend"') == 3
    for theme in problem.themes:
        assert page.count(f">{theme.name}</li>") == 3
    assert "Semaine 2 — du 9 novembre 2026 au 13 novembre 2026 — Phase 1 — découverte" in page
    assert "@page { size: A4 landscape" in page and "break-after: page" in page


def test_english_page():
    problem, timetable = tiny()
    english = planning_page(problem, timetable, "en")
    assert '<html lang="en">' in english
    assert "Week 3 — 16 November 2026 to 20 November 2026 — Phase 2 — projects" in english
    assert "Monday 16/11" in english and "Programme event" in english and "Group P1" in english


def test_write_all_puts_the_page_beside_the_workbook(tmp_path):
    problem, timetable = tiny()
    written = write_all(problem, timetable, tmp_path)
    assert tmp_path / "planning.html" in written and tmp_path / "planning.xlsx" in written
    assert (tmp_path / "planning.html").read_text(encoding="utf-8") == planning_page(problem, timetable)


def _chromium() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
                None)


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
def test_headless_chromium_renders_and_prints_one_week_per_page(tmp_path):
    problem, timetable = tiny()
    write_all(problem, timetable, tmp_path)
    common = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
              "--no-pdf-header-footer"]
    url = (tmp_path / "planning.html").as_uri()
    shot = tmp_path / "shot.png"
    subprocess.run([*common, "--window-size=1400,1000", f"--screenshot={shot}", url], capture_output=True,
                   timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    pdf = tmp_path / "page.pdf"
    subprocess.run([*common, f"--print-to-pdf={pdf}", url], capture_output=True, timeout=120)
    data = pdf.read_bytes()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    else:
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    assert pages == 3, "one printed page per programme week"
