"""Hard rule `speaker_overlap`: a speaker gives one session at a time."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduler.solver.model import Placement, PlanningModel

LABEL = "speaker_overlap"


def constrain(pm: PlanningModel, rows: None = None) -> None:
    """At each grid point, at most one chosen start of a speaker covers it."""
    for day, placements in pm.by_day.items():
        by_speaker: dict[str, list[Placement]] = defaultdict(list)
        for p in placements:
            by_speaker[p.offer.speaker].append(p)
        for speaker_placements in by_speaker.values():
            if len({p.offer.id for p in speaker_placements}) < 2:
                continue  # one offer alone is already kept to one occurrence per week
            for half_day in (0, 1):
                for point in pm.grid_points(half_day):
                    covering = [p.chosen for p in speaker_placements if p.candidate.start <= point < p.candidate.end]
                    if len(covering) > 1:
                        pm.add(LABEL, pm.model.AddAtMostOne(covering))
