"""Solve a Problem: candidates → CP-SAT model → Timetable (solver-free), in two stages.

Stage 1 maximises the number of placed sessions and proves it when it can; stage 2 holds that
count and minimises the weighted soft-rule penalties, starting from stage 1's timetable.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from ortools.sat.python import cp_model

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import Problem, Session, Timetable, Unplaced
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.candidates import Candidate, EventOccurrence, all_candidates, event_occurrences
from scheduler.solver.diagnose import explain_infeasibility, unplaced_reason
from scheduler.solver.groups import GroupAssignment, form_groups, wish_figures
from scheduler.solver.model import PlanningModel
from scheduler.solver.objective import combined_penalty, placed_sessions
from scheduler.solver.rules import add_hard_rules
from scheduler.core.text import slug

Progress = Callable[[dict], None]


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 6.0  # seconds, both stages together
    seed: int = 0
    workers: int = 0  # 0: as many as the machine has
    progress: Progress | None = None
    first_stage_share: float = 0.5  # of the time limit, at most, for stage 1
    patience: float = 3.0  # stop improving the soft rules after this many seconds without progress (0: never)


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


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Passes each improving solution to the progress function and remembers when it came."""

    def __init__(self, stage: str, progress: Progress | None, started: float):
        super().__init__()
        self.stage = stage
        self.progress = progress
        self.started = started
        self.last_improvement: float | None = None
        self.objective: float | None = None
        self.bound: float | None = None

    def on_solution_callback(self) -> None:
        self.last_improvement = time.monotonic()
        self.objective, self.bound = self.ObjectiveValue(), self.BestObjectiveBound()
        self.report()

    def report(self) -> None:
        if self.progress is not None and self.objective is not None:
            self.progress({"stage": self.stage, "objective": self.objective, "bound": self.bound,
                           "elapsed": time.monotonic() - self.started})


def _solve_watched(solver: cp_model.CpSolver, model: cp_model.CpModel, reporter: _Reporter,
                   patience: float) -> int:
    """Solve while a watchdog refreshes the progress display and, when `patience` > 0, stops
    the search once no better timetable has come for that many seconds."""
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.25):
            try:
                reporter.report()
            except Exception:  # a display problem must never stop nor break the solve
                pass
            last = reporter.last_improvement
            if patience > 0 and last is not None and time.monotonic() - last > patience:
                solver.stop_search()
                return

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        return solver.Solve(model, reporter)
    finally:
        finished.set()
        watchdog.join()


def _solver(options: SolveOptions, seconds: float) -> cp_model.CpSolver:
    """A CP-SAT solver; with one worker, limited in deterministic time so that runs repeat exactly."""
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = options.seed
    if options.workers:
        solver.parameters.num_workers = options.workers
    if options.workers == 1:
        solver.parameters.interleave_search = False
        solver.parameters.max_deterministic_time = max(0.1, seconds)
    else:
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
    return solver


NO_TIME = Message("aucun planning trouvé dans le temps imparti ; relancez avec un --time-limit plus grand",
                  "no timetable found within the time limit; run again with a larger --time-limit")


def run_stage(pm: PlanningModel, options: SolveOptions, seconds: float, stage: str, started: float,
              hint: list[bool] | None = None, patience: float = 0) -> tuple[cp_model.CpSolver, int]:
    """Solve the model as it stands (its objective set by the caller), from `hint` when given,
    with the progress display and, where `patience` > 0, a stop once no better timetable comes."""
    pm.model.ClearHints()
    for placement, value in zip(pm.placements, hint or ()):
        pm.model.AddHint(placement.chosen, value)
    solver = _solver(options, seconds)
    return solver, _solve_watched(solver, pm.model, _Reporter(stage, options.progress, started), patience)


def build_model(problem: Problem) -> PlanningModel:
    """Every candidate start as a Boolean, with every hard rule added."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    events = event_occurrences(problem, calendar)
    pm = PlanningModel(problem, calendar, all_candidates(problem, calendar, events), events)
    add_hard_rules(pm)
    return pm


def solve(problem: Problem, options: SolveOptions = SolveOptions()) -> Result:
    """Plan the cohort: project groups, then sessions. Raises NoTimetable when no timetable obeys the hard rules."""
    started = time.monotonic()
    groups = form_groups(problem)  # the same groups whatever the seed (docs/groups.md)
    pm = build_model(problem)
    placed = placed_sessions(pm)

    # Stage 1: as many sessions as possible.
    pm.model.Maximize(placed)
    solver, status = run_stage(pm, options, options.time_limit * options.first_stage_share, "placed", started)
    if status == cp_model.INFEASIBLE:
        raise NoTimetable(explain_infeasibility(problem))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoTimetable([NO_TIME])
    best_placed = round(solver.ObjectiveValue())
    placed_bound = round(solver.BestObjectiveBound())
    placed_status = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
    chosen = [p.chosen for p in pm.placements]
    values = [solver.BooleanValue(v) for v in chosen]

    # Stage 2: keep that count, improve the soft rules.
    penalty_expression, terms = combined_penalty(pm)
    penalty, penalty_bound = 0, 0
    remaining = options.time_limit - (time.monotonic() - started)
    if terms and remaining > 0.2:
        pm.model.ClearObjective()
        pm.model.Add(placed >= best_placed)
        pm.model.Minimize(penalty_expression)
        patience = options.patience if options.workers != 1 else 0  # one worker: reproducible, no wall-clock stop
        second, second_status = run_stage(pm, options, remaining, "soft", started, values, patience)
        if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver = second
            values = [solver.BooleanValue(v) for v in chosen]
            penalty = round(solver.ObjectiveValue())
            penalty_bound = round(solver.BestObjectiveBound())
    soft_scores = {label: round(solver.Value(expression)) if not isinstance(expression, int) else expression
                   for label, expression in terms.items()} if terms else {}

    picked = [p.candidate for p, value in zip(pm.placements, values) if value]
    sessions = sessions_from(problem, picked, pm.events)
    timetable = Timetable(
        sessions=sessions,
        unplaced=unplaced_of(problem, picked, pm),
        groups=groups.groups,
        figures=(("status", placed_status), ("placed", str(best_placed)), ("placed_bound", str(placed_bound)),
                 ("penalty", str(penalty)), ("penalty_bound", str(penalty_bound)),
                 ("penalty_gap", _gap(penalty, penalty_bound)),
                 *((f"soft:{label}", str(score)) for label, score in soft_scores.items()),
                 ("candidates", str(len(pm.placements))),
                 ("seconds", f"{time.monotonic() - started:.2f}"),
                 *wish_figures(groups)),
    )
    return Result(timetable, placed_status, best_placed, placed_bound, penalty, penalty_bound, soft_scores,
                  time.monotonic() - started, len(pm.placements), groups)


def _gap(value: int, bound: int) -> str:
    """How far the soft-rule penalty may still be from the best possible, in percent."""
    if value <= bound:
        return "0 %"
    return f"{100 * (value - bound) / value:.0f} %"


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
