"""A year workbook saved as .ods (SPEC §7: every command that reads a workbook also reads it as .ods):
`check` reads its cohorts, `roll` rolls it, as for the .xlsx; `roll` names why it drops a group's event."""
from __future__ import annotations

import openpyxl

from helpers_workbooks import write_workbook
from scheduler.workbook.year_reading import load_year
from test_ods import to_ods
from test_year_cli import plannable_sheets, run


def test_a_year_saved_as_ods_checks_and_rolls_like_its_xlsx(tmp_path):
    xlsx = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    ods = to_ods(xlsx, tmp_path / "annee.ods")
    checked = run("check", ods)
    assert checked.exit_code == 0, checked.output
    assert "2 promotions" in checked.output
    assert [c.name for c in load_year(ods).cohorts] == [c.name for c in load_year(xlsx).cohorts]
    assert load_year(ods).problems == load_year(xlsx).problems
    rolled = run("roll", ods, "--start", "04/01/2028", "--out", tmp_path / "suite.xlsx")
    assert rolled.exit_code == 0, rolled.output
    assert "Erreur interne" not in rolled.output
    assert run("check", tmp_path / "suite.xlsx").exit_code == 0


def test_roll_says_a_group_event_is_dropped_because_projects_are_cleared(tmp_path):
    xlsx = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    rolled = run("roll", xlsx, "--start", "04/01/2028", "--out", tmp_path / "suite.xlsx")
    assert rolled.exit_code == 0, rolled.output
    # `Point projet` repeats every Friday for group P1, with no date: it is not "dated before the new start"
    assert "Point projet, événement du groupe P1 (les projets sont vidés)" in rolled.output
    assert "événement daté d'avant le nouveau début (Point projet)" not in rolled.output
    titles = [row[0] for row in openpyxl.load_workbook(tmp_path / "suite.xlsx")["Événements"].iter_rows(
        min_row=2, values_only=True)]
    assert "Point projet" not in titles
