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


def test_each_cohorts_resolution_sheet_gives_its_own_figures_not_the_years(tmp_path):
    import json

    import openpyxl

    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    year = json.loads((tmp_path / "out" / "resolution.json").read_text(encoding="utf-8"))
    assert year["placed_bound"] == year["placed"]  # the year's proven count is still given
    for cohort in year["cohorts"]:
        sheet = openpyxl.load_workbook(tmp_path / "out" / cohort["folder"] / "planning.xlsx")["Résolution"]
        rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
        assert rows["Séances placées"] == str(cohort["placed"])
        assert rows["Pénalité des préférences (pondérée, plus bas = mieux)"] == str(cohort["penalty"])
        # the year's bounds are not this cohort's: no "bound" row that would read 5 possible for 3 placed
        assert "Borne du nombre de séances" not in rows and "Écart à la borne" not in rows
    assert sum(c["penalty"] for c in year["cohorts"]) == year["penalty"]


def test_required_sessions_over_a_speakers_yearly_cap_name_the_speaker_and_row(tmp_path):
    sheets = plannable_sheets()
    header = sheets["Interventions"][0]
    sheets["Interventions"][1][header.index("Promotions")] = None  # I1 (Léa Dupont, required) in both cohorts…
    sheets["Interventions"][1][header.index("Thème")] = "Data"  # (no theme falls short: only her cap is at fault)
    sheets["Interventions"][3][header.index("Thème")] = "Data"
    sheets["Intervenants"][1][-1] = 1  # … but Léa gives 1 session a year
    sheets["Disponibilités"].append(["Léa Dupont", None, "mardi", "09:00", "12:30", None, None, None])
    workbook = write_workbook(tmp_path / "annee.xlsx", sheets)
    checked = run("check", workbook)
    assert "feuille « Intervenants », ligne 2, colonne « Max séances par an »" in checked.output, checked.output
    result = run("plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert result.exit_code == 3, result.output
    assert ("Léa Dupont (Intervenants, ligne 2) : ses interventions obligatoires I1 demandent 2 séances dans "
            "l'année (Hiver 1, Printemps 1), plus que son « Max séances par an » (1)") in result.output
    sheets["Intervenants"][1][-1] = 2  # control twin
    assert run("plan", write_workbook(tmp_path / "assez.xlsx", sheets), "--out", tmp_path / "ok",
               "--workers", 1).exit_code == 0


def test_the_english_summary_writes_percentages_the_english_way(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    result = run("--lang", "en", "plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert result.exit_code == 0, result.output
    assert "the worst-served cohort has 50% of its sessions" in result.output, result.output
    french = run("plan", workbook, "--out", tmp_path / "fr", "--workers", 1)
    assert "la promotion la moins servie a 50 % de ses séances" in french.output  # French: a space before %
