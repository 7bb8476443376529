"""What every check needs, computed once: the problem, the timetable, the calendar and lookups."""
from __future__ import annotations

from functools import cached_property

from scheduler.checker.calendar import Calendar
from scheduler.core.domain import Offer, Problem, Session, Speaker, Timetable


class Facts:
    """The problem, the timetable and what is derived from them, shared by the checks."""

    def __init__(self, problem: Problem, timetable: Timetable):
        self.problem = problem
        self.programme = problem.programme
        self.sessions = tuple(sorted(timetable.sessions, key=lambda s: (s.day, s.start, s.end, s.session_id)))
        self.groups = timetable.groups
        self.calendar = Calendar(problem)
        self.offers: dict[str, Offer] = {o.id: o for o in problem.offers}
        self.speakers: dict[str, Speaker] = {s.name: s for s in problem.speakers}

    @cached_property
    def placed(self) -> tuple[Session, ...]:
        """Sessions of a known offer (not events)."""
        return tuple(s for s in self.sessions if not s.is_event and s.offer_id in self.offers)

    @cached_property
    def events(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.is_event)

    def offer_of(self, s: Session) -> Offer | None:
        return self.offers.get(s.offer_id)

    def speaker_of(self, s: Session) -> str:
        offer = self.offer_of(s)
        return offer.speaker if offer else s.speaker

    def organisation_of(self, s: Session) -> str:
        speaker = self.speakers.get(self.speaker_of(s))
        return speaker.organisation if speaker else s.organisation

    def format_of(self, s: Session) -> str:
        offer = self.offer_of(s)
        return offer.format if offer else s.format

    def in_phase1(self, s: Session) -> bool:
        return self.calendar.phase_of_day(s.day) == 1

    @cached_property
    def phase1(self) -> tuple[Session, ...]:
        """Placed sessions that fall on a working day of a phase-1 week."""
        return tuple(s for s in self.placed if self.in_phase1(s))
