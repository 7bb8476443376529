"""Calendars people import: read by icalendar, by vobject and by a real calendar program (khal);
stable UIDs, SEQUENCE bumped only for what moved, cancellations, the state kept in the folder."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.core.domain import COHORT
from scheduler.exports.calendars import STATE_FILE, calendar_files, event_uid, session_uid, write_calendars
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load
from test_exports_xlsx import tiny

ROOT = Path(__file__).resolve().parents[1]
SUMMER = ROOT / "examples" / "summer-time-2027.xlsx"
KHAL = Path(sys.executable).parent / "khal"
STAMP = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.timezone.utc)


def events_of(path: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def sequences(path: Path) -> dict[str, int]:
    return {uid: int(e["SEQUENCE"]) for uid, e in events_of(path).items()}


def status(path: Path) -> dict[str, str]:
    return {str(e["SUMMARY"]) + "@" + e.decoded("DTSTART").isoformat(): str(e["STATUS"])
            for e in events_of(path).values()}


def moved(timetable, session_id: str, minutes: int):
    """The timetable with one session shifted by `minutes`."""
    return dataclasses.replace(timetable, sessions=tuple(
        dataclasses.replace(s, start=s.start + minutes, end=s.end + minutes) if s.session_id == session_id else s
        for s in timetable.sessions))


def uid_in(problem, timetable, session_id: str, path: str) -> str:
    """The UID of a `Séance` in one file of the tiny instance."""
    return event_uid(problem, next(s for s in timetable.sessions if s.session_id == session_id), path)


def without(timetable, session_id: str):
    return dataclasses.replace(timetable, sessions=tuple(s for s in timetable.sessions if s.session_id != session_id))


# ---------------------------------------------------------------------------------------------
# The tiny instance built in code

def test_every_file_is_a_named_published_calendar_with_its_zone(tmp_path):
    problem, timetable = tiny()
    written = write_calendars(problem, timetable, tmp_path, now=STAMP)
    relative = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert relative == sorted(["cohorte.ics", "intervenants/lea-dupont.ics", "intervenants/marc-petit.ics",
                               "projets/P1.ics", "projets/P2.ics", "participants/ana-martin.ics",
                               "participants/bob-durand.ics"])
    for path in written:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
        assert str(calendar["X-WR-CALNAME"]).startswith("Promo test")
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Paris"
        zones = calendar.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"]
        for event in calendar.walk("VEVENT"):
            assert event["DTSTART"].params["TZID"] == "Europe/Paris"
            assert event.decoded("DTSTAMP") == STAMP
    assert str(icalendar.Calendar.from_ical((tmp_path / "intervenants/lea-dupont.ics").read_bytes())[
        "X-WR-CALNAME"]) == "Promo test — Léa Dupont"


def test_each_file_holds_exactly_what_that_person_attends_or_gives(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)

    def titles_at(path):
        return sorted((e.decoded("DTSTART").date(), str(e["SUMMARY"]))
                      for e in events_of(tmp_path / path).values())

    def expected(keep):
        return sorted((s.day, s.title) for s in timetable.sessions if keep(s))
    assert titles_at("cohorte.ics") == expected(lambda s: True)
    assert titles_at("intervenants/lea-dupont.ics") == expected(lambda s: s.speaker == "Léa Dupont")
    assert titles_at("projets/P1.ics") == expected(lambda s: s.audience in (COHORT, "P1"))
    assert titles_at("participants/bob-durand.ics") == expected(lambda s: s.audience in (COHORT, "P2"))


def test_event_fields_say_who_what_where_with_escaping(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    event = next(e for e in events_of(tmp_path / "cohorte.ics").values() if str(e["SUMMARY"]).startswith("Atelier"))
    description = str(event["DESCRIPTION"])
    for part in ("Marc Petit", "Ville", "Format : Atelier", "Thème : Data", "Public : la cohorte, 2 participants"):
        assert part in description
    assert "O2" not in description and "Séance" not in description, "no internal ID"
    assert str(event["LOCATION"]) == "Mairie de Nancy"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Data"]
    raw = (tmp_path / "cohorte.ics").read_text(encoding="utf-8")
    assert "Intervenant : Marc Petit (Ville)\\nFormat : Atelier" in raw, "newlines escaped by the library"
    en = tmp_path / "en"
    write_calendars(problem, timetable, en, lang="en", now=STAMP)
    english = next(e for e in events_of(en / "cohorte.ics").values() if str(e["SUMMARY"]).startswith("Atelier"))
    assert "Speaker: Marc Petit (Ville)" in str(english["DESCRIPTION"])
    assert "Format: Workshop" in str(english["DESCRIPTION"])
    group = next(e for e in events_of(en / "projets/P1.ics").values() if "P1" in str(e["SUMMARY"]))
    assert "Audience: project group P1, 1 participant" in str(group["DESCRIPTION"])


def test_exporting_twice_changes_no_uid_and_no_sequence(tmp_path):
    problem, timetable = tiny()
    first = write_calendars(problem, timetable, tmp_path, now=STAMP)
    before = {p: (sequences(p), icalendar.Calendar.from_ical(p.read_bytes())["UID"]) for p in first}
    second = write_calendars(problem, timetable, tmp_path, now=STAMP + dt.timedelta(days=1))
    assert first == second
    after = {p: (sequences(p), icalendar.Calendar.from_ical(p.read_bytes())["UID"]) for p in second}
    assert after == before
    assert set(sequences(tmp_path / "cohorte.ics").values()) == {0}
    other = tmp_path / "elsewhere"
    write_calendars(problem, timetable, other, now=STAMP)
    assert set(events_of(other / "cohorte.ics")) == set(events_of(tmp_path / "cohorte.ics")), \
        "UIDs come from the cohort and the Séance, not from the run or the folder"


def test_moving_one_session_bumps_its_sequence_only(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    write_calendars(problem, moved(timetable, "O2-1", -60), tmp_path, now=STAMP)
    for path in ("cohorte.ics", "intervenants/marc-petit.ics", "projets/P2.ics"):
        found = sequences(tmp_path / path)
        moved_uid = uid_in(problem, timetable, "O2-1", path)
        assert found[moved_uid] == 1
        assert {uid: seq for uid, seq in found.items() if uid != moved_uid} == dict.fromkeys(
            [u for u in found if u != moved_uid], 0)
    assert sequences(tmp_path / "intervenants/lea-dupont.ics") == dict.fromkeys(
        sequences(tmp_path / "intervenants/lea-dupont.ics"), 0)
    cohort_uid = uid_in(problem, timetable, "O2-1", "cohorte.ics")
    event = events_of(tmp_path / "cohorte.ics")[cohort_uid]
    assert event.decoded("DTSTART").hour == 13
    write_calendars(problem, moved(timetable, "O2-1", -60), tmp_path, now=STAMP)
    assert sequences(tmp_path / "cohorte.ics")[cohort_uid] == 1, "no change, no bump"


def test_a_removed_session_is_cancelled_everywhere_it_was_then_can_come_back(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    uid = uid_in(problem, timetable, "O2-1", "cohorte.ics")
    write_calendars(problem, without(timetable, "O2-1"), tmp_path, now=STAMP)
    for path in ("cohorte.ics", "intervenants/marc-petit.ics", "projets/P1.ics", "participants/ana-martin.ics"):
        event = events_of(tmp_path / path)[uid_in(problem, timetable, "O2-1", path)]
        assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    write_calendars(problem, without(timetable, "O2-1"), tmp_path, now=STAMP)
    assert int(events_of(tmp_path / "cohorte.ics")[uid]["SEQUENCE"]) == 1, "a repeated cancellation keeps its SEQUENCE"
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    back = events_of(tmp_path / "cohorte.ics")[uid]
    assert str(back["STATUS"]) == "CONFIRMED" and int(back["SEQUENCE"]) == 2


def test_a_speaker_left_without_sessions_still_receives_the_cancellation(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    fewer = without(without(timetable, "O2-1"), "M2-1")
    write_calendars(problem, fewer, tmp_path, now=STAMP)
    assert set(status(tmp_path / "intervenants/marc-petit.ics").values()) == {"CANCELLED"}
    assert len(events_of(tmp_path / "intervenants/marc-petit.ics")) == 2


def test_a_participant_changing_group_sees_the_old_group_sessions_cancelled(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    regrouped = dataclasses.replace(timetable, groups=(("Ana Martin", "P2"), ("Bob Durand", "P2")))
    write_calendars(problem, regrouped, tmp_path, now=STAMP)
    ana = events_of(tmp_path / "participants/ana-martin.ics")
    by_title = {str(e["SUMMARY"]).removeprefix("Annulée : "): e for e in ana.values()}  # a cancelled one says so
    assert str(by_title["Suivi de projet — P1"]["STATUS"]) == "CANCELLED"
    assert str(by_title["Suivi de projet — P2"]["STATUS"]) == "CONFIRMED"
    p1 = events_of(tmp_path / "projets/P1.ics")
    mentoring = next(e for e in p1.values() if str(e["SUMMARY"]) == "Suivi de projet — P1")
    assert str(mentoring["STATUS"]) == "CONFIRMED"
    assert int(mentoring["SEQUENCE"]) == int(by_title["Suivi de projet — P1"]["SEQUENCE"]) == 1
    others = {uid: e for uid, e in events_of(tmp_path / "cohorte.ics").items() if "P1" not in str(e["SUMMARY"])}
    assert {int(e["SEQUENCE"]) for e in others.values()} == {0}


def test_the_state_file_is_documented_json(tmp_path):
    problem, timetable = tiny()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    state = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    assert len(state) == len(timetable.sessions)
    entry = next(iter(state.values()))
    assert {"sequence", "fingerprint", "files", "cancelled_in", "session"} <= set(entry)
    docs = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for word in (STATE_FILE, "sequence", "fingerprint", "files", "cancelled_in", "session", "cancelled"):
        assert f"`{word}`" in docs


def test_written_files_are_readable_like_any_new_file(tmp_path):
    problem, timetable = tiny()
    written = write_calendars(problem, timetable, tmp_path, now=STAMP)
    mask = os.umask(0)
    os.umask(mask)
    assert {p.stat().st_mode & 0o777 for p in written} == {0o666 & ~mask}


def test_calendar_files_have_unique_slugs_for_namesakes():
    problem, timetable = tiny()
    twin = dataclasses.replace(problem, participants=(*problem.participants, dataclasses.replace(
        problem.participants[0], name="Ana  MARTIN")))
    paths = [f.relative_path for f in calendar_files(twin, timetable)]
    assert "participants/ana-martin.ics" in paths and "participants/ana-martin-2.ics" in paths


# ---------------------------------------------------------------------------------------------
# Real readers on a plan that crosses the switch to summer time

@pytest.fixture(scope="module")
def summer(tmp_path_factory):
    out = tmp_path_factory.mktemp("summer")
    result = CliRunner().invoke(app, ["plan", str(SUMMER), "--out", str(out), "--time-limit", "4", "--workers", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    problem = load(SUMMER)
    return out, problem, read_planning(out / "planning.xlsx", problem)


def expected_rows(timetable, keep) -> list[tuple[dt.date, str, str, str]]:
    return sorted((s.day, f"{s.start // 60:02d}:{s.start % 60:02d}", f"{s.end // 60:02d}:{s.end % 60:02d}", s.title)
                  for s in timetable.sessions if keep(s))


def test_icalendar_and_vobject_read_every_file_at_the_right_instants(summer):
    out, problem, timetable = summer
    zone = ZoneInfo(problem.programme.timezone)
    files = sorted(out.rglob("*.ics"))
    assert len(files) > 10
    offsets = set()
    for path in files:
        parsed = events_of(path)
        assert parsed, path
        getattr(vobject.icalendar, "__tzidMap").clear()  # vobject keeps the first VTIMEZONE per TZID, process-wide:
        with path.open(encoding="utf-8") as handle:    # read each file with its own (each is trimmed to its dates)
            calendars = list(vobject.readComponents(handle))
        assert len(calendars) == 1
        for vevent in calendars[0].vevent_list:
            uid = vevent.uid.value
            start = vevent.dtstart.value
            local = parsed[uid].decoded("DTSTART").replace(tzinfo=None)
            expected = local.replace(tzinfo=zone)
            assert start.utcoffset() == expected.utcoffset(), (path, uid)
            assert start.astimezone(dt.timezone.utc) == expected.astimezone(dt.timezone.utc), (path, uid)
            assert vevent.summary.value == str(parsed[uid]["SUMMARY"])
            offsets.add(start.utcoffset())
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}, "the programme crosses the switch"


def test_calendars_match_the_planning_sheet_event_by_event(summer):
    out, problem, timetable = summer
    cohort = events_of(out / "cohorte.ics")
    zone = ZoneInfo(problem.programme.timezone)
    rows = {session_uid(problem, s): s for s in timetable.sessions}
    assert len(cohort) == len(rows)
    for uid, event in cohort.items():
        session = rows[uid]
        start = event.decoded("DTSTART").astimezone(zone)
        end = event.decoded("DTEND").astimezone(zone)
        assert (start.date(), start.hour * 60 + start.minute, end.hour * 60 + end.minute) == (
            session.day, session.start, session.end)
        assert str(event["SUMMARY"]) == session.title
        assert session.session_id not in str(event["DESCRIPTION"]), "no internal ID"
        assert str(event.get("LOCATION", "")) == session.location
        if not session.is_event:
            assert [str(c) for c in event["CATEGORIES"].cats] == [session.theme]
            for part in (session.speaker, session.organisation, session.format, session.theme):
                assert part in str(event["DESCRIPTION"])


def khal_rows(tmp_path: Path, ics: Path, first: dt.date, last: dt.date) -> list[tuple[dt.date, str, str, str]]:
    """Import `ics` into a fresh khal calendar and list it: (date, start, end, title) as khal shows them."""
    vdir, config = tmp_path / "vdir", tmp_path / "khal.conf"
    shutil.rmtree(vdir, ignore_errors=True)
    vdir.mkdir(parents=True)
    (tmp_path / "khal.db").unlink(missing_ok=True)
    config.write_text(f"""[calendars]
[[programme]]
path = {vdir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Paris
default_timezone = Europe/Paris
[sqlite]
path = {tmp_path / 'khal.db'}
""", encoding="utf-8")
    base = [str(KHAL), "-c", str(config)]
    env = {**os.environ, "TZ": "UTC", "HOME": str(tmp_path)}
    imported = subprocess.run([*base, "import", "--batch", "-a", "programme", str(ics)], capture_output=True,
                              text=True, timeout=120, env=env)
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run([*base, "list", "--format", "@@{start-date}|{start-time}|{end-time}|{title}",
                             first.isoformat(), last.isoformat()], capture_output=True, text=True, timeout=120,
                            env=env)
    assert listed.returncode == 0, listed.stderr
    rows = []
    for line in listed.stdout.splitlines():
        if line.startswith("@@"):
            day, start, end, title = line[2:].split("|", 3)
            rows.append((dt.date.fromisoformat(day), start, end, title))
    return sorted(rows)


needs_khal = pytest.mark.skipif(not KHAL.exists(), reason="khal is not installed in this environment")


@needs_khal
def test_khal_shows_a_speaker_a_group_a_participant_and_the_cohort_at_local_hours(summer, tmp_path):
    out, problem, timetable = summer
    first, last = problem.programme.start_date, max(s.day for s in timetable.sessions) + dt.timedelta(days=1)
    speaker = max({s.speaker for s in timetable.sessions if s.speaker},
                  key=lambda name: sum(s.speaker == name for s in timetable.sessions))
    speaker_file = next(f for f in calendar_files(problem, timetable) if f.name.endswith(f"— {speaker}"))
    group = problem.projects[0].id
    participant_name, participant_group = timetable.groups[0]
    participant_file = next(f for f in calendar_files(problem, timetable) if f.name.endswith(f"— {participant_name}"))
    cases = [(out / speaker_file.relative_path, lambda s: s.speaker == speaker),
             (out / "projets" / f"{group}.ics", lambda s: s.audience in (COHORT, group)),
             (out / participant_file.relative_path, lambda s: s.audience in (COHORT, participant_group)),
             (out / "cohorte.ics", lambda s: True)]
    crossed = False
    for ics, keep in cases:
        shown = khal_rows(tmp_path / ics.stem, ics, first, last)
        assert shown == expected_rows(timetable, keep), ics
        crossed |= min(r[0] for r in shown) < dt.date(2027, 3, 28) < max(r[0] for r in shown)
    assert crossed, "at least one calendar spans the switch to summer time"


@needs_khal
def test_khal_updates_a_moved_session_in_place_and_shows_a_cancelled_one(tmp_path):
    problem, timetable = tiny()
    out = tmp_path / "out"
    write_calendars(problem, timetable, out, now=STAMP)
    work = tmp_path / "khal"
    khal_rows(work, out / "intervenants/marc-petit.ics", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    write_calendars(problem, without(moved(timetable, "O2-1", -60), "M2-1"), out, now=STAMP)
    config = work / "khal.conf"
    env = {**os.environ, "TZ": "UTC", "HOME": str(work)}
    subprocess.run([str(KHAL), "-c", str(config), "import", "--batch", "-a", "programme",
                    str(out / "intervenants/marc-petit.ics")], check=True, capture_output=True, env=env, timeout=120)
    listed = subprocess.run([str(KHAL), "-c", str(config), "list", "--format",
                             "@@{start-date}|{start-time}|{end-time}|{title}|{status}", "2026-11-01", "2026-11-30"],
                            capture_output=True, text=True, check=True, env=env, timeout=120).stdout
    rows = sorted(line[2:].strip() for line in listed.splitlines() if line.startswith("@@"))
    assert rows == ["2026-11-04|13:00|16:00|Atelier — Données|CONFIRMED",
                    "2026-11-16|10:00|12:00|Annulée : Suivi de projet — P2|CANCELLED"]


def test_export_twice_from_the_sheet_keeps_every_uid_and_sequence(summer, tmp_path):
    out, problem, timetable = summer
    again = tmp_path / "again"
    for _ in range(2):
        result = CliRunner().invoke(app, ["export", str(SUMMER), str(out / "planning.xlsx"), "--out", str(again)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
    for path in sorted(out.rglob("*.ics")):
        twin = again / path.relative_to(out)
        assert sequences(twin) == sequences(path) == dict.fromkeys(sequences(path), 0), path
