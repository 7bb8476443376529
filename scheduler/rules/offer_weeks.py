"""Hard rule `offer_weeks`: occurrences of one offer fall in different weeks, and no more than it offers."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "offer_weeks"


def constrain(pm: PlanningModel, rows: None = None) -> None:
    """At most one chosen start per offer and week, at most `count` in all."""
    for offer in pm.problem.offers:
        placements = pm.by_offer.get(offer.id, [])
        by_week: dict[int, list] = defaultdict(list)
        for p in placements:
            by_week[p.candidate.week].append(p.chosen)
        for chosen in by_week.values():
            if len(chosen) > 1:
                pm.add(LABEL, pm.model.AddAtMostOne(chosen))
        if len(by_week) > offer.count:
            pm.add(LABEL, pm.model.Add(sum(p.chosen for p in placements) <= offer.count))
