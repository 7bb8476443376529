"""`verify` after hand edits of DIR/planning.xlsx, on a cohort filled in the template: each violation said
once, readable, in the person's language."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from trycohort_workbook import edit_planning, plan_cohort

runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path]:
    out = plan_cohort(tmp_path_factory.mktemp("cohorte"))
    return out.parent / "promo.xlsx", out / "planning.xlsx"


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


def test_the_sessions_of_a_violation_are_listed_in_the_order_of_their_rows(planned, tmp_path) -> None:
    """Moved by hand into another session's afternoon: 'lignes 5, 6 (W1-1, D2-1)', each ID under its row (it
    said 'lignes 5, 6 (D2-1, W1-1)', the order of the sentence, which reads as if row 5 were D2-1)."""
    workbook, planning = planned
    book = openpyxl.load_workbook(planning)
    sheet = book["Planning"]
    header = {cell.value: cell.column for cell in sheet[1]}
    row_of = {sheet.cell(number, 1).value: number for number in range(2, sheet.max_row + 1)}
    target = row_of["D2-1"]  # Wednesday 13:30-17:30, Karim Benali
    sheet.cell(row_of["W1-1"], header["Date"]).value = sheet.cell(target, header["Date"]).value
    sheet.cell(row_of["W1-1"], header["Début"]).value = dt.time(14, 0)  # starts after D2-1, on an earlier row
    sheet.cell(row_of["W1-1"], header["Fin"]).value = dt.time(16, 0)
    edited = tmp_path / "planning.xlsx"
    book.save(edited)
    result = runner.invoke(app, ["verify", str(workbook), str(edited)])
    assert result.exit_code == 4, result.output
    first, second = sorted(("W1-1", "D2-1"), key=row_of.get)
    rows = ", ".join(str(row_of[s]) for s in (first, second))
    assert f"Planning lignes {rows} ({first}, {second})" in result.output, result.output


def test_a_session_ending_before_it_starts_has_its_true_negative_length(planned, tmp_path) -> None:
    """10:30 to 10:00 lasts minus half an hour (it said '-1h30')."""
    workbook, planning = planned
    sheet = openpyxl.load_workbook(planning)["Planning"]
    header = [cell.value for cell in sheet[1]]
    start = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "W1-1")[header.index("Début")]
    edit_planning(planning, {("W1-1", "Fin"): (dt.datetime.combine(dt.date.today(), start)
                                               - dt.timedelta(minutes=30)).time()}, tmp_path / "planning.xlsx")
    result = runner.invoke(app, ["verify", str(workbook), str(tmp_path / "planning.xlsx")])
    assert result.exit_code == 4, result.output
    assert "la séance dure -0h30 alors que l'intervention W1 dure 2h" in result.output, result.output


def test_export_of_an_unchanged_timetable_says_nothing_changed(planned, tmp_path) -> None:
    """It printed '0 changement pour les calendriers :', a colon followed by nothing."""
    workbook, planning = planned
    french = runner.invoke(app, ["export", str(workbook), str(planning), "--out", str(tmp_path / "fr")])
    assert french.exit_code == 0, french.output
    assert "Aucun changement pour les calendriers." in french.output and "0 changement" not in french.output
    english = runner.invoke(app, ["export", str(workbook), str(planning), "--out", str(tmp_path / "en"),
                                  "--lang", "en"])
    assert english.exit_code == 0 and "No change for the calendars." in english.output, english.output


@pytest.mark.parametrize("written", ["Visit", "visite", "VISITE"])
def test_a_format_typed_in_english_in_the_planning_is_the_same_format(planned, tmp_path, written) -> None:
    """The English exports and workbook write 'Visit'; typed in the Planning sheet it is no violation (it was
    "column 'format' says 'Visit' where 'Visite' is expected")."""
    workbook, planning = planned
    edit_planning(planning, {("D1-1", "Format"): written}, tmp_path / "planning.xlsx")
    result = runner.invoke(app, ["verify", str(workbook), str(tmp_path / "planning.xlsx"), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_another_format_is_still_a_violation(planned, tmp_path) -> None:
    workbook, planning = planned
    edit_planning(planning, {("D1-1", "Format"): "Workshop"}, tmp_path / "planning.xlsx")
    result = runner.invoke(app, ["verify", str(workbook), str(tmp_path / "planning.xlsx"), "--lang", "en"])
    assert result.exit_code == 4 and "column 'format' says 'Workshop' where 'Visit' is expected" in result.output, \
        result.output  # the formats in English, as the English exports write them (it said 'Atelier' … 'Visite')
    french = runner.invoke(app, ["verify", str(workbook), str(tmp_path / "planning.xlsx")])
    assert "la colonne « Format » indique « Atelier » alors qu'il faut « Visite »" in french.output, french.output
