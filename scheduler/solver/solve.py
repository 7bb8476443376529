"""Solve a Problem: candidates → CP-SAT model → Timetable (solver-free), in two stages.

Stage 1 maximises the number of placed sessions and proves it when it can; stage 2 holds that
count and minimises the weighted soft-rule penalties, starting from stage 1's timetable.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.core.candidates import Candidate, EventOccurrence
from scheduler.core.domain import Problem, Session, SolveFigures, Timetable, Unplaced
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.instance import PreparedInstance, prepare
from scheduler.solver.diagnose import explain_infeasibility, unplaced_reason
from scheduler.solver.groups import GroupAssignment, form_groups, wish_figures
from scheduler.solver.lexicographic import Progress, Stage, solve_stages, solver_name
from scheduler.solver.model import PlanningModel
from scheduler.solver.objective import combined_penalty, placed_sessions
from scheduler.solver.rules import add_hard_rules
from scheduler.core.text import slug


@dataclass(frozen=True)
class SolveOptions:
    """How to search. Same workbook, same options, same version → the same timetable, on any machine,
    unless `time_limit` (wall clock, the upper bound) stops a stage first (the figures then say so)."""

    time_limit: float = 60.0  # wall-clock seconds, every stage together: the upper bound
    seed: int = 0
    workers: int = 1  # 1: one deterministic worker; 2 or more: interleaved, deterministic too; 0: every core
    progress: Progress | None = None
    first_stage_share: float = 0.5  # of the work limit, at most, for stage 1
    patience: float = 0.0  # stop the soft stage after this many wall seconds without progress (0: never; not reproducible)
    work_limit: float = 10.0  # CP-SAT deterministic seconds, every stage together (at most time_limit)
    gap: float = 0.01  # the soft stage stops once its penalty is proven within this relative gap of its bound


@dataclass(frozen=True)
class Result:
    timetable: Timetable
    status: str  # 'OPTIMAL' or 'FEASIBLE' for the placed count
    placed: int
    placed_bound: int
    penalty: int
    penalty_bound: int
    soft_scores: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    candidates: int = 0
    groups: GroupAssignment | None = None  # the project groups and how wishes were honoured


NO_TIME = Message("aucun planning trouvé dans le temps imparti ; relancez avec un --time-limit plus grand",
                  "no timetable found within the time limit; run again with a larger --time-limit")


def build_model(problem: Problem, instance: PreparedInstance | None = None) -> PlanningModel:
    """Every candidate start as a Boolean, with every hard rule added."""
    pm = PlanningModel.of(instance if instance is not None else prepare(problem))
    add_hard_rules(pm)
    return pm


def status_name(status: int) -> str:
    return "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"


def solve(problem: Problem, options: SolveOptions = SolveOptions(),
          instance: PreparedInstance | None = None) -> Result:
    """Plan the cohort: project groups, then sessions. Raises NoTimetable when no timetable obeys the hard rules.

    `instance`: the run's prepared instance of `problem`, when the caller already built it.
    """
    started = time.monotonic()
    groups = form_groups(problem)  # the same groups whatever the seed (docs/groups.md)
    pm = build_model(problem, instance)
    terms: dict = {}

    def penalty() -> cp_model.LinearExprT:  # built after stage 1, which then solves a smaller model
        expression, found = combined_penalty(pm)
        terms.update(found)
        return expression

    staged = solve_stages(pm, [Stage("placed", placed_sessions(pm), "max", share=options.first_stage_share),
                               Stage("soft", penalty, "min", skip_below=0.05, patience=options.patience, tuned=True)],
                          options, started)
    first = staged.first
    if first.status == cp_model.INFEASIBLE:
        raise NoTimetable(explain_infeasibility(problem, pm.instance))
    if not first.found:
        raise NoTimetable([NO_TIME])
    penalty_value, penalty_bound = 0, 0
    if staged.outcomes[-1].name == "soft" and staged.outcomes[-1].found:
        penalty_value, penalty_bound = staged.outcomes[-1].value, staged.outcomes[-1].bound
    soft_scores = {label: staged.value(expression) for label, expression in terms.items()}

    picked = [p.candidate for p, value in zip(pm.placements, staged.values) if value]
    seconds = time.monotonic() - started
    figures = SolveFigures(
        status=status_name(first.status), placed=first.value, placed_bound=first.bound, penalty=penalty_value,
        penalty_bound=penalty_bound, soft_scores=tuple(soft_scores.items()),
        stage_seconds=tuple((o.name, o.seconds) for o in staged.outcomes), seconds=seconds,
        candidates=len(pm.placements), seed=options.seed, workers=options.workers, wishes=wish_figures(groups),
        solver=solver_name(options.workers), gap_limit=options.gap,
        stage_work=tuple((o.name, o.work) for o in staged.outcomes),
        wall_stopped=any(o.wall_stopped for o in staged.outcomes))
    timetable = Timetable(sessions=sessions_from(problem, picked, pm.events),
                          unplaced=unplaced_of(problem, picked, pm), groups=groups.groups, figures=figures)
    return Result(timetable, figures.status, first.value, first.bound, penalty_value, penalty_bound, soft_scores,
                  seconds, len(pm.placements), groups)


def event_session_id(occurrence: EventOccurrence) -> str:
    """A fixed event's `Séance`: its date, hour and title, stable across runs."""
    return f"EV-{occurrence.day:%Y%m%d}-{occurrence.start // 60:02d}{occurrence.start % 60:02d}-{slug(occurrence.event.title)[:24]}"


def sessions_from(problem: Problem, picked: list[Candidate], events: list[EventOccurrence]) -> tuple[Session, ...]:
    """Chosen candidates and fixed events as `Planning` rows; an offer's occurrences numbered by date."""
    offers = {offer.id: offer for offer in problem.offers}
    organisation_of = {speaker.name: speaker.organisation for speaker in problem.speakers}
    location = problem.programme.location
    sessions: list[Session] = []
    occurrence_number: dict[str, int] = {}
    for candidate in sorted(picked, key=lambda c: (c.day, c.start, c.offer_id)):
        offer = offers[candidate.offer_id]
        occurrence_number[offer.id] = occurrence_number.get(offer.id, 0) + 1
        sessions.append(Session(
            session_id=f"{offer.id}-{occurrence_number[offer.id]}", offer_id=offer.id, day=candidate.day,
            start=candidate.start, end=candidate.end, week=candidate.week, phase=candidate.phase,
            title=offer.title, theme=offer.theme, format=offer.format, speaker=offer.speaker,
            organisation=organisation_of.get(offer.speaker, ""), audience=offer.audience,
            location=offer.location or location))
    for occurrence in events:
        sessions.append(Session(
            session_id=event_session_id(occurrence), offer_id="", day=occurrence.day, start=occurrence.start,
            end=occurrence.end, week=occurrence.week, phase=occurrence.phase, title=occurrence.event.title,
            audience=occurrence.audience, location=occurrence.event.location or location))
    return Timetable(tuple(sessions)).sorted_sessions()


def unplaced_of(problem: Problem, picked: list[Candidate], pm: PlanningModel) -> tuple[Unplaced, ...]:
    """Each offer's occurrences the chosen candidates leave out, with the reason."""
    counts: dict[str, int] = {}
    for candidate in picked:
        counts[candidate.offer_id] = counts.get(candidate.offer_id, 0) + 1
    missing = []
    for offer in problem.offers:
        short = offer.count - counts.get(offer.id, 0)
        if short > 0:
            reason = unplaced_reason(offer, pm)
            missing.append(Unplaced(offer.id, short, reason.fr, reason.en))
    return tuple(missing)
