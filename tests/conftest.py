"""Fixtures shared by the end-to-end tests."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scheduler.cli import app

NANCY = Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def nancy_plan(tmp_path_factory) -> Path:
    """The output folder of one `scheduler plan` of the Nancy example, shared read-only by the tests."""
    out = tmp_path_factory.mktemp("nancy")
    before = _digest(NANCY)
    result = CliRunner().invoke(app, ["plan", str(NANCY), "--out", str(out), "--time-limit", "4", "--workers", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _digest(NANCY) == before, "the input workbook must never be modified"
    return out
