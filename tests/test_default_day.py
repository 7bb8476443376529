"""The default day holds the programme's longest sessions (4 hours): afternoon 13:30–17:30."""
from __future__ import annotations

import copy
from pathlib import Path

from typer.testing import CliRunner

from helpers_workbooks import write_workbook
from scheduler.cli import app
from scheduler.core.domain import Programme
from scheduler.workbook.reading import load
from test_check import CLEAN
from tiny import H, MONDAY, offer, on, plan, problem

runner = CliRunner()


def test_default_afternoon_is_thirteen_thirty_to_seventeen_thirty() -> None:
    assert Programme("P", MONDAY).afternoon == (13 * H + 30, 17 * H + 30)


def test_a_four_hour_offer_is_planned_with_the_default_day() -> None:
    four_hours = offer("I4", "Léa", minutes=4 * H)
    result = plan(problem([four_hours], [on("Léa", start=13 * H + 30, end=17 * H + 30)]))
    [session] = [s for s in result.timetable.sessions if s.offer_id == "I4"]
    assert (session.start, session.end) == (13 * H + 30, 17 * H + 30)


def test_a_four_hour_offer_read_from_a_workbook_without_hours_is_accepted(tmp_path: Path) -> None:
    sheets = copy.deepcopy(CLEAN)
    sheets["Interventions"][1][5] = 4
    loaded = load(write_workbook(tmp_path / "four.xlsx", sheets))
    assert loaded.programme.afternoon == (13 * H + 30, 17 * H + 30)
    assert next(o for o in loaded.offers if o.id == "I1").duration_minutes == 4 * H


def test_an_offer_longer_than_every_half_day_is_reported_at_its_row(tmp_path: Path) -> None:
    sheets = copy.deepcopy(CLEAN)
    sheets["Programme"] += [["Matin", "09:00-12:00"], ["Après-midi", "14:00-17:00"]]
    sheets["Interventions"][1][5] = 4
    result = runner.invoke(app, ["check", str(write_workbook(tmp_path / "long.xlsx", sheets))])
    assert result.exit_code != 0
    assert "Interventions" in result.output and "ligne 2" in result.output
    assert "demi-journée" in result.output
