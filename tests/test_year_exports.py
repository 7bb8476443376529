"""Outputs of a year of cohorts (SPEC §6): per-cohort folders, annee.xlsx, speakers' year calendars, index."""
from __future__ import annotations

from dataclasses import replace

import openpyxl
from icalendar import Calendar

from scheduler.core.domain import FixedEvent, Speaker, Window
from scheduler.exports.year import write_speaker_calendars, write_year
from scheduler.solver.year import solve_year
from test_year_model import LATER, OPTIONS, year_of
from tiny import H, MONDAY, offer, problem


def planned_year():
    windows = [Window(s, weekday=day) for s in ("S1", "S2") for day in range(5)]
    events = [FixedEvent("Accueil", 9 * H, 10 * H, weekday=0, first=MONDAY, last=MONDAY)]
    base = problem([offer("I1", "S1", count=2), offer("I2", "S2")], windows, events=events, weeks=4, phase1_weeks=4)
    year = year_of(base, [("Hiver 2026", MONDAY), ("Printemps 2027", LATER)],
                   [Speaker("S1", "Org S1", max_sessions_per_year=3), Speaker("S2", "Org S2")])
    return year, solve_year(year, OPTIONS)


def test_year_outputs(tmp_path):
    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    for folder in ("hiver-2026", "printemps-2027"):
        assert (tmp_path / folder / "planning.xlsx").exists() and (tmp_path / folder / "cohorte.ics").exists()
    workbook = openpyxl.load_workbook(tmp_path / "annee.xlsx")
    sheet = workbook["Année"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Promotion", "Séance", "Intervention"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(t.sessions) for t in result.timetables)
    assert {r[0] for r in rows} == {"Hiver 2026", "Printemps 2027"}
    assert sum(1 for r in rows if r[2] is None) == 1  # the welcome event of the first cohort only
    speakers = {r[0]: r for r in workbook["Intervenants"].iter_rows(min_row=2, values_only=True)}
    assert speakers["S1"][-2:] == (3, 3)  # three sessions in the year, its cap
    calendar = Calendar.from_ical((tmp_path / "intervenants" / "s1.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    assert {"Hiver 2026" in str(e["DESCRIPTION"]) for e in events} == {True, False}
    page = (tmp_path / "planning.html").read_text(encoding="utf-8")
    assert 'href="hiver-2026/planning.html"' in page and 'href="printemps-2027/planning.html"' in page


def test_annee_xlsx_reads_back_as_the_cohorts_timetables(tmp_path):
    from scheduler.checker_year import year_violations
    from scheduler.workbook.year_planning_reader import read_year_planning

    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    again = read_year_planning(tmp_path / "annee.xlsx", year)
    for read, planned in zip(again, result.timetables):
        assert read.sorted_sessions() == planned.sorted_sessions()
    assert year_violations(year, again) == []


def test_an_unknown_cohort_in_annee_xlsx_is_located(tmp_path):
    import pytest

    from scheduler.core.errors import InvalidWorkbook
    from scheduler.workbook.year_planning_reader import read_year_planning

    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / "annee.xlsx")
    workbook["Année"].cell(3, 1).value = "Été 2027"
    workbook.save(tmp_path / "edited.xlsx")
    with pytest.raises(InvalidWorkbook) as raised:
        read_year_planning(tmp_path / "edited.xlsx", year)
    assert [(e.sheet, e.row, e.value) for e in raised.value.errors] == [("Année", 3, "Été 2027")]


def test_groups_of_every_cohort_read_back_from_annee_xlsx(tmp_path):
    from dataclasses import replace

    from scheduler.core.domain import Participant, Project
    from scheduler.workbook.year_planning_reader import read_year_planning

    year, _ = planned_year()
    projects = (Project("P1", "Un", "Org S1"), Project("P2", "Deux", "Org S2"))
    people = [(Participant("Ana", wishes=("P1",)), Participant("Bob", wishes=("P2",))),
              (Participant("Chloé", wishes=("P2",)),)]
    year = replace(year, problems=tuple(replace(p, projects=projects, participants=who)
                                        for p, who in zip(year.problems, people)))
    result = solve_year(year, OPTIONS)
    write_year(year, result.timetables, tmp_path)
    again = read_year_planning(tmp_path / "annee.xlsx", year)
    assert [t.groups for t in again] == [(("Ana", "P1"), ("Bob", "P2")), (("Chloé", "P2"),)]


def test_free_text_with_control_characters_cannot_break_a_speakers_year_calendar(tmp_path):
    year, result = planned_year()
    first = result.timetables[0]
    noisy = tuple(replace(s, title="Atelier\x07 bip\x0b", location="Salle\x1b 2", theme="Web\x00") if s.offer_id
                  else s for s in first.sessions)
    write_speaker_calendars(year, (replace(first, sessions=noisy), *result.timetables[1:]), tmp_path)
    data = (tmp_path / "intervenants" / "s1.ics").read_bytes()
    assert not any(byte in data for byte in (b"\x07", b"\x0b", b"\x1b", b"\x00"))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert "Atelier bip" in {str(e["SUMMARY"]) for e in events} and "Salle 2" in {str(e.get("LOCATION")) for e in events}


def test_the_years_index_page_has_the_look_of_the_cohorts_pages(tmp_path):
    from scheduler.exports.page import page_style

    year, result = planned_year()
    write_year(year, result.timetables, tmp_path, "en")
    page = (tmp_path / "planning.html").read_text(encoding="utf-8")
    cohort_page = (tmp_path / "hiver-2026" / "planning.html").read_text(encoding="utf-8")
    assert page_style() in page and page_style() in cohort_page  # one stylesheet, one look
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page  # readable on a phone
    assert "grid-template-columns: repeat(auto-fill, minmax(260px, 1fr))" in page  # one column at 390 px
    assert page.count("<li>") == 2 and "Starts: 2026-11-02" in page and "Sessions placed: 2 / 3" in page
