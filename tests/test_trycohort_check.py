"""`scheduler check` on a workbook filled in by hand, as a new coordinator fills it: every mistake said once,
located, in the person's language. Found by trying one cohort from the empty template."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
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


def _dated_window_with_weekday(tmp_path: Path, weekday: str) -> Path:
    from trycohort_workbook import fill_cohort

    path = fill_cohort(tmp_path / "promo.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Disponibilités"]
    assert sheet["B6"].value is not None  # Karim Benali, Friday 15/01/2027
    sheet["C6"] = weekday
    book.save(path)
    return path


def test_a_date_and_a_weekday_that_disagree_are_a_warning(tmp_path: Path) -> None:
    """Both given, the Date wins: when its weekday is another day, the coordinator hears of it (it was silent)."""
    path = _dated_window_with_weekday(tmp_path, "lundi")
    french = runner.invoke(app, ["check", str(path)])
    assert french.exit_code == 0, french.output
    assert ("feuille « Disponibilités », ligne 6, colonne « Jour » (valeur : lundi) : la date 15/01/2027 est un "
            "vendredi : c'est la colonne « Date » qui compte ; videz la colonne « Jour » ou corrigez l'un des deux"
            ) in " ".join(french.output.split()), french.output
    english = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert ("row 6, column 'Jour' (weekday) (value: lundi): the date 2027-01-15 is a Friday: column 'Date' is "
            "what counts; empty column 'Jour' (weekday) or correct one of them") in " ".join(english.output.split()), \
        english.output


def test_a_date_and_its_own_weekday_are_no_warning(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_dated_window_with_weekday(tmp_path, "vendredi"))])
    assert result.exit_code == 0 and "0 avertissement" in result.output, result.output


def test_an_extra_argument_is_a_french_usage_error() -> None:
    """`scheduler check classeur.xlsx autre` said 'Got unexpected extra argument(s) (autre)' in French."""
    result = runner.invoke(app, ["check", "classeur.xlsx", "autre"], prog_name="scheduler")
    flat = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2
    assert "Argument en trop : (autre)" in flat and "Got unexpected" not in flat, flat


@pytest.mark.parametrize(("sheet", "cell", "typed", "meant"), [
    ("Interventions", "D5", "Cybersécurtié", "Cybersécurité"),  # a typo in a theme
    ("Disponibilités", "A2", "Lea Dupond", "Léa Dupont"),  # a speaker's name misspelt
])
def test_an_unknown_name_close_to_a_known_one_suggests_it(tmp_path: Path, sheet, cell, typed, meant) -> None:
    from trycohort_workbook import fill_cohort

    path = fill_cohort(tmp_path / "promo.xlsx")
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = typed
    book.save(path)
    french = runner.invoke(app, ["check", str(path)])
    assert french.exit_code == 1 and f"corrigez l'orthographe (vouliez-vous dire « {meant} » ?)" in french.output, \
        french.output
    english = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert f"correct the spelling (did you mean '{meant}'?)" in english.output, english.output


def test_an_unknown_name_far_from_every_known_one_suggests_nothing(tmp_path: Path) -> None:
    from trycohort_workbook import fill_cohort

    path = fill_cohort(tmp_path / "promo.xlsx")
    book = openpyxl.load_workbook(path)
    book["Interventions"]["B7"] = "Paul Durand"
    book.save(path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1 and "vouliez-vous dire" not in result.output, result.output
