"""Names a coordinator reads and types: sheets, columns, `Programme` keys and cell vocabularies.

Every name has a French label (the one shown in messages and templates) and an English label.
A name typed in a workbook matches a label case-, accent-, space- and punctuation-insensitively
(`Durée (h)`, `duree h` and `DURATION_H` all name the same column). The tables below are the
single source of these names for the readers (input workbook and planning.xlsx), the writer, the
template and error messages.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scheduler.core import domain
from scheduler.core.vocabularies import terms
from scheduler.core.text import match_key


@dataclass(frozen=True)
class Label:
    """A name in French and in English; `required` for sheets, columns and settings that must be present."""

    fr: str
    en: str
    required: bool = False
    default: str = ""  # Programme settings only: the default, as a coordinator would type it
    aliases: tuple[str, ...] = ()

    def text(self, lang: str = "fr") -> str:
        """The label in `lang` ('fr' or 'en')."""
        return self.en if lang == "en" else self.fr

    def matches(self, name: object) -> bool:
        """Whether `name`, as typed in a workbook, is this label in any accepted spelling."""
        wanted = match_key(name)
        return bool(wanted) and any(wanted == match_key(n) for n in (self.fr, self.en, *self.aliases))


def find(labels: Mapping[str, Label], name: object) -> str | None:
    """The key in `labels` whose label `name` matches, or None."""
    return next((k for k, label in labels.items() if label.matches(name)), None)


# Sheets, in the order of SPEC §1 (errors are listed in this order).
SHEETS: dict[str, Label] = {
    "programme": Label("Programme", "Programme", True),
    "cohorts": Label("Promotions", "Cohorts"),  # a year of cohorts (SPEC §6)
    "themes": Label("Thèmes", "Themes", True),
    "organisations": Label("Organisations", "Organisations", True, aliases=("Organizations",)),
    "speakers": Label("Intervenants", "Speakers", True),
    "offers": Label("Interventions", "Offers", True),
    "availability": Label("Disponibilités", "Availability", True, aliases=("Availabilities",)),
    "closures": Label("Fermetures", "Closures"),
    "events": Label("Événements", "Events"),
    "projects": Label("Projets", "Projects"),
    "participants": Label("Participants", "Participants"),
    "weights": Label("Poids", "Weights"),
}

_FROM = Label("Du", "from")
_TO = Label("Au", "to")
_DATE = Label("Date", "Date")
_WEEKDAY = Label("Jour", "weekday", aliases=("day",))
_LOCATION = Label("Lieu", "location")
_EMAIL = Label("Email", "Email", aliases=("E-mail", "Courriel", "Mail"))
_COHORT = Label("Promotion", "cohort", aliases=("Promotions", "cohorts"))  # SPEC §6

COLUMNS: dict[str, dict[str, Label]] = {
    "programme": {
        "parameter": Label("Paramètre", "parameter", True, aliases=("setting",)),
        "value": Label("Valeur", "value", True),
    },
    "cohorts": {
        "cohort": Label("Promotion", "cohort", True),
        "start_date": Label("Début", "start_date", True, aliases=("start",)),
        "weeks": Label("Semaines", "weeks"),
        "phase1_weeks": Label("Semaines phase 1", "phase1_weeks"),
        "location": _LOCATION,
    },
    "themes": {
        "theme": Label("Thème", "theme", True),
        "description": Label("Description", "Description"),
        "colour": Label("Couleur", "colour", aliases=("color",)),
    },
    "organisations": {
        "organisation": Label("Organisation", "Organisation", True, aliases=("Organization",)),
        "type": Label("Type", "Type", True),
    },
    "speakers": {
        "speaker": Label("Intervenant", "speaker", True),
        "organisation": Label("Organisation", "Organisation", True, aliases=("Organization",)),
        "email": _EMAIL,
        "max_sessions": Label("Max séances", "max_sessions"),
        "share_contact": Label("Contact partagé", "share_contact"),
        "max_sessions_per_year": Label("Max séances par an", "max_sessions_per_year"),
    },
    "offers": {
        "id": Label("ID", "ID", True),
        "speaker": Label("Intervenant", "speaker", True),
        "title": Label("Titre", "title", True),
        "theme": Label("Thème", "theme", True),
        "format": Label("Format", "Format", True),
        "duration_h": Label("Durée (h)", "duration_h", True, aliases=("Durée", "duration")),
        "phase": Label("Phase", "Phase"),
        "count": Label("Séances", "count", aliases=("sessions",)),
        "required": Label("Obligatoire", "required"),
        "project": Label("Projet", "project"),
        "location": _LOCATION,
        "link": Label("Lien", "link", aliases=("URL",)),
        "bring": Label("À prévoir", "bring", aliases=("A apporter", "À apporter")),
        "cohorts": Label("Promotions", "cohorts", aliases=("Promotion", "cohort")),
    },
    "availability": {
        "speaker": Label("Intervenant", "speaker", True),
        "date": _DATE,
        "weekday": _WEEKDAY,
        "start": Label("Début", "start"),
        "end": Label("Fin", "end"),
        "from": _FROM,
        "to": _TO,
        "preference": Label("Préférence", "preference"),
    },
    "closures": {
        "from": Label("Du", "from", True),
        "to": Label("Au", "to", True),
        "reason": Label("Motif", "reason"),
        "cohort": _COHORT,
    },
    "events": {
        "title": Label("Titre", "title", True),
        "date": _DATE,
        "weekday": _WEEKDAY,
        "start": Label("Début", "start", True),
        "end": Label("Fin", "end", True),
        "from": _FROM,
        "to": _TO,
        "audience": Label("Public", "audience"),
        "location": _LOCATION,
        "cohort": _COHORT,
    },
    "projects": {
        "id": Label("ID", "ID", True),
        "title": Label("Titre", "title", True),
        "organisation": Label("Organisation", "Organisation", True, aliases=("Organization",)),
        "min_size": Label("Taille min", "min_size"),
        "max_size": Label("Taille max", "max_size"),
        "cohort": _COHORT,
    },
    "participants": {
        "participant": Label("Participant", "Participant", True),
        "email": _EMAIL,
        "wish_1": Label("Vœu 1", "wish_1"),
        "wish_2": Label("Vœu 2", "wish_2"),
        "wish_3": Label("Vœu 3", "wish_3"),
        "cohort": _COHORT,
    },
    "weights": {
        "rule": Label("Règle", "rule", True),
        "weight": Label("Poids", "weight", True),
    },
}

WISH_COLUMNS = ("wish_1", "wish_2", "wish_3")

# The output `planning.xlsx` read back by verify, export and replan (SPEC §5). The French headers are the
# contract `plan` writes in every language; the English names, spelt like the input's English columns, are
# accepted too.
PLANNING_SHEETS: dict[str, Label] = {
    "planning": Label("Planning", "Planning", True),
    "groups": Label("Groupes", "Groups"),
}

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
PROGRAMME_KEYS: dict[str, Label] = {
    "name": Label("Nom", "name", True),
    "start_date": Label("Début", "start_date", True, aliases=("start",)),
    "weeks": Label("Semaines", "weeks", default="12"),
    "phase1_weeks": Label("Semaines phase 1", "phase1_weeks", default="6"),
    "days": Label("Jours", "days", default="lun mar mer jeu ven"),
    "morning": Label("Matin", "morning", default="09:00-12:30"),
    "afternoon": Label("Après-midi", "afternoon", default="13:30-17:30"),
    "slot_minutes": Label("Pas (min)", "slot_minutes", default="30"),
    "max_hours_per_day": Label("Heures max par jour", "max_hours_per_day", default="6"),
    "min_sessions_per_theme": Label("Séances min par thème", "min_sessions_per_theme", default="2"),
    "max_sessions_per_organisation": Label("Séances max par organisation", "max_sessions_per_organisation",
                                           default="3", aliases=("max_sessions_per_organization",)),
    "holidays": Label("Jours fériés", "holidays", default="FR"),
    "timezone": Label("Fuseau horaire", "timezone", default="Europe/Paris"),
    "location": Label("Lieu", "location"),
    "coordinator": Label("Coordinateur", "coordinator", aliases=("Coordinatrice",)),
    "coordinator_email": Label("Email coordinateur", "coordinator_email",
                               aliases=("Email coordinatrice", "Courriel coordinateur")),
    "attendance_events": Label("Émargement événements", "attendance_events", default="non"),
    "project_work": Label("Travail en projet", "project_work"),
}

YEAR_ONLY: frozenset[tuple[str, str]] = frozenset({
    ("cohorts", ""), ("speakers", "max_sessions_per_year"), ("offers", "cohorts"), ("closures", "cohort"),
    ("events", "cohort"), ("projects", "cohort"), ("participants", "cohort")})
"""(sheet, column) pairs of a year of cohorts (SPEC §6; column "" for the whole sheet): a one-cohort
workbook or template leaves them out."""

YEAR_PROGRAMME_KEYS: dict[str, Label] = {
    "max_sessions_per_organisation_per_year": Label(
        "Séances max par organisation et par an", "max_sessions_per_organisation_per_year",
        aliases=("max_sessions_per_organization_per_year",)),
}
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
