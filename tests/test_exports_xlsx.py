"""planning.xlsx for people: week grids that print on one page each, per speaker, per organisation,
theme × week coverage, what was not placed; French by default, English with --lang en; the
`Planning` sheet stays the contract."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.core.domain import (
    Closure, FixedEvent, Offer, Organisation, Participant, Problem, Programme, Project, Session, Speaker, Theme,
    Timetable,
)
from scheduler.exports.planning_xlsx import write_planning_workbook
from scheduler.exports.weekgrid import DEFAULT_PALETTE, EVENT_COLOUR, theme_colours, tint

ROOT = Path(__file__).resolve().parents[1]
SUMMER = ROOT / "examples" / "summer-time-2027.xlsx"
PLANNING_HEADERS = ["Séance", "Intervention", "Date", "Début", "Fin", "Semaine", "Phase", "Titre", "Thème",
                    "Format", "Intervenant", "Organisation", "Public", "Lieu"]


def tiny() -> tuple[Problem, Timetable]:
    """Three weeks from Monday 2 November 2026: 11 November is a holiday, 19–20 November a closure;
    in week 3 two project groups have sessions at overlapping times."""
    programme = Programme(name="Promo test", start_date=dt.date(2026, 11, 2), weeks=3, phase1_weeks=2,
                          location="Salle A")
    problem = Problem(
        programme=programme,
        themes=(Theme("Web", colour="1F77B4"), Theme("Data"), Theme("Design", colour="9467BD")),
        organisations=(Organisation("Acme", "Entreprise"), Organisation("Ville", "Collectivité"),
                       Organisation("Asso", "Association")),
        speakers=(Speaker("Léa Dupont", "Acme", "lea@exemple.fr"), Speaker("Marc Petit", "Ville", "marc@exemple.fr"),
                  Speaker("Zoé Sanséance", "Asso", "zoe@exemple.fr")),
        offers=(Offer("O1", "Léa Dupont", "Le web", "Web", "Conférence", 120, count=2),
                Offer("O2", "Marc Petit", "Données", "Data", "Atelier", 180),
                Offer("O3", "Zoé Sanséance", "Maquettes", "Design", "Atelier", 120),
                Offer("M1", "Léa Dupont", "Suivi P1", "Web", "Suivi de projet", 120, phase=2, project="P1"),
                Offer("M2", "Marc Petit", "Suivi P2", "Data", "Suivi de projet", 120, phase=2, project="P2")),
        closures=(Closure(dt.date(2026, 11, 19), dt.date(2026, 11, 20), "Séminaire équipe"),),
        events=(FixedEvent("Accueil", 540, 600, date=dt.date(2026, 11, 2)),),
        projects=(Project("P1", "Appli", "Acme"), Project("P2", "Tableau de bord", "Ville")),
        participants=(Participant("Ana Martin", wishes=("P1",)), Participant("Bob Durand", wishes=("P1", "P2"))),
    )

    def session(sid, offer, day, start, end, week, phase, title, theme, fmt, speaker, org, audience="Cohorte",
                location="Salle A"):
        return Session(sid, offer, day, start, end, week, phase, title, theme, fmt, speaker, org, audience, location)

    sessions = (
        session("EV-20261102-0900-accueil", "", dt.date(2026, 11, 2), 540, 600, 1, 1, "Accueil", "", "", "", ""),
        session("O1-1", "O1", dt.date(2026, 11, 2), 600, 720, 1, 1, "Conférence — Le web <moderne> & vous", "Web",
                "Conférence", "Léa Dupont", "Acme"),
        session("O2-1", "O2", dt.date(2026, 11, 4), 840, 1020, 1, 1, "Atelier — Données", "Data", "Atelier",
                "Marc Petit", "Ville", location="Mairie de Nancy"),
        session("O1-2", "O1", dt.date(2026, 11, 10), 540, 660, 2, 1, "Conférence — Le web <moderne> & vous", "Web",
                "Conférence", "Léa Dupont", "Acme"),
        session("M1-1", "M1", dt.date(2026, 11, 16), 540, 660, 3, 2, "Suivi de projet — P1", "Web", "Suivi de projet",
                "Léa Dupont", "Acme", audience="P1"),
        session("M2-1", "M2", dt.date(2026, 11, 16), 600, 720, 3, 2, "Suivi de projet — P2", "Data",
                "Suivi de projet", "Marc Petit", "Ville", audience="P2"),
    )
    return problem, Timetable(sessions=sessions, groups=(("Ana Martin", "P1"), ("Bob Durand", "P2")),
                              figures=(("status", "OPTIMAL"), ("placed", "5")))


@pytest.fixture(scope="module")
def tiny_workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    problem, timetable = tiny()
    paths = {}
    for lang in ("fr", "en"):
        paths[lang] = folder / f"planning-{lang}.xlsx"
        write_planning_workbook(problem, timetable, paths[lang], lang)
    return paths


def merged_block(sheet, text: str):
    """The merged range whose top-left cell contains `text`, and that cell."""
    for merged in sheet.merged_cells.ranges:
        cell = sheet.cell(row=merged.min_row, column=merged.min_col)
        if isinstance(cell.value, str) and text in cell.value:
            return merged, cell
    raise AssertionError(f"no merged block holds {text!r}")


def row_of_time(sheet, hhmm: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == hhmm)


def test_every_view_is_there_and_planning_stays_the_contract(tiny_workbooks):
    workbook = load_workbook(tiny_workbooks["fr"])
    for name in ("Planning", "Groupes", "Semaine 1", "Semaine 2", "Semaine 3", "Intervenants", "Organisations",
                 "Couverture", "Non placées", "Résolution"):
        assert name in workbook.sheetnames
    assert "Semaine 4" not in workbook.sheetnames
    rows = list(workbook["Planning"].iter_rows(values_only=True))
    assert list(rows[0][:14]) == PLANNING_HEADERS
    assert len(rows) == 1 + len(tiny()[1].sessions)


def test_week_sheet_blocks_are_merged_coloured_and_placed_at_their_hours(tiny_workbooks):
    problem, timetable = tiny()
    sheet = load_workbook(tiny_workbooks["fr"])["Semaine 1"]
    assert sheet["A1"].value.startswith("Semaine 1 — du 2 novembre 2026 au 6 novembre 2026")
    assert sheet.cell(row=3, column=2).value == "lundi 02/11"
    merged, cell = merged_block(sheet, "Conférence — Le web <moderne> & vous")
    assert "Léa Dupont (Acme)" in cell.value and cell.value.startswith("10:00–12:00")
    assert merged.min_row == row_of_time(sheet, "10:00") and merged.max_row == row_of_time(sheet, "11:30")
    assert cell.fill.fgColor.rgb[-6:] == tint("1F77B4")
    data, data_cell = merged_block(sheet, "Atelier — Données")
    assert data_cell.fill.fgColor.rgb[-6:] == tint(theme_colours(problem, timetable)["Data"])
    assert "Mairie de Nancy" in data_cell.value, "a place other than the programme's is shown"
    assert data.min_col == 4, "Wednesday is the third day column"
    event, event_cell = merged_block(sheet, "Accueil")
    assert event_cell.fill.fgColor.rgb[-6:] == tint(EVENT_COLOUR) and event_cell.font.i
    assert event.max_row == row_of_time(sheet, "09:30")


def test_holidays_and_closures_are_greyed_and_named(tiny_workbooks):
    workbook = load_workbook(tiny_workbooks["fr"])
    holiday, cell = merged_block(workbook["Semaine 2"], "Armistice")
    assert holiday.max_row - holiday.min_row + 1 == len([c for c in workbook["Semaine 2"]["A"][3:]
                                                         if c.value and re.fullmatch(r"\d\d:\d\d", str(c.value))])
    assert cell.fill.fgColor.rgb[-6:] == "BFBFBF"
    week3 = workbook["Semaine 3"]
    assert [week3.cell(row=3, column=c).value for c in (2, 4, 5, 6, 7)] == [
        "lundi 16/11", "mardi 17/11", "mercredi 18/11", "jeudi 19/11", "vendredi 20/11"]
    closed = [m for m in week3.merged_cells.ranges if week3.cell(row=m.min_row, column=m.min_col).value
              == "Séminaire équipe"]
    assert len(closed) == 2


def test_overlapping_group_sessions_sit_side_by_side(tiny_workbooks):
    sheet = load_workbook(tiny_workbooks["fr"])["Semaine 3"]
    first, first_cell = merged_block(sheet, "Suivi de projet — P1")
    second, second_cell = merged_block(sheet, "Suivi de projet — P2")
    assert first.min_col != second.min_col, "two lanes on Monday"
    assert "Groupe P1" in first_cell.value and "Groupe P2" in second_cell.value
    assert any(m.min_row == 3 and m.min_col == 2 and m.max_col == 3 for m in sheet.merged_cells.ranges), \
        "Monday's header spans both lanes"


def test_week_sheets_have_a_legend_and_print_on_one_landscape_a4_page(tiny_workbooks):
    problem, timetable = tiny()
    sheet = load_workbook(tiny_workbooks["fr"])["Semaine 1"]
    texts = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Légende" in texts
    assert {t.name for t in problem.themes} <= texts
    assert {"Événement du programme", "Jour férié ou fermeture"} <= texts
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$3"


def test_speaker_sheet_lists_sessions_with_contact_and_who_has_none(tiny_workbooks):
    rows = list(load_workbook(tiny_workbooks["fr"])["Intervenants"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Intervenant", "Organisation", "Email", "Date")
    lea = [r for r in rows[1:] if r[0] == "Léa Dupont"]
    assert len(lea) == 3 and {r[2] for r in lea} == {"lea@exemple.fr"}
    assert [r[3].date() for r in lea] == sorted(r[3].date() for r in lea)
    zoe = [r for r in rows[1:] if r[0] == "Zoé Sanséance"]
    assert len(zoe) == 1 and zoe[0][7] == "aucune séance placée"


def test_organisation_sheet_counts_sessions_by_phase_with_the_type(tiny_workbooks):
    rows = {r[0]: r for r in list(load_workbook(tiny_workbooks["fr"])["Organisations"].iter_rows(values_only=True))[1:]}
    assert rows["Acme"][1:5] == ("Entreprise", 2, 1, 6)
    assert rows["Ville"][1:5] == ("Collectivité", 1, 1, 5)
    assert rows["Asso"][2:4] == (0, 0)


def test_coverage_counts_theme_by_week_with_conditional_colours(tiny_workbooks):
    sheet = load_workbook(tiny_workbooks["fr"])["Couverture"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Thème", "S1", "S2", "S3")
    table = {r[0]: r[1:] for r in rows[1:4]}
    assert table["Web"][:5] == (1, 1, 1, 2, 2), "S1..S3, phase-1 total, minimum"
    assert table["Data"][:4] == (1, 0, 1, 1)
    assert table["Design"][:4] == (0, 0, 0, 0)
    assert len(sheet.conditional_formatting) >= 2


def test_unplaced_sheet_says_what_is_missing_even_after_a_hand_edit(tiny_workbooks):
    rows = list(load_workbook(tiny_workbooks["fr"])["Non placées"].iter_rows(values_only=True))
    assert [(r[0], r[3]) for r in rows[1:]] == [("O3", 1)]
    assert "absente du planning" in rows[1][4]


def test_english_views_keep_the_planning_contract(tiny_workbooks):
    workbook = load_workbook(tiny_workbooks["en"])
    for name in ("Week 1", "Week 3", "Speakers", "Organisations", "Coverage", "Not placed", "Solve"):
        assert name in workbook.sheetnames
    assert list(next(workbook["Planning"].iter_rows(values_only=True))[:14]) == PLANNING_HEADERS
    week = workbook["Week 2"]
    assert week["A1"].value.startswith("Week 2 — 9 November 2026 to 13 November 2026 — Phase 1")
    assert week.cell(row=3, column=2).value == "Monday 09/11"
    holiday, cell = merged_block(week, "Armistice")
    texts = {c.value for row in week.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Legend", "Programme event", "Public holiday or closure"} <= texts
    speakers = list(workbook["Speakers"].iter_rows(values_only=True))
    assert speakers[0][0] == "Speaker" and any(r[7] == "no session placed" for r in speakers)
    assert {r[8] for r in speakers[1:] if r[8]} == {"Conference", "Workshop", "Project mentoring"}
    organisations = {r[0]: r[1] for r in workbook["Organisations"].iter_rows(min_row=2, values_only=True)}
    assert organisations["Ville"] == "Local authority"
    figures = dict(workbook["Solve"].iter_rows(min_row=2, values_only=True))
    assert figures["What the solver proved"] == "the number of sessions placed is the largest possible under these rules" and figures["Required offers placed"] == "0 / 0"


def test_theme_colours_fall_back_to_a_palette_colour_unlike_the_given_ones():
    problem, timetable = tiny()
    colours = theme_colours(problem, timetable)
    assert colours["Web"] == "1F77B4" and colours["Design"] == "9467BD"
    assert colours["Data"] in DEFAULT_PALETTE and colours["Data"] == "F28E2B", "orange, far from the given blue and purple"
    plain = dataclasses.replace(problem, themes=tuple(dataclasses.replace(t, colour="") for t in problem.themes))
    assert len(set(theme_colours(plain, timetable).values())) == 3


# ---------------------------------------------------------------------------------------------
# End to end, and LibreOffice where it is installed

@pytest.fixture(scope="module")
def summer_en(tmp_path_factory):
    out = tmp_path_factory.mktemp("summer-en")
    result = CliRunner().invoke(app, ["plan", str(SUMMER), "--out", str(out), "--time-limit", "4",
                                      "--workers", "2", "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_plan_in_english_writes_readable_views_that_verify_reads_back(summer_en):
    workbook = load_workbook(summer_en / "planning.xlsx")
    weeks = [n for n in workbook.sheetnames if n.startswith("Week ")]
    assert weeks == [f"Week {n}" for n in range(1, 9)]
    assert (summer_en / "planning.html").is_file()
    result = CliRunner().invoke(app, ["verify", str(SUMMER), str(summer_en / "planning.xlsx"), "--lang", "en"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_workbook_and_each_week_fits_one_page(summer_en, tmp_path):
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    convert = [_soffice(), "--headless", "--norestore", profile, "--convert-to", "pdf", "--outdir", str(tmp_path)]
    whole = subprocess.run([*convert, str(summer_en / "planning.xlsx")], capture_output=True, text=True, timeout=240)
    assert whole.returncode == 0 and (tmp_path / "planning.pdf").stat().st_size > 0, whole.stderr
    workbook = load_workbook(summer_en / "planning.xlsx")
    weeks = [name for name in workbook.sheetnames if name.startswith("Week ")]
    for name in workbook.sheetnames:
        if name not in weeks:
            workbook.remove(workbook[name])
    only_weeks = tmp_path / "weeks.xlsx"
    workbook.save(only_weeks)
    result = subprocess.run([*convert, str(only_weeks)], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert _pdf_pages(tmp_path / "weeks.pdf") == len(weeks), "one printed page per week sheet"
