"""The penalty `plan` reports is the one of the timetable it returns, even when the soft stage stops on the gap
(CP-SAT's own objective value was 346 for a timetable whose rules add up to 344: t4 of the tryout)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from oversubscribed_tryout import TRYOUTS  # noqa: E402

from scheduler.checker import violations  # noqa: E402
from scheduler.core.scoring import soft_scores, weighted_penalty  # noqa: E402
from scheduler.solver.solve import SolveOptions, solve  # noqa: E402


def test_the_reported_penalty_is_the_returned_timetables():
    problem = next(t for t in TRYOUTS if t.name == "t4").build()
    result = solve(problem, SolveOptions())
    assert violations(problem, result.timetable) == []
    scored = soft_scores(problem, result.timetable)
    assert result.penalty == weighted_penalty(problem, scored)
    assert result.soft_scores == scored
    assert result.penalty_bound <= result.penalty
