"""`replan` after a speaker cancels, on a cohort filled in the template: what it says, in each language."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from trycohort_workbook import plan_cohort, without_windows_of

runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path]:
    out = plan_cohort(tmp_path_factory.mktemp("cohorte"))
    return out.parent / "promo.xlsx", out / "planning.xlsx"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_cancellation_that_leaves_a_theme_short_is_said_once_as_the_reason(planned, tmp_path, lang) -> None:
    workbook, planning = planned
    cancelled = without_windows_of(workbook, "Marc Petit", tmp_path / "annule.xlsx")
    result = runner.invoke(app, ["replan", str(cancelled), "--previous", str(planning), "--out",
                                 str(tmp_path / "v2"), "--lang", lang])
    assert result.exit_code == 3, result.output
    assert result.output.count("Cybersécurité") == 1, result.output  # the reason, not also a warning before it
    assert not (tmp_path / "v2").exists()
