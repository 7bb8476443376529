"""`roll`: the next cohort's workbook from this one; the input never changes."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.core.errors import InvalidWorkbook
from scheduler.workbook.reading import load
from scheduler.workbook.roll import roll


def test_roll_keeps_partners_and_weekly_windows_and_drops_the_past(tmp_path):
    source = write_workbook(tmp_path / "promo.xlsx", valid_sheets())
    before = source.read_bytes()
    old = load(source)
    report = roll(source, dt.date(2027, 3, 1), tmp_path / "suite.xlsx")
    assert source.read_bytes() == before
    new = load(tmp_path / "suite.xlsx")
    assert new.programme.start_date == dt.date(2027, 3, 1) and new.programme.name == "Promo mars 2027"
    assert new.programme.weeks == old.programme.weeks and new.weights == old.weights
    assert new.speakers == old.speakers and new.organisations == old.organisations and new.themes == old.themes
    assert [w.speaker for w in new.windows] == ["Marc Petit"]  # the weekly window; Léa's dated one is gone
    assert new.participants == () and new.projects == ()
    assert [o.id for o in new.offers] == ["I1", "I2"]  # I3 mentored a project
    assert new.closures == () and [e.title for e in new.events] == []
    dropped = " ".join(m.fr for m in report.dropped)
    assert "Disponibilités" in dropped and "ligne 2" in dropped and "Léa Dupont" in dropped
    assert "I3, suivi du projet P1" in dropped


def test_roll_names_the_cohort_and_refuses_to_overwrite_its_input(tmp_path):
    source = write_workbook(tmp_path / "promo.xlsx", valid_sheets())
    roll(source, dt.date(2027, 3, 1), tmp_path / "suite.xlsx", name="Promo Printemps")
    assert load(tmp_path / "suite.xlsx").programme.name == "Promo Printemps"
    with pytest.raises(InvalidWorkbook):
        roll(source, dt.date(2027, 3, 1), source)


def test_rolling_a_year_workbook_gives_next_cohort_keeping_the_yearly_caps(tmp_path):
    from pathlib import Path

    from scheduler.workbook.year_reading import load_year

    example = Path(__file__).resolve().parent.parent / "examples" / "annee-2027.xlsx"
    report = roll(example, dt.date(2028, 1, 3), tmp_path / "suite.xlsx")
    year = load_year(tmp_path / "suite.xlsx")
    assert year.single and year.problems[0].programme.start_date == dt.date(2028, 1, 3)
    assert year.yearly_cap("Mathieu Perrin") == 4 and year.max_sessions_per_organisation_per_year == 10
    assert len(year.problems[0].windows) == len(load_year(example).problems[0].windows)  # all weekly
    assert sum("Accueil de la promotion" in m.fr for m in report.dropped) == 4
