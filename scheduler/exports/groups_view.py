"""The group view of `planning.xlsx`: for each project, who is in its group, who mentors it, and
the group's own sessions (the cohort's sessions are in `Planning` and everyone attends them)."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import COHORT, Problem, Project, Session, Timetable
from scheduler.exports.labels import FORMATS_EN
from scheduler.core.text import format_time

SHEET_TITLE = {"fr": "Groupes projet", "en": "Project groups"}
WIDTHS = (22, 30, 24, 30, 9, 44, 24)
PROJECT_FILL = PatternFill("solid", fgColor="1F3864")
PROJECT_FONT = Font(bold=True, color="FFFFFF")
SECTION_FONT = Font(bold=True)
HEADER_FONT = Font(italic=True, color="555555")

_WORDS = {
    "organisation": ("Organisation", "Organisation"),
    "size": ("Taille", "Size"),
    "participants": ("Participants", "Participants"),
    "mentors": ("Mentors", "Mentors"),
    "sessions": ("Séances du groupe", "Group sessions"),
    "date": ("Date", "Date"),
    "hours": ("Horaire", "Time"),
    "format": ("Format", "Format"),
    "week": ("Semaine", "Week"),
    "title": ("Titre", "Title"),
    "speaker": ("Intervenant", "Speaker"),
    "event": ("Événement", "Event"),
    "nobody": ("(personne)", "(nobody)"),
    "no_mentor": ("(aucun « Suivi de projet » pour ce projet)", "(no mentoring offer for this project)"),
    "no_session": ("(aucune séance propre au groupe)", "(no session of the group's own)"),
    "no_wish": ("hors de ses vœux", "none of their wishes"),
    "gave_no_wish": ("pas de vœu", "no wish given"),
    "note": ("Chaque groupe suit aussi toutes les séances de la cohorte (feuille Planning).",
             "Each group also attends every cohort session (sheet Planning)."),
}


def _word(key: str, lang: str) -> str:
    french, english = _WORDS[key]
    return english if lang == "en" else french


def group_ids(problem: Problem, timetable: Timetable) -> list[str]:
    """The projects, in workbook order, then any other group audience found in the timetable."""
    known = [p.id for p in problem.projects]
    others = sorted({s.audience for s in timetable.sessions if s.audience != COHORT} - set(known))
    return known + others


def _size_text(project: Project | None, size: int) -> str:
    limits = []
    if project is not None and project.min_size is not None:
        limits.append(f"min {project.min_size}")
    if project is not None and project.max_size is not None:
        limits.append(f"max {project.max_size}")
    people = f"{size} participant(s)"
    return f"{people} ({', '.join(limits)})" if limits else people


def _wish_text(wishes: tuple[str, ...], project_id: str, lang: str) -> str:
    if not wishes:
        return _word("gave_no_wish", lang)
    if project_id in wishes:
        rank = wishes.index(project_id) + 1
        return f"vœu {rank}" if lang != "en" else f"wish {rank}"
    return _word("no_wish", lang)


def _project_rows(problem: Problem, timetable: Timetable, project_id: str, lang: str) -> list[tuple[str, list]]:
    """(style, cells) rows of one project's block."""
    project = next((p for p in problem.projects if p.id == project_id), None)
    pairs = set(timetable.groups)
    members = [p for p in problem.participants if (p.name, project_id) in pairs]
    speakers = {s.name: s for s in problem.speakers}
    mentors = sorted({o.speaker for o in problem.offers if o.project == project_id})
    sessions: list[Session] = [s for s in timetable.sorted_sessions() if s.audience == project_id]
    title = f"{project_id} — {project.title}" if project is not None else project_id
    rows: list[tuple[str, list]] = [("project", [title])]
    if project is not None:
        rows.append(("plain", [_word("organisation", lang), project.organisation]))
    rows.append(("plain", [_word("size", lang), _size_text(project, len(members))]))
    if members:
        for index, member in enumerate(members):
            rows.append(("plain", [_word("participants", lang) if index == 0 else None, member.name,
                                   _wish_text(member.wishes, project_id, lang), member.email or None]))
    else:
        rows.append(("plain", [_word("participants", lang), _word("nobody", lang)]))
    if mentors:
        for index, name in enumerate(mentors):
            speaker = speakers.get(name)
            rows.append(("plain", [_word("mentors", lang) if index == 0 else None, name,
                                   speaker.organisation if speaker else None,
                                   speaker.email or None if speaker else None]))
    else:
        rows.append(("plain", [_word("mentors", lang), _word("no_mentor", lang)]))
    rows.append(("header", [_word("sessions", lang)] + [_word(k, lang) for k in
                                                       ("date", "hours", "format", "week", "title", "speaker")]))
    for session in sessions:
        fmt = FORMATS_EN.get(session.format, session.format) if lang == "en" else session.format
        if session.is_event:
            fmt = _word("event", lang)
        rows.append(("session", [None, session.day, f"{format_time(session.start)}–{format_time(session.end)}",
                                 fmt, session.week, session.title, session.speaker or None]))
    if not sessions:
        rows.append(("plain", [None, _word("no_session", lang)]))
    return rows


def write_group_view_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str = "fr") -> None:
    """One block per project group: title, organisation, size, participants, mentors, the group's sessions."""
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_word("note", lang)])
    sheet.cell(row=1, column=1).font = HEADER_FONT
    for project_id in group_ids(problem, timetable):
        sheet.append([])
        for style, cells in _project_rows(problem, timetable, project_id, lang):
            sheet.append(cells)
            row = sheet.max_row
            if style == "project":
                for column in range(1, len(WIDTHS) + 1):
                    sheet.cell(row=row, column=column).fill = PROJECT_FILL
                sheet.cell(row=row, column=1).font = PROJECT_FONT
            elif style == "header":
                for column in range(1, len(cells) + 1):
                    sheet.cell(row=row, column=column).font = HEADER_FONT
                sheet.cell(row=row, column=1).font = SECTION_FONT
            elif style == "session":
                sheet.cell(row=row, column=2).number_format = "DD/MM/YYYY"
            if style == "plain" and cells and cells[0]:
                sheet.cell(row=row, column=1).font = SECTION_FONT


def write_group_view(workbook: Workbook, problem: Problem, timetable: Timetable, lang: str = "fr") -> None:
    """Add the group view sheet when the workbook has projects or group sessions; nothing otherwise."""
    if not group_ids(problem, timetable):
        return
    write_group_view_sheet(workbook.create_sheet(SHEET_TITLE.get(lang, SHEET_TITLE["fr"])), problem, timetable, lang)
