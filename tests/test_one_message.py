"""One mistake, one message (issue 15): the consequences of an error already reported are not reported again."""
from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from conftest import NANCY
from scheduler.cli import app

runner = CliRunner()


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("- ")]


def test_merged_header_cells_give_one_message_for_the_range(tmp_path):
    book = openpyxl.load_workbook(NANCY)
    book["Disponibilités"].merge_cells("B1:C1")
    book.save(tmp_path / "classeur.xlsx")
    result = runner.invoke(app, ["check", str(tmp_path / "classeur.xlsx")])
    assert result.exit_code == 1
    assert len(_errors(result.output)) == 1 and "B1:C1" in result.output and "fusionnées" in result.output


def test_a_wish_naming_an_unknown_project_is_one_error_without_an_empty_wish_warning(tmp_path):
    book = openpyxl.load_workbook(NANCY)
    sheet = book["Participants"]
    sheet.cell(2, 3).value = "P99"
    book.save(tmp_path / "classeur.xlsx")
    result = runner.invoke(app, ["check", str(tmp_path / "classeur.xlsx")])
    assert result.exit_code == 1 and len(_errors(result.output)) == 1 and "P99" in result.output
    assert "vœu précédent" not in result.output


def test_an_empty_wish_before_a_filled_one_is_still_a_warning(tmp_path):
    book = openpyxl.load_workbook(NANCY)
    sheet = book["Participants"]
    sheet.cell(2, 3).value = None
    book.save(tmp_path / "classeur.xlsx")
    result = runner.invoke(app, ["check", str(tmp_path / "classeur.xlsx")])
    assert result.exit_code == 0 and "vœu précédent est vide" in result.output
