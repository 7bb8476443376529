"""One contender on one instance, alone in this process; prints one JSON line (the last one).

    python tests/benchmarks/bench_worker.py ours|greedy|timefold|conference|workbook INSTANCE
        [--limit S] [--target N] [--soft] [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_instances import Prepared, prepare, spec, violation_summary  # noqa: E402


def scored(prepared: Prepared, timetable) -> dict:
    """The one solver-free scorer's verdict on any contender's timetable: each soft rule, the weighted penalty."""
    from scheduler.core.scoring import soft_scores, weighted_penalty

    rules = soft_scores(prepared.problem, timetable)
    return {"scored_penalty": weighted_penalty(prepared.problem, rules), "scored_rules": rules}


def ours(prepared: Prepared, limit: float, share: float = 0.5, patience: float = 0.0) -> dict:
    from scheduler.core.errors import NoTimetable
    from scheduler.solver.solve import SolveOptions, solve

    trace: list[tuple[str, float, float, float]] = []

    def progress(event: dict) -> None:
        trace.append((str(event.get("stage")), float(event.get("objective") or 0), float(event.get("bound") or 0),
                      float(event.get("elapsed") or 0)))

    started = time.monotonic()
    try:
        result = solve(prepared.problem, SolveOptions(time_limit=limit, work_limit=limit, seed=0, progress=progress,
                                                      first_stage_share=share, patience=patience))  # default: 1 worker, gap 1 %
    except NoTimetable as error:
        return {"error": f"NoTimetable: {error}", "seconds": time.monotonic() - started}
    seconds = time.monotonic() - started
    placed_trace = [t for t in trace if t[0] == "placed"]
    soft_trace = [t for t in trace if t[0] != "placed"]
    reached = next((t[3] for t in placed_trace if round(t[1]) >= result.placed), None)
    stage1_end = placed_trace[-1][3] if placed_trace else None
    penalty, bound = getattr(result, "penalty", 0), getattr(result, "penalty_bound", 0)
    return {
        "placed": result.placed, "placed_bound": result.placed_bound, "status": result.status,
        "first_timetable": placed_trace[0][3] if placed_trace else None,
        "reached_placed": reached, "stage1_seconds": stage1_end,
        "stage2_first": soft_trace[0][3] if soft_trace else None,
        "penalty": penalty, "penalty_bound": bound,
        "gap": (penalty - bound) / penalty if penalty else 0.0,
        "soft_scores": getattr(result, "soft_scores", {}), "seconds": seconds,
        "candidates": getattr(result, "candidates", 0),
        "violations": violation_summary(prepared.problem, result.timetable),
        **scored(prepared, result.timetable),
    }


def greedy(prepared: Prepared) -> dict:
    from bench_greedy import first_fit
    started = time.monotonic()
    picked = first_fit(prepared)
    seconds = time.monotonic() - started
    return {"placed": len(picked), "seconds": seconds,
            "violations": violation_summary(prepared.problem, prepared.timetable(picked)),
            **scored(prepared, prepared.timetable(picked))}


def timefold(prepared: Prepared, target: int, limit: float, soft: bool = False) -> dict:
    """Timefold: hard rules and the placed count, stopped at `target`; with `soft`, every rule, stopped on time.
    With `soft`, its own soft score must be our scorer's penalty (`soft_matches`; a mismatch is loud)."""
    import bench_timefold  # imported here: its wall clock starts before the JVM does
    found = bench_timefold.run(prepared, target, limit, soft=soft)
    picked = found.pop("picked")
    result = {**found, "placed": len(picked),
              "violations": violation_summary(prepared.problem, prepared.timetable(picked)),
              **scored(prepared, prepared.timetable(picked))}
    if soft:
        result["soft_matches"] = result["soft_penalty"] == result["scored_penalty"]
        if not result["soft_matches"]:
            print(f"MISMATCH: Timefold's soft score {result['soft_penalty']} is not our scorer's penalty "
                  f"{result['scored_penalty']}", file=sys.stderr, flush=True)
    return result


def conference(prepared: Prepared, limit: float) -> dict:
    import bench_conference
    found = bench_conference.run(prepared, limit)
    picked = found.pop("picked")
    return {**found, "placed": len(picked),
            "violations": violation_summary(prepared.problem, prepared.timetable(picked)),
            **scored(prepared, prepared.timetable(picked))}


def describe(prepared: Prepared) -> dict:
    problem = prepared.problem
    return {"offers": len(problem.offers), "offered": prepared.offered, "speakers": len(problem.speakers),
            "organisations": len(problem.organisations), "weeks": problem.programme.weeks,
            "max_hours": problem.programme.max_minutes_per_day / 60,
            "candidates": sum(len(c) for c in prepared.candidates.values())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["ours", "greedy", "timefold", "conference", "workbook"])
    parser.add_argument("instance")
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--target", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--share", type=float, default=0.5, help="ours: share of the limit for stage 1")
    parser.add_argument("--soft", action="store_true", help="timefold: with our soft rules, stopped on time only")
    parser.add_argument("--patience", type=float, default=0.0, help="ours: stage 2's patience (s; 0: none, reproducible)")
    args = parser.parse_args()
    try:
        problem = spec(args.instance).build()
        if args.kind == "workbook":
            from scheduler.workbook.writing import write_problem
            write_problem(problem, args.out)
            found = {"written": str(args.out)}
        else:
            prepared = prepare(problem)
            found = {"instance": describe(prepared)}
            if args.kind == "ours":
                found.update(ours(prepared, args.limit, args.share, args.patience))
            elif args.kind == "greedy":
                found.update(greedy(prepared))
            elif args.kind == "timefold":
                found.update(timefold(prepared, args.target, args.limit, args.soft))
            else:
                found.update(conference(prepared, args.limit))
    except Exception as error:  # a peer that cannot run is reported, not fatal
        found = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()[-2000:]}
    sys.stdout.flush()
    print("\n" + json.dumps(found, default=str))


if __name__ == "__main__":
    main()
