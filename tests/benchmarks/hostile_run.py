"""The hostile suite, longer: `python tests/benchmarks/hostile_run.py 3000` runs 3000 corrupted
workbooks through `check` and 200 through `plan` (tests/hostile.py says what is mutated and which
invariants are asserted), with fresh random cases at each run unless --derandomize is given.
Exit 0 when every case kept every invariant; the first broken case is printed, shrunk by Hypothesis."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", type=int, nargs="?", default=2000, help="check cases (plan runs a fifteenth)")
    parser.add_argument("--derandomize", action="store_true", help="the same cases as CI would draw")
    arguments = parser.parse_args()
    environment = {**os.environ, "HOSTILE_CASES": str(arguments.cases)}
    if not arguments.derandomize:
        environment["HOSTILE_RANDOM"] = "1"
    return subprocess.call([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                            str(ROOT / "tests" / "test_hostile.py")], cwd=ROOT, env=environment)


if __name__ == "__main__":
    sys.exit(main())
