"""Reading back the `Planning` sheet of a planning.xlsx, possibly edited by hand in Excel.

Headers may be French or English, dates and times cells or text, rows reordered, deleted or
added. A hand-added row may leave most columns empty: they are filled from its offer and its
date. Every unreadable cell is reported at once, located, as ``InvalidWorkbook``.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from openpyxl.workbook.workbook import Workbook as OpenpyxlWorkbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, FORMATS, Offer, Problem, Session, Timetable
from scheduler.core.errors import InputError, InvalidWorkbook
from scheduler.exports.labels import PLANNING_COLUMNS as CONTRACT_COLUMNS
from scheduler.workbook.ods import open_workbook as open_any_workbook
from scheduler.workbook.cells import (
    CellError, filled_rows, is_blank, key, normalise, parse_bool, parse_date, parse_int, parse_time, row_values, text,
)

T = TypeVar("T")

PLANNING_SHEET = "Planning"
GROUPS_SHEETS = ("Groupes", "Groups")

OTHER_SPELLINGS = {"session": ("session id",), "offer": ("offer id",), "date": ("day",),
                   "organisation": ("organization",)}
PLANNING_COLUMNS: dict[str, tuple[str, ...]] = {
    field: (french, english, *OTHER_SPELLINGS.get(field, ())) for field, french, english in CONTRACT_COLUMNS}
"""Field -> (French header, English header, other accepted spellings), matched with `cells.key`."""

REQUIRED_PLANNING = ("offer", "date", "start", "end")
TEXT_FIELDS = ("title", "theme", "format", "speaker", "organisation", "audience", "location")

GROUP_COLUMNS: dict[str, tuple[str, ...]] = {
    "participant": ("Participant", "participant"),
    "project": ("Projet", "project"),
}

HEADER_SEARCH_ROWS = 10
"""How many rows from the top may hold the header (a title line above it is tolerated)."""



def read_planning(path: str | Path, problem: Problem) -> Timetable:
    """The timetable held by the `Planning` sheet (and the optional `Groupes` sheet) of `path`."""
    return _read(open_workbook(Path(path)), problem)


def read_previous_planning(path: str | Path, problem: Problem) -> Timetable:
    """Like `read_planning`, for a timetable planned before the workbook changed: rows of offers since
    removed from the workbook are kept (offer known by its ID only), so that they can be cancelled."""
    workbook = open_workbook(Path(path))
    sheet = find_sheet(workbook, (PLANNING_SHEET,))
    header = find_header(sheet, PLANNING_COLUMNS) if sheet is not None else None
    known = {key(offer.id) for offer in problem.offers}
    removed: dict[str, Offer] = {}
    for _, cells in data_rows(sheet, header) if header is not None else ():
        offer_id = text(header.value(cells, "offer"))
        if offer_id and key(offer_id) not in known and offer_id not in removed:
            removed[offer_id] = Offer(offer_id, text(header.value(cells, "speaker")),
                                      text(header.value(cells, "title")), text(header.value(cells, "theme")),
                                      text(header.value(cells, "format")), 60)
    return _read(workbook, replace(problem, offers=problem.offers + tuple(removed.values())))


def _read(workbook: OpenpyxlWorkbook, problem: Problem) -> Timetable:
    errors: list[InputError] = []
    planning = find_sheet(workbook, (PLANNING_SHEET,))
    if planning is None:
        raise InvalidWorkbook([InputError(
            PLANNING_SHEET, None, None, None,
            f"le classeur n'a pas de feuille « {PLANNING_SHEET} » : indiquez le fichier planning.xlsx écrit par "
            f"« scheduler plan »",
            f"the workbook has no '{PLANNING_SHEET}' sheet: give the planning.xlsx written by 'scheduler plan'")])
    sessions = PlanningReader(planning, problem, errors).read()
    groups_sheet = find_sheet(workbook, GROUPS_SHEETS)
    groups = read_groups(groups_sheet, problem, errors) if groups_sheet is not None else ()
    if errors:
        raise InvalidWorkbook(errors)
    return Timetable(sessions=sessions, groups=groups)


def settle_weeks(problem: Problem, timetable: Timetable) -> tuple[Timetable, list[tuple[Session, Session]]]:
    """`Semaine` and `Phase` follow the date: the timetable with them recomputed where a row was moved by
    hand, and (as read, as settled) for each such row. Rows off the working days are left for `verify`."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    settled, changed = [], []
    for session in timetable.sessions:
        week = calendar.week_of.get(session.day)
        if week is not None and (session.week, session.phase) != (week, calendar.phase_of_week(week)):
            after = replace(session, week=week, phase=calendar.phase_of_week(week))
            changed.append((session, after))
            session = after
        settled.append(session)
    return replace(timetable, sessions=tuple(settled)), changed


def open_workbook(path: Path) -> OpenpyxlWorkbook:
    """The workbook at `path`, cached values instead of formulas; a located error if unreadable."""
    try:
        return open_any_workbook(path)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise InvalidWorkbook([InputError(
            path.name, None, None, None,
            "impossible d'ouvrir ce fichier : vérifiez le chemin et qu'il s'agit bien d'un classeur .xlsx",
            "cannot open this file: check the path and that it is an .xlsx workbook", is_file=True)]) from None


def find_sheet(workbook: OpenpyxlWorkbook, names: tuple[str, ...]) -> Worksheet | None:
    wanted = {key(n) for n in names}
    return next((workbook[title] for title in workbook.sheetnames if key(title) in wanted), None)


@dataclass
class Header:
    """Where the header row is, and which column (0-based) holds each known field, with its written name."""

    row: int
    columns: dict[str, tuple[int, str]]

    def value(self, cells: tuple, field: str) -> object:
        place = self.columns.get(field)
        return cells[place[0]] if place is not None and place[0] < len(cells) else None

    def name(self, field: str, aliases: dict[str, tuple[str, ...]]) -> str:
        return self.columns[field][1] if field in self.columns else aliases[field][0]


def find_header(sheet: Worksheet, aliases: dict[str, tuple[str, ...]]) -> Header | None:
    """Among the top rows, the one naming the most known columns (at least two), the first on a tie."""
    by_key = {key(alias): field for field, names in aliases.items() for alias in names}
    best: Header | None = None
    rows = filled_rows(sheet)
    for number in sorted(n for n in rows if n <= HEADER_SEARCH_ROWS):
        cells = row_values(rows[number])
        columns: dict[str, tuple[int, str]] = {}
        for index, cell in enumerate(cells):
            field = by_key.get(key(cell))
            if field is not None and field not in columns:
                columns[field] = (index, text(cell))
        if len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            best = Header(number, columns)
    return best


def header_errors(sheet: Worksheet, header: Header | None, aliases: dict[str, tuple[str, ...]],
                  required: tuple[str, ...]) -> list[InputError]:
    """One error per required column the header lacks (all of them when there is no header)."""
    missing = [f for f in required if header is None or f not in header.columns]
    row = header.row if header else 1
    return [InputError(sheet.title, row, aliases[f][0], None,
                       f"il manque la colonne « {aliases[f][0]} » (en anglais « {aliases[f][1]} ») : "
                       f"ajoutez-la à la ligne d'en-tête",
                       f"column '{aliases[f][1]}' (in French '{aliases[f][0]}') is missing: add it to the header row",
                       column_en=aliases[f][1])
            for f in missing]


def data_rows(sheet: Worksheet, header: Header):
    """(Excel row number, cells) for every non-empty row under the header."""
    rows = filled_rows(sheet)
    for number in sorted(n for n in rows if n > header.row):
        yield number, row_values(rows[number])


# ---------------------------------------------------------------------------------------------
# The `Planning` sheet


@dataclass
class Row:
    """One planning row as read, before session IDs are settled."""

    number: int
    session_id: str
    offer: Offer | None
    day: dt.date
    start: int
    end: int
    week: int | None
    phase: int | None
    locked: bool
    texts: dict[str, str]  # title, theme, format, speaker, organisation, audience, location as written

    def written(self, field: str) -> str:
        return self.texts.get(field, "")


class PlanningReader:
    """Turns the rows of one `Planning` sheet into sessions, collecting every error."""

    def __init__(self, sheet: Worksheet, problem: Problem, errors: list[InputError]):
        self.sheet = sheet
        self.problem = problem
        self.errors = errors
        self.offers = {o.id: o for o in problem.offers}
        self.offers_by_key = {key(o.id): o for o in problem.offers}
        self.speakers = {s.name: s for s in problem.speakers}
        self.projects = {key(p.id): p.id for p in problem.projects}
        self.calendar = ProgrammeCalendar(problem.programme, problem.closures)
        self.weeks = self.calendar.week_of
        self.header: Header | None = None

    def read(self) -> tuple[Session, ...]:
        self.header = find_header(self.sheet, PLANNING_COLUMNS)
        missing = header_errors(self.sheet, self.header, PLANNING_COLUMNS, REQUIRED_PLANNING)
        if missing:
            self.errors.extend(missing)
            return ()
        rows = [row for number, cells in data_rows(self.sheet, self.header)
                if (row := self.read_row(number, cells)) is not None]
        return tuple(self.session(row, session_id) for row, session_id in zip(rows, settle_ids(rows)))

    def error(self, number: int, field: str, value: object, fr: str, en: str) -> None:
        column = self.header.name(field, PLANNING_COLUMNS) if self.header else None
        self.errors.append(InputError(self.sheet.title, number, column, text(value), fr, en))

    def parsed(self, number: int, cells: tuple, field: str, parse: Callable[[object], T]) -> T | None:
        """The parsed cell of `field`, None if empty, or None after recording a located error."""
        value = self.header.value(cells, field)
        if is_blank(value):
            return None
        try:
            return parse(value)
        except CellError as problem:
            self.error(number, field, value, problem.fr, problem.en)
            return None

    def required(self, number: int, cells: tuple, field: str, parse: Callable[[object], T]) -> T | None:
        if is_blank(self.header.value(cells, field)):
            name = self.header.name(field, PLANNING_COLUMNS)
            self.error(number, field, None, f"la colonne « {name} » est vide : remplissez-la",
                       f"column '{name}' is empty: fill it in")
            return None
        return self.parsed(number, cells, field, parse)

    def find_offer(self, number: int, cells: tuple) -> tuple[bool, Offer | None]:
        """(ok, offer): an empty `Intervention` is an event (True, None); an unknown ID is an error."""
        raw = text(self.header.value(cells, "offer"))
        if not raw:
            return True, None
        offer = self.offers.get(raw) or self.offers_by_key.get(key(raw))
        if offer is None:
            self.error(number, "offer", raw,
                       f"l'intervention « {raw} » n'existe pas dans la feuille Interventions : corrigez l'ID, ou "
                       f"videz la cellule s'il s'agit d'un événement",
                       f"offer '{raw}' does not exist in the Offers sheet: fix the ID, or empty the cell for an event")
            return False, None
        return True, offer

    def read_row(self, number: int, cells: tuple) -> Row | None:
        """The row's values, or None when a cell was unreadable (its error is recorded)."""
        known, offer = self.find_offer(number, cells)
        day = self.required(number, cells, "date", parse_date)
        start = self.required(number, cells, "start", parse_time)
        end = self.required(number, cells, "end", parse_time)
        week = self.parsed(number, cells, "week", parse_int)
        phase = self.parsed(number, cells, "phase", parse_int)
        locked = self.parsed(number, cells, "locked", parse_bool)
        texts = {field: text(self.header.value(cells, field)) for field in TEXT_FIELDS}
        if not known or day is None or start is None or end is None:
            return None
        return Row(number, text(self.header.value(cells, "session")), offer, day, start, end, week, phase,
                   bool(locked), texts)

    def session(self, row: Row, session_id: str) -> Session:
        """The row as a session, empty columns filled from its offer and its date."""
        offer = row.offer
        week = row.week if row.week is not None else self.weeks.get(row.day, 0)
        phase = row.phase if row.phase is not None else self.phase_of_week(week)
        speaker = self.speakers.get(offer.speaker) if offer else None
        return Session(
            session_id=session_id,
            offer_id=offer.id if offer else "",
            day=row.day, start=row.start, end=row.end, week=week, phase=phase,
            title=filled(row.written("title"), offer.title if offer else ""),
            theme=filled(row.written("theme"), offer.theme if offer else ""),
            format=canonical_format(filled(row.written("format"), offer.format if offer else "")),
            speaker=filled(row.written("speaker"), offer.speaker if offer else ""),
            organisation=filled(row.written("organisation"), speaker.organisation if speaker else ""),
            audience=self.audience(row.written("audience"), offer),
            location=filled(row.written("location"), self.default_location(offer)),
            locked=row.locked,
            row=row.number,
        )

    def default_location(self, offer: Offer | None) -> str:
        """Where an offer's session takes place unless the row says otherwise; events keep what is written."""
        if offer is None:
            return ""
        return offer.location or self.problem.programme.location

    def phase_of_week(self, week: int) -> int:
        return self.calendar.phase_of_week(week) if week > 0 else 0

    def audience(self, raw: str, offer: Offer | None) -> str:
        """`Cohorte` or a project ID in the problem's spelling; empty: the offer's audience."""
        if not raw:
            return offer.audience if offer else COHORT
        if key(raw) in {"cohorte", "cohort"}:
            return COHORT
        return self.projects.get(key(raw), raw)


def filled(written: object, default: str) -> str:
    """The cell's text, or `default` when empty; the default's spelling when both agree up to case and accents."""
    raw = text(written)
    if not raw:
        return default
    return default if default and normalise(raw) == normalise(default) else raw


def canonical_format(raw: str) -> str:
    """'conference' -> 'Conférence'; an unknown format is kept as written."""
    return next((f for f in FORMATS if normalise(f) == normalise(raw)), raw)


def settle_ids(rows: list[Row]) -> list[str]:
    """Each row's `Séance`, or a fresh '<offer>-new<k>' ('evenement-new<k>' for an event) when empty."""
    taken = {row.session_id for row in rows if row.session_id}
    settled = []
    for row in rows:
        session_id = row.session_id
        if not session_id:
            stem = row.offer.id if row.offer else "evenement"
            k = 1
            while f"{stem}-new{k}" in taken:
                k += 1
            session_id = f"{stem}-new{k}"
            taken.add(session_id)
        settled.append(session_id)
    return settled


# ---------------------------------------------------------------------------------------------
# The `Groupes` sheet


def read_groups(sheet: Worksheet, problem: Problem, errors: list[InputError]) -> tuple[tuple[str, str], ...]:
    """(participant, project ID) pairs; an unknown project is kept as written for the checker to report."""
    header = find_header(sheet, GROUP_COLUMNS)
    missing = header_errors(sheet, header, GROUP_COLUMNS, ("participant", "project"))
    if header is None or missing:
        errors.extend(missing)
        return ()
    projects = {key(p.id): p.id for p in problem.projects}
    pairs = []
    for number, cells in data_rows(sheet, header):
        name, project = text(header.value(cells, "participant")), text(header.value(cells, "project"))
        if not name:
            errors.append(InputError(sheet.title, number, header.name("participant", GROUP_COLUMNS), project,
                                     "le nom du participant est vide", "the participant's name is empty"))
            continue
        if project:
            pairs.append((name, projects.get(key(project), project)))
    return tuple(pairs)
