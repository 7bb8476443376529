"""Messages ready to send (SPEC §7): one `.eml` draft per speaker, participant and project organisation.

Each draft is a plain-text e-mail (Python's `email`, policy SMTP, UTF-8 headers) with the person's
calendar from the same folder attached as `text/calendar; method=PUBLISH`. After a change
(`changes` given), only the people whose sessions moved, were added or were cancelled get one,
saying what changed (old → new). `messages/envoi.csv` lists every draft for a mail-merge or for
`scheduler send`: UTF-8 with a BOM and `;` between cells, which French Excel opens as columns.
The Message-ID is a digest of the content, so the same message written twice keeps its ID and
`send` never sends it twice.
"""
from __future__ import annotations

import csv
import hashlib
import io
import datetime as dt
import re
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate
from pathlib import Path

from babel.dates import format_date

from scheduler.core.domain import COHORT, MENTORING, Problem, Session, Timetable
from scheduler.core.text import format_time, slug
from scheduler.core.files import person_file_name, safe_file_name, unique_file_names
from scheduler.core.atomic import write_bytes_atomically
from scheduler.exports.calendars import calendar_files, project_calendar_paths
from scheduler.core.words import count_word, long_date, word
from scheduler.exports.changes import CHANGED, MOVED, Change, what_changed

MESSAGES_FOLDER = "messages"
LIST_NAME = "envoi.csv"
LIST_COLUMNS = ("Email", "Nom", "Objet", "Fichier")
DOMAIN = "place-competences-numeriques.fr"

def _w(key: str, lang: str, **values: object) -> str:
    """A text of the messages (`mail.*` in data/words.toml)."""
    return word(f"mail.{key}", lang, **values)


def _count(n: int, lang: str) -> str:
    """'1 participant', '3 participants' (Babel's plural rule of the language)."""
    return count_word("mail.participants", n, lang)


@dataclass(frozen=True)
class Draft:
    """One message to write: who it is for, what it says, which calendar goes with it."""

    name: str
    recipients: tuple[tuple[str, str], ...]  # (name, e-mail address); empty for nobody reachable
    subject: str
    body: str
    calendars: tuple[str, ...]  # paths relative to the output folder
    stem: str  # the person's slug, before de-duplication of file names

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(address for _, address in self.recipients)


def day_text(session: Session, lang: str) -> str:
    """'lundi 2 novembre 2026', 'lundi 1er février 2027' / 'Monday, 2 November 2026'."""
    return _day_text(session.day, lang)


@lru_cache(maxsize=1024)
def _day_text(day: dt.date, lang: str) -> str:  # Babel, once per day rather than once per session and person
    if lang == "en":
        return format_date(day, format="full", locale="en_GB")
    return long_date(day, lang, weekday=True)


def _hours(session: Session) -> str:
    return f"{format_time(session.start)}–{format_time(session.end)}"


class _Context:
    """What every message needs to know about the cohort: groups, places, project titles."""

    def __init__(self, problem: Problem, timetable: Timetable, lang: str) -> None:
        self.problem, self.timetable, self.lang = problem, timetable, lang
        self.members: dict[str, list[str]] = {}
        for participant, project in timetable.groups:
            self.members.setdefault(project, []).append(participant)
        self.titles = {p.id: p.title for p in problem.projects}
        self._lines: dict[tuple[Session, bool], tuple[str, ...]] = {}

    def audience(self, session: Session) -> str:
        if session.audience == COHORT:
            return _w("cohort", self.lang, count=self._size(len(self.problem.participants)))
        return _w("group", self.lang, id=session.audience, title=self.titles.get(session.audience, ""),
                  count=self._size(len(self.members.get(session.audience, []))))

    def _size(self, count: int) -> str:
        """'3 participants'; before the participants are listed (or a group formed), that it is not known yet."""
        return _count(count, self.lang) if count else _w("size_unknown", self.lang)

    def place(self, session: Session) -> str:
        return session.location or self.problem.programme.location

    def lines(self, session: Session, with_speaker: bool) -> list[str]:
        """A session in a few lines: date and hours, title, place, audience (and speaker)."""
        key = (session, with_speaker)
        if key not in self._lines:  # the same session is listed in many people's messages
            self._lines[key] = tuple(self._session_lines(session, with_speaker))
        return list(self._lines[key])

    def _session_lines(self, session: Session, with_speaker: bool) -> list[str]:
        lang = self.lang
        lines = [f"- {day_text(session, lang)}, {_hours(session)} : {session.title}" if lang != "en"
                 else f"- {day_text(session, lang)}, {_hours(session)}: {session.title}"]
        if with_speaker and session.speaker:
            lines.append(f"  {_w('speaker', lang)} : {session.speaker} ({session.organisation})" if lang != "en"
                         else f"  {_w('speaker', lang)}: {session.speaker} ({session.organisation})")
        place = self.place(session)
        sep = ": " if lang == "en" else " : "
        if place:
            lines.append(f"  {_w('place', lang)}{sep}{place}")
        lines.append(f"  {_w('audience', lang)}{sep}{self.audience(session)}")
        return lines

    def change_lines(self, change: Change, with_speaker: bool) -> list[str]:
        """'Déplacée : « title » lundi … 09:00–11:00 → mardi … 14:00–16:00', then the details."""
        lang = self.lang
        sep = ": " if lang == "en" else " : "
        session = change.session
        if change.kind == MOVED and change.before is not None and change.after is not None:
            when = (f"{day_text(change.before, lang)} {_hours(change.before)} → "
                    f"{day_text(change.after, lang)} {_hours(change.after)}")
        else:
            when = f"{day_text(session, lang)} {_hours(session)}"
        title = f"'{session.title}'" if lang == "en" else f"« {session.title} »"
        lines = [f"- {_w(change.kind, lang)}{sep}{title}, {when}"]
        if change.kind == CHANGED:  # same time, another place or title: say which
            lines.append(f"  {what_changed(change, lang)}")
        if with_speaker and session.speaker:
            lines.append(f"  {_w('speaker', lang)}{sep}{session.speaker} ({session.organisation})")
        if change.reason_text(lang):
            lines.append(f"  ({change.reason_text(lang)})")
        return lines

    def signature(self) -> list[str]:
        programme = self.problem.programme
        contact = ""
        if programme.coordinator and programme.coordinator_email:
            contact = f"{programme.coordinator} <{programme.coordinator_email}>"
        else:
            contact = programme.coordinator or programme.coordinator_email
        lines = ["", _w("contact", self.lang, contact=contact)] if contact else []
        return [*lines, "", _w("regards", self.lang), programme.coordinator or programme.name]


def _body(context: _Context, name: str, intro: list[str], calendars: tuple[str, ...]) -> str:
    hello = _w("hello", context.lang, name=name) if name else _w("hello_all", context.lang)
    lines = [hello, "", *intro]
    if calendars:
        lines += ["", _w("attached", context.lang, file=", ".join(Path(c).name for c in calendars))]
    return "\n".join([*lines, *context.signature()]) + "\n"


def _session_block(context: _Context, sessions: list[Session], with_speaker: bool) -> list[str]:
    if not sessions:
        return [_w("nothing_left", context.lang)]
    return [line for s in sessions for line in context.lines(s, with_speaker)]


def _group_line(context: _Context, group: str | None) -> str:
    """Why a participant's timetable changed when no session moved: the group they are now in."""
    if group is None:
        return _w("sessions_changed", context.lang)
    return _w("group_now", context.lang, id=group, title=context.titles.get(group, ""))


def _person_body(context: _Context, name: str, intro_key: str, sessions: list[Session],
                 changes: list[Change] | None, with_speaker: bool, calendars: tuple[str, ...],
                 why: str | None = None) -> str:
    programme = context.problem.programme.name
    if changes is None:
        intro = [_w(intro_key, context.lang, programme=programme), *_session_block(context, sessions, with_speaker)]
    else:
        intro = [_w("changed_intro", context.lang, programme=programme),
                 *[line for c in changes for line in context.change_lines(c, with_speaker)], *([why] if why else []),
                 "", _w("now", context.lang), *_session_block(context, sessions, with_speaker)]
    return _body(context, name, intro, calendars)


def drafts(problem: Problem, timetable: Timetable, lang: str = "fr", changes: list[Change] | None = None,
           folder: Path | None = None, calendars_changed: Set[str] = frozenset()) -> list[Draft]:
    """Every message to write: all the people with a session, or only those a change concerns, or whose
    calendar (in `calendars_changed`) gained or lost events: a participant who joined or changed group.

    A speaker left without any session still gets their calendar (holding the cancellations)
    when `folder` has it.
    """
    context = _Context(problem, timetable, lang)
    sessions = list(timetable.sorted_sessions())
    files = {f.relative_path: f for f in calendar_files(problem, timetable, lang)}
    programme = problem.programme.name
    changed_key = "subject_changed"
    result: list[Draft] = []

    def concerned(test) -> list[Change] | None:
        """The changes a person is concerned by (None: not in change mode)."""
        if changes is None:
            return None
        return [c for c in changes if any(test(s) for s in (c.before, c.after) if s is not None)]

    speaker_paths = {f.sessions[0].speaker: path for path, f in files.items()
                     if path.startswith("intervenants/") and f.sessions}
    for speaker in problem.speakers:
        own = [s for s in sessions if s.speaker == speaker.name]
        mine = concerned(lambda s, n=speaker.name: s.speaker == n)
        if (changes is None and not own) or (mine is not None and not mine):
            continue
        calendars = (speaker_paths[speaker.name],) if speaker.name in speaker_paths else ()
        left = f"intervenants/{person_file_name(speaker.name)}.ics"
        if not calendars and folder is not None and (folder / left).is_file():
            calendars = (left,)
        subject = _w("subject_speaker" if mine is None else changed_key, lang, programme=programme)
        result.append(Draft(speaker.name, ((speaker.name, speaker.email),) if speaker.email else (), subject,
                            _person_body(context, speaker.name, "speaker_intro", own, mine, False, calendars),
                            calendars, slug(speaker.name)))
    group_of = dict(timetable.groups)
    participant_paths = [p for p in files if p.startswith("participants/")]
    for participant, path in zip(problem.participants, participant_paths):
        group = group_of.get(participant.name)
        own = [s for s in sessions if s.audience in (COHORT, group)]
        mine = concerned(lambda s, g=group: s.audience in (COHORT, g))
        if mine is not None and not mine and path not in calendars_changed:
            continue
        subject = _w("subject_participant" if mine is None else changed_key, lang, programme=programme)
        result.append(Draft(participant.name, ((participant.name, participant.email),) if participant.email else (), subject,
                            _person_body(context, participant.name, "participant_intro", own, mine, True, (path,),
                                         _group_line(context, group) if mine == [] else None),
                            (path,), slug(participant.name)))
    result += _project_drafts(context, sessions, files, changes)
    return result


def _project_drafts(context: _Context, sessions: list[Session], files: dict, changes: list[Change] | None) -> list[Draft]:
    """One message per organisation running a project: its group's members and mentoring dates."""
    problem, lang = context.problem, context.lang
    result = []
    organisations = list(dict.fromkeys(p.organisation for p in problem.projects))
    for organisation in organisations:
        projects = [p for p in problem.projects if p.organisation == organisation]
        ids = {p.id for p in projects}
        mine = None if changes is None else [
            c for c in changes if any(s.audience in ids for s in (c.before, c.after) if s is not None)]
        if mine is not None and not mine:
            continue
        lines: list[str] = []
        for project in projects:
            members = context.members.get(project.id, [])
            mentoring = [s for s in sessions if s.audience == project.id and s.format == MENTORING]
            lines += ["", _w("members", lang, id=project.id, title=project.title),
                      *([f"- {m}" for m in members] or [_w("no_members", lang)]), _w("mentoring", lang),
                      *([line for s in mentoring for line in context.lines(s, True)] or [_w("none", lang)])]
        intro = [_w("project_intro", lang, organisation=organisation, programme=problem.programme.name), *lines]
        if mine is not None:
            intro = [_w("changed_intro", lang, programme=problem.programme.name),
                     *[line for c in mine for line in context.change_lines(c, True)], "", *intro]
        project_paths = project_calendar_paths([p.id for p in problem.projects])
        calendars = tuple(path for path in (project_paths[p.id] for p in projects) if path in files)
        emails = tuple((s.name, s.email) for s in problem.speakers if s.organisation == organisation and s.email)
        subject = _w("subject_project" if mine is None else "subject_changed", lang, programme=problem.programme.name)
        greeted = ", ".join(s.name for s in problem.speakers if s.organisation == organisation)
        result.append(Draft(organisation, emails, subject, _body(context, greeted, intro, calendars),
                            calendars, slug(organisation)))
    return result


def _stable_part(data: bytes) -> bytes:
    """The calendar without its time stamps, which change at every run."""
    return re.sub(rb"(?m)^(DTSTAMP|LAST-MODIFIED|CREATED)[:;].*\r?\n", b"", data)


def _one_line(text: str) -> str:
    """A header value: line breaks, tabs and control characters (a name typed with Alt-Enter) as one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


def compose(problem: Problem, draft: Draft, folder: Path) -> EmailMessage:
    """The e-mail of a draft, its calendars (read from `folder`) attached."""
    programme = problem.programme
    message = EmailMessage(policy=SMTP)
    if programme.coordinator_email:
        message["From"] = formataddr((_one_line(programme.coordinator or programme.name), programme.coordinator_email))
    if draft.recipients:
        message["To"] = ", ".join(formataddr((_one_line(name), address)) for name, address in draft.recipients)
    message["Subject"] = _one_line(draft.subject)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message.set_content(draft.body)
    digest = hashlib.sha256("\n".join([*draft.emails, draft.subject, draft.body]).encode("utf-8"))
    for relative in draft.calendars:
        data = (folder / relative).read_bytes()
        digest.update(_stable_part(data))
        message.add_attachment(data, maintype="text", subtype="calendar", filename=Path(relative).name,
                               params={"method": "PUBLISH", "charset": "utf-8"})
    message["Message-ID"] = f"<{digest.hexdigest()[:32]}@{DOMAIN}>"
    return message


def _unique_files(stems: list[str]) -> list[str]:
    return [f"{stem}.eml" for stem in unique_file_names([safe_file_name(stem) for stem in stems])]


def list_bytes(rows: list[tuple[str, str, str, str]]) -> bytes:
    """envoi.csv: UTF-8 with BOM, ';' between cells, CRLF lines (what French Excel opens as columns)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(LIST_COLUMNS)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def write_messages(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr",
                   changes: list[Change] | None = None, calendars_changed: Set[str] = frozenset()) -> list[Path]:
    """Write `folder/messages/`: the drafts (replacing the previous ones) and envoi.csv."""
    target = folder / MESSAGES_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.eml"):
        old.unlink()
    found = drafts(problem, timetable, lang, changes, folder, calendars_changed)
    written, rows = [], []
    for draft, name in zip(found, _unique_files([d.stem for d in found])):
        path = target / name
        write_bytes_atomically(path, compose(problem, draft, folder).as_bytes())
        written.append(path)
        rows.append((", ".join(draft.emails), draft.name, draft.subject, name))
    listing = target / LIST_NAME
    write_bytes_atomically(listing, list_bytes(rows))
    return [*written, listing]
