"""The hard-rule registry: one `HardRule` per stable label, holding its words and, for the rules the
model enforces, its constraint, the rows it applies to one by one and its counting check."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from scheduler.core.capacity import Capacity
from scheduler.core.domain import Problem
from scheduler.core.errors import Message
from scheduler.core.rule_catalogue import HARD_RULE_WORDS, HardRuleWords
from scheduler.rules import (audience_overlap, daily_hours, offer_weeks, organisation_maximum, required_offer,
                             speaker_max_sessions, speaker_overlap, theme_minimum, visit_half_day)

MODEL_ORDER: tuple[ModuleType, ...] = (audience_overlap, visit_half_day, speaker_overlap, speaker_max_sessions,
                                       daily_hours, theme_minimum, organisation_maximum, offer_weeks, required_offer)
"""The modules of the rules the model enforces, in the order their constraints are added."""


@dataclass(frozen=True)
class HardRule:
    """One hard rule: its words, and where the model enforces it (None: obeyed by construction, see
    `words.enforced_by`)."""

    words: HardRuleWords
    constrain: Callable[..., None] | None = None  # constrain(pm, rows=None): add it to the model
    rows: Callable[[Problem], Sequence[Any]] | None = None  # the rows it applies to one by one (diagnosis)
    count: Callable[[Capacity], list[Message]] | None = None  # conflicts visible by counting alone
    describe: Callable[[Any, Problem], Message] | None = None  # the rule for one row, with its figures

    @property
    def label(self) -> str:
        return self.words.label

    def sentence(self, row: object | None, problem: Problem) -> Message:
        """The rule (for one row, when given) in the coordinator's words."""
        if self.describe is not None and (row is not None or self.rows is None):
            return self.describe(row, problem)
        return self.words.description


def _from_module(module: ModuleType) -> HardRule:
    return HardRule(HARD_RULE_WORDS[module.LABEL], module.constrain, getattr(module, "rows", None),
                    getattr(module, "count", None), getattr(module, "describe", None))


_MODEL_RULES = {module.LABEL: _from_module(module) for module in MODEL_ORDER}

HARD_RULES: dict[str, HardRule] = {label: _MODEL_RULES.get(label, HardRule(words))
                                   for label, words in HARD_RULE_WORDS.items()}
"""Every hard rule by its stable label, in the catalogue's order (the order `verify` reports them)."""

MODEL_RULES: dict[str, HardRule] = dict(_MODEL_RULES)
"""The rules the model enforces as constraints, in the order they are added."""

COUNTING_ORDER: tuple[str, ...] = ("daily_hours", "audience_overlap", "required_offer", "speaker_max_sessions",
                                   "organisation_maximum", "theme_minimum")
"""The rules with a counting check, in the order the diagnosis reports them (fixed events first)."""
