"""`plan` on a year, read as a coordinator reads it (SPEC §6): a session left out because its organisation
reached the yearly cap says so, instead of the vague one-cohort reason."""
from __future__ import annotations

from helpers_workbooks import write_workbook
from test_year_cli import plannable_sheets, run, year_checked


def _with_organisation_yearly_cap(cap: int):
    sheets = plannable_sheets()
    sheets["Programme"] = [row for row in sheets["Programme"] if row[0] != "Séances max par organisation et par an"]
    sheets["Programme"].append(["Séances max par organisation et par an", cap])
    return sheets


def test_a_session_left_out_by_the_organisations_yearly_cap_names_that_cap(tmp_path):
    # Marc Petit (Ville de Nancy) offers I2 twice in each cohort: 4 phase-1 sessions, for a yearly cap of 3.
    workbook = write_workbook(tmp_path / "annee.xlsx", _with_organisation_yearly_cap(3))
    result = run("plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert result.exit_code == 0, result.output
    assert year_checked(workbook, tmp_path / "out" / "annee.xlsx")[2] == []
    assert "I2 × 1 — Ville de Nancy a atteint son plafond annuel : 3 séances de phase 1 dans l'année" in result.output
    english = run("--lang", "en", "plan", workbook, "--out", tmp_path / "en", "--workers", 1)
    assert "I2 × 1 — Ville de Nancy reached its yearly cap: 3 phase-1 sessions in the year" in english.output
    # control twin: a cap of 4 leaves nothing out for that reason
    workbook = write_workbook(tmp_path / "assez.xlsx", _with_organisation_yearly_cap(4))
    enough = run("plan", workbook, "--out", tmp_path / "assez", "--workers", 1)
    assert enough.exit_code == 0 and "plafond annuel" not in enough.output
