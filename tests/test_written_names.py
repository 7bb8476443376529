"""Messages name each sheet and column as the workbook writes them (French, English, odd case), the canonical
name of the message language in brackets when it is another name; a missing sheet by its canonical name."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from helpers_workbooks import Sheets, write_workbook
from scheduler.cli import app
from scheduler.core.errors import InputError, InvalidWorkbook, WrittenNames, called, same_name
from scheduler.workbook.labels import COLUMNS, PROGRAMME_KEYS, SHEETS, find
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load
from test_check import CLEAN, messages, set_cell, warnings_of

runner = CliRunner()


def english(data: Sheets) -> Sheets:
    """`data` with every sheet title, header and `Programme` setting in English (SPEC §1, the name after the slash)."""
    written: Sheets = {}
    for title, rows in copy.deepcopy(data).items():
        sheet = find(SHEETS, title)
        header = [COLUMNS[sheet][find(COLUMNS[sheet], name)].en for name in rows[0]]
        if sheet == "programme":
            rows = [rows[0], *([PROGRAMME_KEYS[find(PROGRAMME_KEYS, name)].en, *rest] for name, *rest in rows[1:])]
        written[SHEETS[sheet].en] = [header, *rows[1:]]
    return written


def french() -> Sheets:
    return copy.deepcopy(CLEAN)


def errors_of(path: Path) -> list[InputError]:
    with pytest.raises(InvalidWorkbook) as raised:
        load(path)
    return raised.value.errors


def check(path: Path, *options: str):
    result = runner.invoke(app, ["check", str(path), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ---------------------------------------------------------------------------------------------
# The rule itself


def test_a_name_is_quoted_as_written_with_the_canonical_name_in_brackets_when_it_is_another_name():
    assert called("Intervenants", "Speakers", "en") == "'Intervenants' (Speakers)"
    assert called("Offers", "Interventions", "fr") == "« Offers » (Interventions)"
    assert called("intervenants", "Intervenants", "fr") == "« intervenants »"  # the same name, typed otherwise
    assert called("duree h", "Durée (h)", "fr") == "« duree h »"
    assert called(None, "Speakers", "en") == "'Speakers'"  # nothing written: the canonical name
    assert same_name("DURATION_H", "duration_h") and not same_name("Début", "start")


def test_an_error_keeps_its_public_fields_and_names_what_is_written():
    error = InputError("Intervenants", 21, "Max séances", 0, "fr", "en", sheet_en="Speakers",
                       column_en="max_sessions", keys=("speakers", "max_sessions"))
    WrittenNames((("speakers", "Intervenants"),), (("speakers", "max_sessions", "Max séances"),)).name(error)
    assert (error.sheet, error.sheet_en, error.row, error.column, error.column_en) == \
        ("Intervenants", "Speakers", 21, "Max séances", "max_sessions")
    assert error.location("en") == "sheet 'Intervenants' (Speakers), row 21, column 'Max séances' (max_sessions)"
    assert error.location("fr") == "feuille « Intervenants », ligne 21, colonne « Max séances »"


def test_callers_name_a_sheet_column_or_setting_by_its_key_alone():
    nothing = WrittenNames()  # a Problem built in code: the canonical names
    assert nothing.sheet_row("events", 4, "fr") == "Événements, ligne 4"
    assert nothing.sheet_row("events", 4, "en") == "Events, row 4"
    assert nothing.called("speakers", "max_sessions", "fr") == "« Max séances »"
    assert nothing.called("availability", None, "en") == "'Availability'"
    assert nothing.setting("max_hours_per_day", "en") == "'max_hours_per_day'"
    written = WrittenNames((("events", "Events"), ("programme", "Programme")),
                           (("speakers", "max_sessions", "max_sessions"),),
                           (("max_hours_per_day", "max_hours_per_day"),))
    assert written.sheet_row("events", 4, "fr") == "« Events » (Événements), ligne 4"
    assert written.called("speakers", "max_sessions", "fr") == "« max_sessions » (Max séances)"
    assert written.setting("max_hours_per_day", "fr") == "« max_hours_per_day » (Heures max par jour)"
    assert written.setting_in_sheet("max_hours_per_day", "en") == "'max_hours_per_day', sheet Programme"


def test_each_sheet_column_and_setting_name_has_one_home():
    """The workbook's tables are the core's catalogue (data/names.toml); no rule, solver or reader module
    restates a sheet's French and English names side by side."""
    from scheduler.core.names import column_labels, setting_labels, sheet_labels

    assert SHEETS == sheet_labels() and COLUMNS == column_labels() and PROGRAMME_KEYS == setting_labels()
    root = Path(__file__).resolve().parents[1] / "scheduler"
    source = "\n".join(path.read_text(encoding="utf-8") for folder in ("core", "rules", "solver", "workbook", "checker")
                       for path in sorted((root / folder).rglob("*.py")))
    for label in SHEETS.values():
        for pair in (f"'{label.fr}', '{label.en}'", f'"{label.fr}", "{label.en}"'):
            assert pair not in source, pair


# ---------------------------------------------------------------------------------------------
# The reader


def test_a_french_workbook_read_in_english_names_its_french_sheet_and_column(tmp_path):
    data = french()
    set_cell(data, "Intervenants", 3, "Max séances", "beaucoup")
    (error,) = errors_of(write_workbook(tmp_path / "fr.xlsx", data))
    assert error.render("en").startswith(
        "sheet 'Intervenants' (Speakers), row 3, column 'Max séances' (max_sessions) (value: beaucoup): ")
    assert error.render("fr").startswith("feuille « Intervenants », ligne 3, colonne « Max séances » (valeur : ")


def test_an_english_workbook_read_in_french_names_its_english_sheet_and_column(tmp_path):
    data = french()
    set_cell(data, "Interventions", 3, "Durée (h)", "longtemps")
    (error,) = errors_of(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert (error.sheet, error.column, error.sheet_written, error.column_written) == \
        ("Interventions", "Durée (h)", "Offers", "duration_h")
    assert error.render("fr").startswith(
        "feuille « Offers » (Interventions), ligne 3, colonne « duration_h » (Durée (h)) (valeur : longtemps) : ")
    assert error.render("en").startswith("sheet 'Offers', row 3, column 'duration_h' (value: longtemps): ")


def test_a_sheet_and_column_written_in_odd_case_are_named_as_written(tmp_path):
    data = french()
    data["intervenants"] = data.pop("Intervenants")
    data["intervenants"][0][3] = "MAX SEANCES"
    set_cell(data, "intervenants", 2, "MAX SEANCES", -1)
    (error,) = errors_of(write_workbook(tmp_path / "odd.xlsx", data))
    assert error.location("fr") == "feuille « intervenants », ligne 2, colonne « MAX SEANCES »"
    assert error.location("en") == "sheet 'intervenants' (Speakers), row 2, column 'MAX SEANCES' (max_sessions)"


def test_a_missing_sheet_is_named_by_its_canonical_name_in_the_message_language(tmp_path):
    data = english(french())
    del data["Offers"]
    errors = errors_of(write_workbook(tmp_path / "missing.xlsx", data))
    missing = next(e for e in errors if e.row is None and e.column is None)
    assert missing.location("fr") == "feuille « Interventions »"
    assert missing.location("en") == "sheet 'Offers'"


def test_a_reference_to_another_sheet_names_it_as_written(tmp_path):
    data = french()
    set_cell(data, "Interventions", 2, "Intervenant", "Inconnu")
    (error,) = errors_of(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert error.location("fr").startswith("feuille « Offers » (Interventions), ligne 2, colonne « speaker »")
    assert ("n'est pas dans la colonne « speaker » (Intervenant) de la feuille « Speakers » (Intervenants)"
            in error.message.fr)
    assert "is not in column 'speaker' of sheet 'Speakers'" in error.message.en


def test_warnings_name_the_sheets_as_written(tmp_path):
    data = french()
    set_cell(data, "Interventions", 2, "Séances", 5)  # phase 1 has 4 weeks
    data["Intervenants"].append(["Zoé Sans", "Acme", None, None])  # no availability window
    problem = load(write_workbook(tmp_path / "en.xlsx", english(data)))
    from scheduler.workbook.likely_mistakes import likely_mistakes

    found = [w.render("fr") for w in likely_mistakes(problem)]
    assert any(w.startswith("feuille « Offers » (Interventions), ligne 2, colonne « count » (Séances) (valeur : 5)")
               and w.endswith("baissez « count » (Séances)") for w in found), found
    (no_window,) = [w.render("fr") for w in problem.warnings if "aucune disponibilité" in w.render("fr")]
    assert no_window.startswith("feuille « Speakers » (Intervenants), ligne 4, colonne « speaker » (Intervenant)")
    assert "dans la feuille « Availability » (Disponibilités)" in no_window


# ---------------------------------------------------------------------------------------------
# Whole commands


def test_check_on_a_french_workbook_in_english(tmp_path):
    data = french()
    set_cell(data, "Interventions", 3, "Durée (h)", "longtemps")
    set_cell(data, "Interventions", 4, "Séances", 9)  # a warning too
    result = check(write_workbook(tmp_path / "fr.xlsx", data), "--lang", "en")
    assert result.exit_code == 1
    (error,) = messages(result.output)
    assert error.startswith("sheet 'Interventions' (Offers), row 3, column 'Durée (h)' (duration_h) (value: "
                            "longtemps): ")
    assert "'Offers'" not in result.output.replace("(Offers)", "")


def test_check_on_an_english_workbook_in_french(tmp_path):
    data = french()
    set_cell(data, "Interventions", 2, "Séances", 5)  # phase 1 has 4 weeks: a warning
    result = check(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert result.exit_code == 0, result.output
    assert any(w.startswith("feuille « Offers » (Interventions), ligne 2, colonne « count » (Séances) (valeur : 5)")
               for w in warnings_of(result.output)), result.output
    assert "feuille « Interventions »" not in result.output
    english_run = check(write_workbook(tmp_path / "en.xlsx", english(data)), "--lang", "en")
    assert any(w.startswith("sheet 'Offers', row 2, column 'count' (value: 5)")
               for w in warnings_of(english_run.output, "en")), english_run.output


def test_plan_names_the_speakers_cap_of_an_english_workbook_in_french(tmp_path):
    data = french()
    set_cell(data, "Interventions", 2, "Obligatoire", None)
    set_cell(data, "Intervenants", 2, "Max séances", 1)  # Léa offers 4 sessions, gives at most 1
    path = write_workbook(tmp_path / "en.xlsx", english(data))
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "out"), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "out" / "planning.xlsx", read_only=True)
    text = "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)
    assert "(« max_sessions » (Max séances), « Speakers » (Intervenants), ligne 2)" in text, text[-2000:]


# ---------------------------------------------------------------------------------------------
# planning.xlsx read back


def test_the_planning_sheet_names_its_english_columns_as_written(tmp_path):
    problem = load(write_workbook(tmp_path / "fr.xlsx", french()))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "planning"
    sheet.append(["session", "offer", "date", "start", "end"])
    sheet.append(["I1-1", "I1", dt.datetime(2026, 11, 2), "midi", "12:00"])
    book.save(tmp_path / "planning.xlsx")
    with pytest.raises(InvalidWorkbook) as raised:
        read_planning(tmp_path / "planning.xlsx", problem)
    (error,) = raised.value.errors
    assert (error.sheet, error.column) == ("Planning", "Début")
    assert error.location("fr") == "feuille « planning », ligne 2, colonne « start » (Début)"
    assert error.location("en") == "sheet 'planning', row 2, column 'start'"


# ---------------------------------------------------------------------------------------------
# A year of cohorts (SPEC §6)


def test_a_year_error_names_the_sheets_as_written(tmp_path):
    from scheduler.workbook.year_reading import load_year
    from test_year_reading import year_sheets

    data = year_sheets()
    data["cohorts"] = data.pop("Promotions")
    data["cohorts"][0][0] = "COHORT"
    data["cohorts"].append(["Hiver", dt.datetime(2027, 6, 7), None, None])  # twice the same name
    data["Interventions"][2].append("Automne")  # no such cohort
    with pytest.raises(InvalidWorkbook) as raised:
        load_year(write_workbook(tmp_path / "annee.xlsx", data))
    located = {error.location("en") for error in raised.value.errors} | \
        {error.location("fr") for error in raised.value.errors}
    assert "feuille « cohorts » (Promotions), ligne 4, colonne « COHORT » (Promotion)" in located, located
    assert "sheet 'cohorts', row 4, column 'COHORT'" in located
    assert "sheet 'Interventions' (Offers), row 3, column 'Promotions' (cohorts)" in located
    unknown = next(e for e in raised.value.errors if e.value == "Automne")
    assert "de la feuille « cohorts » (Promotions)" in unknown.message.fr
    assert "of sheet 'cohorts' (Cohorts)" not in unknown.message.en and "of sheet 'cohorts'" in unknown.message.en


def test_annee_xlsx_errors_name_its_sheet_and_columns_as_written(tmp_path):
    from scheduler.exports.year import write_year
    from scheduler.workbook.year_planning_reader import read_year_planning
    from test_year_exports import planned_year

    year, result = planned_year()
    write_year(year, result.timetables, tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / "annee.xlsx")
    sheet = workbook["Année"]
    sheet.title = "Year"
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("Date") + 1).value = "pas une date"
    sheet.cell(3, header.index("Promotion") + 1).value = "Été 2027"
    workbook.save(tmp_path / "edited.xlsx")
    with pytest.raises(InvalidWorkbook) as raised:
        read_year_planning(tmp_path / "edited.xlsx", year)
    located = sorted((e.row, e.location("fr"), e.location("en")) for e in raised.value.errors)
    assert located == [(2, "feuille « Year » (Année), ligne 2, colonne « Date »",
                        "sheet 'Year', row 2, column 'Date'"),
                       (3, "feuille « Year » (Année), ligne 3, colonne « Promotion »",
                        "sheet 'Year', row 3, column 'Promotion' (cohort)")]


# ---------------------------------------------------------------------------------------------
# Programme settings in the rules' sentences


def _too_short_a_day() -> Sheets:
    """The clean workbook with at most 1.5 h a day: its 2-hour welcome event alone goes beyond."""
    data = french()
    data["Programme"].append(["Heures max par jour", "1,5"])
    return data


def test_a_french_workbook_read_in_english_names_its_settings_as_written(tmp_path):
    result = check(write_workbook(tmp_path / "fr.xlsx", _too_short_a_day()), "--lang", "en")
    found = warnings_of(result.output, "en")
    assert any("take 2 h for at most 1.5 h ('Heures max par jour' (max_hours_per_day)): shorten them" in w
               for w in found), result.output
    assert any("for a minimum of 1 ('Séances min par thème' (min_sessions_per_theme))" in w for w in found)
    assert "'max_hours_per_day'" not in result.output


def test_an_english_workbook_names_its_settings_as_written_in_english_and_in_french(tmp_path):
    path = write_workbook(tmp_path / "en.xlsx", english(_too_short_a_day()))
    english_run = warnings_of(check(path, "--lang", "en").output, "en")
    assert any("for at most 1.5 h ('max_hours_per_day'): shorten them" in w for w in english_run), english_run
    assert not any("Heures max" in w or "Séances min" in w for w in english_run)
    french_run = warnings_of(check(path).output)
    assert any("pour 1,5 h au plus (« max_hours_per_day » (Heures max par jour)) : raccourcissez" in w
               for w in french_run), french_run
    assert any("pour un minimum de 1 (« min_sessions_per_theme » (Séances min par thème))" in w for w in french_run)


def test_the_rules_describe_their_settings_and_columns_as_written(tmp_path):
    from scheduler.rules import daily_hours, organisation_maximum, speaker_max_sessions, theme_minimum

    data = _too_short_a_day()
    set_cell(data, "Intervenants", 3, "Max séances", 4)
    data["Programme"].append(["Séances max par organisation", 3])
    french_book = load(write_workbook(tmp_path / "fr.xlsx", data))
    english_book = load(write_workbook(tmp_path / "en.xlsx", english(data)))
    for problem, fr, en in ((french_book, "« Heures max par jour », feuille Programme",
                             "'Heures max par jour' (max_hours_per_day), sheet Programme"),
                            (english_book, "« max_hours_per_day » (Heures max par jour), feuille Programme",
                             "'max_hours_per_day', sheet Programme")):
        said = daily_hours.describe(None, problem)
        assert said.fr.endswith(f"({fr})") and said.en.endswith(f"({en})"), said
    theme = theme_minimum.describe(english_book.themes[0], english_book)
    assert "(« min_sessions_per_theme » (Séances min par thème), feuille Programme)" in theme.fr
    assert "('min_sessions_per_theme', sheet Programme)" in theme.en
    theme = theme_minimum.describe(french_book.themes[0], french_book)
    assert "('Séances min par thème' (min_sessions_per_theme), sheet Programme)" in theme.en
    organisation = organisation_maximum.describe(french_book.organisations[0], french_book)
    assert organisation.en.endswith(
        "('Séances max par organisation' (max_sessions_per_organisation), sheet Programme)")
    speaker = next(s for s in english_book.speakers if s.max_sessions)
    cap = speaker_max_sessions.describe(speaker, english_book)
    assert cap.fr.endswith("(« max_sessions » (Max séances))") and cap.en.endswith("('max_sessions')"), cap
    speaker = next(s for s in french_book.speakers if s.max_sessions)
    assert speaker_max_sessions.describe(speaker, french_book).en.endswith("('Max séances' (max_sessions))")
