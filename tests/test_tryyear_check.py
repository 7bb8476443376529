"""`check` on a year with mistakes, read as a coordinator reads it (SPEC §6): one message per mistake, none
that follows from another (a participant without a cohort is not counted in every cohort's groups), and
counts in the right grammatical number."""
from __future__ import annotations

import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.core.errors import InvalidWorkbook
from scheduler.workbook.reading import load
from test_year_cli import plannable_sheets, run


def test_a_participant_without_cohort_is_one_message_not_three(tmp_path):
    sheets = plannable_sheets()
    sheets["Participants"].append(["Sans Promo", None, "P1", None, None, None])
    result = run("check", write_workbook(tmp_path / "annee.xlsx", sheets))
    assert result.exit_code == 1
    assert "1 erreur dans" in result.output, result.output
    assert "indiquez la promotion de ce participant" in result.output
    assert "participants sont listés" not in result.output and "tailles max" not in result.output


def test_one_participant_and_no_project_is_said_in_the_singular(tmp_path):
    sheets = valid_sheets()
    sheets["Participants"] = sheets["Participants"][:2]
    sheets["Projets"] = sheets["Projets"][:1]
    sheets["Interventions"] = [row for row in sheets["Interventions"] if row[9] is None or row[0] == "ID"]
    sheets["Événements"] = [row for row in sheets["Événements"] if row[7] in ("Public", "Cohorte")]
    with pytest.raises(InvalidWorkbook) as raised:
        load(write_workbook(tmp_path / "promo.xlsx", sheets))
    texts = [str(error) for error in raised.value.errors]
    assert any("1 participant est listé mais aucun projet ne peut l'accueillir" in t for t in texts), texts
    assert not any("1 participants" in t for t in texts)


def test_the_summary_counts_every_warning_printed_the_groups_notes_too(tmp_path):
    result = run("check", write_workbook(tmp_path / "annee.xlsx", plannable_sheets()))
    assert result.exit_code == 0, result.output
    printed = result.output.count("attention :")
    assert printed >= 1 and f"aucune erreur, {printed} avertissement" in result.output, result.output
    one = run("check", write_workbook(tmp_path / "promo.xlsx", valid_sheets()))
    printed = one.output.count("attention :")
    assert f"aucune erreur, {printed} avertissement" in one.output, one.output


def test_a_project_without_cohort_is_one_message_not_also_its_mentoring_offer(tmp_path):
    sheets = plannable_sheets()
    sheets["Projets"][1][-1] = None  # P1 (mentored by I3, with a weekly group event) loses its cohort
    sheets["Participants"][1][2] = "P2"  # (Ana's wish moves to a project that still has its cohort…)
    sheets["Participants"][1][-1] = "Printemps"  # (… and so does Ana)
    result = run("check", write_workbook(tmp_path / "annee.xlsx", sheets))
    assert result.exit_code == 1
    assert "indiquez la promotion de ce projet" in result.output, result.output
    assert "« P1 » n'est pas dans la colonne « ID »" not in result.output, result.output
