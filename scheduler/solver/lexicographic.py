"""One lexicographic solver: a list of stages, each optimising its objective while holding what the
stages before it reached, each starting from the previous stage's timetable (solution hints).

Used by `solve` (placed count, then soft-rule penalty) and by `replan` (kept, placed, penalty).
Every stage shows its progress. Reproducible by construction (docs/benchmarks.md, "Reproducibility"):
each stage is limited in CP-SAT's deterministic time (`options.work_limit`), searches
deterministically (one worker, or several with `interleave_search`) and stops on a proven
objective or a relative gap (`options.gap`); `options.time_limit` (wall seconds) is only the upper
bound, and a stage it stops says so (`StageOutcome.wall_stopped`: then the run may not repeat).
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Callable, Literal

from ortools import __version__
from ortools.sat.python import cp_model

from scheduler.core import interruption
from scheduler.solver.model import PlanningModel
from scheduler.solver.objective import tune_soft_stage

Progress = Callable[[dict], None]


@dataclass(frozen=True)
class Stage:
    """One objective of the lexicographic order."""

    name: str  # shown in the progress line: 'placed', 'soft', 'kept'
    objective: cp_model.LinearExprT | Callable[[], cp_model.LinearExprT]  # a function: built when the stage starts
    sense: Literal["max", "min"]
    hold: bool = True  # whether the next stages keep this stage's value (>= for max, <= for min)
    share: float | None = None  # of the time limit, at most; None: whatever is left
    skip_below: float = 0.0  # seconds left under which the stage is not run
    patience: float = 0.0  # stop once no better timetable came for this many seconds (0: never; wall clock: not reproducible)
    tuned: bool = False  # the soft stage: full linear relaxation (`tune_soft_stage`) and a stop on `options.gap`


@dataclass(frozen=True)
class StageOutcome:
    """What one stage reached: CP-SAT status, objective value and bound, seconds spent (0 when skipped)."""

    name: str
    status: int
    value: int
    bound: int
    seconds: float
    work: float = 0.0  # CP-SAT's deterministic time spent (the load of the machine does not change it)
    wall_stopped: bool = False  # stopped by the wall-clock upper bound: the timetable may differ on another run

    @property
    def found(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@dataclass
class Staged:
    """The last timetable found: the value of every placement, the solver that holds it, each stage's outcome."""

    values: list[bool]
    solver: cp_model.CpSolver | None
    outcomes: list[StageOutcome]

    @property
    def first(self) -> StageOutcome:
        return self.outcomes[0]

    def value(self, expression: cp_model.LinearExprT) -> int:
        """An expression of the model evaluated on the last timetable found."""
        if isinstance(expression, int) or self.solver is None:
            return int(expression) if isinstance(expression, int) else 0
        return round(self.solver.Value(expression))


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
            if interruption.requested():  # Ctrl-C, SIGTERM, SIGHUP: stop now, the caller raises
                solver.stop_search()
                return
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


def new_solver(seed: int, workers: int, work: float, wall: float | None = None, gap: float = 0.0,
               tuned: bool = False) -> cp_model.CpSolver:
    """A CP-SAT solver whose search repeats exactly: `work` deterministic seconds at most, one worker or
    several interleaved (deterministic whatever their number), `wall` seconds as the upper bound; one worker
    always runs the full linear relaxation (it proves the placed count of a year-long cohort in 0.1
    deterministic s where the default relaxation had not in 15); `tuned`: the soft stage's settings,
    stopping once the relative gap is at most `gap`."""
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.random_seed = seed
    parameters.catch_sigint_signal = False  # Ctrl-C stops the run (core.interruption), not just the search
    parameters.num_workers = max(1, workers or os.cpu_count() or 1)
    parameters.interleave_search = parameters.num_workers > 1
    parameters.max_deterministic_time = max(0.05, work)
    parameters.max_time_in_seconds = max(0.1, wall if wall is not None else 10 * work)
    if parameters.num_workers == 1:  # one worker: the full linear relaxation in every stage (docs/benchmarks.md,
        parameters.linearization_level = 2  # 'Our solver': it proves the placed count of the large instances)
    if tuned:
        tune_soft_stage(parameters, parameters.num_workers)
        parameters.relative_gap_limit = max(0.0, gap)
    return solver


def solver_name(workers: int) -> str:
    """The solver and how it searched, as resolution.json states it."""
    count = max(1, workers or os.cpu_count() or 1)
    return f"OR-Tools CP-SAT {__version__}, " + ("1 worker, deterministic" if count == 1
                                                  else f"{count} workers, interleaved (deterministic)")


def run_stage(pm: PlanningModel, options, work: float, stage: str, started: float,
              hint: list[bool] | None = None, patience: float = 0, wall: float | None = None,
              tuned: bool = False) -> tuple[cp_model.CpSolver, int]:
    """Solve the model as it stands (its objective set by the caller), from `hint` when given,
    with the progress display and, where `patience` > 0, a stop once no better timetable comes."""
    pm.model.ClearHints()
    for placement, value in zip(pm.placements, hint or ()):
        pm.model.AddHint(placement.chosen, value)
    solver = new_solver(options.seed, options.workers, work, wall, getattr(options, "gap", 0.0), tuned)
    return solver, _solve_watched(solver, pm.model, _Reporter(stage, options.progress, started), patience)


def solve_stages(pm: PlanningModel, stages: list[Stage], options, started: float,
                 hint: list[bool] | None = None) -> Staged:
    """Run the stages in order on `pm` (options: time_limit, work_limit, gap, seed, workers, progress).

    Stops after the first stage when it finds no timetable (its outcome tells why); a later stage
    that finds nothing better leaves the timetable of the stage before it; a later stage whose
    objective is a constant, or with less than `skip_below` seconds left, is skipped.
    """
    staged = Staged(list(hint) if hint else [False] * len(pm.placements), None, [])
    for number, stage in enumerate(stages):
        remaining = options.time_limit - (time.monotonic() - started)
        budget = min(getattr(options, "work_limit", options.time_limit), options.time_limit)
        work_left = budget - sum(o.work for o in staged.outcomes)
        objective = stage.objective() if callable(stage.objective) else stage.objective
        if number > 0 and (min(remaining, work_left) <= stage.skip_below or isinstance(objective, int)):
            staged.outcomes.append(StageOutcome(stage.name, cp_model.UNKNOWN, 0, 0, 0.0))
            continue
        work = work_left if stage.share is None else min(work_left, budget * stage.share)
        pm.model.ClearObjective()
        if stage.sense == "max":
            pm.model.Maximize(objective)
        else:
            pm.model.Minimize(objective)
        begun = time.monotonic()
        solver, status = run_stage(pm, options, work, stage.name, started,
                                   staged.values if (number > 0 or hint) else None, stage.patience,
                                   max(0.1, remaining), stage.tuned)
        spent = time.monotonic() - begun
        used = solver.deterministic_time
        wall_stopped = status != cp_model.OPTIMAL and spent >= max(0.1, remaining) - 0.05 and used < work * 0.99
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            staged.solver = solver
            staged.values = [solver.BooleanValue(p.chosen) for p in pm.placements]
            # the objective evaluated on the timetable returned: CP-SAT's own ObjectiveValue() can be higher when a
            # search stopped on the gap, its presolve having let a helper lag behind the exact channel (t4 of
            # oversubscribed_tryout.py: 346 reported for a timetable whose every rule, and their sum, gives 344)
            staged.outcomes.append(StageOutcome(stage.name, status, staged.value(objective),
                                                round(solver.BestObjectiveBound()), spent, used, wall_stopped))
        else:
            staged.outcomes.append(StageOutcome(stage.name, status, 0, 0, spent, used, wall_stopped))
            if number == 0:
                return staged
        if stage.hold and number + 1 < len(stages) and staged.solver is not None and not isinstance(objective, int):
            held = staged.value(objective)
            pm.model.Add(objective >= held if stage.sense == "max" else objective <= held)
    return staged
