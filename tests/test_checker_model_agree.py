"""A timetable the independent checker accepts is also accepted by the model (issue 10, part 7c):
fix exactly its sessions' candidates (those to 1, every other start to 0), solve, expect feasible.
On hand-written tiny timetables and on the Nancy plan read back from Excel."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from scheduler.checker import violations
from scheduler.core.domain import Problem, Timetable
from scheduler.solver.solve import build_model
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load
from test_checker import BASE, PROBLEM

NANCY = Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx"


def model_accepts(problem: Problem, timetable: Timetable) -> tuple[bool, list[str]]:
    """Whether the model with every hard rule has a solution choosing exactly the timetable's sessions;
    the sessions with no legal start are returned too."""
    pm = build_model(problem)
    wanted = {(s.offer_id, s.day, s.start) for s in timetable.sessions if not s.is_event}
    found = set()
    for placement in pm.placements:
        key = (placement.offer.id, placement.candidate.day, placement.candidate.start)
        pm.model.Add(placement.chosen == (1 if key in wanted else 0))
        if key in wanted:
            found.add(key)
    missing = sorted(f"{offer_id}@{day}T{start}" for offer_id, day, start in wanted - found)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    status = solver.Solve(pm.model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not missing, missing


def test_the_hand_written_timetable_is_accepted_by_both():
    assert violations(PROBLEM, BASE) == []
    accepted, missing = model_accepts(PROBLEM, BASE)
    assert missing == [] and accepted


def test_a_timetable_the_checker_refuses_for_a_model_rule_is_refused_by_the_model_too():
    """The control: the same fixing makes the model infeasible when a model rule is broken."""
    twice = dataclasses.replace(BASE, sessions=tuple(
        dataclasses.replace(s, day=BASE.sessions[1].day, start=s.start, end=s.end, week=1, phase=1)
        if s.session_id == "A1-2" else s for s in BASE.sessions))  # A1 twice in week 1, at the same time as A1-1
    assert {v.rule for v in violations(PROBLEM, twice)} >= {"offer_weeks", "audience_overlap"}
    assert model_accepts(PROBLEM, twice)[0] is False


OPTIONAL = [s.session_id for s in BASE.sessions if not s.is_event and not PROBLEM.offer(s.offer_id).required]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(OPTIONAL)))
def test_whatever_the_checker_accepts_the_model_accepts(dropped):
    timetable = dataclasses.replace(BASE, sessions=tuple(s for s in BASE.sessions if s.session_id not in dropped))
    if violations(PROBLEM, timetable) == []:
        assert model_accepts(PROBLEM, timetable) == (True, [])
    else:  # the checker refuses (a theme short, a mentoring missing...): so does the model for its own rules
        assert {v.rule for v in violations(PROBLEM, timetable)} <= {"theme_minimum", "required_offer"}
        assert model_accepts(PROBLEM, timetable)[0] is False


def test_the_nancy_plan_read_back_from_excel_is_accepted_by_the_model(nancy_plan):
    problem = load(NANCY)
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    assert violations(problem, timetable) == []
    accepted, missing = model_accepts(problem, timetable)
    assert missing == [] and accepted
