"""Know the truth about the soft rules' penalty (issue 14.1–14.2): how far is a timetable from the best?

    .venv/bin/python tests/benchmarks/quality_truth.py                 # Nancy + benchmark instances
    .venv/bin/python tests/benchmarks/quality_truth.py nancy over1 --seconds 10 --reference 25 --write

For each instance, with the placed count held at its proven maximum:
- the full weighted objective solved by CP-SAT directly (`scheduler.solver.objective.combined_penalty`),
  at the budget the targets name (Nancy 10 s, others 30 s), and in one reproducible reference run;
- each soft rule minimised alone: its proven lower bound; the weighted sum of these minima is a
  valid lower bound of the full objective (every timetable pays at least each rule's minimum);
- the best proven bound = max(CP-SAT's own bound, that sum), and the timetables' gap against it.
Every timetable found is re-scored by the solver-free scorer (`scheduler.core.scoring`), which must
agree with the model. With `--write`, the results replace the section "Quality: the truth" in
docs/benchmarks.md. Runs on 2 workers (the reference on 1), seed 0.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from ortools.sat.python import cp_model

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench_instances import replace_section, SPECS, available, spec  # noqa: E402

from scheduler.core.scoring import soft_scores, weighted_penalty  # noqa: E402
from scheduler.soft_rules import effective_weights  # noqa: E402
from scheduler.solver.objective import SOFT_RULES, combined_penalty, placed_sessions, tune_soft_stage  # noqa: E402
from scheduler.solver.solve import build_model, sessions_from  # noqa: E402
from scheduler.core.domain import Timetable  # noqa: E402

SECTION = "## Quality: the truth (issue 14)"
TARGET = {"nancy": (10.0, 2.0)}  # instance -> (seconds, gap %); over-subscribed: 30 s, 5 %


def _solver(seconds: float, workers: int, seed: int = 0, tuned: bool = False,
            deterministic: float = 0) -> cp_model.CpSolver:
    """A CP-SAT solver; with `deterministic` > 0, limited by that much deterministic time (reproducible)."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    if deterministic > 0:
        solver.parameters.max_deterministic_time = deterministic
        seconds = 3600
    if tuned:
        tune_soft_stage(solver.parameters, workers)
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = seconds
    return solver


def best_count(problem, workers: int) -> tuple[int, list[bool]]:
    pm = build_model(problem)
    pm.model.Maximize(placed_sessions(pm))
    solver = _solver(30, workers)
    status = solver.Solve(pm.model)
    assert status == cp_model.OPTIMAL, "the placed count must be proven first"
    return round(solver.ObjectiveValue()), [solver.BooleanValue(p.chosen) for p in pm.placements]


def minimise(problem, count: int, hint: list[bool], seconds: float, workers: int, only: str | None = None,
             tuned: bool = True, floors: dict[str, int] | None = None, deterministic: float = 0) -> dict:
    """Minimise the full objective (or one rule alone) with the count held; value, bound, time, scores."""
    started = time.monotonic()
    pm = build_model(problem)
    pm.model.Add(placed_sessions(pm) >= count)
    expression, terms = combined_penalty(pm)
    if only is not None:
        expression = terms.get(only, 0)
        if isinstance(expression, int):
            return {"value": expression, "bound": expression, "optimal": True, "seconds": 0.0, "deterministic": 0.0}
    for label, floor in (floors or {}).items():  # valid redundant constraints: each rule's proven minimum
        if not isinstance(terms.get(label, 0), int):
            pm.model.Add(terms[label] >= floor)
    pm.model.Minimize(expression)
    for placement, value in zip(pm.placements, hint):
        pm.model.AddHint(placement.chosen, value)
    built = time.monotonic() - started
    solver = _solver(seconds, workers, tuned=tuned, deterministic=deterministic)
    status = solver.Solve(pm.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    value = round(solver.Value(expression)) if found and not isinstance(expression, int) else round(solver.ObjectiveValue())
    result = {"value": value, "bound": round(solver.BestObjectiveBound()),  # the objective of the timetable returned
              "optimal": status == cp_model.OPTIMAL, "seconds": round(solver.WallTime() + built, 2),
              "deterministic": round(solver.response_proto.deterministic_time, 1)}
    if only is None and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        picked = [p.candidate for p in pm.placements if solver.BooleanValue(p.chosen)]
        timetable = Timetable(sessions_from(problem, picked, pm.events))
        scored = soft_scores(problem, timetable)
        model_scores = {label: round(solver.Value(term)) if not isinstance(term, int) else term
                        for label, term in terms.items()}
        result["scores"] = scored
        result["model_scores"] = model_scores  # kept, so that a disagreement says which rule
        result["scorer_agrees"] = (weighted_penalty(problem, scored) == result["value"]
                                   and all(scored[label] == value for label, value in model_scores.items()))
    return result


def measure(name: str, seconds: float, reference: float, rule_seconds: float, workers: int) -> dict:
    problem = spec(name).build()
    count, hint = best_count(problem, workers)
    weights = effective_weights(problem.weights)
    rules = {}
    for label in SOFT_RULES:
        if weights.get(label, 0) > 0:
            rules[label] = minimise(problem, count, hint, rule_seconds, workers, only=label)
    rules_bound = sum(weights[label] * r["bound"] for label, r in rules.items())
    default = minimise(problem, count, hint, seconds, workers, tuned=False)
    budget = minimise(problem, count, hint, seconds, workers)
    floors = {label: r["bound"] for label, r in rules.items() if r["bound"] > 0}
    floored = minimise(problem, count, hint, seconds, workers, floors=floors)
    long_run = minimise(problem, count, hint, 0, 1, floors=floors, deterministic=reference) if reference > 0 else floored
    runs = (default, budget, floored, long_run)
    bound = max(rules_bound, *(run["bound"] for run in runs))
    return {"instance": name, "count": count, "rules": rules, "rules_bound": rules_bound,
            "rules_seconds": round(sum(r["seconds"] for r in rules.values()), 1),
            "default": default, "budget": budget, "floored": floored, "reference": long_run, "bound": bound,
            "best": min(run["value"] for run in runs), "seconds": seconds, "reference_seconds": reference}


def _gap(value: int, bound: int) -> float:
    return 0.0 if value <= bound or value == 0 else round(100 * (value - bound) / value, 1)


def _run(run: dict, bound: int) -> str:
    proven = ", optimal" if run["optimal"] else ""
    return (f"{run['value']} (bound {run['bound']}{proven}, own gap {_gap(run['value'], run['bound'])} %) in "
            f"{run['seconds']} s ({run['deterministic']} det.), from the truth {_gap(run['value'], bound)} %")


def table(results: list[dict]) -> str:
    lines = ["| instance | placed (proven) | best proven bound | best found | default CP-SAT at budget | "
             "tuned (`tune_soft_stage`) at budget | tuned + per-rule floors at budget | reference run | "
             "per-rule minima: weighted sum (time) | scorer = model |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        agree = all(r[run].get("scorer_agrees") for run in ("default", "budget", "floored", "reference"))
        lines.append(
            f"| {r['instance']} | {r['count']} | {r['bound']} | {r['best']} | {_run(r['default'], r['bound'])} | "
            f"{_run(r['budget'], r['bound'])} | {_run(r['floored'], r['bound'])} | {_run(r['reference'], r['bound'])} | "
            f"{r['rules_bound']} ({r['rules_seconds']} s) | {'yes' if agree else '**no**'} |")
    lines += ["", "Each rule alone: its minimum with the count held ('≥': a proven bound only), and its score in the "
              "best timetable of the reference run:", "",
              "| instance | " + " | ".join(f"`{label}`" for label in SOFT_RULES) + " |",
              "|---|" + "---|" * len(SOFT_RULES)]
    for r in results:
        cells = []
        for label in SOFT_RULES:
            rule = r["rules"].get(label)
            if rule is None:
                cells.append("off")
            else:
                found = r["reference"].get("scores", {}).get(label, "?")
                cells.append(f"{'' if rule['optimal'] else '≥'}{rule['bound']} (found {found})")
        lines.append(f"| {r['instance']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


PROSE = """Generated by `tests/benchmarks/quality_truth.py --write` (CP-SAT driven directly, 2 workers, seed 0,
{when}); the rest of this page comes from `run_benchmarks.py`. With the placed count held at its proven
maximum, the weighted soft penalty (`scheduler.solver.objective.combined_penalty`) is minimised at the
target's budget (Nancy 10 s; the others 30 s):

- *default CP-SAT*: CP-SAT's default parameters (what `solve.py` used for stage 2 before `tune_soft_stage`);
- *tuned*: `objective.tune_soft_stage` (a `max_lp` worker, i.e. the full linear relaxation, beside
  `default_lp`; one worker: `linearization_level = 2`);
- *tuned + per-rule floors*: the same, with each rule's proven minimum added as a valid redundant constraint;
- *reference run*: one worker with the full linear relaxation (`linearization_level = 2`) and the floors,
  limited to {reference} s of CP-SAT's deterministic time: reproducible whatever the machine's load.

*Per-rule minima*: each soft rule minimised alone with the count held; the weighted sum of their proven
bounds is a valid lower bound of the full objective. *Best proven bound* is the largest of that sum and
every bound CP-SAT proved. *Own gap* = (penalty − the bound that run proved) / penalty: what the run
itself can claim (the targets' measure); *from the truth* = (penalty − best proven bound) / penalty:
the real distance to the optimum at most (0 % where the optimum is known and reached). *scorer = model*: the solver-free scorer (`scheduler.core.scoring`)
re-scores every timetable and agrees with the model's value, rule by rule.
Timings are wall-clock on this machine (load average {load} when the page was written): "det." is CP-SAT's
deterministic time, which the load does not inflate."""


def findings(results: list[dict]) -> str:
    """What the table shows, in words, from the figures themselves."""
    lines = ["**Findings** (from the table above; the reasoning holds on every run, the figures are this run's)."]
    for r in results:
        budget, default = r["budget"], r["default"]
        optimum = "the optimum" if r["best"] == r["bound"] else f"at most {_gap(r['best'], r['bound'])} % above the optimum"
        lines.append(
            f"- *{r['instance']}*: with {r['count']} sessions placed (proven), the best timetable found pays "
            f"{r['best']}, {optimum} (best proven bound {r['bound']}). At the target's budget, the tuned stage "
            f"reached {budget['value']} with its own proven bound {budget['bound']} (gap {_gap(budget['value'], budget['bound'])} %, "
            f"target {TARGET.get(r['instance'], (30.0, 5.0))[1]:g} %), CP-SAT's defaults {default['value']} with a bound of "
            f"{default['bound']} (gap {_gap(default['value'], default['bound'])} %); the per-rule minima add up to "
            f"{r['rules_bound']}.")
    for r in results:
        for run in ("default", "budget", "floored", "reference"):
            found = r[run]
            if found.get("scorer_agrees") is False:
                differing = {label: (value, found["scores"].get(label))
                             for label, value in (found.get("model_scores") or {}).items()
                             if found["scores"].get(label) != value}
                lines.append(
                    f"- **Disagreement** on {r['instance']}, run *{run}*: CP-SAT reported the objective "
                    f"{found['value']} where the solver-free scorer gives the same timetable "
                    f"{weighted_penalty(spec(r['instance']).build(), found['scores'])}"
                    + (f" (rules, model against scorer: {differing})" if differing else "")
                    + ": CP-SAT's `ObjectiveValue()` was above the objective of the timetable it returned (a search "
                    "stopped before its proof, its presolve having let a helper lag behind the exact channel). This "
                    "script and the planner now take the objective evaluated on the timetable returned "
                    "(`lexicographic.solve_stages`, `tests/test_reported_penalty.py`), which the scorer matches.")
    lines += [
        "- *Where the gap was*: in the bound, not the timetables. CP-SAT's default workers run no full linear "
        "relaxation and prove little of the soft penalty; the per-rule minima already prove more, and the full "
        "linear relaxation (`tune_soft_stage`) more still.",
        "- *Formulations*: presence of a theme, type or format in a week is the OR of its candidates, day excess a "
        "max, lone days channelled with cuts (a short session alone makes a lone day), the mentoring rules exact "
        "week chains: every expression equals the solver-free score in every solution (column *scorer = model*). "
        "Per-rule floors as redundant constraints do not help once the full relaxation runs (column *floors*), so "
        "they are measured here and not used. The model has one Boolean per legal start, so occurrences of one "
        "offer have no symmetry to break.",
        "- *Stage 2 in `plan`* (solve.py, replan.py, the year, through `lexicographic.new_solver`): "
        "`tune_soft_stage` and a stop on the proven gap (`--gap`, default 1 %); deterministic search and limits, "
        "so that runs repeat (section \"Default run\")."]
    return "\n".join(lines)


def write_section(body: str) -> None:
    replace_section(ROOT / "docs" / "benchmarks.md", SECTION, body)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", default=[s.name for s in SPECS])
    parser.add_argument("--seconds", type=float, default=None, help="budget of the full objective (default: the target's)")
    parser.add_argument("--reference", type=float, default=25.0, help="deterministic seconds of the one-worker reference run (0: none)")
    parser.add_argument("--rule-seconds", type=float, default=10.0, help="seconds for each rule alone")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write the section of docs/benchmarks.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    parser.add_argument("--from-json", type=Path, default=None, help="write the page from results saved by --json")
    options = parser.parse_args(argv)
    results = json.loads(options.from_json.read_text()) if options.from_json else []
    for name in options.instances if not options.from_json else ():
        if not available(name):
            continue
        seconds = options.seconds or TARGET.get(name, (30.0, 5.0))[0]
        result = measure(name, seconds, options.reference, options.rule_seconds, options.workers)
        print(json.dumps({k: v for k, v in result.items() if k != "rules"}, default=str), flush=True)
        results.append(result)
    print(table(results))
    if options.json:
        options.json.write_text(json.dumps(results, indent=1, default=str))
    if options.write:
        load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
        prose = PROSE.format(when=time.strftime("%Y-%m-%d"), reference=options.reference, load=load)
        write_section(prose + "\n\n" + table(results) + "\n\n" + findings(results))


if __name__ == "__main__":
    main()
