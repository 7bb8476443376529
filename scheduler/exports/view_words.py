"""Words of the readable views (week grids, per-speaker and per-organisation sheets, coverage,
planning.html), in French and English."""
from __future__ import annotations

import datetime as dt

from scheduler.soft_rules import find_soft_rule

VIEW_WORDS: dict[str, tuple[str, str]] = {
    "week": ("Semaine", "Week"),
    "week_short": ("S", "W"),
    "hour": ("Heure", "Time"),
    "phase1": ("Phase 1 — découverte", "Phase 1 — discovery"),
    "phase2": ("Phase 2 — projets", "Phase 2 — projects"),
    "legend": ("Légende", "Legend"),
    "fixed_event": ("Événement du programme", "Programme event"),
    "closed": ("Jour férié ou fermeture", "Public holiday or closure"),
    "lunch": ("Déjeuner", "Lunch"),
    "before_start": ("Avant le début", "Before the start"),
    "closure": ("Fermeture", "Closure"),
    "group": ("Groupe", "Group"),
    "no_theme": ("Sans thème", "No theme"),
    "speakers_sheet": ("Intervenants", "Speakers"),
    "organisations_sheet": ("Organisations", "Organisations"),
    "coverage_sheet": ("Couverture", "Coverage"),
    "speaker": ("Intervenant", "Speaker"),
    "organisation": ("Organisation", "Organisation"),
    "type": ("Type", "Type"),
    "email": ("Email", "Email"),
    "date": ("Date", "Date"),
    "start": ("Début", "Start"),
    "end": ("Fin", "End"),
    "title": ("Titre", "Title"),
    "format": ("Format", "Format"),
    "theme": ("Thème", "Theme"),
    "audience": ("Public", "Audience"),
    "location": ("Lieu", "Location"),
    "sessions": ("Séances", "Sessions"),
    "sessions_phase1": ("Séances phase 1", "Phase-1 sessions"),
    "sessions_phase2": ("Séances phase 2", "Phase-2 sessions"),
    "hours": ("Heures", "Hours"),
    "max_sessions": ("Max séances", "Max sessions"),
    "no_session": ("aucune séance placée", "no session placed"),
    "total": ("Total", "Total"),
    "total_phase1": ("Total phase 1", "Phase-1 total"),
    "minimum": ("Minimum demandé", "Minimum asked"),
    "coverage_title": ("Séances par thème et par semaine", "Sessions per theme and week"),
    "not_in_planning": ("absente du planning (retirée ou jamais placée)",
                        "not in the timetable (removed or never placed)"),
    "page_title": ("Planning", "Timetable"),
    "contents": ("Semaines", "Weeks"),
}

DAY_NAMES = (("lundi", "Monday"), ("mardi", "Tuesday"), ("mercredi", "Wednesday"), ("jeudi", "Thursday"),
             ("vendredi", "Friday"), ("samedi", "Saturday"), ("dimanche", "Sunday"))
MONTH_NAMES = (("janvier", "January"), ("février", "February"), ("mars", "March"), ("avril", "April"),
               ("mai", "May"), ("juin", "June"), ("juillet", "July"), ("août", "August"),
               ("septembre", "September"), ("octobre", "October"), ("novembre", "November"),
               ("décembre", "December"))

FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "status": ("Statut du calcul", "Solver status"),
    "placed": ("Séances placées", "Sessions placed"),
    "placed_bound": ("Borne du nombre de séances", "Bound on sessions placed"),
    "candidates": ("Placements envisagés", "Candidate placements"),
    "penalty": ("Pénalité des préférences (pondérée, plus bas = mieux)", "Preference penalty (weighted, lower is better)"),
    "penalty_bound": ("Meilleure pénalité encore possible (borne)", "Best penalty still possible (bound)"),
    "penalty_gap": ("Écart à la borne", "Gap to the bound"),
    "first_wishes": ("Participants sur leur 1er vœu", "Participants on their 1st wish"),
    "second_wishes": ("Participants sur leur 2e vœu", "Participants on their 2nd wish"),
    "third_wishes": ("Participants sur leur 3e vœu", "Participants on their 3rd wish"),
    "no_wish_honoured": ("Participants sans aucun de leurs vœux", "Participants with none of their wishes"),
    "groups_status": ("Statut des groupes projet", "Project groups status"),
    "previous": ("Séances du planning précédent", "Sessions in the previous timetable"),
    "kept": ("Séances gardées à leur place", "Sessions kept in place"),
    "seconds": ("Durée du calcul (s)", "Solve time (s)"),
    "offered": ("Séances proposées", "Sessions offered"),
    "events": ("Événements fixes", "Fixed events"),
    "hours": ("Heures de séances", "Session hours"),
    "speakers": ("Intervenants mobilisés", "Speakers involved"),
    "organisations": ("Organisations mobilisées", "Organisations involved"),
    "themes": ("Thèmes couverts en phase 1", "Themes covered in phase 1"),
    "required": ("Interventions obligatoires placées", "Required offers placed"),
    "first_wish": ("Participants sur leur premier vœu", "Participants on their first wish"),
}


def view_word(key: str, lang: str) -> str:
    french, english = VIEW_WORDS[key]
    return english if lang == "en" else french


def day_label(day: dt.date, lang: str) -> str:
    """'lundi 16/11' or 'Monday 16/11'."""
    return f"{DAY_NAMES[day.weekday()][lang == 'en']} {day:%d/%m}"


def long_date(day: dt.date, lang: str) -> str:
    """'16 novembre 2026' or '16 November 2026'."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][lang == 'en']} {day.year}"


def figure_label(key: str, lang: str) -> str:
    """A solve figure named for people; `soft:<label>` is one soft rule's penalty count."""
    if key.startswith("soft:"):
        rule = find_soft_rule(key.removeprefix("soft:"))
        if rule is not None:
            return ("Préférence — " if lang != "en" else "Preference — ") + rule.name(lang)
    french, english = FIGURE_LABELS.get(key, (key, key))
    return english if lang == "en" else french
