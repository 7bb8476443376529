"""Use-cases on a year of cohorts (SPEC §6): check, plan, verify, export, replan, roll → typed results.

A workbook is a year when its sheet `Promotions` has rows (`is_year`); the command line then calls
these use-cases, otherwise the one-cohort ones (`app.check`, `app.plan`...) exactly as before.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from scheduler.app.errors import BrokenTimetable, FileRefused
from scheduler.core.domain import Timetable
from scheduler.core.errors import InvalidWorkbook, NoTimetable
from scheduler.core.instance import PreparedInstance, prepare
from scheduler.core.year import YearProblem, offered_sessions
from scheduler.solver.solve import SolveOptions


def is_year(workbook: Path) -> bool:
    """Whether `workbook` has a sheet `Promotions` / `Cohorts` with rows (a file that cannot be read: False,
    the ordinary reader then says what is wrong with it)."""
    from scheduler.app.read_ahead import has_no_cohorts_sheet

    if has_no_cohorts_sheet(workbook):  # the sheets' names alone: no spreadsheet library to load
        return False
    from scheduler.workbook.year_reading import has_cohorts

    try:
        return has_cohorts(workbook)
    except Exception:
        return False


def load_year_workbook(workbook: Path) -> YearProblem:
    """The validated year of `workbook`. Raises FileRefused with every located error."""
    from scheduler.workbook.year_reading import load_year

    try:
        return load_year(workbook)
    except InvalidWorkbook as invalid:
        raise FileRefused(workbook, invalid) from invalid


def year_warnings(year: YearProblem) -> tuple:
    """The reader's warnings of the year, then each cohort's likely mistakes (once each, named by cohort
    when they differ between cohorts)."""
    from scheduler.workbook.likely_mistakes import likely_mistakes

    found: list = list(year.warnings)
    seen = {str(w) for w in found}
    for problem in year.problems:
        for warning in likely_mistakes(problem):
            if str(warning) not in seen:
                seen.add(str(warning))
                found.append(warning)
    return tuple(found)


@dataclass(frozen=True)
class YearCheckResult:
    """The validated year, its warnings and the project-group notes of every cohort."""

    year: YearProblem
    warnings: tuple
    group_notes: tuple


def check_year(workbook: Path) -> YearCheckResult:
    """Read and validate a year workbook, list its warnings. Raises FileRefused."""
    from scheduler.solver.groups import mentoring_notes

    year = load_year_workbook(workbook)
    notes = tuple(note for problem in year.problems for note in mentoring_notes(problem))
    return YearCheckResult(year, year_warnings(year), notes)


def checked_year(year: YearProblem, timetables: tuple[Timetable, ...]) -> tuple[Timetable, ...]:
    """The timetables, once the independent year checker found nothing in them. Raises BrokenTimetable."""
    from scheduler.checker_year import year_violations

    found = year_violations(year, timetables)
    if found:
        raise BrokenTimetable(found)
    return timetables


@dataclass(frozen=True)
class CohortFigures:
    """One cohort's line of the plan's summary."""

    name: str
    folder: str
    placed: int
    offered: int
    themes: int  # phase-1 themes with at least one session
    offered_themes: int
    timetable: Timetable


def cohort_figures(year: YearProblem, timetables: tuple[Timetable, ...]) -> tuple[CohortFigures, ...]:
    """Sessions and phase-1 themes covered, per cohort."""
    from scheduler.exports.year import cohort_folders

    folders = cohort_folders(year)
    figures = []
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        placed = [s for s in timetable.sessions if s.offer_id]
        offered_themes = {o.theme for o in problem.offers if o.phase in (1, None)}
        covered = {s.theme for s in placed if s.phase == 1} & offered_themes
        figures.append(CohortFigures(cohort.name, folders[cohort.name], len(placed), offered_sessions(problem),
                                     len(covered), len(offered_themes), timetable))
    return tuple(figures)


@dataclass(frozen=True)
class YearPlanResult:
    """The joint solve, each cohort's figures, and the files written."""

    year: YearProblem
    solved: object  # scheduler.solver.year.YearResult
    cohorts: tuple[CohortFigures, ...]
    group_notes: tuple
    written: tuple[Path, ...]

    @property
    def offered(self) -> int:
        return sum(c.offered for c in self.cohorts)

    @property
    def worst_share(self) -> float:
        """Percent of its offered sessions placed, for the worst-served cohort."""
        return min((100 * c.placed / c.offered for c in self.cohorts if c.offered), default=100.0)


def plan_year(workbook: Path, out_dir: Path, options: SolveOptions = SolveOptions(), lang: str = "fr",
              on_warnings: Callable[[tuple], None] | None = None, force: bool = False) -> YearPlanResult:
    """Plan every cohort of `workbook` together and write the year's outputs into `out_dir`.

    A folder that already holds a plan (annee.xlsx, a planning.xlsx, calendars' state) is refused
    unless `force`, as for one cohort: `replan` keeps it as the reference.
    Raises PlanExists (exit 2), FileRefused (exit 1), NoTimetable (exit 3, each reason naming its cohort),
    BrokenTimetable (exit 3).
    """
    from scheduler.app.output import guard, write_set
    from scheduler.app.plan import refuse_planned
    from scheduler.exports.year import write_year, write_year_resolution
    from scheduler.solver.year import solve_year
    from scheduler.solver.year_diagnose import required_over_caps, theme_shortfalls

    guard(out_dir, [workbook])
    refuse_planned(out_dir, workbook, force)
    year = load_year_workbook(workbook)
    instances = [prepare(problem) for problem in year.problems]  # once per run: checks and model share them
    obvious = _counted(year, instances) + required_over_caps(year) + theme_shortfalls(year)  # certain, by counting
    if obvious:
        raise NoTimetable(obvious)
    if on_warnings is not None:
        on_warnings(year_warnings(year))
    solved = solve_year(year, options, instances=instances)
    timetables = checked_year(year, solved.timetables)
    written = write_set(out_dir, lambda folder: [*write_year(year, timetables, folder, lang),
                                                 write_year_resolution(year, timetables, folder, solved.penalty_bound,
                                                                       solved.placed_bound)])
    notes = tuple(note for assignment in solved.groups for note in assignment.notes)
    return YearPlanResult(year, solved, cohort_figures(year, timetables), notes, tuple(written))


def _counted(year: YearProblem, instances) -> list:
    """Each cohort's certain conflicts found by counting (no solve), named by cohort."""
    from scheduler.core.errors import Message
    from scheduler.solver.diagnose import counting_checks

    return [Message(f"{cohort.name} : {m.fr}", f"{cohort.name}: {m.en}")
            for cohort, problem, instance in zip(year.cohorts, year.problems, instances)
            for m in counting_checks(problem, instance.candidates)]


@dataclass(frozen=True)
class YearVerifyResult:
    """The timetables read from annee.xlsx (weeks settled), the rows settled, every violation, the rows."""

    year: YearProblem
    timetables: tuple[Timetable, ...]
    settled: tuple
    violations: tuple  # YearViolation
    rows: dict[tuple[str, str], list[int]]  # (cohort, `Séance`) -> rows of the sheet `Année`

    @property
    def session_rows(self) -> int:
        return sum(len(t.sessions) for t in self.timetables)


def read_year_timetables(year: YearProblem, planning: Path, previous: bool = False) -> tuple[Timetable, ...]:
    """One timetable per cohort from the sheet `Année` of `planning` (`previous`: the rows of offers since
    removed kept, to be cancelled). Raises FileRefused."""
    from scheduler.workbook.year_planning_reader import read_year_planning

    try:
        return read_year_planning(planning, year, previous)
    except InvalidWorkbook as invalid:
        raise FileRefused(planning, invalid) from invalid


def verify_year(workbook: Path, planning: Path) -> YearVerifyResult:
    """Check the sheet `Année` of `planning` (annee.xlsx, maybe edited by hand) against every rule of the year."""
    from scheduler.checker_year import year_violations
    from scheduler.workbook.planning_reader import settle_weeks

    year = load_year_workbook(workbook)
    read = read_year_timetables(year, planning)
    timetables, settled, rows = [], [], {}
    for cohort, problem, timetable in zip(year.cohorts, year.problems, read):
        fixed, moved = settle_weeks(problem, timetable)
        timetables.append(fixed)
        settled += moved
        for session in timetable.sessions:
            if session.row:
                rows.setdefault((cohort.name, session.session_id), []).append(session.row)
    timetables = tuple(timetables)
    return YearVerifyResult(year, timetables, tuple(settled), tuple(year_violations(year, timetables)), rows)


@dataclass(frozen=True)
class YearExportResult:
    """The verification and, when it found nothing, the files written."""

    verified: YearVerifyResult
    written: tuple[Path, ...] = field(default=())
    changes: tuple[tuple[str, list], ...] | None = None  # (cohort, Change objects); None: no calendar held any
    fresh: bool = False  # no calendar tracking beside annee.xlsx nor in the output folder: calendars start afresh


def _carry_states(year: YearProblem, previous_folder: Path, out_dir: Path) -> None:
    """Each cohort's calendar tracking, and that of the speakers' year calendars, follows into the new folder
    (SEQUENCE, cancellations)."""
    from scheduler.exports.calendars import carry_state
    from scheduler.exports.year import cohort_folders

    out_dir.mkdir(parents=True, exist_ok=True)
    carry_state(previous_folder, out_dir)
    for folder in cohort_folders(year).values():
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
        carry_state(previous_folder / folder, out_dir / folder)


def _hand_changes(year: YearProblem, timetables, folder: Path) -> dict[str, list] | None:
    """Each cohort's changes from what its calendars held (carried into `folder`) to the hand-edited timetable,
    so that only the people concerned get a message (SPEC §7); None when no calendar held anything yet."""
    from scheduler.core.errors import Message
    from scheduler.core.words import both
    from scheduler.exports.calendars import tracked_sessions
    from scheduler.exports.changes import describe_changes
    from scheduler.exports.year import cohort_folders

    by_hand = Message(*both("replan.by_hand_year"))
    folders = cohort_folders(year)
    changes: dict[str, list] = {}
    for cohort, timetable in zip(year.cohorts, timetables):
        previous = tracked_sessions(folder / folders[cohort.name])
        if previous:
            reasons = {s.session_id: by_hand for s in [*previous, *timetable.sessions]}
            changes[cohort.name] = describe_changes(previous, timetable.sessions, reasons)
    return changes or None


def export_year(workbook: Path, planning: Path, out_dir: Path, lang: str = "fr") -> YearExportResult:
    """Once annee.xlsx obeys every rule, write the year's outputs again into `out_dir`; nothing otherwise."""
    from scheduler.app.output import guard, write_set
    from scheduler.exports.year import write_year

    guard(out_dir, [workbook, planning])
    verified = verify_year(workbook, planning)
    if verified.violations:
        return YearExportResult(verified)

    from scheduler.exports.calendar_state import STATE_FILE

    fresh = not (planning.parent / STATE_FILE).is_file() and not (out_dir / STATE_FILE).is_file()
    found: dict = {}

    def write(folder: Path) -> list[Path]:
        _carry_states(verified.year, planning.parent, folder)
        found["changes"] = _hand_changes(verified.year, verified.timetables, folder)
        return write_year(verified.year, verified.timetables, folder, lang, found["changes"])

    written = write_set(out_dir, write)
    changes = found.get("changes")
    return YearExportResult(verified, written, None if changes is None else
                            tuple((c.name, changes.get(c.name, [])) for c in verified.year.cohorts), fresh)


@dataclass(frozen=True)
class YearReplanResult:
    """The previous and new timetables of every cohort, each cohort's changes, the counts."""

    year: YearProblem
    solved: object  # scheduler.solver.year.YearResult
    changes: tuple[tuple[str, list], ...]  # (cohort, Change objects)
    previous: int  # sessions of the previous timetables
    kept: int  # of them, still at the same day and hour
    counts: dict[str, int]
    written: tuple[Path, ...]


def replan_year(workbook: Path, previous: Path, out_dir: Path, options: SolveOptions = SolveOptions(),
                lang: str = "fr", on_warnings: Callable[[tuple], None] | None = None,
                force: bool = False) -> YearReplanResult:
    """Replan the year from annee.xlsx and write everything into `out_dir`: a cohort whose timetable still
    obeys every rule of its cohort keeps it exactly (unless rule 10 then admits no timetable); in the others
    as many sessions as possible stay in place (stage `kept` first). Another plan in `out_dir` is refused
    unless `force`, as for one cohort."""
    from scheduler.checker import violations
    from scheduler.core.errors import Message
    from scheduler.exports.changes import change_counts, describe_changes
    from scheduler.exports.year import write_year
    from scheduler.app.output import guard, write_set
    from scheduler.app.plan import refuse_planned
    from scheduler.solver.year import solve_year

    guard(out_dir, [workbook, previous])
    refuse_planned(out_dir, workbook, force, previous)
    year = load_year_workbook(workbook)
    if on_warnings is not None:
        on_warnings(year_warnings(year))
    before = read_year_timetables(year, previous, previous=True)
    removed = removed_offer_sessions(year, before)
    current = [replace(t, sessions=tuple(s for s in t.sessions if s not in removed)) for t in before]
    by_cohort = {cohort.name: timetable for cohort, timetable in zip(year.cohorts, current)}
    untouched = {cohort.name: timetable for cohort, problem, timetable in zip(year.cohorts, year.problems, current)
                 if not violations(problem, timetable)}  # still obeys every rule of its cohort: kept as it is
    instances = [prepare(problem) for problem in year.problems]  # once per run: the solves and the reasons share them
    try:
        solved = solve_year(year, options, frozen=untouched, instances=instances, previous=by_cohort)
    except NoTimetable:  # rule 10 (a yearly cap lowered...) needs an untouched cohort to change too
        solved = solve_year(year, options, instances=instances, previous=by_cohort)
    timetables = checked_year(year, solved.timetables)
    changes = []
    kept = 0
    reason = Message("replanifiée après le changement du classeur", "replanned after the workbook changed")
    for cohort, instance, old, new in zip(year.cohorts, instances, before, timetables):
        kept += len({(s.offer_id, s.day, s.start) for s in old.sessions if s.offer_id}
                    & {(s.offer_id, s.day, s.start) for s in new.sessions if s.offer_id})
        reasons = {s.session_id: removed.get(s, reason) for s in (*new.sessions, *old.sessions)}
        reasons |= _double_bookings(cohort.name, old, zip(year.cohorts, before))
        reasons |= _displacement_reasons(instance, old, removed)
        changes.append((cohort.name, describe_changes(old.sessions, new.sessions, reasons)))
    def write(folder: Path) -> list[Path]:
        _carry_states(year, previous.parent, folder)
        return write_year(year, timetables, folder, lang, dict(changes))

    written = write_set(out_dir, write)
    every = [change for _, found in changes for change in found]
    return YearReplanResult(year, solved, tuple(changes), sum(1 for t in before for s in t.sessions if s.offer_id),
                            kept, change_counts(every), tuple(written))


def _double_bookings(name: str, old: Timetable, every) -> dict:
    """A previous session whose speaker gave another session at the same time in another cohort (an edit by
    hand in annee.xlsx): that is why it had to move (rule 10)."""
    from scheduler.core.errors import Message
    from scheduler.core.words import both

    reasons = {}
    others = [(cohort.name, s) for cohort, timetable in every if cohort.name != name
              for s in timetable.sessions if s.offer_id]
    for session in (s for s in old.sessions if s.offer_id):
        clash = next((n for n, o in others if o.speaker == session.speaker and o.day == session.day
                      and o.start < session.end and session.start < o.end), None)
        if clash is not None:
            reasons[session.session_id] = Message(*both("year.replan.double_booked", speaker=session.speaker,
                                                        cohort=clash))
    return reasons


def _displacement_reasons(instance: PreparedInstance, old: Timetable, removed: dict) -> dict:
    """Why each previous session whose place is no longer legal had to leave it (its speaker no longer
    available, a closure…), in the words one cohort's replan uses; the others keep the general reason."""
    from scheduler.core.displacement import displacement_reason

    legal = {(c.offer_id, c.day, c.start, c.end) for starts in instance.candidates.values() for c in starts}
    return {s.session_id: displacement_reason(s, instance.offers.get(s.offer_id), instance) for s in old.sessions
            if s.offer_id and s not in removed and (s.offer_id, s.day, s.start, s.end) not in legal}


def removed_offer_sessions(year: YearProblem, timetables: tuple[Timetable, ...]) -> dict:
    """The previous sessions whose offer was since removed from the workbook (or from their cohort), each with
    the reason its cancellation gives — they are cancelled, as one cohort's `replan` cancels them."""
    from scheduler.core.errors import Message
    from scheduler.core.text import key
    from scheduler.core.words import word

    removed = {}
    for problem, timetable in zip(year.problems, timetables):
        offers = {key(offer.id) for offer in problem.offers}
        for session in timetable.sessions:
            if session.offer_id and key(session.offer_id) not in offers:
                removed[session] = Message(word("year.replan.offer_removed", "fr", offer=session.offer_id),
                                           word("year.replan.offer_removed", "en", offer=session.offer_id))
    return removed


@dataclass(frozen=True)
class RollResult:
    """The new workbook's cohort, and the rows left behind."""

    name: str
    start: dt.date
    dropped: tuple


def roll_workbook(workbook: Path, start: dt.date, out: Path, name: str | None = None, lang: str = "fr") -> RollResult:
    """Next quarter's (or year's) workbook from `workbook`, written at `out`. Raises FileRefused."""
    from scheduler.workbook.roll import roll

    try:
        report = roll(workbook, start, out, name, lang)
    except InvalidWorkbook as invalid:
        raise FileRefused(workbook, invalid) from invalid
    return RollResult(report.name, report.start, tuple(report.dropped))
