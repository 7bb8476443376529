"""The targets of issue 14 (and the earlier ones of issue 7 still held), each with its verdict and figures.

Every verdict is computed from the figures of the run that writes the page; where a target is
missed, the row says by how much and why.
"""
from __future__ import annotations

from bench_instances import spec

GIB_MIB = 1024.0


def seconds_text(seconds: float | None) -> str:
    """Seconds as the page writes them: two decimals under one second, one above; '–' when unknown."""
    return "–" if seconds is None else f"{seconds:.2f} s" if seconds < 1 else f"{seconds:.1f} s"


_s = seconds_text


def _pct(gap: float) -> str:
    return f"{100 * gap:.1f} %"


def _ours(results: dict) -> list[tuple[str, dict]]:
    return [(name, row["ours"]) for name, row in results.items()
            if "skipped" not in row and "error" not in row.get("ours", {"error": 1})]


def placed_proven(results: dict) -> tuple[str, str, str]:
    rows = _ours(results)
    missed = [(n, o) for n, o in rows if o["status"] != "OPTIMAL"]
    failed = [n for n, row in results.items() if "skipped" not in row and (n, row.get("ours")) not in rows]
    if not missed and not failed:
        return ("placed count proven optimal on every instance", "met", f"OPTIMAL on all {len(rows)} instances")
    detail = "; ".join(f"{n}: {o['placed']} placed, bound {o['placed_bound']}" for n, o in missed)
    if failed:
        detail += "; no result on " + ", ".join(failed)
    return ("placed count proven optimal on every instance", "**missed**", detail.lstrip("; "))


def gap_target(results: dict, names: list[str], gap: float, seconds: float, label: str) -> tuple[str, str, str] | None:
    """Our solver (the defaults of `plan`) within `gap` of its own proven bound in `seconds`."""
    rows = [(n, o) for n, o in _ours(results) if n in names]
    if not rows:
        return None
    parts, ok = [], True
    for n, o in rows:
        met = o["gap"] <= gap + 1e-9 and o["seconds"] <= seconds
        ok &= met
        part = (f"{n}: penalty {o['penalty']}, proven bound {o['penalty_bound']}, gap {_pct(o['gap'])} in "
                f"{_s(o['seconds'])}")
        if not met:
            over = []
            if o["gap"] > gap:
                over.append(f"gap over by {_pct(o['gap'] - gap)}")
            if o["seconds"] > seconds:
                over.append(f"time over by {o['seconds'] - seconds:.1f} s")
            part += " (" + ", ".join(over) + ")"
        parts.append(part)
    why = "" if ok else (" — the soft stage stops at its deterministic work limit (10 s by default) before the "
                         "bound closes; see 'Why the soft stage takes seconds'")
    return (label, "met" if ok else "**missed**", "; ".join(parts) + why)


def plan_ratio(meta: dict) -> tuple[str, str, str]:
    label = "Nancy: whole `plan` (read, solve, every export) ≤ 3 s wall and ≤ 1.5× a count-only run"
    versus = meta.get("versus")
    if not versus:
        return (label, "not measured", "run without the timing pairs")
    found = versus.get("resolution") or {}
    seconds = found.get("seconds") or {}
    ok = versus["plan_wall"] <= 3 and versus["wall_ratio"] <= 1.5
    detail = (f"plan {versus['plan_wall']:.2f} s wall ({versus['plan_cpu']:.2f} CPU s), count only "
              f"{versus['count_wall']:.2f} s wall ({versus['count_cpu']:.2f} CPU s): ratio {versus['wall_ratio']:.1f}× "
              f"wall, {versus['cpu_ratio']:.1f}× CPU (medians of {versus['pairs']} alternate pairs)")
    if not ok:
        detail += (f" — missed by {max(0.0, versus['plan_wall'] - 3):.1f} s and {versus['wall_ratio'] / 1.5:.1f}×: "
                   f"proving the soft penalty within 1 % takes {seconds.get('soft', 0):.1f} s "
                   f"({(found.get('work') or {}).get('soft', 0):.1f} deterministic s) by itself, longer than the whole "
                   "count-only run; the count is proven in "
                   f"{_s(seconds.get('placed'))} and the exports take {_s(seconds.get('exports'))} "
                   "(sections 'Default run' and 'Why the soft stage takes seconds'); the last points of that proof "
                   "need reasoning on the hours within a day, which no bound argued over days and weeks reaches "
                   "(section 'A bound that forgets the hour')")
        if "unproven_wall" in versus:
            detail += (f"; without the proof (`plan --gap 100`, the soft stage stopped at its first timetable) the plan "
                       f"takes {versus['unproven_wall']:.2f} s, {versus['unproven_ratio']:.1f}× count-only: "
                       + ("even with no proof at all the ratio would be missed" if versus["unproven_ratio"] > 1.5
                          else "the proof is what is missing"))
    return (label, "met" if ok else "**missed**", detail)


def exports_time(results: dict) -> tuple[str, str, str] | None:
    plan = results.get("nancy", {}).get("plan", {})
    seconds = (plan.get("resolution") or {}).get("seconds", {}).get("exports")
    if seconds is None:
        return None
    return ("Nancy: every export (60 calendars, views, workbooks) ≤ 1 s", "met" if seconds <= 1 else "**missed**",
            f"{_s(seconds)} (`resolution.json`, whole `plan`)"
            + ("" if seconds <= 1 else f" — over by {seconds - 1:.2f} s"))


def memory(results: dict) -> tuple[str, str, str] | None:
    peaks = [(n, max(row.get("ours", {}).get("peak_mib", 0), row.get("plan", {}).get("peak_mib", 0)))
             for n, row in results.items() if "skipped" not in row]
    if not peaks:
        return None
    worst = max(peaks, key=lambda p: p[1])
    return ("peak memory ≤ 1 GiB (our solver and `plan`)", "met" if worst[1] <= GIB_MIB else "**missed**",
            f"largest {worst[1]:.0f} MiB on {worst[0]} (resident set of the whole process)")


def peers_quality(meta: dict) -> tuple[str, str, str]:
    label = "quality against Timefold and greedy, one scorer, at 10 s and 30 s"
    rows = meta.get("peers_quality")
    if not rows:
        return (label, "not measured", "see the section 'Quality against peers'")
    worse = [r for r in rows if r.get("ours_behind")]
    detail = "; ".join(r["summary"] for r in rows)
    return (label, "met" if not worse else "**missed**", detail)


def year_target(meta: dict) -> tuple[str, str, str]:
    label = "a year of four cohorts (examples/annee-2027.xlsx): within 10 % of a proven bound in 60 s"
    year = meta.get("year")
    if not year:
        return (label, "not measured", "see the section 'A year of four cohorts'")
    ok = year["gap"] <= 0.10 and year["seconds"] <= 60
    return (label, "met" if ok else "**missed**",
            f"penalty {year['penalty']}, proven bound {year['bound']}, gap {_pct(year['gap'])} in {_s(year['seconds'])}"
            + ("" if ok else f" — {year.get('why', '')}"))


def rows(results: dict, meta: dict) -> list[str]:
    """The 'Targets' table of docs/benchmarks.md."""
    over = [s.name for s in map(spec, results) if s.oversubscribed]
    verdicts = [
        placed_proven(results),
        gap_target(results, ["nancy"], 0.02, 10, "Nancy: soft penalty proven optimal or within 2 % in ≤ 10 s"),
        gap_target(results, over, 0.05, 30, "over-subscribed instances: within 5 % of the proven bound in 30 s"),
        year_target(meta),
        plan_ratio(meta),
        exports_time(results),
        peers_quality(meta),
        memory(results),
    ]
    lines = ["| target | verdict | figures |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {d} |" for t, v, d in (v for v in verdicts if v)]
    return lines
