"""Replanning a year (SPEC §6): the speakers' year calendars update what changed (same UID, SEQUENCE raised,
cancellations) and offers removed from the workbook are cancelled with a note, as for one cohort."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
from icalendar import Calendar

from helpers_workbooks import write_workbook
from scheduler.exports.year import write_speaker_calendars
from test_year_cli import plannable_sheets, run, year_checked
from test_year_exports import planned_year


def events_of(path) -> dict[str, tuple[int, str, dt.datetime]]:
    """UID -> (SEQUENCE, STATUS, start) of every event of a calendar file."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): (int(e.get("SEQUENCE", 0)), str(e.get("STATUS", "")), e.decoded("DTSTART"))
            for e in calendar.walk("VEVENT")}


def test_a_speakers_year_calendar_raises_sequence_on_a_move_and_cancels_what_left(tmp_path):
    year, result = planned_year()
    write_speaker_calendars(year, result.timetables, tmp_path)
    first = events_of(tmp_path / "intervenants" / "s1.ics")
    assert {sequence for sequence, _, _ in first.values()} == {0}
    write_speaker_calendars(year, result.timetables, tmp_path)  # the same timetables again: nothing changes
    assert events_of(tmp_path / "intervenants" / "s1.ics") == first
    winter = result.timetables[0]
    moved = next(s for s in winter.sessions if s.speaker == "S1")
    later = replace(moved, day=moved.day + dt.timedelta(days=1))
    changed = replace(winter, sessions=tuple(later if s is moved else s for s in winter.sessions))
    write_speaker_calendars(year, (changed, *result.timetables[1:]), tmp_path)
    second = events_of(tmp_path / "intervenants" / "s1.ics")
    assert second.keys() == first.keys()  # the same UIDs: a re-import updates, not duplicates
    raised = {uid for uid in first if second[uid][0] > first[uid][0]}
    assert len(raised) == 1 and second[raised.pop()][2].date() == later.day
    spring = result.timetables[1]
    fewer = replace(spring, sessions=tuple(s for s in spring.sessions if s.speaker != "S1"))
    write_speaker_calendars(year, (changed, fewer), tmp_path)
    third = events_of(tmp_path / "intervenants" / "s1.ics")
    cancelled = {uid for uid, (_, status, _) in third.items() if status == "CANCELLED"}
    assert cancelled and third.keys() == first.keys()
    assert all(third[uid][0] == second[uid][0] + 1 for uid in cancelled)
    assert all(third[uid] == second[uid] for uid in third if uid not in cancelled)


def _moved_by_hand(workbook, annee) -> dt.date:
    """Move one session of annee.xlsx to another hour of its day or to the same hour a week later, where the
    year still obeys every rule (as a coordinator would, in the sheet `Année`); returns its new date."""
    book = openpyxl.load_workbook(annee)
    sheet = book["Année"]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in ("Date", "Début", "Fin", "Semaine", "Intervenant")}
    for row in range(2, sheet.max_row + 1):
        if not sheet.cell(row, column["Intervenant"]).value:
            continue
        was = {name: sheet.cell(row, number).value for name, number in column.items()}
        start, end = (dt.datetime.combine(dt.date.min, t) for t in (was["Début"], was["Fin"]))
        moves = [(dt.timedelta(0), dt.timedelta(minutes=m), 0) for m in (-60, -30, 30, 60)]
        moves += [(dt.timedelta(days=7 * w), dt.timedelta(0), w) for w in (1, -1, 2)]
        for days, minutes, weeks in moves:
            sheet.cell(row, column["Date"]).value = was["Date"] + days
            sheet.cell(row, column["Début"]).value = (start + minutes).time()
            sheet.cell(row, column["Fin"]).value = (end + minutes).time()
            sheet.cell(row, column["Semaine"]).value = was["Semaine"] + weeks
            book.save(annee)
            if year_checked(workbook, annee)[2] == []:
                return (was["Date"] + days).date()
        for name, number in column.items():
            sheet.cell(row, number).value = was[name]
        book.save(annee)
    raise AssertionError("no session could be moved by hand")


def test_replan_after_a_session_moved_by_hand_updates_its_year_calendar_event(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    out = tmp_path / "out"
    before = {path.name: events_of(path) for path in (out / "intervenants").glob("*.ics")}
    new_day = _moved_by_hand(workbook, out / "annee.xlsx")
    replanned = run("replan", workbook, "--previous", out / "annee.xlsx", "--out", tmp_path / "new", "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    assert year_checked(workbook, tmp_path / "new" / "annee.xlsx")[2] == []
    after = {path.name: events_of(path) for path in (tmp_path / "new" / "intervenants").glob("*.ics")}
    raised = [(name, uid) for name, events in after.items() for uid, (sequence, _, start) in events.items()
              if uid in before.get(name, {}) and sequence > before[name][uid][0]]
    assert len(raised) == 1  # the moved session: the same UID, SEQUENCE higher; no duplicate
    name, uid = raised[0]
    assert after[name][uid][2].date() == new_day and after[name][uid][1] == "CONFIRMED"
    assert {n: set(e) for n, e in after.items()} == {n: set(e) for n, e in before.items()}


def _with_extra_offer(sheets, extra: bool):
    header = sheets["Interventions"][0]
    if extra:
        row = [None] * len(header)
        for name, value in (("ID", "I4"), ("Intervenant", "Marc Petit"), ("Titre", "Data bis"), ("Thème", "Data"),
                            ("Format", "Atelier"), ("Durée (h)", 1), ("Séances", 1), ("Promotions", "Hiver")):
            row[header.index(name)] = value
        sheets["Interventions"].append(row)
    return sheets


def test_replan_cancels_the_sessions_of_an_offer_removed_from_the_workbook(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", _with_extra_offer(plannable_sheets(), True))
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    _, before, _ = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    assert any(s.offer_id == "I4" for s in before[0].sessions)
    changed = write_workbook(tmp_path / "changed.xlsx", _with_extra_offer(plannable_sheets(), False))
    replanned = run("replan", changed, "--previous", tmp_path / "out" / "annee.xlsx", "--out", tmp_path / "new",
                    "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    assert "I4" in replanned.output and "retirée de la feuille Interventions" in replanned.output
    assert "Printemps : inchangée" in replanned.output
    _, after, found = year_checked(changed, tmp_path / "new" / "annee.xlsx")
    assert found == [] and not any(s.offer_id == "I4" for t in after for s in t.sessions)
    kept = {(s.offer_id, s.day, s.start) for s in before[0].sessions if s.offer_id != "I4"}
    assert kept <= {(s.offer_id, s.day, s.start) for s in after[0].sessions}  # the rest of winter stays
    refused = run("verify", changed, tmp_path / "out" / "annee.xlsx")  # verify stays strict: the row is an error
    assert refused.exit_code != 0
