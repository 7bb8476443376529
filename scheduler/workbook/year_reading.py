"""Reading a year workbook (SPEC §6): sheet `Promotions`, the cohort columns, the yearly caps.

The existing reader (`reading.load`) stays the one judge of every ordinary cell: each cohort's
`Problem` is read by it from a copy of the workbook in which the `Programme` carries that
cohort's name and dates and the rows of other cohorts are emptied (never deleted, so that
every message keeps the row number the coordinator sees). This module reads only what is new
in SPEC §6 and checks what concerns several cohorts at once. A workbook without `Promotions`
rows is read by `reading.load` alone, exactly as before.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.errors import InputError, InvalidWorkbook, WrittenNames
from scheduler.core.errors import Notice
from scheduler.core.year import (Cohort, YearProblem, cohort_programme, required_over_yearly_caps, single_cohort_year,
                                 unnamed_year, yearly_theme_shortfalls)
from scheduler.workbook import cells
from scheduler.workbook.cells import CellError
from scheduler.workbook.labels import COLUMNS, PROGRAMME_KEYS, SHEETS, YEAR_PROGRAMME_KEYS, find
from scheduler.workbook.reading import load
from scheduler.workbook.year_sheets import (MAX_COUNT, MAX_WEEKS, YEARLY_ORGANISATION_CAP, SheetTable, blank_row,
                                            find_tables, located_error, open_values, parse_date,
                                            setting_row, whole, window_meets, written_names)

# ---------------------------------------------------------------------------------------------
# What SPEC §6 adds: cohorts, their names in other sheets, yearly caps


@dataclass
class YearFacts:
    """What the year columns say, by row; `errors` are located mistakes in them."""

    cohorts: list[Cohort] = field(default_factory=list)
    offer_cohorts: dict[int, tuple[str, ...]] = field(default_factory=dict)  # offers row -> cohorts (() = all)
    row_cohort: dict[tuple[str, int], str] = field(default_factory=dict)  # (sheet, row) -> cohort ('' = all)
    speaker_caps: dict[int, int] = field(default_factory=dict)  # speakers row -> max_sessions_per_year
    organisation_cap: int | None = None
    year_name: str = ""
    errors: list[InputError] = field(default_factory=list)
    names: WrittenNames = WrittenNames()  # the sheets and columns as the workbook writes them

    def resolve(self, name: str) -> str | None:
        return next((c.name for c in self.cohorts if cells.key(c.name) == cells.key(name)), None)


def _read_cohorts(tables: dict[str, SheetTable], facts: YearFacts) -> None:
    table = tables.get("cohorts")
    if table is None or "cohort" not in table.columns or "start_date" not in table.columns:
        return  # a missing column is reported by the reader for the whole sheet
    seen: dict[str, int] = {}
    for row in table.rows:
        name = table.text(row, "cohort")
        problems = len(facts.errors)
        if not name:
            facts.errors.append(located_error("cohorts", row, "cohort", None, "donnez un nom à la promotion",
                                       "give the cohort a name"))
        elif cells.key(name) in seen:
            facts.errors.append(located_error("cohorts", row, "cohort", name,
                                       f"« {name} » figure déjà ligne {seen[cells.key(name)]} : chaque promotion "
                                       f"doit avoir un nom différent",
                                       f"'{name}' already appears on row {seen[cells.key(name)]}: each cohort "
                                       f"needs a different name"))
        seen.setdefault(cells.key(name), row)
        start = _cell(table, row, "start_date", parse_date, facts, required=True)
        weeks = _cell(table, row, "weeks", lambda v: whole(v, 1, MAX_WEEKS), facts)
        phase1 = _cell(table, row, "phase1_weeks", lambda v: whole(v, 0, MAX_WEEKS), facts)
        if weeks is not None and phase1 is not None and phase1 > weeks:
            facts.errors.append(located_error("cohorts", row, "phase1_weeks", phase1,
                                       f"la phase 1 ne peut pas durer plus que la promotion ({weeks} semaines)",
                                       f"phase 1 cannot last longer than the cohort ({weeks} weeks)"))
        if len(facts.errors) == problems and start is not None:
            facts.cohorts.append(Cohort(name, start, weeks, phase1, table.text(row, "location"), row))


def _cell(table: SheetTable, row: int, column: str, parser, facts: YearFacts, required: bool = False):
    value = table.value(row, column)
    if cells.is_blank(value):
        if required:
            label = COLUMNS[table.sheet][column]
            facts.errors.append(located_error(table.sheet, row, column, None,
                                       f"remplissez la colonne « {label.fr} » : elle est obligatoire",
                                       f"fill in column '{label.en}': it is required"))
        return None
    try:
        return parser(value)
    except CellError as problem:
        facts.errors.append(located_error(table.sheet, row, column, value, problem.fr, problem.en))
    except (ValueError, TypeError, ArithmeticError):
        facts.errors.append(located_error(table.sheet, row, column, value, "valeur illisible : retapez-la",
                                   "unreadable value: type it again"))
    return None


def _unknown_cohort(sheet: str, row: int, column: str, name: str, facts: YearFacts) -> InputError:
    known = ", ".join(c.name for c in facts.cohorts)
    cohorts = {lang: facts.names.called("cohorts", None, lang) for lang in ("fr", "en")}
    return located_error(sheet, row, column, name,
                  f"« {name} » n'est pas une promotion de la feuille {cohorts['fr']} ({known}) : corrigez "
                  f"l'orthographe ou ajoutez la promotion",
                  f"'{name}' is not a cohort of sheet {cohorts['en']} ({known}): correct the spelling or add the "
                  f"cohort")


def _read_cohort_columns(tables: dict[str, SheetTable], facts: YearFacts) -> None:
    """`Promotions` on offers; `Promotion` on participants, projects, events and closures."""
    several = len(facts.cohorts) > 1
    offers = tables.get("offers")
    if offers is not None and "cohorts" in offers.columns:
        for row in offers.rows:
            names = [n.strip() for n in offers.text(row, "cohorts").replace(";", ",").split(",") if n.strip()]
            found = []
            for name in names:
                cohort = facts.resolve(name)
                if cohort is None:
                    facts.errors.append(_unknown_cohort("offers", row, "cohorts", name, facts))
                elif cohort not in found:
                    found.append(cohort)
            facts.offer_cohorts[row] = tuple(found)
    for sheet in ("participants", "projects", "events", "closures"):
        table = tables.get(sheet)
        if table is None:
            continue
        for row in table.rows:
            name = table.text(row, "cohort") if "cohort" in table.columns else ""
            cohort = facts.resolve(name) if name else ""
            if cohort is None:
                facts.errors.append(_unknown_cohort(sheet, row, "cohort", name, facts))
                continue
            if not cohort and several and sheet in ("participants", "projects"):
                what_fr = "ce participant" if sheet == "participants" else "ce projet"
                what_en = "this participant" if sheet == "participants" else "this project"
                facts.errors.append(located_error(sheet, row, "cohort", None,
                                           f"indiquez la promotion de {what_fr} : le classeur en a plusieurs "
                                           f"(ajoutez une colonne {facts.names.called(sheet, 'cohort', 'fr')} "
                                           f"si elle manque)",
                                           f"give the cohort of {what_en}: the workbook has several "
                                           f"(add a column {facts.names.called(sheet, 'cohort', 'en')} if it "
                                           f"is missing)"))
                continue
            facts.row_cohort[(sheet, row)] = cohort


def _read_caps(tables: dict[str, SheetTable], facts: YearFacts) -> None:
    speakers = tables.get("speakers")
    if speakers is not None:
        for row in speakers.rows:
            cap = _cell(speakers, row, "max_sessions_per_year", lambda v: whole(v, 1, MAX_COUNT), facts)
            if cap is not None:
                facts.speaker_caps[row] = cap
    programme = tables.get("programme")
    row = setting_row(programme, YEAR_PROGRAMME_KEYS[YEARLY_ORGANISATION_CAP])
    if programme is not None and row is not None:
        facts.organisation_cap = _cell(programme, row, "value", lambda v: whole(v, 1, MAX_COUNT), facts)
    name_row = setting_row(programme, PROGRAMME_KEYS["name"])
    if programme is not None and name_row is not None:
        facts.year_name = programme.text(name_row, "value")


# ---------------------------------------------------------------------------------------------
# Per-cohort copies read by `reading.load`


def _set_setting(table: SheetTable, setting: str, value: object) -> None:
    """Give the `Programme` setting `value`, on its row or on a new row below the table."""
    row = setting_row(table, PROGRAMME_KEYS[setting])
    if row is None:
        row = max([table.header, *table.rows, table.worksheet.max_row]) + 1
        table.worksheet.cell(row, table.columns["parameter"]).value = PROGRAMME_KEYS[setting].fr
        table.rows.append(row)
    table.worksheet.cell(row, table.columns["value"]).value = value


def _drop_year_setting(table: SheetTable | None) -> None:
    row = setting_row(table, YEAR_PROGRAMME_KEYS[YEARLY_ORGANISATION_CAP])
    if table is not None and row is not None:
        blank_row(table, row)


def _read_copy(path: Path, edit) -> tuple[domain.Problem | None, list[InputError], list[str]]:
    """`reading.load` on a copy of the workbook changed by `edit(tables)`: (Problem, errors, warnings)."""
    workbook = open_values(path)
    tables = find_tables(workbook)
    edit(tables)
    with tempfile.TemporaryDirectory(prefix="scheduler-year-") as folder:
        copy = Path(folder) / f"{path.stem}.xlsx"  # openpyxl writes .xlsx, whatever the input (.ods too)
        workbook.save(copy)
        try:
            problem = load(copy)
        except InvalidWorkbook as invalid:
            return None, invalid.errors, [*invalid.warnings]
    return problem, [], list(problem.warnings)


def _programme_edit(tables: dict[str, SheetTable], cohort: Cohort) -> None:
    programme = tables.get("programme")
    if programme is None or "parameter" not in programme.columns or "value" not in programme.columns:
        return
    _drop_year_setting(programme)
    _set_setting(programme, "name", cohort.name)
    _set_setting(programme, "start_date", dt.datetime.combine(cohort.start_date, dt.time()))
    for setting, value in (("weeks", cohort.weeks), ("phase1_weeks", cohort.phase1_weeks),
                           ("location", cohort.location or None)):
        if value is not None:
            _set_setting(programme, setting, value)


def _cohort_edit(cohort: Cohort, facts: YearFacts, span: tuple[dt.date, dt.date]):
    def edit(tables: dict[str, SheetTable]) -> None:
        _programme_edit(tables, cohort)
        # a project's cohort; None: missing or unknown (reported), its mentoring and group events go nowhere
        project_cohort = {cells.key(tables["projects"].text(r, "id")): facts.row_cohort.get(("projects", r))
                          for r in tables["projects"].rows} if "projects" in tables else {}
        if "offers" in tables:
            offers = tables["offers"]
            for row in offers.rows:
                wanted = facts.offer_cohorts.get(row, ())
                owner = project_cohort.get(cells.key(offers.text(row, "project")), "")
                if (wanted and cohort.name not in wanted) or owner is None or (owner and owner != cohort.name):
                    blank_row(offers, row)
        for sheet in ("participants", "projects", "events", "closures"):
            if sheet in tables:
                for row in tables[sheet].rows:  # None: its cohort is unknown or missing, already reported
                    if facts.row_cohort.get((sheet, row)) not in ("", cohort.name):
                        blank_row(tables[sheet], row)
        if "events" in tables:  # an event for every cohort: in those it falls in; a group's: in its cohort
            events = tables["events"]
            for row in events.rows:
                owner = project_cohort.get(cells.key(events.text(row, "audience")), "")
                shared = not facts.row_cohort.get(("events", row), "")
                if owner is None or (owner and owner != cohort.name) or (shared and not window_meets(events, row, span)):
                    blank_row(events, row)
        if "availability" in tables:
            for row in tables["availability"].rows:
                if not window_meets(tables["availability"], row, span):
                    blank_row(tables["availability"], row)
    return edit


def _first_pass_edit(cohort: Cohort):
    """Only what the cohorts' calendars need (Programme, closures): other dated sheets emptied."""
    def edit(tables: dict[str, SheetTable]) -> None:
        _programme_edit(tables, cohort)
        for sheet in ("offers", "availability", "events", "projects", "participants"):
            for row in tables[sheet].rows if sheet in tables else ():
                blank_row(tables[sheet], row)
    return edit


# ---------------------------------------------------------------------------------------------
# Checks across cohorts


def cohort_calendar(base: domain.Problem, cohort: Cohort, facts: YearFacts) -> ProgrammeCalendar:
    """The cohort's calendar: the base `Programme` with the cohort's dates, its own closures and the shared ones."""
    problem = cohort_programme(base, cohort)
    closures = tuple(c for c in base.closures if facts.row_cohort.get(("closures", c.row), "") in ("", cohort.name))
    return ProgrammeCalendar(problem.programme, closures)


def _check_start_days(calendars: dict[str, ProgrammeCalendar], facts: YearFacts) -> None:
    """A cohort starts on a working day."""
    for cohort in facts.cohorts:
        calendar = calendars[cohort.name]
        reason = calendar.non_working_reason(cohort.start_date)
        if reason is None and cohort.start_date.weekday() not in calendar.programme.weekdays:
            reason = cells.WEEKDAYS_FR[cohort.start_date.weekday()]
        if reason is not None:
            facts.errors.append(located_error("cohorts", cohort.row, "start_date", cohort.start_date,
                                       f"la promotion commence un jour non travaillé ({reason}) : choisissez "
                                       f"un jour travaillé", f"the cohort starts on a day that is not worked "
                                                            f"({reason}): choose a working day"))


def _check_shared_participants(tables: dict[str, SheetTable], spans: dict[str, tuple[dt.date, dt.date]],
                               facts: YearFacts) -> None:
    """One person cannot follow two cohorts that run at the same time."""
    table = tables.get("participants")
    if table is None:
        return
    seen: dict[str, tuple[str, int]] = {}
    for row in table.rows:
        cohort = facts.row_cohort.get(("participants", row))
        name = cells.key(table.text(row, "participant"))
        if not cohort or not name:
            continue
        for other, other_row in [seen[name]] if name in seen else []:
            first, second = spans[cohort], spans[other]
            if other != cohort and first[0] <= second[1] and second[0] <= first[1]:
                facts.errors.append(located_error(
                    "participants", row, "participant", table.text(row, "participant"),
                    f"déjà inscrit ligne {other_row} dans la promotion « {other} », qui a lieu en même temps que "
                    f"« {cohort} » : une personne suit une seule promotion à la fois",
                    f"already listed on row {other_row} in cohort '{other}', which runs at the same time as "
                    f"'{cohort}': a person follows one cohort at a time"))
        seen.setdefault(name, (cohort, row))


def _check_dates_in_year(tables: dict[str, SheetTable], spans: dict[str, tuple[dt.date, dt.date]],
                         facts: YearFacts) -> None:
    """Windows, and events for every cohort, fall in at least one cohort."""
    for sheet in ("availability", "events"):
        table = tables.get(sheet)
        for row in table.rows if table is not None else ():
            if sheet == "events" and facts.row_cohort.get(("events", row), ""):
                continue  # checked against its own cohort by the reader
            if not any(window_meets(table, row, span) for span in spans.values()):
                column = "date" if not cells.is_blank(table.value(row, "date")) else "from"
                facts.errors.append(located_error(sheet, row, column, table.value(row, column),
                                           "cette date ne tombe dans aucune promotion : corrigez-la ou supprimez "
                                           "la ligne", "this date falls in no cohort: correct it or delete the row"))


# ---------------------------------------------------------------------------------------------
# The whole year


def _dedupe(errors: list[InputError], tables: dict[str, SheetTable]) -> list[InputError]:
    """Each error once (named as the workbook writes its sheets and columns), in sheet order, then row order."""
    seen, kept = set(), []
    for error in map(written_names(tables).name, errors):
        mark = (error.sheet, error.row, error.column, error.message.fr)
        if mark not in seen:
            seen.add(mark)
            kept.append(error)
    order = {label.fr: index for index, label in enumerate(SHEETS.values())}
    return sorted(kept, key=lambda e: (order.get(e.sheet, len(order)), e.row or 0))


def _with_caps(problem: domain.Problem, facts: YearFacts) -> domain.Problem:
    if not facts.speaker_caps:
        return problem
    speakers = tuple(replace(s, max_sessions_per_year=facts.speaker_caps.get(s.row)) for s in problem.speakers)
    return replace(problem, speakers=speakers)


def has_cohorts(path: str | Path) -> bool:
    """Whether the workbook's sheet `Promotions` / `Cohorts` has rows below its header (then it is read as a
    year); read without loading the other sheets, so that a one-cohort workbook pays almost nothing."""
    import warnings

    import openpyxl

    from scheduler.workbook.ods import is_ods, load_ods

    if is_ods(path):  # LibreOffice's own format (SPEC §7): read whole, values only
        book = load_ods(path)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = next((ws for ws in book.worksheets if find(SHEETS, ws.title) == "cohorts"), None)
        if sheet is None:
            return False
        filled = 0
        for values in sheet.iter_rows(values_only=True):
            filled += any(not cells.is_blank(value) for value in values)
            if filled > 1:  # the header and one row
                return True
        return False
    finally:
        book.close()


def load_year(path: str | Path) -> YearProblem:
    """Read a workbook as a year of cohorts; raise InvalidWorkbook listing every mistake."""
    path = Path(path)
    try:
        workbook = open_values(path)
    except Exception:  # the reader names what is wrong with the file
        load(path)
        raise
    tables = find_tables(workbook)
    facts = YearFacts(names=written_names(tables))
    _read_cohorts(tables, facts)
    _read_caps(tables, facts)
    if not facts.cohorts and not facts.errors:
        if setting_row(tables.get("programme"), YEAR_PROGRAMME_KEYS[YEARLY_ORGANISATION_CAP]) is None:
            problem = load(path)
        else:
            problem, errors, notes = _read_copy(path, lambda t: _drop_year_setting(t.get("programme")))
            if problem is None:
                raise InvalidWorkbook(errors, notes)
        problem = _with_caps(problem, facts)
        year = single_cohort_year(problem)
        return replace(year, speakers=problem.speakers, max_sessions_per_organisation_per_year=facts.organisation_cap)
    if not facts.cohorts:
        raise InvalidWorkbook(_dedupe(facts.errors, tables))
    _read_cohort_columns(tables, facts)
    return _load_cohorts(path, tables, facts)


def _load_cohorts(path: Path, tables: dict[str, SheetTable], facts: YearFacts) -> YearProblem:
    errors: list[InputError] = []
    notes: list = []
    base, first_errors, _ = _read_copy(path, _first_pass_edit(facts.cohorts[0]))
    errors += first_errors
    if base is not None:
        calendars = {c.name: cohort_calendar(base, c, facts) for c in facts.cohorts}
        spans = {name: (calendar.first_day, calendar.last_day) for name, calendar in calendars.items()}
        _check_start_days(calendars, facts)
    else:  # the Programme itself is wrong: estimate the spans, the messages say what to fix
        spans = {c.name: (c.start_date, c.start_date + dt.timedelta(weeks=(c.weeks or 12) + 2)) for c in facts.cohorts}
    _check_shared_participants(tables, spans, facts)
    _check_dates_in_year(tables, spans, facts)
    problems = []
    for cohort in facts.cohorts:
        problem, cohort_errors, cohort_notes = _read_copy(path, _cohort_edit(cohort, facts, spans[cohort.name]))
        errors += cohort_errors
        notes += cohort_notes
        if problem is not None:
            problems.append(_with_caps(replace(problem, warnings=()), facts))
    all_errors = _dedupe([*errors, *facts.errors], tables)
    if all_errors:
        raise InvalidWorkbook(all_errors, _year_notes(notes, len(facts.cohorts)))
    year = YearProblem(facts.year_name or unnamed_year(facts.cohorts[0].start_date.year), tuple(facts.cohorts),
                       tuple(problems), problems[0].speakers, facts.organisation_cap, False,
                       tuple(_year_notes(notes, len(facts.cohorts))), named=bool(facts.year_name))
    return replace(year, warnings=year.warnings + tuple(required_warnings(year)) + tuple(theme_warnings(year)))


def required_warnings(year: YearProblem) -> list[Notice]:
    """A speaker whose required sessions over the year exceed `Max séances par an`, located on their row."""
    notes = []
    for excess in required_over_yearly_caps(year):
        if excess.row is None:
            continue
        cohorts = ", ".join(f"{cohort} {count}" for cohort, count in excess.per_cohort)
        offers = ", ".join(excess.offers)
        notes.append(Notice(year.problems[0].names.name(located_error(
            "speakers", excess.row, "max_sessions_per_year", excess.cap,
            f"ses interventions obligatoires {offers} demandent {excess.need} séances dans l'année ({cohorts}) : "
            f"aucun planning de l'année n'est possible ; relevez ce plafond ou rendez une intervention facultative",
            f"their required offers {offers} need {excess.need} sessions in the year ({cohorts}): no timetable of "
            f"the year is possible; raise that cap or make an offer optional", warning=True))))
    return notes


def theme_warnings(year: YearProblem) -> list[Notice]:
    """A theme whose speakers' yearly caps cannot give every cohort its minimum, the arithmetic shown."""
    notes = []
    for shortfall in yearly_theme_shortfalls(year):
        row = next((t.row for t in year.problems[0].themes if t.name == shortfall.theme), None)
        parts = " + ".join(f"{count} ({speaker})" for speaker, count in shortfall.parts) or "0"
        names = year.problems[0].names
        cap = {lang: names.called("speakers", "max_sessions_per_year", lang) for lang in ("fr", "en")}
        minimum = {lang: names.setting("min_sessions_per_theme", lang) for lang in ("fr", "en")}
        notes.append(Notice(names.name(located_error(
            "themes", row, "theme", shortfall.theme,
            f"ses intervenants peuvent donner au plus {parts} = {shortfall.supply} séances de phase 1 dans l'année "
            f"(plafonds {cap['fr']} compris), pour {shortfall.need} demandées par les promotions "
            f"({minimum['fr']}) : aucun planning de l'année n'est possible ; relevez des plafonds ou "
            f"ajoutez des interventions", f"its speakers can give at most {parts} = {shortfall.supply} phase-1 "
            f"sessions in the year ({cap['en']} included), for {shortfall.need} the cohorts need "
            f"({minimum['en']}): no timetable of the year is possible; raise some caps or add offers",
            warning=True))))
    return notes


def _year_notes(notes: list, cohorts: int) -> list:
    """Warnings once each; a speaker without windows in one cohort is only worth a warning if in none."""
    counts: dict[str, int] = {}
    for note in notes:
        counts[str(note)] = counts.get(str(note), 0) + 1
    kept, seen = [], set()
    for note in notes:
        text = str(note)
        if text in seen:
            continue
        seen.add(text)
        if "aucune disponibilité" in text and counts[text] < cohorts:
            continue
        kept.append(note)
    return kept
