"""The group view of `planning.xlsx`: for each project, who is in its group, who mentors it, and
the group's own sessions (the cohort's sessions are in `Planning` and everyone attends them)."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.collation import sorted_names
from scheduler.core.domain import COHORT, Problem, Project, Session, Timetable
from scheduler.core.palette import colour
from scheduler.core.text import format_time
from scheduler.core.words import count_word, word
from scheduler.exports.labels import format_label
from scheduler.sheets.print_setup import page_setup

WIDTHS = (22, 30, 24, 30, 9, 44, 24)
PROJECT_FILL = PatternFill("solid", fgColor=colour("header"))
PROJECT_FONT = Font(bold=True, color="FFFFFF")
SECTION_FONT = Font(bold=True)
HEADER_FONT = Font(italic=True, color="555555")

def group_ids(problem: Problem, timetable: Timetable) -> list[str]:
    """The projects, in workbook order, then any other group audience found in the timetable."""
    known = [p.id for p in problem.projects]
    others = sorted({s.audience for s in timetable.sessions if s.audience != COHORT} - set(known))
    return known + others


def _size_text(project: Project | None, size: int, lang: str) -> str:
    """'3 participants (min 2, max 4)'."""
    limits = []
    if project is not None and project.min_size is not None:
        limits.append(word("groups.size_min", lang, count=project.min_size))
    if project is not None and project.max_size is not None:
        limits.append(word("groups.size_max", lang, count=project.max_size))
    people = count_word("groups.people", size, lang)
    return word("groups.size_with_limits", lang, people=people, limits=", ".join(limits)) if limits else people


def _wish_text(wishes: tuple[str, ...], project_id: str, lang: str) -> str:
    if not wishes:
        return word("groups.gave_no_wish", lang)
    if project_id in wishes:
        rank = wishes.index(project_id) + 1
        return word("groups.wish_rank", lang, rank=rank)
    return word("groups.no_wish", lang)


def _project_rows(problem: Problem, timetable: Timetable, project_id: str, lang: str) -> list[tuple[str, list]]:
    """(style, cells) rows of one project's block."""
    project = next((p for p in problem.projects if p.id == project_id), None)
    pairs = set(timetable.groups)
    members = [p for p in problem.participants if (p.name, project_id) in pairs]
    speakers = {s.name: s for s in problem.speakers}
    mentors = sorted_names({o.speaker for o in problem.offers if o.project == project_id})
    sessions: list[Session] = [s for s in timetable.sorted_sessions() if s.audience == project_id]
    title = (word("groups.project_title", lang, id=project_id, title=project.title) if project is not None
             else project_id)
    rows: list[tuple[str, list]] = [("project", [title])]
    if project is not None:
        rows.append(("plain", [word("column.organisation", lang), project.organisation]))
    rows.append(("plain", [word("groups.size", lang), _size_text(project, len(members), lang)]))
    if members:
        for index, member in enumerate(members):
            rows.append(("plain", [word("groups.participants", lang) if index == 0 else None, member.name,
                                   _wish_text(member.wishes, project_id, lang), member.email or None]))
    else:
        rows.append(("plain", [word("groups.participants", lang), word("groups.nobody", lang)]))
    if mentors:
        for index, name in enumerate(mentors):
            speaker = speakers.get(name)
            rows.append(("plain", [word("groups.mentors", lang) if index == 0 else None, name,
                                   speaker.organisation if speaker else None,
                                   speaker.email or None if speaker else None]))
    else:
        rows.append(("plain", [word("groups.mentors", lang), word("groups.no_mentor", lang)]))
    rows.append(("header", [word("groups.sessions", lang)] + [word(f"column.{k}", lang) for k in
                                                       ("date", "time", "format", "week", "title", "speaker")]))
    for session in sessions:
        fmt = word("groups.event", lang) if session.is_event else format_label(session.format, lang)
        rows.append(("session", [None, session.day, f"{format_time(session.start)}–{format_time(session.end)}",
                                 fmt, session.week, session.title, session.speaker or None]))
    if not sessions:
        rows.append(("plain", [None, word("groups.no_session", lang)]))
    return rows


def write_group_view_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str = "fr") -> None:
    """One block per project group: title, organisation, size, participants, mentors, the group's sessions."""
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([word("groups.note", lang)])
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
    page_setup(sheet, None, problem.programme.name)


def write_group_view(workbook: Workbook, problem: Problem, timetable: Timetable, lang: str = "fr") -> None:
    """Add the group view sheet when the workbook has projects or group sessions; nothing otherwise."""
    if not group_ids(problem, timetable):
        return
    write_group_view_sheet(workbook.create_sheet(word("sheet.project_groups", lang)), problem, timetable, lang)
