"""Quality against peers, side by side (issue 14.5): the same soft rules, the same scorer, the same budgets.

    .venv/bin/python tests/benchmarks/quality_peers.py                      # every instance, 10 s and 30 s
    .venv/bin/python tests/benchmarks/quality_peers.py nancy over1 --limits 3 --write

For each instance and each budget: our solver (`SolveOptions(time_limit=work_limit=budget, workers=1)`;
it stops earlier once its gap is proven within 1 %), Timefold with our soft rules (`bench_timefold.py`
`run(soft=True)`, stopped by time only), and greedy first fit (no budget: it runs once). Each contender
runs alone in a fresh process (`bench_worker.py`); every timetable is scored by the one solver-free
scorer (`scheduler.core.scoring.soft_scores`, weighted as `plan` weighs it) and checked by the
independent checker. With `--write`, the section below replaces its namesake in docs/benchmarks.md;
`run_benchmarks.py` calls this script so that its one command regenerates the whole page.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench_instances import SPECS, available, replace_section  # noqa: E402

SECTION = "## Quality against peers (issue 14.5)"
CONTENDERS = ("ours", "timefold", "greedy")
NAMES = {"ours": "ours", "timefold": "Timefold", "greedy": "greedy first fit"}


def measure(instance: str, limits: list[float]) -> dict:
    """Every contender on one instance: greedy once, ours and Timefold at each budget."""
    from run_benchmarks import run_worker

    print(f"{instance}: greedy", flush=True)
    found: dict = {"instance": instance, "greedy": run_worker("greedy", instance, 300), "limits": {}}
    found["load"] = os.getloadavg()[0]  # the machine's load while measuring, for the page
    for limit in limits:
        print(f"{instance}: ours, {limit:g} s", flush=True)
        ours = run_worker("ours", instance, limit + 120, "--limit", str(limit))
        print(f"{instance}: Timefold with the soft rules, {limit:g} s", flush=True)
        timefold = run_worker("timefold", instance, limit + 300, "--limit", str(limit), "--soft")
        found["limits"][f"{limit:g}"] = {"ours": ours, "timefold": timefold}
    return found


def _hard(found: dict) -> int:
    return sum(found.get("violations", {}).values())


def _cell(found: dict, seconds: str = "") -> str:
    """placed · penalty · hard rules broken (· time)."""
    if "error" in found:
        return f"error: {found['error'][:120]}"
    hard = _hard(found)
    text = f"{found['placed']} · {found['scored_penalty']} · {'0' if not hard else f'**{hard}**'}"
    return text + (f" · {float(found[seconds]):.1f} s" if seconds and found.get(seconds) is not None else "")


def ranking(contenders: dict[str, dict]) -> tuple[list[str], int | None, list[str]]:
    """Lexicographic: no hard rule broken first, then the placed count, then the penalty among equals.
    The winners (contender keys), the best penalty, and a phrase for each of the others."""
    valid = {name: f for name, f in contenders.items() if "error" not in f and not _hard(f)}
    if not valid:
        return [], None, []
    most = max(f["placed"] for f in valid.values())
    level = {name: f for name, f in valid.items() if f["placed"] == most}
    best = min(f["scored_penalty"] for f in level.values())
    winners = [name for name, f in level.items() if f["scored_penalty"] == best]
    others = []
    for name, f in contenders.items():
        if name in level:
            if f["scored_penalty"] > best:
                others.append(f"{NAMES[name]} +{(f['scored_penalty'] - best) / best:.0%}" if best else
                              f"{NAMES[name]} {f['scored_penalty']}")
        elif "error" in f:
            others.append(f"{NAMES[name]} failed")
        elif _hard(f):
            others.append(f"{NAMES[name]} {_hard(f)} hard-rule violation{'s' if _hard(f) > 1 else ''} (not comparable)")
        else:
            others.append(f"{NAMES[name]} {most - f['placed']} fewer placed (penalty not comparable)")
    return winners, best, others


def verdict(contenders: dict[str, dict]) -> str:
    """The ranking in words."""
    winners, best, others = ranking(contenders)
    if not winners:
        return "no valid timetable"
    return f"best: {' = '.join(NAMES[w] for w in winners)} ({best})" + ("; " + ", ".join(others) if others else "")


def _pairs(results: list[dict]):
    for r in results:
        for limit, row in r["limits"].items():
            yield r, limit, {"ours": row["ours"], "timefold": row["timefold"], "greedy": r["greedy"]}


def target_figures(results: list[dict]) -> list[dict]:
    """For the 'Targets' table: on each instance and budget, whether ours is behind a peer's valid timetable."""
    found = []
    for r, limit, contenders in _pairs(results):
        winners, best, others = ranking(contenders)
        found.append({"ours_behind": "ours" not in winners,
                      "summary": f"{r['instance']} {limit} s: " + verdict(contenders)})
    return found


def findings(results: list[dict]) -> str:
    """What the table shows, counted from it."""
    pairs = list(_pairs(results))
    if not pairs:
        return ""
    ours_best = [f"{r['instance']} {limit} s" for r, limit, c in pairs if "ours" in ranking(c)[0]]
    tf_valid_same = [(r, limit, c) for r, limit, c in pairs if "error" not in c["timefold"]
                     and not _hard(c["timefold"]) and "error" not in c["ours"]
                     and c["timefold"]["placed"] == c["ours"]["placed"]]
    tf_broken = [f"{r['instance']} {limit} s" for r, limit, c in pairs
                 if "error" not in c["timefold"] and _hard(c["timefold"])]
    tf_fewer = [f"{r['instance']} {limit} s" for r, limit, c in pairs
                if "error" not in c["timefold"] and not _hard(c["timefold"]) and "error" not in c["ours"]
                and c["timefold"]["placed"] < c["ours"]["placed"]]
    greedy_fewer = sorted({r["instance"] for r, _, c in pairs if "error" not in c["greedy"] and "error" not in c["ours"]
                           and c["greedy"]["placed"] < c["ours"]["placed"]})
    lines = [f"**Reading** (counted from the table above). Ours is the best valid timetable on {len(ours_best)} of "
             f"{len(pairs)} instance–budget pairs."]
    if tf_valid_same:
        lines.append("Timefold reaches our placed count with no hard rule broken on "
                     + ", ".join(f"{r['instance']} {limit} s (penalty {c['timefold']['scored_penalty']} against our "
                                 f"{c['ours']['scored_penalty']})" for r, limit, c in tf_valid_same) + ".")
    if tf_fewer:
        lines.append("It is valid but places fewer sessions on " + ", ".join(tf_fewer) + ".")
    if tf_broken:
        lines.append("Its best timetable breaks hard rules on " + ", ".join(tf_broken)
                     + " (mostly required offers left out): its penalty there is not comparable.")
    if greedy_fewer:
        lines.append("Greedy first fit places fewer sessions than ours on " + ", ".join(greedy_fewer) + ".")
    return " ".join(lines)


def table(results: list[dict]) -> str:
    lines = ["| instance | budget | ours | Timefold (`solve()` wall) | greedy first fit | verdict |",
             "|---|---|---|---|---|---|"]
    for r in results:
        for limit, row in r["limits"].items():
            contenders = {"ours": row["ours"], "timefold": row["timefold"], "greedy": r["greedy"]}
            lines.append(f"| {r['instance']} | {limit} s | {_cell(row['ours'], 'seconds')} | "
                         f"{_cell(row['timefold'], 'solve_seconds')} | {_cell(r['greedy'])} | {verdict(contenders)} |")
    return "\n".join(lines)


def rules_table(results: list[dict]) -> str:
    """Each rule's units of penalty at the longest budget (default weight in the header), to see where each pays."""
    from scheduler.core.soft_rules import SOFT_RULE_CATALOGUE

    lines = ["| instance | contender | " + " | ".join(f"{rule.label} (×{rule.weight})" for rule in SOFT_RULE_CATALOGUE)
             + " |",
             "|---|---|" + "---|" * len(SOFT_RULE_CATALOGUE)]
    for r in results:
        if not r["limits"]:
            continue
        longest = max(r["limits"], key=float)
        row = {**r["limits"][longest], "greedy": r["greedy"]}
        for name in CONTENDERS:
            scores = row[name].get("scored_rules")
            if scores:
                lines.append(f"| {r['instance']} | {NAMES[name]} ({row[name]['placed']} placed) | "
                             + " | ".join(str(scores.get(rule.label, "")) for rule in SOFT_RULE_CATALOGUE) + " |")
    return "\n".join(lines)


def self_check(results: list[dict]) -> str:
    """Did Timefold's own soft score equal our scorer's penalty on every timetable it returned?"""
    runs = [(r["instance"], limit, row["timefold"]) for r in results for limit, row in r["limits"].items()
            if "error" not in row["timefold"]]
    bad = [f"{name} {limit} s: Timefold {t['soft_penalty']}, scorer {t['scored_penalty']}"
           for name, limit, t in runs if not t.get("soft_matches")]
    if not runs:
        return "Timefold did not run (see the errors below)."
    if bad:
        return "**MISMATCH between Timefold's soft score and our scorer**: " + "; ".join(bad) + "."
    return (f"on all {len(runs)} Timefold runs, its own soft score equals our scorer's penalty "
            "(so it optimised exactly what it is judged on).")


PROSE = """Generated by `tests/benchmarks/quality_peers.py --write` ({when}; load average {load}: the
machine was shared, so read times as upper bounds). Each cell: **placed · weighted penalty · hard-rule
violations** (and time). Penalties are our solver-free scorer's (`scheduler.core.scoring`, weighted as
`plan` weighs them; lower is better), violations the independent checker's (`scheduler verify`). Same budget for ours
and Timefold: ours is `solve(problem, SolveOptions(time_limit=B, work_limit=B, workers=1))` and stops
earlier when the penalty is proven within 1 % of its bound (its time is shown); Timefold (default
configuration: construction heuristic then local search, seed 0, one solver thread) stops at B seconds
of solving; the time shown is the wall time of its `solve()` call, which adds the translation of the
Python constraints to Java and their first compilation (JVM start excluded). Greedy first fit has no
budget. The placed count comes first:
a timetable with fewer sessions is worse whatever its penalty (an unplaced session pays no soft rule),
and one that breaks a hard rule is not a timetable; the verdict compares penalties only at the best
placed count among valid timetables.

Timefold's model carries every soft rule as constraint streams (`bench_timefold_soft.py`) with the
same weights; `tests/test_bench_timefold.py` holds its soft score equal to our scorer's penalty rule
by rule, and each run here checks it again: {check}"""


def write_section(results: list[dict], page: Path = ROOT / "docs" / "benchmarks.md") -> None:
    loads = [r["load"] for r in results if "load" in r]
    load = (f"{min(loads):.1f} to {max(loads):.1f} while measuring" if loads else
            " / ".join(f"{value:.1f}" for value in os.getloadavg()) + " when written")
    prose = PROSE.format(when=time.strftime("%Y-%m-%d"), load=load, check=self_check(results))
    body = (prose + "\n\n" + table(results) + "\n\nWhere each contender pays, at the longest budget: units of "
            "penalty by rule (the penalty is their sum, each times its rule's weight: the default in the header "
            "unless the workbook's `Poids` changes it):\n\n" + rules_table(results) + "\n\n" + findings(results))
    replace_section(page, SECTION, body)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", default=[s.name for s in SPECS])
    parser.add_argument("--limits", default="10,30", help="comma-separated budgets (s) for ours and Timefold")
    parser.add_argument("--write", action="store_true", help="write the section of docs/benchmarks.md")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the page to write")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--from-json", type=Path, help="write the section from results saved by --json")
    options = parser.parse_args(argv)
    limits = [float(limit) for limit in options.limits.split(",")]
    results = json.loads(options.from_json.read_text()) if options.from_json else []
    for name in options.instances if not options.from_json else ():
        if available(name):
            results.append(measure(name, limits))
    print(table(results))
    print(self_check(results))
    if options.json:
        options.json.write_text(json.dumps(results, indent=1, default=str))
    if options.write:
        write_section(results, options.out)
    return results


if __name__ == "__main__":
    main()
