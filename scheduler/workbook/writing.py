"""Writing a Problem back as an input workbook, with the French sheet and column names of SPEC §1.

Dates are date cells (`DD/MM/YYYY`), times `HH:MM` text, durations hours as numbers (1.5),
weekdays French names. Optional sheets (closures, events, projects, participants) appear only
when they have rows. The file appears whole or not at all.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import (COHORT, Closure, FixedEvent, Offer, Organisation, Participant, Problem,
                              Programme, Project, Speaker, Theme, Window, default_phase)
from scheduler.exports.atomic import atomic_path
from scheduler.workbook.cells import WEEKDAYS_FR, format_time

DATE_FORMAT = "DD/MM/YYYY"
YES = "oui"
PREFERRED = "préféré"
NO_HOLIDAYS = "aucun"
MIN_WIDTH, MAX_WIDTH = 8, 60

Cell = object
Row = Sequence[Cell]

PROGRAMME_HEADERS = ("Paramètre", "Valeur")
THEME_HEADERS = ("Thème", "Description", "Couleur")
ORGANISATION_HEADERS = ("Organisation", "Type")
SPEAKER_HEADERS = ("Intervenant", "Organisation", "Email", "Max séances")
OFFER_HEADERS = ("ID", "Intervenant", "Titre", "Thème", "Format", "Durée (h)", "Phase", "Séances",
                 "Obligatoire", "Projet", "Lieu")
WINDOW_HEADERS = ("Intervenant", "Date", "Jour", "Début", "Fin", "Du", "Au", "Préférence")
CLOSURE_HEADERS = ("Du", "Au", "Motif")
EVENT_HEADERS = ("Titre", "Date", "Jour", "Début", "Fin", "Du", "Au", "Public", "Lieu")
PROJECT_HEADERS = ("ID", "Titre", "Organisation", "Taille min", "Taille max")
WISHES_SHOWN = 3


def participant_headers(participants: Iterable[Participant]) -> tuple[str, ...]:
    """`Participant`, `Email`, then `Vœu 1` … (at least three wish columns)."""
    wishes = max([WISHES_SHOWN, *(len(p.wishes) for p in participants)])
    return ("Participant", "Email", *(f"Vœu {i}" for i in range(1, wishes + 1)))


def write_problem(problem: Problem, path: Path) -> None:
    """Write `problem` as an input workbook at `path` (atomically: temporary file, then rename), set up to print."""
    from scheduler.exports.print_setup import finish_workbook

    workbook = build_workbook(problem)
    finish_workbook(workbook)
    save_workbook(workbook, path)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save `workbook` at `path` atomically: a temporary file beside it, then a rename."""
    with atomic_path(Path(path)) as temporary:
        workbook.save(temporary)


def build_workbook(problem: Problem, every_sheet: bool = False) -> Workbook:
    """The openpyxl workbook for `problem`, sheets in the order of SPEC §1 (`every_sheet`: empty optional ones too)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: list[tuple[str, Row, list[Row], bool]] = [
        ("Programme", PROGRAMME_HEADERS, programme_rows(problem.programme), True),
        ("Thèmes", THEME_HEADERS, [theme_row(t) for t in problem.themes], True),
        ("Organisations", ORGANISATION_HEADERS, [organisation_row(o) for o in problem.organisations], True),
        ("Intervenants", SPEAKER_HEADERS, [speaker_row(s) for s in problem.speakers], True),
        ("Interventions", OFFER_HEADERS, [offer_row(o) for o in problem.offers], True),
        ("Disponibilités", WINDOW_HEADERS, [window_row(w) for w in problem.windows], True),
        ("Fermetures", CLOSURE_HEADERS, [closure_row(c) for c in problem.closures], False),
        ("Événements", EVENT_HEADERS, [event_row(e) for e in problem.events], False),
        ("Projets", PROJECT_HEADERS, [project_row(p) for p in problem.projects], False),
        ("Participants", participant_headers(problem.participants),
         [participant_row(p) for p in problem.participants], False),
    ]
    for title, headers, rows, always in sheets:
        if rows or always or every_sheet:
            fill_sheet(workbook.create_sheet(title), headers, rows)
    return workbook


def fill_sheet(sheet: Worksheet, headers: Row, rows: list[Row]) -> None:
    """Bold frozen header row, the rows, dates formatted, columns as wide as their text."""
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMAT
    for index, header in enumerate(headers, start=1):
        widest = max([len(str(header)), *(display_length(r[index - 1]) for r in rows if index - 1 < len(r))])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))


def display_length(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return len(DATE_FORMAT)
    return len(str(value))


def hours(minutes: int) -> int | float:
    """150 -> 2.5, 120 -> 2."""
    value = minutes / 60
    return int(value) if value.is_integer() else value


def time_text(minutes: int | None) -> str | None:
    return None if minutes is None else format_time(minutes)


def weekday_name(weekday: int | None) -> str | None:
    return None if weekday is None else WEEKDAYS_FR[weekday]


def time_range(span: tuple[int, int]) -> str:
    return f"{format_time(span[0])}-{format_time(span[1])}"


def programme_rows(programme: Programme) -> list[Row]:
    """The `Programme` sheet: one (Paramètre, Valeur) pair per setting."""
    return [
        ("Nom", programme.name),
        ("Début", programme.start_date),
        ("Semaines", programme.weeks),
        ("Semaines phase 1", programme.phase1_weeks),
        ("Jours", " ".join(WEEKDAYS_FR[d][:3] for d in programme.weekdays)),
        ("Matin", time_range(programme.morning)),
        ("Après-midi", time_range(programme.afternoon)),
        ("Pas (min)", programme.slot_minutes),
        ("Heures max par jour", hours(programme.max_minutes_per_day)),
        ("Séances min par thème", programme.min_sessions_per_theme),
        ("Séances max par organisation", programme.max_sessions_per_organisation),
        ("Jours fériés", programme.holidays or NO_HOLIDAYS),
        ("Fuseau horaire", programme.timezone),
        ("Lieu", programme.location or None),
    ]


def theme_row(theme: Theme) -> Row:
    return (theme.name, theme.description or None, theme.colour or None)


def organisation_row(organisation: Organisation) -> Row:
    return (organisation.name, organisation.kind)


def speaker_row(speaker: Speaker) -> Row:
    return (speaker.name, speaker.organisation, speaker.email or None, speaker.max_sessions)


def offer_row(offer: Offer) -> Row:
    """An empty `Phase` when the offer's phase is the one its format implies."""
    phase = None if offer.phase == default_phase(offer.format) else offer.phase
    return (offer.id, offer.speaker, offer.title, offer.theme, offer.format, hours(offer.duration_minutes),
            phase, offer.count, YES if offer.required else None, offer.project or None, offer.location or None)


def window_row(window: Window) -> Row:
    return (window.speaker, window.date, weekday_name(window.weekday), time_text(window.start),
            time_text(window.end), window.first, window.last, PREFERRED if window.preferred else None)


def closure_row(closure: Closure) -> Row:
    return (closure.first, closure.last, closure.reason or None)


def event_row(event: FixedEvent) -> Row:
    return (event.title, event.date, weekday_name(event.weekday), format_time(event.start),
            format_time(event.end), event.first, event.last, event.audience or COHORT, event.location or None)


def project_row(project: Project) -> Row:
    return (project.id, project.title, project.organisation, project.min_size, project.max_size)


def participant_row(participant: Participant) -> Row:
    wishes = list(participant.wishes) + [None] * max(0, WISHES_SHOWN - len(participant.wishes))
    return (participant.name, participant.email or None, *wishes)
