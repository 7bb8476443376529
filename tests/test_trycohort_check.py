"""`scheduler check` on a workbook filled in by hand, as a new coordinator fills it: every mistake said once,
located, in the person's language. Found by trying one cohort from the empty template."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from scheduler.cli import app

runner = CliRunner()
NANCY = Path(__file__).resolve().parent.parent / "examples" / "nancy-novembre-2026.xlsx"


def _merged(tmp_path: Path) -> Path:
    book = openpyxl.load_workbook(NANCY)
    book["Disponibilités"].merge_cells("A5:A6")
    book.save(tmp_path / "classeur.xlsx")
    return tmp_path / "classeur.xlsx"


def test_merged_cells_are_named_as_cells_not_as_a_value(tmp_path: Path) -> None:
    path = _merged(tmp_path)
    french = runner.invoke(app, ["check", str(path)])
    assert french.exit_code == 1
    assert "ligne 5, colonne « Intervenant » : cellules fusionnées A5:A6 : défusionnez-les" in french.output
    assert "valeur : A5:A6" not in french.output
    english = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert english.exit_code == 1
    assert "row 5, column 'Intervenant' (speaker): merged cells A5:A6: unmerge them" in english.output


def test_plan_into_a_planned_folder_gives_a_replan_command_that_can_be_typed(tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    (out).mkdir()
    (out / "planning.xlsx").write_bytes(b"a plan people may have imported")
    refused = runner.invoke(app, ["plan", str(NANCY), "--out", str(out)])
    assert refused.exit_code == 2
    command = f"scheduler replan {NANCY} --previous {out / 'planning.xlsx'} --out {out}-v2"
    assert command in " ".join(refused.output.split()), refused.output
    assert "…" not in refused.output
    english = runner.invoke(app, ["plan", str(NANCY), "--out", str(out), "--lang", "en"])
    assert english.exit_code == 2 and command in " ".join(english.output.split()), english.output
