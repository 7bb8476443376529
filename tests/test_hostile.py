"""The hostile suite (tests/hostile.py): corrupted workbooks derived from the examples, each run by
`check` (most) or `plan` with a tiny time limit (a fraction), keeping every invariant of issue 15.

HOSTILE_CASES (environment) sets how many `check` cases run (default 150; `plan` runs a fifteenth of
it); tests/benchmarks/hostile_run.py runs as many as asked. The examples are fixed by the seed of
`derandomize`, so CI sees the same cases at every run."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from hostile import CASES, corrupted, run_case

CHECK_CASES = int(os.environ.get("HOSTILE_CASES", "150"))
PLAN_CASES = max(4, CHECK_CASES // 15)
RELAXED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@settings(max_examples=CHECK_CASES, deadline=None, derandomize=not os.environ.get("HOSTILE_RANDOM"), database=None, suppress_health_check=RELAXED)
@given(CASES)
def test_check_survives_a_hostile_workbook(case):
    example, mutations = case
    with tempfile.TemporaryDirectory() as folder:
        run_case(Path(folder), corrupted(example, mutations), "check")


@settings(max_examples=PLAN_CASES, deadline=None, derandomize=not os.environ.get("HOSTILE_RANDOM"), database=None, suppress_health_check=RELAXED)
@given(CASES)
def test_plan_survives_a_hostile_workbook_and_keeps_the_previous_set(case):
    example, mutations = case
    with tempfile.TemporaryDirectory() as folder:
        run_case(Path(folder), corrupted(example, mutations), "plan")
