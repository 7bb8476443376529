"""`DIR/resolution.json`: what the solve proved and spent, for scripts (the same figures as the
summary line and the `Résolution` sheet)."""
from __future__ import annotations

import json
from pathlib import Path

from scheduler.core.atomic import write_bytes_atomically
from scheduler.core.domain import Problem, SolveFigures, Timetable
from scheduler.core.scoring import soft_scores, weighted_penalty

RESOLUTION_NAME = "resolution.json"


def relative_gap(penalty: int, bound: int) -> float:
    """(penalty − bound) / penalty: how far the penalty may still be above the best possible (0 when proven)."""
    return 0.0 if penalty <= bound or penalty <= 0 else round((penalty - bound) / penalty, 4)


def resolution(problem: Problem, timetable: Timetable, offered: int, exports: float | None = None) -> dict:
    """The figures of a solved timetable; `rules` and `penalty` scored by the solver-free scorer."""
    figures = timetable.figures if isinstance(timetable.figures, SolveFigures) else SolveFigures()
    rules = soft_scores(problem, timetable)
    penalty = weighted_penalty(problem, rules)
    bound = penalty if figures.penalty_bound is None else min(figures.penalty_bound, penalty)
    seconds = {name: round(spent, 3) for name, spent in figures.stage_seconds}
    seconds["solve"] = round(figures.seconds, 3)
    if exports is not None:
        seconds["exports"] = round(exports, 3)
    return {
        "placed": figures.placed,
        "offered": offered,
        "placed_optimal": figures.status == "OPTIMAL",
        "placed_bound": figures.placed_bound,
        "penalty": penalty,
        "bound": bound,
        "gap": relative_gap(penalty, bound),
        "gap_limit": figures.gap_limit,
        "rules": rules,
        "seconds": seconds,
        "work": {name: round(work, 3) for name, work in figures.stage_work},
        "solver": figures.solver,
        "seed": figures.seed,
        "workers": figures.workers,
        "reproducible": not figures.wall_stopped,
        "candidates": figures.candidates,
    }


def write_resolution(problem: Problem, timetable: Timetable, folder: Path, offered: int,
                     exports: float | None = None) -> Path:
    """Write `folder/resolution.json` (atomically) and return its path; `exports`: seconds the other files took."""
    target = folder / RESOLUTION_NAME
    text = json.dumps(resolution(problem, timetable, offered, exports), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomically(target, text.encode("utf-8"))
    return target
