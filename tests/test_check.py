"""`scheduler check`: every mistake at once, one located message each, nothing else; warnings for
what is legal but probably wrong (exit 0); French by default, English with --lang en."""
from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from helpers_workbooks import Sheets, write_workbook
from scheduler.cli import app

runner = CliRunner()

CLEAN: Sheets = {
    "Programme": [["Paramètre", "Valeur"], ["Nom", "Promo check"], ["Début", dt.datetime(2026, 11, 2)],
                  ["Semaines", 8], ["Semaines phase 1", 4], ["Séances min par thème", 1]],
    "Thèmes": [["Thème"], ["Web"], ["Data"]],
    "Organisations": [["Organisation", "Type"], ["Acme", "Entreprise"], ["Ville", "Collectivité"]],
    "Intervenants": [["Intervenant", "Organisation", "Email", "Max séances"],
                     ["Léa Dupont", "Acme", "lea@exemple.fr", None], ["Marc Petit", "Ville", None, 4]],
    "Interventions": [["ID", "Intervenant", "Titre", "Thème", "Format", "Durée (h)", "Phase", "Séances",
                       "Obligatoire", "Projet"],
                      ["I1", "Léa Dupont", "Le web", "Web", "Conférence", 2, None, 2, "oui", None],
                      ["I2", "Marc Petit", "La data", "Data", "Atelier", "1,5", None, 1, None, None],
                      ["I3", "Léa Dupont", "Suivi", "Web", "Suivi de projet", 2, None, 2, None, "P1"]],
    "Disponibilités": [["Intervenant", "Date", "Jour", "Début", "Fin", "Du", "Au"],
                       ["Léa Dupont", None, "lundi", "9:00", "12:30", None, None],
                       ["Marc Petit", None, "mardi", "14h", "17h", None, None]],
    "Événements": [["Titre", "Date", "Jour", "Début", "Fin", "Public"],
                   ["Accueil", dt.datetime(2026, 11, 2), None, "14:00", "16:00", "Cohorte"]],
    "Projets": [["ID", "Titre", "Organisation", "Taille min", "Taille max"], ["P1", "Projet Acme", "Acme", 1, 3]],
    "Participants": [["Participant", "Vœu 1"], ["Ana Martin", "P1"], ["Bob Leroy", "P1"]],
}


def sheets() -> Sheets:
    return copy.deepcopy(CLEAN)


def check(path: Path, *options: str):
    result = runner.invoke(app, ["check", str(path), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def messages(output: str, prefix: str = "- ") -> list[str]:
    return [line[len(prefix):] for line in output.splitlines() if line.startswith(prefix)]


def warnings_of(output: str, lang: str = "fr") -> list[str]:
    return messages(output, "attention : " if lang == "fr" else "warning: ")


def set_cell(data: Sheets, sheet: str, row: int, column: str, value: object) -> None:
    data[sheet][row - 1][data[sheet][0].index(column)] = value


def test_clean_workbook_has_no_error_and_no_warning(tmp_path: Path) -> None:
    result = check(write_workbook(tmp_path / "ok.xlsx", sheets()))
    assert result.exit_code == 0, result.output
    assert "aucune erreur, 0 avertissement" in result.output
    assert not messages(result.output) and not warnings_of(result.output)


def test_several_typical_mistakes_give_one_located_message_each_and_nothing_else(tmp_path: Path) -> None:
    data = sheets()
    set_cell(data, "Interventions", 2, "Thème", "Dta")  # unknown theme
    set_cell(data, "Interventions", 3, "Durée (h)", 5)  # outside 1-4 h
    set_cell(data, "Interventions", 4, "Séances", "deux")  # text where a number belongs
    data["Interventions"].append(["I1", "Marc Petit", "Encore", "Data", "Atelier", "1,25"])  # duplicate ID + off grid
    data["Interventions"].append([" I5 ", "  marc petit ", "Espaces", " data ", "ATELIER", 4])  # spaces fine; 4 h > 3,5 h
    data["Programme"].append(["Après-midi", "13:30-17:00"])  # so that the longest half-day is 3,5 h
    data["Disponibilités"].append(["Marc Petit", "31/11/2026"])  # a date that does not exist
    data["Disponibilités"].append(["Marc Petit", dt.datetime(2026, 11, 5), None, "14h", "11h"])  # end before start
    data["Disponibilités"].append(["Marc Petit", dt.datetime(2025, 1, 6)])  # outside the programme
    data["Disponibilités"].append(["Jean Inconnu", None, "jeudi"])  # unknown speaker
    set_cell(data, "Intervenants", 3, "Organisation", "Vile")  # unknown organisation
    set_cell(data, "Intervenants", 2, "Email", "lea.exemple.fr")  # not an e-mail
    set_cell(data, "Projets", 2, "Organisation", "Acmee")  # unknown organisation
    result = check(write_workbook(tmp_path / "bad.xlsx", data))
    assert result.exit_code == 1
    found = messages(result.output)
    where = [re.match(r"feuille « (.+?) », ligne (\d+), colonne « (.+?) »", m).groups() for m in found]
    assert where == [
        ("Intervenants", "2", "Email"), ("Intervenants", "3", "Organisation"),
        ("Interventions", "2", "Thème"), ("Interventions", "3", "Durée (h)"), ("Interventions", "4", "Séances"),
        ("Interventions", "5", "ID"), ("Interventions", "5", "Durée (h)"), ("Interventions", "6", "Durée (h)"),
        ("Disponibilités", "4", "Date"), ("Disponibilités", "5", "Fin"), ("Disponibilités", "6", "Date"),
        ("Disponibilités", "7", "Intervenant"), ("Projets", "2", "Organisation"),
    ]
    assert not warnings_of(result.output)
    assert "13 erreurs dans bad.xlsx :" in result.output
    assert "(valeur : Dta)" in found[2] and "demi-journée" in found[7] and "hors du programme" in found[10]


def test_messages_are_english_with_lang_en(tmp_path: Path) -> None:
    data = sheets()
    set_cell(data, "Interventions", 2, "Thème", "Dta")
    del data["Thèmes"][0][0]
    result = check(write_workbook(tmp_path / "bad.xlsx", data), "--lang", "en")
    assert result.exit_code == 1
    found = messages(result.output)
    # the sheet named as the French workbook writes it (the same name as 'Themes', accent aside); the missing
    # column, which nothing writes, by its English name
    assert found[0].startswith("sheet 'Thèmes', column 'theme': missing required column")
    assert all("feuille" not in m and "colonne" not in m for m in found)


@pytest.mark.parametrize("mistake, expected", [
    (lambda d: d.pop("Interventions"), "feuille « Interventions » : feuille manquante"),
    (lambda d: d["Interventions"][0].__setitem__(5, "Longueur"), "feuille « Interventions », colonne « Durée (h) » : "
                                                                  "colonne obligatoire manquante"),
    (lambda d: d.__setitem__("Thèmes", []), "feuille « Thèmes » : la feuille est vide"),
    (lambda d: set_cell(d, "Programme", 3, "Valeur", "2026-02-30"), "ligne 3, colonne « Valeur » (valeur : 2026-02-30) "
                                                                   ": la date 2026-02-30 n'existe pas"),
    (lambda d: set_cell(d, "Programme", 2, "Valeur", None), "indiquez la valeur de « Nom »"),
    (lambda d: set_cell(d, "Organisations", 3, "Type", "Mairie"), "écrivez l'une de ces valeurs"),
    (lambda d: set_cell(d, "Interventions", 2, "Format", "Webinaire"), "colonne « Format »"),
    (lambda d: set_cell(d, "Interventions", 2, "Projet", "P1"), "seul un « Suivi de projet » indique un projet"),
    (lambda d: set_cell(d, "Interventions", 4, "Projet", None), "doit indiquer son projet"),
    (lambda d: d["Thèmes"].append([" web "]), "ligne 4, colonne « Thème » (valeur :  web ) : « web » figure déjà "
                                              "ligne 2"),
    (lambda d: set_cell(d, "Événements", 2, "Date", dt.datetime(2027, 6, 1)), "Événements », ligne 2, colonne "
                                                                             "« Date » (valeur : 01/06/2027) : cette "
                                                                             "date est hors du programme"),
    (lambda d: set_cell(d, "Programme", 3, "Valeur", dt.datetime(9999, 1, 4)), "l'année 9999 est invraisemblable"),
    (lambda d: set_cell(d, "Intervenants", 3, "Max séances", 10 ** 30), "entre 1 et 1000"),
    (lambda d: set_cell(d, "Disponibilités", 2, "Début", "midi"), "n'est pas une heure"),
    (lambda d: (set_cell(d, "Disponibilités", 3, "Début", "17h30"), set_cell(d, "Disponibilités", 3, "Fin", "19h")),
     "ligne 3, colonne « Début » (valeur : 17:30-19:00) : ces heures tombent hors des demi-journées du programme"),
    (lambda d: d["Participants"].append(["Cléo", "P1"]) or d["Participants"].append(["Dan", "P1"]),
     "feuille « Projets », colonne « Taille max » (valeur : 3)"),
])
def test_each_mistake_is_located(tmp_path: Path, mistake, expected: str) -> None:
    data = sheets()
    mistake(data)
    result = check(write_workbook(tmp_path / "bad.xlsx", data))
    assert result.exit_code == 1, result.output
    found = messages(result.output)
    assert len(found) == 1, found
    assert expected in found[0]


def test_merged_cells_and_excel_errors_are_reported_once(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "merged.xlsx", sheets())
    workbook = openpyxl.load_workbook(path)
    workbook["Interventions"].merge_cells("D2:D3")  # one theme for two offers
    workbook["Intervenants"]["B3"] = "#REF!"
    workbook["Interventions"]["F4"] = "=A1*2"  # a formula never computed: no saved result
    workbook.save(path)
    result = check(path)
    assert result.exit_code == 1
    found = messages(result.output)
    assert len(found) == 3, found
    assert "ligne 3, colonne « Organisation » (valeur : #REF!) : la cellule affiche une erreur Excel" in found[0]
    assert "ligne 2, colonne « Thème » : cellules fusionnées D2:D3" in found[1]
    assert "ligne 4, colonne « Durée (h) » : cette cellule contient une formule" in found[2]


def test_a_title_row_above_the_headers_is_skipped(tmp_path: Path) -> None:
    data = sheets()
    data["Thèmes"].insert(0, ["Les thèmes de la promo"])
    result = check(write_workbook(tmp_path / "title.xlsx", data))
    assert result.exit_code == 0, result.output


def test_durations_as_people_write_them(tmp_path: Path) -> None:
    data = sheets()
    set_cell(data, "Interventions", 2, "Durée (h)", "2h")
    set_cell(data, "Interventions", 3, "Durée (h)", "1h30")
    assert check(write_workbook(tmp_path / "h.xlsx", data)).exit_code == 0


# --- warnings ------------------------------------------------------------------------------------

def test_speaker_without_window_is_a_located_warning(tmp_path: Path) -> None:
    data = sheets()
    del data["Disponibilités"][2]
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0, result.output
    found = warnings_of(result.output)
    assert found[0].startswith("feuille « Intervenants », ligne 3, colonne « Intervenant » (valeur : Marc Petit) : "
                               "aucune disponibilité")
    assert "I2" in found[0]


def test_offer_whose_windows_all_fall_on_holidays_or_closures(tmp_path: Path) -> None:
    data = sheets()
    data["Disponibilités"][2] = ["Marc Petit", dt.datetime(2026, 11, 11), None, None, None]  # Armistice
    data["Disponibilités"].append(["Marc Petit", dt.datetime(2026, 11, 17)])
    data["Fermetures"] = [["Du", "Au", "Motif"], [dt.datetime(2026, 11, 16), dt.datetime(2026, 11, 20), "Pont"]]
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0, result.output
    found = warnings_of(result.output)
    offer = [w for w in found if w.startswith("feuille « Interventions », ligne 3, colonne « ID » (valeur : I2)")]
    assert len(offer) == 1 and "11/11/2026" in offer[0] and "17/11/2026 (Pont)" in offer[0]
    theme = [w for w in found if w.startswith("feuille « Thèmes », ligne 3")]
    assert len(theme) == 1 and "au plus 0 séance possible en phase 1" in theme[0] and "I2" in theme[0]


def test_offer_windows_outside_its_phase_and_too_many_sessions(tmp_path: Path) -> None:
    data = sheets()
    data["Disponibilités"][2] = ["Marc Petit", None, "mardi", "14h", "17h", dt.datetime(2026, 12, 1), None]  # week 5+
    set_cell(data, "Interventions", 2, "Séances", 5)  # phase 1 has 4 weeks
    result = check(write_workbook(tmp_path / "w.xlsx", data), "--lang", "en")
    assert result.exit_code == 0, result.output
    found = warnings_of(result.output, "en")
    # a French workbook read in English: its sheets and columns as it writes them, the English name in brackets
    assert any(w.startswith("sheet 'Interventions' (Offers), row 2, column 'Séances' (count) (value: 5): phase 1 "
                            "has only 4 weeks") and w.endswith("lower 'Séances' (count)") for w in found), found
    assert any(w.startswith("sheet 'Interventions' (Offers), row 3, column 'ID' (value: I2)")
               and "outside phase 1" in w for w in found)
    assert any(w.startswith("sheet 'Thèmes', row 3, column 'Thème' (value: Data)") for w in found)


def test_limits_below_required_sessions_are_warned(tmp_path: Path) -> None:
    data = sheets()
    set_cell(data, "Intervenants", 2, "Max séances", 1)  # I1 is required twice
    data["Programme"].append(["Séances max par organisation", 1])
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0
    found = warnings_of(result.output)
    assert any(w.startswith("feuille « Organisations », ligne 2, colonne « Organisation » (valeur : Acme) : "
                            "2 séances obligatoires en phase 1 (I1)") for w in found)
    assert any(w.startswith("feuille « Intervenants », ligne 2, colonne « Max séances » (valeur : 1)") for w in found)


def test_fixed_events_overloading_a_day_are_warned(tmp_path: Path) -> None:
    data = sheets()
    data["Événements"].append(["Atelier CV", dt.datetime(2026, 11, 2), None, "09:00", "13:30", "Cohorte"])
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0
    found = warnings_of(result.output)
    assert any(w.startswith("feuille « Événements », ligne 2") and "le 02/11/2026" in w and "font 6,5 h pour 6 h"
               in w and "« Atelier CV » (ligne 3)" in w for w in found), found


def test_weekday_the_programme_does_not_work_is_a_warning(tmp_path: Path) -> None:
    data = sheets()
    data["Disponibilités"].append(["Marc Petit", None, "samedi"])
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0
    assert any(w.startswith("feuille « Disponibilités », ligne 4, colonne « Jour » (valeur : samedi)")
               for w in warnings_of(result.output))


def test_event_on_a_public_holiday_is_a_warning(tmp_path: Path) -> None:
    data = sheets()
    data["Événements"].append(["Forum", dt.datetime(2026, 11, 11), None, "10:00", "11:00", "Cohorte"])
    result = check(write_workbook(tmp_path / "w.xlsx", data))
    assert result.exit_code == 0
    assert any(w.startswith("feuille « Événements », ligne 3, colonne « Date » (valeur : 11/11/2026) : ce jour n'est "
                            "pas travaillé (Armistice") for w in warnings_of(result.output)), result.output
