"""`scheduler template`: the workbook a coordinator starts from, empty or filled with the example;
it reads back, guides with comments and drop-downs, and the example passes `check` and plans."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.workbook.reading import load

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "vide.xlsx"
    assert run("template", str(path)).exit_code == 0
    return path


def validations(sheet) -> dict[str, str]:
    return {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}


def test_blank_template_layout(blank: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    assert workbook.sheetnames == ["Mode d'emploi", "Programme", "Thèmes", "Organisations", "Intervenants",
                                   "Interventions", "Disponibilités", "Fermetures", "Événements", "Projets",
                                   "Participants", "Listes"]
    assert workbook["Listes"].sheet_state == "hidden" and workbook.active.title == "Mode d'emploi"
    offers = workbook["Interventions"]
    assert [c.value for c in offers[1]] == ["ID", "Intervenant", "Titre", "Thème", "Format", "Durée (h)", "Phase",
                                            "Séances", "Obligatoire", "Projet", "Lieu", "Lien", "À prévoir"]
    assert offers.freeze_panes == "A2"
    assert all(cell.comment is not None and cell.comment.text for cell in offers[1])
    assert "obligatoire" in offers["F1"].comment.text and "1 à 4" in offers["F1"].comment.text
    assert offers.column_dimensions["C"].width >= 30
    assert workbook["Disponibilités"]["B2"].number_format == "DD/MM/YYYY"
    assert workbook["Disponibilités"]["D500"].number_format == "HH:MM"


def test_drop_downs_come_from_the_hidden_lists_which_follow_the_other_sheets(blank: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    lists = workbook["Listes"]
    assert validations(workbook["Interventions"]) == {
        "B2:B1000": "='Listes'!$C$2:$C$1000", "D2:D1000": "='Listes'!$A$2:$A$1000",
        "E2:E1000": "='Listes'!$E$2:$E$6", "I2:I1000": "='Listes'!$H$2:$H$3", "J2:J1000": "='Listes'!$D$2:$D$1000"}
    assert validations(workbook["Organisations"]) == {"B2:B1000": "='Listes'!$F$2:$F$6"}
    assert validations(workbook["Disponibilités"])["C2:C1000"] == "='Listes'!$G$2:$G$8"
    assert [lists.cell(r, 5).value for r in range(2, 7)] == ["Conférence", "Atelier", "Visite", "Suivi de projet",
                                                             "Coaching"]
    assert lists["A2"].value == "=IF('Thèmes'!A2=\"\",\"\",'Thèmes'!A2)"
    assert lists["C1000"].value == "=IF('Intervenants'!A1000=\"\",\"\",'Intervenants'!A1000)"
    assert lists["J2"].value == "Cohorte" and lists["J3"].value.startswith("=IF('Projets'!A2")


def test_blank_template_asks_for_name_and_start_only(blank: Path) -> None:
    result = run("check", str(blank))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("- ")]
    assert errors == ["- feuille « Programme », ligne 2, colonne « Valeur » : indiquez la valeur de « Nom » : ce "
                      "paramètre est obligatoire",
                      "- feuille « Programme », ligne 3, colonne « Valeur » : indiquez la valeur de « Début » : ce "
                      "paramètre est obligatoire"]


def test_filled_template_checks_and_plans(blank: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(blank)
    workbook["Programme"]["B2"] = "Promo remplie"
    workbook["Programme"]["B3"] = dt.datetime(2026, 11, 2)
    for sheet, rows in {
        "Thèmes": [["Web"], ["Data"]],
        "Organisations": [["Acme", "Entreprise"], ["Ville", "Collectivité"]],
        "Intervenants": [["Léa Dupont", "Acme"], ["Marc Petit", "Ville"]],
        "Interventions": [["I1", "Léa Dupont", "Le web", "Web", "Conférence", 2, None, 2],
                          ["I2", "Marc Petit", "La data", "Data", "Atelier", 1.5, None, 2, "oui"]],
        "Disponibilités": [["Léa Dupont", None, "lundi", dt.time(9), dt.time(12, 30)],
                           ["Marc Petit", None, "mardi"]],
    }.items():
        for row, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                workbook[sheet].cell(row, column, value)
    path = tmp_path / "rempli.xlsx"
    workbook.save(path)
    checked = run("check", str(path))
    assert checked.exit_code == 0, checked.output
    assert "aucune erreur, 0 avertissement (2 interventions, 2 intervenants)" in checked.output
    planned = run("plan", str(path), "--out", str(tmp_path / "out"), "--time-limit", "2", "--workers", "1")
    assert planned.exit_code == 0, planned.output
    assert "4 séances placées sur 4" in planned.output


def test_example_template_checks_and_plans(tmp_path: Path) -> None:
    path = tmp_path / "exemple.xlsx"
    assert run("template", str(path), "--example").exit_code == 0
    problem = load(path)
    assert (len(problem.offers), len(problem.speakers), len(problem.participants)) == (48, 44, 12)
    checked = run("check", str(path))
    assert checked.exit_code == 0 and "0 avertissement" in checked.output, checked.output
    before = path.read_bytes()
    planned = run("plan", str(path), "--out", str(tmp_path / "out"), "--time-limit", "3", "--workers", "2")
    assert planned.exit_code == 0, planned.output
    assert (tmp_path / "out" / "planning.xlsx").is_file()
    assert path.read_bytes() == before


def test_english_template(tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    assert run("template", str(path), "--example", "--lang", "en").exit_code == 0
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:6] == ["Instructions", "Programme", "Themes", "Organisations", "Speakers", "Offers"]
    assert workbook["Offers"]["E2"].value in ("Conference", "Workshop", "Visit", "Project mentoring", "Coaching")
    assert "required" in workbook["Offers"]["A1"].comment.text
    checked = run("check", str(path), "--lang", "en")
    assert checked.exit_code == 0 and "no errors, 0 warnings (48 offers" in checked.output, checked.output
    assert load(path).offers == load_french(tmp_path).offers


def load_french(tmp_path: Path):
    path = tmp_path / "exemple-fr.xlsx"
    assert run("template", str(path), "--example").exit_code == 0
    return load(path)


def test_template_never_overwrites_a_file_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mon-classeur.xlsx"
    path.write_bytes(b"precious")
    refused = run("template", str(path))
    assert refused.exit_code == 2 and "existe déjà" in refused.output
    assert path.read_bytes() == b"precious"
    assert run("template", str(path), "--force").exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Mode d'emploi"
    assert run("template", str(tmp_path / "classeur.xls")).exit_code == 2
