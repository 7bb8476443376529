"""The planner's vocabulary: plain frozen dataclasses, no solver and no spreadsheet types.

Times of day are minutes since midnight (``9 * 60 + 30`` is 09:30); dates are ``datetime.date``.
Every object read from the workbook keeps ``row``, the row number as Excel shows it, so that a
message about it can point at the cell.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scheduler.core.errors import WrittenNames

COHORT = "Cohorte"
"""Audience of everything that the whole cohort attends."""

# Formats of an offer (SPEC §1), in their French canonical spelling.
CONFERENCE = "Conférence"
WORKSHOP = "Atelier"
VISIT = "Visite"
MENTORING = "Suivi de projet"
COACHING = "Coaching"
FORMATS = (CONFERENCE, WORKSHOP, VISIT, MENTORING, COACHING)

# Organisation types (SPEC §1).
COMPANY = "Entreprise"
LOCAL_AUTHORITY = "Collectivité"
ASSOCIATION = "Association"
TRAINING_BODY = "Organisme de formation"
OTHER = "Autre"
ORGANISATION_TYPES = (COMPANY, LOCAL_AUTHORITY, ASSOCIATION, TRAINING_BODY, OTHER)


def default_phase(format_name: str) -> int | None:
    """Phase an offer belongs to when its `Phase` cell is empty (None: either phase)."""
    if format_name == MENTORING:
        return 2
    if format_name == COACHING:
        return None
    return 1


@dataclass(frozen=True)
class Programme:
    """The cohort's settings (sheet `Programme`)."""

    name: str
    start_date: dt.date
    weeks: int = 12
    phase1_weeks: int = 6
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    morning: tuple[int, int] = (9 * 60, 12 * 60 + 30)
    afternoon: tuple[int, int] = (13 * 60 + 30, 17 * 60 + 30)
    slot_minutes: int = 30
    max_minutes_per_day: int = 6 * 60
    min_sessions_per_theme: int = 2
    max_sessions_per_organisation: int = 3
    holidays: str = "FR"  # "FR", "FR-57", ... or "" for none
    timezone: str = "Europe/Paris"
    location: str = ""
    coordinator: str = ""  # name signing the messages to speakers and participants
    coordinator_email: str = ""  # From: of those messages
    attendance_events: bool = False  # attendance sheets for the cohort's fixed events too
    project_work: str = ""  # "auto": each group's free phase-2 half-days are "Travail en projet"; "": none


@dataclass(frozen=True)
class Theme:
    name: str
    description: str = ""
    colour: str = ""  # "RRGGBB" or ""
    row: int = 0


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str  # one of ORGANISATION_TYPES
    row: int = 0


@dataclass(frozen=True)
class Speaker:
    name: str
    organisation: str
    email: str = ""
    max_sessions: int | None = None
    row: int = 0
    share_contact: bool = False  # participants may see their e-mail (reseau.xlsx)
    max_sessions_per_year: int | None = None  # over every cohort of a year (SPEC §6); None: no yearly cap


@dataclass(frozen=True)
class Offer:
    """Something a speaker offers to give, `count` times, in different weeks."""

    id: str
    speaker: str
    title: str
    theme: str
    format: str  # one of FORMATS
    duration_minutes: int
    phase: int | None = None  # 1, 2, or None for either
    count: int = 1
    required: bool = False
    project: str = ""  # a project ID for `Suivi de projet`, else ""
    location: str = ""
    row: int = 0
    link: str = ""  # a video-call or information link, written in the calendars (URL)
    bring: str = ""  # what to bring or prepare, written in the calendars

    @property
    def audience(self) -> str:
        """Who attends: the project's group, or the whole cohort."""
        return self.project or COHORT


@dataclass(frozen=True)
class Window:
    """A time when a speaker can come: one date, or a weekday repeating from `first` to `last`."""

    speaker: str
    date: dt.date | None = None
    weekday: int | None = None
    start: int | None = None  # None: from the start of the working day
    end: int | None = None  # None: to the end of the working day
    first: dt.date | None = None
    last: dt.date | None = None
    preferred: bool = False
    row: int = 0


@dataclass(frozen=True)
class Closure:
    first: dt.date
    last: dt.date
    reason: str = ""
    row: int = 0


@dataclass(frozen=True)
class FixedEvent:
    """An event at a fixed time: one date, or a weekday repeating from `first` to `last`."""

    title: str
    start: int
    end: int
    date: dt.date | None = None
    weekday: int | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    audience: str = COHORT  # COHORT or a project ID
    location: str = ""
    row: int = 0


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    organisation: str
    min_size: int | None = None
    max_size: int | None = None
    row: int = 0


@dataclass(frozen=True)
class Participant:
    name: str
    email: str = ""
    wishes: tuple[str, ...] = ()  # project IDs, first wish first
    row: int = 0


@dataclass(frozen=True)
class Problem:
    """Everything the workbook says, validated."""

    programme: Programme
    themes: tuple[Theme, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    offers: tuple[Offer, ...] = ()
    windows: tuple[Window, ...] = ()
    closures: tuple[Closure, ...] = ()
    events: tuple[FixedEvent, ...] = ()
    projects: tuple[Project, ...] = ()
    participants: tuple[Participant, ...] = ()
    weights: tuple[tuple[str, int], ...] = ()  # soft-rule weight overrides, by rule label
    warnings: tuple[str, ...] = ()
    names: WrittenNames = field(default=WrittenNames(), compare=False)  # the sheets and columns as written

    def speaker(self, name: str) -> Speaker:
        return next(s for s in self.speakers if s.name == name)

    def organisation(self, name: str) -> Organisation:
        return next(o for o in self.organisations if o.name == name)

    def offer(self, offer_id: str) -> Offer:
        return next(o for o in self.offers if o.id == offer_id)


@dataclass(frozen=True)
class Session:
    """One row of the `Planning` sheet: a placed occurrence of an offer, or a fixed event."""

    session_id: str  # `Séance`: stable for the same session across runs
    offer_id: str  # "" for a fixed event
    day: dt.date
    start: int
    end: int
    week: int
    phase: int
    title: str
    theme: str = ""
    format: str = ""
    speaker: str = ""
    organisation: str = ""
    audience: str = COHORT
    location: str = ""
    locked: bool = False
    row: int = field(default=0, compare=False)  # the `Planning` row it was read from (0: made by the planner)

    @property
    def is_event(self) -> bool:
        return not self.offer_id

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Unplaced:
    """Occurrences of an offer the timetable does not hold, and why."""

    offer_id: str
    missing: int
    reason: str  # French
    reason_en: str = ""


@dataclass(frozen=True)
class SolveFigures:
    """What the solve reached and spent, for the `Résolution` sheet; iterating gives its (label, text) rows."""

    status: str = ""  # 'OPTIMAL' or 'FEASIBLE' for the first stage (placed count, or kept count when replanning)
    placed: int = 0
    placed_bound: int | None = None
    penalty: int | None = None  # weighted soft-rule penalty (None: not computed)
    penalty_bound: int | None = None
    soft_scores: tuple[tuple[str, int], ...] = ()  # (soft-rule label, its count)
    stage_seconds: tuple[tuple[str, float], ...] = ()  # (stage name, seconds)
    seconds: float = 0.0
    candidates: int = 0
    seed: int = 0
    workers: int = 0
    wishes: tuple[tuple[str, str], ...] = ()  # project-group wish figures, as text
    previous: int | None = None  # replan: sessions of the previous timetable
    kept: int | None = None  # replan: of them, kept in place
    solver: str = ""  # the solver and how it searched ('OR-Tools CP-SAT 9.x, 1 worker, deterministic')
    gap_limit: float | None = None  # the soft stage stopped once within this relative gap of its bound
    stage_work: tuple[tuple[str, float], ...] = ()  # (stage name, CP-SAT deterministic seconds)
    wall_stopped: bool = False  # a stage was stopped by the wall-clock limit: another run may differ

    def rows(self) -> tuple[tuple[str, str], ...]:
        """(label, value) rows, in the order the `Résolution` sheet shows them."""
        rows = [("status", self.status)]
        if self.previous is not None:
            rows.append(("previous", str(self.previous)))
        if self.kept is not None:
            rows.append(("kept", str(self.kept)))
        rows.append(("placed", str(self.placed)))
        if self.placed_bound is not None:
            rows.append(("placed_bound", str(self.placed_bound)))
        if self.penalty is not None:
            rows.append(("penalty", str(self.penalty)))
        if self.penalty is not None and self.penalty_bound is not None:  # no bound (a cohort of a year): none shown
            rows += [("penalty_bound", str(self.penalty_bound)),
                     ("penalty_gap", penalty_gap(self.penalty, self.penalty_bound))]
        rows += [(f"soft:{label}", str(score)) for label, score in self.soft_scores]
        rows += [("candidates", str(self.candidates)), ("seconds", f"{self.seconds:.2f}")]
        if self.solver:  # a plan's solve: what reproduces it (resolution.json's `seed` and `workers`)
            rows += [("seed", str(self.seed)), ("workers", str(self.workers))]
        rows += list(self.wishes)
        return tuple(rows)

    def __iter__(self):
        return iter(self.rows())


def penalty_gap(value: int, bound: int) -> str:
    """How far the soft-rule penalty may still be from the best possible, in percent."""
    if value <= bound:
        return "0 %"
    return f"{100 * (value - bound) / value:.0f} %"


@dataclass(frozen=True)
class Timetable:
    sessions: tuple[Session, ...]
    unplaced: tuple[Unplaced, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (participant, project ID)
    figures: SolveFigures | tuple[tuple[str, str], ...] = field(default=())  # () for a timetable read or made by hand

    def sorted_sessions(self) -> tuple[Session, ...]:
        return tuple(sorted(self.sessions, key=lambda s: (s.day, s.start, s.end, s.audience, s.session_id)))
