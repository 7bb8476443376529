"""The hard rules of SPEC §2 as CP-SAT constraints, added from the registry (scheduler/rules/).

Rules 1 and 2 (availability, working days, half-days, grid, phase weeks) and the fixed events
are already obeyed by every candidate (see `core/candidates.py`); the rules here keep the chosen
candidates from clashing with each other. Each rule lives in `scheduler/rules/<label>.py`.
"""
from __future__ import annotations

from scheduler.core.candidates import audiences_meet
from scheduler.rules.registry import MODEL_RULES
from scheduler.solver.model import PlanningModel

HARD_RULES = MODEL_RULES
"""Rule label -> the registry's `HardRule` (its `constrain` adds it), in the order they are added."""


def add_hard_rules(pm: PlanningModel) -> None:
    """Every hard rule the model enforces, over every row."""
    for rule in MODEL_RULES.values():
        rule.constrain(pm)


__all__ = ["HARD_RULES", "add_hard_rules", "audiences_meet"]
