"""What makes one valid timetable better than another (SPEC §3): one function per soft rule.

Each function returns a CP-SAT linear expression of *penalty points* (lower is better) and
adds only the helper variables it needs, channelled exactly (a presence is the OR of its
candidates, an excess the max of 0 and the overflow), so that the expression equals the
solver-free score of `scheduler/core/scoring.py` in every solution, not only at the optimum.
`combined_penalty` weighs them in one place (weights: data/soft_rules.toml, then `Poids`);
`tune_soft_stage` sets the solver up so that the stage minimising them can prove its bound.
The model has one Boolean per legal start, not per occurrence, so interchangeable occurrences
of one offer bring no symmetry to break.
The count of placed sessions comes first and is never traded against the others: the solve
maximises it, then holds it fixed while the weighted penalties are minimised.
"""
from __future__ import annotations

import os
from collections import defaultdict
from typing import Callable

from ortools.sat import sat_parameters_pb2
from ortools.sat.python import cp_model

from scheduler.core.domain import COHORT, CONFERENCE, MENTORING, VISIT, WORKSHOP, Offer
from scheduler.core.soft_rules import effective_weights
from scheduler.solver.model import Placement, PlanningModel


def placed_sessions(pm: PlanningModel) -> cp_model.LinearExpr:
    """As many offered sessions placed as possible (the number to maximise first)."""
    return sum(p.chosen for p in pm.placements)


def theme_twice_a_day(pm: PlanningModel) -> cp_model.LinearExpr:
    """A theme never comes twice on the same day (one point per extra session)."""
    by_theme_day: dict[tuple[str, object], list] = defaultdict(list)
    for p in pm.placements:
        by_theme_day[(p.offer.theme, p.candidate.day)].append(p.chosen)
    return _beyond_one(pm, by_theme_day, "twice")


def _beyond_one(pm: PlanningModel, groups: dict[tuple, list], name: str) -> cp_model.LinearExpr:
    """For each group of candidates, how many chosen beyond the first (0 when at most one is)."""
    penalties = []
    for group, chosen in groups.items():
        if len(chosen) < 2:
            continue
        extra = pm.model.NewIntVar(0, len(chosen) - 1, f"{name}:{group}")
        pm.model.AddMaxEquality(extra, [0, sum(chosen) - 1])  # exact, so the scorer agrees at every solution
        penalties.append(extra)
    return sum(penalties)


def theme_weeks_missed(pm: PlanningModel) -> cp_model.LinearExpr:
    """Each theme spread over the discovery weeks (one point per phase-1 week without the theme)."""
    by_theme_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.phase_one():
        by_theme_week[(p.offer.theme, p.candidate.week)].append(p.chosen)
    themes = sorted({offer.theme for offer in pm.problem.offers if offer.phase in (1, None)})
    return sum(1 - _present(pm, by_theme_week.get((theme, week), []), f"present:{theme}:{week}")
               for theme in themes for week in pm.calendar.weeks_of_phase(1))


def organisation_twice_a_week(pm: PlanningModel) -> cp_model.LinearExpr:
    """A mix of partners each week: one point per extra session of the same organisation in a week."""
    by_org_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.placements:
        by_org_week[(pm.organisation_of_speaker[p.offer.speaker], p.candidate.week)].append(p.chosen)
    return _beyond_one(pm, by_org_week, "orgweek")


def preferred_windows_missed(pm: PlanningModel) -> cp_model.LinearExpr:
    """Speakers' preferred windows honoured: one point per session outside a preferred window of a speaker who has one."""
    with_preference = {w.speaker for w in pm.problem.windows if w.preferred}
    return sum(p.chosen for p in pm.placements
               if p.offer.speaker in with_preference and not p.candidate.preferred)


def _mentoring(pm: PlanningModel, at_least: int = 1) -> list[tuple[Offer, list[Placement]]]:
    """`Suivi de projet` offers with candidates and at least `at_least` occurrences, with their placements."""
    return [(offer, pm.by_offer[offer.id]) for offer in pm.problem.offers
            if offer.format == MENTORING and offer.count >= at_least and pm.by_offer.get(offer.id)]


def _possible_weeks(placements: list[Placement]) -> list[int]:
    """The programme weeks in which the offer has at least one candidate, in order."""
    return sorted({p.candidate.week for p in placements})


def _week_chains(pm: PlanningModel, offer: Offer, placements: list[Placement], weeks: list[int], name: str):
    """Per possible week index i: `held` (a session in week i), `before` (a session in a week ≤ i) and
    `after` (a session in a week > i), each a Boolean equal to its OR, so the penalties are exact."""
    chosen_in: dict[int, list] = defaultdict(list)
    for p in placements:
        chosen_in[weeks.index(p.candidate.week)].append(p.chosen)
    held = [_present(pm, chosen_in[i], f"{name}_held:{offer.id}:{i}") for i in range(len(weeks))]
    before, after = [held[0]], [None] * len(weeks)
    for i in range(1, len(weeks)):
        before.append(_present(pm, [before[-1], held[i]], f"{name}_before:{offer.id}:{i}"))
    after[-1] = 0
    for i in reversed(range(len(weeks) - 1)):
        after[i] = _present(pm, [held[i + 1]] + ([after[i + 1]] if i + 1 < len(weeks) - 1 else []),
                            f"{name}_after:{offer.id}:{i}")
    return held, before, after


def _all_of(pm: PlanningModel, literals: list, name: str):
    """A Boolean equal to the AND of `literals`."""
    both = pm.model.NewBoolVar(name)
    pm.model.AddBoolAnd(literals).OnlyEnforceIf(both)
    pm.model.AddBoolOr([literal.Not() for literal in literals] + [both])
    return both


def mentoring_week_gaps(pm: PlanningModel) -> cp_model.LinearExpr:
    """Project mentoring once a week in consecutive weeks: one point per week the mentor could come, skipped between two sessions."""
    penalties = []
    for offer, placements in _mentoring(pm, at_least=2):
        weeks = _possible_weeks(placements)
        if len(weeks) < 3:
            continue  # two possible weeks or fewer: no week can be skipped between two sessions
        held, before, after = _week_chains(pm, offer, placements, weeks, "gaps")
        for i in range(1, len(weeks) - 1):  # week i skipped: a session before it, one after it, none in it
            penalties.append(_all_of(pm, [before[i - 1], after[i], held[i].Not()], f"skipped:{offer.id}:{i}"))
    return sum(penalties)


def mentoring_late_start(pm: PlanningModel) -> cp_model.LinearExpr:
    """Project mentoring starts as soon as the mentor can come, not crammed at the end: one point per possible week left before the first session."""
    penalties = []
    for offer, placements in _mentoring(pm):
        weeks = _possible_weeks(placements)
        if len(weeks) < 2:
            continue
        _, before, after = _week_chains(pm, offer, placements, weeks, "late")
        for i in range(len(weeks) - 1):  # week i left empty while the first session is still to come
            penalties.append(_all_of(pm, [after[i], before[i].Not()], f"mentoring_waiting:{offer.id}:{i}"))
    return sum(penalties)


def _off_the_usual(pm: PlanningModel, offer: Offer, placements: list[Placement], slot_of: Callable[[Placement], object],
                   name: str) -> cp_model.LinearExpr:
    """Chosen occurrences whose `slot_of` differs from the offer's most frequent value (its usual one)."""
    by_slot: dict[object, list] = defaultdict(list)
    for p in placements:
        by_slot[slot_of(p)].append(p.chosen)
    if len(by_slot) < 2:
        return 0
    usual = {slot: pm.model.NewBoolVar(f"usual_{name}:{offer.id}:{slot}") for slot in by_slot}
    pm.model.AddExactlyOne(usual.values())
    kept = []
    for slot, chosen in by_slot.items():
        on_usual = pm.model.NewIntVar(0, offer.count, f"on_usual_{name}:{offer.id}:{slot}")
        pm.model.Add(on_usual <= sum(chosen))
        pm.model.Add(on_usual <= offer.count * usual[slot])
        kept.append(on_usual)
    most = pm.model.NewIntVar(0, offer.count, f"most_{name}:{offer.id}")  # exact: the largest slot's count
    pm.model.AddMaxEquality(most, [sum(chosen) for chosen in by_slot.values()])
    pm.model.Add(sum(kept) == most)
    return sum(p.chosen for p in placements) - most


def mentoring_rhythm_changes(pm: PlanningModel) -> cp_model.LinearExpr:
    """Project mentoring on the same weekday at the same time each week: one point per session on another weekday, one per session at another start time."""
    penalties = []
    for offer, placements in _mentoring(pm, at_least=2):
        penalties.append(_off_the_usual(pm, offer, placements, lambda p: p.candidate.day.weekday(), "weekday"))
        penalties.append(_off_the_usual(pm, offer, placements, lambda p: p.candidate.start, "start"))
    return sum(penalties)


def _present(pm: PlanningModel, chosen: list, name: str):
    """A Boolean true exactly when one of `chosen` is: an OR, not a big-M sum (tighter, and exact)."""
    present = pm.model.NewBoolVar(name)
    if chosen:
        pm.model.AddBoolOr(chosen).OnlyEnforceIf(present)
        for literal in chosen:
            pm.model.AddImplication(literal, present)
    else:
        pm.model.Add(present == 0)
    return present


def organisation_types_missing(pm: PlanningModel) -> cp_model.LinearExpr:
    """A mix of companies, local authorities, associations and training bodies each discovery week: one point per type missing from a week."""
    kind_of = {organisation.name: organisation.kind for organisation in pm.problem.organisations}
    by_kind_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.phase_one():
        by_kind_week[(kind_of.get(pm.organisation_of_speaker[p.offer.speaker], ""), p.candidate.week)].append(p.chosen)
    kinds = sorted({kind for kind, _ in by_kind_week if kind})
    return sum(1 - _present(pm, by_kind_week.get((kind, week), []), f"kind:{kind}:{week}")
               for kind in kinds for week in pm.calendar.weeks_of_phase(1))


def formats_missing(pm: PlanningModel) -> cp_model.LinearExpr:
    """A mix of conferences, workshops and visits each discovery week: one point per format missing from a week."""
    by_format_week: dict[tuple[str, int], list] = defaultdict(list)
    for p in pm.phase_one():
        if p.offer.format in (CONFERENCE, WORKSHOP, VISIT):
            by_format_week[(p.offer.format, p.candidate.week)].append(p.chosen)
    formats = sorted({fmt for fmt, _ in by_format_week})
    return sum(1 - _present(pm, by_format_week.get((fmt, week), []), f"format:{fmt}:{week}")
               for fmt in formats for week in pm.calendar.weeks_of_phase(1))


def _cohort_day_loads(pm: PlanningModel) -> dict:
    """Each working day's cohort minutes (sessions and events), in grid slots, as an expression and its upper bound."""
    slot = pm.problem.programme.slot_minutes
    loads = {}
    for day in pm.calendar.working_days:
        fixed = sum(e.end - e.start for e in pm.events_by_day.get(day, []) if e.audience == COHORT) // slot
        terms = [(p.minutes // slot) * p.chosen for p in pm.by_day.get(day, []) if p.offer.audience == COHORT]
        most = fixed + sum(p.minutes // slot for p in pm.by_day.get(day, []) if p.offer.audience == COHORT)
        loads[day] = (fixed + sum(terms), most)
    return loads


def overloaded_days(pm: PlanningModel) -> cp_model.LinearExpr:
    """Balanced days, none overloaded: one point per half-hour (grid step) a day goes beyond two thirds of the daily maximum."""
    slot = pm.problem.programme.slot_minutes
    comfortable = (2 * pm.problem.programme.max_minutes_per_day // 3) // slot
    penalties = []
    for day, (load, most) in _cohort_day_loads(pm).items():
        if most <= comfortable:
            continue
        excess = pm.model.NewIntVar(0, most - comfortable, f"excess:{day}")
        pm.model.AddMaxEquality(excess, [0, load - comfortable])
        penalties.append(excess)
    return sum(penalties)


def lone_short_days(pm: PlanningModel) -> cp_model.LinearExpr:
    """No lone one-hour session in an otherwise empty day: one point per day holding only an hour or less."""
    slot = pm.problem.programme.slot_minutes
    short = max(1, 60 // slot)
    penalties = []
    for day, (load, most) in _cohort_day_loads(pm).items():
        if most == 0:
            continue
        fixed = most - sum(p.minutes // slot for p in pm.by_day.get(day, []) if p.offer.audience == COHORT)
        chosen = [p for p in pm.by_day.get(day, []) if p.offer.audience == COHORT]
        if fixed > short or (fixed == 0 and all(p.minutes // slot > short for p in chosen)):
            continue  # never lone: the events alone fill it, or every session is long
        lone = pm.model.NewBoolVar(f"lone:{day}")
        full = pm.model.NewBoolVar(f"full:{day}")  # more than `short` slots in the day
        pm.model.Add(load >= short + 1).OnlyEnforceIf(full)
        pm.model.Add(load <= short).OnlyEnforceIf(full.Not())
        if fixed > 0:  # the events make the day used: lone exactly when not full
            pm.model.Add(lone + full == 1)
        else:
            used = _present(pm, [p.chosen for p in chosen], f"used:{day}")
            pm.model.AddBoolAnd([used, full.Not()]).OnlyEnforceIf(lone)
            pm.model.AddBoolOr([used.Not(), full, lone])
            for p in chosen:  # valid cuts, tight in the linear relaxation: a short session alone makes a lone day
                if p.minutes // slot <= short:
                    pm.model.Add(lone >= p.chosen - sum(q.chosen for q in chosen if q is not p))
        penalties.append(lone)
    return sum(penalties)


SOFT_RULES: dict[str, Callable[[PlanningModel], cp_model.LinearExpr]] = {
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

def tune_soft_stage(parameters: sat_parameters_pb2.SatParameters, workers: int) -> None:
    """Solver settings under which the soft stage proves its bound: the strongest linear relaxation.

    CP-SAT's default two workers prove almost nothing of the soft rules' penalty (Nancy: bound 48
    against an optimum of 177); a worker with the full linear relaxation (`max_lp`, i.e.
    linearization level 2) proves Nancy's optimum in seconds (docs/benchmarks.md, "Quality")."""
    workers = workers or os.cpu_count() or 1  # 0: as many as the machine has
    if workers == 1:
        parameters.linearization_level = 2
    elif workers < 8:  # from 8 workers on, CP-SAT's default portfolio already holds max_lp
        parameters.subsolvers.extend(["max_lp", "default_lp", "quick_restart", "core", "pseudo_costs",
                                      "reduced_costs", "lb_tree_search"][:workers])


def combined_penalty(pm: PlanningModel) -> tuple[cp_model.LinearExpr, dict[str, cp_model.LinearExpr]]:
    """The weighted sum to minimise once the placed count is fixed, and each rule's own expression."""
    weights = effective_weights(pm.problem.weights)  # defaults of data/soft_rules.toml, then `Poids`
    terms = {label: rule(pm) for label, rule in SOFT_RULES.items() if weights.get(label, 0) > 0}
    return sum(weights[label] * expression for label, expression in terms.items()), terms
