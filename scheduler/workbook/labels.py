"""Names a coordinator reads and types: sheets, columns, `Programme` keys and cell vocabularies.

Every name has a French label (the one shown in messages and templates) and an English label.
A name typed in a workbook matches a label case-, accent-, space- and punctuation-insensitively
(`Durée (h)`, `duree h` and `DURATION_H` all name the same column). The input workbook's sheets, columns
and settings are written once, in data/names.toml (read by `scheduler.core.names`, which also holds `Label`
and `find`, used from here); the tables below are built from it, and with the planning.xlsx contract and the
cell vocabularies they are the names for the readers (input workbook and planning.xlsx), the writer, the
template and error messages.
"""
from __future__ import annotations

from scheduler.core import domain
from scheduler.core.names import Label, column_labels, find, setting_labels, sheet_labels, year_setting_labels
from scheduler.core.vocabularies import terms

# Sheets, in the order of SPEC §1 (errors are listed in this order); each sheet's columns; from data/names.toml.
SHEETS: dict[str, Label] = sheet_labels()
COLUMNS: dict[str, dict[str, Label]] = column_labels()

WISH_COLUMNS = ("wish_1", "wish_2", "wish_3")

# The output `planning.xlsx` read back by verify, export and replan (SPEC §5). The French headers are the
# contract `plan` writes in every language; the English names, spelt like the input's English columns, are
# accepted too.
PLANNING_SHEETS: dict[str, Label] = {
    "planning": Label("Planning", "Planning", True),
    "groups": Label("Groupes", "Groups"),
    "year": Label("Année", "Year"),  # annee.xlsx (SPEC §6): the Planning columns of every cohort
}

YEAR_COHORT_COLUMN = Label("Promotion", "cohort")
"""The column before the Planning columns in the `Année` sheet (and the year's `Groupes`): the session's cohort."""

PLANNING_COLUMNS: dict[str, Label] = {
    "session": Label("Séance", "session", aliases=("session id",)),
    "offer": Label("Intervention", "offer", True, aliases=("offer id",)),
    "date": Label("Date", "date", True, aliases=("day",)),
    "start": Label("Début", "start", True),
    "end": Label("Fin", "end", True),
    "week": Label("Semaine", "week"),
    "phase": Label("Phase", "phase"),
    "title": Label("Titre", "title"),
    "theme": Label("Thème", "theme"),
    "format": Label("Format", "format"),
    "speaker": Label("Intervenant", "speaker"),
    "organisation": Label("Organisation", "organisation", aliases=("organization",)),
    "audience": Label("Public", "audience"),
    "location": Label("Lieu", "location"),
    "locked": Label("Verrouillé", "locked"),
}
"""Columns of the `Planning` sheet, in the order `plan` writes them."""

GROUP_COLUMNS: dict[str, Label] = {
    "participant": Label("Participant", "participant", True),
    "project": Label("Projet", "project", True),
    "wish": Label("Vœu", "wish"),
}
"""Columns of the `Groupes` sheet of planning.xlsx."""

# `Programme` settings: key -> label; the keys are the field names of `domain.Programme`,
# except `days` (field `weekdays`) and `max_hours_per_day` (field `max_minutes_per_day`).
PROGRAMME_KEYS: dict[str, Label] = setting_labels()

YEAR_ONLY: frozenset[tuple[str, str]] = frozenset({
    ("cohorts", ""), ("speakers", "max_sessions_per_year"), ("offers", "cohorts"), ("closures", "cohort"),
    ("events", "cohort"), ("projects", "cohort"), ("participants", "cohort")})
"""(sheet, column) pairs of a year of cohorts (SPEC §6; column "" for the whole sheet): a one-cohort
workbook or template leaves them out."""

YEAR_PROGRAMME_KEYS: dict[str, Label] = year_setting_labels()
"""`Programme` settings of a year of cohorts (SPEC §6), read by `workbook/year_reading.py`."""

# Vocabularies of cells: canonical value (as stored in the domain) -> label, from data/vocabularies.toml
# (the outputs write the same English names).
FORMATS: dict[str, Label] = {value: Label(value, term.en, aliases=term.aliases)
                             for value, term in terms("formats").items()}
ORGANISATION_TYPES: dict[str, Label] = {value: Label(value, term.en, aliases=term.aliases)
                                        for value, term in terms("organisation_types").items()}

PREFERRED = Label("préféré", "preferred", aliases=("oui", "yes", "x"))
"""Words of a `Préférence` cell meaning a preferred window (an empty cell: not preferred)."""

COHORT = Label(domain.COHORT, "Cohort")
"""Words of a `Public` cell meaning the whole cohort (an empty cell too)."""

NO_HOLIDAYS = Label("aucun", "none")
"""Words of the `Jours fériés` setting meaning no public-holiday calendar (an empty cell too)."""
