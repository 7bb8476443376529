"""Where `scheduler plan` spends its CPU outside the CP-SAT search (issue 14.3), part by part, in one run.

    .venv/bin/python tests/benchmarks/plan_profile.py [examples/nancy-novembre-2026.xlsx] [--work 0.5]
    .venv/bin/python tests/benchmarks/plan_profile.py --runs 3 --against /tmp/base   # before/after medians
    .venv/bin/python tests/benchmarks/plan_profile.py --ratio 5 [--against /tmp/base]  # whole plan vs count-only

(`/tmp/base`: another checkout of the package, e.g. `git archive <commit> | tar -x -C /tmp/base`; its
runs and this checkout's alternate, each a fresh process, and the medians are printed side by side.
`--ratio N`: N alternate fresh runs of `scheduler plan WORKBOOK --out DIR --gap 100` (the soft stage
stops at its first timetable, so the run is almost all overhead) and of tests/benchmarks/count_only.py;
median wall and CPU seconds (user + system of the child) of each, and the plan/count-only ratios.)

Follows the path of `scheduler.app.plan.plan` step by step and prints the CPU seconds
(`time.process_time`) of each part: the imports `plan` needs (CLI, use-case, exports, solver), reading
the workbook, preparing the instance, the counting checks, the project groups, the solve (limited to
`--work` deterministic seconds so that it stays short: its time is not this script's subject), the
independent checker, each export, resolution.json. Then the modules a bare `import scheduler.cli`
loads that `plan` never needs (pandas, odfpy, email sending…), if any. CPU seconds, not wall: the
machine may be shared.

On two cores `plan` does not run these parts one after the other: a second process
(scheduler.exports.second_process, forked by scheduler.app.read_ahead) reads the workbook while this
one imports the solver, then writes the workbooks and the page (scheduler.exports.SECOND_PART_MODULES)
while this one writes the calendars and the messages; this one's export modules load on a second
thread while CP-SAT searches (scheduler.app.plan.AFTER_THE_SOLVE). The last lines add the parts up
per process, to balance the two halves.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
FOR_OTHER_COMMANDS = ("pandas", "odf", "aiosmtpd", "smtplib", "scheduler.imports", "scheduler.sending",
                      "matplotlib", "scheduler.synthetic")


class Parts:
    """CPU seconds per named part, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, name: str, action, *args, **kwargs):
        begun = time.process_time()
        result = action(*args, **kwargs)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - begun
        return result

    def imports(self, name: str, *modules: str) -> None:
        import importlib

        self.time(name, lambda: [importlib.import_module(module) for module in modules])


def _one_run(arguments: argparse.Namespace, source: Path) -> dict[str, float]:
    """The parts of one fresh process running the package found in `source`."""
    command = [sys.executable, str(Path(__file__).resolve()), arguments.workbook, "--work", str(arguments.work),
               "--lang", arguments.lang, "--json"]
    environment = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(command, cwd=source, env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def compare(arguments: argparse.Namespace) -> None:
    """Alternate fresh runs of this checkout and of `--against`; print the median CPU seconds of each part."""
    sources = {"after": ROOT, "before": Path(arguments.against)} if arguments.against else {"now": ROOT}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    for _ in range(arguments.runs):
        for name, source in reversed(list(sources.items())):
            runs[name].append(_one_run(arguments, source))
    names = list(dict.fromkeys(part for found in runs.values() for run in found for part in run))
    width = max(len(name) for name in names)
    columns = list(reversed(list(sources)))
    print(f"median CPU seconds of {arguments.runs} run(s) each, solve limited to {arguments.work} det. s")
    print(f"  {'':<{width}}  " + "  ".join(f"{column:>7}" for column in columns))
    for part in names:
        medians = [statistics.median(run.get(part, 0.0) for run in runs[column]) for column in columns]
        print(f"  {part:<{width}}  " + "  ".join(f"{median:7.3f}" for median in medians))


def _timed(command: list[str], source: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh child process running `command` in `source`."""
    environment = {**os.environ, "PYTHONPATH": str(source)}
    before = os.times()
    begun = time.perf_counter()
    subprocess.run(command, cwd=source, env=environment, capture_output=True, check=True)
    wall = time.perf_counter() - begun
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def ratio(arguments: argparse.Namespace) -> None:
    """Alternate `plan --gap 100` and count-only runs (per checkout); print median wall, CPU and ratios."""
    sources = {"after": ROOT, "before": Path(arguments.against)} if arguments.against else {"now": ROOT}
    found: dict[str, list[tuple[float, float]]] = {}
    for _ in range(arguments.ratio):
        for name, source in reversed(list(sources.items())):
            with tempfile.TemporaryDirectory() as folder:
                plan = [sys.executable, "-m", "scheduler", "plan", arguments.workbook, "--out", f"{folder}/out",
                        "--gap", "100", "--lang", arguments.lang]
                found.setdefault(f"{name}: plan --gap 100", []).append(_timed(plan, source))
            count = [sys.executable, str(source / "tests" / "benchmarks" / "count_only.py"), arguments.workbook]
            found.setdefault(f"{name}: count only", []).append(_timed(count, source))
    width = max(len(name) for name in found)
    print(f"median of {arguments.ratio} alternate fresh run(s), load average {os.getloadavg()[0]:.1f}")
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in found.items()}
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<{width}}  {wall:5.2f} s wall  {cpu:5.2f} s CPU")
    for name in reversed(list(sources)):
        plan, count = medians[f"{name}: plan --gap 100"], medians[f"{name}: count only"]
        print(f"  {name}: ratio {plan[0] / count[0]:.2f}x wall, {plan[1] / count[1]:.2f}x CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", default=str(NANCY))
    parser.add_argument("--work", type=float, default=0.5, help="deterministic seconds of the solve (default 0.5)")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--runs", type=int, default=0, help="fresh processes per checkout, medians printed")
    parser.add_argument("--against", help="another checkout of the package to compare with (before)")
    parser.add_argument("--ratio", type=int, default=0, help="alternate plan --gap 100 and count-only runs")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    arguments.workbook = str(Path(arguments.workbook).resolve())
    if arguments.ratio:
        return ratio(arguments)
    if arguments.runs or arguments.against:
        arguments.runs = max(arguments.runs, 1)
        return compare(arguments)
    parts = Parts()
    started = time.process_time()
    parts.imports("import scheduler.cli", "scheduler.cli")
    loaded_by_cli = set(sys.modules)
    parts.imports("import plan use-case", "scheduler.app.plan", "scheduler.app.output")
    parts.imports("import exports", "scheduler.exports", "scheduler.exports.planning_xlsx", "scheduler.exports.page",
                  "scheduler.exports.calendars", "scheduler.exports.attendance", "scheduler.exports.network",
                  "scheduler.exports.messages", "scheduler.exports.resolution")
    parts.imports("import solver (ortools)", "scheduler.solver.solve", "scheduler.solver.diagnose",
                  "scheduler.solver.groups")
    parts.imports("import checker", "scheduler.checker")

    from scheduler.app.check import load_workbook
    from scheduler.app.plan import checked
    from scheduler.core.instance import prepare
    from scheduler.exports.attendance import write_attendance
    from scheduler.exports.calendars import write_calendars
    from scheduler.exports.messages import write_messages
    from scheduler.exports.network import write_network
    from scheduler.exports.page import PAGE_NAME, write_planning_page
    from scheduler.exports.planning_xlsx import write_planning_workbook
    from scheduler.exports.resolution import write_resolution
    from scheduler.solver.diagnose import counting_checks
    from scheduler.solver.groups import form_groups
    from scheduler.solver.solve import SolveOptions, solve

    problem = parts.time("read workbook", load_workbook, Path(arguments.workbook))
    instance = parts.time("prepare instance", prepare, problem)
    parts.time("counting checks", counting_checks, problem, instance.candidates)
    parts.time("project groups (form_groups)", form_groups, problem)
    options = SolveOptions(work_limit=arguments.work, time_limit=60)
    solved = parts.time("solve (groups again + both stages, short)", solve, problem, options, instance)
    parts.time("checker", checked, problem, solved.timetable)
    timetable, lang = solved.timetable, arguments.lang
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        parts.time("export planning.xlsx", write_planning_workbook, problem, timetable, folder / "planning.xlsx", lang)
        parts.time("export planning.html", write_planning_page, problem, timetable, folder / PAGE_NAME, lang)
        calendars = parts.time("export calendars (.ics)", write_calendars, problem, timetable, folder, lang)
        parts.time("export emargement", write_attendance, problem, timetable, folder, lang)
        parts.time("export reseau", write_network, problem, timetable, folder, lang)
        parts.time("export messages", write_messages, problem, timetable, folder, lang)
        parts.time("resolution.json", write_resolution, problem, timetable, folder, 0, 0.0)
    total = time.process_time() - started
    outside = total - parts.seconds["solve (groups again + both stages, short)"]
    second = ("read workbook", "export planning.xlsx", "export planning.html", "export emargement", "export reseau")
    halves = {"exports, second process": sum(parts.seconds[name] for name in second[1:]),
              "exports, this process": sum(seconds for name, seconds in parts.seconds.items()
                                           if name.startswith(("export", "resolution")) and name not in second)}
    exports = sum(seconds for name, seconds in parts.seconds.items() if name.startswith(("export", "resolution")))
    if arguments.json:
        print(json.dumps({**parts.seconds, "all exports": exports, **halves, "everything but the solve": outside}))
        return
    width = max(len(name) for name in parts.seconds)
    print(f"{Path(arguments.workbook).name}: {len(calendars)} calendar files, solve limited to {arguments.work} det. s")
    for name, seconds in parts.seconds.items():
        print(f"  {name:<{width}}  {seconds:6.3f} s CPU")
    print(f"  {'all exports':<{width}}  {exports:6.3f} s CPU")
    for name, seconds in halves.items():
        print(f"  {name:<{width}}  {seconds:6.3f} s CPU")
    print(f"  {'everything but the solve':<{width}}  {outside:6.3f} s CPU")
    extra = sorted(name for name in loaded_by_cli if name.split(".")[0] in FOR_OTHER_COMMANDS
                   or name.startswith(FOR_OTHER_COMMANDS))
    roots = sorted({name if name.startswith("scheduler.") else name.split(".")[0] for name in extra})
    print("  import scheduler.cli loads, unused by plan: " + (", ".join(roots) if roots else "nothing"))


if __name__ == "__main__":
    main()
