"""`scheduler template --year` read as a new coordinator reads it: in English, no French header in the
Programme sheet; a year's instructions speak of cohorts, and its name and start date are not "required"."""
from __future__ import annotations

import openpyxl
import pytest

from scheduler.workbook.year_reading import load_year
from test_year_cli import run


@pytest.mark.parametrize("example", [False, True])
def test_an_english_year_template_has_english_programme_headers_and_year_help(tmp_path, example):
    path = tmp_path / "year.xlsx"
    result = run("--lang", "en", "template", path, "--year", *(["--example"] if example else []))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    programme = book["Programme"]
    assert [cell.value for cell in programme[1]] == ["parameter", "value", "Help"]
    rows = {row[0]: row[2] for row in programme.iter_rows(min_row=2, values_only=True)}
    assert rows["name"].startswith("Optional") and rows.get("start_date", "Optional").startswith("Optional")
    instructions = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "Cohorts" in instructions and "describes one cohort" not in instructions
    if example:
        assert len(load_year(path).cohorts) == 4  # still read as the year it is


def test_a_french_year_template_speaks_of_cohorts_and_one_cohort_template_is_unchanged(tmp_path):
    assert run("template", tmp_path / "annee.xlsx", "--year").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "annee.xlsx")
    assert [cell.value for cell in book["Programme"][1]][:2] == ["Paramètre", "Valeur"]
    assert "Promotions" in book["Mode d'emploi"]["A2"].value
    rows = {row[0]: row[2] for row in book["Programme"].iter_rows(min_row=2, values_only=True)}
    assert rows["Nom"].startswith("Facultatif")
    assert run("--lang", "en", "template", tmp_path / "one.xlsx").exit_code == 0
    one = openpyxl.load_workbook(tmp_path / "one.xlsx")
    assert [cell.value for cell in one["Programme"][1]] == ["parameter", "value", "Help"]
    assert {row[0]: row[2] for row in one["Programme"].iter_rows(min_row=2, values_only=True)}["name"].startswith(
        "Required")
    assert "describes one cohort" in one["Instructions"]["A2"].value
