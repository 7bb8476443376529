"""Words people read in the outputs, in French and English."""
from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "cohort": ("Cohorte", "Cohort"),
    "planning_sheet": ("Planning", "Planning"),
    "groups_sheet": ("Groupes", "Groups"),
    "unplaced_sheet": ("Non placées", "Not placed"),
    "solve_sheet": ("Résolution", "Solve"),
    "participant": ("Participant", "Participant"),
    "project": ("Projet", "Project"),
    "wish": ("Vœu", "Wish"),
    "missing": ("Séances manquantes", "Missing sessions"),
    "reason": ("Raison", "Reason"),
    "title": ("Titre", "Title"),
    "speaker": ("Intervenant", "Speaker"),
    "figure": ("Indicateur", "Figure"),
    "value": ("Valeur", "Value"),
    "speaker_label": ("Intervenant", "Speaker"),
    "organisation_label": ("Organisation", "Organisation"),
    "format_label": ("Format", "Format"),
    "theme_label": ("Thème", "Theme"),
    "audience_label": ("Public", "Audience"),
}

FORMATS_EN = {"Conférence": "Conference", "Atelier": "Workshop", "Visite": "Company visit",
              "Suivi de projet": "Project mentoring", "Coaching": "Coaching"}


def word(key: str, lang: str) -> str:
    french, english = WORDS[key]
    return english if lang == "en" else french


def audience_label(audience: str, lang: str) -> str:
    """'Cohorte' (or 'Cohort' in English) for the whole cohort, else the project ID."""
    return word("cohort", lang) if audience == "Cohorte" else audience
