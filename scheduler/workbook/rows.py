"""One builder per input sheet: a `Row` (of `table`) -> the domain object it describes, every mistake in it
recorded against the row. Sheets are built in the order of their references (see `reading.load`)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from scheduler.core import domain
from scheduler.core.errors import quoted
from scheduler.core.names import sheet_name
from scheduler.soft_rules import SOFT_RULE_CATALOGUE, find_soft_rule
from scheduler.workbook import cells, parsers
from scheduler.workbook.cells import CellError
from scheduler.workbook.context import Context, Grid, Names, claim
from scheduler.workbook.labels import COHORT as COHORT_LABEL
from scheduler.workbook.labels import WISH_COLUMNS
from scheduler.workbook.table import Row
from scheduler.workbook.parsers import MAX_COUNT, MAX_DURATION_HOURS, MAX_WEEKS, MAX_WEIGHT, MIN_DURATION_HOURS

def theme_row(row: Row, context: Context) -> domain.Theme:
    name = claim(row, "theme", context.names["themes"])
    colour = row.parse("colour", parsers.colour) or ""
    return domain.Theme(name, row.text("description"), colour, row.number)


def organisation_row(row: Row, context: Context) -> domain.Organisation:
    name = claim(row, "organisation", context.names["organisations"])
    kind = row.parse("type", parsers.ORGANISATION_TYPE, required=True) or ""
    return domain.Organisation(name, kind, row.number)


def speaker_row(row: Row, context: Context) -> domain.Speaker:
    name = claim(row, "speaker", context.names["speakers"])
    organisation = row.ref("organisation", context.names["organisations"], required=True)
    max_sessions = row.parse("max_sessions", parsers.whole(1, MAX_COUNT))
    return domain.Speaker(name, organisation, row.parse("email", parsers.email) or "", max_sessions, row.number,
                          share_contact=bool(row.parse("share_contact", cells.parse_bool)))


def project_row(row: Row, context: Context) -> domain.Project:
    project_id = claim(row, "id", context.names["projects"])
    title = row.line("title", required=True)
    organisation = row.ref("organisation", context.names["organisations"], required=True)
    min_size = row.parse("min_size", parsers.whole(1, MAX_COUNT))
    max_size = row.parse("max_size", parsers.whole(1, MAX_COUNT))
    if min_size is not None and max_size is not None and min_size > max_size:
        row.error("max_size", f"la taille max doit être au moins la taille min ({min_size})",
                  f"the max size must be at least the min size ({min_size})")
    return domain.Project(project_id, title, organisation, min_size, max_size, row.number)


# ---------------------------------------------------------------------------------------------
# Offers


def offer_row(row: Row, context: Context) -> domain.Offer:
    offer_id = claim(row, "id", context.names["offers"])
    speaker = row.ref("speaker", context.names["speakers"], required=True)
    title = row.line("title", required=True)
    theme = row.ref("theme", context.names["themes"], required=True)
    format_name = row.parse("format", parsers.FORMAT, required=True)
    duration = row.parse("duration_h", _duration_parser(context.grid), required=True)
    phase = row.parse("phase", parsers.phase)
    count = row.parse("count", parsers.whole(1, MAX_WEEKS))
    required = row.parse("required", cells.parse_bool)
    project = _offer_project(row, format_name, context.names["projects"])
    return domain.Offer(
        id=offer_id, speaker=speaker, title=title, theme=theme, format=format_name or "",
        duration_minutes=duration or 0,
        phase=phase if phase is not None else domain.default_phase(format_name or ""),
        count=count or 1, required=bool(required), project=project, location=row.text("location"),
        row=row.number, link=row.text("link"), bring=row.text("bring"))


def _duration_parser(grid: Grid) -> Callable[[object], int]:
    """A parser of `Durée (h)` -> minutes: 1 to 4 hours, on the grid, within a half-day."""
    def parse(value: object) -> int:
        try:
            hours = _hours(value)
        except CellError:
            raise CellError(f"« {cells.text(value)} » n'est pas une durée : écrivez un nombre d'heures, par exemple 2 "
                            f"ou 1,5", f"'{cells.text(value)}' is not a duration: write a number of hours, for "
                                      f"example 2 or 1.5") from None
        if not MIN_DURATION_HOURS <= hours <= MAX_DURATION_HOURS:
            raise CellError(f"la durée doit être entre {MIN_DURATION_HOURS} et {MAX_DURATION_HOURS} heures : écrivez "
                            f"par exemple 2 ou 1,5 ; une activité plus longue se découpe en plusieurs interventions",
                            f"the duration must be between {MIN_DURATION_HOURS} and {MAX_DURATION_HOURS} hours: write "
                            f"for example 2 or 1.5; split a longer activity into several offers")
        minutes = round(hours * 60)
        if grid.slot is not None and (abs(hours * 60 - minutes) > 1e-6 or minutes % grid.slot):
            raise CellError(f"la durée doit être un multiple du pas de {grid.slot} min du Programme "
                            f"(par exemple {_hours_text(2 * 60 + grid.slot)} h)",
                            f"the duration must be a multiple of the programme's {grid.slot}-minute step")
        if grid.longest_half_day is not None and minutes > grid.longest_half_day:
            longest = _hours_text(grid.longest_half_day)
            raise CellError(f"la durée dépasse la plus longue demi-journée ({longest} h) : une séance ne "
                            f"chevauche pas la pause de midi ; raccourcissez-la ou allongez la demi-journée",
                            f"the duration is longer than the longest half-day ({longest} h): a session "
                            f"cannot span lunch; shorten it or lengthen the half-day")
        return minutes
    return parse


def _hours(value: object) -> float:
    """A number of hours: 1,5 or 1.5, and also as people write it: '2h', '1h30', '90 min'."""
    raw = cells.normalise(value).replace(" ", "") if isinstance(value, str) else ""
    spelt = re.fullmatch(r"(\d{1,2})h(\d{2})?", raw) or re.fullmatch(r"(\d{1,2})(?:heures?|hours?)", raw)
    if spelt:
        return int(spelt.group(1)) + int((spelt.groups() + (None,))[1] or 0) / 60
    minutes = re.fullmatch(r"(\d{1,3})(?:min|mn|minutes?)", raw)
    if minutes:
        return int(minutes.group(1)) / 60
    return cells.parse_number(value)


def _hours_text(minutes: int) -> str:
    """150 -> '2,5'."""
    return f"{minutes / 60:g}".replace(".", ",")


def _offer_project(row: Row, format_name: str | None, projects: Names) -> str:
    """The project a `Suivi de projet` offer is for ('' for other formats)."""
    if format_name == domain.MENTORING and row.blank("project"):
        row.error("project", "un « Suivi de projet » doit indiquer son projet : écrivez l'ID d'un projet de la "
                             f"feuille {quoted(sheet_name('projects', 'fr'), 'fr')}",
                  "a 'Project mentoring' offer must name its project: write the ID of a project from sheet "
                  f"{quoted(sheet_name('projects', 'en'), 'en')}")
        return ""
    if format_name not in (None, domain.MENTORING) and not row.blank("project"):
        row.error("project", "seul un « Suivi de projet » indique un projet : videz cette cellule ou "
                             "changez le format", "only a 'Project mentoring' offer names a project: "
                                                  "empty this cell or change the format")
        return ""
    return row.ref("project", projects)


# ---------------------------------------------------------------------------------------------
# Availability, closures, events


def _date_or_weekday(row: Row) -> tuple[dt.date | None, int | None]:
    """A `Date` (preferred when both are given: a warning when its weekday is another) or a `Jour` that repeats."""
    if not row.blank("date"):
        date = row.parse("date", parsers.date)
        weekday = _weekday_or_none(row.raw("weekday"))
        if date is not None and weekday is not None and weekday != date.weekday():
            row.warn("weekday", row.raw("weekday"),
                     f"la date {date:%d/%m/%Y} est un {cells.weekday_name(date.weekday(), 'fr')} : c'est la colonne "
                     f"{row.called('date', 'fr')} qui compte ; videz la colonne {row.called('weekday', 'fr')} "
                     f"ou corrigez l'un des deux",
                     f"the date {date.isoformat()} is a {cells.weekday_name(date.weekday(), 'en')}: column "
                     f"{row.called('date', 'en')} is what counts; empty column {row.called('weekday', 'en')} "
                     f"or correct one of them")
        return date, None
    if not row.blank("weekday"):
        return None, row.parse("weekday", cells.parse_weekday)
    row.error("date", f"indiquez une date ({row.called('date', 'fr')}), ou un jour de la semaine qui se répète "
                      f"({row.called('weekday', 'fr')}, de {row.called('from', 'fr')} à {row.called('to', 'fr')})",
              f"give a date ({row.called('date', 'en')}), or a weekday that repeats ({row.called('weekday', 'en')}, "
              f"from {row.called('from', 'en')} to {row.called('to', 'en')})")
    return None, None


def _weekday_or_none(value: object) -> int | None:
    """A `Jour` beside a `Date`: only compared with it, never an error (the Date is what counts)."""
    try:
        return None if cells.is_blank(value) else cells.parse_weekday(value)
    except (CellError, ValueError, TypeError):
        return None


def _period(row: Row) -> tuple[dt.date | None, dt.date | None]:
    """The optional `Du` / `Au` dates, `Au` not before `Du`."""
    first = row.parse("from", parsers.date, required=_required(row, "from"))
    last = row.parse("to", parsers.date, required=_required(row, "to"))
    if first is not None and last is not None and last < first:
        row.error("to", f"la date de fin est avant la date de début ({first:%d/%m/%Y})",
                  f"the end date is before the start date ({first:%Y-%m-%d})")
    return first, last


def _required(row: Row, column: str) -> bool:
    return row.table.labels[column].required


def _hours_span(row: Row) -> tuple[int | None, int | None]:
    """`Début` / `Fin` times (required where the column is), the end after the start."""
    start = row.parse("start", cells.parse_time, required=_required(row, "start"))
    end = row.parse("end", cells.parse_time, required=_required(row, "end"))
    if start is not None and end is not None and end <= start:
        row.error("end", f"l'heure de fin doit être après l'heure de début ({cells.format_time(start)})",
                  f"the end time must be after the start time ({cells.format_time(start)})")
    return start, end


def window_row(row: Row, context: Context) -> domain.Window:
    speaker = row.ref("speaker", context.names["speakers"], required=True)
    date, weekday = _date_or_weekday(row)
    start, end = _hours_span(row)
    first, last = _period(row)
    preferred = bool(row.parse("preference", parsers.preference))
    return domain.Window(speaker, date, weekday, start, end, first, last, preferred, row.number)


def closure_row(row: Row, context: Context) -> domain.Closure:
    first, last = _period(row)
    return domain.Closure(first, last, row.text("reason"), row.number)


def event_row(row: Row, context: Context) -> domain.FixedEvent:
    title = row.line("title", required=True)
    date, weekday = _date_or_weekday(row)
    start, end = _hours_span(row)
    first, last = _period(row)
    audience = _audience(row, context.names["projects"])
    return domain.FixedEvent(title, start, end, date, weekday, first, last, audience,
                             row.text("location"), row.number)


def _audience(row: Row, projects: Names) -> str:
    """`Public`: the cohort (empty cell too) or a project ID."""
    raw = row.text("audience")
    if not raw or COHORT_LABEL.matches(raw):
        return domain.COHORT
    found = projects.resolve(raw)
    if found is None:
        row.error("audience", "écrivez « Cohorte » ou l'ID d'un projet de la feuille "
                              f"{quoted(sheet_name('projects', 'fr'), 'fr')}",
                  f"write 'Cohort' or the ID of a project from sheet {quoted(sheet_name('projects', 'en'), 'en')}")
        return ""
    return found


# ---------------------------------------------------------------------------------------------
# Participants, weights


def participant_row(row: Row, context: Context) -> domain.Participant:
    name = claim(row, "participant", context.names["participants"])
    wishes: list[str] = []
    for column in WISH_COLUMNS:
        project = row.ref(column, context.names["projects"])
        if project in wishes:
            rank = wishes.index(project) + 1
            row.error(column, f"le projet {project} est déjà le vœu {rank} : choisissez un autre projet ou "
                              f"videz la cellule", f"project {project} is already wish {rank}: choose "
                                                   f"another project or empty the cell")
        elif project:
            if any(row.blank(before) for before in WISH_COLUMNS[:WISH_COLUMNS.index(column)]):  # an empty wish before
                row.warn(column, project,
                         f"le vœu précédent est vide : {project} comptera comme vœu {len(wishes) + 1} ; "
                         f"remplissez les vœux dans l'ordre",
                         f"the wish before is empty: {project} will count as wish {len(wishes) + 1}; "
                         f"fill the wishes in order")
            wishes.append(project)
    return domain.Participant(name, row.parse("email", parsers.email) or "", tuple(wishes), row.number)


def weight_row(row: Row, context: Context) -> tuple[str, int]:
    name = row.text("rule", required=True)
    rule = find_soft_rule(name) if name else None
    if name and rule is None:
        known = ", ".join(f"« {r.fr} »" for r in SOFT_RULE_CATALOGUE)
        known_en = ", ".join(f"'{r.en}'" for r in SOFT_RULE_CATALOGUE)
        row.error("rule", f"règle inconnue ; écrivez l'une de : {known}", f"unknown rule; write one of: {known_en}")
    elif rule is not None:  # one row per rule, whichever of its names is written
        names = context.names["weights"]
        first = names.row_of(rule.label)
        if first is not None:
            row.error("rule", f"cette règle a déjà un poids ligne {first} : gardez une seule ligne par règle",
                      f"this rule already has a weight on row {first}: keep one row per rule")
        else:
            names.add(rule.label, row.number)
    weight = row.parse("weight", parsers.whole(0, MAX_WEIGHT), required=True)
    return name, weight or 0
