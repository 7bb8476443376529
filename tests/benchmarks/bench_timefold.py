"""Timefold Solver for Python, modelling our hard rules as closely as it can.

Planning entity: one occurrence of an offer; planning variable: one of that offer's legal starts
(the same candidates our solver chooses from, so rules 1-2 and the fixed events hold by
construction), or none. Scores: hard = SPEC §2 rules 3-8 as constraint streams; medium = one per
occurrence left unplaced (the placed count); soft = our soft rules (SPEC §3, `bench_timefold_soft.py`),
each weighted as `plan` weighs it, so that the soft score is minus our scorer's penalty.
Two uses: `run(..., soft=False)` (hard + count only) stops at the placed count our solver reached
(best-score limit) or at the time limit; `run(..., soft=True)` (every rule) stops at the time limit.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Annotated, Optional

from scheduler.core.domain import COHORT, MENTORING, VISIT
from scheduler.core.soft_rules import effective_weights

from bench_instances import Prepared

STARTED = time.monotonic()  # before the JVM starts: wall time includes it

from timefold.solver import SolutionManager, SolverFactory  # noqa: E402  (starts the JVM lazily)
from timefold.solver.config import (Duration, ScoreDirectorFactoryConfig, SolverConfig,  # noqa: E402
                                    TerminationConfig)
from timefold.solver.domain import (PlanningEntityCollectionProperty, PlanningId, PlanningScore,  # noqa: E402
                                    PlanningVariable, ProblemFactCollectionProperty, ValueRangeProvider,
                                    planning_entity, planning_solution)
from timefold.solver.score import (ConstraintCollectors, ConstraintFactory, HardMediumSoftScore,  # noqa: E402
                                   Joiners, constraint_provider)


@dataclass
class Start:
    """A legal start of one offer (problem fact)."""

    id: Annotated[int, PlanningId]
    index: int  # position in the offer's candidate list
    day: int  # date ordinal
    start: int
    end: int
    half: int
    week: int
    phase: int
    weekday: int = 0
    week_index: int = 0  # position of its week among the offer's possible weeks (mentoring rules)
    slots: int = 0  # grid slots it lasts (cohort day loads)
    outside_preferred: bool = False  # its speaker has preferred windows and this start is in none


@dataclass
class DayRoom:
    """Minutes left for sessions on one day for one audience, after its fixed events."""

    id: Annotated[int, PlanningId]
    day: int
    audience: str
    room: int


@planning_entity
@dataclass
class Occurrence:
    id: Annotated[int, PlanningId]
    offer_id: str
    speaker: str
    organisation: str
    theme: str
    audience: str
    cohort: bool
    visit: bool
    minutes: int
    required: bool
    speaker_max: int  # -1: no limit
    format: str = ""
    kind: str = ""  # its organisation's type
    mentoring_gaps: bool = False  # mentoring offers the soft rules follow week by week
    mentoring_late: bool = False
    mentoring_rhythm: bool = False
    starts: Annotated[list[Start], ValueRangeProvider(id="starts")] = field(default_factory=list)
    start: Annotated[Optional[Start], PlanningVariable(value_range_provider_refs=["starts"],
                                                       allows_unassigned=True)] = None


from bench_timefold_soft import WEIGHTS, DayLoad, FormatWeek, KindWeek, ThemeWeek, soft_facts, soft_rules  # noqa: E402


@planning_solution
@dataclass
class Plan:
    rooms: Annotated[list[DayRoom], ProblemFactCollectionProperty]
    occurrences: Annotated[list[Occurrence], PlanningEntityCollectionProperty]
    theme_weeks: Annotated[list[ThemeWeek], ProblemFactCollectionProperty] = field(default_factory=list)
    kind_weeks: Annotated[list[KindWeek], ProblemFactCollectionProperty] = field(default_factory=list)
    format_weeks: Annotated[list[FormatWeek], ProblemFactCollectionProperty] = field(default_factory=list)
    day_loads: Annotated[list[DayLoad], ProblemFactCollectionProperty] = field(default_factory=list)
    score: Annotated[Optional[HardMediumSoftScore], PlanningScore] = None


LIMITS = {"min_theme": 2, "max_organisation": 3}


def _meet(a: Occurrence, b: Occurrence) -> bool:
    return a.cohort or b.cohort or a.audience == b.audience


def _hard_rules(factory: ConstraintFactory) -> list:
    min_theme, max_organisation = LIMITS["min_theme"], LIMITS["max_organisation"]
    return [
        # 3. nobody in two places at once
        factory.for_each_unique_pair(Occurrence, Joiners.equal(lambda o: o.start.day),
                                     Joiners.overlapping(lambda o: o.start.start, lambda o: o.start.end))
        .filter(lambda a, b: a.cohort or b.cohort or a.audience == b.audience)
        .penalize(HardMediumSoftScore.ONE_HARD).as_constraint("audience_overlap"),
        # 4. a visit takes its whole half-day
        factory.for_each_unique_pair(Occurrence, Joiners.equal(lambda o: o.start.day),
                                     Joiners.equal(lambda o: o.start.half))
        .filter(lambda a, b: (a.visit or b.visit) and (a.cohort or b.cohort or a.audience == b.audience)
                and not (a.start.start < b.start.end and b.start.start < a.start.end))
        .penalize(HardMediumSoftScore.ONE_HARD).as_constraint("visit_half_day"),
        # 3. a speaker gives one session at a time
        factory.for_each_unique_pair(Occurrence, Joiners.equal(lambda o: o.speaker),
                                     Joiners.equal(lambda o: o.start.day),
                                     Joiners.overlapping(lambda o: o.start.start, lambda o: o.start.end))
        .filter(lambda a, b: not (a.cohort or b.cohort or a.audience == b.audience))
        .penalize(HardMediumSoftScore.ONE_HARD).as_constraint("speaker_overlap"),
        # 3. at most `Max séances` per speaker
        factory.for_each(Occurrence).filter(lambda o: o.speaker_max >= 0)
        .group_by(lambda o: o.speaker, lambda o: o.speaker_max, ConstraintCollectors.count())
        .filter(lambda speaker, most, n: n > most)
        .penalize(HardMediumSoftScore.ONE_HARD, lambda speaker, most, n: n - most)
        .as_constraint("speaker_max_sessions"),
        # 5. daily hours, per audience, fixed events included
        factory.for_each(DayRoom)
        .join(Occurrence, Joiners.equal(lambda r: r.day, lambda o: o.start.day),
              Joiners.filtering(lambda r, o: o.cohort or o.audience == r.audience))
        .group_by(lambda r, o: r, ConstraintCollectors.sum(lambda r, o: o.minutes))
        .filter(lambda r, total: total > r.room)
        .penalize(HardMediumSoftScore.ONE_HARD, lambda r, total: (total - r.room + 29) // 30)
        .as_constraint("daily_hours"),
        # 6. theme minimum in phase 1 (unplaced occurrences keep every theme in the stream)
        factory.for_each_including_unassigned(Occurrence)
        .group_by(lambda o: o.theme,
                  ConstraintCollectors.sum(lambda o: 1 if o.start is not None and o.start.phase == 1 else 0))
        .filter(lambda theme, n: n < min_theme)
        .penalize(HardMediumSoftScore.ONE_HARD, lambda theme, n: min_theme - n)
        .as_constraint("theme_minimum"),
        # 7. organisation maximum in phase 1
        factory.for_each(Occurrence).filter(lambda o: o.start.phase == 1)
        .group_by(lambda o: o.organisation, ConstraintCollectors.count())
        .filter(lambda organisation, n: n > max_organisation)
        .penalize(HardMediumSoftScore.ONE_HARD, lambda organisation, n: n - max_organisation)
        .as_constraint("organisation_maximum"),
        # 8. occurrences of one offer in different weeks; required offers placed
        factory.for_each_unique_pair(Occurrence, Joiners.equal(lambda o: o.offer_id),
                                     Joiners.equal(lambda o: o.start.week))
        .penalize(HardMediumSoftScore.ONE_HARD).as_constraint("offer_weeks"),
        factory.for_each_including_unassigned(Occurrence).filter(lambda o: o.required and o.start is None)
        .penalize(HardMediumSoftScore.ONE_HARD).as_constraint("required_offer"),
        # the placed count
        factory.for_each_including_unassigned(Occurrence).filter(lambda o: o.start is None)
        .penalize(HardMediumSoftScore.ONE_MEDIUM).as_constraint("unplaced"),
    ]


@constraint_provider
def hard_rules(factory: ConstraintFactory):
    return _hard_rules(factory)


@constraint_provider
def every_rule(factory: ConstraintFactory):
    return _hard_rules(factory) + soft_rules(factory, Occurrence)


def build_plan(prepared: Prepared) -> tuple[Plan, dict[int, object]]:
    """The Timefold problem, and Start id -> our Candidate."""
    problem = prepared.problem
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    kind_of = {o.name: o.kind for o in problem.organisations}
    max_of = {s.name: s.max_sessions for s in problem.speakers}
    with_preference = {w.speaker for w in problem.windows if w.preferred}
    slot = problem.programme.slot_minutes
    by_id: dict[int, object] = {}
    occurrences = []
    for offer in problem.offers:
        candidates = prepared.candidates.get(offer.id, [])
        weeks = sorted({c.week for c in candidates})
        starts = []
        for index, c in enumerate(candidates):
            start = Start(len(by_id), index, c.day.toordinal(), c.start, c.end, c.half_day, c.week, c.phase,
                          c.day.weekday(), weeks.index(c.week), (c.end - c.start) // slot,
                          offer.speaker in with_preference and not c.preferred)
            by_id[start.id] = c
            starts.append(start)
        mentoring = offer.format == MENTORING and bool(candidates)
        organisation = organisation_of[offer.speaker]
        for _ in range(offer.count):
            occurrences.append(Occurrence(
                len(occurrences), offer.id, offer.speaker, organisation, offer.theme,
                offer.audience, offer.audience == COHORT, offer.format == VISIT, offer.duration_minutes,
                offer.required, -1 if max_of[offer.speaker] is None else max_of[offer.speaker],
                offer.format, kind_of.get(organisation, ""), mentoring and offer.count >= 2 and len(weeks) >= 3,
                mentoring, mentoring and offer.count >= 2, starts))
    limit = problem.programme.max_minutes_per_day
    groups = sorted({p.id for p in problem.projects} | {o.project for o in problem.offers if o.project})
    fixed: dict[tuple[int, str], int] = {}
    for event in prepared.events:
        key = (event.day.toordinal(), event.audience)
        fixed[key] = fixed.get(key, 0) + event.end - event.start
    rooms = []
    for day in sorted({c.day.toordinal() for cs in prepared.candidates.values() for c in cs}):
        for audience in [COHORT, *groups]:
            used = fixed.get((day, COHORT), 0) + (fixed.get((day, audience), 0) if audience != COHORT else 0)
            rooms.append(DayRoom(len(rooms), day, audience, limit - used))
    return Plan(rooms, occurrences, *soft_facts(prepared)), by_id


def _configure(prepared: Prepared) -> None:
    LIMITS["min_theme"] = prepared.problem.programme.min_sessions_per_theme
    LIMITS["max_organisation"] = prepared.problem.programme.max_sessions_per_organisation
    WEIGHTS.clear()
    WEIGHTS.update(effective_weights(prepared.problem.weights))


def _config(soft: bool, termination: TerminationConfig) -> SolverConfig:
    return SolverConfig(
        solution_class=Plan, entity_class_list=[Occurrence],
        score_director_factory_config=ScoreDirectorFactoryConfig(
            constraint_provider_function=every_rule if soft else hard_rules),
        termination_config=termination, random_seed=0)


_MANAGERS: dict[tuple, SolutionManager] = {}


def soft_penalty_of(prepared: Prepared, picked: list) -> dict:
    """Timefold's score of a given timetable (our candidates), no solving: its soft penalty, by rule too."""
    _configure(prepared)
    plan, by_id = build_plan(prepared)
    start_of = {(c.offer_id, c.day, c.start): start_id for start_id, c in by_id.items()}
    starts = {s.id: s for o in plan.occurrences for s in o.starts}
    free = {}
    for o in plan.occurrences:
        free.setdefault(o.offer_id, []).append(o)
    for c in picked:
        free[c.offer_id].pop(0).start = starts[start_of[(c.offer_id, c.day, c.start)]]
    key = (tuple(sorted(LIMITS.items())), tuple(sorted(WEIGHTS.items())))
    if key not in _MANAGERS:  # building one translates the streams to Java: do it once per weights
        _MANAGERS[key] = SolutionManager.create(SolverFactory.create(
            _config(True, TerminationConfig(spent_limit=Duration(seconds=1)))))
    analysis = _MANAGERS[key].analyze(plan)
    by_rule: dict[str, int] = {}
    for constraint in analysis.constraint_analyses:
        label = constraint.constraint_ref.constraint_name.split(" ")[0]
        if label in WEIGHTS:
            by_rule[label] = by_rule.get(label, 0) - constraint.score.soft_score
    return {"soft": -analysis.score.soft_score, "rules": by_rule}


def run(prepared: Prepared, target: int, seconds: float, soft: bool = False) -> dict:
    """Without `soft`: solve until `target` sessions are placed with no hard rule broken, or `seconds`
    have passed. With `soft`: every rule, until `seconds` have passed."""
    _configure(prepared)
    plan, by_id = build_plan(prepared)
    unplaced_target = max(0, len(plan.occurrences) - target)
    limit = Duration(milliseconds=int(seconds * 1000))
    termination = (TerminationConfig(spent_limit=limit) if soft else
                   TerminationConfig(best_score_limit=f"0hard/-{unplaced_target}medium/0soft", spent_limit=limit))
    solver = SolverFactory.create(_config(soft, termination)).build_solver()
    trace: list[tuple[float, int, int]] = []  # (seconds, hard, placed)
    occurrences = len(plan.occurrences)

    def listener(event) -> None:
        score = event.new_best_score
        trace.append((event.time_spent.total_seconds(), score.hard_score, occurrences + score.medium_score))

    solver.add_event_listener(listener)
    solve_started = time.monotonic()
    best = solver.solve(plan)
    solve_seconds = time.monotonic() - solve_started
    picked = [by_id[o.start.id] for o in best.occurrences if o.start is not None]
    first_feasible = next((t for t, hard, _ in trace if hard == 0), None)
    reached = next((t for t, hard, placed in trace if hard == 0 and placed >= target), None)
    return {"picked": picked, "solve_seconds": solve_seconds, "wall_seconds": time.monotonic() - STARTED,
            "score": str(best.score), "soft_penalty": -best.score.soft_score, "first_feasible": first_feasible,
            "reached_target": reached,
            "best_feasible_placed": max((p for _, hard, p in trace if hard == 0), default=None)}
