"""Project work in the week grids: with `Travail en projet` = `auto`, each group's free phase-2
half-days are pale dashed blocks in that group's lane of the week sheets and of planning.html; they
are never sessions (not in `Planning`, `Couverture`, `Résolution`), and without the setting there are none."""
from __future__ import annotations

import dataclasses
import re

from openpyxl import load_workbook

from scheduler.checker import violations
from scheduler.core.project_work import project_work_blocks
from scheduler.exports.page import planning_page
from scheduler.exports.planning_xlsx import write_planning_workbook
from scheduler.exports.weekgrid import WORK_COLOUR, WORK_WHITENESS, tint, week_grids
from test_exports_xlsx import tiny


def with_project_work(problem):
    return dataclasses.replace(problem, programme=dataclasses.replace(problem.programme, project_work="auto"))


def sheet_texts(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_each_group_s_project_work_sits_in_its_own_lane_and_is_no_session():
    problem, timetable = tiny()
    assert not any(b.kind == "work" for g in week_grids(problem, timetable) for b in g.blocks), "none unless asked"
    problem = with_project_work(problem)
    expected = project_work_blocks(problem, timetable)
    grids = week_grids(problem, timetable)
    work = [(g, b) for g in grids for b in g.blocks if b.kind == "work"]
    assert len(work) == len(expected) > 0
    assert all(g.week == 3 for g, _ in work), "phase 2 only"
    for grid, block in work:
        assert block.session is None, "a block is not a session"
        assert block.lines[1] == "Travail en projet" and block.lanes == 1
        group = block.lines[2].removeprefix("Groupe ")
        assert block.lane == ["P1", "P2"].index(group), "each group in its own lane"
        assert grid.days[block.day_index].lanes == 2
        assert block.fill == tint(WORK_COLOUR, WORK_WHITENESS) != tint(WORK_COLOUR)
    monday = next(g for g in grids if g.week == 3)
    sessions = {b.session.session_id: b.lane for b in monday.blocks if b.session is not None}
    assert (sessions["M1-1"], sessions["M2-1"]) == (0, 1), "a group's sessions share its lane"
    english = [b for g in week_grids(problem, timetable, "en") for b in g.blocks if b.kind == "work"]
    assert {b.lines[1] for b in english} == {"Project work"}


def test_week_sheets_show_project_work_but_the_counted_sheets_do_not(tmp_path):
    problem, timetable = tiny()
    plain, auto = tmp_path / "plain.xlsx", tmp_path / "auto.xlsx"
    write_planning_workbook(problem, timetable, plain)
    write_planning_workbook(with_project_work(problem), timetable, auto)
    before, after = load_workbook(plain), load_workbook(auto)
    assert not any("Travail en projet" in t for name in before.sheetnames for t in sheet_texts(before[name]))
    week = after["Semaine 3"]
    cells = [c for row in week.iter_rows() for c in row if isinstance(c.value, str) and "Travail en projet" in c.value]
    blocks = project_work_blocks(with_project_work(problem), timetable)
    assert len(cells) == len(blocks) + 1, "one cell per block, and the legend"
    in_grid = [c for c in cells if re.match(r"\d\d:\d\d–\d\d:\d\d\n", c.value)]
    assert len(in_grid) == len(blocks)
    assert {c.value.splitlines()[-1] for c in in_grid} == {"Groupe P1", "Groupe P2"}
    for cell in in_grid:
        assert cell.fill.fgColor.rgb[-6:] == tint(WORK_COLOUR, WORK_WHITENESS)
        assert cell.border.top.style == "mediumDashed"
        merged = next(r for r in week.merged_cells.ranges if cell.coordinate in r)
        assert merged.max_row - merged.min_row + 1 >= 6, "a whole half-day"
    earlier = sheet_texts(after["Semaine 1"]) + sheet_texts(after["Semaine 2"])
    assert not any(re.match(r"\d\d:\d\d–\d\d:\d\d\nTravail en projet", t) for t in earlier), "phase 2 only"
    for name in ("Planning", "Couverture", "Résolution", "Intervenants", "Organisations", "Non placées"):
        assert sheet_texts(before[name]) == sheet_texts(after[name]), name
    assert violations(with_project_work(problem), timetable) == violations(problem, timetable)


def test_planning_page_shows_project_work_only_with_the_setting():
    problem, timetable = tiny()
    assert 'class="block work"' not in planning_page(problem, timetable)
    assert "Travail en projet" not in planning_page(problem, timetable)
    problem = with_project_work(problem)
    html = planning_page(problem, timetable)
    blocks = project_work_blocks(problem, timetable)
    cells = re.findall(r'<td class="block work"[^>]*style="([^"]*)"[^>]*>(.*?)</td>', html)
    assert len(cells) == len(blocks)
    assert all("dashed" in style and tint(WORK_COLOUR, WORK_WHITENESS) in style for style, _ in cells)
    assert all("Travail en projet" in text for _, text in cells)
    assert len(re.findall(r'<li class="work"', html)) == len(blocks), "the phone's day lists show them too"
    assert "Project work" in planning_page(problem, timetable, "en")
