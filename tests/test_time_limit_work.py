"""--time-limit given on the command line is also the solver's deterministic work; left out, the default work holds."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.cli_options import TimeLimitOption, limits
from scheduler.solver.solve import SolveOptions

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx"


def _limits_of(arguments: list[str]) -> dict:
    probe = typer.Typer()
    seen: dict = {}

    @probe.command()
    def run(ctx: typer.Context, time_limit: TimeLimitOption = 60.0) -> None:
        seen.update(limits(ctx, time_limit))

    assert CliRunner().invoke(probe, arguments).exit_code == 0
    return seen


def test_a_given_time_limit_is_also_the_work_allowed():
    assert _limits_of(["--time-limit", "30"]) == {"time_limit": 30.0, "work_limit": 30.0}


def test_without_a_time_limit_the_default_work_holds():
    found = _limits_of([])
    assert found == {"time_limit": 60.0}
    assert SolveOptions(**found).work_limit == SolveOptions().work_limit


def test_plan_with_a_short_time_limit_does_less_work(tmp_path):
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "--out", str(tmp_path / "out"), "--time-limit", "1"])
    assert result.exit_code == 0, result.output
    work = json.loads((tmp_path / "out" / "resolution.json").read_text(encoding="utf-8"))["work"]
    assert 0 < sum(work.values()) <= 1.0 + 1e-6
