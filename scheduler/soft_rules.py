"""The soft rules a coordinator can weigh (SPEC §3), by stable label: names and default weights.

Solver-free, so the workbook reader can validate the optional `Poids` / `Weights` sheet and
reports can name each rule in the coordinator's words. The model's expressions live in
`scheduler/solver/objective.py` under the same labels.
"""
from __future__ import annotations

from dataclasses import dataclass

from scheduler.core.text import key


@dataclass(frozen=True)
class SoftRule:
    label: str
    fr: str
    en: str
    weight: int  # default points per unit of penalty

    def name(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


SOFT_RULE_CATALOGUE: tuple[SoftRule, ...] = (
    SoftRule("theme_weeks_missed", "Semaines de découverte sans le thème",
             "Discovery weeks without the theme", 20),
    SoftRule("theme_twice_a_day", "Même thème deux fois le même jour", "Same theme twice on one day", 10),
    SoftRule("organisation_twice_a_week", "Même organisation deux fois la même semaine",
             "Same organisation twice in one week", 5),
    SoftRule("organisation_types_missing", "Types d'organisation absents d'une semaine",
             "Organisation types missing from a week", 3),
    SoftRule("formats_missing", "Formats absents d'une semaine", "Formats missing from a week", 3),
    SoftRule("overloaded_days", "Journées surchargées (demi-heures au-delà des deux tiers du maximum)",
             "Overloaded days (half-hours beyond two thirds of the daily maximum)", 2),
    SoftRule("lone_short_days", "Journée avec une seule séance courte", "Day with one short session alone", 4),
    SoftRule("preferred_windows_missed", "Séances hors des créneaux préférés",
             "Sessions outside preferred windows", 1),
    SoftRule("mentoring_week_gaps", "Semaines sautées dans le suivi de projet",
             "Weeks skipped in project mentoring", 10),
    SoftRule("mentoring_late_start", "Suivi de projet commencé tard", "Project mentoring started late", 4),
    SoftRule("mentoring_rhythm_changes", "Suivi de projet à jour ou heure changeants",
             "Project mentoring on changing days or hours", 2),
)

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
