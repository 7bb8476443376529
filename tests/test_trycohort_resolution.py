"""The `Résolution` sheet says what `resolution.json` says, for a person: found by planning one cohort with
`--seed 3` and reading both (the sheet did not say which seed made the timetable)."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from trycohort_workbook import fill_cohort

runner = CliRunner()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return fill_cohort(tmp_path_factory.mktemp("cohorte") / "promo.xlsx")


@pytest.mark.parametrize(("lang", "seed_label", "workers_label", "sheet"), [
    ("fr", "Graine du calcul (--seed)", "Fils de calcul (--workers)", "Résolution"),
    ("en", "Solver seed (--seed)", "Solver workers (--workers)", "Solve")])
def test_the_sheet_names_the_seed_and_workers_of_the_run(workbook, tmp_path, lang, seed_label, workers_label,
                                                         sheet) -> None:
    out = tmp_path / "sortie"
    result = runner.invoke(app, ["plan", str(workbook), "--out", str(out), "--seed", "3", "--lang", lang])
    assert result.exit_code == 0, result.output
    figures = dict(row[:2] for row in openpyxl.load_workbook(out / "planning.xlsx")[sheet].iter_rows(
        min_row=2, values_only=True) if row[0])
    saved = json.loads((out / "resolution.json").read_text(encoding="utf-8"))
    assert saved["seed"] == 3 and figures[seed_label] == "3"
    assert figures[workers_label] == str(saved["workers"]) == "1"
