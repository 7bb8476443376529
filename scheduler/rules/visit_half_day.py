"""Hard rule `visit_half_day`: a company visit takes its whole half-day for those who go (travel)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.core.domain import VISIT
from scheduler.rules.audience_overlap import audience_clashes

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "visit_half_day"


def constrain(pm: PlanningModel, rows: None = None) -> None:
    """Nothing else for a visit's audience in the half-day of a chosen visit."""
    if any(p.offer.format == VISIT for p in pm.placements):
        audience_clashes(pm, LABEL, whole_half_day=True)
