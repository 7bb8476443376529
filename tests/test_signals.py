"""Ctrl-C, SIGTERM and SIGHUP during a real `plan` (in the solve, in the writing): the run stops with
exit 128 + the signal's number, one line saying nothing was changed, and the previous folder intact."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NANCY

ROOT = Path(__file__).resolve().parents[1]

# Runs `scheduler` with a hook telling the test where the run is: before the solve starts, or while
# the fifth output file is being put in place (held there so that the signal lands mid-writing).
WRAPPER = """
import os, sys, time
from pathlib import Path
marker, moment = Path(sys.argv.pop(1)), sys.argv.pop(1)
if moment == "solve":
    import scheduler.solver.lexicographic as lexicographic
    real_stage = lexicographic.run_stage
    def run_stage(*args, **kwargs):
        marker.touch()
        return real_stage(*args, **kwargs)
    lexicographic.run_stage = run_stage
else:
    real_replace, count = os.replace, [0]
    def replace(source, target, *args, **kwargs):
        count[0] += 1
        if count[0] == 5:
            marker.touch()
            time.sleep(60)
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
sys.argv[0] = "scheduler"
from scheduler.cli import main
main()
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("moment, signum", [("solve", signal.SIGINT), ("solve", signal.SIGTERM),
                                            ("write", signal.SIGHUP)])
def test_a_signal_stops_plan_with_the_previous_set_intact(tmp_path, moment, signum):
    out = tmp_path / "sortie"
    (out / "participants").mkdir(parents=True)
    (out / "planning.xlsx").write_bytes(b"the previous timetable")
    (out / "participants" / "ana.ics").write_bytes(b"BEGIN:VCALENDAR")
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    before = snapshot(out)
    marker = tmp_path / "marker"
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, str(marker), moment, "plan", str(NANCY), "--out", str(out),
                                "--time-limit", "120", "--workers", "2", "--force"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        waited = 0.0
        while not marker.exists() and process.poll() is None and waited < 120:
            time.sleep(0.1)
            waited += 0.1
        assert marker.exists(), process.communicate()
        time.sleep(1.0 if moment == "solve" else 0.2)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + signum, (stdout, stderr)
    assert "Interrompu" in stderr and "Traceback" not in stderr + stdout
    assert "optimal" not in stdout and "Écrit" not in stdout
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marker", "sortie"]
