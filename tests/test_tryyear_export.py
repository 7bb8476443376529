"""A year tried as a new coordinator would: edit annee.xlsx by hand, verify, export (SPEC §6, §7).

After `export`, only the people whose sessions changed get a message, in every cohort: an untouched
cohort sends nothing, a moved session is sent to its speaker and its cohort."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from helpers_workbooks import write_workbook
from test_year_cli import plannable_sheets, run, year_checked


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """The two-cohort test year (`Hiver`, `Printemps`) planned into `out/`."""
    folder = tmp_path_factory.mktemp("annee")
    workbook = write_workbook(folder / "annee.xlsx", plannable_sheets())
    result = run("plan", workbook, "--out", folder / "out", "--workers", 1)
    assert result.exit_code == 0, result.output
    return workbook, folder / "out"


def sent(folder: Path) -> list[str]:
    """The names in a cohort's messages/envoi.csv."""
    path = folder / "messages" / "envoi.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig") as handle:
        return [row["Nom"] for row in csv.DictReader(handle, delimiter=";")]


def test_exporting_an_unedited_year_sends_nobody_a_message(planned, tmp_path):
    workbook, out = planned
    copy = tmp_path / "copie"
    shutil.copytree(out, copy)
    result = run("export", workbook, copy / "annee.xlsx", "--out", tmp_path / "v2")
    assert result.exit_code == 0, result.output
    assert sent(out / "hiver") and sent(out / "printemps")  # plan: everybody is told
    assert sent(tmp_path / "v2" / "hiver") == [] and sent(tmp_path / "v2" / "printemps") == []


def test_exporting_a_session_moved_by_hand_tells_only_its_cohort(planned, tmp_path):
    workbook, out = planned
    copy = tmp_path / "copie"
    shutil.copytree(out, copy)
    _, timetables, _ = year_checked(workbook, copy / "annee.xlsx")
    target = next(s for s in timetables[0].sessions if s.offer_id)  # a winter session
    book = openpyxl.load_workbook(copy / "annee.xlsx")
    sheet = book["Année"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2)
               if r[0].value == "Hiver" and r[header.index("Séance")].value == target.session_id)
    moved = False
    for shift in (30, 60, 90, 120, -30, -60, -90, -120):  # a nearby start the checker accepts
        start, end = target.start + shift, target.end + shift
        row[header.index("Début")].value = dt.time(start // 60, start % 60)
        row[header.index("Fin")].value = dt.time(end // 60, end % 60)
        book.save(copy / "annee.xlsx")
        if run("verify", workbook, copy / "annee.xlsx").exit_code == 0:
            moved = True
            break
    assert moved, "no legal move found for the test"
    result = run("export", workbook, copy / "annee.xlsx", "--out", tmp_path / "v2")
    assert result.exit_code == 0, result.output
    assert f"Déplacée : {target.session_id}" in result.output and "Printemps : inchangée" in result.output
    assert "modifiée à la main dans annee.xlsx" in result.output
    assert target.speaker in sent(tmp_path / "v2" / "hiver")
    assert sent(tmp_path / "v2" / "printemps") == []
    assert "Changements" in openpyxl.load_workbook(tmp_path / "v2" / "hiver" / "planning.xlsx").sheetnames


def test_exporting_an_annee_xlsx_away_from_its_folder_warns_that_calendars_start_afresh(planned, tmp_path):
    workbook, out = planned
    alone = tmp_path / "seul"
    alone.mkdir()
    shutil.copy(out / "annee.xlsx", alone / "annee.xlsx")  # without the calendars' tracking beside it
    result = run("--lang", "en", "export", workbook, alone / "annee.xlsx", "--out", tmp_path / "v2")
    assert result.exit_code == 0, result.output
    assert "warning: no .calendriers.json beside annee.xlsx" in result.output
    beside = run("export", workbook, out / "annee.xlsx", "--out", tmp_path / "v3")
    assert beside.exit_code == 0 and "repartent de zéro" not in beside.output
