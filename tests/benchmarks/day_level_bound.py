"""A bound that forgets the hour (issue 14.3): how much of the soft penalty a day-level argument can prove.

    .venv/bin/python tests/benchmarks/day_level_bound.py --write        # nancy x1 over1 over2, ~1 min

Every soft rule scores days, weeks and windows, not hours: a session counts on its day (theme twice a day,
overloaded and lone days), its week (themes, organisation types, formats, mentoring weeks), whether its
start lies in a preferred window, and, for mentoring, its weekday and start time. This script builds the
*day-level relaxation* of the soft stage: one Boolean per offer, day, half-day and preferred-or-not (and
start, for mentoring) instead of one per legal start, with every hard rule that counts per day, week or
year (daily hours, speakers' and organisations' caps, theme minimum, one occurrence per week, required
offers) and none of the rules that place sessions within the day (the cohort's, a speaker's and a visit's
clashes). Every timetable maps onto one of its solutions with the same penalty (distinct starts of one offer
fall in distinct weeks), so its optimum, with the placed count held at the real maximum, is a valid lower
bound of the real optimum; CP-SAT proves it exactly (one deterministic worker, the soft stage's settings).

Where it falls short of the real optimum, the missing points come from packing sessions into the hours of
a day: no formulation of the rules over days and weeks, however tight, can prove them; only reasoning on
starts can, which is what CP-SAT's branching does in the soft stage. With `--write`, the section
"A bound that forgets the hour" of docs/benchmarks.md is replaced.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from pathlib import Path

from ortools.sat.python import cp_model

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_instances import add_page_options, measured, publish, spec  # noqa: E402

from scheduler.core.candidates import Candidate  # noqa: E402
from scheduler.core.domain import MENTORING, Problem  # noqa: E402
from scheduler.core.instance import prepare  # noqa: E402
from scheduler.core.soft_rules import effective_weights  # noqa: E402
from scheduler.rules import (daily_hours, offer_weeks, organisation_maximum, required_offer,  # noqa: E402
                             speaker_max_sessions, theme_minimum)
from scheduler.solver.lexicographic import new_solver  # noqa: E402
from scheduler.solver.model import PlanningModel  # noqa: E402
from scheduler.solver.objective import SOFT_RULES, placed_sessions  # noqa: E402
from soft_proof_study import held_count_model  # noqa: E402

SECTION = "## A bound that forgets the hour (issue 14.3)"
DAY_LEVEL_RULES = (daily_hours, speaker_max_sessions, theme_minimum, organisation_maximum, offer_weeks, required_offer)
"""The hard rules that count per day, week or year: kept in the relaxation (the clashes within a day are not)."""


def day_key(candidate: Candidate, offer_format: str) -> tuple:
    """What the soft rules and the day-level hard rules see of a start: its offer, day, half-day, whether it lies
    in a preferred window, and for mentoring (whose rhythm rule scores start times) the start itself."""
    start = candidate.start if offer_format == MENTORING else None
    return candidate.offer_id, candidate.day, candidate.half_day, candidate.preferred, start


def day_level_model(problem: Problem, count: int) -> tuple[PlanningModel, cp_model.LinearExpr, int]:
    """The relaxation: one candidate per `day_key` (the first legal start of each stands for them all), the
    day-level hard rules, the placed count held at `count` or more, the weighted penalty minimised.
    Returns the model, the penalty and the number of legal starts it stands for."""
    instance = prepare(problem)
    formats = {offer.id: offer.format for offer in problem.offers}
    representatives: dict[tuple, Candidate] = {}
    for starts in instance.candidates.values():
        for candidate in starts:
            representatives.setdefault(day_key(candidate, formats[candidate.offer_id]), candidate)
    reduced: dict[str, list] = {}
    for (offer_id, *_), candidate in representatives.items():
        reduced.setdefault(offer_id, []).append(candidate)
    pm = PlanningModel(problem, instance.calendar, reduced, instance.events)
    for rule in DAY_LEVEL_RULES:
        rule.constrain(pm)
    pm.model.Add(placed_sessions(pm) >= count)
    weights = effective_weights(problem.weights)
    penalty = sum(weights[label] * rule(pm) for label, rule in SOFT_RULES.items() if weights.get(label, 0) > 0)
    pm.model.Minimize(penalty)
    return pm, penalty, sum(len(starts) for starts in instance.candidates.values())


def measure(name: str, work: float, seed: int = 0) -> dict:
    """The real soft stage (count held, exact optimum sought) beside the day-level relaxation's optimum."""
    problem = spec(name).build()
    pm, penalty, _, _, count = held_count_model(problem, seed, work)
    full = new_solver(seed, 1, work, gap=0.0, tuned=True)
    status = full.Solve(pm.model)
    relaxed, relaxed_penalty, starts = day_level_model(problem, count)
    day_level = new_solver(seed, 1, work, gap=0.0, tuned=True)
    relaxed_status = day_level.Solve(relaxed.model)
    optimum = round(full.Value(penalty))
    return {"instance": name, "placed": count, "starts": starts, "day_level_candidates": len(relaxed.placements),
            "optimum": optimum, "optimum_proven": status == cp_model.OPTIMAL, "bound": round(full.BestObjectiveBound()),
            "work": round(full.deterministic_time, 2), "needed_for_gap": math.ceil(optimum * 0.99),
            "day_level": round(day_level.BestObjectiveBound()),
            "day_level_proven": relaxed_status == cp_model.OPTIMAL,
            "day_level_value": round(day_level.Value(relaxed_penalty)) if relaxed_status in (
                cp_model.OPTIMAL, cp_model.FEASIBLE) else None,
            "day_level_work": round(day_level.deterministic_time, 2)}


def render(rows: list[dict], work: float) -> str:
    lines = [f"Generated by `tests/benchmarks/day_level_bound.py --write` ({dt.date.today()}; one deterministic CP-SAT "
             f"worker, the soft stage's settings, seed 0, at most {work:g} deterministic s per solve: the figures repeat "
             "on any machine). The soft penalty with the placed count held at its proven maximum: the real model "
             "solved to optimality, beside its *day-level relaxation* (`day_level_model`): one Boolean per offer, day, "
             "half-day and preferred-or-not instead of one per legal start, every hard rule that counts per day, week "
             "or year, none of the clashes within a day. Every timetable is one of the relaxation's solutions with "
             "the same penalty, so the relaxation's optimum is a valid lower bound; *needed* is the bound that "
             "`plan`'s default 1 % gap asks for (⌈0.99 × optimum⌉).", "",
             "| instance | legal starts → day-level candidates | optimum (proven) | needed for the 1 % gap | "
             "day-level relaxation: optimum (proven), work | missing from the day-level bound |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        proven = "proven" if r["optimum_proven"] else f"bound {r['bound']}"
        relaxed = "proven" if r["day_level_proven"] else "bound only"
        lines.append(f"| {r['instance']} | {r['starts']} → {r['day_level_candidates']} | {r['optimum']} ({proven}, "
                     f"{r['work']:.2f} det. s) | {r['needed_for_gap']} | {r['day_level']} ({relaxed}), "
                     f"{r['day_level_work']:.2f} det. s | {max(0, r['needed_for_gap'] - r['day_level'])} |")
    short = [r for r in rows if r["day_level"] < r["needed_for_gap"]]
    lines += ["", "**Findings.**"]
    if short:
        lines.append("- " + "; ".join(
            f"*{r['instance']}*: the day-level optimum is {r['day_level']}, {r['needed_for_gap'] - r['day_level']} "
            f"below the {r['needed_for_gap']} the 1 % gap needs" for r in short)
            + ". These points come from packing sessions into the hours of a day (which starts clash for the "
              "cohort, a speaker or a visit's half-day): no formulation of the soft rules over days and weeks, "
              "however tight, can prove them; only reasoning on starts can, and that branching is where the "
              "soft stage's seconds go.")
    exact = [r for r in rows if r["day_level"] >= r["needed_for_gap"]]
    if exact:
        lines.append("- " + ", ".join(f"*{r['instance']}*" for r in exact)
                     + ": the day-level relaxation alone already proves the 1 % gap; there the proof's time is the "
                       "search over days, which the relaxation does not shorten (its own work in the table).")
    shares = sorted(r["day_level_work"] / r["work"] for r in rows if r["work"] > 0)
    sizes = sorted(r["day_level_candidates"] / r["starts"] for r in rows if r["starts"])
    if shares and sizes:
        lines.append(f"- The relaxation has {sizes[0] * 100:.0f} to {sizes[-1] * 100:.0f} % of the real model's Booleans, yet its "
                     f"own proof takes {shares[0] * 100:.0f} to {shares[-1] * 100:.0f} % of the real proof's work for a weaker "
                     "bound: much of the time goes to the combinatorics of days and weeks, not to the number of "
                     "starts.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", default=["nancy", "x1", "over1", "over2"])
    parser.add_argument("--work", type=float, default=30.0, help="deterministic seconds per solve, at most")
    add_page_options(parser)
    options = parser.parse_args(argv)
    rows = measured(options, lambda: [measure(name, options.work) for name in options.instances])
    body = render(rows, options.work)
    publish(options, SECTION, body)
    return body


if __name__ == "__main__":
    main()
