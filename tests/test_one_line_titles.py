"""A title typed on two lines in a cell (Alt-Enter in Excel) is one title on one line: in the timetable, the
calendars, the messages and the console, and `verify` does not take a line break for another title."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from helpers_workbooks import valid_sheets, write_workbook
from trycohort_workbook import edit_planning, fill_cohort
from scheduler.cli import app
from scheduler.workbook.reading import load

runner = CliRunner()


def two_line_titles(path: Path) -> Path:
    sheets = valid_sheets()
    sheets["Interventions"][1][2] = "Le web\n et vous"
    sheets["Événements"][1][0] = "Accueil de\nla promotion"
    sheets["Projets"][1][1] = "Projet  Acme\r\n(site)"
    return write_workbook(path, sheets)


def test_titles_on_two_lines_are_read_as_one_line(tmp_path):
    problem = load(two_line_titles(tmp_path / "promo.xlsx"))
    assert next(o.title for o in problem.offers if o.id == "I1") == "Le web et vous"
    assert problem.events[0].title == "Accueil de la promotion"
    assert next(p.title for p in problem.projects if p.id == "P1") == "Projet Acme (site)"


def test_a_planning_with_a_title_broken_by_hand_still_verifies(tmp_path):
    workbook = fill_cohort(tmp_path / "promo.xlsx")
    book = openpyxl.load_workbook(workbook)
    offers = book["Interventions"]
    title = [cell.value for cell in offers[1]].index("Titre") + 1
    row = next(cells[0].row for cells in offers.iter_rows(min_row=2) if cells[0].value == "C1")
    offers.cell(row, title).value = "Cyber en\ncollectivité"  # offer C1's title, typed on two lines
    book.save(workbook)
    planned = runner.invoke(app, ["plan", str(workbook), "--out", str(tmp_path / "out")])
    assert planned.exit_code == 0, planned.output
    calendar = (tmp_path / "out" / "cohorte.ics").read_text(encoding="utf-8")
    assert "Cyber en collectivité" in calendar and "Cyber en\\n" not in calendar
    planning = tmp_path / "out" / "planning.xlsx"
    broken = edit_planning(planning, {("C1-1", "Titre"): "Cyber en\ncollectivité"}, tmp_path / "edited.xlsx")
    verified = runner.invoke(app, ["verify", str(workbook), str(broken)])
    assert verified.exit_code == 0, verified.output  # the same title, broken on two lines by hand in Excel
    other = edit_planning(planning, {("C1-1", "Titre"): "Cyber en entreprise"}, tmp_path / "other.xlsx")
    assert runner.invoke(app, ["verify", str(workbook), str(other)]).exit_code == 4  # another title is still told
