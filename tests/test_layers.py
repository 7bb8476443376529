"""The layers only import downward: the import-linter contracts of pyproject.toml hold, and importing
the solver or the core loads no spreadsheet, calendar-file or command-line library."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IO_LIBRARIES = ("openpyxl", "icalendar", "typer", "rich")  # (ortools itself loads pandas)


def test_import_contracts_are_kept():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_a_broken_contract_is_caught(tmp_path):
    """The check can fail: the solver does import ortools, so forbidding it must break the contract."""
    from importlinter.cli import lint_imports

    config = tmp_path / "contract.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["scheduler"]\ninclude_external_packages = true\n\n'
                      '[[tool.importlinter.contracts]]\nname = "no ortools"\ntype = "forbidden"\n'
                      'source_modules = ["scheduler.solver.model"]\nforbidden_modules = ["ortools"]\n',
                      encoding="utf-8")
    assert lint_imports(config_filename=str(config), no_cache=True) == 1


def _loaded_after_import(module: str) -> set[str]:
    """The I/O libraries a fresh interpreter has loaded after importing `module`."""
    code = (f"import sys, {module}; "
            f"print(' '.join(name for name in {IO_LIBRARIES!r} if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", ["scheduler.core.instance", "scheduler.core.calendar", "scheduler.checker",
                                    "scheduler.solver.model", "scheduler.solver.lexicographic"])
def test_core_and_model_load_no_io_library(module):
    assert _loaded_after_import(module) == set()


def test_solving_loads_no_io_library():
    assert _loaded_after_import("scheduler.solver.solve") == set()


def test_core_loads_no_solver_nor_tables():
    code = "import sys, scheduler.core.instance; print('ortools' in sys.modules, 'pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.split() == ["False", "False"]
