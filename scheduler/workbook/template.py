"""The input workbook a coordinator starts from: `scheduler template FILE.xlsx [--example] [--lang en]`.

The sheets and rows come from `writing.build_workbook` (an empty programme, or the Nancy example);
this module dresses them for people: an instructions sheet first, a comment on every column
header saying what goes there, frozen headers, widths, date and time formats, and drop-down
lists. The lists live in a hidden sheet (`Listes`): fixed vocabularies (formats, organisation
types, weekdays, yes/no...) typed in, and the names coordinators add (themes, organisations,
speakers, projects) mirrored by formulas over generous ranges, so a name added to its sheet
appears in the drop-downs. The reader ignores both extra sheets. With `--lang en` sheet names,
headers, settings and vocabularies are the English ones the reader also accepts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core import domain
from scheduler.workbook.cells import WEEKDAY_NAMES, WEEKDAYS_EN, WEEKDAYS_FR, normalise
from scheduler.workbook.labels import (COHORT, COLUMNS, FORMATS, NO_HOLIDAYS, ORGANISATION_TYPES, PREFERRED,
                                       PROGRAMME_KEYS, SHEETS, Label, find)
from scheduler.workbook.writing import build_workbook, save_workbook

LAST_ROW = 1000
"""Rows 2..LAST_ROW of every sheet get the drop-downs and formats: room for far more than a cohort needs."""
LISTS = Label("Listes", "Lists")
INSTRUCTIONS = Label("Mode d'emploi", "Instructions")
YES_NO = (Label("oui", "yes"), Label("non", "no"))
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
SHEET_KEYS = ("programme", "themes", "organisations", "speakers", "offers", "availability", "closures", "events",
              "projects", "participants")

DATE_COLUMNS = {("availability", "date"), ("availability", "from"), ("availability", "to"), ("closures", "from"),
                ("closures", "to"), ("events", "date"), ("events", "from"), ("events", "to")}
TIME_COLUMNS = {("availability", "start"), ("availability", "end"), ("events", "start"), ("events", "end")}
WIDTHS = {"title": 40, "description": 40, "reason": 30, "email": 28, "speaker": 24, "organisation": 26,
          "theme": 22, "participant": 24, "format": 18, "type": 24, "location": 20, "value": 24, "parameter": 30,
          "wish_1": 10, "wish_2": 10, "wish_3": 10, "id": 8, "duration_h": 10}

# ---------------------------------------------------------------------------------------------
# What goes in each column: the header comments (French, English)

HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("programme", "parameter"): ("Nom du paramètre (voir la colonne Aide). Ne changez pas ces noms.",
                                 "Setting name (see the Help column). Do not change these names."),
    ("programme", "value"): ("Valeur du paramètre. Nom et Début sont obligatoires ; vide = valeur par défaut.",
                             "The setting's value. name and start_date are required; empty = default."),
    ("themes", "theme"): ("Nom du thème (8 dans le programme réel). Chaque nom une seule fois.",
                          "Theme name (8 in the real programme). Each name once."),
    ("themes", "description"): ("Facultatif : une phrase sur le thème.", "Optional: one sentence on the theme."),
    ("themes", "colour"): ("Facultatif : couleur hexadécimale (1F77B4) pour les vues.",
                           "Optional: hexadecimal colour (1F77B4) for the views."),
    ("organisations", "organisation"): ("Nom de l'organisation partenaire. Chaque nom une seule fois.",
                                        "Partner organisation's name. Each name once."),
    ("organisations", "type"): ("Choisissez dans la liste : Entreprise, Collectivité, Association, Organisme de "
                                "formation, Autre.", "Pick from the list: Company, Local authority, Association, "
                                                     "Training body, Other."),
    ("speakers", "speaker"): ("Prénom et nom de l'intervenant. Chaque nom une seule fois.",
                              "Speaker's first and last name. Each name once."),
    ("speakers", "organisation"): ("Son organisation, telle qu'écrite dans la feuille Organisations (liste).",
                                   "Their organisation, as written in sheet Organisations (list)."),
    ("speakers", "email"): ("Facultatif : adresse e-mail (pour lui envoyer son calendrier).",
                            "Optional: e-mail address (to send them their calendar)."),
    ("speakers", "max_sessions"): ("Facultatif : nombre maximum de séances qu'il donne en tout (vide = sans limite).",
                                   "Optional: most sessions they give in all (empty = no limit)."),
    ("offers", "id"): ("Identifiant court et unique de l'intervention, par exemple I01.",
                       "Short unique ID of the offer, for example I01."),
    ("offers", "speaker"): ("Qui la donne : un nom de la feuille Intervenants (liste).",
                            "Who gives it: a name from sheet Speakers (list)."),
    ("offers", "title"): ("Titre affiché dans le planning et les calendriers.",
                          "Title shown in the timetable and calendars."),
    ("offers", "theme"): ("Un thème de la feuille Thèmes (liste).", "A theme from sheet Themes (list)."),
    ("offers", "format"): ("Conférence, Atelier, Visite (d'entreprise, prend la demi-journée), Suivi de projet "
                           "(phase 2, pour un projet), Coaching.",
                           "Conference, Workshop, Visit (company visit, takes the half-day), Project mentoring "
                           "(phase 2, for one project), Coaching."),
    ("offers", "duration_h"): ("Durée en heures, de 1 à 4, multiple du pas (30 min) : 1 ; 1,5 ; 2 … Une séance "
                               "tient dans une demi-journée.", "Duration in hours, 1 to 4, a multiple of the step "
                                                               "(30 min): 1, 1.5, 2… A session fits in a half-day."),
    ("offers", "phase"): ("Facultatif : 1 ou 2. Vide = selon le format (Suivi de projet : 2, Coaching : l'une ou "
                          "l'autre, les autres : 1).", "Optional: 1 or 2. Empty = from the format (mentoring: 2, "
                                                       "coaching: either, others: 1)."),
    ("offers", "count"): ("Facultatif : combien de fois elle est donnée (1 par défaut), chaque fois une semaine "
                          "différente.", "Optional: how many times it is given (default 1), each in another week."),
    ("offers", "required"): ("oui : toutes ses séances doivent être placées. Vide : placée si possible.",
                             "yes: every session must be placed. Empty: placed when possible."),
    ("offers", "project"): ("Seulement pour un Suivi de projet : l'ID du projet (liste).",
                            "Only for Project mentoring: the project's ID (list)."),
    ("offers", "location"): ("Facultatif : lieu, si ce n'est pas le lieu du programme.",
                             "Optional: place, when not the programme's."),
    ("availability", "speaker"): ("Un intervenant de la feuille Intervenants (liste). Une ligne par créneau.",
                                  "A speaker from sheet Speakers (list). One row per window."),
    ("availability", "date"): ("Soit une date (JJ/MM/AAAA)…", "Either a date (DD/MM/YYYY)…"),
    ("availability", "weekday"): ("… soit un jour de la semaine qui se répète, de « Du » à « Au ».",
                                  "… or a weekday that repeats, from 'from' to 'to'."),
    ("availability", "start"): ("Heure de début (9:00). Vide = toute la journée.",
                                "Start time (9:00). Empty = the whole day."),
    ("availability", "end"): ("Heure de fin (12:30). Vide = jusqu'à la fin de la journée.",
                              "End time (12:30). Empty = to the end of the day."),
    ("availability", "from"): ("Pour un jour qui se répète : première date (vide = début du programme).",
                               "For a repeating weekday: first date (empty = programme start)."),
    ("availability", "to"): ("Pour un jour qui se répète : dernière date (vide = fin du programme).",
                             "For a repeating weekday: last date (empty = programme end)."),
    ("availability", "preference"): ("« préféré » si l'intervenant préfère ce créneau, sinon vide.",
                                     "'preferred' if the speaker prefers this window, else empty."),
    ("closures", "from"): ("Premier jour de fermeture (JJ/MM/AAAA).", "First closed day (DD/MM/YYYY)."),
    ("closures", "to"): ("Dernier jour de fermeture (inclus).", "Last closed day (included)."),
    ("closures", "reason"): ("Facultatif : motif (vacances de Noël…).", "Optional: reason (Christmas holidays…)."),
    ("events", "title"): ("Titre de l'événement fixe (accueil, bilan de la semaine, journée de démonstration).",
                          "Fixed event's title (welcome, weekly review, demo day)."),
    ("events", "date"): ("Soit une date…", "Either a date…"),
    ("events", "weekday"): ("… soit un jour qui se répète chaque semaine de « Du » à « Au ».",
                            "… or a weekday that repeats every week from 'from' to 'to'."),
    ("events", "start"): ("Heure de début (obligatoire).", "Start time (required)."),
    ("events", "end"): ("Heure de fin (obligatoire).", "End time (required)."),
    ("events", "from"): ("Pour un jour qui se répète : première date (vide = début du programme).",
                         "For a repeating weekday: first date (empty = programme start)."),
    ("events", "to"): ("Pour un jour qui se répète : dernière date (vide = fin du programme).",
                       "For a repeating weekday: last date (empty = programme end)."),
    ("events", "audience"): ("Cohorte (vide aussi) ou l'ID d'un projet (liste).",
                             "Cohort (empty too) or a project ID (list)."),
    ("events", "location"): ("Facultatif : lieu.", "Optional: place."),
    ("projects", "id"): ("Identifiant court et unique du projet, par exemple P1.",
                         "Short unique project ID, for example P1."),
    ("projects", "title"): ("Titre du projet d'entreprise (phase 2).", "Company project's title (phase 2)."),
    ("projects", "organisation"): ("L'organisation qui le propose (liste).", "The organisation offering it (list)."),
    ("projects", "min_size"): ("Facultatif : participants au moins dans le groupe.",
                               "Optional: fewest participants in the group."),
    ("projects", "max_size"): ("Facultatif : participants au plus dans le groupe. Les tailles max doivent pouvoir "
                               "accueillir tous les participants.", "Optional: most participants in the group. "
                                                                    "The max sizes must hold every participant."),
    ("participants", "participant"): ("Prénom et nom du participant. Chaque nom une seule fois.",
                                      "Participant's first and last name. Each name once."),
    ("participants", "email"): ("Facultatif : adresse e-mail.", "Optional: e-mail address."),
    ("participants", "wish_1"): ("Premier vœu : l'ID d'un projet (liste).", "First wish: a project ID (list)."),
    ("participants", "wish_2"): ("Deuxième vœu (facultatif).", "Second wish (optional)."),
    ("participants", "wish_3"): ("Troisième vœu (facultatif).", "Third wish (optional)."),
}

SETTING_HELP: dict[str, tuple[str, str]] = {
    "name": ("Obligatoire : nom de la promotion.", "Required: the cohort's name."),
    "start_date": ("Obligatoire : premier jour du programme (JJ/MM/AAAA).",
                   "Required: first day of the programme (DD/MM/YYYY)."),
    "weeks": ("Semaines du programme ; une semaine sans jour travaillé ne compte pas.",
              "Programme weeks; a week without a working day does not count."),
    "phase1_weeks": ("Les N premières semaines sont la phase 1 (découverte), les autres la phase 2 (projets).",
                     "The first N weeks are phase 1 (discovery), the rest phase 2 (projects)."),
    "days": ("Jours travaillés, par exemple « lun mar mer jeu ven ».",
             "Working days, for example 'mon tue wed thu fri'."),
    "morning": ("Heures du matin, par exemple 09:00-12:30.", "Morning hours, for example 09:00-12:30."),
    "afternoon": ("Heures de l'après-midi, par exemple 13:30-17:00.", "Afternoon hours, for example 13:30-17:00."),
    "slot_minutes": ("Pas de la grille horaire en minutes (5, 10, 15, 20, 30 ou 60).",
                     "Time-grid step in minutes (5, 10, 15, 20, 30 or 60)."),
    "max_hours_per_day": ("Heures d'activités au plus par participant et par jour, événements compris.",
                          "Most hours of activities per participant and day, events included."),
    "min_sessions_per_theme": ("Séances de phase 1 au moins par thème.", "Fewest phase-1 sessions per theme."),
    "max_sessions_per_organisation": ("Séances de phase 1 au plus par organisation (diversité des partenaires).",
                                      "Most phase-1 sessions per organisation (diversity of partners)."),
    "holidays": ("Jours fériés : FR, FR-57 (Moselle), FR-6AE (Alsace) ou aucun.",
                 "Public holidays: FR, FR-57 (Moselle), FR-6AE (Alsace) or none."),
    "timezone": ("Fuseau horaire des calendriers, par exemple Europe/Paris.",
                 "Time zone of the calendars, for example Europe/Paris."),
    "location": ("Facultatif : lieu des séances, sauf si l'intervention en indique un autre.",
                 "Optional: where sessions take place unless an offer says otherwise."),
}

INSTRUCTIONS_TEXT: dict[str, list[str]] = {
    "fr": [
        "# Classeur d'entrée du planificateur — La Place des Compétences Numériques",
        "Ce classeur décrit une promotion : le programme, les partenaires, ce que chaque intervenant propose et "
        "quand il est disponible. Le planificateur en tire le planning de 12 semaines.",
        "# Comment le remplir",
        "1. Programme : indiquez au moins le Nom et le Début ; les autres paramètres ont une valeur par défaut "
        "(colonne Aide).",
        "2. Thèmes, Organisations, puis Intervenants : une ligne par élément, chaque nom une seule fois.",
        "3. Interventions : ce que propose chaque intervenant (thème, format, durée en heures, nombre de séances).",
        "4. Disponibilités : une ligne par créneau, soit une Date, soit un Jour qui se répète de « Du » à « Au ».",
        "5. Facultatif : Fermetures (vacances), Événements fixes (accueil, bilans), Projets et Participants "
        "(phase 2), Poids (réglage fin des préférences, voir docs/).",
        "Les listes déroulantes se remplissent avec ce que vous saisissez dans les autres feuilles. Le commentaire "
        "de chaque en-tête (petit triangle rouge) dit ce qui va dans la colonne. Les colonnes à en-tête orangé "
        "sont obligatoires.",
        "Dates : JJ/MM/AAAA ou cellule date. Heures : 9:00, 09:30, 14h, 14h30. Nombres décimaux : 1,5 ou 1.5. "
        "Oui/non : oui, non, x ou vide.",
        "# Ensuite",
        "scheduler check CLASSEUR.xlsx — liste toutes les erreurs (feuille, ligne, colonne, quoi faire) et les "
        "avertissements.",
        "scheduler plan CLASSEUR.xlsx --out DOSSIER — calcule le planning et écrit les exports.",
        "Les feuilles « Mode d'emploi » et « Listes » sont ignorées à la lecture ; vous pouvez ajouter des "
        "colonnes à vous, elles sont ignorées aussi. Ne renommez pas les feuilles ni les en-têtes.",
    ],
    "en": [
        "# Planner input workbook — La Place des Compétences Numériques",
        "This workbook describes one cohort: the programme, the partners, what each speaker offers and when they "
        "are available. The planner turns it into the 12-week timetable.",
        "# How to fill it in",
        "1. Programme: give at least name and start_date; the other settings have defaults (Help column).",
        "2. Themes, Organisations, then Speakers: one row per item, each name once.",
        "3. Offers: what each speaker offers (theme, format, duration in hours, number of sessions).",
        "4. Availability: one row per window, either a Date or a weekday repeating from 'from' to 'to'.",
        "5. Optional: Closures (holidays), fixed Events (welcome, reviews), Projects and Participants (phase 2), "
        "Weights (fine-tuning of preferences, see docs/).",
        "Drop-down lists fill up with what you type in the other sheets. Each header's comment (small red "
        "triangle) says what goes in the column. Columns with an orange header are required.",
        "Dates: DD/MM/YYYY or a date cell. Times: 9:00, 09:30, 14h, 14h30. Decimals: 1.5 or 1,5. "
        "Yes/no: yes, no, x or empty.",
        "# Then",
        "scheduler check WORKBOOK.xlsx --lang en — lists every error (sheet, row, column, what to do) and warning.",
        "scheduler plan WORKBOOK.xlsx --out FOLDER --lang en — computes the timetable and writes the exports.",
        "The sheets 'Instructions' and 'Lists' are ignored when reading; columns of your own are ignored too. "
        "French sheet and column names are accepted as well. Do not rename sheets or headers.",
    ],
}


# ---------------------------------------------------------------------------------------------
# The drop-down lists

def _static(labels: list[Label], lang: str) -> list[str]:
    return [label.text(lang) for label in labels]


def _lists(lang: str) -> list[tuple[str, list[str] | None, str | None]]:
    """The columns of the lists sheet: (title, fixed values, or None with the sheet whose first column it mirrors)."""
    weekdays = [Label(fr, en) for fr, en in zip(WEEKDAYS_FR, WEEKDAYS_EN)]
    cohort = COHORT.text(lang)
    return [
        (SHEETS["themes"].text(lang), None, "themes"),
        (SHEETS["organisations"].text(lang), None, "organisations"),
        (SHEETS["speakers"].text(lang), None, "speakers"),
        (SHEETS["projects"].text(lang), None, "projects"),
        ("Format", _static(list(FORMATS.values()), lang), None),
        ("Type", _static(list(ORGANISATION_TYPES.values()), lang), None),
        (COLUMNS["availability"]["weekday"].text(lang), _static(weekdays, lang), None),
        ("oui/non" if lang == "fr" else "yes/no", _static(list(YES_NO), lang), None),
        (COLUMNS["availability"]["preference"].text(lang), [PREFERRED.text(lang)], None),
        (COLUMNS["events"]["audience"].text(lang), [cohort], "projects"),
    ]


DROP_DOWNS: dict[tuple[str, str], int] = {
    ("organisations", "type"): 5, ("speakers", "organisation"): 1, ("offers", "speaker"): 2,
    ("offers", "theme"): 0, ("offers", "format"): 4, ("offers", "required"): 7, ("offers", "project"): 3,
    ("availability", "speaker"): 2, ("availability", "weekday"): 6, ("availability", "preference"): 8,
    ("events", "weekday"): 6, ("events", "audience"): 9, ("projects", "organisation"): 1,
    ("participants", "wish_1"): 3, ("participants", "wish_2"): 3, ("participants", "wish_3"): 3,
}
"""(sheet, column) -> index of its list in `_lists`."""


def _add_lists_sheet(workbook: Workbook, titles: dict[str, str], lang: str) -> str:
    """The hidden lists sheet; returns its title."""
    sheet = workbook.create_sheet(LISTS.text(lang))
    for index, (title, values, mirrored) in enumerate(_lists(lang), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, title).font = Font(bold=True)
        fixed = values or []
        for row, value in enumerate(fixed, start=2):
            sheet.cell(row, index, value)
        if mirrored is not None:
            source = quote_sheetname(titles[mirrored])
            for offset in range(LAST_ROW - 1):
                target = 2 + len(fixed) + offset
                sheet[f"{letter}{target}"] = f'=IF({source}!A{offset + 2}="","",{source}!A{offset + 2})'
        sheet.column_dimensions[letter].width = 24
    sheet.sheet_state = "hidden"
    return sheet.title


def _list_range(lists_title: str, index: int, lang: str) -> str:
    title, values, mirrored = _lists(lang)[index]
    letter = get_column_letter(index + 1)
    last = 1 + len(values or []) + (LAST_ROW - 1 if mirrored else 0)
    return f"{quote_sheetname(lists_title)}!${letter}$2:${letter}${last}"


def _add_drop_downs(sheet: Worksheet, key: str, columns: dict[str, int], lists_title: str, lang: str) -> None:
    for column, index in columns.items():
        list_index = DROP_DOWNS.get((key, column))
        if list_index is None:
            continue
        letter = get_column_letter(index + 1)
        validation = DataValidation(
            type="list", formula1=f"={_list_range(lists_title, list_index, lang)}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning",
            errorTitle="Valeur hors liste" if lang == "fr" else "Value not in the list",
            error=("Cette valeur n'est pas dans la liste : vérifiez l'orthographe ou ajoutez-la d'abord dans sa "
                   "feuille." if lang == "fr" else "This value is not in the list: check the spelling or add it "
                                                   "to its sheet first."))
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)


# ---------------------------------------------------------------------------------------------
# Dressing each sheet

def _column_keys(key: str, header: list[object]) -> dict[str, int]:
    """Column key -> position, from the header `writing` wrote."""
    found = {}
    for index, name in enumerate(header):
        column = find(COLUMNS[key], name)
        if column is not None:
            found[column] = index
    return found


def _translate(key: str, column: str, value: object) -> object:
    """A French vocabulary value written by `writing`, in English."""
    if not isinstance(value, str):
        return value
    vocabulary = {("organisations", "type"): ORGANISATION_TYPES, ("offers", "format"): FORMATS}.get((key, column))
    if vocabulary is not None:
        found = find(vocabulary, value)
        return vocabulary[found].en if found else value
    if column == "weekday" and normalise(value) in WEEKDAY_NAMES:
        return WEEKDAYS_EN[WEEKDAY_NAMES[normalise(value)]]
    if column == "required":
        return "yes" if normalise(value) == "oui" else value
    if column == "preference" and PREFERRED.matches(value):
        return PREFERRED.en
    if column == "audience" and COHORT.matches(value):
        return COHORT.en
    return value


def _dress_programme(sheet: Worksheet, lang: str, empty: bool) -> None:
    """English keys if asked, a Help column, empty name and start date for a blank template."""
    help_title = "Aide" if lang == "fr" else "Help"
    sheet.cell(1, 3, help_title).font = Font(bold=True)
    sheet.cell(1, 3).fill = HEADER_FILL
    for row in range(2, sheet.max_row + 1):
        setting = find(PROGRAMME_KEYS, sheet.cell(row, 1).value)
        if setting is None:
            continue
        label = PROGRAMME_KEYS[setting]
        sheet.cell(row, 1).value = label.text(lang)
        value = sheet.cell(row, 2)
        if empty and setting in ("name", "start_date"):
            value.value = None
        if setting == "start_date":
            value.number_format = "DD/MM/YYYY"
        if lang == "en" and setting == "days" and isinstance(value.value, str):
            value.value = " ".join(WEEKDAYS_EN[WEEKDAY_NAMES[d]][:3].lower() for d in value.value.split())
        if lang == "en" and setting == "holidays" and NO_HOLIDAYS.matches(value.value):
            value.value = NO_HOLIDAYS.en
        sheet.cell(row, 3, SETTING_HELP[setting][0 if lang == "fr" else 1]).alignment = Alignment(wrap_text=False)
        if label.required:
            sheet.cell(row, 1).fill = REQUIRED_FILL
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 90


def _dress_table(sheet: Worksheet, key: str, lang: str, lists_title: str) -> None:
    """English names if asked, header comments and colours, widths, formats, drop-downs."""
    header = [cell.value for cell in sheet[1]]
    columns = _column_keys(key, header)
    for column, index in columns.items():
        label = COLUMNS[key][column]
        cell = sheet.cell(1, index + 1)
        cell.value = label.text(lang)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if label.required else HEADER_FILL
        fr, en = HELP.get((key, column), ("", ""))
        if fr:
            required = (" (obligatoire)" if lang == "fr" else " (required)") if label.required else ""
            cell.comment = Comment((fr if lang == "fr" else en) + required, "scheduler", width=300, height=110)
        letter = get_column_letter(index + 1)
        width = WIDTHS.get(column, 12 if (key, column) in DATE_COLUMNS else 14)
        sheet.column_dimensions[letter].width = max(width, sheet.column_dimensions[letter].width or 0)
        number_format = ("DD/MM/YYYY" if (key, column) in DATE_COLUMNS
                         else "HH:MM" if (key, column) in TIME_COLUMNS else None)
        filled = sheet.max_row
        for row in range(2, LAST_ROW + 1):
            if number_format is None and row > filled:
                break
            target = sheet.cell(row, index + 1)
            if lang == "en":
                target.value = _translate(key, column, target.value)
            if number_format and not isinstance(target.value, str):
                target.number_format = number_format
    sheet.freeze_panes = "A2"
    _add_drop_downs(sheet, key, columns, lists_title, lang)


def _add_instructions(workbook: Workbook, lang: str) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS.text(lang), 0)
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(INSTRUCTIONS_TEXT[lang], start=1):
        heading = line.startswith("# ")
        cell = sheet.cell(row, 1, line.removeprefix("# "))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=13 if row > 1 else 15)
    workbook.active = 0


# ---------------------------------------------------------------------------------------------
# The whole template

def blank_problem() -> domain.Problem:
    """A problem with only the programme's default settings (name and start date left to the coordinator)."""
    return domain.Problem(domain.Programme("", dt.date(2000, 1, 3)))


def build_template(problem: domain.Problem | None = None, lang: str = "fr") -> Workbook:
    """The template workbook: `problem`'s rows (None: a blank template), dressed for people."""
    empty = problem is None
    workbook = build_workbook(blank_problem() if empty else problem, every_sheet=True)
    titles: dict[str, str] = {}
    for sheet in workbook.worksheets:
        key = find(SHEETS, sheet.title)
        if key is not None:
            sheet.title = SHEETS[key].text(lang)
            titles[key] = sheet.title
    lists_title = _add_lists_sheet(workbook, titles, lang)
    for key in SHEET_KEYS:
        sheet = workbook[titles[key]]
        if key == "programme":
            _dress_programme(sheet, lang, empty)
        else:
            _dress_table(sheet, key, lang, lists_title)
    _add_instructions(workbook, lang)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)  # the lists' formulas are computed on opening
    return workbook


def write_template(path: Path, example: bool = False, lang: str = "fr") -> None:
    """Write the template at `path` (atomically); `example`: filled with the Nancy example."""
    problem = None
    if example:
        from scheduler.nancy import nancy_problem

        problem = nancy_problem()
    save_workbook(build_template(problem, lang), path)
