"""Hard rule `daily_hours`: no participant has more than `Heures max par jour` of sessions and events in a day."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity, fixed_event_overloads
from scheduler.core.domain import COHORT, Problem
from scheduler.core.errors import Message, same_name
from scheduler.rules.sentences import hours

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "daily_hours"


def constrain(pm: PlanningModel, rows: None = None) -> None:
    """For each day and audience, the minutes of chosen starts fit in the room fixed events leave."""
    limit = pm.problem.programme.max_minutes_per_day
    for day in sorted(set(pm.by_day) | set(pm.events_by_day)):
        placements = pm.by_day.get(day, [])
        events = pm.events_by_day.get(day, [])
        for audience in [COHORT, *pm.groups]:
            attended = [p for p in placements if p.offer.audience in (COHORT, audience)]
            fixed = sum(e.end - e.start for e in events if e.audience in (COHORT, audience))
            room = limit - fixed
            # Only the largest possible day matters: cheap bound before adding a constraint.
            # (When fixed events alone exceed the limit, room < 0 and the constraint cannot hold.)
            if sum(p.minutes for p in attended) <= room:
                continue
            pm.add(LABEL, pm.model.Add(sum(p.minutes * p.chosen for p in attended) <= room))
    _weekly_hours(pm)


def _weekly_hours(pm: PlanningModel) -> None:
    """The daily limits summed over each week: implied by them, but stated so that CP-SAT's bound
    sees how little room a week has (on over-subscribed cohorts it proves the placed count far sooner)."""
    limit = pm.problem.programme.max_minutes_per_day
    for days in pm.calendar.weeks.values():
        for audience in [COHORT, *pm.groups]:
            attended = [p for day in days for p in pm.by_day.get(day, []) if p.offer.audience in (COHORT, audience)]
            room = sum(max(0, limit - sum(e.end - e.start for e in pm.events_by_day.get(day, [])
                                          if e.audience in (COHORT, audience))) for day in days)
            if sum(p.minutes for p in attended) > room:
                pm.add(LABEL, pm.model.Add(sum(p.minutes * p.chosen for p in attended) <= room))


def count(capacity: Capacity) -> list[Message]:
    """Days whose fixed events alone exceed the daily maximum."""
    limit = capacity.problem.programme.max_minutes_per_day
    reasons = []
    for day, _, events, minutes in fixed_event_overloads(capacity.problem, capacity.calendar):
        fr = ", ".join(f"« {e.title} » (ligne {e.row})" for e in events)
        en = ", ".join(f"'{e.title}' (row {e.row})" for e in events)
        sheet = {lang: _events_sheet(capacity.problem, lang) for lang in ("fr", "en")}
        reasons.append(Message(
            f"le {day:%d/%m/%Y}, les événements fixes {fr} ({sheet['fr']}) font {hours(minutes).replace('.', ',')} h "
            f"pour au plus {hours(limit).replace('.', ',')} h par jour (« Heures max par jour ») : raccourcissez-les "
            f"ou augmentez le maximum",
            f"on {day.isoformat()}, the fixed events {en} ({sheet['en']}) take {hours(minutes)} h for at most "
            f"{hours(limit)} h a day ('max_hours_per_day'): shorten them or raise the maximum"))
    return reasons


def _events_sheet(problem: Problem, lang: str) -> str:
    """The sheet `Événements` as the workbook writes it: unquoted when that is its name in `lang` (or unknown),
    else quoted with that name in brackets."""
    written, canonical = problem.names.sheet("events"), "Events" if lang == "en" else "Événements"
    if not written or same_name(written, canonical):
        return written or canonical
    return problem.names.called("events", None, "Événements", "Events", lang)


def describe(row: None, problem: Problem) -> Message:
    """The rule with the programme's figure."""
    limit = hours(problem.programme.max_minutes_per_day)
    return Message(f"pas plus de {limit.replace('.', ',')} h de séances et d'événements par jour et par participant "
                   f"(« Heures max par jour », feuille Programme)",
                   f"no more than {limit} h of sessions and events per participant and day "
                   f"('max_hours_per_day', sheet Programme)")
