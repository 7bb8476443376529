"""Property tests: whatever instance we throw at the planner, either it explains why no
timetable exists, or the independent checker finds nothing in the timetable it makes; on instances
built around a planted timetable, the planner places at least as many sessions as were planted; and
the model's programme calendar and the checker's own agree on working days and weeks."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scheduler.checker import Calendar as CheckerCalendar
from scheduler.checker import violations
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (ASSOCIATION, COACHING, COHORT, COMPANY, CONFERENCE, LOCAL_AUTHORITY, MENTORING,
                              TRAINING_BODY, VISIT, WORKSHOP, Closure, FixedEvent, Offer, Organisation, Problem,
                              Programme, Project, Speaker, Theme, Window)
from scheduler.core.errors import NoTimetable
from scheduler.solver.solve import SolveOptions, solve
from scheduler.soft_rules import DEFAULT_WEIGHTS
from scheduler.synthetic import generate, generate_with_plan

START = dt.date(2026, 11, 2)
HALF_HOURS = list(range(9 * 60, 17 * 60 + 1, 30))


@st.composite
def windows(draw, speaker: str) -> Window:
    start = draw(st.sampled_from(HALF_HOURS[:-2]))
    end = draw(st.sampled_from([h for h in HALF_HOURS if h > start]))
    if draw(st.booleans()):
        day = START + dt.timedelta(days=draw(st.integers(0, 5 * 7)))
        return Window(speaker, date=day, start=start, end=end, preferred=draw(st.booleans()))
    first = START + dt.timedelta(days=draw(st.integers(0, 20)))
    return Window(speaker, weekday=draw(st.integers(0, 4)), start=start, end=end, first=first,
                  last=first + dt.timedelta(days=draw(st.integers(0, 30))), preferred=draw(st.booleans()))


@st.composite
def problems(draw) -> Problem:
    programme = Programme("Propriété", START, weeks=5, phase1_weeks=3,
                          max_minutes_per_day=draw(st.sampled_from([180, 240, 360])),
                          min_sessions_per_theme=draw(st.integers(0, 1)),
                          max_sessions_per_organisation=draw(st.integers(1, 3)))
    themes = (Theme("Data"), Theme("Web"))
    kinds = [COMPANY, LOCAL_AUTHORITY, ASSOCIATION, TRAINING_BODY]
    organisations = tuple(Organisation(f"Org{i}", kinds[i % 4]) for i in range(3))
    speakers = tuple(Speaker(f"S{i}", f"Org{draw(st.integers(0, 2))}",
                             max_sessions=draw(st.one_of(st.none(), st.integers(1, 3)))) for i in range(4))
    projects = (Project("P1", "Un", "Org0"), Project("P2", "Deux", "Org1"))
    offers = []
    for index in range(draw(st.integers(1, 7))):
        fmt = draw(st.sampled_from([CONFERENCE, WORKSHOP, VISIT, MENTORING, COACHING]))
        project = draw(st.sampled_from(["P1", "P2"])) if fmt == MENTORING else ""
        phase = {MENTORING: 2, COACHING: None}.get(fmt, 1)
        offers.append(Offer(f"I{index}", f"S{draw(st.integers(0, 3))}", f"Titre {index}",
                            draw(st.sampled_from(["Data", "Web"])), fmt, draw(st.sampled_from([60, 90, 120, 180])),
                            phase=phase, count=draw(st.integers(1, 3)), required=draw(st.booleans()) and index == 0,
                            project=project))
    speaker_windows = tuple(w for s in speakers for w in draw(st.lists(windows(s.name), min_size=0, max_size=3)))
    events = []
    if draw(st.booleans()):
        events.append(FixedEvent("Bilan", 16 * 60, 17 * 60, weekday=4))
    if draw(st.booleans()):
        events.append(FixedEvent("Point groupe", 14 * 60, 15 * 60, weekday=draw(st.integers(0, 4)),
                                 audience=draw(st.sampled_from([COHORT, "P1"]))))
    closures = (Closure(START + dt.timedelta(days=14), START + dt.timedelta(days=18)),) if draw(st.booleans()) else ()
    return Problem(programme, themes, organisations, speakers, tuple(offers), speaker_windows, closures,
                   tuple(events), projects)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_random_tiny_instances_are_planned_legally_or_explained(problem):
    try:
        result = solve(problem, SolveOptions(time_limit=5, workers=1))
    except NoTimetable as impossible:
        assert impossible.reasons and all(r.fr and r.en for r in impossible.reasons)
        return
    assert violations(problem, result.timetable) == []
    assert result.placed <= sum(o.count for o in problem.offers)
    assert result.placed + sum(u.missing for u in result.timetable.unplaced) == sum(o.count for o in problem.offers)


@pytest.mark.parametrize("seed, scale", [(0, 0.5), (1, 1.0), (7, 1.0)])
def test_generated_cohorts_are_planned_legally(seed, scale):
    problem = generate(seed=seed, scale=scale)
    result = solve(problem, SolveOptions(time_limit=10, workers=2))
    assert violations(problem, result.timetable) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), scale=st.sampled_from([0.15, 0.2, 0.3]), participants=st.integers(0, 8),
       weeks=st.sampled_from([(4, 2), (6, 3), (8, 4)]),
       start=st.sampled_from([dt.date(2026, 11, 2), dt.date(2026, 12, 14), dt.date(2027, 4, 26)]))
def test_planted_instances_are_planned_at_least_as_well_as_the_plant(seed, scale, participants, weeks, start):
    """Every generated instance is feasible by construction (its planted timetable obeys every hard rule):
    the plan must exist, hold at least the planted sessions, and pass the independent checker."""
    try:
        problem, planted = generate_with_plan(seed=seed, scale=scale, start=start, participants=participants,
                                              weeks=weeks[0], phase1_weeks=weeks[1])
    except RuntimeError:  # the generator could not plant the theme minimums: no instance to test
        assume(False)
    assert violations(problem, planted) == []  # the plant itself is a legal timetable
    planted_count = sum(1 for s in planted.sessions if not s.is_event)
    # The soft rules are switched off: this test is about the placed count and the hard rules.
    problem = replace(problem, weights=tuple((label, 0) for label in DEFAULT_WEIGHTS))
    result = solve(problem, SolveOptions(time_limit=10, workers=1, first_stage_share=1.0))  # stops once proven
    assert result.placed >= planted_count
    assert violations(problem, result.timetable) == []


@st.composite
def programmes(draw) -> tuple[Programme, tuple[Closure, ...]]:
    """A programme with random weekdays, public holidays and closures, some of them very long."""
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3 * 365)))
    weeks = draw(st.integers(1, 14))
    programme = Programme("Calendrier", start, weeks=weeks, phase1_weeks=draw(st.integers(0, weeks)),
                          holidays=draw(st.sampled_from(["FR", "FR-57", "aucun"])),
                          weekdays=tuple(sorted(draw(st.sets(st.integers(0, 5), min_size=1, max_size=6)))))
    closures = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + dt.timedelta(days=draw(st.integers(-10, 20 * 7)))
        length = draw(st.one_of(st.integers(0, 20), st.integers(50 * 7, 90 * 7)))  # a few days, or over a year
        closures.append(Closure(first, first + dt.timedelta(days=length)))
    return programme, tuple(closures)


@settings(max_examples=150, deadline=None)
@given(programmes())
def test_the_model_and_checker_calendars_agree(programme_and_closures):
    programme, closures = programme_and_closures
    model_calendar = ProgrammeCalendar(programme, closures)
    checker_calendar = CheckerCalendar(Problem(programme, closures=closures))
    assert model_calendar.weeks == checker_calendar.weeks
    assert model_calendar.week_of == checker_calendar.week_of
    for day in model_calendar.week_of:
        assert model_calendar.phase_of_day(day) == checker_calendar.phase_of_day(day)


def test_a_closure_over_sixty_weeks_does_not_shorten_the_programme():
    """SPEC §1 `Semaines`: the weeks without a working day do not count and the programme runs on."""
    start = dt.date(2026, 11, 2)
    closure = Closure(start + dt.timedelta(weeks=2), start + dt.timedelta(weeks=64, days=-3))  # 62 weeks closed
    programme = Programme("Long", start, weeks=12, phase1_weeks=6)
    model_calendar = ProgrammeCalendar(programme, (closure,))
    assert len(model_calendar.weeks) == 12
    assert len(CheckerCalendar(Problem(programme, closures=(closure,))).weeks) == 12


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), scale=st.sampled_from([0.15, 0.3]), weeks=st.sampled_from([(4, 2), (6, 3)]))
def test_a_timetable_the_checker_accepts_is_accepted_by_the_model(seed, scale, weeks):
    """The planted timetable obeys every hard rule (the checker says so): with each of its sessions fixed at
    its place, the model must still be feasible, so the model forbids nothing the rules allow."""
    from ortools.sat.python import cp_model

    from scheduler.core.instance import prepare
    from scheduler.solver.solve import build_model

    try:
        problem, planted = generate_with_plan(seed=seed, scale=scale, participants=4, weeks=weeks[0],
                                              phase1_weeks=weeks[1])
    except RuntimeError:  # the generator could not plant the theme minimums: no instance to test
        assume(False)
    assert violations(problem, planted) == []
    instance = prepare(problem)
    pm = build_model(problem, instance)
    at = {(p.offer.id, p.candidate.day, p.candidate.start, p.candidate.end): p.chosen for p in pm.placements}
    for session in (s for s in planted.sessions if not s.is_event):
        key = (session.offer_id, session.day, session.start, session.end)
        assert key in at, f"planted session {session.session_id} is not a legal start of the model"
        pm.model.Add(at[key] == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 20
    assert solver.Solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
