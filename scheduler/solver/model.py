"""The CP-SAT model's shared state: one Boolean per candidate start, and helpers to read them."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from ortools.sat.python import cp_model

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, Offer, Problem
from scheduler.core.candidates import Candidate, EventOccurrence
from scheduler.core.instance import PreparedInstance


@dataclass
class Placement:
    """A candidate start together with the model variable saying it is chosen."""

    offer: Offer
    candidate: Candidate
    chosen: cp_model.IntVar

    @property
    def minutes(self) -> int:
        return self.candidate.end - self.candidate.start


@dataclass
class PlanningModel:
    """Everything a rule needs to add its constraints.

    Build it with `PlanningModel.of(instance)`; `model` and `prefix` let several cohorts share one CpModel.
    """

    problem: Problem
    calendar: ProgrammeCalendar
    candidates: dict[str, list[Candidate]]
    events: list[EventOccurrence]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    placements: list[Placement] = field(default_factory=list)
    enforcement: dict[str, cp_model.IntVar] = field(default_factory=dict)
    prefix: str = ""  # before every variable name, to tell cohorts apart in a shared model
    instance: PreparedInstance | None = None

    def __post_init__(self) -> None:
        offers = {offer.id: offer for offer in self.problem.offers}
        for offer_id, starts in self.candidates.items():
            for candidate in starts:
                variable = self.model.NewBoolVar(f"{self.prefix}{offer_id}@{candidate.day:%Y%m%d}T{candidate.start}")
                self.placements.append(Placement(offers[offer_id], candidate, variable))

    @classmethod
    def of(cls, instance: PreparedInstance, model: cp_model.CpModel | None = None, prefix: str = "") -> PlanningModel:
        """One Boolean per legal start of the prepared instance, in `model` (a new one by default); no rule yet."""
        return cls(instance.problem, instance.calendar, instance.candidates, instance.events,
                   model if model is not None else cp_model.CpModel(), prefix=prefix, instance=instance)

    def add(self, rule: str, constraint: cp_model.Constraint) -> None:
        """Tie a constraint to its rule, so a diagnosis solve can switch whole rules off."""
        literal = self.enforcement.get(rule)
        if literal is not None:
            constraint.OnlyEnforceIf(literal)

    @cached_property
    def by_offer(self) -> dict[str, list[Placement]]:
        grouped: dict[str, list[Placement]] = defaultdict(list)
        for placement in self.placements:
            grouped[placement.offer.id].append(placement)
        return grouped

    @cached_property
    def by_day(self) -> dict[dt.date, list[Placement]]:
        grouped: dict[dt.date, list[Placement]] = defaultdict(list)
        for placement in self.placements:
            grouped[placement.candidate.day].append(placement)
        return grouped

    @cached_property
    def events_by_day(self) -> dict[dt.date, list[EventOccurrence]]:
        if self.instance is not None:
            return self.instance.events_by_day
        grouped: dict[dt.date, list[EventOccurrence]] = defaultdict(list)
        for occurrence in self.events:
            grouped[occurrence.day].append(occurrence)
        return grouped

    @cached_property
    def groups(self) -> list[str]:
        """Every project group that has an audience of its own."""
        seen = {p.id for p in self.problem.projects}
        seen |= {p.offer.audience for p in self.placements if p.offer.audience != COHORT}
        seen |= {e.audience for e in self.events if e.audience != COHORT}
        return sorted(seen)

    @cached_property
    def organisation_of_speaker(self) -> dict[str, str]:
        return {speaker.name: speaker.organisation for speaker in self.problem.speakers}

    def grid_points(self, half_day: int) -> range:
        first, last = self.calendar.half_days[half_day]
        return range(first, last, self.problem.programme.slot_minutes)

    def phase_one(self) -> Iterator[Placement]:
        return (p for p in self.placements if p.candidate.phase == 1)
