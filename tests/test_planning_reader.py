"""Reading back a `Planning` sheet, as written by `plan` or edited by hand in Excel."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from scheduler.checker import violations
from scheduler.core.domain import (
    COHORT, CONFERENCE, MENTORING, FixedEvent, Offer, Participant, Problem, Programme, Project, Session, Speaker,
    Theme, Timetable,
    Window,
)
from scheduler.core.errors import InvalidWorkbook
from scheduler.workbook.planning_reader import read_planning, settle_weeks
from scheduler.workbook.reading import load

D = dt.date
FR_HEADERS = ["Séance", "Intervention", "Date", "Début", "Fin", "Semaine", "Phase", "Titre", "Thème", "Format",
              "Intervenant", "Organisation", "Public", "Lieu"]
EN_HEADERS = ["session", "offer", "date", "start", "end", "week", "phase", "title", "theme", "format", "speaker",
              "organisation", "audience", "location"]


def make_problem() -> Problem:
    """Starts Monday 2 Nov 2026 (FR holidays: 11 Nov off), 4 weeks, phase 1 = weeks 1-2."""
    programme = Programme(name="Test", start_date=D(2026, 11, 2), weeks=4, phase1_weeks=2,
                          min_sessions_per_theme=1, location="Campus")
    return Problem(
        programme=programme,
        themes=(Theme("Données"),),
        speakers=(Speaker("Alice", "Alpha"), Speaker("Chloé", "Alpha")),
        offers=(Offer("A1", "Alice", "Les données ouvertes", "Données", CONFERENCE, 120, phase=1, count=2),
                Offer("C1", "Chloé", "Suivi du projet", "Données", MENTORING, 60, phase=2, project="P1",
                      location="Chez Alpha")),
        windows=(Window("Alice"), Window("Chloé")),
        events=(FixedEvent("Accueil", 9 * 60, 10 * 60, date=D(2026, 11, 2)),),
        projects=(Project("P1", "Appli", "Alpha"),),
        participants=(Participant("Ana"), Participant("Ben")),
    )


def write(path: Path, headers: list[str], rows: list[list[object]], sheet: str = "Planning",
          groups: tuple[str, list[str], list[list[str]]] | None = None) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if groups is not None:
        name, group_headers, group_rows = groups
        gs = book.create_sheet(name)
        gs.append(group_headers)
        for row in group_rows:
            gs.append(row)
    book.save(path)
    return path


FR_ROWS = [
    ["EV-1", None, dt.datetime(2026, 11, 2), dt.time(9, 0), dt.time(10, 0), 1, 1, "Accueil", None, None, None,
     None, "Cohorte", None],
    ["A1-1", "A1", dt.datetime(2026, 11, 2), dt.time(10, 0), dt.time(12, 0), 1, 1, "Les données ouvertes",
     "Données", "Conférence", "Alice", "Alpha", "Cohorte", "Campus"],
    ["C1-1", "C1", dt.datetime(2026, 11, 19), dt.time(14, 0), dt.time(15, 0), 3, 2, "Suivi du projet", "Données",
     "Suivi de projet", "Chloé", "Alpha", "P1", "Chez Alpha"],
]


def by_id(timetable):
    return {s.session_id: s for s in timetable.sessions}


def test_reads_french_headers_with_date_and_time_cells(tmp_path):
    timetable = read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, FR_ROWS), make_problem())
    sessions = by_id(timetable)
    assert set(sessions) == {"EV-1", "A1-1", "C1-1"}
    a1 = sessions["A1-1"]
    assert (a1.offer_id, a1.day, a1.start, a1.end, a1.week, a1.phase) == ("A1", D(2026, 11, 2), 600, 720, 1, 1)
    assert (a1.title, a1.theme, a1.format, a1.speaker, a1.organisation, a1.audience, a1.location) == \
        ("Les données ouvertes", "Données", CONFERENCE, "Alice", "Alpha", COHORT, "Campus")
    assert sessions["EV-1"].is_event and sessions["EV-1"].title == "Accueil"
    assert sessions["C1-1"].audience == "P1" and not a1.locked
    assert timetable.groups == ()


def test_a_planning_read_back_passes_the_checker(tmp_path):
    problem = make_problem()
    timetable = read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, FR_ROWS, groups=(
        "Groupes", ["Participant", "Projet", "Vœu"], [["Ana", "P1", 1], ["Ben", "p1", None]])), problem)
    assert timetable.groups == (("Ana", "P1"), ("Ben", "P1"))
    assert violations(problem, timetable) == []


def test_reads_english_headers_text_dates_and_times_in_any_column_order(tmp_path):
    headers = ["start", "end", "Date", "Offer", "Session", "Audience", "Title", "Locked"]
    rows = [["9:00", "10h", "02/11/2026", None, "EV-1", "cohort", "Accueil", None],
            ["14h30", "16:30", "2026-11-09", "a1", "A1-2", None, None, "yes"],
            ["10:00", "12:00", "2026-11-02", "A1", "A1-1", "", "", "non"]]
    timetable = read_planning(write(tmp_path / "planning.xlsx", headers, rows, groups=(
        "Groups", ["participant", "project"], [["Ana", "P1"]])), make_problem())
    sessions = by_id(timetable)
    a2 = sessions["A1-2"]
    assert (a2.offer_id, a2.day, a2.start, a2.end) == ("A1", D(2026, 11, 9), 14 * 60 + 30, 16 * 60 + 30)
    assert a2.locked and not sessions["A1-1"].locked
    assert (a2.week, a2.phase, a2.title, a2.speaker, a2.audience) == (2, 1, "Les données ouvertes", "Alice", COHORT)
    assert sessions["EV-1"].audience == COHORT and sessions["EV-1"].end == 600
    assert timetable.groups == (("Ana", "P1"),)


def test_a_hand_added_row_is_completed_from_its_offer_and_date(tmp_path):
    rows = FR_ROWS + [
        [None, "C1", "26/11/2026", "9:00", "10:00", None, None, None, None, None, None, None, None, None],
        [None, "A1", D(2026, 11, 10), "9h", "11h", None, None, None, None, None, None, None, None, None],
        ["", "C1", "03/12/2026", "9:00", "10:00", None, None, None, None, None, None, None, None, None],
    ]
    timetable = read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem())
    sessions = by_id(timetable)
    assert {"C1-new1", "C1-new2", "A1-new1"} <= set(sessions)
    added = sessions["C1-new1"]
    assert (added.day, added.week, added.phase) == (D(2026, 11, 26), 4, 2)
    assert (added.title, added.theme, added.format, added.speaker, added.organisation, added.audience,
            added.location) == ("Suivi du projet", "Données", MENTORING, "Chloé", "Alpha", "P1", "Chez Alpha")
    # 10 November: week 2 (11 November is a holiday but does not change the numbering).
    assert (sessions["A1-new1"].week, sessions["A1-new1"].phase, sessions["A1-new1"].location) == (2, 1, "Campus")


def test_a_fresh_id_never_takes_an_existing_one(tmp_path):
    rows = [[None, "A1", "02/11/2026", "10:00", "12:00"] + [None] * 9,
            ["A1-new1", "A1", "09/11/2026", "10:00", "12:00"] + [None] * 9]
    sessions = by_id(read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem()))
    assert set(sessions) == {"A1-new1", "A1-new2"}


def test_bad_cells_are_all_reported_located(tmp_path):
    rows = FR_ROWS + [
        ["A1-2", "A1", "31/02/2026", "10:00", "12:00"] + [None] * 9,
        ["A1-3", "A1", "pas une date", "10:00", "12:00"] + [None] * 9,
        ["A1-4", "A1", "09/11/2026", "midi", "12:00"] + [None] * 9,
        ["Z-1", "ZZ", "09/11/2026", "10:00", "12:00"] + [None] * 9,
    ]
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem())
    errors = caught.value.errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("Planning", 5, "Date"), ("Planning", 6, "Date"), ("Planning", 7, "Début"), ("Planning", 8, "Intervention")]
    assert errors[1].value == "pas une date" and "AAAA-MM-JJ" in errors[1].message.fr
    assert "YYYY-MM-DD" in errors[1].message.en
    assert "ZZ" in errors[3].render("fr") and "ligne 8" in errors[3].render("fr")
    assert "row 8" in errors[3].render("en")


def test_english_bad_date_names_the_english_column(tmp_path):
    rows = [["A1-1", "A1", "2026-13-01", "10:00", "12:00"] + [None] * 9]
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", EN_HEADERS, rows), make_problem())
    (error,) = caught.value.errors
    assert (error.row, error.column_written, error.value) == (2, "date", "2026-13-01")
    assert error.location("en") == "sheet 'Planning', row 2, column 'date'"
    assert error.location("fr") == "feuille « Planning », ligne 2, colonne « date »"  # the same name as « Date »


def test_missing_sheet(tmp_path):
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, FR_ROWS, sheet="Feuil1"), make_problem())
    assert "Planning" in caught.value.errors[0].message.fr


def test_missing_required_column(tmp_path):
    headers = [h for h in FR_HEADERS if h != "Fin"]
    rows = [[c for i, c in enumerate(r) if FR_HEADERS[i] != "Fin"] for r in FR_ROWS]
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", headers, rows), make_problem())
    (error,) = caught.value.errors
    assert error.column == "Fin" and "end" in error.message.en


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(InvalidWorkbook):
        read_planning(tmp_path / "absent.xlsx", make_problem())


def test_empty_rows_are_skipped(tmp_path):
    rows = [FR_ROWS[0], [None] * 14, FR_ROWS[1]]
    assert len(read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem()).sessions) == 2


def test_settle_weeks_follows_the_date_and_names_the_row():
    problem = load(Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx")
    moved = Session("I01-1", "I01", dt.date(2026, 11, 16), 9 * 60, 11 * 60, week=1, phase=1, title="t", row=7)
    kept = dataclasses.replace(moved, session_id="I01-2", day=dt.date(2026, 11, 3), row=8)
    settled, changed = settle_weeks(problem, Timetable((moved, kept)))
    assert [s.week for s in settled.sessions] == [3, 1]
    assert [(before.row, after.week) for before, after in changed] == [(7, 3)]


# ---------------------------------------------------------------------------------------------
# The one table reader behind the Planning sheet


def test_a_title_above_the_header_is_skipped_and_rows_keep_their_excel_number(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "planning"  # any case
    ws.append(["Planning de la promo (export du 1er décembre)"])
    ws.append([])
    ws.append(FR_HEADERS)
    for row in FR_ROWS:
        ws.append(row)
    book.save(tmp_path / "planning.xlsx")
    sessions = by_id(read_planning(tmp_path / "planning.xlsx", make_problem()))
    assert set(sessions) == {"EV-1", "A1-1", "C1-1"}
    assert [sessions[s].row for s in ("EV-1", "A1-1", "C1-1")] == [4, 5, 6]


def test_merged_cells_are_reported_once_per_range(tmp_path):
    path = write(tmp_path / "planning.xlsx", FR_HEADERS, FR_ROWS + [
        ["A1-2", "A1", "09/11/2026", "10:00", "12:00"] + [None] * 9])
    book = load_workbook(path)
    book["Planning"].merge_cells("C3:C5")  # three dates in one merged cell
    book.save(path)
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(path, make_problem())
    (error,) = caught.value.errors
    assert (error.row, error.column, error.value) == (3, "Date", None)
    assert "fusionnées C3:C5" in error.message.fr and "merged" in error.message.en


def test_a_formula_without_a_saved_result_is_reported_in_a_required_column_and_read_as_empty_elsewhere(tmp_path):
    rows = [list(r) for r in FR_ROWS]
    rows[1][5] = "=1+0"  # Semaine: optional, read as empty (then computed from the date)
    rows[2][2] = "=DATE(2026;11;19)"  # Date: required
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem())
    (error,) = caught.value.errors
    assert (error.row, error.column) == (4, "Date") and "formule" in error.message.fr
    rows[2][2] = dt.datetime(2026, 11, 19)
    sessions = by_id(read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem()))
    assert sessions["A1-1"].week == 1


def test_an_excel_error_value_is_reported_located(tmp_path):
    rows = [list(r) for r in FR_ROWS]
    rows[1][3] = "#VALUE!"
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", FR_HEADERS, rows), make_problem())
    (error,) = caught.value.errors
    assert (error.row, error.column, error.value) == (3, "Début", "#VALUE!")
    assert "erreur Excel" in error.message.fr


def test_two_columns_with_one_name_are_reported(tmp_path):
    headers = FR_HEADERS + ["date"]
    rows = [row + [None] for row in FR_ROWS]
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(write(tmp_path / "planning.xlsx", headers, rows), make_problem())
    (error,) = caught.value.errors
    assert error.row == 1 and "deux colonnes" in error.message.fr


def test_a_groups_row_without_a_name_is_reported(tmp_path):
    path = write(tmp_path / "planning.xlsx", FR_HEADERS, FR_ROWS,
                 groups=("Groupes", ["Participant", "Projet"], [["Ana", "P1"], [None, "P1"]]))
    with pytest.raises(InvalidWorkbook) as caught:
        read_planning(path, make_problem())
    (error,) = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("Groupes", 3, "Participant")
