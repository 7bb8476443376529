"""Ctrl-C in the middle of writing: one line, never a traceback. Found by stopping `replan` of the example
while openpyxl wrote a sheet: after the one line, "Exception ignored in: <generator object
WorksheetWriter.get_stream …> Traceback … ValueError: I/O operation on closed file." (the half-written sheet's
stream, closed when the stopped run's frames were freed)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The run stops (Interrupted, as the signal handler raises it) while a writer's stream is open under it, as
# openpyxl's sheet stream is; freeing it then fails as openpyxl's does once its file is closed.
STOPPED_WHILE_WRITING = """
import sys
import scheduler.cli as cli
from scheduler.core.interruption import Interrupted

def app(standalone_mode=True):
    def stream():
        try:
            yield
        finally:
            raise ValueError("I/O operation on closed file.")
    writer = stream()
    next(writer)
    raise {raised}

cli.app = app
sys.argv = ["scheduler", "replan", "promo.xlsx", "--previous", "p.xlsx", "--out", "sortie"] + sys.argv[1:]
cli.main()
"""


@pytest.mark.parametrize(("raised", "code"), [("Interrupted(2)", 130), ("Interrupted(15)", 143),
                                              ("KeyboardInterrupt()", 130)])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_run_stopped_while_writing_says_one_line_and_no_traceback(raised, code, lang) -> None:
    done = subprocess.run([sys.executable, "-c", STOPPED_WHILE_WRITING.format(raised=raised), "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
