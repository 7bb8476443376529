"""Same workbook, same version → the same timetable (issue 11.1), on one worker and on two; `plan`
never silently reshuffles a plan it already wrote; resolution.json says what the solve proved."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.app.errors import PlanExists
from scheduler.app.plan import plan
from scheduler.checker import violations
from scheduler.cli import app
from scheduler.core.scoring import soft_scores, weighted_penalty
from scheduler.solver.solve import SolveOptions, solve
from scheduler.workbook.reading import load

NANCY = Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx"
SUMMER = NANCY.with_name("summer-time-2027.xlsx")
KEYS = {"placed", "offered", "placed_optimal", "penalty", "bound", "gap", "rules", "seconds", "solver", "seed"}


def planning_cells(folder: Path) -> list[tuple]:
    """Every cell of the `Planning` sheet, row by row."""
    sheet = load_workbook(folder / "planning.xlsx", read_only=True)["Planning"]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def two_default_runs(tmp_path_factory) -> tuple[Path, Path]:
    """Two `plan` runs of the Nancy example with the default options, each into its own folder."""
    folders = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    for folder in folders:
        plan(NANCY, folder)
    return folders


def test_two_default_runs_write_the_same_planning_cells(two_default_runs):
    first, second = two_default_runs
    cells = planning_cells(first)
    assert len(cells) > 60
    assert cells == planning_cells(second)


def test_two_runs_on_two_workers_give_the_same_timetable():
    problem = load(NANCY)
    options = SolveOptions(workers=2, work_limit=1.0, time_limit=600)  # the work limit, not the clock, stops it
    first, second = solve(problem, options), solve(problem, options)
    assert violations(problem, first.timetable) == []
    assert first.timetable.sessions == second.timetable.sessions
    assert first.timetable.figures.wall_stopped is False


def test_resolution_json_states_what_was_proven(two_default_runs):
    folder = two_default_runs[0]
    figures = json.loads((folder / "resolution.json").read_text(encoding="utf-8"))
    assert KEYS <= set(figures)
    problem = load(NANCY)
    assert figures["offered"] == sum(offer.count for offer in problem.offers)
    assert figures["placed_optimal"] is True and figures["placed"] == figures["placed_bound"]
    from scheduler.workbook.planning_reader import read_planning

    timetable = read_planning(folder / "planning.xlsx", problem)
    assert figures["rules"] == soft_scores(problem, timetable)  # the solver-free scorer, on the written plan
    assert figures["penalty"] == weighted_penalty(problem, figures["rules"])
    assert figures["bound"] <= figures["penalty"]
    assert figures["gap"] == pytest.approx((figures["penalty"] - figures["bound"]) / figures["penalty"], abs=1e-4)
    assert figures["gap"] <= 0.01  # the default stop: proven within 1 % of the bound
    assert {"placed", "soft", "exports"} <= set(figures["seconds"]) and figures["reproducible"] is True


def test_the_soft_stage_stops_at_the_gap_the_coordinator_sets():
    problem = load(NANCY)
    loose = solve(problem, SolveOptions(gap=0.5, time_limit=600))  # stop once within 50 % of the bound
    assert loose.penalty_bound >= 0.5 * loose.penalty
    assert loose.timetable.figures.gap_limit == 0.5


def test_plan_refuses_a_folder_that_holds_a_plan(two_default_runs, tmp_path):
    folder = two_default_runs[0]
    before = (folder / "planning.xlsx").read_bytes()
    with pytest.raises(PlanExists):
        plan(NANCY, folder)
    result = CliRunner().invoke(app, ["plan", str(NANCY), "--out", str(folder)])
    assert result.exit_code == 2
    assert "replan" in result.output and "--force" in result.output
    assert (folder / "planning.xlsx").read_bytes() == before, "the plan people may have imported is kept"


def test_force_plans_again_into_a_folder_that_holds_a_plan(tmp_path):
    workbook = SUMMER
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["plan", str(workbook), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert runner.invoke(app, ["plan", str(workbook), "--out", str(out)]).exit_code == 2
    forced = runner.invoke(app, ["plan", str(workbook), "--out", str(out), "--force", "--gap", "5"])
    assert forced.exit_code == 0, forced.output
    assert json.loads((out / "resolution.json").read_text(encoding="utf-8"))["gap_limit"] == 0.05


def test_verify_prints_the_soft_penalty_the_plan_reached(two_default_runs):
    folder = two_default_runs[0]
    penalty = json.loads((folder / "resolution.json").read_text(encoding="utf-8"))["penalty"]
    result = CliRunner().invoke(app, ["verify", str(NANCY), str(folder / "planning.xlsx")])
    assert result.exit_code == 0, result.output
    assert f"Pénalité des préférences de ce planning : {penalty}." in result.output
