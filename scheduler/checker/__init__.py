"""An independent re-check of every hard rule (SPEC §2) on a finished timetable.

This package shares no code with the solver, the rule registry's constraints nor with
``scheduler.core.calendar``: it recomputes the programme's calendar on its own (``calendar.py``), so
that a mistake in one is caught by the other. Only the rules' labels and titles come from the
catalogue (``data/hard_rules.toml``, read by ``scheduler.core.rule_catalogue``). It is what
``scheduler verify`` runs on a timetable edited by hand, and what every test that solves asserts.

Each rule is one function ``check_<label>(facts) -> list[Violation]``, in ``placement.py``,
``clashes.py``, ``counts.py`` or ``rows.py``; ``violations`` runs them all. Times are whole minutes
since midnight; no floating point anywhere.
"""
from __future__ import annotations

from collections.abc import Callable

from scheduler.checker import clashes, counts, placement, rows
from scheduler.checker.base import Violation, hhmm, hours_text
from scheduler.checker.calendar import Calendar, public_holidays
from scheduler.checker.facts import Facts
from scheduler.checker.placement import window_covers
from scheduler.core.domain import Problem, Timetable
from scheduler.core.rule_catalogue import HARD_RULE_WORDS


def _check_of(label: str) -> Callable[[Facts], list[Violation]]:
    name = f"check_{label}"
    for module in (placement, clashes, counts, rows):
        if hasattr(module, name):
            return getattr(module, name)
    raise ImportError(f"the checker has no {name} for the hard rule {label!r} of data/hard_rules.toml")


CHECKS: dict[str, Callable[[Facts], list[Violation]]] = {label: _check_of(label) for label in HARD_RULE_WORDS}
"""Every hard rule, by its stable label, in the order violations are reported (the catalogue's)."""

RULES: tuple[str, ...] = tuple(CHECKS)

RULE_TITLES: dict[str, tuple[str, str]] = {label: (words.title.fr, words.title.en)
                                           for label, words in HARD_RULE_WORDS.items()}
"""Rule label -> its name for people (French, English), as `verify` prints it."""


def violations(problem: Problem, timetable: Timetable) -> list[Violation]:
    """Every hard rule of SPEC §2 that `timetable` breaks for `problem` (empty: the timetable is valid)."""
    facts = Facts(problem, timetable)
    return [v for check in CHECKS.values() for v in check(facts)]


__all__ = ["CHECKS", "RULES", "RULE_TITLES", "Calendar", "Facts", "Violation", "hhmm", "hours_text",
           "public_holidays", "violations", "window_covers"]
