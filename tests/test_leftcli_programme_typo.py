"""An unknown key in the `Programme` sheet gets a 'did you mean' suggestion, as unknown names elsewhere do
(one function: `Names.closest` of scheduler/workbook/context.py), in French and with --lang en."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.cli import app
from scheduler.workbook.template import write_template

runner = CliRunner()


def lines(*args: str) -> list[str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def warning_of(said: list[str], value: str) -> str:
    return next(line for line in said if f"{value})" in line)


@pytest.fixture()
def typos(tmp_path) -> Path:
    sheets = valid_sheets()
    sheets["Programme"] += [["Semainess", 3], ["Jour ferié", "FR"], ["Couleur du ciel", "bleu"]]
    return write_workbook(tmp_path / "promo.xlsx", sheets)


def test_a_misspelt_setting_is_told_the_setting_it_resembles(typos) -> None:
    said = lines("check", str(typos))
    assert "paramètre inconnu, ignoré (vouliez-vous dire « Semaines » ?)" in warning_of(said, "Semainess")
    assert "(vouliez-vous dire « Jours fériés » ?)" in warning_of(said, "Jour ferié")
    assert "vouliez-vous dire" not in warning_of(said, "Couleur du ciel")  # nothing close: no guess
    english = lines("check", str(typos), "--lang", "en")
    assert "unknown setting, ignored (did you mean 'Semaines'?)" in warning_of(english, "Semainess")
    assert "did you mean" not in warning_of(english, "Couleur du ciel")


def test_in_an_english_workbook_the_suggestion_is_the_english_spelling(tmp_path) -> None:
    import openpyxl

    path = tmp_path / "cohort.xlsx"
    write_template(path, lang="en")
    book = openpyxl.load_workbook(path)
    book.worksheets[[ws.title for ws in book.worksheets].index("Programme")].append(["weeeks", 12])
    book.save(path)
    result = runner.invoke(app, ["check", str(path), "--lang", "en"])  # the empty template's errors aside
    assert "(did you mean 'weeks'?)" in warning_of(result.output.splitlines(), "weeeks")
