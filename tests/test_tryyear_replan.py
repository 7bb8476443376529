"""A year replanned after a speaker cancels, read as a coordinator reads it (SPEC §6): a session that must
leave its place is listed as moved, keeps its `Séance` (its calendar event moves, SEQUENCE raised, rather
than being cancelled and duplicated), and the reason names what changed, as one cohort's replan does."""
from __future__ import annotations

import datetime as dt

from helpers_workbooks import write_workbook
from test_year_cli import plannable_sheets, run, year_checked


def test_a_session_on_a_day_closed_since_for_its_cohort_is_moved_with_its_reason(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    _, before, _ = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    first = min((s for s in before[1].sessions if s.offer_id), key=lambda s: (s.day, s.start))  # spring's first
    sheets = plannable_sheets()
    sheets["Fermetures"][0].append("Promotion")
    sheets["Fermetures"][1].append(None)
    day = dt.datetime.combine(first.day, dt.time())
    sheets["Fermetures"].append([day, day, "Grève des transports", "Printemps"])  # closed for spring only
    changed = write_workbook(tmp_path / "changed.xlsx", sheets)
    replanned = run("replan", changed, "--previous", tmp_path / "out" / "annee.xlsx", "--out", tmp_path / "new",
                    "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    _, after, found = year_checked(changed, tmp_path / "new" / "annee.xlsx")
    assert found == []
    assert after[0].sessions == before[0].sessions  # winter untouched
    now = next((s for s in after[1].sessions if s.session_id == first.session_id), None)
    assert now is not None and now.day != first.day  # the same Séance, moved
    assert f"Déplacée : {first.session_id}" in replanned.output
    assert "Grève des transports" in replanned.output  # why it had to move
    assert "0 déplacée" not in replanned.output and "ajoutée" in replanned.output
