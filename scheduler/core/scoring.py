"""The soft rules' penalties of a timetable, from the Timetable and the Problem alone (no solver).

One function per soft rule, named after its label (`scheduler/core/soft_rules.py`), counting exactly
what the model's expression of the same name (`scheduler/solver/objective.py`) counts at an
optimum, so that `verify` can print the soft score of a hand-edited timetable and tests can hold
the model to it. Fixed events count where the model counts them (cohort day loads).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import Candidate, all_candidates, event_occurrences
from scheduler.core.domain import COHORT, CONFERENCE, MENTORING, VISIT, WORKSHOP, Offer, Problem, Session, Timetable
from scheduler.core.soft_rules import effective_weights

DISCOVERY_FORMATS = (CONFERENCE, WORKSHOP, VISIT)


@dataclass(frozen=True)
class Placed:
    """A timetable's session of a known offer, with its week and phase recomputed from its date."""

    offer: Offer
    session: Session
    week: int
    phase: int

    @property
    def day(self) -> dt.date:
        return self.session.day


class Scoring:
    """A timetable read against its problem: placed sessions, fixed events, legal starts."""

    def __init__(self, problem: Problem, timetable: Timetable):
        self.problem = problem
        self.timetable = timetable
        self.calendar = ProgrammeCalendar(problem.programme, problem.closures)
        offers = {offer.id: offer for offer in problem.offers}
        self.placed: list[Placed] = []
        for session in timetable.sessions:
            offer = offers.get(session.offer_id)
            if offer is None:
                continue  # fixed events and unknown offers (the checker reports the latter)
            week = self.calendar.week_of.get(session.day, session.week)
            phase = self.calendar.phase_of_week(week) if session.day in self.calendar.week_of else session.phase
            self.placed.append(Placed(offer, session, week, phase))
        self.organisation_of = {speaker.name: speaker.organisation for speaker in problem.speakers}

    @cached_property
    def candidates(self) -> dict[str, list[Candidate]]:
        return all_candidates(self.problem, self.calendar, event_occurrences(self.problem, self.calendar))

    def phase_one(self) -> list[Placed]:
        return [p for p in self.placed if p.phase == 1]

    def phase_one_candidates(self) -> list[tuple[Offer, Candidate]]:
        return [(offer, c) for offer in self.problem.offers for c in self.candidates.get(offer.id, ()) if c.phase == 1]

    def cohort_day_loads(self) -> dict[dt.date, int]:
        """Each day's cohort load in grid slots: fixed events' minutes (summed, then divided) plus each session's."""
        slot = self.problem.programme.slot_minutes
        event_minutes: Counter = Counter()
        for session in self.timetable.sessions:
            if session.is_event and session.audience == COHORT:
                event_minutes[session.day] += session.end - session.start
        loads: Counter = Counter({day: minutes // slot for day, minutes in event_minutes.items()})
        for p in self.placed:
            if p.offer.audience == COHORT:
                loads[p.day] += (p.session.end - p.session.start) // slot
        return dict(loads)


def _beyond_one(groups: Counter) -> int:
    return sum(max(0, count - 1) for count in groups.values())


def theme_weeks_missed(s: Scoring) -> int:
    themes = {offer.theme for offer in s.problem.offers if offer.phase in (1, None)}
    present = {(p.offer.theme, p.week) for p in s.phase_one()}
    return sum((theme, week) not in present for theme in themes for week in s.calendar.weeks_of_phase(1))


def theme_twice_a_day(s: Scoring) -> int:
    return _beyond_one(Counter((p.offer.theme, p.day) for p in s.placed))


def organisation_twice_a_week(s: Scoring) -> int:
    return _beyond_one(Counter((s.organisation_of.get(p.offer.speaker, ""), p.week) for p in s.placed))


def _kind_of(s: Scoring, offer: Offer) -> str:
    kinds = {organisation.name: organisation.kind for organisation in s.problem.organisations}
    return kinds.get(s.organisation_of.get(offer.speaker, ""), "")


def organisation_types_missing(s: Scoring) -> int:
    kinds = {_kind_of(s, offer) for offer, _ in s.phase_one_candidates()} - {""}
    present = {(_kind_of(s, p.offer), p.week) for p in s.phase_one()}
    return sum((kind, week) not in present for kind in kinds for week in s.calendar.weeks_of_phase(1))


def formats_missing(s: Scoring) -> int:
    formats = {offer.format for offer, _ in s.phase_one_candidates() if offer.format in DISCOVERY_FORMATS}
    present = {(p.offer.format, p.week) for p in s.phase_one()}
    return sum((fmt, week) not in present for fmt in formats for week in s.calendar.weeks_of_phase(1))


def overloaded_days(s: Scoring) -> int:
    comfortable = (2 * s.problem.programme.max_minutes_per_day // 3) // s.problem.programme.slot_minutes
    return sum(max(0, load - comfortable) for load in s.cohort_day_loads().values())


def lone_short_days(s: Scoring) -> int:
    short = max(1, 60 // s.problem.programme.slot_minutes)
    return sum(0 < load <= short for load in s.cohort_day_loads().values())


def preferred_windows_missed(s: Scoring) -> int:
    spans: dict[tuple[str, dt.date], list[tuple[int, int]]] = defaultdict(list)  # preferred spans by speaker and day
    for window in (w for w in s.problem.windows if w.preferred):
        for day in s.calendar.window_days(window):
            spans[(window.speaker, day)].append(s.calendar.window_span(window))
    with_preference = {speaker for speaker, _ in spans} | {w.speaker for w in s.problem.windows if w.preferred}
    return sum(1 for p in s.placed if p.offer.speaker in with_preference
               and not any(start <= p.session.start and p.session.end <= end
                           for start, end in spans.get((p.offer.speaker, p.day), ())))


def _mentoring_weeks(s: Scoring, at_least: int) -> list[tuple[list[int], list[Placed]]]:
    """For each mentoring offer with legal starts and at least `at_least` occurrences: its possible weeks and sessions."""
    found = []
    for offer in s.problem.offers:
        starts = s.candidates.get(offer.id, [])
        if offer.format == MENTORING and offer.count >= at_least and starts:
            found.append((sorted({c.week for c in starts}), [p for p in s.placed if p.offer.id == offer.id]))
    return found


def mentoring_week_gaps(s: Scoring) -> int:
    total = 0
    for weeks, sessions in _mentoring_weeks(s, 2):
        indexes = [weeks.index(p.week) for p in sessions if p.week in weeks]
        if len(weeks) >= 3 and indexes:
            total += max(0, max(indexes) - min(indexes) + 1 - len(indexes))
    return total


def mentoring_late_start(s: Scoring) -> int:
    total = 0
    for weeks, sessions in _mentoring_weeks(s, 1):
        indexes = [weeks.index(p.week) for p in sessions if p.week in weeks]
        total += min(indexes, default=0)
    return total


def _off_the_usual(sessions: list[Placed], slot_of: Callable[[Placed], object]) -> int:
    counts = Counter(slot_of(p) for p in sessions)
    return len(sessions) - max(counts.values(), default=0)


def mentoring_rhythm_changes(s: Scoring) -> int:
    return sum(_off_the_usual(sessions, lambda p: p.day.weekday()) + _off_the_usual(sessions, lambda p: p.session.start)
               for _, sessions in _mentoring_weeks(s, 2))


SCORERS: dict[str, Callable[[Scoring], int]] = {
    "theme_weeks_missed": theme_weeks_missed,
    "theme_twice_a_day": theme_twice_a_day,
    "organisation_twice_a_week": organisation_twice_a_week,
    "organisation_types_missing": organisation_types_missing,
    "formats_missing": formats_missing,
    "overloaded_days": overloaded_days,
    "lone_short_days": lone_short_days,
    "preferred_windows_missed": preferred_windows_missed,
    "mentoring_week_gaps": mentoring_week_gaps,
    "mentoring_late_start": mentoring_late_start,
    "mentoring_rhythm_changes": mentoring_rhythm_changes,
}


def soft_scores(problem: Problem, timetable: Timetable) -> dict[str, int]:
    """Each soft rule's penalty (unweighted units) of the timetable, by label."""
    scoring = Scoring(problem, timetable)
    return {label: scorer(scoring) for label, scorer in SCORERS.items()}


def weighted_penalty(problem: Problem, scores: dict[str, int]) -> int:
    """The weighted sum the solve minimises: each score times its weight (defaults, then the `Poids` sheet)."""
    weights = effective_weights(problem.weights)
    return sum(weights.get(label, 0) * score for label, score in scores.items())


def soft_penalty(problem: Problem, timetable: Timetable) -> int:
    """The timetable's weighted soft-rule penalty."""
    return weighted_penalty(problem, soft_scores(problem, timetable))
