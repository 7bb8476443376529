"""What a new user read on the tryout workbooks of issue 14 (tests/benchmarks/oversubscribed_tryout.py)."""
from __future__ import annotations

from types import SimpleNamespace

from scheduler.cli import Lang, _quality_lines


def result_of(penalty: int, penalty_bound: int) -> SimpleNamespace:
    return SimpleNamespace(status="OPTIMAL", placed=72, placed_bound=72, penalty=penalty, penalty_bound=penalty_bound,
                           seconds=29.3)


def test_gap_said_to_be_at_most_is_never_below_the_real_gap():
    # Workbook t6 (seed 6, scale 1.2, 70 % preferred windows), `plan --gap 5`: penalty 336, bound 319, i.e. a gap
    # of 5.06 %, which the summary gave as "gap of at most 5%" although the solve had not reached 5 %.
    assert _quality_lines(result_of(336, 319), Lang.en)[1] == (
        "Preferences: penalty 336; no arrangement can go below 319 (gap of at most 6%).")
    assert _quality_lines(result_of(336, 319), Lang.fr)[1].endswith("(écart d'au plus 6 %).")


def test_a_gap_just_under_a_whole_percent_is_said_as_that_percent():
    # Workbook t3 with --gap 5: penalty 284, bound 270 (4.93 %); t7 by default: 1183 against 1175 (0.68 %).
    assert _quality_lines(result_of(284, 270), Lang.en)[1].endswith("(gap of at most 5%).")
    assert _quality_lines(result_of(1183, 1175), Lang.en)[1].endswith("(gap of at most 1%).")
