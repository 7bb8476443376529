"""Benchmark the planner against a greedy first fit, Timefold and conference-scheduler.

    .venv/bin/python tests/benchmarks/run_benchmarks.py            # full run, ~45 min on 2 cores (peers, tryout, studies)
    .venv/bin/python tests/benchmarks/run_benchmarks.py --quick    # 3 small instances, ~4 min

Each contender runs on each instance in a fresh process (peak memory is that process's maximum
resident set, JVM included for Timefold). Writes docs/benchmarks.md and docs/benchmarks.png; unless
--no-peers, then runs `quality_peers.py --write` (ours, Timefold with our soft rules and greedy at 10 s
and 30 s; --quick: 10 s) for its section "Quality against peers"; a full run ends with the tryout on other
over-subscribed workbooks and the studies of the soft stage's proof (`STUDIES`), each writing its section.
Peers are benchmark-only extras: `pip install -e ".[bench]"`; a peer that is missing or fails is
reported as unavailable with its error, and the rest of the benchmark still runs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from bench_instances import QUICK, SPECS, available  # noqa: E402
from bench_report import write_report  # noqa: E402

WORKER = HERE / "bench_worker.py"


def run_process(command: list[str], timeout: float) -> dict:
    """Run a command; its wall time, peak resident memory (MiB), exit code and output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, text=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "peak_mib": usage.ru_maxrss / 1024, "code": process.returncode,
                "stdout": out.read(), "stderr": err.read(), "timed_out": killed.is_set()}


def run_worker(kind: str, instance: str, timeout: float, *extra: str) -> dict:
    ran = run_process([sys.executable, str(WORKER), kind, instance, *extra], timeout)
    lines = [line for line in ran["stdout"].splitlines() if line.strip()]
    try:
        found = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (ran["stderr"] or ran["stdout"]).strip().splitlines()[-3:]
        reason = "timed out" if ran["timed_out"] else f"exit code {ran['code']}"
        found = {"error": f"{reason}: {' | '.join(tail)}"}
    found.update(process_wall=ran["wall"], peak_mib=ran["peak_mib"])
    return found


def run_plan(instance: str, timeout: float) -> dict:
    """`scheduler plan` on the instance written as a workbook: whole wall time, exports included."""
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / f"{instance}.xlsx"
        written = run_worker("workbook", instance, 120, "--out", str(workbook))
        if "error" in written:
            return written
        command = shutil.which("scheduler", path=str(Path(sys.executable).parent))
        base = [command] if command else [sys.executable, "-m", "scheduler"]
        out = Path(folder) / "out"
        ran = run_process([*base, "plan", str(workbook), "--out", str(out), "--lang", "en"], timeout)
        summary = next((line.strip() for line in ran["stdout"].splitlines() if "sessions placed" in line), "")
        try:
            resolution = json.loads((out / "resolution.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            resolution = {}
        return {"wall": ran["wall"], "peak_mib": ran["peak_mib"], "code": ran["code"], "summary": summary,
                "resolution": resolution,
                "error": "" if ran["code"] == 0 else (ran["stderr"] or ran["stdout"]).strip()[-300:]}


def machine() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = {}
    for package in ("ortools", "timefold", "conference-scheduler", "pulp", "matplotlib"):
        try:
            from importlib.metadata import version
            versions[package] = version(package)
        except Exception:
            versions[package] = "not installed"
    java = subprocess.run(["java", "-version"], capture_output=True, text=True) if shutil.which("java") else None
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": sys.version.split()[0], "versions": versions,
            "java": java.stderr.splitlines()[0] if java and java.stderr else "no java on PATH",
            "memory": _memory()}


def _memory() -> str:
    try:
        kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")))
        return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        return "unknown"


def _options_text(args: argparse.Namespace) -> str:
    """The options that change the figures, as typed (--json and --out do not)."""
    words = []
    if args.quick:
        words.append("--quick")
    for option, value in (("--instances", args.instances), ("--time-limit", args.time_limit),
                          ("--peer-limit", args.peer_limit)):
        if value:
            words += [option, f"{value:g}" if isinstance(value, float) else str(value)]
    if args.proof_limit != 120.0:
        words += ["--proof-limit", f"{args.proof_limit:g}"]
    if args.no_peers:
        words.append("--no-peers")
    return "".join(" " + word for word in words)

STUDIES = ("quality_truth.py", "soft_proof_study.py", "relaxation_study.py", "day_level_bound.py", "default_run.py")
"""The scripts that each write one section of the page about the soft stage's proof (issue 14), run after a full
run unless --no-studies; each also runs alone with `--write`."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}, shorter limits")
    parser.add_argument("--instances", help="comma-separated instance names (default: all)")
    parser.add_argument("--time-limit", type=float, help="our solver's limit per instance (s; default 30, quick 10)")
    parser.add_argument("--peer-limit", type=float, help="each peer's limit per instance (s; default 40, quick 20)")
    parser.add_argument("--proof-limit", type=float, default=120.0,
                        help="where stage 1 is not proven within the limit, try again with this much for it alone "
                             "(s; 0: never)")
    parser.add_argument("--no-peers", action="store_true", help="skip Timefold and conference-scheduler")
    parser.add_argument("--no-year", action="store_true", help="skip the year of four cohorts (bench_year.py)")
    parser.add_argument("--no-studies", action="store_true",
                        help="skip the studies of the soft stage's proof (STUDIES, about 25 min)")
    parser.add_argument("--no-versus", action="store_true", help="skip timing the whole Nancy plan against count only")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--from-json", type=Path, help="only write the report again from figures saved by --json")
    parser.add_argument("--update-plan", action="store_true",
                        help="with --from-json: measure again what depends on the whole `scheduler plan` (each "
                             "instance's plan, the Nancy plan against count only) and keep the solvers' figures")
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        if args.update_plan:  # the search did not change, what is around it did: its figures only
            from default_run import plan_against_count
            for name, row in saved["results"].items():
                if "skipped" not in row:
                    print(f"{name}: scheduler plan", flush=True)
                    row["plan"] = run_plan(name, 300)
            print("nancy: whole plan against count only, 3 pairs", flush=True)
            saved["meta"]["versus"] = plan_against_count()
            saved["meta"]["plan_measured"] = time.strftime("%Y-%m-%d")
            if args.json:
                args.json.write_text(json.dumps(saved, indent=1, default=str))
        write_report(saved["results"], saved["meta"], args.out)
        print(f"wrote {args.out} from {args.from_json}", flush=True)
        return
    limit = args.time_limit or (10.0 if args.quick else 30.0)
    peer_limit = args.peer_limit or (20.0 if args.quick else 40.0)
    names = args.instances.split(",") if args.instances else [s.name for s in SPECS if not args.quick or s.name in QUICK]
    started = time.monotonic()
    results: dict[str, dict] = {}
    for name in names:
        if not available(name):
            results[name] = {"skipped": "the public sample workbook is absent"}
            continue
        row: dict = {}
        print(f"[{time.monotonic() - started:6.0f} s] {name}: ours", flush=True)
        row["ours"] = run_worker("ours", name, limit + 120, "--limit", str(limit))
        target = row["ours"].get("placed", 0)
        if row["ours"].get("status") == "FEASIBLE" and args.proof_limit > 0:
            print(f"[{time.monotonic() - started:6.0f} s] {name}: ours, stage 1 alone until proven", flush=True)
            row["proof"] = run_worker("ours", name, args.proof_limit + 120, "--limit", str(args.proof_limit),
                                      "--share", "1", "--patience", "0.1")
        print(f"[{time.monotonic() - started:6.0f} s] {name}: greedy", flush=True)
        row["greedy"] = run_worker("greedy", name, 300)
        if not args.no_peers:
            print(f"[{time.monotonic() - started:6.0f} s] {name}: timefold", flush=True)
            row["timefold"] = run_worker("timefold", name, peer_limit + 180, "--limit", str(peer_limit),
                                         "--target", str(target))
            print(f"[{time.monotonic() - started:6.0f} s] {name}: conference-scheduler", flush=True)
            row["conference"] = run_worker("conference", name, peer_limit + 120, "--limit", str(peer_limit))
        print(f"[{time.monotonic() - started:6.0f} s] {name}: scheduler plan", flush=True)
        row["plan"] = run_plan(name, 300)
        results[name] = row
    versus = None
    if "nancy" in names and not args.no_versus:
        from default_run import plan_against_count
        print(f"[{time.monotonic() - started:6.0f} s] nancy: whole plan against count only, 3 pairs", flush=True)
        versus = plan_against_count()
    year = None
    if not args.quick and not args.instances and not args.no_year:
        import bench_year
        print(f"[{time.monotonic() - started:6.0f} s] a year of four cohorts (bench_year.py)", flush=True)
        year = bench_year.run()
    peers_quality = None
    if not args.no_peers:
        # quality against peers (issue 14.5): its own section (written now, kept by the report), each contender
        # in its own process
        import quality_peers
        print(f"[{time.monotonic() - started:6.0f} s] quality against peers (quality_peers.py)", flush=True)
        peers_quality = quality_peers.target_figures(
            quality_peers.main([*names, "--limits", "10" if args.quick else "10,30", "--write", "--out", str(args.out)]))
    total = time.monotonic() - started
    command = "tests/benchmarks/run_benchmarks.py" + _options_text(args)
    meta = {"machine": machine(), "limit": limit, "peer_limit": peer_limit, "total_seconds": total,
            "command": f".venv/bin/python {command}", "date": time.strftime("%Y-%m-%d"), "peers": not args.no_peers,
            "proof_limit": args.proof_limit, "versus": versus,
            "year": bench_year.target_figures(year[0]) if year else None, "peers_quality": peers_quality}
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    write_report(results, meta, args.out)
    if year:
        from bench_instances import replace_section
        replace_section(args.out, bench_year.SECTION, year[1])
    print(f"wrote {args.out} in {total:.0f} s", flush=True)
    if not args.quick and not args.instances and args.out == ROOT / "docs" / "benchmarks.md":  # issue 14: tried as a new user
        for script in ("oversubscribed_tryout.py", *([] if args.no_studies else STUDIES)):
            print(f"[{time.monotonic() - started:6.0f} s] {script} --write", flush=True)
            subprocess.run([sys.executable, str(HERE / script), "--write"], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
