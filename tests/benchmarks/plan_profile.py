"""Where `scheduler plan` spends its CPU outside the CP-SAT search (issue 14.3), part by part, in one run.

    .venv/bin/python tests/benchmarks/plan_profile.py [examples/nancy-novembre-2026.xlsx] [--work 0.5]

Follows the path of `scheduler.app.plan.plan` step by step and prints the CPU seconds
(`time.process_time`) of each part: the imports `plan` needs (CLI, use-case, exports, solver), reading
the workbook, preparing the instance, the counting checks, the project groups, the solve (limited to
`--work` deterministic seconds so that it stays short: its time is not this script's subject), the
independent checker, each export, resolution.json. Then the modules a bare `import scheduler.cli`
loads that `plan` never needs (pandas, odfpy, email sending…), if any. CPU seconds, not wall: the
machine may be shared.
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", default=str(NANCY))
    parser.add_argument("--work", type=float, default=0.5, help="deterministic seconds of the solve (default 0.5)")
    parser.add_argument("--lang", default="fr")
    arguments = parser.parse_args()
    parts = Parts()
    started = time.process_time()
    parts.imports("import scheduler.cli", "scheduler.cli")
    loaded_by_cli = set(sys.modules)
    parts.imports("import plan use-case", "scheduler.app.plan", "scheduler.app.output")
    parts.imports("import exports", "scheduler.exports", "scheduler.exports.resolution")
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
    width = max(len(name) for name in parts.seconds)
    print(f"{Path(arguments.workbook).name}: {len(calendars)} calendar files, solve limited to {arguments.work} det. s")
    for name, seconds in parts.seconds.items():
        print(f"  {name:<{width}}  {seconds:6.3f} s CPU")
    outside = total - parts.seconds["solve (groups again + both stages, short)"]
    exports = sum(seconds for name, seconds in parts.seconds.items() if name.startswith(("export", "resolution")))
    print(f"  {'all exports':<{width}}  {exports:6.3f} s CPU")
    print(f"  {'everything but the solve':<{width}}  {outside:6.3f} s CPU")
    extra = sorted(name for name in loaded_by_cli if name.split(".")[0] in FOR_OTHER_COMMANDS
                   or name.startswith(FOR_OTHER_COMMANDS))
    roots = sorted({name if name.startswith("scheduler.") else name.split(".")[0] for name in extra})
    print("  import scheduler.cli loads, unused by plan: " + (", ".join(roots) if roots else "nothing"))


if __name__ == "__main__":
    main()
