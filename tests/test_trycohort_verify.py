"""`verify` after hand edits of DIR/planning.xlsx, on a cohort filled in the template: each violation said
once, readable, in the person's language."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from trycohort_workbook import fill_cohort

runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cohorte")
    workbook = fill_cohort(folder / "promo.xlsx")
    result = runner.invoke(app, ["plan", str(workbook), "--out", str(folder / "sortie")])
    assert result.exit_code == 0, result.output
    return workbook, folder / "sortie" / "planning.xlsx"


def _with_setting(workbook: Path, key: str, value: object, path: Path) -> Path:
    book = openpyxl.load_workbook(workbook)
    for row in book["Programme"].iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
    book.save(path)
    return path


def test_a_rule_named_after_a_setting_is_quoted_once(planned, tmp_path) -> None:
    workbook, planning = planned
    stricter = _with_setting(workbook, "Heures max par jour", 3, tmp_path / "trois-heures.xlsx")  # D2 lasts 4 h
    french = runner.invoke(app, ["verify", str(stricter), str(planning)])
    assert french.exit_code == 4, french.output
    assert "règle « Heures max par jour »" in french.output and "« «" not in french.output, french.output
    english = runner.invoke(app, ["verify", str(stricter), str(planning), "--lang", "en"])
    assert english.exit_code == 4 and "rule 'max_hours_per_day'" in english.output, english.output
