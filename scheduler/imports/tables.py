"""A plain table (form responses, a sheet typed by someone else) with the columns of SPEC §1.

Columns are recognised by the names of `Disponibilités`, `Intervenants` and `Interventions`, in
French or English, matched like the workbook reader matches them (a trailing note in brackets,
`Date (JJ/MM/AAAA)`, is allowed). A form's `Nom` / `Nom et prénom` column, or `Prénom` and `Nom`
columns, name the speaker; a column whose name holds `mail` is the speaker's `Email`; a `Moment` /
`Créneau` column (`Matin`, `Après-midi`, `Journée`, `9h-12h`) gives the hours when `Début` and `Fin`
are empty. One line may hold a speaker, an offer and an availability at once; a `Date`, `Jour` or
`Moment` cell listing several values (`03/11/2026 ; 10/11/2026`, `Matin, Après-midi`: a form's
checkboxes) gives one window per value.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from scheduler.core.domain import Programme
from scheduler.core.errors import quoted
from scheduler.core.names import column_name, sheet_name
from scheduler.core.words import both, word
from scheduler.imports.framadate import parse_moment, with_24_hours
from scheduler.imports.sources import Grid, Issue, Proposal
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError, is_blank, text
from scheduler.workbook.labels import COLUMNS, PREFERRED, Label, find

IMPORTED = ("speakers", "offers", "availability")
FULL_NAME = Label("Nom et prénom", "full name", aliases=("Nom", "Name", "Prénom et nom", "Prénom Nom", "Nom complet",
                                                         "Votre nom", "Your name", "Nom Prénom"))
FIRST_NAME = Label("Prénom", "first name", aliases=("given name", "firstname"))
LAST_NAME = Label("Nom de famille", "last name", aliases=("Nom", "surname", "family name"))
MOMENT = Label("Moment", "moment", aliases=("Créneau", "Créneaux", "Demi-journée", "Demi-journées", "Horaire",
                                             "Horaires", "Slot", "Time slot", "Time of day", "Half-day", "Half-days"))
HEADER_SEARCH = 20
# With `ID`, one of these makes a table give offers: Microsoft Forms numbers its responses in a column `ID`.
OFFER_COLUMNS = {"title", "theme", "format", "duration_h"}


def _column(labels: dict[str, Label], name: object) -> str | None:
    found = find(labels, name)
    if found is None and isinstance(name, str) and "(" in name:
        found = find(labels, re.sub(r"\(.*?\)", "", name))
    return found


class Header:
    """The recognised columns of a table: sheet key -> column key -> position; how the name is written."""

    def __init__(self, values: tuple[object, ...]):
        self.values = values
        self.columns: dict[str, dict[str, int]] = {sheet: {} for sheet in IMPORTED}
        for index, value in enumerate(values):
            for sheet in IMPORTED:
                column = _column(COLUMNS[sheet], value)
                if column is not None:
                    self.columns[sheet].setdefault(column, index)
        if "email" not in self.columns["speakers"]:  # a form's 'Adresse e-mail', 'Email address'
            mail = next((i for i, v in enumerate(values) if "mail" in cells.key(v)), None)
            if mail is not None:
                self.columns["speakers"]["email"] = mail
        self.moment = self._position(MOMENT)
        self.first = self._position(FIRST_NAME)
        self.last = self._position(LAST_NAME) if self.first is not None else None
        self.full = self._position(FULL_NAME) if self.first is None else None

    def _position(self, label: Label) -> int | None:
        return next((i for i, value in enumerate(self.values) if label.matches(value)), None)

    def name_position(self) -> int | None:
        speaker = self.columns["availability"].get("speaker")
        return speaker if speaker is not None else self.full if self.full is not None else self.first

    def feeds(self) -> list[str]:
        """The sheets this table gives rows to."""
        found = []
        if "organisation" in self.columns["speakers"]:
            found.append("speakers")
        offer = self.columns["offers"]
        if ("id" in offer and OFFER_COLUMNS & set(offer)) or ("title" in offer and "format" in offer):
            found.append("offers")
        if {"date", "weekday"} & set(self.columns["availability"]):
            found.append("availability")
        return found if self.name_position() is not None else []

    def heading(self, position: int) -> str:
        return text(self.values[position]) if position < len(self.values) else ""


def find_header(grid: Grid) -> tuple[int, Header] | None:
    """The index in `grid.rows` of the header line and its columns, if one names the speaker among the first lines."""
    for index, (_, values) in enumerate(grid.rows[:HEADER_SEARCH]):
        header = Header(values)
        if header.feeds():
            return index, header
    return None


def read_table(grid: Grid, programme: Programme) -> tuple[list[Proposal], list[Issue]]:
    """The speakers, offers and windows of a plain table, and a located issue for every unreadable cell."""
    found = find_header(grid)
    if found is None:
        return [], [Issue(grid.where(grid.rows[0][0] if grid.rows else None), None, _no_columns("fr"),
                          _no_columns("en"))]
    index, header = found
    proposals: list[Proposal] = []
    issues: list[Issue] = []
    for line, values in grid.rows[index + 1:]:
        proposals.extend(_line(grid, header, line, values, issues, programme))
    return proposals, issues


def _no_columns(lang: str) -> str:
    """What a table must hold, the sheets and columns named as the workbook's templates in `lang` name them."""
    columns = {key: column_name("availability", key, lang) for key in ("date", "weekday", "start", "end", "preference")}
    columns |= {key: column_name("speakers", key, lang) for key in ("organisation", "email")}
    sheets = {sheet: quoted(sheet_name(sheet, lang), lang) for sheet in ("availability", "speakers", "offers")}
    return word("import.issue.no_columns", lang, speaker=quoted(column_name("availability", "speaker", lang), lang),
                **sheets, **columns)


def _line(grid: Grid, header: Header, line: int, values: tuple[object, ...], issues: list[Issue],
          programme: Programme) -> list[Proposal]:
    def cell(position: int | None) -> object:
        return values[position] if position is not None and position < len(values) else None

    position = header.name_position()
    name = text(cell(position))
    if header.first is not None and header.last is not None:
        name = " ".join(p for p in (text(cell(header.first)), text(cell(header.last))) if p)
    name_where = grid.where(line, position, header.heading(position))
    if not name:
        issues.append(Issue(name_where, None, *both("import.issue.no_name")))
        return []
    found = []
    for sheet in header.feeds():
        columns = header.columns[sheet]
        if sheet == "availability":
            found.extend(_windows(grid, header, (line, values), name, name_where, issues, programme))
            continue
        row = {column: cell(p) for column, p in columns.items() if column != "speaker" and not is_blank(cell(p))}
        if sheet == "offers" and not row:
            continue  # a speaker's line without any offer
        cells = {column: grid.where(line, p, header.heading(p)) for column, p in columns.items()}
        found.append(Proposal(sheet, name, row, grid.where(line), name_where, cells))
    return found


def _windows(grid: Grid, header: Header, row: tuple[int, tuple[object, ...]], name: str, name_where,
             issues: list[Issue], programme: Programme) -> list[Proposal]:
    """One proposal per day of the line's `Date` (or `Jour`) cell and per moment of its `Moment` cell (if any),
    with its hours, period and preference."""
    line, values = row
    columns = header.columns["availability"]
    parsed: dict[str, object] = {}
    ok = True

    def read(column: str, parser: Callable[[object], object], several: bool = False) -> object:
        nonlocal ok
        position = columns.get(column) if column != "moment" else header.moment
        value = values[position] if position is not None and position < len(values) else None
        if is_blank(value):
            return None
        try:
            return _several(value, parser) if several else parser(value)
        except CellError as problem:
            ok = False
            issues.append(Issue(grid.where(line, position, header.heading(position)), text(value),
                                problem.fr, problem.en))
            return None

    days = read("date", cells.parse_date, several=True)
    weekdays = None if days else read("weekday", cells.parse_weekday, several=True)
    parsed["start"], parsed["end"] = read("start", _clock_time), read("end", _clock_time)
    parsed["from"], parsed["to"] = read("from", cells.parse_date), read("to", cells.parse_date)
    parsed["preference"] = read("preference", _preference)
    moments = None
    if parsed["start"] is None and parsed["end"] is None:
        moments = read("moment", lambda value: parse_moment(value, programme), several=True)
    if not ok or not (days or weekdays):
        return []
    found = []
    for day, weekday, moment in itertools.product(days or [None], weekdays or [None], moments or [None]):
        window = dict(parsed, date=day, weekday=weekday)
        if moment is not None:
            window["start"], window["end"] = moment
        found.append(Proposal("availability", name, {k: v for k, v in window.items() if v is not None},
                              grid.where(line), name_where))
    return found


def _several(value: object, parser: Callable[[object], object]) -> list:
    """A cell holding one value, or several separated by ';', ',' or line breaks (a form's checkboxes)."""
    try:
        return [parser(value)]
    except CellError:
        if not isinstance(value, str):
            raise
    parts = [p for p in re.split(r"\s*[;,\n]\s*", value.strip()) if p]
    if len(parts) < 2:
        raise CellError(*_only_error(value, parser))
    return list(dict.fromkeys(parser(p) for p in parts))


def _only_error(value: object, parser: Callable[[object], object]) -> tuple[str, str]:
    try:
        parser(value)
    except CellError as problem:
        return problem.fr, problem.en
    return "", ""  # pragma: no cover - only called after the parser failed


def _clock_time(value: object) -> int:
    """A time cell or text as the workbook takes it, or in English am/pm hours ('2pm', '9:30 AM')."""
    return cells.parse_time(with_24_hours(value) if isinstance(value, str) else value)


def _preference(value: object) -> bool:
    """'préféré', 'oui', 'x' -> True; 'non' -> False; anything else is a mistake."""
    if PREFERRED.matches(value):
        return True
    if cells.normalise(text(value)) in cells.NO:
        return False
    raise CellError(*both("import.issue.preference"))
