"""The whole path as a coordinator runs it: `scheduler plan` on realistic workbooks, then the
outputs read back: the Planning sheet, the calendars, the independent checker."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.checker import violations
from scheduler.cli import app
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
SUMMER = ROOT / "examples" / "summer-time-2027.xlsx"
CONTRACT = next((folder for folder in (ROOT.parent / "shared" / "contract", ROOT.parents[1] / "shared" / "contract")
                 if folder.is_dir()), ROOT.parent / "shared" / "contract")  # beside the checkout or its worktrees
PLANNING_COLUMNS = ["Séance", "Intervention", "Date", "Début", "Fin", "Semaine", "Phase", "Titre", "Thème",
                    "Format", "Intervenant", "Organisation", "Public", "Lieu"]

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_nancy_planning_sheet_is_the_contract(nancy_plan):
    sheet = load_workbook(nancy_plan / "planning.xlsx")["Planning"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:14]) == PLANNING_COLUMNS
    body = rows[1:]
    assert body, "the timetable is empty"
    keys = [(r[2], r[3]) for r in body]
    assert keys == sorted(keys), "rows are sorted by date and time"
    for row in body:
        assert isinstance(row[2], dt.datetime)  # a real date cell
        assert len(row[3]) == 5 and row[3][2] == ":" and len(row[4]) == 5


def test_nancy_plan_obeys_every_rule_read_back_from_excel(nancy_plan):
    problem = load(NANCY)
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    assert violations(problem, timetable) == []
    placed = [s for s in timetable.sessions if s.offer_id]
    required = sum(o.count for o in problem.offers if o.required)
    assert len(placed) >= required


def test_nancy_calendar_matches_the_sheet_at_local_hours(nancy_plan):
    problem = load(NANCY)
    zone = ZoneInfo(problem.programme.timezone)
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)
    calendar = icalendar.Calendar.from_ical((nancy_plan / "cohorte.ics").read_bytes())
    assert calendar.walk("VTIMEZONE"), "a VTIMEZONE is written"
    events = calendar.walk("VEVENT")
    assert len(events) == len(timetable.sessions)
    seen = set()
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and event["DTSTART"].params.get("TZID") == problem.programme.timezone
        local = start.astimezone(zone)
        seen.add((local.date(), local.hour * 60 + local.minute, str(event["SUMMARY"])))
    assert seen == {(s.day, s.start, s.title) for s in timetable.sessions}


def test_uids_stay_the_same_across_runs(nancy_plan, tmp_path):
    again = tmp_path / "again"
    assert run("plan", str(NANCY), "--out", str(again), "--time-limit", "5", "--workers", "2").exit_code == 0

    def uids(folder):
        return sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(
            (folder / "cohorte.ics").read_bytes()).walk("VEVENT"))
    first = uids(nancy_plan)
    assert len(set(first)) == len(first)
    assert first == uids(again)


def _events_of(path: Path, zone: ZoneInfo) -> tuple[str, list[tuple[dt.date, int, str]]]:
    """A calendar file's name and its events as (local date, local start in minutes, title), sorted."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = []
    for event in calendar.walk("VEVENT"):
        local = event.decoded("DTSTART").astimezone(zone)
        events.append((local.date(), local.hour * 60 + local.minute, str(event["SUMMARY"])))
    return str(calendar.calendar_name), sorted(events)


def test_personal_calendars_hold_exactly_what_each_person_attends(nancy_plan):
    problem = load(NANCY)
    zone = ZoneInfo(problem.programme.timezone)
    timetable = read_planning(nancy_plan / "planning.xlsx", problem)

    def expected(sessions):
        return sorted((s.day, s.start, s.title) for s in sessions)

    speakers = {s.speaker for s in timetable.sessions if s.speaker}
    files = sorted((nancy_plan / "intervenants").glob("*.ics"))
    assert len(files) == len(speakers), "one file per speaker who gives a session, and no other"
    named = {}
    for path in files:
        name, events = _events_of(path, zone)
        speaker = name.rsplit(" — ", 1)[-1]
        assert speaker in speakers, f"{path.name} is named after {speaker!r}, who gives no session"
        named[speaker] = events
    assert set(named) == speakers
    for speaker, events in named.items():
        assert events == expected(s for s in timetable.sessions if s.speaker == speaker), speaker
    for project in problem.projects:
        _, events = _events_of(nancy_plan / "projets" / f"{project.id}.ics", zone)
        assert events == expected(s for s in timetable.sessions if s.audience in ("Cohorte", project.id))
    group_of = dict(timetable.groups)
    participant_files = sorted((nancy_plan / "participants").glob("*.ics"))
    assert len(participant_files) == len(problem.participants)
    for path in participant_files:
        name, events = _events_of(path, zone)
        participant = name.rsplit(" — ", 1)[-1]
        group = group_of.get(participant)
        assert events == expected(s for s in timetable.sessions if s.audience in ("Cohorte", group)), participant


def test_summer_time_switch_keeps_local_hours(tmp_path):
    out = tmp_path / "summer"
    assert run("plan", str(SUMMER), "--out", str(out), "--time-limit", "5", "--workers", "2").exit_code == 0
    problem = load(SUMMER)
    zone = ZoneInfo(problem.programme.timezone)
    timetable = read_planning(out / "planning.xlsx", problem)
    events = icalendar.Calendar.from_ical((out / "cohorte.ics").read_bytes()).walk("VEVENT")
    by_uid_start = {(e.decoded("DTSTART").astimezone(zone).date(), e.decoded("DTSTART").astimezone(zone).hour)
                    for e in events}
    assert {(s.day, s.start // 60) for s in timetable.sessions} == by_uid_start
    offsets = {e.decoded("DTSTART").utcoffset() for e in events}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}, "the programme crosses the switch"


@pytest.mark.skipif(not (CONTRACT / "check_plan.py").exists(), reason="shared contract not beside the checkout")
def test_public_contract_sample_places_every_planted_session(tmp_path):
    sample = tmp_path / "public.xlsx"
    shutil.copy(CONTRACT / "public-may-2027.xlsx", sample)
    out = tmp_path / "pm"
    result = run("plan", str(sample), "--out", str(out), "--time-limit", "5", "--workers", "2")
    assert result.exit_code == 0, result.output
    check = subprocess.run([sys.executable, str(CONTRACT / "check_plan.py"), str(sample), str(out),
                            str(CONTRACT / "public-may-2027.json")], capture_output=True, text=True,
                           cwd=CONTRACT)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip().splitlines()[-1].endswith(", 0 violations")
