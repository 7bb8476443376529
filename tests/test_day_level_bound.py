"""The benchmark's day-level relaxation (tests/benchmarks/day_level_bound.py) is a relaxation: every timetable of
the real model is one of its solutions with the same penalty, so its optimum is a valid lower bound."""
from __future__ import annotations

import sys
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from day_level_bound import day_key, day_level_model  # noqa: E402
from soft_proof_study import held_count_model  # noqa: E402

from scheduler.solver.lexicographic import new_solver  # noqa: E402
from scheduler.synthetic import generate  # noqa: E402


def test_a_real_timetable_is_a_day_level_solution_with_the_same_penalty():
    problem = generate(seed=2, scale=0.5)
    pm, penalty, _, _, count = held_count_model(problem, seed=0, work=5)
    real = new_solver(0, 1, 2.0, gap=0.0, tuned=True)
    assert real.Solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    formats = {offer.id: offer.format for offer in problem.offers}
    chosen_keys = [day_key(p.candidate, formats[p.offer.id]) for p in pm.placements if real.BooleanValue(p.chosen)]
    assert len(chosen_keys) == count and len(set(chosen_keys)) == count  # one offer's starts fall on distinct days

    relaxed, relaxed_penalty, starts = day_level_model(problem, count)
    assert len(relaxed.placements) < starts
    by_key = {day_key(p.candidate, formats[p.offer.id]): p for p in relaxed.placements}
    for key, placement in by_key.items():
        relaxed.model.Add(placement.chosen == (1 if key in chosen_keys else 0))
    assert all(key in by_key for key in chosen_keys)
    check = new_solver(0, 1, 5.0)
    assert check.Solve(relaxed.model) == cp_model.OPTIMAL  # the fixed timetable obeys every day-level rule
    assert round(check.Value(relaxed_penalty)) == round(real.Value(penalty))

