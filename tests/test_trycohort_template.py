"""A coordinator's first steps with `scheduler template`, found by trying one cohort as a new user would."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from scheduler.cli import app

runner = CliRunner()


def test_english_template_names_the_programme_columns_in_english(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    assert runner.invoke(app, ["template", str(path), "--lang", "en"]).exit_code == 0
    header = [cell.value for cell in openpyxl.load_workbook(path)["Programme"][1]]
    assert header == ["parameter", "value", "Help"]


def test_french_template_keeps_the_french_programme_columns(tmp_path: Path) -> None:
    path = tmp_path / "vide.xlsx"
    assert runner.invoke(app, ["template", str(path)]).exit_code == 0
    header = [cell.value for cell in openpyxl.load_workbook(path)["Programme"][1]]
    assert header == ["Paramètre", "Valeur", "Aide"]
