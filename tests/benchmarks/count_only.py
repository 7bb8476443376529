"""The baseline of issue 14.3: read the workbook, build the model, solve the placed count only.

    .venv/bin/python tests/benchmarks/count_only.py examples/nancy-novembre-2026.xlsx

The whole `scheduler plan` (read, both stages, every export) is timed against this process, pair
by pair (e.g. `/usr/bin/time -v` on each, alternately): the target is a ratio of at most 1.5.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ortools.sat.python import cp_model

from scheduler.solver.objective import placed_sessions
from scheduler.solver.solve import build_model
from scheduler.workbook.reading import load


def main(path: str) -> None:
    pm = build_model(load(Path(path)))
    pm.model.Maximize(placed_sessions(pm))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.Solve(pm.model)
    print(f"{round(solver.ObjectiveValue())} placed ({solver.StatusName(status)}) in {solver.WallTime():.2f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/nancy-novembre-2026.xlsx")
