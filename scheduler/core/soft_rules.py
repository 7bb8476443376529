"""The soft rules a coordinator can weigh (SPEC §3), by stable label: names, descriptions, default weights.

Solver-free, so the workbook reader can validate the optional `Poids` / `Weights` sheet and
reports can name each rule in the coordinator's words. The words and default weights are data
(`data/soft_rules.toml`, installed as `scheduler.data`); each label has its model expression in
`scheduler/solver/objective.py` and its solver-free score in `scheduler/core/scoring.py`.
"""
from __future__ import annotations

import importlib.resources
import tomllib
from dataclasses import dataclass

from scheduler.core.text import key

PARTS = ("fr", "en", "weight", "description_fr", "description_en")


@dataclass(frozen=True)
class SoftRule:
    label: str
    fr: str
    en: str
    weight: int  # default points per unit of penalty
    description_fr: str = ""
    description_en: str = ""

    def name(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

    def description(self, lang: str = "fr") -> str:
        return self.description_en if lang == "en" else self.description_fr


def _read_catalogue() -> tuple[SoftRule, ...]:
    """The rules of `data/soft_rules.toml`, in its order; a missing or mistyped part fails at import."""
    text = (importlib.resources.files("scheduler.data") / "soft_rules.toml").read_text(encoding="utf-8")
    rules = []
    for label, parts in tomllib.loads(text).items():
        missing = [part for part in PARTS if part not in parts]
        if missing or not isinstance(parts["weight"], int) or parts["weight"] < 0:
            raise ValueError(f"data/soft_rules.toml [{label}]: missing {missing} or weight not a whole number ≥ 0")
        rules.append(SoftRule(label, *(parts[part] for part in PARTS)))
    return tuple(rules)


SOFT_RULE_CATALOGUE: tuple[SoftRule, ...] = _read_catalogue()

DEFAULT_WEIGHTS: dict[str, int] = {rule.label: rule.weight for rule in SOFT_RULE_CATALOGUE}


def find_soft_rule(name: str) -> SoftRule | None:
    """The rule a coordinator named, by label, French or English name (case, accents, spaces ignored)."""
    wanted = key(name)
    return next((rule for rule in SOFT_RULE_CATALOGUE if wanted in (key(rule.label), key(rule.fr), key(rule.en))), None)


def effective_weights(overrides: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """Default weights with the workbook's `Poids` rows applied (unknown names are the reader's to report)."""
    weights = dict(DEFAULT_WEIGHTS)
    for name, weight in overrides:
        rule = find_soft_rule(name)
        if rule is not None:
            weights[rule.label] = weight
    return weights
