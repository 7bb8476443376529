"""The hard rules' labels and words, read from `data/hard_rules.toml`: what the model, the
independent checker and the diagnosis share without sharing any code."""
from __future__ import annotations

import importlib.resources
import tomllib
from dataclasses import dataclass

from scheduler.core.errors import Message

MODEL = "model"
"""`enforced_by` of a rule that is a constraint of the model (scheduler/rules/<label>.py)."""


@dataclass(frozen=True)
class HardRuleWords:
    """One hard rule as people read it: its label, short title, one-line description, and who obeys it."""

    label: str
    title: Message  # as `verify` prints it
    description: Message  # one line in the coordinator's words; the diagnosis names the rule with it
    enforced_by: str  # MODEL, or the dotted path of the function that obeys it by construction

    @property
    def in_model(self) -> bool:
        return self.enforced_by == MODEL


def _load() -> dict[str, HardRuleWords]:
    text = (importlib.resources.files("scheduler.data") / "hard_rules.toml").read_text(encoding="utf-8")
    return {label: HardRuleWords(label, Message(entry["title_fr"], entry["title_en"]),
                                 Message(entry["fr"], entry["en"]), entry["enforced_by"])
            for label, entry in tomllib.loads(text).items()}


HARD_RULE_WORDS: dict[str, HardRuleWords] = _load()
"""Hard-rule label -> its words, in the order `verify` reports the rules."""

HARD_RULE_LABELS: tuple[str, ...] = tuple(HARD_RULE_WORDS)
MODEL_RULE_LABELS: tuple[str, ...] = tuple(label for label, words in HARD_RULE_WORDS.items() if words.in_model)
