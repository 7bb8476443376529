"""Calendars people import: the cohort's, each speaker's, each project group's, each participant's.

Every event has a UID made of the cohort and the `Séance` (never random), times in the
programme's zone with TZID and a VTIMEZONE. So that a re-import updates rather than duplicates,
the folder keeps `.calendriers.json`: for each UID, the SEQUENCE last written, a fingerprint of
its time and place, and the files it was in. A session whose time or place changed gets
SEQUENCE + 1; one that disappeared is written once more with STATUS:CANCELLED.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from scheduler.domain import COHORT, Problem, Session, Timetable
from scheduler.exports.atomic import write_bytes_atomically
from scheduler.exports.labels import FORMATS_EN
from scheduler.workbook.cells import slug

STATE_FILE = ".calendriers.json"
PRODID = "-//La Place des Competences Numeriques//scheduler//FR"


@dataclass(frozen=True)
class CalendarFile:
    """One .ics file to write: its path inside the output folder, its name, its sessions."""

    relative_path: str
    name: str
    sessions: tuple[Session, ...]


def session_uid(problem: Problem, session: Session) -> str:
    """The same UID for the same `Séance` of the same cohort, in every run."""
    return f"{slug(session.session_id)}.{slug(problem.programme.name)}@place-competences-numeriques.fr"


def _fingerprint(session: Session) -> str:
    return f"{session.day.isoformat()} {session.start} {session.end} {session.location} {session.title}"


def _description(session: Session, lang: str) -> str:
    if session.is_event:
        return "Événement du programme" if lang != "en" else "Programme event"
    fmt = FORMATS_EN.get(session.format, session.format) if lang == "en" else session.format
    lines = ([f"Intervenant : {session.speaker} ({session.organisation})", f"Format : {fmt}",
              f"Thème : {session.theme}"] if lang != "en" else
             [f"Speaker: {session.speaker} ({session.organisation})", f"Format: {fmt}", f"Theme: {session.theme}"])
    if session.audience != COHORT:
        lines.append(f"Groupe projet : {session.audience}" if lang != "en" else f"Project group: {session.audience}")
    return "\n".join(lines)


def _unique_slugs(names: list[str]) -> dict[str, str]:
    """Name -> file slug; a second person with the same slug gets '-2', and so on."""
    taken: dict[str, int] = {}
    result = {}
    for name in names:
        base = slug(name)
        taken[base] = taken.get(base, 0) + 1
        result[name] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return result


def calendar_files(problem: Problem, timetable: Timetable, lang: str = "fr") -> list[CalendarFile]:
    """What each person attends or gives, file by file (SPEC §5)."""
    sessions = timetable.sorted_sessions()
    cohort_name = problem.programme.name
    files = [CalendarFile("cohorte.ics", cohort_name, sessions)]
    speakers = sorted({s.speaker for s in sessions if s.speaker})
    for speaker, name in _unique_slugs(speakers).items():
        files.append(CalendarFile(f"intervenants/{name}.ics", f"{cohort_name} — {speaker}",
                                  tuple(s for s in sessions if s.speaker == speaker)))
    project_ids = [p.id for p in problem.projects] + sorted(
        {s.audience for s in sessions if s.audience != COHORT} - {p.id for p in problem.projects})
    for project_id in project_ids:
        files.append(CalendarFile(f"projets/{slug(project_id) if '/' in project_id else project_id}.ics",
                                  f"{cohort_name} — {project_id}",
                                  tuple(s for s in sessions if s.audience in (COHORT, project_id))))
    project_of = dict(timetable.groups)
    names = [p.name for p in problem.participants]
    for participant, name in _unique_slugs(names).items():
        group = project_of.get(participant)
        files.append(CalendarFile(f"participants/{name}.ics", f"{cohort_name} — {participant}",
                                  tuple(s for s in sessions if s.audience == COHORT or s.audience == group)))
    return files


def _load_state(folder: Path) -> dict:
    try:
        return json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _event(problem: Problem, session: Session, sequence: int, stamp: dt.datetime, lang: str,
           cancelled: bool = False) -> Event:
    zone = ZoneInfo(problem.programme.timezone)
    start = dt.datetime.combine(session.day, dt.time(session.start // 60, session.start % 60), tzinfo=zone)
    end = dt.datetime.combine(session.day, dt.time(session.end // 60, session.end % 60), tzinfo=zone)
    event = Event.new(uid=session_uid(problem, session), start=start, end=end, summary=session.title,
                      description=_description(session, lang), stamp=stamp, sequence=sequence,
                      location=session.location or None,
                      categories=[session.theme] if session.theme else (),
                      status="CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar_bytes(problem: Problem, file: CalendarFile, events: list[Event]) -> bytes:
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=file.name)
    for event in events:
        calendar.add_component(event)
    days = [e.start.date() for e in events] or [problem.programme.start_date]
    calendar.add_missing_timezones(first_date=min(days) - dt.timedelta(days=7),
                                   last_date=max(days) + dt.timedelta(days=7))
    return calendar.to_ical()


def write_calendars(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr",
                    now: dt.datetime | None = None) -> list[Path]:
    """Write every calendar into `folder`, each atomically, and update the sequence state."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    previous = _load_state(folder)
    state: dict[str, dict] = {}
    files = calendar_files(problem, timetable, lang)
    session_by_uid = {session_uid(problem, s): s for s in timetable.sessions}
    for uid, session in session_by_uid.items():
        before = previous.get(uid)
        sequence = 0
        if before is not None:
            changed = before.get("fingerprint") != _fingerprint(session) or before.get("cancelled")
            sequence = before.get("sequence", 0) + (1 if changed else 0)
        state[uid] = {"sequence": sequence, "fingerprint": _fingerprint(session), "files": []}
    for file in files:
        for session in file.sessions:
            state[session_uid(problem, session)]["files"].append(file.relative_path)
    cancelled_by_file: dict[str, list[Event]] = {}
    for uid, before in previous.items():
        if uid in state:
            continue
        gone = _session_from_state(before)
        if gone is None:
            continue
        sequence = before.get("sequence", 0) + (0 if before.get("cancelled") else 1)
        event = _event(problem, gone, sequence, stamp, lang, cancelled=True)
        for relative in before.get("files", []):
            cancelled_by_file.setdefault(relative, []).append(event)
        state[uid] = {**before, "sequence": sequence, "cancelled": True}
    written = []
    for file in files:
        events = [_event(problem, s, state[session_uid(problem, s)]["sequence"], stamp, lang) for s in file.sessions]
        events += cancelled_by_file.pop(file.relative_path, [])
        target = folder / file.relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, _calendar_bytes(problem, file, events))
        written.append(target)
    for uid, entry in state.items():
        if uid in session_by_uid:
            entry["session"] = _session_to_state(session_by_uid[uid])
    write_bytes_atomically(folder / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))
    return written


def _session_to_state(session: Session) -> dict:
    return {"id": session.session_id, "offer": session.offer_id, "day": session.day.isoformat(),
            "start": session.start, "end": session.end, "week": session.week, "phase": session.phase,
            "title": session.title, "theme": session.theme, "format": session.format, "speaker": session.speaker,
            "organisation": session.organisation, "audience": session.audience, "location": session.location}


def _session_from_state(entry: dict) -> Session | None:
    data = entry.get("session")
    if not data:
        return None
    try:
        return Session(session_id=data["id"], offer_id=data["offer"], day=dt.date.fromisoformat(data["day"]),
                       start=int(data["start"]), end=int(data["end"]), week=int(data["week"]),
                       phase=int(data["phase"]), title=data["title"], theme=data["theme"], format=data["format"],
                       speaker=data["speaker"], organisation=data["organisation"], audience=data["audience"],
                       location=data["location"])
    except (KeyError, ValueError, TypeError):
        return None
