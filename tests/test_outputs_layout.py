"""The `Planning` sheet for people (time cells, weekday, drop-down, widths), names in French order,
and whole-cohort sessions drawn across every lane of a day where groups have lanes."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import openpyxl

from scheduler.core.collation import sorted_names
from scheduler.core.domain import Session, Timetable
from scheduler.exports.page import planning_page
from scheduler.exports.planning_xlsx import write_planning_workbook
from scheduler.exports.weekgrid import week_grids
from scheduler.workbook.planning_reader import read_planning
from test_exports_xlsx import tiny

MONDAY_WEEK3 = dt.date(2026, 11, 16)


def with_cohort_review() -> tuple:
    """tiny() plus a whole-cohort 'Bilan' on the Monday of week 3, where P1 and P2 have overlapping lanes."""
    problem, timetable = tiny()
    review = Session("EV-20261116-1600-bilan", "", MONDAY_WEEK3, 16 * 60, 17 * 60, 3, 2, "Bilan de la semaine")
    return problem, dataclasses.replace(timetable, sessions=(*timetable.sessions, review))


def test_names_in_french_dictionary_order() -> None:
    assert sorted_names(["Yasmine", "élodie", "Élise", "Eric", "Zoé", "Émile"]) == [
        "Élise", "élodie", "Émile", "Eric", "Yasmine", "Zoé"]
    assert sorted_names(["Œuvre", "Oscar", "Orange"]) == ["Œuvre", "Orange", "Oscar"]


def test_a_cohort_session_spans_every_lane_and_group_sessions_keep_theirs() -> None:
    problem, timetable = with_cohort_review()
    grid = next(g for g in week_grids(problem, timetable) if g.week == 3)
    day = next(i for i, d in enumerate(grid.days) if d.day == MONDAY_WEEK3)
    assert grid.days[day].lanes == 2
    blocks = {b.session.session_id: b for b in grid.blocks if b.session is not None and b.day_index == day}
    assert (blocks["EV-20261116-1600-bilan"].lane, blocks["EV-20261116-1600-bilan"].lanes) == (0, 2)
    assert {blocks["M1-1"].lanes, blocks["M2-1"].lanes} == {1}
    assert {blocks["M1-1"].lane, blocks["M2-1"].lane} == {0, 1}


def test_the_cohort_session_spans_the_lanes_in_html_and_xlsx(tmp_path: Path) -> None:
    problem, timetable = with_cohort_review()
    html = planning_page(problem, timetable)
    assert re.search(r'<td class="block event"[^>]*colspan="2"[^>]*>.*?Bilan de la semaine', html)
    path = tmp_path / "planning.xlsx"
    write_planning_workbook(problem, timetable, path)
    sheet = openpyxl.load_workbook(path)["Semaine 3"]
    [cell] = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "Bilan" in c.value]
    merged = next(r for r in sheet.merged_cells.ranges if cell.coordinate in r)
    assert merged.max_col - merged.min_col == 1


def test_planning_sheet_times_weekday_drop_down_and_widths(tmp_path: Path) -> None:
    problem, timetable = tiny()
    path = tmp_path / "planning.xlsx"
    write_planning_workbook(problem, timetable, path)
    sheet = openpyxl.load_workbook(path)["Planning"]
    titles = [c.value for c in sheet[1]]
    start, end, day = (titles.index(name) + 1 for name in ("Début", "Fin", "Date"))
    first = sheet.cell(2, start)
    assert isinstance(first.value, dt.time) and first.value == dt.time(9, 0) and first.number_format == "HH:MM"
    assert isinstance(sheet.cell(2, end).value, dt.time)
    assert "ddd" in sheet.cell(2, day).number_format
    locked = get_validation(sheet, titles.index("Verrouillé") + 1)
    assert locked is not None and "oui" in locked.formula1 and "non" in locked.formula1
    longest_title = max(len(s.title) for s in timetable.sessions)
    title_width = sheet.column_dimensions[openpyxl.utils.get_column_letter(titles.index("Titre") + 1)].width
    assert title_width >= min(longest_title, 34)
    for column, name in enumerate(titles, start=1):
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width
        assert width >= max(len(word) for word in name.split()), name


def get_validation(sheet, column: int):
    letter = openpyxl.utils.get_column_letter(column)
    return next((v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2")), None)


def test_time_cells_are_read_back_as_the_same_timetable(tmp_path: Path) -> None:
    problem, timetable = tiny()
    path = tmp_path / "planning.xlsx"
    write_planning_workbook(problem, timetable, path)
    read = read_planning(path, problem)
    read_timetable = read if isinstance(read, Timetable) else read[0]
    assert {(s.session_id, s.day, s.start, s.end) for s in read_timetable.sessions} == {
        (s.session_id, s.day, s.start, s.end) for s in timetable.sessions}


def test_speakers_sheet_lists_names_in_french_order(tmp_path: Path) -> None:
    problem, timetable = tiny()
    problem = dataclasses.replace(problem, speakers=(*problem.speakers[:2],
                                                     dataclasses.replace(problem.speakers[2], name="Élise Aubry")),
                                  offers=tuple(dataclasses.replace(o, speaker="Élise Aubry")
                                               if o.speaker == "Zoé Sanséance" else o for o in problem.offers))
    path = tmp_path / "planning.xlsx"
    write_planning_workbook(problem, timetable, path)
    sheet = openpyxl.load_workbook(path)["Intervenants"]
    names = list(dict.fromkeys(row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]))
    assert names == ["Élise Aubry", "Léa Dupont", "Marc Petit"]
