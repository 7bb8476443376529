"""`planning.xlsx`: the `Planning` sheet of SPEC §5, then sheets for people to read."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import Problem, Session, Timetable
from scheduler.exports.xlsx_file import save_workbook
from scheduler.core.atomic import atomic_path
from scheduler.exports.groups_view import write_group_view
from scheduler.core.words import word
from scheduler.exports.styles import alignment, header_row, set_style
from scheduler.sheets.print_setup import finish_workbook, page_setup
from scheduler.exports.views import solve_figures, unplaced_rows, write_views
from scheduler.workbook.labels import PLANNING_COLUMNS


def planning_row(session: Session) -> list[object]:
    """One `Planning` row, in the order of PLANNING_COLUMNS (contract values, whatever the language);
    `Début` and `Fin` are time cells, so that a spreadsheet can compute durations."""
    return [session.session_id, session.offer_id or None, session.day, _time_cell(session.start),
            _time_cell(session.end), session.week, session.phase, session.title, session.theme or None,
            session.format or None, session.speaker or None, session.organisation or None,
            session.audience, session.location or None, "oui" if session.locked else None]


def _time_cell(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60) if minutes < 24 * 60 else dt.time(23, 59)


DATE_FORMATS = {"fr": "[$-40C]ddd dd/mm/yyyy", "en": "[$-809]ddd dd/mm/yyyy"}
"""The date with its weekday, in the language's words whatever the reader's system language."""
WRAPPED = (1, 8, 9, 11, 12, 14)
"""Columns whose long values wrap (ID, title, theme, speaker, organisation, location)."""


def _fitted_widths(titles: list[str], rows: list[list[object]], minimum: list[int], maximum: list[int]) -> list[int]:
    """Each column as wide as its title or its longest value, between `minimum` and `maximum` (longer values wrap)."""
    widths = []
    for index, (title, least, most) in enumerate(zip(titles, minimum, maximum)):
        values = [row[index] for row in rows if isinstance(row[index], str)]
        longest = max([len(title) + 2, *(len(value) + 2 for value in values)])
        widest_word = max(len(part) for part in title.split()) + 3  # a header wraps between words only
        widths.append(max(least, widest_word, min(most, longest)))
    return widths


def _header(sheet: Worksheet, titles: list[str], widths: list[int]) -> None:
    header_row(sheet, titles, widths)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}1"


def _filter_rows(sheet: Worksheet) -> None:
    """The header's filter over every row written under it."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"


def write_planning_sheet(sheet: Worksheet, timetable: Timetable, lang: str) -> None:
    """The contract sheet: one row per session and fixed event, sorted by date and time.

    Its headers and values stay those of SPEC §5 in every language, so that scripts and
    `verify` read it the same way; the other sheets are translated.
    """
    titles = [label.fr for label in PLANNING_COLUMNS.values()]
    rows = [planning_row(session) for session in timetable.sorted_sessions()]
    widths = _fitted_widths(titles, rows, [12, 8, 16, 7, 7, 9, 7, 24, 16, 14, 16, 16, 10, 12, 12],
                            [18, 8, 16, 7, 7, 9, 7, 34, 22, 14, 20, 24, 10, 20, 12])
    _header(sheet, titles, widths)
    for number, row in enumerate(rows, start=2):  # under the header row
        sheet.append(row)
        sheet.cell(row=number, column=3).number_format = DATE_FORMATS.get(lang, DATE_FORMATS["fr"])
        for column in (4, 5):
            sheet.cell(row=number, column=column).number_format = "HH:MM"
        for column in range(1, len(titles) + 1):
            set_style(sheet.cell(row=number, column=column), alignment=alignment(wrap_text=column in WRAPPED,
                                                                                  vertical="top"))
    last = get_column_letter(len(titles))
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{last}{sheet.max_row}"
    locked = DataValidation(type="list", formula1='"oui,non"', allow_blank=True)
    locked.add(f"{last}2:{last}{max(sheet.max_row, 2) + 200}")
    sheet.add_data_validation(locked)
    page_setup(sheet, "1:1", "Planning", one_page=False)


def write_groups_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """`Groupes`: each participant, their project and the rank of the wish honoured (contract headers)."""
    _header(sheet, ["Participant", "Projet", "Vœu"], [30, 12, 8])
    project_of = dict(timetable.groups)
    for participant in problem.participants:
        project = project_of.get(participant.name, "")
        rank = participant.wishes.index(project) + 1 if project in participant.wishes else None
        sheet.append([participant.name, project or None, rank])
    _filter_rows(sheet)
    page_setup(sheet, "1:1", sheet.title, landscape=False)


def write_unplaced_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """What could not be placed, and why."""
    offers = {offer.id: offer for offer in problem.offers}
    _header(sheet, [word(f"column.{key}", lang) for key in ("id", "title", "speaker", "missing", "reason")],
            [10, 40, 24, 12, 90])
    for item, reason in unplaced_rows(problem, timetable, lang):
        offer = offers.get(item.offer_id)
        sheet.append([item.offer_id, offer.title if offer else "", offer.speaker if offer else "", item.missing, reason])
        for column in (2, 5):
            sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    _filter_rows(sheet)
    page_setup(sheet, "1:1", sheet.title)


def write_figures_sheet(sheet: Worksheet, timetable: Timetable, lang: str, problem: Problem) -> None:
    """The solve figures, translated, and what the timetable shows (sessions, hours, partners...)."""
    _header(sheet, [word("column.figure", lang), word("column.value", lang)], [40, 30])
    for label, value in solve_figures(problem, timetable, lang):
        sheet.append([label, value])
        for column in (1, 2):
            sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    _filter_rows(sheet)
    page_setup(sheet, "1:1", sheet.title, landscape=False)


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
    finish_workbook(workbook, problem.programme.name)
    with atomic_path(path) as temporary:
        save_workbook(workbook, temporary)
