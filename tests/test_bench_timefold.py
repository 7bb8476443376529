"""The Timefold benchmark scores our soft rules as our scorer does (skipped when Timefold is absent).

Timefold's soft score of a timetable must be minus `scheduler.core.scoring`'s weighted penalty,
rule by rule, or the side-by-side comparison of docs/benchmarks.md compares different things.
Timetables: greedy first fit (obeys the hard rules) and random starts (break them, and miss
occurrences), on the Nancy example and an over-subscribed instance, with default and changed weights.
Each check runs in a new interpreter (`python this_file CHECK ARGS`): the Java VM that Timefold starts must
not live in the test worker, where the exports' fork tests run (a child forked beside a VM's threads hangs).
"""
from __future__ import annotations

import dataclasses
import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("timefold") is None or importlib.util.find_spec("jpype") is None:
    pytest.skip("Timefold (the [bench] extra) is not installed", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))


def in_a_new_interpreter(check: str, *arguments: str) -> None:
    """Run one of `CHECKS` in a new Python process; its assertion, if any, fails this test."""
    done = subprocess.run([sys.executable, __file__, check, *arguments], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def random_starts(prepared, seed: int) -> list:
    """Each occurrence at a random legal start, one in five left out: hard rules broken on purpose."""
    rng = random.Random(seed)
    picked = []
    for offer in prepared.problem.offers:
        starts = prepared.candidates.get(offer.id, [])
        picked += [rng.choice(starts) for _ in range(offer.count) if starts and rng.random() < 0.8]
    return picked


def assert_same_penalty(prepared, picked) -> None:
    import bench_timefold
    from scheduler.core.scoring import soft_scores
    from scheduler.core.soft_rules import effective_weights

    timefold = bench_timefold.soft_penalty_of(prepared, picked)
    weights = effective_weights(prepared.problem.weights)
    ours = {label: score * weights[label] for label, score in soft_scores(prepared.problem, prepared.timetable(picked)).items()}
    assert {label: points for label, points in timefold["rules"].items() if points} == \
        {label: points for label, points in ours.items() if points}
    assert timefold["soft"] == sum(ours.values()) > 0


def same_penalty_on(instance: str) -> None:
    from bench_greedy import first_fit
    from bench_instances import prepare, spec

    prepared = prepare(spec(instance).build())
    assert_same_penalty(prepared, first_fit(prepared))
    assert_same_penalty(prepared, random_starts(prepared, 1))


def same_penalty_with_workbook_weights() -> None:
    import bench_timefold
    from bench_instances import prepare, spec

    problem = spec("nancy").build()
    changed = dataclasses.replace(problem, weights=(("overloaded_days", 7), ("Semaines sautées dans le suivi de projet", 0),
                                                    ("preferred_windows_missed", 3)))
    prepared = prepare(changed)
    picked = random_starts(prepared, 2)
    assert_same_penalty(prepared, picked)
    assert "mentoring_week_gaps" not in bench_timefold.soft_penalty_of(prepared, picked)["rules"]


CHECKS = {"same_penalty_on": same_penalty_on, "same_penalty_with_workbook_weights": same_penalty_with_workbook_weights}


@pytest.mark.parametrize("instance", ["nancy", "over1"])
def test_timefold_soft_score_is_our_penalty(instance):
    in_a_new_interpreter("same_penalty_on", instance)


def test_timefold_soft_score_follows_the_workbook_weights():
    in_a_new_interpreter("same_penalty_with_workbook_weights")


if __name__ == "__main__":
    CHECKS[sys.argv[1]](*sys.argv[2:])
