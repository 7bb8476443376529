"""The workbook adapters import downward only: never the solver, never the exports (issue 10, part 2)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers_imports import imported_modules

WORKBOOK = Path(__file__).resolve().parents[1] / "scheduler" / "workbook"



@pytest.mark.parametrize("path", sorted(WORKBOOK.glob("*.py")), ids=lambda p: p.name)
def test_a_workbook_module_imports_neither_the_solver_nor_the_exports(path):
    wrong = {m for m in imported_modules(path) if m.startswith(("scheduler.solver", "scheduler.exports", "ortools"))}
    assert not wrong, f"{path.name} imports {sorted(wrong)}"


def test_reading_and_writing_workbooks_loads_no_solver():
    code = ("import sys, scheduler.workbook.reading, scheduler.workbook.planning_reader, scheduler.workbook.writing; "
            "print(sorted(m for m in sys.modules if m.startswith(('ortools', 'scheduler.solver', 'scheduler.exports'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_test_sees_an_import_of_the_solver(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from scheduler.solver.solve import solve\n")
    assert "scheduler.solver.solve" in imported_modules(module)
