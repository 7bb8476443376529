"""Sources a new coordinator really has: a poll re-saved with `;`, a form whose columns say "Start time"."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.imports.importing import import_sources


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_workbook(tmp_path / "promo.xlsx", valid_sheets())


def added_windows(path: Path) -> list[tuple]:
    rows = list(openpyxl.load_workbook(path)["Disponibilités"].iter_rows(values_only=True))
    return rows[len(valid_sheets()["Disponibilités"]):]


def test_an_english_poll_saved_again_with_semicolons_keeps_the_commas_of_its_dates(workbook, tmp_path):
    # Excel in French re-saves a CSV with ';' and leaves the commas of "Tuesday, November 3, 2026" unquoted.
    source = tmp_path / "poll.csv"
    source.write_text(";Tuesday, November 3, 2026;Tuesday, November 3, 2026;Comment\n"
                      ";AM;PM;\n"
                      "MARC PETIT;Yes;Under reserve;parking please\n", encoding="utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render() for i in report.issues] == []
    assert [(r[0], r[1].date(), r[3], r[4], r[7]) for r in added_windows(tmp_path / "new.xlsx")] == [
        ("Marc Petit", dt.date(2026, 11, 3), "09:00", "12:30", "préféré"),
        ("Marc Petit", dt.date(2026, 11, 3), "13:30", "17:30", None)]


def test_a_semicolon_table_whose_first_line_holds_commas_is_still_split_on_semicolons(workbook, tmp_path):
    source = tmp_path / "reponses.csv"
    source.write_text("Nom, prénom;Date;Début;Fin\nMarc Petit;10/11/2026;9h;12h\n", encoding="utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render() for i in report.issues] == []
    assert [(r[0], r[3], r[4]) for r in added_windows(tmp_path / "new.xlsx")] == [("Marc Petit", "09:00", "12:00")]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_microsoft_forms_export_gives_windows_not_offers_nor_hours_from_its_timestamps(workbook, tmp_path, language):
    # Microsoft Forms numbers its responses in `ID` and stamps them in `Start time` / `Heure de début`: neither is
    # an offer ID nor the window's hours.
    header = {"en": ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Date", "Moment"],
              "fr": ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
                     "Heure de la dernière modification", "Date", "Créneau"]}[language]
    source = tmp_path / f"forms-{language}.xlsx"
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append([1, dt.datetime(2026, 10, 1, 10, 2, 33), dt.datetime(2026, 10, 1, 10, 4, 1), "anonymous",
                        "Marc Petit", None, dt.datetime(2026, 11, 10), "Matin"])
    book.active.append([2, dt.datetime(2026, 10, 2, 18, 2), dt.datetime(2026, 10, 2, 18, 5), "lea@exemple.fr",
                        "Léa Dupont", None, "12/11/2026", "Après-midi"])
    book.save(source)
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render() for i in report.issues] == []
    assert [(r[0], r[1].date(), r[3], r[4]) for r in added_windows(tmp_path / "new.xlsx")] == [
        ("Marc Petit", dt.date(2026, 11, 10), "09:00", "12:30"), ("Léa Dupont", dt.date(2026, 11, 12), "13:30", "17:30")]


@pytest.mark.parametrize("moment", ["13h30 – 17h30", "13h30—17h30", "de 13h30 – 17h30"])
def test_a_moment_typed_with_an_en_dash_is_read_as_hours(moment):
    from scheduler.core.domain import Programme
    from scheduler.imports.framadate import parse_moment
    assert parse_moment(moment, Programme("Promo", dt.date(2026, 11, 2))) == (13 * 60 + 30, 17 * 60 + 30)


def test_a_windows_encoded_poll_with_padded_days_and_typed_moments_is_imported(workbook, tmp_path):
    # Framadate writes "%e" days ("mardi  3 novembre 2026"); re-saved by Excel on Windows it is cp1252.
    def line(cells: list[str]) -> str:
        return ",".join(f'"{c}"' for c in cells) + ",\r\n"
    text = (line(["", "mardi  3 novembre 2026", "mardi  3 novembre 2026", "mardi 1er décembre 2026"])
            + line(["", "9H-12H", "13h30 – 17h30", "MATIN"]) + line(["Lea DUPONT", "OUI", "Sous réserve", "oui"]))
    source = tmp_path / "sondage.csv"
    source.write_bytes(text.encode("cp1252"))
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render() for i in report.issues] == []
    assert [(r[0], r[1].date(), r[3], r[4], r[7]) for r in added_windows(tmp_path / "new.xlsx")] == [
        ("Léa Dupont", dt.date(2026, 11, 3), "09:00", "12:00", "préféré"),
        ("Léa Dupont", dt.date(2026, 11, 3), "13:30", "17:30", None),
        ("Léa Dupont", dt.date(2026, 12, 1), "09:00", "12:30", "préféré")]


def test_a_new_speaker_spelt_like_a_known_one_is_one_message_not_two(workbook, tmp_path):
    source = tmp_path / "form.csv"
    source.write_text("Your name,Email address,Organization,Date,Time slot\n"
                      "Lea Dupond,ld@exemple.fr,Acme,25/11/2026,Morning\n", encoding="utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    rendered = [issue.render("en") for issue in report.issues]
    assert len(rendered) == 1 and "looks like 'Léa Dupont'" in rendered[0], rendered


def framadate_today(path: Path, dates: list[str], moments: list[str], votes: list[list[str]]) -> Path:
    """An export as Framadate 1.2 writes it (exportcsv.php): every cell quoted, a trailing comma, CRLF,
    no BOM, the dates in IntlDateFormatter's short style of the poll's language."""
    def line(cells: list[str]) -> str:
        return "".join(f'"{c}",' if c else "," for c in cells) + "\r\n"
    path.write_text(line([""] + dates) + line([""] + moments) + "".join(line(v) for v in votes), encoding="utf-8",
                    newline="")
    return path


def test_an_english_framadate_export_writes_its_dates_month_first_with_two_digit_years(workbook, tmp_path):
    # Framadate in English: IntlDateFormatter::SHORT is M/d/yy, so 11/3/26 is November 3rd, 1/5/27 January 5th.
    source = framadate_today(tmp_path / "poll.csv", ["11/3/26", "11/3/26", "12/1/26", "1/5/27"],
                             ["AM", "PM", "9am-12pm", "AM"],
                             [["Marc Petit", "Yes", "Under reserve", "No", "Yes"]])
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render("en") for i in report.issues] == []
    assert [(r[1].date(), r[3], r[7]) for r in added_windows(tmp_path / "new.xlsx")] == [
        (dt.date(2026, 11, 3), "09:00", "préféré"), (dt.date(2026, 11, 3), "13:30", None),
        (dt.date(2027, 1, 5), "09:00", "préféré")]


def test_a_french_framadate_export_of_today_reads_day_first_and_si_necessaire(workbook, tmp_path):
    source = framadate_today(tmp_path / "sondage.csv", ["03/11/2026", "01/12/2026"], ["Matin", "Après-midi"],
                             [["Marc Petit", "Si nécessaire", "Oui"]])
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render() for i in report.issues] == []
    assert [(r[1].date(), r[3], r[7]) for r in added_windows(tmp_path / "new.xlsx")] == [
        (dt.date(2026, 11, 3), "09:00", None), (dt.date(2026, 12, 1), "13:30", "préféré")]


@pytest.mark.parametrize(("moment", "hours"), [("9am-12pm", (540, 720)), ("2pm - 5:30pm", (840, 1050)),
                                                ("9 a.m. – 12:30 p.m.", (540, 750)), ("12pm-2pm", (720, 840)),
                                                ("from 1:30 PM to 5 PM", (810, 1020))])
def test_an_english_moment_in_am_pm_hours_is_read(moment, hours):
    from scheduler.core.domain import Programme
    from scheduler.imports.framadate import parse_moment
    assert parse_moment(moment, Programme("Promo", dt.date(2026, 11, 2))) == hours


def test_a_source_given_twice_in_one_command_is_read_once(workbook, tmp_path):
    source = tmp_path / "form.csv"
    source.write_text("Nom;Date;Moment\nLéa Dupond;25/11/2026;Matin\nMarc Petit;25/11/2026;Matin\n", encoding="utf-8")
    report = import_sources(workbook, [source, tmp_path / "." / "form.csv"], tmp_path / "new.xlsx")
    assert len(report.issues) == 1 and report.already_present == 0, [i.render() for i in report.issues]
    assert sum(report.windows.values()) == 1


def test_an_offer_refused_by_the_workbook_rules_is_located_at_its_cell_in_the_source(workbook, tmp_path):
    source = tmp_path / "offres.csv"
    source.write_text("Intervenant;ID;Titre;Thème;Format;Durée (h)\nLéa Dupont;N1;Le no-code;Cuisine;Atelier;2\n",
                      encoding="utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    rendered = [issue.render() for issue in report.issues]
    assert len(rendered) == 1 and rendered[0].startswith("fichier « offres.csv », ligne 2, colonne D (Thème)"), rendered


@pytest.mark.parametrize("typed", ["Léa Dupont (Numéria)", "Mme Léa Dupont", "Madame DUPONT Léa [Numéria]",
                                   "Dr. L. Dupont"])
def test_a_name_with_its_organisation_in_brackets_or_a_title_names_the_speaker(typed):
    from scheduler.imports.names import SpeakerNames
    names = SpeakerNames(["Léa Dupont", "Marc Petit"])
    assert names.match(typed).name == "Léa Dupont"
    assert names.match("M. Petit").name == "Marc Petit"  # an initial, not a title, when it fits
    assert names.match("Mme Inconnue (Numéria)").name is None


def test_a_table_from_an_english_form_gives_its_am_pm_hours(workbook, tmp_path):
    source = tmp_path / "responses.csv"
    source.write_text("Speaker,Date,Start,End\nMarc Petit,10/11/2026,2pm,5:30 PM\n", encoding="utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert [i.render("en") for i in report.issues] == []
    assert [(r[0], r[3], r[4]) for r in added_windows(tmp_path / "new.xlsx")] == [("Marc Petit", "14:00", "17:30")]
