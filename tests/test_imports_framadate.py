"""Framadate date-poll exports imported into `Disponibilités`: dates, moments, answers, names, idempotence."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.core.domain import Programme
from scheduler.imports.framadate import parse_answer, parse_moment, parse_poll_date
from scheduler.imports.importing import import_sources
from scheduler.imports.names import SpeakerNames
from scheduler.workbook.cells import CellError
from scheduler.workbook.reading import load

START = dt.date(2026, 11, 2)
PROGRAMME = Programme("Promo", START, morning=(9 * 60, 12 * 60 + 30), afternoon=(13 * 60 + 30, 17 * 60 + 30))


def poll(path: Path, dates: list[str], moments: list[str], answers: list[list[str]], bom: bool = True,
         trailer: list[str] | None = None) -> Path:
    """A Framadate CSV export as the site writes it: quoted cells, a trailing comma, CRLF, UTF-8 with BOM."""
    def line(cells: list[str]) -> str:
        return ",".join(f'"{c}"' if c else "" for c in cells) + ",\r\n"
    text = line([""] + dates) + line([""] + moments) + "".join(line(a) for a in answers)
    if trailer:
        text += line(trailer)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.fixture
def workbook(tmp_path) -> Path:
    sheets = valid_sheets()
    sheets["Intervenants"].append(["Paul Martin", "Acme", None, None])
    return write_workbook(tmp_path / "promo.xlsx", sheets)


def availability(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)["Disponibilités"]
    return [row for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("text", ["2026-11-03", "mardi 3 novembre 2026", "Tuesday, November 3, 2026", "03/11/2026",
                                  "mar. 3 nov. 2026", "Tue 3 Nov 2026", "Mardi 03 Novembre", "November 3rd, 2026",
                                  "3 novembre 2026"])
def test_poll_dates_in_french_and_english(text):
    assert parse_poll_date(text, START) == dt.date(2026, 11, 3)


def test_a_date_whose_weekday_does_not_match_or_that_means_nothing_is_refused():
    with pytest.raises(CellError, match="jour de la semaine"):
        parse_poll_date("lundi 3 novembre 2026", START)
    with pytest.raises(CellError, match="n'est pas une date"):
        parse_poll_date("bientôt", START)
    assert parse_poll_date("Tuesday 11/03/2026", START) == dt.date(2026, 11, 3)  # US order, told by the weekday


@pytest.mark.parametrize(("text", "hours"), [
    ("Matin", (540, 750)), ("Après-midi", (810, 1050)), ("apres midi", (810, 1050)), ("AM", (540, 750)),
    ("PM", (810, 1050)), ("Morning", (540, 750)), ("Afternoon", (810, 1050)), ("Journée", None), ("", None),
    ("9h-12h", (540, 720)), ("14h00-17h30", (840, 1050)), ("de 9h à 11h30", (540, 690)), ("09:00 - 12:00", (540, 720)),
])
def test_moments_are_the_programme_half_days_or_hours(text, hours):
    assert parse_moment(text, PROGRAMME) == hours


def test_an_unreadable_moment_is_refused():
    with pytest.raises(CellError, match="moment"):
        parse_moment("en soirée", PROGRAMME)


@pytest.mark.parametrize(("text", "preferred"), [("Oui", True), ("Yes", True), ("Sous réserve", False),
                                                  ("Under reserve", False), ("(Oui)", False), ("Non", None),
                                                  ("No", None), ("", None)])
def test_answers(text, preferred):
    assert parse_answer(text) is preferred


def test_names_match_whatever_the_case_accents_order_and_initials():
    names = SpeakerNames(["Léa Dupont", "Marc Petit", "Jean-Marc Durand"])
    for typed in ("Dupont Léa", "lea dupont", "L. Dupont", "  LÉA   DUPONT ", "Dupont, L."):
        assert names.match(typed).name == "Léa Dupont", typed
    assert names.match("durand jean marc").name == "Jean-Marc Durand"
    names.add("Louis Dupont")
    assert names.match("L. Dupont").name is None
    assert set(names.match("L. Dupont").ambiguous) == {"Léa Dupont", "Louis Dupont"}
    assert names.match("Lea Dupond").suggestions[0] == "Léa Dupont"


def test_french_poll_adds_preferred_and_plain_windows(workbook, tmp_path):
    source = poll(tmp_path / "sondage.csv",
                  ["mercredi 4 novembre 2026", "mercredi 4 novembre 2026", "jeudi 5 novembre 2026",
                   "vendredi 6 novembre 2026", "mardi 3 novembre 2026"],
                  ["Matin", "Après-midi", "Journée", "14h00-17h30", "Matin"],
                  [["dupont léa", "Oui", "Sous réserve", "Non", "", "Oui"],
                   ["Petit Marc", "", "", "Oui", "Sous réserve", ""]],
                  trailer=["Total", "1", "1", "1", "1", "1"])
    out = tmp_path / "nouveau.xlsx"
    report = import_sources(workbook, [source], out)
    assert report.issues == [] and report.exit_code == 0 and report.written
    assert dict(report.windows) == {"Léa Dupont": 2, "Marc Petit": 2}
    assert report.already_present == 1  # Léa Dupont's 3 November morning is in the workbook already
    rows = availability(out)[3:]
    assert rows == [
        ("Léa Dupont", dt.datetime(2026, 11, 4), None, "09:00", "12:30", None, None, "préféré"),
        ("Léa Dupont", dt.datetime(2026, 11, 4), None, "13:30", "17:30", None, None, None),
        ("Marc Petit", dt.datetime(2026, 11, 5), None, None, None, None, None, "préféré"),
        ("Marc Petit", dt.datetime(2026, 11, 6), None, "14:00", "17:30", None, None, None),
    ]
    windows = [w for w in load(out).windows if w.row > 3]
    assert [(w.speaker, w.preferred) for w in windows] == [("Léa Dupont", True), ("Léa Dupont", False),
                                                           ("Marc Petit", True), ("Marc Petit", False)]


def test_english_poll_without_bom_with_iso_dates_and_am_pm(workbook, tmp_path):
    source = poll(tmp_path / "poll.csv", ["Tuesday, November 3, 2026", "2026-11-04", "2026-11-04"],
                  ["", "AM", "PM"], [["Marc PETIT", "Yes", "Under reserve", "No"]], bom=False)
    report = import_sources(workbook, [source], tmp_path / "new.xlsx", "en")
    assert report.issues == [] and dict(report.windows) == {"Marc Petit": 2}
    assert availability(tmp_path / "new.xlsx")[3:] == [
        ("Marc Petit", dt.datetime(2026, 11, 3), None, None, None, None, None, "préféré"),
        ("Marc Petit", dt.datetime(2026, 11, 4), None, "09:00", "12:30", None, None, None),
    ]


def test_unknown_names_dates_moments_and_answers_are_located_and_the_rest_imported(workbook, tmp_path):
    source = poll(tmp_path / "sondage.csv", ["mardi 3 novembre 2026", "31/02/2026", "mercredi 4 novembre 2026"],
                  ["Matin", "Matin", "le soir"],
                  [["Lea Dupond", "Oui", "Oui", "Oui"], ["Marc Petit", "Oui", "Oui", "Peut-être pas"],
                   ["L. Dupont", "Sous réserve", "", ""]])
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    rendered = [issue.render("fr") for issue in report.issues]
    assert any("ligne 1, colonne C" in r and "31/02/2026" in r for r in rendered), rendered
    assert any("ligne 2, colonne D" in r and "le soir" in r for r in rendered), rendered
    unknown = next(r for r in rendered if "Lea Dupond" in r)
    assert "fichier « sondage.csv », ligne 3, colonne A" in unknown and "« Léa Dupont »" in unknown
    assert len(rendered) == 3
    assert report.exit_code == 0 and dict(report.windows) == {"Marc Petit": 1}
    assert report.already_present == 1  # 'L. Dupont' is Léa Dupont, whose 3 November morning is there already
    english = next(issue.render("en") for issue in report.issues if "Lea Dupond" in issue.render("en"))
    assert english.startswith("file 'sondage.csv', line 3, column A") and "did you mean 'Léa Dupont'?" in english


def test_an_unknown_name_answering_several_dates_is_one_message(workbook, tmp_path):
    source = poll(tmp_path / "sondage.csv", ["mardi 3 novembre 2026", "mardi 3 novembre 2026", "mercredi 4 novembre 2026"],
                  ["Matin", "Après-midi", "Matin"],
                  [["Lea Dupond", "Oui", "Sous réserve", "Oui"], ["Zoé Inconnue", "Oui", "", "Oui"]])
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    rendered = [issue.render("fr") for issue in report.issues]
    assert [r.split(" (valeur")[0] for r in rendered] == ["fichier « sondage.csv », ligne 3, colonne A",
                                                         "fichier « sondage.csv », ligne 4, colonne A"], rendered


def test_reimporting_the_same_poll_changes_nothing(workbook, tmp_path):
    source = poll(tmp_path / "sondage.csv", ["mardi 3 novembre 2026", "mardi 10 novembre 2026"], ["Matin", ""],
                  [["Léa Dupont", "Oui", "Sous réserve"], ["Marc Petit", "Oui", ""]])
    first, second = tmp_path / "un.xlsx", tmp_path / "deux.xlsx"
    assert import_sources(workbook, [source], first).exit_code == 0
    report = import_sources(first, [source], second)
    assert sum(report.windows.values()) == 0 and report.already_present == 3 and report.written
    assert availability(first) == availability(second)


def test_the_input_is_never_modified_and_the_speakers_window_checks_still_apply(workbook, tmp_path):
    before = workbook.read_bytes()
    source = poll(tmp_path / "sondage.csv", ["samedi 7 novembre 2026", "mercredi 3 novembre 2027"], ["Matin", "Matin"],
                  [["Léa Dupont", "Oui", "Oui"]])
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert workbook.read_bytes() == before
    # a date outside the programme is refused by the workbook reader, and reported at its source line
    assert [i.where.line for i in report.issues] == [3]
    assert "hors du programme" in report.issues[0].fr
    assert [w.where.line for w in report.warnings] == [3]  # a Saturday: legal, but never used
    assert dict(report.windows) == {"Léa Dupont": 1}


def test_nothing_usable_is_exit_1_and_writes_nothing(workbook, tmp_path):
    source = poll(tmp_path / "sondage.csv", ["mardi 3 novembre 2026"], ["Matin"], [["Inconnu Total", "Oui"]])
    out = tmp_path / "new.xlsx"
    report = import_sources(workbook, [source], out)
    assert report.exit_code == 1 and not out.exists() and len(report.issues) == 1
