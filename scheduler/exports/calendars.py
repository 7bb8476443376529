"""Calendars people import: the cohort's, each speaker's, each project group's, each participant's.

Every event has a UID made of the cohort, the `Séance` and, outside `cohorte.ics`, the file (never
random: someone importing both `cohorte.ics` and their own file into one Google account must not
see the second import take over the first calendar's events), times in the
programme's zone with TZID and a VTIMEZONE. So that a re-import updates rather than duplicates,
the folder keeps `.calendriers.json` (described in docs/exports.md): for each UID, the SEQUENCE
last written, a fingerprint of its time, place and title, the files it is in and the files it
left. A session whose time, place or title changed gets SEQUENCE + 1; one that disappeared is
written from then on with STATUS:CANCELLED (SEQUENCE + 1) in every file it was in.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from scheduler.core.domain import COHORT, Problem, Session, Timetable
from scheduler.core.project_work import as_session, project_work_blocks
from scheduler.core.atomic import write_bytes_atomically
from scheduler.core.files import person_file_name, project_file_name, unique_file_names
from scheduler.core.text import slug as slug_of
from scheduler.core.words import word
from scheduler.exports.calendar_text import EventTexts, is_project_work
from scheduler.exports.calendar_state import (STATE_FILE, carry_state, known_session_ids, load_state,  # noqa: F401
                                              next_state, no_longer_planned, save_state, state_damage,
                                              tracked_sessions)

COHORT_FILE = "cohorte.ics"
README_FILES = {"fr": "LISEZMOI.txt", "en": "README.txt"}
PRODID = "-//La Place des Competences Numeriques//scheduler//FR"
slug = lru_cache(maxsize=4096)(slug_of)  # the same few names are slugged for every event of every file


@dataclass(frozen=True)
class CalendarFile:
    """One .ics file to write: its path inside the output folder, its name, its sessions."""

    relative_path: str
    name: str
    sessions: tuple[Session, ...]


def session_uid(problem: Problem, session: Session) -> str:
    """The same UID for the same `Séance` of the same cohort, in every run."""
    return f"{slug(session.session_id)}.{slug(problem.programme.name)}@place-competences-numeriques.fr"


def event_uid(problem: Problem, session: Session, relative_path: str) -> str:
    """The UID of a session in one file: `session_uid` in cohorte.ics, the file's slug added elsewhere.

    Stable for the same `Séance` in the same file in every run; distinct between files, so that two
    files imported into one account (Google keeps one event per UID across its calendars) are two
    calendars rather than one overwriting the other.
    """
    if relative_path == COHORT_FILE:
        return session_uid(problem, session)
    return f"{slug(session.session_id)}.{slug(relative_path.removesuffix('.ics'))}.{slug(problem.programme.name)}" \
           "@place-competences-numeriques.fr"


def fingerprint(session: Session, summary: str | None = None) -> str:
    """What a calendar shows of a session: a change in it raises the event's SEQUENCE."""
    return f"{session.day.isoformat()} {session.start} {session.end} {session.location} {summary or session.title}"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ical_text(text: object) -> str:
    """Free text as a calendar may hold it: line breaks kept (written escaped), tabs kept, other
    control characters (forbidden by RFC 5545) dropped."""
    return _CONTROL.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _unique_slugs(names: list[str]) -> dict[str, str]:
    """Name -> file name (safe on every system); a second person with the same one gets '-2', and so on."""
    return dict(zip(names, unique_file_names([person_file_name(name) for name in names])))


def project_calendar_paths(project_ids: list[str]) -> dict[str, str]:
    """Project ID -> its calendar's path in the output folder ('projets/P1.ics'), safe and distinct."""
    stems = unique_file_names([project_file_name(project_id) for project_id in project_ids])
    return {project_id: f"projets/{stem}.ics" for project_id, stem in zip(project_ids, stems)}


def speaker_calendar_paths(sessions: tuple[Session, ...] | list[Session]) -> dict[str, str]:
    """Speaker -> their calendar's path in a cohort's folder ('intervenants/lea-dupont.ics'), safe and distinct."""
    speakers = sorted({s.speaker for s in sessions if s.speaker})
    return {speaker: f"intervenants/{name}.ics" for speaker, name in _unique_slugs(speakers).items()}


def calendar_files(problem: Problem, timetable: Timetable, lang: str = "fr") -> list[CalendarFile]:
    """What each person attends or gives, file by file (SPEC §5)."""
    sessions = timetable.sorted_sessions()
    cohort_name = problem.programme.name
    work_title = word("calendar.project_work_title", lang)
    blocks = tuple(as_session(block, work_title, problem.programme.location)
                   for block in project_work_blocks(problem, timetable))
    files = [CalendarFile(COHORT_FILE, cohort_name, sessions)]
    for speaker, path in speaker_calendar_paths(sessions).items():
        files.append(CalendarFile(path, f"{cohort_name} — {speaker}",
                                  tuple(s for s in sessions if s.speaker == speaker)))
    project_ids = [p.id for p in problem.projects] + sorted(
        {s.audience for s in sessions if s.audience != COHORT} - {p.id for p in problem.projects})
    for project_id, path in project_calendar_paths(list(dict.fromkeys(project_ids))).items():
        files.append(CalendarFile(path, f"{cohort_name} — {project_id}",
                                  tuple(s for s in sessions if s.audience in (COHORT, project_id))
                                  + tuple(b for b in blocks if b.audience == project_id)))
    project_of = dict(timetable.groups)
    names = [p.name for p in problem.participants]
    for participant, name in _unique_slugs(names).items():
        group = project_of.get(participant)
        files.append(CalendarFile(f"participants/{name}.ics", f"{cohort_name} — {participant}",
                                  tuple(s for s in sessions if s.audience == COHORT or s.audience == group)
                                  + tuple(b for b in blocks if b.audience == group)))
    return files


def readme_text(problem: Problem, files: list[CalendarFile], lang: str = "fr") -> str:
    """LISEZMOI.txt: which file goes to whom, and how to import it into Google, Outlook or Apple."""
    def count(prefix: str) -> int:
        return sum(f.relative_path.startswith(prefix) for f in files)

    text = word("readme.body", lang, name=problem.programme.name,
                speakers=count("intervenants/"), projects=count("projets/"),
                participants=count("participants/")).strip()
    lines = text.splitlines()
    listed = [n for n, line in enumerate(lines) if line.startswith("  ") and line.split()[0].endswith(".ics")]
    kept = [n for n in listed if not any(lines[n].lstrip().startswith(folder) and not count(folder)
                                         for folder in ("intervenants/", "projets/", "participants/"))]
    if kept and kept != listed:  # no line for a folder not written; the list still ends with a full stop
        lines[kept[-1]] = lines[kept[-1]].rstrip(" ;") + "."
        lines = [line for n, line in enumerate(lines) if n in kept or n not in listed]
    return "\n".join(lines) + "\n"


def cancelled_summary(title: str, lang: str = "fr") -> str:
    """'Annulée : <title>': Google Calendar's file import shows a STATUS:CANCELLED event as an ordinary one."""
    return word("calendar.cancelled_summary", lang, title=title)


def _event(texts: EventTexts, session: Session, relative_path: str, sequence: int, stamp: dt.datetime,
           cancelled: bool = False, uid: str | None = None) -> Event:
    """The VEVENT of `session` in the file `relative_path` (its UID `uid` when given)."""
    problem = texts.problem
    zone = ZoneInfo(problem.programme.timezone)
    start = dt.datetime.combine(session.day, dt.time(session.start // 60, session.start % 60), tzinfo=zone)
    end = dt.datetime.combine(session.day, dt.time(session.end // 60, session.end % 60), tzinfo=zone)
    event = Event.new(uid=uid or event_uid(problem, session, relative_path), start=start, end=end,
                      summary=ical_text(cancelled_summary(texts.summary(session), texts.lang) if cancelled
                                        else texts.summary(session)), description=ical_text(texts.description(session)),
                      stamp=stamp, sequence=sequence, location=ical_text(session.location) or None,
                      categories=[ical_text(session.theme)] if session.theme else (),
                      status="CANCELLED" if cancelled else "CONFIRMED")
    if is_project_work(session):
        event.add("transp", "TRANSPARENT")  # time the group keeps for itself: it does not make anyone busy
    if texts.link(session):
        event.add("url", texts.link(session))
    programme = problem.programme
    if programme.coordinator_email:
        organizer = vCalAddress(f"mailto:{programme.coordinator_email}")
        if programme.coordinator:
            organizer.params["cn"] = " ".join(ical_text(programme.coordinator).split())  # one line, no control character
        event.add("organizer", organizer)
    return event


def calendar_uid(problem: Problem, relative_path: str) -> str:
    """The calendar's own UID (RFC 7986): the same for the same file of the same cohort, in every run."""
    return f"{slug(relative_path)}.{slug(problem.programme.name)}@place-competences-numeriques.fr"


_UID_STAND_IN = "uid-of-this-file"
_STAND_IN_LINE = b"UID:" + _UID_STAND_IN.encode() + b"\r\n"


class _SerialisedEvents:
    """Each VEVENT serialised once per export: a session's event is the same in every file but for its
    UID, which is put in per file, folded as icalendar folds it (the calendars hold each session of the
    cohort 13 or more times)."""

    def __init__(self, texts: EventTexts, stamp: dt.datetime) -> None:
        self.texts, self.stamp = texts, stamp
        self.serialised: dict[tuple[Session, int, bool], bytes] = {}

    def event(self, session: Session, relative_path: str, sequence: int, cancelled: bool = False) -> tuple[Session, bytes]:
        """`session` and its VEVENT as written in `relative_path`."""
        key = (session, sequence, cancelled)
        if key not in self.serialised:
            event = _event(self.texts, session, relative_path, sequence, self.stamp, cancelled, uid=_UID_STAND_IN)
            self.serialised[key] = event.to_ical()
        return session, self.serialised[key].replace(_STAND_IN_LINE, _uid_line(
            event_uid(self.texts.problem, session, relative_path)), 1)


_PLAIN_UID = re.compile(r"[A-Za-z0-9.@_-]+")
_FOLD = 74  # characters of an ASCII content line before icalendar folds it (RFC 5545: 75 octets)


def _uid_line(uid: str) -> bytes:
    """The content line `UID:<uid>` as icalendar writes it in a VEVENT (escaped, folded, CRLF); a UID of
    plain ASCII (what `event_uid` makes) is folded here directly, the same way (tests/test_calendars.py)."""
    if not _PLAIN_UID.fullmatch(uid):
        return Event().content_line("UID", vText(uid)).to_ical() + b"\r\n"
    line = f"UID:{uid}"
    return "\r\n ".join(line[start:start + _FOLD] for start in range(0, len(line), _FOLD)).encode("ascii") + b"\r\n"


def _calendar_bytes(problem: Problem, file: CalendarFile, events: list[tuple[Session, bytes]], lang: str = "fr") -> bytes:
    """The calendar file: its own properties, the time zone its events use, then the serialised events."""
    description = ical_text(word("calendar.description", lang, name=problem.programme.name))
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", uid=calendar_uid(problem, file.relative_path))
    for prop, text in (("DESCRIPTION", description), ("X-WR-CALDESC", description),
                       ("NAME", ical_text(file.name)), ("X-WR-CALNAME", ical_text(file.name))):
        calendar.add(prop, vText(text))  # as text: commas, semicolons and line breaks escaped (RFC 5545)
    calendar.add("X-WR-TIMEZONE", problem.programme.timezone)
    days = [session.day for session, _ in events] or [problem.programme.start_date]
    if events:  # every event starts in the programme's zone: a stand-in event asks for its VTIMEZONE
        stand_in = Event()
        stand_in.start = dt.datetime.combine(days[0], dt.time(12), tzinfo=ZoneInfo(problem.programme.timezone))
        calendar.add_component(stand_in)
    calendar.add_missing_timezones(first_date=min(days) - dt.timedelta(days=7),
                                   last_date=max(days) + dt.timedelta(days=7))
    if events:
        calendar.subcomponents.remove(stand_in)
    frame = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert frame.endswith(end)
    return frame[:-len(end)] + b"".join(serialised for _, serialised in events) + end


def _sequences(previous: dict, session_by_uid: dict[str, Session], files: list[CalendarFile],
               texts: EventTexts) -> dict[str, dict]:
    """The state entry of every live session of a cohort's calendars (`next_state`)."""
    now_in: dict[str, list[str]] = {uid: [] for uid in session_by_uid}
    for file in files:
        for session in file.sessions:
            now_in[session_uid(texts.problem, session)].append(file.relative_path)
    fingerprints = {uid: fingerprint(session, texts.summary(session)) for uid, session in session_by_uid.items()}
    return next_state(previous, now_in, fingerprints, {file.relative_path for file in files})


def write_calendars(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr",
                    now: dt.datetime | None = None) -> list[Path]:
    """Write every calendar into `folder`, each atomically, and update the sequence state."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    previous = load_state(folder)
    files = calendar_files(problem, timetable, lang)
    texts = EventTexts(problem, timetable, lang)
    session_by_uid = {session_uid(problem, s): s for file in files for s in file.sessions}
    state = _sequences(previous, session_by_uid, files, texts)
    cancelled_by_file: dict[str, list[tuple[Session, bytes]]] = {}
    serialised = _SerialisedEvents(texts, stamp)
    for uid, entry in state.items():  # still planned, but no longer in these calendars
        for relative in entry["cancelled_in"]:
            event = serialised.event(session_by_uid[uid], relative, entry["sequence"], cancelled=True)
            cancelled_by_file.setdefault(relative, []).append(event)
    for _, gone, sequence, relatives in no_longer_planned(previous, state):
        for relative in relatives:
            event = serialised.event(gone, relative, sequence, cancelled=True)
            cancelled_by_file.setdefault(relative, []).append(event)
    written = []
    for file in files:
        events = [serialised.event(s, file.relative_path, state[session_uid(problem, s)]["sequence"])
                  for s in file.sessions]
        events += cancelled_by_file.pop(file.relative_path, [])
        target = folder / file.relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, _calendar_bytes(problem, file, events, lang))
        written.append(target)
    for relative, events in sorted(cancelled_by_file.items()):  # nothing left there: still tell of the cancellation
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            continue
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, _calendar_bytes(problem, CalendarFile(relative, problem.programme.name, ()),
                                                       events, lang))
        written.append(target)
    readme = folder / README_FILES["en" if lang == "en" else "fr"]
    write_bytes_atomically(readme, readme_text(problem, files, lang).encode("utf-8"))  # not a calendar: not listed
    save_state(folder, state, session_by_uid)
    return written
