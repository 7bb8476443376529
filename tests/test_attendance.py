"""Attendance sheets: one block per session with a row per expected participant, one printed page each."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from scheduler.exports.attendance import attendance_html, attendance_sessions, expected, write_attendance
from tests.tiny_people import checked, people_problem, people_timetable


def _sheet_text(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_expected_participants_are_the_cohort_or_the_group():
    problem, timetable = people_problem(), people_timetable()
    by_id = {s.session_id: s for s in timetable.sessions}
    assert expected(problem, timetable, by_id["I1-1"]) == ["Ana Bernard", "Bob Colin", "Chloé Durand"]
    assert expected(problem, timetable, by_id["I3-1"]) == ["Ana Bernard", "Bob Colin"]


def test_events_get_a_sheet_only_when_the_programme_says_so():
    timetable = people_timetable()
    assert "accueil" not in [s.session_id for s in attendance_sessions(people_problem(), timetable)]
    assert [s.session_id for s in attendance_sessions(people_problem(attendance_events=True), timetable)] == [
        "accueil", "I1-1", "I2-1", "I3-1", "I3-2"]


def test_workbook_blocks_rows_boxes_and_print_setup(tmp_path):
    problem = people_problem()
    workbook, page = write_attendance(problem, checked(problem, people_timetable()), tmp_path)
    rows = _sheet_text(workbook)
    assert sum(1 for row in rows if row[0] == "Feuille d'émargement") == 4
    assert ["Intervenant", "Paul Mentor (Acme)", None] in rows
    assert ["Date", "lundi 16 novembre 2026", None] in rows
    assert [1, "Ana Bernard", None] in rows and [3, "Chloé Durand", None] in rows
    assert sum(1 for row in rows if row[1] == "Signature de l'intervenant") == 4
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet.page_setup.orientation == "portrait" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert len(sheet.row_breaks.brk) == 4
    assert sheet.print_title_rows == "$1:$1"
    person = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "Ana Bernard")
    assert sheet.row_dimensions[person].height >= 18 and sheet.cell(person, 3).border.left.style == "thin"
    assert sheet.cell(person, 2).font.name == "Arial"
    html = page.read_text(encoding="utf-8")
    assert html.count("<section>") == 4 and "size: A4 portrait" in html and "Chloé Durand" in html


def test_english_sheet():
    problem = people_problem()
    html = attendance_html(problem, people_timetable(), "en")
    assert "Attendance sheet" in html and "Monday, 2 November 2026" in html and "Speaker&#x27;s signature" in html


@pytest.mark.skipif(not (shutil.which("libreoffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
                    reason="LibreOffice and poppler are needed to print")
def test_printed_by_libreoffice_one_page_per_session_nothing_split(tmp_path, nancy_plan):
    source = nancy_plan / "emargement.xlsx"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    subprocess.run(["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "emargement.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    blocks = sum(1 for row in _sheet_text(source) if row[0] == "Feuille d'émargement")
    assert blocks > 20 and pages == blocks
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for number, page_text in enumerate(text.split("\f")[:pages], start=1):
        assert page_text.count("Feuille d'émargement") == 2, f"page {number}: one block (and the print title)"
        assert "Signature de l'intervenant" in page_text, f"page {number} is split"
        assert "Yanis Ferreira" in page_text or "Participant" in page_text
