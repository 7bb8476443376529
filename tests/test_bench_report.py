"""The benchmark page's assembly: sections written by other scripts survive a rewrite; target verdicts follow the figures."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from bench_report import kept_sections  # noqa: E402
from bench_targets import gap_target, plan_ratio  # noqa: E402


def test_a_rewrite_keeps_every_section_it_does_not_write(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nold intro\n\n## Targets\n\nold targets\n\n## Quality: the truth\n\ntruth table\n\n"
                    "## A year\n\nyear table\n", encoding="utf-8")
    kept = kept_sections(page, "# Benchmarks\n\n## Targets\n\nnew targets\n")
    assert "## Quality: the truth\n\ntruth table" in kept and "## A year\n\nyear table" in kept
    assert kept.index("## Quality") < kept.index("## A year")
    assert "old targets" not in kept and "old intro" not in kept


def _ours(gap: float, seconds: float) -> dict:
    return {"ours": {"status": "OPTIMAL", "placed": 68, "placed_bound": 68, "penalty": 200,
                     "penalty_bound": round(200 * (1 - gap)), "gap": gap, "seconds": seconds}}


def test_the_gap_target_is_met_only_within_both_the_gap_and_the_time():
    assert gap_target({"nancy": _ours(0.01, 6)}, ["nancy"], 0.02, 10, "t")[1] == "met"
    late = gap_target({"nancy": _ours(0.01, 12)}, ["nancy"], 0.02, 10, "t")
    assert late[1] == "**missed**" and "time over by 2.0 s" in late[2]
    wide = gap_target({"nancy": _ours(0.05, 6)}, ["nancy"], 0.02, 10, "t")
    assert wide[1] == "**missed**" and "gap over by 3.0 %" in wide[2]


def test_the_plan_ratio_says_by_how_much_it_is_missed():
    versus = {"pairs": 3, "plan_cpu": 4.0, "plan_wall": 4.5, "count_cpu": 1.0, "count_wall": 1.5, "cpu_ratio": 4.0,
              "wall_ratio": 3.0, "resolution": {"seconds": {"soft": 3.0, "placed": 0.05, "exports": 0.4},
                                                "work": {"soft": 2.5}}}
    label, verdict, figures = plan_ratio({"versus": versus})
    assert verdict == "**missed**" and "missed by 1.5 s and 2.0×" in figures
    quick = dict(versus, plan_wall=2.0, wall_ratio=1.3)
    assert plan_ratio({"versus": quick})[1] == "met"


def test_the_plan_ratio_says_whether_the_proof_alone_is_what_misses_it():
    versus = {"pairs": 3, "plan_cpu": 4.0, "plan_wall": 4.5, "count_cpu": 1.0, "count_wall": 1.5, "cpu_ratio": 4.0,
              "wall_ratio": 3.0, "resolution": {"seconds": {"soft": 3.0}, "work": {"soft": 2.5}}}
    heavy = plan_ratio({"versus": dict(versus, unproven_wall=3.0, unproven_ratio=2.0)})[2]
    assert "3.00 s, 2.0× count-only" in heavy and "even with no proof at all" in heavy
    light = plan_ratio({"versus": dict(versus, unproven_wall=1.8, unproven_ratio=1.2)})[2]
    assert "the proof is what is missing" in light
