"""One prepared instance per run: the calendar, the fixed-event occurrences, every legal start, and
indexes by offer, day, speaker and week. Built once (`prepare`) and shared by the counting checks,
the model, the diagnosis and replan, so that candidates are enumerated once per run."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import Candidate, EventOccurrence, all_candidates, event_occurrences
from scheduler.core.domain import Offer, Problem, Window


@dataclass(frozen=True, eq=False)
class PreparedInstance:
    """A validated problem with what every later step needs about its calendar and legal starts."""

    problem: Problem
    calendar: ProgrammeCalendar
    events: list[EventOccurrence]
    candidates: dict[str, list[Candidate]]  # offer ID -> its legal starts, earliest first

    @property
    def candidate_count(self) -> int:
        return sum(len(starts) for starts in self.candidates.values())

    @cached_property
    def offers(self) -> dict[str, Offer]:
        return {offer.id: offer for offer in self.problem.offers}

    @cached_property
    def organisation_of_speaker(self) -> dict[str, str]:
        return {speaker.name: speaker.organisation for speaker in self.problem.speakers}

    @cached_property
    def by_day(self) -> dict[dt.date, list[Candidate]]:
        return _grouped(self.all_candidates(), lambda c: c.day)

    @cached_property
    def by_week(self) -> dict[int, list[Candidate]]:
        return _grouped(self.all_candidates(), lambda c: c.week)

    @cached_property
    def by_speaker(self) -> dict[str, list[Candidate]]:
        return _grouped(self.all_candidates(), lambda c: self.offers[c.offer_id].speaker)

    @cached_property
    def events_by_day(self) -> dict[dt.date, list[EventOccurrence]]:
        return _grouped(self.events, lambda o: o.day)

    @cached_property
    def windows_of_speaker(self) -> dict[str, list[Window]]:
        return _grouped(self.problem.windows, lambda w: w.speaker)

    @cached_property
    def candidate_at(self) -> dict[tuple[str, dt.date, int, int], Candidate]:
        """(offer ID, day, start, end) -> the legal start there."""
        return {(c.offer_id, c.day, c.start, c.end): c for c in self.all_candidates()}

    def all_candidates(self) -> list[Candidate]:
        """Every legal start, offer by offer in sheet order."""
        return [c for offer in self.problem.offers for c in self.candidates.get(offer.id, ())]

    def in_a_window(self, offer: Offer, day: dt.date, start: int, end: int) -> bool:
        """Whether one of the offer's speaker's windows covers that day and those hours."""
        for window in self.windows_of_speaker.get(offer.speaker, ()):
            first, last = self.calendar.window_span(window)
            if first <= start and end <= last and day in self.calendar.window_days(window):
                return True
        return False


def _grouped(items, key) -> dict:
    grouped: dict = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return dict(grouped)


def prepare(problem: Problem) -> PreparedInstance:
    """The calendar, the fixed events on their days and every offer's legal starts, enumerated once."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    events = event_occurrences(problem, calendar)
    return PreparedInstance(problem, calendar, events, all_candidates(problem, calendar, events))
