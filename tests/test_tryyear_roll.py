"""`roll` with --lang en on an English year workbook, read as an English-speaking coordinator reads it:
the new cohort's default name is English, and a setting the workbook lacks is added under its English key."""
from __future__ import annotations

import datetime as dt

import openpyxl

from helpers_workbooks import write_workbook
from scheduler.workbook.reading import load
from test_year_cli import plannable_sheets, run


def english_year_sheets():
    """The two-cohort test year with English keys in its Programme (no start_date row: each cohort has one)."""
    sheets = plannable_sheets()
    english = {"Semaines": "weeks", "Jours fériés": "holidays", "Séances min par thème": "min_sessions_per_theme",
               "Séances max par organisation et par an": "max_sessions_per_organisation_per_year"}
    sheets["Programme"] = [["parameter", "value"]] + [[english.get(row[0], row[0]), row[1]]
                                                      for row in sheets["Programme"][1:]]
    return sheets


def test_rolling_an_english_year_in_english_writes_english_name_and_key(tmp_path):
    workbook = write_workbook(tmp_path / "year.xlsx", english_year_sheets())
    result = run("--lang", "en", "roll", workbook, "--start", "2028-01-03", "--out", tmp_path / "next.xlsx")
    assert result.exit_code == 0, result.output
    assert "'Cohort January 2028'" in result.output and "Promo" not in result.output
    keys = [row[0] for row in openpyxl.load_workbook(tmp_path / "next.xlsx")["Programme"].iter_rows(
        min_row=2, values_only=True)]
    assert "start_date" in keys and "Début" not in keys
    problem = load(tmp_path / "next.xlsx")
    assert problem.programme.name == "Cohort January 2028" and problem.programme.start_date == dt.date(2028, 1, 3)


def test_rolling_a_french_year_keeps_french_name_and_key(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    result = run("roll", workbook, "--start", "03/01/2028", "--out", tmp_path / "suite.xlsx")
    assert result.exit_code == 0 and "« Promo janvier 2028 »" in result.output, result.output
    keys = [row[0] for row in openpyxl.load_workbook(tmp_path / "suite.xlsx")["Programme"].iter_rows(
        min_row=2, values_only=True)]
    assert "Début" in keys
