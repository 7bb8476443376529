"""Plain tables (form responses) in .csv (`,` or `;`, any usual encoding), .xlsx and .ods imported."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.imports.importing import import_sources
from scheduler.workbook.reading import load

HEADER = ["Horodateur", "Nom et prénom", "Date", "Début", "Fin", "Préférence", "Commentaire"]
ROWS = [
    ["2026-10-01 10:00", "petit marc", "10/11/2026", "9h", "12h", "oui", "merci"],
    ["2026-10-01 11:00", "Dupont Léa", "12/11/2026 ; 19/11/2026", "14h", "17h", "", ""],
]


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_workbook(tmp_path / "promo.xlsx", valid_sheets())


def csv_file(path: Path, rows: list[list[str]], separator: str, encoding: str) -> Path:
    def quoted(cell: str) -> str:
        return f'"{cell}"' if separator in cell else cell
    path.write_bytes("\r\n".join(separator.join(quoted(c) for c in row) for row in rows).encode(encoding))
    return path


def ods_file(path: Path, rows: list[list[object]]) -> Path:
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name="Réponses", header=False, index=False)
    return path


def xlsx_file(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def added(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["Disponibilités"].iter_rows(min_row=4, values_only=True))


EXPECTED = [
    ("Marc Petit", dt.datetime(2026, 11, 10), None, "09:00", "12:00", None, None, "préféré"),
    ("Léa Dupont", dt.datetime(2026, 11, 12), None, "14:00", "17:00", None, None, None),
    ("Léa Dupont", dt.datetime(2026, 11, 19), None, "14:00", "17:00", None, None, None),
]


@pytest.mark.parametrize("kind", ["csv-comma-utf8", "csv-semicolon-cp1252", "csv-comma-bom", "xlsx", "ods"])
def test_a_form_table_adds_windows(workbook, tmp_path, kind):
    rows = [HEADER, *ROWS]
    source = {
        "csv-comma-utf8": lambda: csv_file(tmp_path / "form.csv", rows, ",", "utf-8"),
        "csv-semicolon-cp1252": lambda: csv_file(tmp_path / "form.csv", rows, ";", "cp1252"),
        "csv-comma-bom": lambda: csv_file(tmp_path / "form.csv", rows, ",", "utf-8-sig"),
        "xlsx": lambda: xlsx_file(tmp_path / "form.xlsx", rows),
        "ods": lambda: ods_file(tmp_path / "form.ods", rows),
    }[kind]()
    out = tmp_path / "new.xlsx"
    report = import_sources(workbook, [source], out)
    assert report.issues == [] and report.exit_code == 0, [i.render() for i in report.issues]
    assert dict(report.windows) == {"Marc Petit": 1, "Léa Dupont": 2}
    assert added(out) == EXPECTED
    again = import_sources(out, [source], tmp_path / "again.xlsx")
    assert sum(again.windows.values()) == 0 and again.already_present == 3
    assert added(tmp_path / "again.xlsx") == EXPECTED


def test_bad_cells_are_located_at_the_line_the_spreadsheet_shows(workbook, tmp_path):
    rows = [HEADER, ROWS[0], [], ["x", "Marc Petit", "31/11/2026", "9h", "12h", "", ""],
            ["x", "Marc Petit", "17/11/2026", "midi", "", "", ""], ["x", "Marc Petti", "18/11/2026", "", "", "", ""]]
    source = csv_file(tmp_path / "form.csv", rows, ";", "utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    rendered = [issue.render() for issue in report.issues]
    assert len(rendered) == 3, rendered
    assert rendered[0].startswith("fichier « form.csv », ligne 4, colonne C (Date) (valeur : 31/11/2026)")
    assert rendered[1].startswith("fichier « form.csv », ligne 5, colonne D (Début) (valeur : midi)")
    assert rendered[2].startswith("fichier « form.csv », ligne 6, colonne B (Nom et prénom) (valeur : Marc Petti)")
    assert "« Marc Petit »" in rendered[2]
    assert report.exit_code == 0 and dict(report.windows) == {"Marc Petit": 1}


def test_new_speakers_and_offers_from_a_table_validated_like_the_workbook(workbook, tmp_path):
    rows = [
        ["Intervenant", "Organisation", "Email", "ID", "Titre", "Thème", "Format", "Durée (h)", "Date", "Jour",
         "Début", "Fin"],
        ["Nora Belkacem", "Acme", "nora@exemple.fr", "I10", "Le cloud", "Web", "Atelier", 2, None, "jeudi", None, None],
        ["Marc Petit", "Ville de Nancy", None, "I11", "Open data", "Data", "Conférence", "1,5", "05/11/2026", None,
         "9h", "11h"],
        ["Sam Roux", "Inconnue SA", None, "I12", "Réseaux", "Web", "Conférence", 1, "06/11/2026", None, None, None],
        ["Yves Bon", "Acme", None, "I13", "Trop long", "Web", "Conférence", 9, None, "lundi", None, None],
    ]
    source = xlsx_file(tmp_path / "inscriptions.xlsx", rows)
    out = tmp_path / "new.xlsx"
    report = import_sources(workbook, [source], out)
    assert report.speakers == ["Nora Belkacem", "Yves Bon"] and report.offers == ["I10", "I11"]
    assert dict(report.windows) == {"Nora Belkacem": 1, "Marc Petit": 1, "Yves Bon": 1}
    assert report.already_present == 1  # Marc Petit is a speaker already
    rendered = [issue.render() for issue in report.issues]
    # Sam Roux's organisation is unknown: his row, offer and window are not imported
    assert any("ligne 4" in r and "Inconnue SA" in r and "Organisation" in r for r in rendered), rendered
    assert any("ligne 4" in r and "pas importé" in r for r in rendered), rendered
    assert any("ligne 5" in r and "Durée" in r for r in rendered), rendered  # 9 hours: the offer is refused
    problem = load(out)  # the new workbook passes `check`
    assert {s.name for s in problem.speakers} == {"Léa Dupont", "Marc Petit", "Nora Belkacem", "Yves Bon"}
    assert {o.id for o in problem.offers} == {"I1", "I2", "I3", "I10", "I11"}
    nora = next(w for w in problem.windows if w.speaker == "Nora Belkacem")
    assert nora.weekday == 3 and nora.date is None
    assert report.exit_code == 0


def test_a_table_without_recognised_columns_is_one_located_message(workbook, tmp_path):
    source = csv_file(tmp_path / "autre.csv", [["a", "b"], ["1", "2"]], ",", "utf-8")
    report = import_sources(workbook, [source], tmp_path / "new.xlsx")
    assert len(report.issues) == 1 and "aucune colonne reconnue" in report.issues[0].fr
    assert report.exit_code == 1 and not (tmp_path / "new.xlsx").exists()


def test_a_missing_or_unreadable_source_is_a_message_not_a_crash(workbook, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    report = import_sources(workbook, [tmp_path / "absent.csv", broken, empty], tmp_path / "new.xlsx")
    assert [i.where.file for i in report.issues] == ["absent.csv", "broken.xlsx", "vide.csv"]
    assert report.exit_code == 1


def test_a_google_form_export_with_first_and_last_names_email_and_moments(workbook, tmp_path):
    rows = [
        ["Horodateur", "Adresse e-mail", "Prénom", "Nom", "Organisation", "Dates possibles", "Date", "Créneau"],
        ["01/10/2026 10:00:00", "nora@exemple.fr", "Nora", "Belkacem", "Acme", "", "05/11/2026, 12/11/2026",
         "Matin, Après-midi"],
        ["01/10/2026 11:00:00", "", "Marc", "Petit", "Ville de Nancy", "", "06/11/2026", "Journée"],
        ["01/10/2026 12:00:00", "", "Léa", "Dupont", "Acme", "", "09/11/2026", "Matin (9h-12h30)"],
    ]
    source = csv_file(tmp_path / "Inscriptions (réponses).csv", rows, ",", "utf-8")
    out = tmp_path / "new.xlsx"
    report = import_sources(workbook, [source], out)
    assert report.issues == [], [i.render() for i in report.issues]
    assert report.speakers == ["Nora Belkacem"] and report.already_present == 2
    assert dict(report.windows) == {"Nora Belkacem": 4, "Marc Petit": 1, "Léa Dupont": 1}
    problem = load(out)
    assert next(s for s in problem.speakers if s.name == "Nora Belkacem").email == "nora@exemple.fr"
    nora = sorted((w.date, w.start, w.end) for w in problem.windows if w.speaker == "Nora Belkacem")
    assert nora == [(dt.date(2026, 11, 5), 540, 750), (dt.date(2026, 11, 5), 810, 1050),
                    (dt.date(2026, 11, 12), 540, 750), (dt.date(2026, 11, 12), 810, 1050)]
    marc = [w for w in problem.windows if w.speaker == "Marc Petit" and w.date == dt.date(2026, 11, 6)]
    assert [(w.start, w.end) for w in marc] == [(None, None)]


def test_a_new_speaker_spelt_almost_like_a_known_one_is_not_added(workbook, tmp_path):
    rows = [["Intervenant", "Organisation", "Date"], ["Lea Dupond", "Acme", "10/11/2026"],
            ["Léo Dupont-Marchand", "Acme", "10/11/2026"]]
    report = import_sources(workbook, [csv_file(tmp_path / "f.csv", rows, ";", "utf-8")], tmp_path / "new.xlsx")
    assert report.speakers == ["Léo Dupont-Marchand"]
    assert [i.where.line for i in report.issues if "ressemble à « Léa Dupont »" in i.fr] == [2]
    assert dict(report.windows) == {"Léo Dupont-Marchand": 1}
