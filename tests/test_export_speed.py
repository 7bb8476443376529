"""The fast paths of the exports (issue 14.3) write the same bytes as the plain library calls they
replace, and `plan`'s imports stay lean. No timing here: speed is in tests/benchmarks/plan_profile.py."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from icalendar import Calendar, Event, vText
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from scheduler.exports import calendars
from scheduler.exports.calendar_text import EventTexts
from scheduler.exports.styles import alignment, font, merge, set_style, solid_fill
from scheduler.sheets.print_setup import name_fonts
from test_calendars import STAMP, without
from test_exports_xlsx import tiny

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("length", [1, 60, 70, 71, 72, 73, 74, 75, 140, 144, 145, 146, 300])
def test_a_plain_uid_line_is_folded_as_icalendar_folds_it(length):
    uid = ("abc-123.xyz@" * 30)[:length]
    assert calendars._uid_line(uid) == Event().content_line("UID", vText(uid)).to_ical() + b"\r\n"


def test_an_unusual_uid_goes_through_icalendar():
    uid = "a;b,c\\d é" * 12
    assert calendars._uid_line(uid) == Event().content_line("UID", vText(uid)).to_ical() + b"\r\n"


def _reference_calendar(problem, file, events, lang):
    """What `_calendar_bytes` wrote before the events were serialised once: icalendar, whole."""
    description = calendars.ical_text(calendars.word("calendar.description", lang, name=problem.programme.name))
    calendar = Calendar.new(prodid=calendars.PRODID, method="PUBLISH",
                            uid=calendars.calendar_uid(problem, file.relative_path))
    for prop, text in (("DESCRIPTION", description), ("X-WR-CALDESC", description),
                       ("NAME", calendars.ical_text(file.name)), ("X-WR-CALNAME", calendars.ical_text(file.name))):
        calendar.add(prop, vText(text))
    calendar.add("X-WR-TIMEZONE", problem.programme.timezone)
    for event in events:
        calendar.add_component(event)
    days = [e.start.date() for e in events] or [problem.programme.start_date]
    calendar.add_missing_timezones(first_date=min(days) - dt.timedelta(days=7),
                                   last_date=max(days) + dt.timedelta(days=7))
    return calendar.to_ical()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_calendar_is_byte_for_byte_icalendar_own_serialisation(tmp_path, lang):
    problem, timetable = tiny()
    calendars.write_calendars(problem, timetable, tmp_path, lang, now=STAMP)
    smaller = without(timetable, "O2-1")  # the second export also writes cancelled events
    calendars.write_calendars(problem, smaller, tmp_path, lang, now=STAMP)
    state = json.loads((tmp_path / calendars.STATE_FILE).read_text(encoding="utf-8"))
    texts = EventTexts(problem, smaller, lang)
    files = calendars.calendar_files(problem, smaller, lang)
    removed = next(s for s in timetable.sessions if s.session_id == "O2-1")
    removed_uid = calendars.session_uid(problem, removed)
    checked = 0
    for file in files:
        events = [calendars._event(texts, s, file.relative_path, state[calendars.session_uid(problem, s)]["sequence"],
                                   STAMP) for s in file.sessions]
        if file.relative_path in state[removed_uid].get("files", []) + state[removed_uid].get("cancelled_in", []):
            events.append(calendars._event(texts, removed, file.relative_path, state[removed_uid]["sequence"], STAMP,
                                           cancelled=True))
        written = (tmp_path / file.relative_path).read_bytes()
        assert written == _reference_calendar(problem, file, events, lang), file.relative_path
        checked += b"STATUS:CANCELLED" in written
    assert checked >= 2, "cancelled events were compared too"


def _styled_twice(tmp_path: Path) -> tuple[dict, dict]:
    """The same cells styled by assignment and by `set_style`/`merge`: every XML part of both files."""
    parts = []
    for fast in (False, True):
        book = Workbook()
        sheet = book.active
        for row in range(1, 8):
            for column in range(1, 5):
                cell = sheet.cell(row, column, f"{row}-{column}" if column != 3 else None)
                side = Side(style="medium" if row % 2 else "thin", color="123456")
                styles = dict(font=Font(size=9 + row % 3, bold=column == 1), fill=PatternFill("solid", fgColor="FFEEDD"),
                              border=Border(left=side, top=side), alignment=Alignment(wrap_text=row > 3))
                if fast:
                    set_style(cell, font=font(size=9 + row % 3, bold=column == 1), fill=solid_fill("FFEEDD"),
                              border=styles["border"], alignment=alignment(wrap_text=row > 3))
                else:
                    for name, value in styles.items():
                        setattr(cell, name, value)
        for top in (1, 3, 5):
            if fast:
                merge(sheet, top, 2, top + 1, 3, apart=top > 1)
            else:
                sheet.merge_cells(start_row=top, start_column=2, end_row=top + 1, end_column=3)
        name_fonts(sheet)
        path = tmp_path / f"{fast}.xlsx"
        book.save(path)
        with zipfile.ZipFile(path) as archive:
            parts.append({name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"})
    return parts[0], parts[1]


def test_set_style_and_merge_write_what_plain_assignment_writes(tmp_path):
    plain, fast = _styled_twice(tmp_path)
    assert plain == fast
    assert b"Arial" in plain["xl/styles.xml"] and b'mergeCell ref="B3:C4"' in plain["xl/worksheets/sheet1.xml"]


def _loaded(module: str, names: tuple[str, ...]) -> set[str]:
    code = (f"import sys, {module}; print(' '.join(n for n in {names!r} "
            "if any(m == n or m.startswith(n + '.') for m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stdout.split())


FOR_OTHER_COMMANDS = ("pandas", "numpy", "odf", "aiosmtpd", "smtplib", "scheduler.imports", "scheduler.sending",
                      "openpyxl", "icalendar", "ortools", "scheduler.synthetic")


def test_the_command_line_loads_nothing_a_command_does_not_need_yet():
    """`import scheduler.cli` (every command's start) loads no table, mail, spreadsheet nor solver library:
    each command imports what it uses when it runs."""
    assert _loaded("scheduler.cli", FOR_OTHER_COMMANDS) == set()


def test_planning_loads_no_import_or_sending_library():
    """`plan` (its use-case and every export) loads neither the .ods/table importers nor e-mail sending
    (pandas itself comes with OR-Tools, which the solve needs)."""
    lean = ("odf", "aiosmtpd", "smtplib", "scheduler.imports", "scheduler.sending", "scheduler.synthetic")
    assert _loaded("scheduler.app.plan, scheduler.exports, scheduler.exports.resolution", lean) == set()


def test_plan_reads_the_calendar_state_without_the_writers():
    """Before the solve, `plan` only reads `.calendriers.json`: the calendar library and the writers load
    while CP-SAT searches (scheduler.app.plan.AFTER_THE_SOLVE), not on the way to it."""
    writers = ("icalendar", "email.generator", "scheduler.exports.calendars", "scheduler.exports.planning_xlsx",
               "scheduler.exports.attendance", "scheduler.exports.messages")
    assert _loaded("scheduler.app.plan, scheduler.app.verify, scheduler.exports.calendar_state", writers) == set()


def test_every_module_warmed_up_during_the_solve_exists():
    import importlib

    from scheduler.app.plan import AFTER_THE_SOLVE

    for module in AFTER_THE_SOLVE:
        importlib.import_module(module)


def test_the_import_check_can_fail():
    assert _loaded("scheduler.cli_around, scheduler.imports.importing", ("scheduler.imports",)) == {"scheduler.imports"}
