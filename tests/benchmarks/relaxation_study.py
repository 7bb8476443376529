"""What the soft stage's linear relaxation sees, and an exact MIP solver as a second judge (issue 14.1, 14.3).

    .venv/bin/python tests/benchmarks/relaxation_study.py --write       # nancy x1 over1 over2, ~6 min

For each instance, with the placed count held at its proven maximum, the weighted soft penalty of
`scheduler.solver.objective.combined_penalty`:
- its plain linear relaxation (GLOP, no cuts), rule by rule, against the rules' scores in the timetable
  the planner returns: which rules the relaxation cannot see;
- the soft stage as `scheduler plan` runs it (CP-SAT, one deterministic worker, 1 % gap);
- the same model written as a MILP (`cpsat_to_milp.py`) and solved by HiGHS through OR-Tools' MPSolver:
  an independent solver's optimum and how long it takes to prove it;
- on Nancy, a family of valid inequalities for the day loads (below, `capped_load_cuts`): how much they
  lift the plain relaxation, and what they do to CP-SAT's proof (seeds 0–2, deterministic seconds).
With `--write`, the section "What the linear relaxation sees" of docs/benchmarks.md is replaced.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_instances import add_page_options, measured, publish, spec  # noqa: E402
from cpsat_to_milp import linear_form, milp, value_of  # noqa: E402
from ortools.linear_solver import pywraplp  # noqa: E402

from scheduler.core.domain import COHORT  # noqa: E402
from scheduler.solver.lexicographic import new_solver  # noqa: E402
from scheduler.solver.objective import _cohort_day_loads  # noqa: E402
from soft_proof_study import held_count_model  # noqa: E402

SECTION = "## What the linear relaxation sees (issue 14.1, 14.3)"
INSTANCES = ("nancy", "x1", "over1", "over2")
EARLY = 1.0  # deterministic s: CP-SAT's bound after its root cuts and a little search


def soft_model(problem, cuts: bool = False):
    """The model with the placed count held at its proven maximum, minimising the weighted penalty;
    each rule's expression; the number of valid inequalities added (`cuts`)."""
    pm, penalty, terms, hint, count = held_count_model(problem)
    added = capped_load_cuts(pm) if cuts else 0
    return pm, penalty, terms, hint, count, added


def capped_load_cuts(pm) -> int:
    """Valid inequalities for the day loads: for a day whose comfortable load, net of its fixed events, is c
    slots, and any A with c/2 < A < c, `excess >= sum(max(0, min(a, A) - (c - A)) * chosen) - (2A - c)` over its
    cohort sessions of a slots (it holds for every set of sessions: one session pays nothing, two or more
    pay at most what they overflow). They forbid the relaxation's spreading of long sessions in small
    fractions over many days."""
    slot = pm.problem.programme.slot_minutes
    comfortable = (2 * pm.problem.programme.max_minutes_per_day // 3) // slot
    excess_of = {variable.name: pm.model.GetIntVarFromProtoIndex(index)
                 for index, variable in enumerate(pm.model.Proto().variables) if variable.name.startswith("excess:")}
    added = 0
    for day, (_, most) in _cohort_day_loads(pm).items():
        excess = excess_of.get(f"excess:{day}")
        fixed = sum(e.end - e.start for e in pm.events_by_day.get(day, []) if e.audience == COHORT) // slot
        room = comfortable - fixed
        if excess is None or room < 2:
            continue
        sessions = [p for p in pm.by_day.get(day, []) if p.offer.audience == COHORT]
        for cap in range(room // 2 + 1, room):
            terms = [(max(0, min(p.minutes // slot, cap) - (room - cap)), p.chosen) for p in sessions]
            terms = [(k, chosen) for k, chosen in terms if k > 0]
            if terms:
                pm.model.Add(excess >= sum(k * chosen for k, chosen in terms) - (2 * cap - room))
                added += 1
    return added


def rule_forms(pm, penalty, terms) -> dict[str, tuple[dict[int, int], int]]:
    """Each rule's expression as a linear form over the proto's variables (read back through the objective)."""
    forms = {}
    for label, expression in terms.items():
        pm.model.ClearObjective()
        pm.model.Minimize(expression)
        forms[label] = linear_form(pm.model.Proto())
    pm.model.ClearObjective()
    pm.model.Minimize(penalty)
    return forms


def relaxation(pm, forms) -> dict:
    """The plain linear relaxation (GLOP): its value and each rule's value in it."""
    solver, variables = milp(pm.model.Proto(), "GLOP", relaxed=True)
    solver.Solve()
    return {"value": round(solver.Objective().Value(), 1),
            "rules": {label: round(value_of(form, variables), 2) + 0.0 for label, form in forms.items()}}


def cpsat(pm, penalty, terms, hint, seed: int = 0, work: float = 20.0) -> dict:
    """The soft stage as `plan` runs it, from the count stage's timetable."""
    pm.model.ClearHints()
    for placement, value in zip(pm.placements, hint):
        pm.model.AddHint(placement.chosen, value)
    solver = new_solver(seed, 1, work, gap=0.01, tuned=True)
    status = solver.Solve(pm.model)
    found = solver.StatusName(status) in ("OPTIMAL", "FEASIBLE")
    return {"seed": seed, "value": round(solver.Value(penalty)) if found else None,
            "bound": round(solver.BestObjectiveBound()), "work": round(solver.deterministic_time, 2),
            "stopped": solver.StatusName(status) == "OPTIMAL",
            "rules": {label: round(solver.Value(expression)) for label, expression in terms.items()} if found else {}}


def highs(pm, seconds: float) -> dict:
    """The same model as a MILP, solved by HiGHS within `seconds`."""
    solver, _ = milp(pm.model.Proto(), "HIGHS")
    solver.SetTimeLimit(int(seconds * 1000))
    begun = time.monotonic()
    status = solver.Solve()
    spent = time.monotonic() - begun
    found = status in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE)
    return {"optimal": status == pywraplp.Solver.OPTIMAL, "value": round(solver.Objective().Value()) if found else None,
            "bound": round(solver.Objective().BestBound(), 1) if found else None, "seconds": round(spent, 1),
            "limit": seconds}


def study(name: str, seconds: float, seeds: int) -> dict:
    problem = spec(name).build()
    pm, penalty, terms, hint, count, _ = soft_model(problem)
    forms = rule_forms(pm, penalty, terms)
    figures = {"instance": name, "placed": count, "lp": relaxation(pm, forms),
               "cpsat": cpsat(pm, penalty, terms, hint), "early": cpsat(pm, penalty, terms, hint, work=EARLY),
               "highs": highs(pm, seconds), "load": [round(x, 1) for x in os.getloadavg()]}
    if name == "nancy":
        cut_pm, cut_penalty, cut_terms, cut_hint, _, added = soft_model(problem, cuts=True)
        figures["cuts"] = {"added": added, "lp": relaxation(cut_pm, rule_forms(cut_pm, cut_penalty, cut_terms))["value"],
                           "with": [cpsat(cut_pm, cut_penalty, cut_terms, cut_hint, seed) for seed in range(seeds)],
                           "without": [cpsat(pm, penalty, terms, hint, seed) for seed in range(seeds)]}
    return figures


def _highs_cell(figures: dict) -> str:
    found = figures["highs"]
    if found["value"] is None:
        return f"nothing within {found['limit']:g} s"
    if found["optimal"]:
        return f"{found['value']} proven optimal in {found['seconds']:g} s"
    return f"{found['value']} (bound {found['bound']:g}) at its {found['limit']:g} s limit"


def render(results: list[dict]) -> str:
    lines = [f"Generated by `tests/benchmarks/relaxation_study.py --write` ({dt.date.today()}, 2-core machine). "
             "The placed count held at its proven maximum, the weighted soft penalty of "
             "`scheduler.solver.objective.combined_penalty`: its plain linear relaxation (GLOP, no cuts); the soft "
             "stage as `scheduler plan` runs it (CP-SAT, one deterministic worker, 1 % gap; deterministic s); and "
             "the very same model written as a mixed-integer linear programme (`tests/benchmarks/cpsat_to_milp.py`) "
             "and solved by HiGHS, an exact MIP solver, through OR-Tools (wall s): a second, independent judge "
             "of the optimum.", "",
             f"| instance | plain linear relaxation | CP-SAT's bound after {EARLY:g} det. s | CP-SAT, as `plan` | "
             "HiGHS (MILP; load average while it ran) |", "|---|---|---|---|---|"]
    for figures in results:
        run = figures["cpsat"]
        load = ", ".join(f"{x:g}" for x in figures.get("load", []))
        lines.append(f"| {figures['instance']} | {figures['lp']['value']:g} | {figures['early']['bound']} | "
                     f"{run['value']} (bound {run['bound']}) in {run['work']:.2f} det. s | {_highs_cell(figures)} "
                     f"({load}) |")
    labels = list(results[0]["lp"]["rules"])
    lines += ["", "Each rule's points (unweighted) in the relaxation's solution / in the timetable the planner returns:", "",
              "| instance | " + " | ".join(f"`{label}`" for label in labels) + " |",
              "|---|" + "---|" * len(labels)]
    for figures in results:
        cells = [f"{figures['lp']['rules'].get(label, 0):g} / {figures['cpsat']['rules'].get(label, '–')}" for label in labels]
        lines.append(f"| {figures['instance']} | " + " | ".join(cells) + " |")
    agree = [f["instance"] for f in results if f["highs"]["optimal"] and f["highs"]["value"] == f["cpsat"]["value"]]
    blind = {}
    for figures in results:
        for label, lp_value in figures["lp"]["rules"].items():
            found = figures["cpsat"]["rules"].get(label, 0)
            if found - lp_value >= 1:
                blind.setdefault(label, []).append(f"{figures['instance']} {lp_value:g} against {found}")
    lines += ["", "**Findings.**"]
    if agree:
        lines.append(f"- HiGHS proves the same optimum as the planner on {', '.join(agree)}: the penalties on this page "
                     "are the truth, checked by a solver that shares nothing with CP-SAT but the model.")
    slower = [f for f in results if f["highs"]["optimal"] and f["highs"]["seconds"] > f["cpsat"]["work"]]
    if slower:
        lines.append("- The exact MIP solver is no shortcut: " + "; ".join(
            f"{f['instance']} {f['highs']['seconds']:g} s against CP-SAT's {f['cpsat']['work']:.1f} det. s"
            for f in slower) + ".")
    if blind:
        lines.append("- The relaxation spreads sessions in fractions over many days and weeks, so it does not see: "
                     + "; ".join(f"`{label}` ({', '.join(where)})" for label, where in blind.items())
                     + f". CP-SAT's own cuts at the root lift most of it (its bound after {EARLY:g} deterministic s, "
                       "third column); the rest is settled by branching, which is where the soft stage's seconds go.")
    nancy = next((f for f in results if "cuts" in f), None)
    if nancy:
        cuts = nancy["cuts"]
        with_work = ", ".join(f"{r['work']:.1f}{'' if r['stopped'] else '*'}" for r in cuts["with"])
        without_work = ", ".join(f"{r['work']:.1f}{'' if r['stopped'] else '*'}" for r in cuts["without"])
        lines.append(f"- *Capped-load inequalities* (`relaxation_study.capped_load_cuts`, {cuts['added']} on Nancy: for a "
                     "day of comfortable room c and a cap A between c/2 and c, excess ≥ Σ max(0, min(a, A) − (c − A))·chosen "
                     "− (2A − c), valid for every set of sessions) lift the plain relaxation from "
                     f"{nancy['lp']['value']:g} to {cuts['lp']:g}, yet CP-SAT's proof takes {with_work} deterministic s "
                     f"with them against {without_work} without (seeds 0–{len(cuts['with']) - 1}; *: its limit reached before "
                     "the 1 % gap was proven): its root cuts already "
                     "find as much, and the extra rows slow every node. They are not in the model.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", default=list(INSTANCES))
    parser.add_argument("--highs-seconds", type=float, default=90.0, help="HiGHS's wall-clock limit per instance")
    parser.add_argument("--seeds", type=int, default=3, help="seeds for the cuts' comparison on Nancy")
    add_page_options(parser)
    options = parser.parse_args(argv)

    def measure() -> list[dict]:
        results = []
        for name in options.instances:
            results.append(study(name, options.highs_seconds, options.seeds))
            print(json.dumps(results[-1]), flush=True)
        return results

    publish(options, SECTION, render(measured(options, measure)))


if __name__ == "__main__":
    main()
