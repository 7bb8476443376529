"""Reading a year workbook (SPEC §6): sheet `Promotions`, cohort columns, yearly caps, located errors."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.core.errors import InvalidWorkbook
from scheduler.workbook.reading import load
from scheduler.workbook.year_reading import load_year


def year_sheets():
    """The valid test workbook made a year of two cohorts: `Hiver` (the original dates) and `Printemps`."""
    sheets = valid_sheets()
    sheets["Promotions"] = [["Promotion", "Début", "Semaines", "Lieu"],
                            ["Hiver", dt.datetime(2026, 11, 2), 12, None],
                            ["Printemps", dt.datetime(2027, 3, 1), None, "Metz"]]
    sheets["Programme"] = [row for row in sheets["Programme"] if row[0] not in ("Nom", "Début")]
    sheets["Programme"].append(["Séances max par organisation et par an", 7])
    sheets["Participants"][0].append("Promotion")
    sheets["Participants"][1].append("Hiver")
    sheets["Participants"][2].append("Printemps")
    sheets["Participants"][1][3] = None  # Ana's second wish, P2, is a project of the other cohort
    sheets["Projets"][0].append("Promotion")
    sheets["Projets"][1] = ["P1", "Projet Acme", "Acme", None, 4, "Hiver"]
    sheets["Projets"][2].append("Printemps")
    sheets["Interventions"][0].append("Promotions")
    sheets["Interventions"][1].append("hiver")  # matched whatever the case
    sheets["Intervenants"][0].append("Max séances par an")
    sheets["Intervenants"][1].append(5)
    sheets["Disponibilités"].append(["Léa Dupont", dt.datetime(2027, 3, 2), None, None, None, None, None, None])
    return sheets


def errors_of(tmp_path, sheets) -> list[str]:
    with pytest.raises(InvalidWorkbook) as raised:
        load_year(write_workbook(tmp_path / "annee.xlsx", sheets))
    return [str(error) for error in raised.value.errors]


def test_a_workbook_without_cohorts_is_the_problem_it_always_was(tmp_path):
    path = write_workbook(tmp_path / "promo.xlsx", valid_sheets())
    year = load_year(path)
    assert year.single and year.problems == (load(path),)
    assert year.cohorts[0].name == "Promo test"


def test_each_cohort_gets_its_offers_rows_and_dates(tmp_path):
    year = load_year(write_workbook(tmp_path / "annee.xlsx", year_sheets()))
    assert not year.single and [c.name for c in year.cohorts] == ["Hiver", "Printemps"]
    winter, spring = year.problems
    assert winter.programme.start_date == dt.date(2026, 11, 2) and spring.programme.start_date == dt.date(2027, 3, 1)
    assert spring.programme.location == "Metz" and spring.programme.weeks == 12
    assert [o.id for o in winter.offers] == ["I1", "I2", "I3"]
    assert [o.id for o in spring.offers] == ["I2"]  # I1 is for Hiver only; I3 mentors Hiver's project
    assert spring.offer("I2").count == 2  # `Séances` counts per cohort
    assert [p.name for p in winter.participants] == ["Ana Martin"] and [p.id for p in spring.projects] == ["P2"]
    assert [w.row for w in spring.windows] == [3, 4] and [w.row for w in winter.windows] == [2, 3]
    assert [e.title for e in spring.events] == []  # the welcome is dated in Hiver, the review is P1's
    assert year.max_sessions_per_organisation_per_year == 7
    assert year.yearly_cap("Léa Dupont") == 5 and year.yearly_cap("Marc Petit") is None
    assert winter.speaker("Léa Dupont").max_sessions_per_year == 5
    assert year.name.startswith("Année")


def test_an_unknown_cohort_name_is_located(tmp_path):
    sheets = year_sheets()
    sheets["Interventions"][2].append("Automne")
    errors = errors_of(tmp_path, sheets)
    assert any("Interventions" in e and "ligne 3" in e and "Automne" in e for e in errors)


def test_a_participant_in_no_cohort_is_an_error_when_there_are_several(tmp_path):
    sheets = year_sheets()
    sheets["Participants"][2][-1] = None
    errors = errors_of(tmp_path, sheets)
    assert any("Participants" in e and "ligne 3" in e and "promotion" in e for e in errors)


def test_a_cohort_starting_on_a_closed_day_is_an_error(tmp_path):
    sheets = year_sheets()
    sheets["Fermetures"].append([dt.datetime(2027, 2, 22), dt.datetime(2027, 3, 5), "Vacances d'hiver"])
    errors = errors_of(tmp_path, sheets)
    assert any("Promotions" in e and "ligne 3" in e and "Vacances d'hiver" in e for e in errors)


def test_overlapping_cohorts_cannot_share_a_participant(tmp_path):
    sheets = year_sheets()
    sheets["Promotions"][2][1] = dt.datetime(2026, 12, 7)  # Printemps now runs during Hiver
    sheets["Participants"][2][0] = "Ana Martin"
    errors = errors_of(tmp_path, sheets)
    assert any("Participants" in e and "ligne 3" in e and "Hiver" in e for e in errors)
    # Control: the same person in two cohorts one after the other is fine.
    sheets = year_sheets()
    sheets["Participants"][2][0] = "Ana Martin"
    assert len(load_year(write_workbook(tmp_path / "suite.xlsx", sheets)).problems) == 2


def test_a_window_in_no_cohort_is_located(tmp_path):
    sheets = year_sheets()
    sheets["Disponibilités"].append(["Léa Dupont", dt.datetime(2027, 9, 7), None, None, None, None, None, None])
    errors = errors_of(tmp_path, sheets)
    assert any("Disponibilités" in e and "ligne 5" in e and "aucune promotion" in e for e in errors)


def test_an_ordinary_mistake_is_reported_once_not_per_cohort(tmp_path):
    sheets = year_sheets()
    sheets["Intervenants"][2][2] = "pas-un-email"
    errors = errors_of(tmp_path, sheets)
    assert sum("Intervenants" in e and "ligne 3" in e for e in errors) == 1


def test_a_theme_the_yearly_caps_cannot_cover_is_warned_with_the_arithmetic(tmp_path):
    sheets = year_sheets()  # I2 (Data, 2 sessions, Marc Petit) is for both cohorts: 2 + 2 Data sessions needed
    sheets["Intervenants"][2].append(3)  # Marc Petit: 3 a year
    year = load_year(write_workbook(tmp_path / "annee.xlsx", sheets))
    notes = [str(n) for n in year.warnings if "Thèmes" in str(n) and "Data" in str(n)]
    assert len(notes) == 1 and "3 (Marc Petit) = 3" in notes[0] and "pour 4" in notes[0]
    sheets["Intervenants"][2][-1] = 4  # control: just enough
    year = load_year(write_workbook(tmp_path / "assez.xlsx", sheets))
    assert not [n for n in year.warnings if "Thèmes" in str(n) and "Data" in str(n)]
