"""The prepared instance (built once per run), the lexicographic solver, the typed solve figures and
the application layer's typed results."""
from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from scheduler.app.check import check
from scheduler.app.errors import FileRefused
from scheduler.app.verify import verify
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import all_candidates, event_occurrences
from scheduler.core.domain import SolveFigures
from scheduler.core.instance import prepare
from scheduler.solver.lexicographic import Stage, solve_stages
from scheduler.solver.model import PlanningModel
from scheduler.solver.solve import SolveOptions, build_model
from helpers_workbooks import valid_sheets, write_workbook
from tiny import MONDAY, H, offer, on, plan, problem

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
TUESDAY = MONDAY + dt.timedelta(days=1)


def two_speakers():
    return problem([offer("A1", "Ana"), offer("B1", "Bob", minutes=H)],
                   [on("Ana"), on("Ana", TUESDAY), on("Bob", TUESDAY, 14 * H, 17 * H)])


def test_the_instance_holds_every_legal_start_once_with_consistent_indexes():
    p = two_speakers()
    instance = prepare(p)
    calendar = ProgrammeCalendar(p.programme, p.closures)
    assert instance.candidates == all_candidates(p, calendar, event_occurrences(p, calendar))
    every = instance.all_candidates()
    assert len(every) == instance.candidate_count > 0
    for index in (instance.by_day, instance.by_week, instance.by_speaker):
        assert sorted(map(id, (c for group in index.values() for c in group))) == sorted(map(id, every))
    assert {c.day for c in instance.by_speaker["Bob"]} == {TUESDAY}
    assert all(c.start >= 14 * H for c in instance.by_speaker["Bob"])
    first = instance.candidates["B1"][0]
    assert instance.candidate_at[(first.offer_id, first.day, first.start, first.end)] is first
    assert instance.in_a_window(p.offer("B1"), TUESDAY, 14 * H, 15 * H)
    assert not instance.in_a_window(p.offer("B1"), MONDAY, 14 * H, 15 * H)


def test_one_instance_feeds_the_model_and_two_cohorts_share_one_cp_model():
    instance = prepare(two_speakers())
    pm = build_model(instance.problem, instance)
    assert pm.instance is instance and pm.candidates is instance.candidates
    assert len(pm.placements) == instance.candidate_count
    shared = cp_model.CpModel()
    first = PlanningModel.of(instance, shared, "c1:")
    second = PlanningModel.of(instance, shared, "c2:")
    names = [p.chosen.Name() for p in first.placements + second.placements]
    assert len(set(names)) == len(names) == 2 * instance.candidate_count
    assert all(name.startswith("c1:") for name in names[:instance.candidate_count])


def test_each_stage_holds_what_the_stage_before_reached():
    """Two stages on one Boolean pair: maximise a + b, then minimise a; the first stage's 2 is held."""
    pm = build_model(two_speakers())
    a, b = pm.placements[0].chosen, pm.placements[-1].chosen
    options = SolveOptions(time_limit=5, workers=1)
    staged = solve_stages(pm, [Stage("both", a + b, "max"), Stage("fewer", a, "min")], options, time.monotonic())
    assert [o.name for o in staged.outcomes] == ["both", "fewer"]
    assert staged.first.value == 2 and staged.outcomes[1].value == 1  # a cannot drop to 0: a + b = 2 is held
    assert staged.value(a + b) == 2


def test_a_stage_whose_objective_is_a_constant_is_skipped():
    pm = build_model(two_speakers())
    staged = solve_stages(pm, [Stage("placed", sum(p.chosen for p in pm.placements), "max"),
                               Stage("nothing", lambda: 0, "min")], SolveOptions(time_limit=5, workers=1),
                          time.monotonic())
    assert staged.outcomes[1].seconds == 0 and not staged.outcomes[1].found
    assert staged.first.found and staged.first.value == 2


def test_solve_figures_are_typed_and_give_the_same_rows():
    result = plan(two_speakers())
    figures = result.timetable.figures
    assert isinstance(figures, SolveFigures)
    assert (figures.placed, figures.placed_bound, figures.status) == (2, 2, "OPTIMAL")
    assert [name for name, _ in figures.stage_seconds] == ["placed", "soft"]
    assert figures.candidates == result.candidates and figures.workers == 1
    rows = dict(figures)
    assert rows["placed"] == "2" and rows["status"] == "OPTIMAL" and rows["penalty"] == str(result.penalty)
    assert all(f"soft:{label}" in rows for label in result.soft_scores)


def test_replan_figures_name_the_previous_and_kept_counts():
    figures = SolveFigures(status="OPTIMAL", previous=5, kept=4, placed=6, candidates=10, seconds=1.5)
    assert [label for label, _ in figures] == ["status", "previous", "kept", "placed", "candidates", "seconds"]


def test_check_use_case_returns_the_problem_and_its_warnings():
    checked = check(NANCY)
    assert checked.problem.offers and checked.problem.speakers
    assert all(hasattr(w, "render") or isinstance(w, str) for w in checked.warnings)


def test_use_cases_refuse_a_broken_workbook_naming_the_file(tmp_path):
    sheets = valid_sheets()
    sheets["Programme"] = [row for row in sheets["Programme"] if row[0] != "Début"]
    broken = write_workbook(tmp_path / "broken.xlsx", sheets)
    with pytest.raises(FileRefused) as refused:
        check(broken)
    assert refused.value.path == broken and refused.value.invalid.errors


def test_verify_use_case_lists_violations_of_a_hand_edited_planning(nancy_plan, tmp_path):
    from openpyxl import load_workbook

    planning = tmp_path / "planning.xlsx"
    shutil.copy(nancy_plan / "planning.xlsx", planning)
    assert verify(NANCY, planning).violations == ()
    workbook = load_workbook(planning)
    sheet = workbook["Planning"]
    rows = [r for r in sheet.iter_rows(min_row=2) if r[1].value]  # sessions of offers
    rows[1][2].value, rows[1][3].value, rows[1][4].value = rows[0][2].value, rows[0][3].value, rows[0][4].value
    workbook.save(planning)
    verified = verify(NANCY, planning)
    assert verified.violations
    assert rows[1][0].value in {s for v in verified.violations for s in v.session_ids}
