"""Hard rule `audience_overlap`: nobody is in two places at once (cohort and group sessions, fixed events)."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity, fixed_event_clashes
from scheduler.core.candidates import audiences_meet
from scheduler.core.domain import COHORT, VISIT
from scheduler.core.errors import Message

if TYPE_CHECKING:
    from scheduler.solver.model import Placement, PlanningModel

LABEL = "audience_overlap"


def constrain(pm: PlanningModel, rows: None = None) -> None:
    """The cohort's sessions never overlap; a group's never overlap its own or the cohort's; nor do fixed events."""
    audience_clashes(pm, LABEL, whole_half_day=False)
    _fixed_events_apart(pm)


def _covers(placement: Placement, point: int, whole_half_day: bool) -> bool:
    candidate = placement.candidate
    if whole_half_day and placement.offer.format == VISIT:
        return True  # a visit blocks its whole half-day for its audience (travel)
    return candidate.start <= point < candidate.end


def audience_clashes(pm: PlanningModel, rule: str, whole_half_day: bool) -> None:
    """At each grid point, at most one chosen start covers it for any participant (visits cover their half-day
    when `whole_half_day`)."""
    for day, placements in pm.by_day.items():
        for half_day in (0, 1):
            here = [p for p in placements if p.candidate.half_day == half_day]
            if len(here) < 2:
                continue
            if whole_half_day and not any(p.offer.format == VISIT for p in here):
                continue
            for point in pm.grid_points(half_day):
                covering = [p for p in here if _covers(p, point, whole_half_day)]
                cohort = [p.chosen for p in covering if p.offer.audience == COHORT]
                by_group: dict[str, list] = defaultdict(list)
                for p in covering:
                    if p.offer.audience != COHORT:
                        by_group[p.offer.audience].append(p.chosen)
                if len(cohort) > 1:
                    pm.add(rule, pm.model.AddAtMostOne(cohort))
                for members in by_group.values():
                    if len(cohort) + len(members) > 1:
                        pm.add(rule, pm.model.AddAtMostOne(cohort + members))


def _fixed_events_apart(pm: PlanningModel) -> None:
    """Fixed events of people who meet never overlap each other (else no timetable can exist)."""
    for events in pm.events_by_day.values():
        for index, first in enumerate(events):
            for second in events[index + 1:]:
                if audiences_meet(first.audience, second.audience) and first.start < second.end \
                        and second.start < first.end:
                    pm.add(LABEL, pm.model.AddBoolOr([]))


def count(capacity: Capacity) -> list[Message]:
    """Two fixed events at the same time for the same people."""
    names = capacity.problem.names  # the sheet as the workbook writes it
    return [Message(
        f"le {day:%d/%m/%Y}, les événements fixes « {first.title} » "
        f"({names.sheet_row('events', first.row, 'fr')}) et "
        f"« {second.title} » (ligne {second.row}) ont lieu en même temps pour les mêmes participants",
        f"on {day.isoformat()}, the fixed events '{first.title}' "
        f"({names.sheet_row('events', first.row, 'en')}) and "
        f"'{second.title}' (row {second.row}) overlap for the same participants")
        for day, first, second in fixed_event_clashes(capacity.problem, capacity.calendar)]
