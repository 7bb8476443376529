"""Building small input workbooks in tests: a dict of sheet name -> rows, written with openpyxl."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl

Sheets = dict[str, list[list[object]]]


def write_workbook(path: Path, sheets: Sheets) -> Path:
    """Write `sheets` (name -> rows, the first row being the header) to `path` and return it."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)
    return path


def valid_sheets() -> Sheets:
    """A small valid workbook with French names: every sheet of SPEC §1, a few rows each."""
    return copy.deepcopy(_VALID)


_VALID: Sheets = {
    "Programme": [
        ["Paramètre", "Valeur"],
        ["Nom", "Promo test"],
        ["Début", dt.datetime(2026, 11, 2)],
        ["Semaines", 12],
        ["Jours fériés", "FR"],
    ],
    "Thèmes": [
        ["Thème", "Description", "Couleur"],
        ["Web", "Sites et applications", "1F77B4"],
        ["Data", "Données", "#ff7f0e"],
    ],
    "Organisations": [
        ["Organisation", "Type"],
        ["Acme", "Entreprise"],
        ["Ville de Nancy", "Collectivité"],
    ],
    "Intervenants": [
        ["Intervenant", "Organisation", "Email", "Max séances"],
        ["Léa Dupont", "Acme", "lea@exemple.fr", 3],
        ["Marc Petit", "Ville de Nancy", None, None],
    ],
    "Interventions": [
        ["ID", "Intervenant", "Titre", "Thème", "Format", "Durée (h)", "Phase", "Séances", "Obligatoire",
         "Projet", "Lieu"],
        ["I1", "Léa Dupont", "Le web", "Web", "Conférence", 2, None, 1, "oui", None, None],
        ["I2", "Marc Petit", "La data", "Data", "Atelier", "1,5", None, 2, None, None, "Salle B"],
        ["I3", "Léa Dupont", "Suivi P1", "Web", "Suivi de projet", 2, None, 3, None, "P1", None],
    ],
    "Disponibilités": [
        ["Intervenant", "Date", "Jour", "Début", "Fin", "Du", "Au", "Préférence"],
        ["Léa Dupont", dt.datetime(2026, 11, 3), None, dt.time(9, 0), dt.time(12, 30), None, None, None],
        ["Marc Petit", None, "mardi", "14h", "17:00", None, None, "préféré"],
    ],
    "Fermetures": [
        ["Du", "Au", "Motif"],
        [dt.datetime(2026, 12, 21), dt.datetime(2027, 1, 1), "Vacances"],
    ],
    "Événements": [
        ["Titre", "Date", "Jour", "Début", "Fin", "Du", "Au", "Public", "Lieu"],
        ["Accueil", dt.datetime(2026, 11, 2), None, "09:00", "12:00", None, None, "Cohorte", None],
        ["Point projet", None, "vendredi", "16:00", "17:00", None, None, "P1", None],
    ],
    "Projets": [
        ["ID", "Titre", "Organisation", "Taille min", "Taille max"],
        ["P1", "Projet Acme", "Acme", 2, 4],
        ["P2", "Projet Ville", "Ville de Nancy", None, None],
    ],
    "Participants": [
        ["Participant", "Email", "Vœu 1", "Vœu 2", "Vœu 3"],
        ["Ana Martin", "ana@exemple.fr", "P1", "P2", None],
        ["Bob Leroy", None, None, None, None],
    ],
}
