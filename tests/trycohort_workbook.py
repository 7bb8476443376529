"""A small cohort filled in the empty template with openpyxl, as a coordinator fills it (used by the
tests/test_trycohort_*.py end-to-end tests)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from scheduler.workbook.template import write_template


def plan_cohort(folder: Path, *options: str) -> Path:
    """The cohort filled at `folder`/promo.xlsx and planned by the CLI into `folder`/sortie; returns that folder."""
    from typer.testing import CliRunner

    from scheduler.cli import app

    result = CliRunner().invoke(app, ["plan", str(fill_cohort(folder / "promo.xlsx")), "--out", str(folder / "sortie"),
                                      *options])
    assert result.exit_code == 0, result.output
    return folder / "sortie"


def edit_planning(planning: Path, edits: dict[tuple[str, str], object], saved: Path) -> Path:
    """A copy of `planning` edited by hand, as a coordinator does in Excel: {(session ID, column header): value}."""
    book = openpyxl.load_workbook(planning)
    sheet = book["Planning"]
    header = {cell.value: cell.column for cell in sheet[1]}
    row_of = {sheet.cell(number, 1).value: number for number in range(2, sheet.max_row + 1)}
    for (session, column), value in edits.items():
        sheet.cell(row_of[session], header[column]).value = value
    book.save(saved)
    return saved


def fill_cohort(path: Path) -> Path:
    """Four speakers of four organisations, three themes, nine sessions; written at `path`."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    for row in book["Programme"].iter_rows(min_row=2):
        if row[0].value == "Nom":
            row[1].value = "Promo Janvier 2027"
        if row[0].value == "Début":
            row[1].value = dt.datetime(2027, 1, 4)
    rows = {
        "Thèmes": [("Développement web",), ("Cybersécurité",), ("Données",)],
        "Organisations": [("Numéria", "Entreprise"), ("Ville de Nancy", "Collectivité"), ("Code Club", "Association"),
                          ("AFPA", "Organisme de formation")],
        "Intervenants": [("Léa Dupont", "Numéria"), ("Marc Petit", "Ville de Nancy"), ("Sophie Martin", "Code Club"),
                         ("Karim Benali", "AFPA")],
        "Interventions": [
            ("W1", "Léa Dupont", "Le web de A à Z", "Développement web", "Conférence", 2, None, 1),
            ("W2", "Sophie Martin", "Atelier HTML", "Développement web", "Atelier", 3, None, 2),
            ("C1", "Marc Petit", "Cyber en collectivité", "Cybersécurité", "Conférence", 2, None, 2),
            ("C2", "Karim Benali", "Hygiène numérique", "Cybersécurité", "Atelier", 1.5, None, 1),
            ("D1", "Léa Dupont", "Visite data center", "Données", "Visite", 3, None, 1),
            ("D2", "Karim Benali", "Excel avancé", "Données", "Atelier", 4, None, 2)],
        "Disponibilités": [
            ("Léa Dupont", None, "mardi"), ("Marc Petit", None, "jeudi", "09:00", "12:30", None, None, "préféré"),
            ("Sophie Martin", None, "lundi", "13:30", "17:30"), ("Karim Benali", None, "mercredi"),
            ("Karim Benali", dt.datetime(2027, 1, 15))],
    }
    for sheet, values in rows.items():
        for number, row in enumerate(values, start=2):
            for column, value in enumerate(row, start=1):
                book[sheet].cell(number, column, value)
    book.save(path)
    return path


def without_windows_of(source: Path, speaker: str, path: Path) -> Path:
    """`source` after `speaker` cancelled: their availability rows removed."""
    book = openpyxl.load_workbook(source)
    sheet = book["Disponibilités"]
    for number in range(sheet.max_row, 1, -1):
        if sheet.cell(number, 1).value == speaker:
            sheet.delete_rows(number)
    book.save(path)
    return path
