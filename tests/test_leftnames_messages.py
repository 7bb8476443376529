"""The last names written by hand: reader messages name the columns and settings they point at as the workbook
writes them (canonical name in brackets), and a year without `Nom` is named in the output language."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers_workbooks import write_workbook
from scheduler.core.errors import InputError, InvalidWorkbook
from scheduler.exports.year import index_page
from scheduler.workbook.reading import load
from scheduler.workbook.year_reading import load_year
from test_check import set_cell, sheets
from test_written_names import english
from test_year_reading import year_sheets


def _errors(path) -> list[InputError]:
    with pytest.raises(InvalidWorkbook) as raised:
        load(path)
    return raised.value.errors


def _hours_outside(data) -> None:
    """Marc's window on Tuesdays from 17:30 to 19:00: outside both half-days."""
    set_cell(data, "Disponibilités", 3, "Début", "17h30")
    set_cell(data, "Disponibilités", 3, "Fin", "19h")


def test_hours_outside_the_half_days_name_the_columns_of_a_french_workbook(tmp_path):
    data = sheets()
    _hours_outside(data)
    (error,) = _errors(write_workbook(tmp_path / "fr.xlsx", data))
    assert error.message.fr.endswith("corrigez « Début » et « Fin »")
    assert error.message.en.endswith("correct 'Début' (start) and 'Fin' (end)")


def test_hours_outside_the_half_days_name_the_columns_of_an_english_workbook(tmp_path):
    data = sheets()
    _hours_outside(data)
    (error,) = _errors(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert error.message.fr.endswith("corrigez « start » (Début) et « end » (Fin)")
    assert error.message.en.endswith("correct 'start' and 'end'")


def test_a_period_before_the_programme_names_its_from_and_to_columns_as_written(tmp_path):
    data = sheets()
    set_cell(data, "Disponibilités", 2, "Jour", "lundi")
    set_cell(data, "Disponibilités", 2, "Du", dt.datetime(2026, 1, 5))
    set_cell(data, "Disponibilités", 2, "Au", dt.datetime(2026, 2, 5))  # the programme starts on 2 November 2026
    (error,) = _errors(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert "finit avant le début du programme" in error.message.fr
    assert error.message.fr.endswith("corrigez « from » (Du) et « to » (Au)")
    assert error.message.en.endswith("correct 'from' and 'to'")
    (french_error,) = _errors(write_workbook(tmp_path / "fr.xlsx", data))
    assert french_error.message.en.endswith("correct 'Du' (from) and 'Au' (to)")


def test_a_weekday_not_worked_names_the_days_setting_as_written(tmp_path):
    data = sheets()
    data["Programme"].append(["Jours", "lun mar mer jeu"])
    set_cell(data, "Disponibilités", 2, "Jour", "vendredi")
    path = write_workbook(tmp_path / "fr.xlsx", data)
    (notice,) = [n for n in load(path).warnings if "jour travaillé" in n]
    assert "(paramètre « Jours ») : la ligne ne sert pas" in notice.render("fr")
    assert "(setting 'Jours' (days)): the row is never used" in notice.render("en")
    english_data = english(data)
    path = write_workbook(tmp_path / "en.xlsx", english_data)
    (notice,) = [n for n in load(path).warnings if "jour travaillé" in n]
    assert "(paramètre « days » (Jours)) : la ligne ne sert pas" in notice.render("fr")
    assert "(setting 'days'): the row is never used" in notice.render("en")


def test_a_row_without_date_or_weekday_names_the_four_columns_as_written(tmp_path):
    data = sheets()
    set_cell(data, "Disponibilités", 2, "Jour", None)
    (error,) = _errors(write_workbook(tmp_path / "en.xlsx", english(data)))
    assert error.message.fr == ("indiquez une date (« Date »), ou un jour de la semaine qui se répète "
                                "(« weekday » (Jour), de « from » (Du) à « to » (Au))")
    assert error.message.en == "give a date ('Date'), or a weekday that repeats ('weekday', from 'from' to 'to')"


def test_a_participant_without_cohort_names_the_cohort_column_in_both_languages(tmp_path):
    data = year_sheets()
    set_cell(data, "Participants", 2, "Promotion", None)
    with pytest.raises(InvalidWorkbook) as raised:
        load_year(write_workbook(tmp_path / "annee.xlsx", data))
    (error,) = [e for e in raised.value.errors if "plusieurs" in e.message.fr]
    assert error.message.fr.endswith("(ajoutez une colonne « Promotion » si elle manque)")
    assert error.message.en.endswith("(add a column 'Promotion' (cohort) if it is missing)")


def test_a_year_without_name_is_named_in_the_output_language(tmp_path):
    year = load_year(write_workbook(tmp_path / "annee.xlsx", year_sheets()))  # its Programme gives no Nom
    assert year.name == "Année 2026" and not year.named  # the calendars' UIDs keep the French name
    assert (year.title("fr"), year.title("en")) == ("Année 2026", "Year 2026")
    assert "— Year 2026</h1>" in index_page(year, (), "en")
    assert "— Année 2026</h1>" in index_page(year, (), "fr")


def test_a_named_year_keeps_its_name_in_both_languages(tmp_path):
    data = year_sheets()
    data["Programme"].append(["Nom", "Promotions 2027"])
    year = load_year(write_workbook(tmp_path / "annee.xlsx", data))
    assert (year.title("fr"), year.title("en")) == ("Promotions 2027", "Promotions 2027")


# ---------------------------------------------------------------------------------------------
# `scheduler import`: its messages come from the words catalogue, its sheet and column names from data/names.toml


def test_a_table_without_recognised_columns_names_the_sheets_and_columns_from_the_catalogue(tmp_path):
    from scheduler.imports.importing import import_sources
    from test_imports_tables import csv_file

    workbook = write_workbook(tmp_path / "classeur.xlsx", sheets())
    source = csv_file(tmp_path / "autre.csv", [["a", "b"], ["1", "2"]], ",", "utf-8")
    (issue,) = import_sources(workbook, [source], tmp_path / "new.xlsx").issues
    assert issue.fr == ("aucune colonne reconnue : il faut une colonne « Intervenant » et des colonnes de la feuille "
                        "« Disponibilités » (Date ou Jour, Début, Fin, Préférence), « Intervenants » (Organisation, "
                        "Email) ou « Interventions »")
    assert issue.en == ("no column recognised: the table needs a column 'speaker' and columns of sheet 'Availability' "
                        "(Date or weekday, start, end, preference), 'Speakers' (Organisation, Email) or 'Offers'")
    assert issue.render("fr") == f"fichier « autre.csv », ligne 1 : {issue.fr}"
    assert issue.render("en") == f"file 'autre.csv', line 1: {issue.en}"


def test_an_unknown_name_with_suggestions_is_said_in_both_languages():
    from scheduler.imports.importing import _unknown
    from scheduler.imports.sources import Proposal, Where

    where = Where("dispos.csv", 3, 0, "Nom")
    issue = _unknown(Proposal("availability", "Lea Dupond", {}, where, where), ("Léa Dupont", "Léo Dupont"))
    assert issue.render("fr") == ("fichier « dispos.csv », ligne 3, colonne A (Nom) (valeur : Lea Dupond) : nom "
                                  "inconnu dans la feuille « Intervenants » : corrigez le nom ou ajoutez "
                                  "l'intervenant, puis relancez l'import ; vouliez-vous dire « Léa Dupont » ou "
                                  "« Léo Dupont » ?")
    assert issue.render("en") == ("file 'dispos.csv', line 3, column A (Nom) (value: Lea Dupond): unknown name in "
                                  "sheet 'Speakers': correct the name or add the speaker, then import again; did you "
                                  "mean 'Léa Dupont' or 'Léo Dupont'?")


def test_the_import_modules_write_no_message_inline():
    """Every sentence `scheduler import` says is in data/words.toml: no string of the import modules (docstrings
    aside) holds French or English message punctuation ('« ', ' : ', ': ' followed by words)."""
    import ast
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "scheduler" / "imports"
    found = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree)  # a module's, a function's or a constant's
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if re.search(r"« | : |[a-z]: [a-z]", node.value):
                    found.append(f"{path.name}:{node.lineno}: {node.value}")
    assert not found, found


# ---------------------------------------------------------------------------------------------
# Sheet, column and setting names: one home (data/names.toml)


def _strings(path) -> list[str]:
    """The string constants of a module, docstrings aside (f-strings' literal parts included)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_year_example_takes_its_sheet_column_and_setting_names_from_the_catalogue():
    from pathlib import Path

    from scheduler.core.names import column_labels, setting_labels, sheet_labels, year_setting_labels

    french = {label.fr for label in (*sheet_labels().values(), *setting_labels().values(),
                                     *year_setting_labels().values())}
    french |= {label.fr for columns in column_labels().values() for label in columns.values()}
    source = Path(__file__).resolve().parents[1] / "scheduler" / "year_example.py"
    assert not [text for text in _strings(source) if text in french]


def test_the_template_year_option_and_the_import_tables_name_no_sheet_by_hand():
    from pathlib import Path

    from scheduler.core.names import sheet_labels

    root = Path(__file__).resolve().parents[1] / "scheduler"
    names = {name for label in sheet_labels().values() for name in (label.fr, label.en)}
    for path in (root / "cli.py", root / "imports" / "tables.py", root / "imports" / "importing.py"):
        written = [text for text in _strings(path) for name in names
                   if f"feuille {name}" in text or f"« {name} »" in text or f"'{name}'" in text]
        assert not written, (path.name, written)


def test_the_template_help_names_the_cohorts_sheet():
    from typer.testing import CliRunner

    from scheduler.cli import app

    shown = CliRunner().invoke(app, ["template", "--help"]).output
    assert "Une année de promotions (feuille Promotions)" in " ".join(shown.split())
