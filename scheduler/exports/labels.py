"""The `Planning` contract columns, and the outputs' names for audiences, formats and organisation types
(the words themselves are in data/words.toml and data/vocabularies.toml)."""
from __future__ import annotations

from scheduler.core.domain import COHORT
from scheduler.core.vocabularies import term_text
from scheduler.core.words import word

def audience_label(audience: str, lang: str) -> str:
    """'Cohorte' (or 'Cohort' in English) for the whole cohort, else the project ID."""
    return word("cohort", lang) if audience == COHORT else audience


def format_label(format_name: str, lang: str) -> str:
    """A session's format as written for people: 'Atelier', or 'Workshop' in English."""
    return term_text("formats", format_name, lang)


def organisation_type_label(kind: str, lang: str) -> str:
    """An organisation type as written for people: 'Association', 'Local authority'..."""
    return term_text("organisation_types", kind, lang)
