"""Property tests: whatever instance we throw at the planner, either it explains why no
timetable exists, or the independent checker finds nothing in the timetable it makes."""
from __future__ import annotations

import datetime as dt

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.checker import violations
from scheduler.core.domain import (ASSOCIATION, COACHING, COHORT, COMPANY, CONFERENCE, LOCAL_AUTHORITY, MENTORING,
                              TRAINING_BODY, VISIT, WORKSHOP, Closure, FixedEvent, Offer, Organisation, Problem,
                              Programme, Project, Speaker, Theme, Window)
from scheduler.core.errors import NoTimetable
from scheduler.solver.solve import SolveOptions, solve
from scheduler.synthetic import generate

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
