"""A session moved by hand (in planning.xlsx) to a time its speaker never had, then `replan`: the reason says
what is true ('n'est pas disponible à ce créneau (séance déplacée à la main)'), not that the speaker
is 'no longer' available; a session still where it was published, whose speaker withdrew, is 'no longer'."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from trycohort_workbook import plan_cohort

runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path]:
    out = plan_cohort(tmp_path_factory.mktemp("cohorte"))
    return out.parent / "promo.xlsx", out / "planning.xlsx"


def moved_by_hand(planning: Path, folder: Path, session: str, day: dt.date) -> Path:
    """A copy of the output folder where `session` was moved by hand to `day` (same hours)."""
    shutil.copytree(planning.parent, folder)
    book = openpyxl.load_workbook(folder / "planning.xlsx")
    sheet = book["Planning"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == session:
            row[2].value = dt.datetime.combine(day, dt.time())
    book.save(folder / "planning.xlsx")
    return folder / "planning.xlsx"


def marc_on_fridays(workbook: Path, path: Path) -> Path:
    book = openpyxl.load_workbook(workbook)
    for row in book["Disponibilités"].iter_rows(min_row=2):
        if row[0].value == "Marc Petit":
            row[2].value = "vendredi"
    book.save(path)
    return path


def line_of(output: str, session: str) -> str:
    return next(line for line in output.splitlines() if session in line)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_session_moved_by_hand_where_its_speaker_never_was_is_not_said_no_longer(planned, tmp_path, lang) -> None:
    workbook, planning = planned
    # C1 (Marc Petit, Thursday mornings only) moved by hand from Thursday 4 February 2027 to Monday 1 February
    edited = moved_by_hand(planning, tmp_path / "sortie", "C1-1", dt.date(2027, 2, 1))
    result = runner.invoke(app, ["replan", str(workbook), "--previous", str(edited), "--out", str(tmp_path / "v2"),
                                 "--lang", lang])
    assert result.exit_code == 0, result.output
    said = line_of(result.output, "C1-1")
    if lang == "fr":
        assert "Marc Petit n'est pas disponible à ce créneau (séance déplacée à la main)" in said, said
        assert "plus disponible" not in result.output
    else:
        assert "Marc Petit is not available at that time (session moved by hand)" in said, said
        assert "no longer" not in result.output


def test_a_session_where_it_was_published_whose_speaker_withdrew_is_no_longer_available(planned, tmp_path) -> None:
    workbook, planning = planned
    fridays = marc_on_fridays(workbook, tmp_path / "vendredis.xlsx")
    result = runner.invoke(app, ["replan", str(fridays), "--previous", str(planning), "--out", str(tmp_path / "v2")])
    assert result.exit_code == 0, result.output
    assert "Marc Petit n'est plus disponible à ce créneau" in line_of(result.output, "C1-1")
    assert "à la main" not in result.output
