"""`reseau.xlsx`: for each participant, the speakers and organisations met through their sessions.

A participant meets the speaker of every session of the cohort and of their project group. The
speaker's e-mail is shown only when `Contact partagé` says yes on `Intervenants`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from scheduler.core.domain import COHORT, Problem, Timetable
from scheduler.exports.xlsx_file import save_workbook
from scheduler.core.atomic import atomic_path
from scheduler.sheets.print_setup import finish_workbook
from scheduler.core.words import word
from scheduler.exports.styles import alignment, header_row, set_style

NETWORK_NAME = "reseau.xlsx"
HEADERS = ("participant", "speaker", "organisation", "type", "email", "sessions", "titles")
"""The columns of the network sheet: keys of `network.*` in data/words.toml."""
WIDTHS = [24, 24, 34, 16, 30, 9, 70]


@dataclass(frozen=True)
class Meeting:
    """One speaker a participant met: how many times, at which sessions."""

    participant: str
    speaker: str
    organisation: str
    email: str  # "" unless the speaker shares their contact
    titles: tuple[str, ...]
    sessions: int


def meetings(problem: Problem, timetable: Timetable) -> list[Meeting]:
    """Every (participant, speaker) pair that met, in participant order then first meeting order."""
    group_of = dict(timetable.groups)
    speakers = {s.name: s for s in problem.speakers}
    result = []
    for participant in problem.participants:
        group = group_of.get(participant.name)
        met: dict[str, list] = {}
        for session in timetable.sorted_sessions():
            if session.speaker and session.audience in (COHORT, group):
                met.setdefault(session.speaker, []).append(session)
        for speaker, sessions in met.items():
            known = speakers.get(speaker)
            email = known.email if known is not None and known.share_contact else ""
            result.append(Meeting(participant.name, speaker, sessions[0].organisation, email,
                                  tuple(dict.fromkeys(s.title for s in sessions)), len(sessions)))
    return result


def write_network(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr") -> list[Path]:
    """Write reseau.xlsx: one row per participant and speaker met (sheet `Réseau`)."""
    book = Workbook()
    sheet = book.active
    sheet.title = word("network.sheet", lang)
    header_row(sheet, [word(f"network.{header}", lang) for header in HEADERS], WIDTHS)
    kinds = {o.name: o.kind for o in problem.organisations}
    wrapped = alignment(wrap_text=True, vertical="top")
    for row, meeting in enumerate(meetings(problem, timetable), start=2):  # under the header row
        sheet.append([meeting.participant, meeting.speaker, meeting.organisation or None,
                      kinds.get(meeting.organisation) or None, meeting.email or None, meeting.sessions,
                      " ; ".join(meeting.titles)])
        set_style(sheet.cell(row, 7), alignment=wrapped)
    sheet.auto_filter.ref = sheet.dimensions
    path = folder / NETWORK_NAME
    finish_workbook(book, problem.programme.name)
    with atomic_path(path) as temporary:
        save_workbook(book, temporary)
    return [path]
