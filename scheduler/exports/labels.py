"""The `Planning` contract columns, and the outputs' names for audiences, formats and organisation types
(the words themselves are in data/words.toml and data/vocabularies.toml)."""
from __future__ import annotations

from scheduler.core.domain import COHORT
from scheduler.core.vocabularies import term_text
from scheduler.core.words import word

PLANNING_COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (key, French header, English name) — the French headers are the contract (SPEC §5); the English
    # names, spelt like the input workbook's English columns, are what verify/export/replan also accept
    ("session", "Séance", "session"),
    ("offer", "Intervention", "offer"),
    ("date", "Date", "date"),
    ("start", "Début", "start"),
    ("end", "Fin", "end"),
    ("week", "Semaine", "week"),
    ("phase", "Phase", "phase"),
    ("title", "Titre", "title"),
    ("theme", "Thème", "theme"),
    ("format", "Format", "format"),
    ("speaker", "Intervenant", "speaker"),
    ("organisation", "Organisation", "organisation"),
    ("audience", "Public", "audience"),
    ("location", "Lieu", "location"),
    ("locked", "Verrouillé", "locked"),
)

def audience_label(audience: str, lang: str) -> str:
    """'Cohorte' (or 'Cohort' in English) for the whole cohort, else the project ID."""
    return word("cohort", lang) if audience == COHORT else audience


def format_label(format_name: str, lang: str) -> str:
    """A session's format as written for people: 'Atelier', or 'Workshop' in English."""
    return term_text("formats", format_name, lang)


def organisation_type_label(kind: str, lang: str) -> str:
    """An organisation type as written for people: 'Association', 'Local authority'..."""
    return term_text("organisation_types", kind, lang)
