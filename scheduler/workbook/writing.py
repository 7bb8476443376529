"""Writing a Problem back as an input workbook (SPEC §1), driven by the reader's tables in `labels`.

The sheet, column and setting names, and the words in cells (formats, organisation types, yes,
preferred, cohort, weekdays), are the labels the reader matches, in French (default) or English.
Dates are date cells (`DD/MM/YYYY`), times `HH:MM` text, durations hours as numbers (1.5).
Optional sheets appear only when they have rows (`every_sheet`: the empty ones too, except the
`Poids` sheet of fine tuning). Reading the written file gives back an equal Problem. The file
appears whole or not at all.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.atomic import atomic_path
from scheduler.sheets.print_setup import finish_workbook
from scheduler.core.domain import (COHORT, Closure, FixedEvent, Offer, Organisation, Participant, Problem,
                                   Programme, Project, Speaker, Theme, Window, default_phase)
from scheduler.core.text import format_time
from scheduler.workbook.cells import WEEKDAYS_EN, WEEKDAYS_FR
from scheduler.workbook.labels import (COHORT as COHORT_LABEL, COLUMNS, FORMATS, NO_HOLIDAYS, ORGANISATION_TYPES,
                                       PREFERRED, PROGRAMME_KEYS, SHEETS, WISH_COLUMNS, YEAR_ONLY, Label)

DATE_FORMAT = "DD/MM/YYYY"
YES = Label("oui", "yes")
MIN_WIDTH, MAX_WIDTH = 8, 60
ONLY_WHEN_FILLED = ("weights",)
"""Optional sheets written only when they have rows, even with `every_sheet` (a blank template)."""

Cells = dict[str, object]
"""One row: column key (of `COLUMNS[sheet]`) -> value; a column left out is an empty cell."""


def write_problem(problem: Problem, path: Path, lang: str = "fr") -> None:
    """Write `problem` as an input workbook at `path` (atomically: temporary file, then rename), set up to print."""
    workbook = build_workbook(problem, lang=lang)
    finish_workbook(workbook)
    save_workbook(workbook, path)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save `workbook` at `path` atomically: a temporary file beside it, then a rename."""
    with atomic_path(Path(path)) as temporary:
        workbook.save(temporary)


def build_workbook(problem: Problem, every_sheet: bool = False, lang: str = "fr", year: bool = False) -> Workbook:
    """The openpyxl workbook for `problem`, sheets in the order of SPEC §1 (`every_sheet`: empty optional ones too);
    one cohort, so without the year's sheet and columns (`labels.YEAR_ONLY`) unless `year` (then they are
    written, empty: the cohorts are not part of a `Problem`)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet, label in SHEETS.items():
        if (sheet, "") in YEAR_ONLY and not year:
            continue
        rows = [] if (sheet, "") in YEAR_ONLY else sheet_rows(problem, sheet, lang)
        if rows or label.required or (every_sheet and sheet not in ONLY_WHEN_FILLED) or (sheet, "") in YEAR_ONLY:
            columns = {name: column for name, column in COLUMNS[sheet].items()
                       if year or (sheet, name) not in YEAR_ONLY}
            fill_sheet(workbook.create_sheet(label.text(lang)), [columns[c].text(lang) for c in columns],
                       [[row.get(column) for column in columns] for row in rows])
    return workbook


def sheet_rows(problem: Problem, sheet: str, lang: str = "fr") -> list[Cells]:
    """The rows of one sheet (a key of `SHEETS`) for `problem`, in `lang`."""
    if sheet == "programme":
        return programme_rows(problem.programme, lang)
    if sheet == "weights":
        return [{"rule": rule, "weight": weight} for rule, weight in problem.weights]
    items, build = _ITEMS[sheet]
    return [build(item, lang) for item in items(problem)]


def fill_sheet(sheet: Worksheet, headers: list[str], rows: list[list[object]]) -> None:
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
            elif cell.data_type == "f":  # a text starting with '=' stays text, never a formula
                cell.data_type = "s"
    for index, header in enumerate(headers, start=1):
        widest = max([len(str(header)), *(display_length(r[index - 1]) for r in rows if index - 1 < len(r))])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))


def display_length(value: object) -> int:
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


def weekday_name(weekday: int | None, lang: str = "fr") -> str | None:
    """0 -> 'lundi' ('Monday' in English)."""
    if weekday is None:
        return None
    return WEEKDAYS_EN[weekday] if lang == "en" else WEEKDAYS_FR[weekday]


def time_range(span: tuple[int, int]) -> str:
    return f"{format_time(span[0])}-{format_time(span[1])}"


def word(words: Mapping[str, Label], value: str, lang: str) -> str:
    """A canonical value of a vocabulary as written in `lang` (kept as is when not in it)."""
    return words[value].text(lang) if value in words else value


def programme_rows(programme: Programme, lang: str = "fr") -> list[Cells]:
    """The `Programme` sheet: one (Paramètre, Valeur) pair per setting, in the order of `PROGRAMME_KEYS`."""
    days = " ".join(weekday_name(d, lang)[:3].lower() for d in programme.weekdays)
    values: dict[str, object] = {
        "name": programme.name,
        "start_date": programme.start_date,
        "weeks": programme.weeks,
        "phase1_weeks": programme.phase1_weeks,
        "days": days,
        "morning": time_range(programme.morning),
        "afternoon": time_range(programme.afternoon),
        "slot_minutes": programme.slot_minutes,
        "max_hours_per_day": hours(programme.max_minutes_per_day),
        "min_sessions_per_theme": programme.min_sessions_per_theme,
        "max_sessions_per_organisation": programme.max_sessions_per_organisation,
        "holidays": programme.holidays or NO_HOLIDAYS.text(lang),
        "timezone": programme.timezone,
        "location": programme.location or None,
        "coordinator": programme.coordinator or None,
        "coordinator_email": programme.coordinator_email or None,
        "attendance_events": YES.text(lang) if programme.attendance_events else None,
        "project_work": programme.project_work or None,
    }
    return [{"parameter": label.text(lang), "value": values[setting]} for setting, label in PROGRAMME_KEYS.items()]


def theme_row(theme: Theme, lang: str = "fr") -> Cells:
    return {"theme": theme.name, "description": theme.description or None, "colour": theme.colour or None}


def organisation_row(organisation: Organisation, lang: str = "fr") -> Cells:
    return {"organisation": organisation.name, "type": word(ORGANISATION_TYPES, organisation.kind, lang)}


def speaker_row(speaker: Speaker, lang: str = "fr") -> Cells:
    return {"speaker": speaker.name, "organisation": speaker.organisation, "email": speaker.email or None,
            "max_sessions": speaker.max_sessions, "share_contact": YES.text(lang) if speaker.share_contact else None}


def offer_row(offer: Offer, lang: str = "fr") -> Cells:
    """An empty `Phase` when the offer's phase is the one its format implies."""
    return {"id": offer.id, "speaker": offer.speaker, "title": offer.title, "theme": offer.theme,
            "format": word(FORMATS, offer.format, lang), "duration_h": hours(offer.duration_minutes),
            "phase": None if offer.phase == default_phase(offer.format) else offer.phase, "count": offer.count,
            "required": YES.text(lang) if offer.required else None, "project": offer.project or None,
            "location": offer.location or None, "link": offer.link or None, "bring": offer.bring or None}


def window_row(window: Window, lang: str = "fr") -> Cells:
    return {"speaker": window.speaker, "date": window.date, "weekday": weekday_name(window.weekday, lang),
            "start": time_text(window.start), "end": time_text(window.end), "from": window.first,
            "to": window.last, "preference": PREFERRED.text(lang) if window.preferred else None}


def closure_row(closure: Closure, lang: str = "fr") -> Cells:
    return {"from": closure.first, "to": closure.last, "reason": closure.reason or None}


def event_row(event: FixedEvent, lang: str = "fr") -> Cells:
    audience = COHORT_LABEL.text(lang) if event.audience in ("", COHORT) else event.audience
    return {"title": event.title, "date": event.date, "weekday": weekday_name(event.weekday, lang),
            "start": format_time(event.start), "end": format_time(event.end), "from": event.first,
            "to": event.last, "audience": audience, "location": event.location or None}


def project_row(project: Project, lang: str = "fr") -> Cells:
    return {"id": project.id, "title": project.title, "organisation": project.organisation,
            "min_size": project.min_size, "max_size": project.max_size}


def participant_row(participant: Participant, lang: str = "fr") -> Cells:
    """`Vœu 1` … in order (the workbook holds as many wishes as `WISH_COLUMNS`)."""
    return {"participant": participant.name, "email": participant.email or None,
            **dict(zip(WISH_COLUMNS, participant.wishes))}


_ITEMS: dict[str, tuple[Callable[[Problem], tuple], Callable[[object, str], Cells]]] = {
    "themes": (lambda p: p.themes, theme_row),
    "organisations": (lambda p: p.organisations, organisation_row),
    "speakers": (lambda p: p.speakers, speaker_row),
    "offers": (lambda p: p.offers, offer_row),
    "availability": (lambda p: p.windows, window_row),
    "closures": (lambda p: p.closures, closure_row),
    "events": (lambda p: p.events, event_row),
    "projects": (lambda p: p.projects, project_row),
    "participants": (lambda p: p.participants, participant_row),
}
"""For each sheet of rows: the problem's items it lists, and the row of one item."""
