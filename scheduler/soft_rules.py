"""The soft rules' catalogue, kept importable here: it lives in `scheduler.core.soft_rules`."""
from __future__ import annotations

from scheduler.core.soft_rules import (DEFAULT_WEIGHTS, PARTS, SOFT_RULE_CATALOGUE, SoftRule, effective_weights,
                                       find_soft_rule)

__all__ = ["DEFAULT_WEIGHTS", "PARTS", "SOFT_RULE_CATALOGUE", "SoftRule", "effective_weights", "find_soft_rule"]
