"""Control twins (issue 10, part 7b): for every hard rule the model enforces, a tiny instance where the
rule binds (a session is left out, or no timetable exists) and its twin where it does not (placed).

"Binds" is checked twice: the real `plan` places fewer (or refuses), and the same model WITHOUT that
one rule places more, so it is that rule, not another, that leaves the session out. The checker
finds nothing in every timetable (`tiny.plan` asserts it)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from ortools.sat.python import cp_model

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import all_candidates, event_occurrences
from scheduler.core.domain import MENTORING, VISIT, FixedEvent, Problem, Project, Speaker, Window
from scheduler.core.errors import NoTimetable
from scheduler.rules.registry import MODEL_RULES
from scheduler.solver.model import PlanningModel
from scheduler.solver.solve import SolveOptions, solve
from tiny import H, MONDAY, offer, on, plan, problem

TUESDAY = MONDAY + dt.timedelta(days=1)
WEEK3 = MONDAY + dt.timedelta(weeks=2)  # phase 2


def most_placed(p: Problem, without: str | None = None) -> int | None:
    """The most sessions any timetable obeying every model rule but `without` places (None: none exists)."""
    calendar = ProgrammeCalendar(p.programme, p.closures)
    events = event_occurrences(p, calendar)
    pm = PlanningModel(p, calendar, all_candidates(p, calendar, events), events)
    for label, rule in MODEL_RULES.items():
        if label != without:
            rule.constrain(pm)
    pm.model.Maximize(sum(x.chosen for x in pm.placements))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.Solve(pm.model)
    return round(solver.ObjectiveValue()) if status == cp_model.OPTIMAL else None


@dataclass(frozen=True)
class Twins:
    binds: Problem
    placed_when_binding: int | None  # None: no timetable at all
    free: Problem
    placed_when_free: int
    left_out: str | None = None  # an offer the binding instance leaves out


def _mentoring(*windows: Window, speaker_two: str = "S1") -> Problem:
    projects = (Project("P1", "Un", "Org S1"), Project("P2", "Deux", "Org " + speaker_two))
    offers = [offer("M1", "S1", fmt=MENTORING, project="P1"), offer("M2", speaker_two, fmt=MENTORING, project="P2")]
    return problem(offers, list(windows), projects=projects)


def _required(afternoon: bool) -> Problem:
    start, end = (13 * H + 30, 17 * H) if afternoon else (9 * H, 12 * H + 30)
    offers = [offer("R1", "S1", minutes=3 * H, required=True), offer("O1", "S2", minutes=H),
              offer("O2", "S3", minutes=H)]
    windows = [on("S1"), on("S2", start=start, end=start + H), on("S3", start=end - H - 30, end=end - 30)]
    return problem(offers, windows)


def _theme(phase_one: bool) -> Problem:
    offers = [offer("I1", "S1"), offer("I2", "S2", theme="B", phase=1 if phase_one else 2)]
    return problem(offers, [on("S1"), on("S2", TUESDAY if phase_one else WEEK3)], themes=("A", "B"),
                   min_sessions_per_theme=1)


def _daily(limit: int) -> Problem:
    events = [FixedEvent("Accueil", 9 * H, 10 * H, date=MONDAY)]
    return problem([offer("I1", "S1"), offer("I2", "S2")], [on("S1", start=10 * H, end=17 * H),
                                                             on("S2", start=10 * H, end=17 * H)],
                   events=events, max_minutes_per_day=limit)


def _organisation(cap: int) -> Problem:
    speakers = [Speaker("S1", "Org"), Speaker("S2", "Org")]
    return problem([offer("I1", "S1"), offer("I2", "S2")], [on("S1"), on("S2", TUESDAY)], speakers=speakers,
                   max_sessions_per_organisation=cap)


def _speaker_max(maximum: int) -> Problem:
    return problem([offer("I1", "S1"), offer("I2", "S1")], [on("S1", end=17 * H)],
                   speakers=[Speaker("S1", "Org", max_sessions=maximum)])


TWINS: dict[str, Twins] = {
    "audience_overlap": Twins(
        problem([offer("I1", "S1"), offer("I2", "S2")], [on("S1", end=11 * H), on("S2", end=11 * H)]), 1,
        problem([offer("I1", "S1"), offer("I2", "S2")],
                [on("S1", end=11 * H), on("S2", start=13 * H + 30, end=17 * H)]), 2),
    "visit_half_day": Twins(
        problem([offer("V1", "S1", fmt=VISIT), offer("I2", "S2", minutes=H)],
                [on("S1", end=11 * H), on("S2", start=11 * H + 30, end=12 * H + 30)]), 1,
        problem([offer("V1", "S1", fmt=VISIT), offer("I2", "S2", minutes=H)],
                [on("S1", end=11 * H), on("S2", start=13 * H + 30, end=14 * H + 30)]), 2),
    "speaker_overlap": Twins(_mentoring(on("S1", WEEK3, end=11 * H)), 1,
                             _mentoring(on("S1", WEEK3, end=17 * H)), 2),
    "speaker_max_sessions": Twins(_speaker_max(1), 1, _speaker_max(2), 2),
    "daily_hours": Twins(_daily(3 * H), 1, _daily(5 * H), 2),
    "theme_minimum": Twins(_theme(phase_one=False), None, _theme(phase_one=True), 2),
    "organisation_maximum": Twins(_organisation(1), 1, _organisation(2), 2),
    "offer_weeks": Twins(problem([offer("I1", "S1", count=2)], [on("S1"), on("S1", TUESDAY)]), 1,
                         problem([offer("I1", "S1", count=2)], [on("S1"), on("S1", MONDAY + dt.timedelta(weeks=1))]),
                         2),
    "required_offer": Twins(_required(afternoon=False), 1, _required(afternoon=True), 3, left_out="O1"),
}


def test_every_model_rule_has_a_control_twin():
    assert set(TWINS) == set(MODEL_RULES)


@pytest.mark.parametrize("label", sorted(TWINS))
def test_rule_binds(label):
    twins = TWINS[label]
    if twins.placed_when_binding is None:
        with pytest.raises(NoTimetable):
            solve(twins.binds, SolveOptions(time_limit=10, workers=1))
        assert most_placed(twins.binds) is None
        assert most_placed(twins.binds, without=label) is not None  # that rule alone refuses it
        return
    result = plan(twins.binds)
    assert result.placed == twins.placed_when_binding
    assert most_placed(twins.binds, without=label) > twins.placed_when_binding  # that rule leaves it out
    if twins.left_out:
        assert twins.left_out in {u.offer_id for u in result.timetable.unplaced}


@pytest.mark.parametrize("label", sorted(TWINS))
def test_rule_does_not_bind_in_its_twin(label):
    twins = TWINS[label]
    result = plan(twins.free)
    everything = sum(o.count for o in twins.free.offers)
    assert result.placed == twins.placed_when_free == everything
    assert result.timetable.unplaced == ()
