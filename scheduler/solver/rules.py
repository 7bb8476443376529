"""The hard rules of SPEC §2 as CP-SAT constraints: one function per rule, named after it.

Rules 1 and 2 (availability, working days, half-days, grid, phase weeks) and the fixed events
are already obeyed by every candidate (see `candidates.py`); the functions here keep the chosen
candidates from clashing with each other. Each function's label is the one the checker,
messages and reports use.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from ortools.sat.python import cp_model

from scheduler.core.domain import COHORT, VISIT
from scheduler.core.candidates import audiences_meet
from scheduler.solver.model import Placement, PlanningModel


def _covers(placement: Placement, point: int, whole_half_day: bool) -> bool:
    candidate = placement.candidate
    if whole_half_day and placement.offer.format == VISIT:
        return True  # a visit blocks its whole half-day for its audience (travel)
    return candidate.start <= point < candidate.end


def audience_overlap(pm: PlanningModel) -> None:
    """Nobody is in two places at once: the cohort's sessions never overlap, a group's never overlap its own or the cohort's."""
    _audience_clashes(pm, "audience_overlap", whole_half_day=False)
    _fixed_events_apart(pm)


def visit_half_day(pm: PlanningModel) -> None:
    """A company visit takes its whole half-day for those who go (travel)."""
    if any(p.offer.format == VISIT for p in pm.placements):
        _audience_clashes(pm, "visit_half_day", whole_half_day=True)


def _audience_clashes(pm: PlanningModel, rule: str, whole_half_day: bool) -> None:
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


def speaker_overlap(pm: PlanningModel) -> None:
    """A speaker gives one session at a time."""
    for day, placements in pm.by_day.items():
        by_speaker: dict[str, list[Placement]] = defaultdict(list)
        for p in placements:
            by_speaker[p.offer.speaker].append(p)
        for speaker_placements in by_speaker.values():
            if len({p.offer.id for p in speaker_placements}) < 2:
                continue  # one offer alone is already kept to one occurrence per week
            for half_day in (0, 1):
                for point in pm.grid_points(half_day):
                    covering = [p.chosen for p in speaker_placements if p.candidate.start <= point < p.candidate.end]
                    if len(covering) > 1:
                        pm.add("speaker_overlap", pm.model.AddAtMostOne(covering))


def speaker_max_sessions(pm: PlanningModel) -> None:
    """A speaker gives at most `Max séances` sessions in all."""
    for speaker in pm.problem.speakers:
        if speaker.max_sessions is None:
            continue
        chosen = [p.chosen for p in pm.placements if p.offer.speaker == speaker.name]
        if len(chosen) > speaker.max_sessions:
            pm.add("speaker_max_sessions", pm.model.Add(sum(chosen) <= speaker.max_sessions))


def daily_hours(pm: PlanningModel) -> None:
    """No participant has more than `Heures max par jour` of sessions and events in a day."""
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
            pm.add("daily_hours", pm.model.Add(cp_model.LinearExpr.Sum([p.minutes * p.chosen for p in attended]) <= room))
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
                pm.add("daily_hours", pm.model.Add(sum(p.minutes * p.chosen for p in attended) <= room))


def _fixed_events_apart(pm: PlanningModel) -> None:
    """Fixed events of people who meet never overlap each other (else no timetable can exist)."""
    for events in pm.events_by_day.values():
        for index, first in enumerate(events):
            for second in events[index + 1:]:
                if audiences_meet(first.audience, second.audience) and first.start < second.end \
                        and second.start < first.end:
                    pm.add("audience_overlap", pm.model.AddBoolOr([]))


def theme_minimum(pm: PlanningModel) -> None:
    """Each theme has at least `Séances min par thème` sessions in the discovery phase."""
    minimum = pm.problem.programme.min_sessions_per_theme
    offered_themes = {offer.theme for offer in pm.problem.offers}
    for theme in pm.problem.themes:
        if theme.name not in offered_themes or minimum <= 0:
            continue
        chosen = [p.chosen for p in pm.phase_one() if p.offer.theme == theme.name]
        pm.add("theme_minimum", pm.model.Add(sum(chosen) >= minimum))


def organisation_maximum(pm: PlanningModel) -> None:
    """No organisation gives more than `Séances max par organisation` discovery-phase sessions."""
    maximum = pm.problem.programme.max_sessions_per_organisation
    by_organisation: dict[str, list] = defaultdict(list)
    for p in pm.phase_one():
        by_organisation[pm.organisation_of_speaker[p.offer.speaker]].append(p.chosen)
    for chosen in by_organisation.values():
        if len(chosen) > maximum:
            pm.add("organisation_maximum", pm.model.Add(sum(chosen) <= maximum))


def offer_weeks(pm: PlanningModel) -> None:
    """Occurrences of one offer fall in different weeks, and no more than it offers."""
    for offer in pm.problem.offers:
        placements = pm.by_offer.get(offer.id, [])
        by_week: dict[int, list] = defaultdict(list)
        for p in placements:
            by_week[p.candidate.week].append(p.chosen)
        for chosen in by_week.values():
            if len(chosen) > 1:
                pm.add("offer_weeks", pm.model.AddAtMostOne(chosen))
        if len(by_week) > offer.count:
            pm.add("offer_weeks", pm.model.Add(sum(p.chosen for p in placements) <= offer.count))


def required_offer(pm: PlanningModel) -> None:
    """Required offers are all placed, every occurrence."""
    for offer in pm.problem.offers:
        if offer.required:
            chosen = [p.chosen for p in pm.by_offer.get(offer.id, [])]
            pm.add("required_offer", pm.model.Add(sum(chosen) >= offer.count))


HARD_RULES: dict[str, Callable[[PlanningModel], None]] = {
    "audience_overlap": audience_overlap,
    "visit_half_day": visit_half_day,
    "speaker_overlap": speaker_overlap,
    "speaker_max_sessions": speaker_max_sessions,
    "daily_hours": daily_hours,
    "theme_minimum": theme_minimum,
    "organisation_maximum": organisation_maximum,
    "offer_weeks": offer_weeks,
    "required_offer": required_offer,
}
"""Rule label -> the function adding it to the model, in the order they are added."""


def add_hard_rules(pm: PlanningModel) -> None:
    for add_rule in HARD_RULES.values():
        add_rule(pm)


__all__ = ["HARD_RULES", "add_hard_rules", "audiences_meet"]
