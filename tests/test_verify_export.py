"""`verify` and `export` on a real `scheduler plan` output of the Nancy example, edited by hand with
openpyxl the way a coordinator edits it in Excel: dates typed as text, times as Excel times, rows
reordered, deleted, added, sessions moved. A legal edit reaches every calendar; a breaking one is
reported row by row and refused."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.checker import Calendar, violations, window_covers
from scheduler.cli import app
from scheduler.core.domain import Session
from scheduler.exports.calendars import STATE_FILE, carry_state
from scheduler.solver.solve import build_model
from scheduler.core.text import slug
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
runner = CliRunner()
SEANCE, OFFER, DATE, START, END, WEEK = 1, 2, 3, 4, 5, 6  # Planning columns as written by `plan`


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def problem():
    return load(NANCY)


def row_of(sheet, session_id: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, SEANCE).value == session_id)


def hm(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def uids(path: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split(".")[0]: e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def legal_move(problem, timetable) -> tuple[Session, Session]:
    """A non-required session and another week and time for it where every rule still holds."""
    pm = build_model(problem)
    for session in timetable.sorted_sessions():
        if session.is_event or problem.offer(session.offer_id).required:
            continue
        for placement in pm.by_offer[session.offer_id]:
            c = placement.candidate
            if c.week == session.week:
                continue
            moved = dataclasses.replace(session, day=c.day, start=c.start, end=c.end, week=c.week, phase=c.phase)
            trial = dataclasses.replace(timetable, sessions=tuple(moved if s is session else s for s in timetable.sessions))
            if not violations(problem, trial):
                return session, moved
    raise AssertionError("no legal move found")


def test_verify_accepts_a_sheet_edited_by_hand(nancy_plan, problem, tmp_path):
    workbook = load_workbook(nancy_plan / "planning.xlsx")
    sheet = workbook["Planning"]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    victim = next(r for r in rows if r[OFFER - 1] and not problem.offer(r[OFFER - 1]).required)
    rows.remove(victim)
    for row in rows:
        row[DATE - 1] = row[DATE - 1].strftime("%d/%m/%Y")  # dates typed as text
        row[START - 1] = row[START - 1].strftime("%H:%M")  # times typed as text
        row[END - 1] = row[END - 1].strftime("%H:%M")
    rows.reverse()  # reordered
    added = [None] * len(header)  # the deleted session typed again: only offer, date and times
    added[OFFER - 1], added[DATE - 1] = victim[OFFER - 1], victim[DATE - 1].strftime("%Y-%m-%d")
    added[START - 1] = victim[START - 1].strftime("%Hh%M")  # '14h30'
    added[END - 1] = hm(victim[END - 1].hour * 60 + victim[END - 1].minute)  # an Excel time
    sheet.delete_rows(2, sheet.max_row)
    for row in [*rows, added]:
        sheet.append(row)
    edited = tmp_path / "planning-modifie.xlsx"
    workbook.save(edited)
    result = run("verify", str(NANCY), str(edited))
    assert result.exit_code == 0, result.output
    assert "respecte toutes les règles" in result.output
    timetable = read_planning(edited, problem)
    assert f"{victim[OFFER - 1]}-new1" in {s.session_id for s in timetable.sessions}


def test_verify_names_the_row_the_session_the_rule_and_the_fact(nancy_plan, problem, tmp_path):
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    workbook = load_workbook(nancy_plan / "planning.xlsx")
    sheet = workbook["Planning"]
    required = next(s for s in timetable.sessions if s.offer_id and problem.offer(s.offer_id).required
                    and problem.offer(s.offer_id).count == 1)
    sheet.delete_rows(row_of(sheet, required.session_id))  # a required offer's only row deleted
    calendar = Calendar(problem)
    moved = next(s for s in timetable.sorted_sessions()
                 if s.offer_id and s.session_id != required.session_id and not problem.offer(s.offer_id).required)
    windows = [w for w in problem.windows if w.speaker == moved.speaker]
    away = next(day for day in sorted(calendar.week_of) if calendar.phase_of_day(day) == moved.phase
                and not any(window_covers(calendar, w, dataclasses.replace(moved, day=day)) for w in windows))
    sheet.cell(row_of(sheet, moved.session_id), DATE).value = away.strftime("%d/%m/%Y")  # moved where the speaker is away
    duplicate = next(s for s in timetable.sessions if s.offer_id and problem.offer(s.offer_id).count == 1
                     and s.session_id not in (required.session_id, moved.session_id))
    sheet.append([None, duplicate.offer_id, duplicate.day + dt.timedelta(weeks=1), "09:00", "10:00"])  # a row added
    edited = tmp_path / "planning-casse.xlsx"
    workbook.save(edited)
    result = run("verify", str(NANCY), str(edited))
    assert result.exit_code == 4
    lines = result.output.splitlines()
    availability = next(line for line in lines if "disponibilités de l'intervenant" in line)
    assert f"ligne {row_of(sheet, moved.session_id)} " in availability and moved.session_id in availability
    assert f"{moved.speaker} n'est pas disponible" in availability and away.strftime("%d/%m/%Y") in availability
    missing = next(line for line in lines if "interventions obligatoires" in line)
    assert required.offer_id in missing and "0 séance placée" in missing
    twice = next(line for line in lines if f"{duplicate.offer_id}-new1" in line and "proposée que 1 fois" in line)
    assert f"lignes {row_of(sheet, duplicate.session_id)}, {sheet.max_row} " in twice


def test_export_carries_a_hand_edit_to_every_calendar(nancy_plan, problem, tmp_path):
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    before, after = legal_move(problem, timetable)
    folder = tmp_path / "sortie"  # the coordinator edits planning.xlsx in place, beside its calendars
    shutil.copytree(nancy_plan, folder)
    workbook = load_workbook(folder / "planning.xlsx")
    sheet = workbook["Planning"]
    row = row_of(sheet, before.session_id)
    sheet.cell(row, DATE).value = after.day.strftime("%d/%m/%Y")  # Semaine left as it was: recomputed
    sheet.cell(row, START).value, sheet.cell(row, END).value = hm(after.start), hm(after.end)
    dropped = next(s for s in timetable.sorted_sessions() if s.offer_id and s.session_id != before.session_id
                   and not problem.offer(s.offer_id).required
                   and not violations(problem, dataclasses.replace(
                       timetable, sessions=tuple(x for x in timetable.sessions if x is not s))))
    sheet.delete_rows(row_of(sheet, dropped.session_id))
    workbook.save(folder / "planning.xlsx")
    out = tmp_path / "export"  # a new folder: the calendar state must follow
    result = run("export", str(NANCY), str(folder / "planning.xlsx"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Semaine" in result.output and "recalculées" in result.output
    assert "2 changements pour les calendriers" in result.output
    told = list(load_workbook(out / "planning.xlsx")["Changements"].iter_rows(min_row=2, values_only=True))
    assert {row[1]: row[0] for row in told} == {before.session_id: "Déplacée", dropped.session_id: "Annulée"}
    exported = read_planning(out / "planning.xlsx", problem)
    assert violations(problem, exported) == []
    now = next(s for s in exported.sessions if s.session_id == before.session_id)
    assert (now.day, now.start, now.end, now.week) == (after.day, after.start, after.end, after.week)
    assert dropped.session_id not in {s.session_id for s in exported.sessions}
    speaker_file = out / "intervenants" / f"{slug(before.speaker)}.ics"
    for ics in (out / "cohorte.ics", speaker_file):
        event = uids(ics)[slug(before.session_id)]
        assert int(event["SEQUENCE"]) == 1 and event.decoded("DTSTART").date() == after.day
    cancelled = uids(out / "cohorte.ics")[slug(dropped.session_id)]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    untouched = [s for s in timetable.sessions if s.session_id not in (before.session_id, dropped.session_id)]
    events = uids(out / "cohorte.ics")
    assert all(int(events[slug(s.session_id)]["SEQUENCE"]) == 0 for s in untouched)
    assert run("verify", str(NANCY), str(out / "planning.xlsx")).exit_code == 0


def test_export_refuses_a_hand_edit_that_breaks_a_rule(nancy_plan, problem, tmp_path):
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    first, second = [s for s in timetable.sorted_sessions() if s.offer_id][:2]
    workbook = load_workbook(nancy_plan / "planning.xlsx")
    sheet = workbook["Planning"]
    row = row_of(sheet, second.session_id)  # second on top of first: the cohort in two places at once
    sheet.cell(row, DATE).value = first.day
    sheet.cell(row, START).value = hm(first.start)
    sheet.cell(row, END).value = hm(first.start + second.minutes)
    edited = tmp_path / "planning-casse.xlsx"
    workbook.save(edited)
    out = tmp_path / "export"
    assert run("verify", str(NANCY), str(edited)).exit_code == 4
    result = run("export", str(NANCY), str(edited), "--out", str(out))
    assert result.exit_code == 4
    assert "personne à deux endroits à la fois" in result.output
    assert re.search(rf"lignes? (\d+, )*{row}\b", result.output), result.output  # 'ligne 4' or 'lignes 3, 4'
    assert "Rien n'a été écrit" in result.output
    assert not out.exists()


def test_calendar_state_is_carried_into_a_new_folder(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    (old / STATE_FILE).write_text(json.dumps({"a": {"sequence": 2}, "b": {"sequence": 0}}), encoding="utf-8")
    assert carry_state(old, new)
    assert json.loads((new / STATE_FILE).read_text(encoding="utf-8")) == {"a": {"sequence": 2}, "b": {"sequence": 0}}
    (new / STATE_FILE).write_text(json.dumps({"a": {"sequence": 1}, "b": {"sequence": 5}}), encoding="utf-8")
    assert carry_state(old, new)  # each UID keeps its higher SEQUENCE
    assert json.loads((new / STATE_FILE).read_text(encoding="utf-8")) == {"a": {"sequence": 2}, "b": {"sequence": 5}}
    assert not carry_state(new, new) and not carry_state(tmp_path / "none", new)
