"""A session kept at its time but given another place or title is a change people are told about.

Found trying calendars as people live them: after a hand edit moving a conference to the town hall
(same day, same hours), `export` raised the event's SEQUENCE in every calendar but listed no change,
wrote no `Changements` row and no message: the speaker would have gone to the old place.
"""
from __future__ import annotations

import email
from dataclasses import replace
from email import policy

from openpyxl import load_workbook

from scheduler.exports import write_all
from scheduler.exports.changes import CHANGED, change_line, describe_changes
from tests.tiny_people import checked, people_problem, people_timetable

TOWN_HALL = "Hôtel de Ville, salle Émile-Gallé; Nancy"


def _moved_to_town_hall():
    planned = people_timetable()  # rows as plan writes them: every session names its place
    before = replace(planned, sessions=tuple(replace(s, location=s.location or "Maison de l'Emploi, Nancy")
                                             for s in planned.sessions))
    after = replace(before, sessions=tuple(replace(s, location=TOWN_HALL) if s.session_id == "I1-1" else s
                                           for s in before.sessions))
    return before, after


def _text(path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_a_new_place_at_the_same_time_is_a_change_saying_from_where_to_where():
    before, after = _moved_to_town_hall()
    changes = describe_changes(before.sessions, after.sessions)
    assert [(c.kind, c.session.session_id) for c in changes] == [(CHANGED, "I1-1")]
    line = change_line(changes[0])
    assert line.startswith("Modifiée : I1-1 « Les métiers du web » (Léa Dupont), lun. 02/11/2026 10:00–12:00")
    assert f"lieu : Maison de l'Emploi, Nancy → {TOWN_HALL}" in line
    assert "Place: Maison de l'Emploi, Nancy → " in change_line(changes[0], "en")


def test_a_new_title_is_a_change_and_an_unchanged_session_is_none():
    before = people_timetable()
    after = replace(before, sessions=tuple(replace(s, title="Les métiers du web, 2e édition")
                                           if s.session_id == "I1-1" else s for s in before.sessions))
    changes = describe_changes(before.sessions, after.sessions)
    assert [(c.kind, c.session.session_id) for c in changes] == [(CHANGED, "I1-1")]
    assert "titre : « Les métiers du web » → « Les métiers du web, 2e édition »" in change_line(changes[0])
    assert describe_changes(before.sessions, before.sessions) == []


def test_the_speaker_and_the_cohort_are_told_of_the_new_place(tmp_path):
    problem = people_problem()
    before, after = _moved_to_town_hall()
    write_all(problem, checked(problem, before), tmp_path)
    write_all(problem, checked(problem, after), tmp_path, "fr", describe_changes(before.sessions, after.sessions))
    folder = tmp_path / "messages"
    assert {"lea-dupont.eml", "ana-bernard.eml", "bob-colin.eml", "chloe-durand.eml"} <= \
        {p.name for p in folder.glob("*.eml")}
    for name in ("lea-dupont.eml", "ana-bernard.eml"):
        body = _text(folder / name)
        assert "Modifiée : « Les métiers du web », lundi 2 novembre 2026 10:00–12:00" in body
        assert f"lieu : Maison de l'Emploi, Nancy → {TOWN_HALL}" in body
    sheet = load_workbook(tmp_path / "planning.xlsx")["Changements"]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows and rows[0][0] == "Modifiée" and any(TOWN_HALL in str(c) for c in rows[0])


def test_a_cancelled_event_says_so_in_its_title_for_calendars_that_ignore_status(tmp_path):
    """Google Calendar's file import shows a STATUS:CANCELLED event as an ordinary one (someone importing the
    file for the first time would go to a cancelled session): its title starts with 'Annulée : '."""
    from icalendar import Calendar

    problem = people_problem()
    before = people_timetable()
    write_all(problem, checked(problem, before), tmp_path)
    after = replace(before, sessions=tuple(s for s in before.sessions if s.session_id != "I1-1"))
    write_all(problem, checked(problem, after), tmp_path, "fr", describe_changes(before.sessions, after.sessions))
    for path in ("cohorte.ics", "intervenants/lea-dupont.ics", "participants/ana-bernard.ics"):
        events = Calendar.from_ical((tmp_path / path).read_bytes()).walk("VEVENT")
        cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
        assert [str(e["SUMMARY"]) for e in cancelled] == ["Annulée : Les métiers du web"], path
        assert all(not str(e["SUMMARY"]).startswith("Annulée") for e in events if str(e["STATUS"]) == "CONFIRMED")
