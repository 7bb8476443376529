"""The sheets of planning.xlsx written for people: a printable grid per programme week, the
sessions of each speaker and each organisation, theme × week coverage, and the solve figures."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.collation import sorted_names
from scheduler.core.domain import Problem, Session, Timetable, Unplaced
from scheduler.core.palette import colour
from scheduler.core.text import format_time
from scheduler.core.words import has_word, number, word
from scheduler.sheets.print_setup import page_setup
from scheduler.exports.labels import audience_label, format_label, organisation_type_label
from scheduler.exports.styles import HEADER_FILL, HEADER_FONT, alignment, font, header_row, merge, set_style, solid_fill
from scheduler.exports.weekgrid import LUNCH_FILL, Block, WeekGrid, legend, theme_colours, tint, week_grids
from scheduler.soft_rules import find_soft_rule

GRID_LINE = Side(style="thin", color=colour("grid_line"))
FIRST_GRID_ROW = 4
"""Rows 1-3 of a week sheet: title, cohort, day headers (repeated on every printed page)."""


def _time_cell(minutes: int) -> dt.time:
    """A time cell, as in `Planning` (the end of a day that runs to midnight shows 23:59)."""
    return dt.time(minutes // 60, minutes % 60) if minutes < 24 * 60 else dt.time(23, 59)


def week_sheet_name(week: int, lang: str) -> str:
    return word("grid.week", lang, week=week)


def figure_label(key: str, lang: str) -> str:
    """A solve figure named for people; `soft:<label>` is one soft rule's penalty count."""
    if key.startswith("soft:"):
        rule = find_soft_rule(key.removeprefix("soft:"))
        if rule is not None:
            return word("figure.soft_rule", lang, name=rule.name(lang))
    return word(f"figure.{key}", lang) if has_word(f"figure.{key}") else key


def _fill(colour: str) -> PatternFill:
    return solid_fill(colour)


GRID_BORDER = Border(left=GRID_LINE, right=GRID_LINE, top=GRID_LINE, bottom=GRID_LINE)


@cache
def _edge_border(colour: str, style: str, left: bool, right: bool, top: bool, bottom: bool) -> Border:
    """The border of a cell of an outlined rectangle: `colour` on its outer sides, the grid line inside."""
    side = Side(style=style, color=colour)
    return Border(left=side if left else GRID_LINE, right=side if right else GRID_LINE,
                  top=side if top else GRID_LINE, bottom=side if bottom else GRID_LINE)


def _outline(sheet: Worksheet, top: int, left: int, bottom: int, right: int, colour: str,
             style: str = "medium") -> None:
    """A medium (or dashed) border of `colour` around a (merged) rectangle: every edge cell carries its side."""
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            set_style(sheet.cell(row=row, column=column),
                      border=_edge_border(colour, style, column == left, column == right, row == top, row == bottom))


def write_week_sheet(sheet: Worksheet, grid: WeekGrid, problem: Problem, timetable: Timetable, lang: str) -> None:
    """Days across, time steps down; each session a merged block in its theme's colour; a legend."""
    starts, column = [], 2
    for day in grid.days:
        starts.append(column)
        column += day.lanes
    last_column = column - 1
    sheet.sheet_view.showGridLines = False
    sheet.column_dimensions["A"].width = 7
    for day, first in zip(grid.days, starts):
        for lane in range(day.lanes):
            sheet.column_dimensions[get_column_letter(first + lane)].width = max(15, round(32 / day.lanes))
    merge(sheet, 1, 1, 1, last_column)
    sheet.cell(row=1, column=1, value=grid.title(lang)).font = Font(bold=True, size=14)
    merge(sheet, 2, 1, 2, last_column)
    sheet.cell(row=2, column=1, value=problem.programme.name).font = Font(italic=True, size=10, color="555555")
    sheet.row_dimensions[1].height = 22
    sheet.cell(row=3, column=1, value=word("grid.hour", lang))
    for index, (day, first) in enumerate(zip(grid.days, starts)):
        if day.lanes > 1:
            merge(sheet, 3, first, 3, first + day.lanes - 1)
        sheet.cell(row=3, column=first, value=grid.day_header(index, lang))
    for column in range(1, last_column + 1):
        set_style(sheet.cell(row=3, column=column), fill=HEADER_FILL, font=HEADER_FONT,
                  alignment=alignment(horizontal="center", vertical="center"))
    height = max(14.0, 36.0 * grid.step / 30)
    for index, minute in enumerate(grid.times):
        row = FIRST_GRID_ROW + index
        sheet.row_dimensions[row].height = height
        set_style(sheet.cell(row=row, column=1, value=format_time(minute)),
                  font=font(size=8, color="555555", bold=minute % 60 == 0),
                  alignment=alignment(horizontal="right", vertical="top"))
        lunch = grid.is_lunch(index)
        for column in range(2, last_column + 1):
            cell = sheet.cell(row=row, column=column)
            set_style(cell, border=GRID_BORDER)
            if lunch:
                set_style(cell, fill=_fill(LUNCH_FILL))
    for block in grid.blocks:
        top = FIRST_GRID_ROW + block.first_row
        left = starts[block.day_index] + block.lane
        bottom, right = top + block.rows - 1, left + block.lanes - 1
        if bottom > top or right > left:
            merge(sheet, top, left, bottom, right)
        _outline(sheet, top, left, bottom, right, block.colour if block.kind != "closed" else colour("closed_border"),
                 "mediumDashed" if block.kind == "work" else "medium")
        cell = sheet.cell(row=top, column=left, value=_block_text(block))
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                set_style(sheet.cell(row=row, column=column), fill=_fill(block.fill))
        set_style(cell, alignment=alignment(wrap_text=True, vertical="top" if block.kind != "closed" else "center",
                                            horizontal="left" if block.kind != "closed" else "center"),
                  font=font(size=9, italic=block.kind == "event", bold=block.kind == "closed",
                            color={"closed": colour("closed_text"), "work": "444444"}.get(block.kind, "000000")))
    _write_legend(sheet, FIRST_GRID_ROW + len(grid.times) + 1, starts, last_column, problem, timetable, lang)
    sheet.freeze_panes = sheet.cell(row=FIRST_GRID_ROW, column=2)
    last_row = sheet.max_row
    sheet.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    page_setup(sheet, "1:3", problem.programme.name, one_page=True)


def _block_text(block: Block) -> CellRichText | str:
    """The block's lines, its title (second line) in bold."""
    if block.kind == "closed" or len(block.lines) < 2:
        return "\n".join(block.lines)
    size, italic, work = 9, block.kind == "event", block.kind == "work"
    plain = InlineFont(sz=size, i=italic, color="444444" if work else None)
    bold = InlineFont(sz=size, b=not work, i=italic, color="444444" if work else None)
    parts = [TextBlock(plain, block.lines[0] + "\n"), TextBlock(bold, block.lines[1])]
    if len(block.lines) > 2:
        parts.append(TextBlock(plain, "\n" + "\n".join(block.lines[2:])))
    return CellRichText(*parts)


def _write_legend(sheet: Worksheet, row: int, starts: list[int], last_column: int, problem: Problem,
                  timetable: Timetable, lang: str) -> None:
    """'Légende' then one coloured cell per theme, fixed events and closed days, a row of them per line."""
    sheet.cell(row=row, column=1, value=word("grid.legend", lang)).font = Font(bold=True, size=8)
    slots = starts or [2]
    ends = [*(s - 1 for s in slots[1:]), last_column]
    for index, (label, fill, border) in enumerate(legend(problem, timetable, lang)):
        line, position = divmod(index, len(slots))
        top = row + line
        left, right = slots[position], ends[position]
        if right > left:
            merge(sheet, top, left, top, right)
        _outline(sheet, top, left, top, right, border)
        for column in range(left, right + 1):
            set_style(sheet.cell(row=top, column=column), fill=_fill(fill))
        set_style(sheet.cell(row=top, column=left, value=label), font=font(size=8),
                  alignment=alignment(horizontal="center", vertical="center", shrink_to_fit=True))
        sheet.row_dimensions[top].height = 15


def _finish_table(sheet: Worksheet, footer: str) -> None:
    columns = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A1:{columns}{max(sheet.max_row, 1)}"
    page_setup(sheet, "1:1", footer, one_page=False)


def write_speakers_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """Each speaker's sessions with their contact; a speaker with offers but no session says so."""
    w = lambda key: word(f"column.{key}", lang)  # noqa: E731 - a short alias keeps the header readable
    header_row(sheet, [w("speaker"), w("organisation"), w("email"), w("date"), w("start"), w("end"), w("week"),
                   w("title"), w("format"), w("theme"), w("audience"), w("location")],
           [24, 28, 30, 11, 7, 7, 8, 42, 16, 30, 10, 28])
    by_speaker: dict[str, list[Session]] = {}
    for session in timetable.sorted_sessions():
        if session.speaker:
            by_speaker.setdefault(session.speaker, []).append(session)
    known = {s.name: s for s in problem.speakers}
    offering = {o.speaker for o in problem.offers}
    names = sorted_names(set(by_speaker) | (offering & set(known)))
    for name in names:
        speaker = known.get(name)
        email = speaker.email if speaker else ""
        organisation = speaker.organisation if speaker else ""
        for session in by_speaker.get(name, []):
            sheet.append([name, session.organisation or organisation, email or None, session.day,
                          _time_cell(session.start), _time_cell(session.end), session.week, session.title,
                          format_label(session.format, lang), session.theme or None, audience_label(session.audience, lang),
                          session.location or None])
            row = sheet.max_row
            sheet.cell(row=row, column=4).number_format = "DD/MM/YYYY"
            for column in (5, 6):
                sheet.cell(row=row, column=column).number_format = "HH:MM"
            for column in (1, 2, 8, 10, 12):  # long names and titles wrap instead of being cut by the next cell
                set_style(sheet.cell(row=row, column=column), alignment=alignment(wrap_text=True, vertical="top"))
        if name not in by_speaker:
            sheet.append([name, organisation, email or None, None, None, None, None, word("no_session", lang)])
            sheet.cell(row=sheet.max_row, column=8).font = Font(italic=True, color=colour("too_few_text"))
    _finish_table(sheet, problem.programme.name)


def write_organisations_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str) -> None:
    """Per partner organisation: its type, sessions per phase, hours, speakers and the sessions themselves."""
    w = lambda key: word(f"column.{key}", lang)  # noqa: E731
    header_row(sheet, [w("organisation"), w("type"), w("sessions_phase1"), w("sessions_phase2"), w("hours"),
                   w("speakers"), w("sessions")], [30, 22, 10, 10, 8, 30, 90])
    kinds = {o.name: o.kind for o in problem.organisations}
    by_organisation: dict[str, list[Session]] = {}
    for session in timetable.sorted_sessions():
        if not session.is_event and session.organisation:
            by_organisation.setdefault(session.organisation, []).append(session)
    names = [o.name for o in problem.organisations] + sorted_names(set(by_organisation) - set(kinds))
    for name in names:
        sessions = by_organisation.get(name, [])
        kind = kinds.get(name, "")
        listing = "\n".join(f"{s.day:%d/%m} {format_time(s.start)}–{format_time(s.end)} {s.title} "
                            f"({s.speaker})" for s in sessions) or word("no_session", lang)
        sheet.append([name, organisation_type_label(kind, lang),
                      sum(s.phase == 1 for s in sessions), sum(s.phase == 2 for s in sessions),
                      round(sum(s.minutes for s in sessions) / 60, 2), ", ".join(sorted_names({s.speaker for s in sessions})),
                      listing])
        sheet.cell(row=sheet.max_row, column=7).alignment = Alignment(wrap_text=True, vertical="top")
        for column in range(1, 7):
            sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(vertical="top", wrap_text=True)
    _finish_table(sheet, problem.programme.name)


def write_coverage_sheet(sheet: Worksheet, problem: Problem, timetable: Timetable, lang: str,
                         weeks: list[int], phase1_weeks: set[int]) -> None:
    """Theme × week: sessions per cell, coloured by count; a phase-1 total below the minimum shows red."""
    w = lambda key: word(f"column.{key}", lang)  # noqa: E731
    week_titles = [word("grid.week_short", lang, week=week) for week in weeks]
    header_row(sheet, [w("theme"), *week_titles, w("total_phase1"), w("minimum"), w("total")],
           [36, *([6] * len(weeks)), 11, 11, 8])
    for index, week in enumerate(weeks, start=2):
        cell = sheet.cell(row=1, column=index)
        cell.alignment = Alignment(horizontal="center")
        if week not in phase1_weeks:
            cell.fill = _fill(colour("phase2_header"))
    colours = theme_colours(problem, timetable)
    counts = Counter((s.theme, s.week) for s in timetable.sessions if not s.is_event)
    minimum = problem.programme.min_sessions_per_theme
    for theme, theme_colour in colours.items():
        row = [counts.get((theme, week), 0) for week in weeks]
        phase1 = sum(counts.get((theme, week), 0) for week in phase1_weeks)
        sheet.append([theme, *row, phase1, minimum, sum(row)])
        sheet.cell(row=sheet.max_row, column=1).fill = _fill(tint(theme_colour))
    last_row = sheet.max_row
    if last_row > 1:
        first_week, last_week = get_column_letter(2), get_column_letter(1 + len(weeks))
        sheet.conditional_formatting.add(
            f"{first_week}2:{last_week}{last_row}",
            ColorScaleRule(start_type="num", start_value=0, start_color=colour("scale_low"),
                           end_type="max", end_color=colour("scale_high")))
        total, floor = get_column_letter(2 + len(weeks)), get_column_letter(3 + len(weeks))
        sheet.conditional_formatting.add(
            f"{total}2:{total}{last_row}",
            CellIsRule(operator="lessThan", formula=[f"${floor}2"], fill=_fill(colour("too_few_fill")),
                       font=Font(color=colour("too_few_text"))))
        sheet.conditional_formatting.add(
            f"{total}2:{total}{last_row}",
            CellIsRule(operator="greaterThanOrEqual", formula=[f"${floor}2"], fill=_fill(colour("enough_fill")),
                       font=Font(color=colour("enough_text"))))
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append([word("coverage_title", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True, size=9)
    page_setup(sheet, "1:1", problem.programme.name, one_page=False)


def unplaced_rows(problem: Problem, timetable: Timetable, lang: str) -> list[tuple[Unplaced, str]]:
    """Offers with occurrences missing, and why: the solver's reason, else 'not in the timetable'."""
    placed = Counter(s.offer_id for s in timetable.sessions if s.offer_id)
    known = {item.offer_id: item for item in timetable.unplaced}
    rows = []
    for offer in problem.offers:
        item = known.get(offer.id)
        missing = offer.count - placed.get(offer.id, 0)
        if item is not None:
            rows.append((item, item.reason_en if lang == "en" and item.reason_en else item.reason))
        elif missing > 0:
            rows.append((Unplaced(offer.id, missing, word("not_in_planning", "fr"),
                                  word("not_in_planning", "en")), word("not_in_planning", lang)))
    return rows


def _decimal_text(value: str, lang: str) -> str:
    """A solver figure written '12.25' as the language writes it ('12,25' in French); other texts unchanged."""
    return number(float(value), lang) if re.fullmatch(r"-?\d+\.\d+", value) else value


_PROOFS = {("status", "OPTIMAL"): "figure.status_optimal", ("status", "FEASIBLE"): "figure.status_feasible",
           ("groups_status", "OPTIMAL"): "figure.groups_optimal", ("groups_status", "FEASIBLE"): "figure.groups_feasible"}


def _status_text(label: str, status: str, lang: str) -> str:
    """What a solver's status proves, in words ('OPTIMAL': the number of sessions is the largest possible)."""
    key = _PROOFS.get((label, status))
    return word(key, lang) if key else status


def solve_figures(problem: Problem, timetable: Timetable, lang: str) -> list[tuple[str, str]]:
    """The solver's own figures (translated), then what the timetable itself shows."""
    figures = [(figure_label(label, lang),
                _status_text(label, value, lang) if label.endswith("status") else _decimal_text(value, lang))
               for label, value in timetable.figures]
    sessions = [s for s in timetable.sessions if not s.is_event]
    phase1 = {s.theme for s in sessions if s.phase == 1 and s.theme}
    placed = Counter(s.offer_id for s in sessions)
    required = [o for o in problem.offers if o.required]
    project_of = dict(timetable.groups)
    computed = [("offered", str(sum(o.count for o in problem.offers))),
                ("events", str(sum(s.is_event for s in timetable.sessions))),
                ("hours", number(round(sum(s.minutes for s in sessions) / 60, 2), lang)),
                ("speakers", str(len({s.speaker for s in sessions if s.speaker}))),
                ("organisations", str(len({s.organisation for s in sessions if s.organisation}))),
                ("themes", word("figure.out_of", lang, part=len(phase1), whole=len(problem.themes))),
                ("required", word("figure.out_of", lang, part=sum(placed[o.id] >= o.count for o in required),
                                  whole=len(required)))]
    if not any(label == "placed" for label, _ in timetable.figures):
        computed.insert(0, ("placed", str(len(sessions))))
    if problem.participants and not any(label == "first_wishes" for label, _ in timetable.figures):
        first = sum(1 for p in problem.participants if p.wishes and project_of.get(p.name) == p.wishes[0])
        computed.append(("first_wish", word("figure.out_of", lang, part=first, whole=len(problem.participants))))
    return figures + [(figure_label(label, lang), value) for label, value in computed]


def write_views(workbook: Workbook, problem: Problem, timetable: Timetable, lang: str = "fr") -> None:
    """Append the week sheets, the per-speaker and per-organisation sheets and the coverage matrix."""
    grids = week_grids(problem, timetable, lang)
    for grid in grids:
        write_week_sheet(workbook.create_sheet(week_sheet_name(grid.week, lang)), grid, problem, timetable, lang)
    write_speakers_sheet(workbook.create_sheet(word("sheet.speakers", lang)), problem, timetable, lang)
    write_organisations_sheet(workbook.create_sheet(word("sheet.organisations", lang)), problem, timetable, lang)
    weeks = [grid.week for grid in grids]
    weeks += sorted({s.week for s in timetable.sessions} - set(weeks))
    write_coverage_sheet(workbook.create_sheet(word("sheet.coverage", lang)), problem, timetable, lang,
                         weeks, {grid.week for grid in grids if grid.phase == 1})
