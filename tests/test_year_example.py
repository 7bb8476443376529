"""The year example (examples/annee-2027.xlsx) reads, plans, verifies and exports; its builder regenerates it."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from scheduler.solver.solve import SolveOptions
from scheduler.workbook.writing import save_workbook
from scheduler.workbook.year_reading import load_year
from scheduler.year_example import COHORTS, EXAMPLE_PATH, YEARLY_CAPS, year_workbook
from scheduler.app.year import plan_year
from scheduler.checker_year import year_violations

ROOT = Path(__file__).resolve().parent.parent
CYBER = "Cybersécurité"


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annee")
    return plan_year(ROOT / EXAMPLE_PATH, folder, SolveOptions(time_limit=10, workers=2)), folder


def test_the_builder_regenerates_the_example(tmp_path):
    save_workbook(year_workbook(), tmp_path / "annee.xlsx")
    assert load_year(tmp_path / "annee.xlsx") == load_year(ROOT / EXAMPLE_PATH)


def test_the_example_is_a_year_whose_caps_can_bind():
    year = load_year(ROOT / EXAMPLE_PATH)
    assert [c.name for c in year.cohorts] == [c.name for c in COHORTS]
    offered_cyber = [sum(o.count for o in p.offers if o.theme == CYBER) for p in year.problems]
    yearly_cyber = sum(YEARLY_CAPS[s.name] for s in year.speakers
                       if any(o.speaker == s.name and o.theme == CYBER for o in year.problems[0].offers))
    assert sum(offered_cyber) > yearly_cyber == 2 * len(year.cohorts)  # just enough for every cohort's minimum


def test_the_year_example_plans_verifies_and_exports(planned):
    plan, folder = planned
    timetables = tuple(c.timetable for c in plan.cohorts)
    assert year_violations(plan.year, timetables) == []
    for timetable, problem in zip(timetables, plan.year.problems):
        cyber = sum(1 for s in timetable.sessions if s.theme == CYBER and s.phase == 1)
        assert cyber >= problem.programme.min_sessions_per_theme
    sheet = openpyxl.load_workbook(folder / "annee.xlsx")["Année"]
    assert sheet.max_row - 1 == sum(len(t.sessions) for t in timetables)
    assert (folder / "novembre-2027-metz" / "planning.xlsx").exists()
    assert (folder / "intervenants" / "mathieu-perrin.ics").read_text().count("BEGIN:VEVENT") == 4
    assert plan.solved.status == "OPTIMAL" and plan.solved.placed == sum(c.placed for c in plan.cohorts)
