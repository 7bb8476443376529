"""Tried as a new user would (issue 14): `scheduler plan` on over-subscribed workbooks unlike the benchmark's.

    .venv/bin/python tests/benchmarks/oversubscribed_tryout.py            # print the table
    .venv/bin/python tests/benchmarks/oversubscribed_tryout.py --write    # and write its section of docs/benchmarks.md

Each workbook is built from a seed (deterministic: other seeds and scales than the benchmark's, 4 h
days, more required offers, many preferred windows, a `Poids` sheet, closures and holidays, a short
programme, and one hand-edited in openpyxl as a coordinator would: a speaker left with one window,
a theme with one offer), written by the workbook writer, then run through the CLI in a subprocess,
as a new user would: `scheduler check`, `scheduler plan W --out D` with the default options (French),
the same with `--gap 5 --lang en`, and `scheduler verify` on each output. The figures come from
D/resolution.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench_instances import add_page_options, measured, publish  # noqa: E402

from scheduler.core.domain import Closure, Problem  # noqa: E402

SECTION = "## Tried on other over-subscribed workbooks (issue 14)"
TARGET_GAP = 0.05  # the target for over-subscribed instances: within 5 % of the proven bound
TARGET_SECONDS = 30.0
WORK_LIMIT = 10.0  # SolveOptions.work_limit's default, which `scheduler plan` keeps


def _generated(seed: int, scale: float, *, start: dt.date | None = None, weeks: int = 12, phase1_weeks: int = 6,
               required_share: float = 0.0, preferred_share: float = 0.25,
               closures: tuple[tuple[int, int], ...] = (), weights: tuple[tuple[str, int], ...] = (),
               holidays: str = "FR") -> Problem:
    """An over-subscribed cohort built like `scheduler.synthetic.generate_with_plan`, with the variations:
    extra required offers (among those the planted timetable holds in full, so it stays feasible),
    a share of preferred windows, closures (week offsets and lengths in days, before planting), a
    `Poids` sheet, and another holiday calendar."""
    from scheduler.synthetic import (DEFAULT_START, SEED_OFFSET_WINDOWS, availability, cap_some_speakers,
                                     missing_required, plant, settle_required, theme_shortfalls, with_rows)
    from scheduler.synthetic.inventing import _invent_problem

    rng = random.Random(seed)
    start = start or DEFAULT_START
    problem = _invent_problem(rng, scale, start, 12, True, weeks, phase1_weeks, None)
    problem = replace(problem, programme=replace(problem.programme, holidays=holidays),
                      closures=tuple(Closure(start + dt.timedelta(days=7 * week), start + dt.timedelta(days=7 * week + days - 1),
                                             "Fermeture des locaux") for week, days in closures))
    timetable = plant(problem, rng)
    if theme_shortfalls(problem, timetable):
        raise RuntimeError(f"seed {seed}: the planted timetable misses a theme minimum")
    problem = settle_required(problem, timetable)
    if required_share:
        unheld = set(missing_required(replace(problem, offers=tuple(replace(o, required=True) for o in problem.offers)),
                                      timetable))
        pick = random.Random(seed + 1)
        problem = replace(problem, offers=tuple(
            replace(o, required=True) if o.id not in unheld and not o.required and pick.random() < required_share else o
            for o in problem.offers))
    window_rng = random.Random(seed + SEED_OFFSET_WINDOWS)
    problem = cap_some_speakers(problem, timetable, window_rng)
    problem = replace(problem, windows=availability(problem, timetable, window_rng, preferred_share=preferred_share),
                      weights=weights)
    return with_rows(problem)


@dataclass(frozen=True)
class Tryout:
    name: str
    description: str
    build: Callable[[], Problem]
    hand_edit: Callable[[Path], str] | None = None  # edits the written workbook in openpyxl; says what it did


def hand_edit(path: Path) -> str:
    """As a coordinator would in a spreadsheet: one theme keeps one discovery offer (its longest-running;
    the others of it are deleted), and the speaker with the most discovery offers keeps one window only."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    offers, windows = book["Interventions"], book["Disponibilités"]
    col = {cell.value: cell.column - 1 for cell in offers[1] if cell.value}
    rows = [row for row in offers.iter_rows(min_row=2) if row[0].value]
    discovery = [r for r in rows if r[col["Format"]].value not in ("Coaching", "Suivi de projet")]
    themes: dict[str, list] = {}
    for row in discovery:
        themes.setdefault(row[col["Thème"]].value, []).append(row)
    theme = sorted(themes, key=lambda t: (len(themes[t]), t))[-1]
    kept = max(themes[theme], key=lambda r: (r[col["Séances"]].value or 1, -r[0].row))
    gone = sorted((r[0].row for r in themes[theme] if r is not kept), reverse=True)
    speakers = [r[col["Intervenant"]].value for r in discovery if r[col["Thème"]].value != theme]
    speaker = max(sorted(set(speakers)), key=speakers.count)
    for row in gone:
        offers.delete_rows(row)
    theirs = [row[0].row for row in windows.iter_rows(min_row=2) if row[0].value == speaker]
    for row in reversed(theirs[1:]):
        windows.delete_rows(row)
    book.save(path)
    return (f"theme '{theme}' left with one discovery offer of {kept[col['Séances']].value or 1} sessions "
            f"({len(gone)} deleted); '{speaker}' left with one window of {len(theirs)}")


TRYOUTS: tuple[Tryout, ...] = (
    Tryout("t3", "seed 3, scale 1, 4 h days (the generator's over-subscribed cohort, another seed)",
           lambda: _generated(3, 1.0)),
    Tryout("t4", "seed 4, scale 1.5", lambda: _generated(4, 1.5)),
    Tryout("t5", "seed 5, scale 1, about half the remaining offers made required",
           lambda: _generated(5, 1.0, required_share=0.5)),
    Tryout("t6", "seed 6, scale 1.2, 70 % of windows preferred", lambda: _generated(6, 1.2, preferred_share=0.7)),
    Tryout("t7", "seed 7, scale 1, a `Poids` sheet (theme weeks 40, overloaded days 6, preferred windows 3, "
                 "lone days 0)",
           lambda: _generated(7, 1.0, weights=(("theme_weeks_missed", 40), ("overloaded_days", 6),
                                               ("preferred_windows_missed", 3), ("lone_short_days", 0)))),
    Tryout("t8", "seed 8, scale 1, starts 2027-04-26 with the Moselle holidays (`FR-57`: Ascension on May 6 and "
                 "Whit Monday on May 17 fall in it), a closure of week 3 and of two days of week 8",
           lambda: _generated(8, 1.0, start=dt.date(2027, 4, 26), holidays="FR-57", closures=((2, 5), (7, 2)))),
    Tryout("t9", "seed 9, scale 0.8, 8 weeks of which 4 of discovery", lambda: _generated(9, 0.8, weeks=8,
                                                                                          phase1_weeks=4)),
    Tryout("t10", "seed 10, scale 1, hand-edited in openpyxl", lambda: _generated(10, 1.0), hand_edit),
)


def scheduler_command() -> list[str]:
    script = Path(sys.executable).with_name("scheduler")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scheduler"]


def run(arguments: list[str], timeout: float = 600) -> dict:
    """One CLI call in a subprocess: exit code, output, wall and CPU seconds."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([*scheduler_command(), *arguments], cwd=ROOT, stdout=out, stderr=err, text=True,
                                   env={**os.environ, "COLUMNS": "200"})
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        out.seek(0)
        err.seek(0)
        return {"code": process.returncode, "stdout": out.read(), "stderr": err.read(),
                "wall": time.monotonic() - started}


def odd(text: str) -> list[str]:
    """What a new user would find odd in what a command printed: a traceback, a placeholder, a raw label."""
    from scheduler.core.soft_rules import SOFT_RULE_CATALOGUE

    found = ["traceback"] if "Traceback" in text else []
    found += [f"prints '{word}'" for word in ("None", "nan", "NaN", "inf") if re.search(rf"\b{word}\b", text)]
    found += [f"prints '{mark}'" for mark in ("{", "}") if mark in text]
    found += [f"prints the label '{rule.label}'" for rule in SOFT_RULE_CATALOGUE if rule.label in text]
    return found


def build_workbook(tryout: Tryout, folder: Path) -> tuple[Path, dict]:
    from scheduler.workbook.reading import load
    from scheduler.workbook.writing import write_problem

    path = folder / f"{tryout.name}.xlsx"
    write_problem(tryout.build(), path)
    note = tryout.hand_edit(path) if tryout.hand_edit else ""
    problem = load(path)  # as the planner reads it, after the hand edit
    from scheduler.core.soft_rules import DEFAULT_WEIGHTS

    weights = {**DEFAULT_WEIGHTS, **dict(problem.weights)}
    return path, {"offers": len(problem.offers), "offered": sum(o.count for o in problem.offers), "note": note,
                  "weights": weights}


def try_one(tryout: Tryout, folder: Path) -> dict:
    workbook, facts = build_workbook(tryout, folder)
    row: dict = {"name": tryout.name, "description": tryout.description, **facts}
    check = run(["check", str(workbook)])
    row["check"] = {"code": check["code"], "output": check["stdout"] + check["stderr"]}
    for key, extra in (("default", []), ("gap5", ["--gap", "5", "--lang", "en"])):
        out = folder / f"{tryout.name}-{key}"
        ran = run(["plan", str(workbook), "--out", str(out), *extra])
        result: dict = {"code": ran["code"], "wall": round(ran["wall"], 2), "output": ran["stdout"] + ran["stderr"]}
        if ran["code"] != 0:
            result["error"] = (ran["stderr"] or ran["stdout"]).strip()[-600:]
        resolution = out / "resolution.json"
        if resolution.exists():
            result["resolution"] = json.loads(resolution.read_text(encoding="utf-8"))
            verify = run(["verify", str(workbook), str(out / "planning.xlsx"), *extra[2:]])
            result["verify"] = {"code": verify["code"], "output": verify["stdout"] + verify["stderr"]}
        row[key] = result
    return row


def _work(resolution: dict) -> float:
    work = resolution.get("work") or resolution.get("deterministic") or {}
    return sum(work.values()) if isinstance(work, dict) else float(work or 0)


def _seconds(resolution: dict) -> float:
    """Solving seconds (wall clock): the whole solve, both stages."""
    seconds = resolution.get("seconds") or {}
    return float(seconds.get("solve", seconds.get("placed", 0) + seconds.get("soft", 0)))


def _cell(result: dict) -> str:
    if "resolution" not in result:
        return f"exit {result['code']}: {result.get('error', '')[-120:]!r}"
    r = result["resolution"]
    gap = r.get("gap")
    gap_text = "—" if gap is None else f"{100 * gap:.1f} %"
    verify = result.get("verify", {})
    verdict = "clean" if verify.get("code") == 0 else f"**exit {verify.get('code')}**"
    return (f"{r['placed']}/{r['offered']} ({'proven' if r.get('placed_optimal') else '**not proven**'}), "
            f"penalty {r['penalty']} / bound {r['bound']}, gap {gap_text}, work {_work(r):.1f} det. s, "
            f"{_seconds(r):.1f} s solving, {result['wall']:.1f} s wall, exit {result['code']}, verify {verdict}")


def _met(result: dict) -> bool:
    r = result.get("resolution")
    return bool(r and r.get("placed_optimal") and r.get("gap") is not None and r["gap"] <= TARGET_GAP
                and _seconds(r) <= TARGET_SECONDS and result.get("verify", {}).get("code") == 0)


def disagreements(row: dict, key: str) -> list[str]:
    """Figures of one `plan` run that do not agree: the summary, resolution.json, the rules' weighted sum,
    what `verify` recomputes from planning.xlsx, and the gap the summary says it is at most."""
    result = row[key]
    r = result.get("resolution")
    if not r:
        return []
    found = []
    said = result["output"]
    placed = re.search(r"^(\d+) (?:séances placées sur|sessions placed of) (\d+)", said, re.M)
    if not placed or (int(placed[1]), int(placed[2])) != (r["placed"], r["offered"]):
        found.append(f"summary's placed/offered {placed and placed.groups()} ≠ resolution.json {r['placed']}/{r['offered']}")
    if r["offered"] != row["offered"]:
        found.append(f"resolution.json offered {r['offered']} ≠ {row['offered']} in the workbook")
    weighted = sum(row["weights"].get(rule, 0) * score for rule, score in r["rules"].items())
    if weighted != r["penalty"]:
        found.append(f"weighted sum of resolution.json's rules {weighted} ≠ its penalty {r['penalty']}")
    penalty = re.search(r"(?:pénalité|penalty) (\d+)", said)
    if penalty and int(penalty[1]) != r["penalty"]:
        found.append(f"summary's penalty {penalty[1]} ≠ resolution.json {r['penalty']}")
    verified = re.search(r"(?:Pénalité des préférences de ce planning|Preference penalty of this timetable) ?: (\d+)",
                         result.get("verify", {}).get("output", ""))
    if verified and int(verified[1]) != r["penalty"]:
        found.append(f"verify's penalty {verified[1]} ≠ resolution.json {r['penalty']}")
    if r["penalty"] > 0 and r["gap"] is not None and abs(r["gap"] - max(0, r["penalty"] - r["bound"]) / r["penalty"]) > 1e-3:
        found.append(f"resolution.json gap {r['gap']} ≠ (penalty − bound) / penalty")
    at_most = re.search(r"(?:écart d'au plus|gap of at most) (\d+)", said)
    if at_most and int(at_most[1]) < 100 * r["gap"] - 1e-9:
        found.append(f"summary says the gap is at most {at_most[1]} % but it is {100 * r['gap']:.2f} %")
    return found


NOTED = ("Noticed and left: in English, warnings name the sheets by their English names ('Offers', 'Events') even "
         "where the workbook's sheets are the French `Interventions` and `Événements` (both are accepted, SPEC §1).")


def _outputs(row: dict) -> list[tuple[str, dict]]:
    """Every command run on one workbook, as typed, with what it printed."""
    found = [("check", row["check"])]
    for key, words in (("default", "plan"), ("gap5", "plan --gap 5 --lang en")):
        found.append((words, row[key]))
        if "verify" in row[key]:
            found.append((f"verify{' --lang en' if key == 'gap5' else ''}", row[key]["verify"]))
    return found


def render(rows: list[dict]) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"Generated by `tests/benchmarks/oversubscribed_tryout.py --write` ({dt.date.today()}, {os.cpu_count()} cores, "
             f"load average {load} at the end). Eight over-subscribed workbooks unlike the "
             "benchmark's instances, built from seeds and written by the workbook writer, then run through the CLI "
             "in a subprocess as a new user would: `scheduler check W`, `scheduler plan W --out D` with the "
             "default options (French), again with `--gap 5 --lang en`, and `scheduler verify` on each output. "
             "Figures from `D/resolution.json`: placed / offered (count proven optimal?), soft penalty / proven "
             "bound, gap, CP-SAT's deterministic work (load-independent), solving seconds, whole-command wall "
             "seconds (inflated by the load). Targets of issue 14: count proven; gap ≤ 5 % within 30 s; verify clean.",
             "", "| workbook | what | offers (sessions) | check | `plan` (default) | `plan --gap 5 --lang en` | "
                 "targets |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        described = next((t.description for t in TRYOUTS if t.name == row["name"]), row["description"])
        what = described + (f" ({row['note']})" if row.get("note") else "")
        check = "ok" if row["check"]["code"] == 0 else f"**exit {row['check']['code']}**"
        met = "met" if _met(row["default"]) and _met(row["gap5"]) else "**missed**"
        lines.append(f"| {row['name']} | {what} | {row['offers']} ({row['offered']}) | {check} | "
                     f"{_cell(row['default'])} | {_cell(row['gap5'])} | {met} |")
    oddities = [f"- {row['name']} {command}: {', '.join(odd(part['output']))}" for row in rows
                for command, part in _outputs(row) if odd(part["output"])]
    lines += ["", "What the commands printed that a user would find odd: "
              + ("nothing (no traceback, no raw label or placeholder)." if not oddities else "")]
    lines += oddities
    wrong = [f"- {row['name']} {key}: {', '.join(disagreements(row, key))}" for row in rows
             for key in ("default", "gap5") if disagreements(row, key)]
    lines += ["", "Figures that disagree (summary, `resolution.json`, the rules' weighted sum with the workbook's "
                  "weights, `verify`'s penalty, the gap the summary says it is at most): "
              + ("none." if not wrong else "")]
    lines += wrong
    missed = [f"- {row['name']} {words}: gap {100 * row[key]['resolution']['gap']:.1f} % (target 5 %, missed by "
              f"{100 * row[key]['resolution']['gap'] - 5:.1f} points) after {_work(row[key]['resolution']):.1f} "
              "deterministic seconds" + (": stopped by the default work limit (10 deterministic s; `--time-limit 30` "
                                         "allows 30)"
                                         if _work(row[key]['resolution']) >= WORK_LIMIT - 0.1 else "")
              for row in rows for key, words in (("default", "default"), ("gap5", "--gap 5"))
              if row[key].get("resolution") and (row[key]["resolution"]["gap"] or 0) > TARGET_GAP]
    if missed:
        lines += ["", "Gap target missed:", *missed]
    proven = sum(1 for row in rows for key in ("default", "gap5")
                 if (row[key].get("resolution") or {}).get("placed_optimal"))
    clean = sum(1 for row in rows for key in ("default", "gap5") if row[key].get("verify", {}).get("code") == 0)
    lines += ["", f"Counted: the placed count proven optimal on {proven} of {2 * len(rows)} runs; `verify` clean on "
                  f"{clean} of {2 * len(rows)}. " + NOTED]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these workbooks (default: all)")
    parser.add_argument("--keep", type=Path, help="keep the workbooks and outputs in this folder")
    add_page_options(parser)
    options = parser.parse_args(argv)

    def measure() -> list[dict]:
        rows = []
        with tempfile.TemporaryDirectory() as scratch:
            folder = options.keep or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            for tryout in (t for t in TRYOUTS if not options.names or t.name in options.names):
                rows.append(try_one(tryout, folder))
                print(tryout.name, _cell(rows[-1]["default"]), "|", _cell(rows[-1]["gap5"]), flush=True)
        return rows

    publish(options, SECTION, render(measured(options, measure)))


if __name__ == "__main__":
    main()
