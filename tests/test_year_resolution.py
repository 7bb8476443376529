"""The year's figures (issue 14 for a year): `plan` prints the soft rules' penalty against its proven bound and
writes `DIR/resolution.json` with the keys of a cohort's, scored by the solver-free scorer."""
from __future__ import annotations

import json

from helpers_workbooks import write_workbook
from scheduler.core.scoring import soft_penalty
from test_year_cli import plannable_sheets, run, year_checked


def test_plan_writes_the_years_resolution_and_prints_its_gap(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    planned = run("plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert planned.exit_code == 0, planned.output
    assert "Préférences" in planned.output
    figures = json.loads((tmp_path / "out" / "resolution.json").read_text(encoding="utf-8"))
    assert {"placed", "offered", "placed_optimal", "penalty", "bound", "gap", "rules", "seconds", "work", "solver",
            "seed", "cohorts"} <= set(figures)
    year, timetables, found = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    assert found == []
    scored = [soft_penalty(problem, timetable) for problem, timetable in zip(year.problems, timetables)]
    assert [c["penalty"] for c in figures["cohorts"]] == scored and figures["penalty"] == sum(scored)
    assert figures["placed"] == sum(1 for t in timetables for s in t.sessions if s.offer_id)
    assert 0 <= figures["bound"] <= figures["penalty"] and 0 <= figures["gap"] <= figures["gap_limit"] + 1e-9
    assert figures["placed_optimal"] is True and set(figures["seconds"]) >= {"placed", "worst", "soft", "solve"}
    assert [c["name"] for c in figures["cohorts"]] == ["Hiver", "Printemps"]
