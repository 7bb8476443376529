"""The benchmark's CP-SAT → MILP translation (tests/benchmarks/cpsat_to_milp.py) keeps a model's optimum,
so that HiGHS judging the soft stage judges the same model."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from cpsat_to_milp import milp, rows_of  # noqa: E402


def small_model() -> tuple[cp_model.CpModel, list]:
    """Enforced linear rows, an OR, an implication, at-most-one, exactly-one and a max, as the planner uses them."""
    model = cp_model.CpModel()
    picks = [model.NewBoolVar(f"x{i}") for i in range(6)]
    sizes = [4, 6, 6, 3, 2, 8]
    model.AddAtMostOne(picks[0], picks[1])
    model.AddExactlyOne(picks[2], picks[3])
    model.Add(sum(picks) >= 3)
    present = model.NewBoolVar("present")
    model.AddBoolOr([picks[4], picks[5]]).OnlyEnforceIf(present)
    model.AddImplication(picks[4], present)
    flag = model.NewBoolVar("flag")
    model.Add(picks[0] + picks[3] <= 0).OnlyEnforceIf(flag)
    excess = model.NewIntVar(0, 30, "excess")
    model.AddMaxEquality(excess, [0, sum(s * x for s, x in zip(sizes, picks)) - 8])
    model.Minimize(3 * excess + 5 * (1 - present) + 2 * flag.Not() + picks[1])
    return model, picks


def cpsat_optimum(model: cp_model.CpModel) -> int:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.Solve(model) == cp_model.OPTIMAL
    return round(solver.ObjectiveValue())


def test_the_milp_has_the_same_optimum_and_its_relaxation_is_below():
    model, _ = small_model()
    optimum = cpsat_optimum(model)
    exact, _ = milp(model.Proto(), "SCIP")
    assert exact.Solve() == exact.OPTIMAL
    assert round(exact.Objective().Value()) == optimum
    relaxed, _ = milp(model.Proto(), "GLOP", relaxed=True)
    assert relaxed.Solve() == relaxed.OPTIMAL
    assert relaxed.Objective().Value() <= optimum + 1e-6


def test_a_changed_model_changes_the_milp_optimum_too():
    model, picks = small_model()
    before = cpsat_optimum(model)
    model.Add(picks[5] == 1)  # the 8-slot session forced in: more excess
    after = cpsat_optimum(model)
    assert after > before
    exact, _ = milp(model.Proto(), "SCIP")
    exact.Solve()
    assert round(exact.Objective().Value()) == after


def test_every_cpsat_solution_satisfies_every_row():
    model, picks = small_model()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.enumerate_all_solutions = True
    model.ClearObjective()
    seen = []

    class Collect(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            seen.append([self.Value(model.GetIntVarFromProtoIndex(i)) for i in range(len(model.Proto().variables))])

    solver.Solve(model, Collect())
    assert seen
    rows = rows_of(model.Proto())
    for values in seen:
        for row in rows:
            total = row.constant + sum(c * values[i] for i, c in row.terms.items())
            assert row.lower - 1e-9 <= total <= row.upper + 1e-9


def test_a_constraint_it_cannot_translate_is_refused():
    model = cp_model.CpModel()
    a, b = model.NewIntVar(0, 3, "a"), model.NewIntVar(0, 3, "b")
    model.AddMultiplicationEquality(model.NewIntVar(0, 9, "p"), [a, b])
    with pytest.raises(ValueError):
        rows_of(model.Proto())
