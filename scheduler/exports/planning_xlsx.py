"""`planning.xlsx`: the `Planning` sheet of SPEC §5, then sheets for people to read."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import Problem, Session, Timetable
from scheduler.core.atomic import atomic_path
from scheduler.exports.groups_view import write_group_view
from scheduler.core.text import format_time
from scheduler.core.words import word
from scheduler.exports.styles import header_row
from scheduler.exports.views import print_setup, solve_figures, unplaced_rows, write_views
from scheduler.workbook.labels import PLANNING_COLUMNS


def planning_row(session: Session) -> list[object]:
    """One `Planning` row, in the order of PLANNING_COLUMNS (contract values, whatever the language)."""
    return [session.session_id, session.offer_id or None, session.day, format_time(session.start),
            format_time(session.end), session.week, session.phase, session.title, session.theme or None,
            session.format or None, session.speaker or None, session.organisation or None,
            session.audience, session.location or None, "oui" if session.locked else None]


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    header_row(sheet, titles, widths)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}1"


def write_planning_sheet(sheet: Worksheet, timetable: Timetable, lang: str) -> None:
    """The contract sheet: one row per session and fixed event, sorted by date and time.

    Its headers and values stay those of SPEC §5 in every language, so that scripts and
    `verify` read it the same way; the other sheets are translated.
    """
    titles = [label.fr for label in PLANNING_COLUMNS.values()]
    _header(sheet, titles, [26, 12, 12, 8, 8, 9, 7, 40, 32, 16, 22, 30, 10, 24, 11])
    for session in timetable.sorted_sessions():
        sheet.append(planning_row(session))
        sheet.cell(row=sheet.max_row, column=3).number_format = "DD/MM/YYYY"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{sheet.max_row}"
    print_setup(sheet, "1:1", "Planning", one_page=False)


def write_groups_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """`Groupes`: each participant, their project and the rank of the wish honoured (contract headers)."""
    _header(sheet, ["Participant", "Projet", "Vœu"], [30, 12, 8])
    project_of = dict(timetable.groups)
    for participant in problem.participants:
        project = project_of.get(participant.name, "")
        rank = participant.wishes.index(project) + 1 if project in participant.wishes else None
        sheet.append([participant.name, project or None, rank])


def write_unplaced_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """What could not be placed, and why."""
    offers = {offer.id: offer for offer in problem.offers}
    _header(sheet, [word(f"column.{key}", lang) for key in ("id", "title", "speaker", "missing", "reason")],
            [10, 40, 24, 12, 90])
    for item, reason in unplaced_rows(problem, timetable, lang):
        offer = offers.get(item.offer_id)
        sheet.append([item.offer_id, offer.title if offer else "", offer.speaker if offer else "", item.missing, reason])


def write_figures_sheet(sheet: Worksheet, timetable: Timetable, lang: str, problem: Problem) -> None:
    """The solve figures, translated, and what the timetable shows (sessions, hours, partners...)."""
    _header(sheet, [word("column.figure", lang), word("column.value", lang)], [40, 30])
    for label, value in solve_figures(problem, timetable, lang):
        sheet.append([label, value])


def write_planning_workbook(problem: Problem, timetable: Timetable, path: Path, lang: str = "fr",
                            changes: list | None = None) -> None:
    """Write `planning.xlsx` atomically; with `changes` (`replan`, `export`), a `Changements` sheet too."""
    workbook = Workbook()
    write_planning_sheet(workbook.active, timetable, lang)
    workbook.active.title = "Planning"
    if problem.participants:
        write_groups_sheet(workbook.create_sheet("Groupes"), problem, timetable, lang)
    write_group_view(workbook, problem, timetable, lang)
    write_views(workbook, problem, timetable, lang)
    write_unplaced_sheet(workbook.create_sheet(word("sheet.unplaced", lang)), problem, timetable, lang)
    write_figures_sheet(workbook.create_sheet(word("sheet.solve", lang)), timetable, lang, problem)
    if changes is not None:
        from scheduler.exports.changes import CHANGES_SHEET, write_changes_sheet
        write_changes_sheet(workbook.create_sheet(CHANGES_SHEET), changes, lang)
    with atomic_path(path) as temporary:
        workbook.save(temporary)
