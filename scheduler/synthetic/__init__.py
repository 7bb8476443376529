"""Realistic, feasible instances for tests and benchmarks, built around a planted timetable.

The generator first invents a cohort (themes, partners, speakers, offers, projects, events,
participants), then lays out a valid timetable by hand (`plant`), and only then gives each
speaker availability windows that contain their planted sessions, plus noise (`availability`).
So every instance is feasible, and the planted timetable's session count is a lower bound on
what an optimal planner places.

    generate(seed, scale, start, participants, oversubscribed) -> Problem
    generate_with_plan(...) -> (Problem, planted Timetable)      planted_count(...) -> int
    plant(problem, rng) -> Timetable; availability(problem, timetable, rng) -> windows  (reused by nancy.py)

    python -m scheduler.synthetic OUT.xlsx [--seed N] [--scale X] [--start AAAA-MM-JJ] ...

Modules: content (themes, topics, names), inventing (the cohort), planting (the planted timetable),
windows (availability around it); this module puts them together.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from scheduler.core.domain import Problem, Timetable
# The package's names, as `from scheduler.synthetic import ...` always gave them.
from scheduler.synthetic.content import (ANCHOR_ORGANISATIONS, COACHING_TOPICS, DEFAULT_START, DURATIONS,
                                         FIRST_NAMES, FORMAT_WEIGHTS, FORMAT_WORDS, LAST_NAMES, NAME_PATTERNS,
                                         PLACES, PROJECT_IDEAS, RECRUITMENT_THEME, SEED_OFFSET_WINDOWS, THEMES,
                                         TOPICS, TYPE_SHARES)
from scheduler.synthetic.planting import (Planter, assign_groups, audiences_meet, missing_required, plant,
                                          planted_offer_counts, planting_order, theme_shortfalls)
from scheduler.synthetic.windows import availability, cap_some_speakers, numbered, with_rows
from scheduler.synthetic.inventing import (email, invent_offers, invent_organisations, invent_participants,
                                           invent_projects, invent_speakers, project_theme, standard_events)
from scheduler.synthetic.inventing import _invent_problem

__all__ = ["ANCHOR_ORGANISATIONS", "COACHING_TOPICS", "DEFAULT_START", "DURATIONS", "FIRST_NAMES",
           "FORMAT_WEIGHTS", "FORMAT_WORDS", "LAST_NAMES", "NAME_PATTERNS", "PLACES", "PROJECT_IDEAS",
           "Planter", "RECRUITMENT_THEME", "SEED_OFFSET_WINDOWS", "THEMES", "TOPICS", "TYPE_SHARES",
           "assign_groups", "audiences_meet", "availability", "cap_some_speakers", "email", "generate",
           "generate_with_plan", "invent_offers", "invent_organisations", "invent_participants",
           "invent_projects", "invent_speakers", "main", "missing_required", "numbered", "plant",
           "planted_count", "planted_offer_counts", "planting_order", "project_theme", "settle_required",
           "standard_events", "theme_shortfalls", "with_rows"]


def settle_required(problem: Problem, timetable: Timetable) -> Problem:
    """Required offers the planted timetable does not hold in full become optional."""
    missing = set(missing_required(problem, timetable))
    offers = tuple(replace(o, required=False) if o.id in missing else o for o in problem.offers)
    return replace(problem, offers=offers)


def generate_with_plan(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
                       oversubscribed: bool = False, *, weeks: int = 12, phase1_weeks: int = 6,
                       name: str | None = None) -> tuple[Problem, Timetable]:
    """A feasible instance and its planted timetable (fixed events included, groups assigned).

    scale=1 is one cohort (about 32 partners, 40 speakers, 40 phase-1 offers); scale multiplies
    partners, speakers and offers; beyond about 1.5 the phase-1 hours are oversubscribed.
    `oversubscribed` adds 60% more discovery offers and lowers the day to 4 hours.
    """
    rng = random.Random(seed)
    problem = _invent_problem(rng, scale, start, participants, oversubscribed, weeks, phase1_weeks, name)
    timetable = plant(problem, rng)
    shortfalls = theme_shortfalls(problem, timetable)
    if shortfalls:
        raise RuntimeError(f"seed {seed}: the planted timetable misses theme minimums {shortfalls}")
    problem = settle_required(problem, timetable)
    window_rng = random.Random(seed + SEED_OFFSET_WINDOWS)
    problem = cap_some_speakers(problem, timetable, window_rng)
    problem = replace(problem, windows=availability(problem, timetable, window_rng))
    return with_rows(problem), timetable


def generate(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
             oversubscribed: bool = False, **options) -> Problem:
    """A feasible, realistic instance (see `generate_with_plan`)."""
    return generate_with_plan(seed, scale, start, participants, oversubscribed, **options)[0]


def planted_count(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
                  oversubscribed: bool = False, **options) -> int:
    """Sessions in the planted timetable: a lower bound on what an optimal planner places."""
    timetable = generate_with_plan(seed, scale, start, participants, oversubscribed, **options)[1]
    return sum(1 for s in timetable.sessions if s.offer_id)


def main(argv: Sequence[str] | None = None) -> None:
    """Write a synthetic input workbook."""
    from scheduler.workbook.writing import write_problem

    parser = argparse.ArgumentParser(prog="python -m scheduler.synthetic", description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=DEFAULT_START)
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--phase1-weeks", type=int, default=6)
    parser.add_argument("--name")
    parser.add_argument("--oversubscribed", action="store_true")
    args = parser.parse_args(argv)
    problem, timetable = generate_with_plan(args.seed, args.scale, args.start, args.participants, args.oversubscribed,
                                            weeks=args.weeks, phase1_weeks=args.phase1_weeks, name=args.name)
    write_problem(problem, args.out)
    planted = sum(1 for s in timetable.sessions if s.offer_id)
    print(f"{args.out}: {len(problem.offers)} offers, {sum(o.count for o in problem.offers)} sessions offered, "
          f"{planted} planted")
