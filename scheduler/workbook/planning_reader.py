"""Reading back the `Planning` sheet of a planning.xlsx, possibly edited by hand in Excel.

Headers may be French or English, dates and times cells or text, rows reordered, deleted or
added. A hand-added row may leave most columns empty: they are filled from its offer and its
date. The sheets are read by the one table reader (`table`, header search, merged cells and formulas
reported) with the column tables of `labels`. Every unreadable cell is reported at once, located, as
``InvalidWorkbook``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, FORMATS, Offer, Problem, Session, Timetable
from scheduler.core.errors import InputError, InvalidWorkbook
from scheduler.core.names import sheet_name
from scheduler.core.text import key
from scheduler.workbook.cells import normalise, parse_bool, parse_date, parse_int, parse_time, text
from scheduler.workbook.labels import FORMATS as FORMAT_WORDS
from scheduler.workbook.labels import GROUP_COLUMNS, PLANNING_COLUMNS, PLANNING_SHEETS, Label, find
from scheduler.workbook.table import Book, Row, Table, find_worksheets, open_workbook, read_table, shown

TEXT_FIELDS = ("title", "theme", "format", "speaker", "organisation", "audience", "location")


def read_planning(path: str | Path, problem: Problem) -> Timetable:
    """The timetable held by the `Planning` sheet (and the optional `Groupes` sheet) of `path`; a planning
    of another programme is refused in one error (`foreign_planning`), not one per row."""
    return _read(open_workbook(Path(path)), problem, refuse_foreign=True)


def read_previous_planning(path: str | Path, problem: Problem) -> Timetable:
    """Like `read_planning`, for a timetable planned before the workbook changed: rows of offers since
    removed from the workbook are kept (offer known by its ID only), so that they can be cancelled."""
    book = open_workbook(Path(path))
    sheet = _sheets(book, []).get("planning")
    table = read_table("planning", sheet, PLANNING_COLUMNS, PlanningReport(sheet.title)) if sheet else None
    known = {key(offer.id) for offer in problem.offers}
    removed: dict[str, Offer] = {}
    for row in table.each_row() if table is not None else ():
        offer_id = row.text("offer")
        if offer_id and key(offer_id) not in known and offer_id not in removed:
            removed[offer_id] = Offer(offer_id, row.text("speaker"), row.line("title"), row.text("theme"),
                                      row.text("format"), 60)
    return _read(book, replace(problem, offers=problem.offers + tuple(removed.values())))


@dataclass
class PlanningReport:
    """The `table.Report` of a planning.xlsx sheet: mistakes located at the sheet's title and at each column
    as its header is written (its canonical name when absent), turned into InputErrors once the header is known."""

    title: str
    found: list[tuple[int | None, str | None, object, str, str, bool]] = field(default_factory=list)

    def error(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        self.found.append((row, column, value, fr, en, False))

    def warn(self, row: int | None, column: str | None, value: object, fr: str, en: str) -> None:
        self.found.append((row, column, value, fr, en, True))

    def located(self, table: Table, warnings: bool = False) -> list[InputError]:
        """The errors (or the warnings) found in `table`, in the order found."""
        located = []
        for row, column, value, fr, en, warning in self.found:
            if warning != warnings:
                continue
            label: Label | None = table.labels[column] if column else None
            sheet = PLANNING_SHEETS[table.sheet]
            located.append(InputError(sheet.fr, row, label.fr if label else None, shown(value), fr, en,
                                      warning=warning, sheet_en=sheet.en, column_en=label.en if label else None,
                                      sheet_written=self.title, column_written=table.headers.get(column) if column
                                      else None, keys=(table.sheet, column)))
        return located


def _sheets(book: Book, errors: list[InputError]) -> dict[str, Worksheet]:
    """The `Planning` and `Groupes` sheets found by name (French or English); a second one is an error."""
    def duplicate(sheet: str, title: str, fr: str, en: str) -> None:
        label = PLANNING_SHEETS[sheet]
        errors.append(InputError(label.fr, None, None, None, fr, en, sheet_en=label.en, sheet_written=title))
    return find_worksheets(book.values, PLANNING_SHEETS, duplicate)


def _read(book: Book, problem: Problem, refuse_foreign: bool = False) -> Timetable:
    errors: list[InputError] = []
    sheets = _sheets(book, errors)
    planning = sheets.get("planning")
    if planning is None:
        title = PLANNING_SHEETS["planning"].fr
        raise InvalidWorkbook([InputError(
            title, None, None, None,
            f"le classeur n'a pas de feuille « {title} » : indiquez le fichier planning.xlsx écrit par "
            f"« scheduler plan »",
            f"the workbook has no '{title}' sheet: give the planning.xlsx written by 'scheduler plan'")])
    report = PlanningReport(planning.title)
    table = read_table("planning", planning, PLANNING_COLUMNS, report, book.formulas_of(planning))
    reader = PlanningReader(table, problem)
    sessions = reader.read()
    if refuse_foreign and not belongs(problem, reader.seen):
        raise InvalidWorkbook([foreign_planning(problem, planning.title, len(reader.seen))])
    errors += report.located(table)
    warnings = report.located(table, warnings=True)
    groups_sheet = sheets.get("groups")
    groups: tuple[tuple[str, str], ...] = ()
    if groups_sheet is not None:
        report = PlanningReport(groups_sheet.title)
        table = read_table("groups", groups_sheet, GROUP_COLUMNS, report, book.formulas_of(groups_sheet))
        groups = read_groups(table, problem)
        errors += report.located(table)
        warnings += report.located(table, warnings=True)
    if errors:
        raise InvalidWorkbook(errors, warnings)
    return Timetable(sessions=sessions, groups=groups)


def belongs(problem: Problem, rows: list[tuple[dt.date | None, str]]) -> bool:
    """Whether a timetable's (date, offer ID) rows may be of `problem`'s programme: one readable date at least
    falls within its weeks, and one offer ID at least is one of its offers (rows that say nothing, an
    unreadable date or an event without offer, are no evidence of another programme)."""
    days = sorted(ProgrammeCalendar(problem.programme, problem.closures).week_of)
    offers = {key(offer.id) for offer in problem.offers}
    dated = [day for day, _ in rows if day is not None]
    named = [key(offer_id) for _, offer_id in rows if offer_id]
    in_weeks = not dated or not days or any(days[0] <= day <= days[-1] for day in dated)
    return in_weeks and (not named or any(offer_id in offers for offer_id in named))


def foreign_planning(problem: Problem, sheet: str, count: int, previous: bool = False) -> InputError:
    """The one located error for a timetable of another programme: what it is, what to give instead."""
    from scheduler.core.words import word

    days = sorted(ProgrammeCalendar(problem.programme, problem.closures).week_of) or [problem.programme.start_date]
    values = {"count": count, "programme": problem.programme.name, "first": days[0].strftime("%d/%m/%Y"),
              "last": days[-1].strftime("%d/%m/%Y")}
    name = "run.foreign_previous" if previous else "planning_sheet.foreign"
    label = PLANNING_SHEETS["planning"]
    return InputError(label.fr, None, None, None, word(name, "fr", **values), word(name, "en", **values),
                      sheet_en=label.en, sheet_written=sheet)


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


# ---------------------------------------------------------------------------------------------
# The `Planning` sheet


@dataclass
class PlanningRow:
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


def missing_columns(table: Table) -> bool:
    """Whether a required column is absent (reported once, by the table reader, for the whole sheet)."""
    return any(label.required and column not in table.columns for column, label in table.labels.items())


class PlanningReader:
    """Turns the rows of one `Planning` table into sessions; mistakes go to the table's report."""

    def __init__(self, table: Table, problem: Problem):
        self.table = table
        self.problem = problem
        self.offers = {o.id: o for o in problem.offers}
        self.offers_by_key = {key(o.id): o for o in problem.offers}
        self.speakers = {s.name: s for s in problem.speakers}
        self.projects = {key(p.id): p.id for p in problem.projects}
        self.calendar = ProgrammeCalendar(problem.programme, problem.closures)
        self.weeks = self.calendar.week_of
        self.seen: list[tuple[dt.date | None, str]] = []  # (date, offer ID) of every row, readable or not

    def read(self) -> tuple[Session, ...]:
        if missing_columns(self.table):
            return ()
        rows = [row for cells in self.table.each_row() if (row := self.read_row(cells)) is not None]
        return tuple(self.session(row, session_id) for row, session_id in zip(rows, settle_ids(rows)))

    def find_offer(self, row: Row) -> tuple[bool, Offer | None]:
        """(ok, offer): an empty `Intervention` is an event (True, None); an unknown ID is an error."""
        raw = row.text("offer")
        if not raw or row.already_reported("offer"):
            return not row.already_reported("offer"), None
        offer = self.offers.get(raw) or self.offers_by_key.get(key(raw))
        if offer is None:
            row.error("offer", f"l'intervention « {raw} » n'existe pas dans la feuille "
                               f"{sheet_name('offers', 'fr')} : corrigez l'ID, ou videz la cellule s'il s'agit d'un "
                               f"événement",
                      f"offer '{raw}' does not exist in the {sheet_name('offers', 'en')} sheet: fix the ID, or empty "
                      f"the cell for an event")
            return False, None
        return True, offer

    def read_row(self, row: Row) -> PlanningRow | None:
        """The row's values, or None when a cell was unreadable (its error is recorded)."""
        known, offer = self.find_offer(row)
        day = row.parse("date", parse_date, required=True)
        start = row.parse("start", parse_time, required=True)
        end = row.parse("end", parse_time, required=True)
        week = row.parse("week", parse_int)
        phase = row.parse("phase", parse_int)
        locked = row.parse("locked", parse_bool)
        self.seen.append((day, row.text("offer")))
        texts = {field: row.line(field) if field == "title" else row.text(field) for field in TEXT_FIELDS}
        if not known or not row.ok or day is None or start is None or end is None:
            return None
        return PlanningRow(row.number, row.text("session"), offer, day, start, end, week, phase, bool(locked), texts)

    def session(self, row: PlanningRow, session_id: str) -> Session:
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
    """'conference' or 'Workshop' -> 'Conférence', 'Atelier' (French or English, as the workbook's `Format`
    column reads them); an unknown format is kept as written."""
    return next((f for f in FORMATS if normalise(f) == normalise(raw)), None) or find(FORMAT_WORDS, raw) or raw


def settle_ids(rows: list[PlanningRow]) -> list[str]:
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


def read_groups(table: Table, problem: Problem) -> tuple[tuple[str, str], ...]:
    """(participant, project ID) pairs; an unknown project is kept as written for the checker to report."""
    if missing_columns(table):
        return ()
    projects = {key(p.id): p.id for p in problem.projects}
    pairs = []
    for row in table.each_row():
        name, project = row.text("participant"), row.text("project")
        if not name:
            row.error("participant", f"le nom du participant est vide (projet « {project} ») : écrivez-le",
                      f"the participant's name is empty (project '{project}'): write it")
            continue
        if project:
            pairs.append((name, projects.get(key(project), project)))
    return tuple(pairs)
