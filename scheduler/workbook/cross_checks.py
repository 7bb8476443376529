"""Checks across sheets, once every sheet is read: rows that can never fall in the programme, project sizes
that cannot hold the participants, speakers without any availability."""
from __future__ import annotations

import datetime as dt

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.errors import InputError, WrittenNames
from scheduler.core.words import count_word
from scheduler.workbook import cells
from scheduler.workbook.context import Context, ErrorLog, located
from scheduler.workbook.programme import span_text
from scheduler.workbook.table import written_names

def availability_warnings(problem: domain.Problem) -> list[InputError]:
    """Speakers without any availability window: legal, but their offers cannot be placed."""
    speakers_with_windows = {window.speaker for window in problem.windows}
    notes = []
    for speaker in problem.speakers:
        if speaker.name in speakers_with_windows:
            continue
        offers = ", ".join(offer.id for offer in problem.offers if offer.speaker == speaker.name)
        fr = "aucune disponibilité dans la feuille " + problem.names.called("availability", None, "fr")
        en = "no availability window in sheet " + problem.names.called("availability", None, "en")
        if offers:
            fr += f" : ses interventions {offers} ne pourront pas être placées ; ajoutez ses disponibilités"
            en += f": their offers {offers} cannot be placed; add their windows"
        notes.append(problem.names.name(located("speakers", speaker.row, "speaker", speaker.name, fr, en,
                                                warning=True)))
    return notes


def check_in_programme(context: Context, programme: domain.Programme, closures: tuple[domain.Closure, ...],
                        windows: tuple[domain.Window, ...], events: tuple[domain.FixedEvent, ...]) -> None:
    """Availability windows and fixed events that can never fall inside the programme are mistakes."""
    calendar = ProgrammeCalendar(programme, closures)
    names = written_names(context.tables)
    for window in windows:
        _check_dated_row(context.log, names, "availability", window, calendar)
        _check_hours_in_day(context.log, names, window, programme)
    for event in events:
        _check_dated_row(context.log, names, "events", event, calendar)


def _day_text(day: dt.date, lang: str) -> str:
    return f"{day:%d/%m/%Y}" if lang == "fr" else day.isoformat()


def _check_dated_row(log: ErrorLog, names: WrittenNames, sheet: str, item: domain.Window | domain.FixedEvent,
                     calendar: ProgrammeCalendar) -> None:
    """A row's Date, Jour or Du/Au period lies in the programme, on one of its working weekdays."""
    programme, first, last = calendar.programme, calendar.first_day, calendar.last_day
    period_fr = f"{names.called(sheet, 'from', 'fr')} et {names.called(sheet, 'to', 'fr')}"
    period_en = f"{names.called(sheet, 'from', 'en')} and {names.called(sheet, 'to', 'en')}"
    span_fr = f"du {_day_text(first, 'fr')} au {_day_text(last, 'fr')}"
    span_en = f"from {_day_text(first, 'en')} to {_day_text(last, 'en')}"
    if item.date is not None:
        if not first <= item.date <= last:
            log.add(sheet, item.row, "date", _day_text(item.date, "fr"),
                    f"cette date est hors du programme ({span_fr}) : corrigez-la ou supprimez la ligne",
                    f"this date is outside the programme ({span_en}): correct it or delete the row")
        elif sheet == "events" and calendar.non_working_reason(item.date) is not None:
            log.warn(sheet, item.row, "date", _day_text(item.date, "fr"),
                     f"ce jour n'est pas travaillé ({calendar.non_working_reason(item.date)}) : l'événement "
                     f"n'aura pas lieu ; changez sa date",
                     f"this day is not worked ({calendar.non_working_reason(item.date, 'en')}): the event will not "
                     f"take place; change its date")
        elif item.date.weekday() not in programme.weekdays:
            name_fr, name_en = cells.WEEKDAYS_FR[item.date.weekday()], cells.WEEKDAYS_EN[item.date.weekday()]
            log.warn(sheet, item.row, "date", _day_text(item.date, "fr"),
                     f"cette date est un {name_fr}, qui n'est pas un jour travaillé du programme (paramètre "
                     f"{names.setting('days', 'fr')}) : la ligne ne sert pas ; corrigez la date ou supprimez la ligne",
                     f"this date is a {name_en}, not a working day of the programme (setting "
                     f"{names.setting('days', 'en')}): the row "
                     f"is never used; correct the date or delete the row")
        return
    if item.weekday is not None and item.weekday not in programme.weekdays:
        log.warn(sheet, item.row, "weekday", cells.WEEKDAYS_FR[item.weekday],
                 f"ce jour n'est pas un jour travaillé du programme (paramètre {names.setting('days', 'fr')}) : "
                 "la ligne ne sert pas ; choisissez un autre jour ou supprimez la ligne",
                 f"this weekday is not a working day of the programme (setting {names.setting('days', 'en')}): "
                 "the row is never used; choose another day or delete the row")
    elif item.last is not None and item.last < first:
        log.add(sheet, item.row, "to", _day_text(item.last, "fr"),
                f"cette période finit avant le début du programme ({span_fr}) : corrigez {period_fr}",
                f"this period ends before the programme starts ({span_en}): correct {period_en}")
    elif item.first is not None and item.first > last:
        log.add(sheet, item.row, "from", _day_text(item.first, "fr"),
                f"cette période commence après la fin du programme ({span_fr}) : corrigez {period_fr}",
                f"this period starts after the programme ends ({span_en}): correct {period_en}")


def _check_hours_in_day(log: ErrorLog, names: WrittenNames, window: domain.Window, programme: domain.Programme) -> None:
    """A window's hours meet the morning or the afternoon."""
    if window.start is None and window.end is None:
        return
    start = programme.morning[0] if window.start is None else window.start
    end = programme.afternoon[1] if window.end is None else window.end
    if any(start < half_end and half_start < end for half_start, half_end in (programme.morning, programme.afternoon)):
        return
    hours = f"{span_text(programme.morning)}, {span_text(programme.afternoon)}"
    column = "start" if window.start is not None else "end"
    log.add("availability", window.row, column, f"{cells.format_time(start)}-{cells.format_time(end)}",
            f"ces heures tombent hors des demi-journées du programme ({hours}) : corrigez "
            f"{names.called('availability', 'start', 'fr')} et {names.called('availability', 'end', 'fr')}",
            f"these hours fall outside the programme's half-days ({hours}): correct "
            f"{names.called('availability', 'start', 'en')} and {names.called('availability', 'end', 'en')}")


def check_group_sizes(context: Context, projects: tuple[domain.Project, ...],
                       participants: tuple[domain.Participant, ...]) -> None:
    """The projects' sizes can hold every listed participant (each goes in exactly one group)."""
    table = context.tables.get("participants")
    log, count = context.log, len(table.rows) if table is not None else len(participants)  # rows with a mistake too
    if not count or any(sheet == "projects" for sheet, _ in log.errors):
        return  # nobody to place, or a project row is wrong: checked once it is fixed
    if not projects:
        names = written_names(context.tables)
        log.add("projects", None, None, None,
                count_word("count.participants_without_project", count, "fr") + " : ajoutez les projets "
                f"dans la feuille {names.called('projects', None, 'fr')}, ou retirez la feuille "
                f"{names.called('participants', None, 'fr')}",
                count_word("count.participants_without_project", count, "en") + ": add the projects to sheet "
                f"{names.called('projects', None, 'en')}, or remove sheet {names.called('participants', None, 'en')}")
        return
    names = written_names(context.tables)
    if all(project.max_size is not None for project in projects):
        room = sum(project.max_size or 0 for project in projects)
        if room < count:
            log.add("projects", None, "max_size", room,
                    f"les tailles max des projets totalisent {room} places pour {count} participants : "
                    f"augmentez des {names.called('projects', 'max_size', 'fr')}, videz-en une ou ajoutez un projet",
                    f"the projects' max sizes add up to {room} places for {count} participants: raise some "
                    f"{names.called('projects', 'max_size', 'en')}, empty one, or add a project")
    needed = sum(project.min_size or 0 for project in projects)
    if needed > count:
        log.add("projects", None, "min_size", needed,
                f"les tailles min des projets totalisent {needed} places pour seulement {count} participants : "
                f"baissez des {names.called('projects', 'min_size', 'fr')} ou videz-en",
                f"the projects' min sizes add up to {needed} places for only {count} participants: lower or "
                f"empty some {names.called('projects', 'min_size', 'en')}")
