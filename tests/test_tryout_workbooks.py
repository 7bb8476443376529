"""The tryout workbooks of issue 14 (tests/benchmarks/oversubscribed_tryout.py): built from seeds, the same each
time, readable, and the hand edit does what it says. The solving itself is the script's (it runs the CLI)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from oversubscribed_tryout import TRYOUTS, build_workbook  # noqa: E402

from scheduler.workbook.reading import load  # noqa: E402

BY_NAME = {t.name: t for t in TRYOUTS}


def test_the_same_seed_gives_the_same_workbook(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = build_workbook(BY_NAME["t5"], tmp_path / "a")
    second, _ = build_workbook(BY_NAME["t5"], tmp_path / "b")
    assert load(first) == load(second)


def test_variations_reach_the_workbook(tmp_path: Path) -> None:
    weighted, _ = build_workbook(BY_NAME["t7"], tmp_path)
    assert dict(load(weighted).weights)["theme_weeks_missed"] == 40
    closed, _ = build_workbook(BY_NAME["t8"], tmp_path)
    problem = load(closed)
    assert len(problem.closures) == 2 and problem.programme.holidays == "FR-57"
    preferred, _ = build_workbook(BY_NAME["t6"], tmp_path)
    windows = load(preferred).windows
    assert sum(w.preferred for w in windows) > len(windows) / 2


def test_hand_edit_leaves_one_offer_of_a_theme_and_one_window_of_a_speaker(tmp_path: Path) -> None:
    path, facts = build_workbook(BY_NAME["t10"], tmp_path)
    problem = load(path)
    theme = facts["note"].split("'")[1]
    speaker = facts["note"].split("'")[3]
    discovery = [o for o in problem.offers if o.theme == theme and not o.project and o.format != "Coaching"]
    assert len(discovery) == 1
    assert len([w for w in problem.windows if w.speaker == speaker]) == 1


def test_the_tryout_flags_figures_that_disagree():
    from oversubscribed_tryout import disagreements

    resolution = {"placed": 72, "offered": 99, "penalty": 336, "bound": 319, "gap": 17 / 336,
                  "rules": {"overloaded_days": 73, "preferred_windows_missed": 190}}
    row = {"offered": 99, "weights": {"overloaded_days": 2, "preferred_windows_missed": 1},
           "default": {"resolution": resolution, "verify": {"output": "Preference penalty of this timetable: 336.\n"},
                       "output": "72 sessions placed of 99 offered, in 29.3 s.\nPreferences: penalty 336; no arrangement "
                                 "can go below 319 (gap of at most 6%).\n"}}
    assert disagreements(row, "default") == []
    row["default"]["output"] = row["default"]["output"].replace("at most 6%", "at most 5%")
    row["default"]["verify"]["output"] = "Preference penalty of this timetable: 335.\n"
    row["weights"]["overloaded_days"] = 3
    found = disagreements(row, "default")
    assert len(found) == 3 and "5.06 %" in found[-1]
