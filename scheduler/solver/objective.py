"""What makes one valid timetable better than another (SPEC §3): one function per soft rule.

Each function returns a CP-SAT linear expression of *penalty points* (lower is better) and
adds only the helper variables it needs. `combined_penalty` weighs them in one place.
The count of placed sessions comes first and is never traded against the others: the solve
maximises it, then holds it fixed while the weighted penalties are minimised.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from ortools.sat.python import cp_model

from scheduler.solver.model import PlanningModel


def placed_sessions(pm: PlanningModel) -> cp_model.LinearExpr:
    """As many offered sessions placed as possible (the number to maximise first)."""
    return sum(p.chosen for p in pm.placements)


def theme_twice_a_day(pm: PlanningModel) -> cp_model.LinearExpr:
    """A theme never comes twice on the same day (one point per extra session)."""
    penalties = []
    by_theme_day: dict[tuple[str, object], list] = defaultdict(list)
    for p in pm.placements:
        by_theme_day[(p.offer.theme, p.candidate.day)].append(p.chosen)
    for (theme, day), chosen in by_theme_day.items():
        if len({id(c) for c in chosen}) < 2:
            continue
        extra = pm.model.NewIntVar(0, len(chosen), f"twice:{theme}:{day}")
        pm.model.Add(extra >= sum(chosen) - 1)
        penalties.append(extra)
    return sum(penalties)


def theme_weeks_missed(pm: PlanningModel) -> cp_model.LinearExpr:
    """Each theme spread over the discovery weeks (one point per phase-1 week without the theme)."""
    penalties = []
    phase_one_weeks = pm.calendar.weeks_of_phase(1)
    by_theme_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.phase_one():
        by_theme_week[(p.offer.theme, p.candidate.week)].append(p.chosen)
    themes = sorted({offer.theme for offer in pm.problem.offers if offer.phase in (1, None)})
    for theme in themes:
        for week in phase_one_weeks:
            chosen = by_theme_week.get((theme, week), [])
            present = pm.model.NewBoolVar(f"present:{theme}:{week}")
            if chosen:
                pm.model.Add(present <= sum(chosen))
            else:
                pm.model.Add(present == 0)
            penalties.append(1 - present)
    return sum(penalties)


def organisation_twice_a_week(pm: PlanningModel) -> cp_model.LinearExpr:
    """A mix of partners each week: one point per extra session of the same organisation in a week."""
    penalties = []
    by_org_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.placements:
        by_org_week[(pm.organisation_of_speaker[p.offer.speaker], p.candidate.week)].append(p.chosen)
    for (organisation, week), chosen in by_org_week.items():
        if len(chosen) < 2:
            continue
        extra = pm.model.NewIntVar(0, len(chosen), f"orgweek:{organisation}:{week}")
        pm.model.Add(extra >= sum(chosen) - 1)
        penalties.append(extra)
    return sum(penalties)


def preferred_windows_missed(pm: PlanningModel) -> cp_model.LinearExpr:
    """Speakers' preferred windows honoured: one point per session outside a preferred window of a speaker who has one."""
    with_preference = {w.speaker for w in pm.problem.windows if w.preferred}
    return sum(p.chosen for p in pm.placements
               if p.offer.speaker in with_preference and not p.candidate.preferred)


SOFT_RULES: dict[str, Callable[[PlanningModel], cp_model.LinearExpr]] = {
    "theme_weeks_missed": theme_weeks_missed,
    "theme_twice_a_day": theme_twice_a_day,
    "organisation_twice_a_week": organisation_twice_a_week,
    "preferred_windows_missed": preferred_windows_missed,
}

DEFAULT_WEIGHTS: dict[str, int] = {
    "theme_weeks_missed": 20,
    "theme_twice_a_day": 10,
    "organisation_twice_a_week": 5,
    "preferred_windows_missed": 1,
}
"""Soft-rule label -> points per unit of penalty; documented in docs/rules.md."""


def weights_for(pm: PlanningModel) -> dict[str, int]:
    """Default weights, overridden by the workbook's optional `Poids` sheet."""
    weights = dict(DEFAULT_WEIGHTS)
    for rule, weight in pm.problem.weights:
        if rule in weights:
            weights[rule] = weight
    return weights


def combined_penalty(pm: PlanningModel) -> tuple[cp_model.LinearExpr, dict[str, cp_model.LinearExpr]]:
    """The weighted sum to minimise once the placed count is fixed, and each rule's own expression."""
    weights = weights_for(pm)
    terms = {label: rule(pm) for label, rule in SOFT_RULES.items() if weights.get(label, 0) > 0}
    return sum(weights[label] * expression for label, expression in terms.items()), terms
