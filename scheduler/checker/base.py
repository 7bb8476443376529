"""The checker's shared pieces: a violation, times, names, audiences (no code shared with the model)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.core.domain import Session
from scheduler.core.rule_catalogue import HARD_RULE_WORDS

@dataclass(frozen=True)
class Violation:
    """One broken hard rule: its stable label, the sessions involved, and a sentence in each language."""

    rule: str
    session_ids: tuple[str, ...]
    fr: str
    en: str

    def __post_init__(self) -> None:
        if self.rule not in HARD_RULE_WORDS:
            raise ValueError(f"unknown hard-rule label {self.rule!r}: add it to data/hard_rules.toml")

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

# Small helpers: times, names, audiences


def hhmm(minutes: int) -> str:
    """540 -> '09:00'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_text(minutes: int) -> str:
    """390 -> '6h30', 360 -> '6h', -30 -> '-0h30' (exact, no floats)."""
    if minutes < 0:
        return "-" + hours_text(-minutes)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


def date_fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def is_cohort(audience: str) -> bool:
    """True for the whole cohort ('Cohorte', 'cohort' or empty)."""
    return audience.strip().casefold() in {"cohorte", "cohort", ""}


def audience_key(audience: str) -> str:
    """One spelling per audience: 'cohorte' for the cohort, the folded project ID otherwise."""
    return "cohorte" if is_cohort(audience) else audience.strip().casefold()


def same_people(a: str, b: str) -> bool:
    """Whether two audiences share at least one participant."""
    return is_cohort(a) or is_cohort(b) or audience_key(a) == audience_key(b)


def overlaps(a: Session, b: Session) -> bool:
    return a.day == b.day and a.start < b.end and b.start < a.end


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_fr(s: Session, capital: bool = True) -> str:
    """'Séance S1 « Titre » du 02/11/2026 de 09:00 à 11:00'."""
    kind = "Événement" if s.is_event else "Séance"
    kind = kind if capital else kind.lower()
    return f"{kind} {s.session_id} « {s.title} » du {date_fr(s.day)} de {hhmm(s.start)} à {hhmm(s.end)}"


def name_en(s: Session, capital: bool = True) -> str:
    """"Session S1 'Title' on 2026-11-02 from 09:00 to 11:00"."""
    kind = "Event" if s.is_event else "Session"
    kind = kind if capital else kind.lower()
    return f"{kind} {s.session_id} '{s.title}' on {s.day.isoformat()} from {hhmm(s.start)} to {hhmm(s.end)}"


def audience_fr(audience: str) -> str:
    return "la cohorte" if is_cohort(audience) else f"le groupe du projet {audience}"


def audience_en(audience: str) -> str:
    return "the cohort" if is_cohort(audience) else f"project {audience}'s group"


def ids(sessions: Iterable[Session]) -> tuple[str, ...]:
    return tuple(s.session_id for s in sessions)


def by_day(sessions: Iterable[Session]) -> dict[dt.date, list[Session]]:
    days: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.day, s.start, s.end, s.session_id)):
        days[s.day].append(s)
    return days


def overlapping_pairs(sessions: list[Session]) -> Iterable[tuple[Session, Session]]:
    """Every pair of sessions of one day (sorted by start) whose times intersect."""
    for i, a in enumerate(sessions):
        for b in sessions[i + 1:]:
            if b.start >= a.end:
                break
            if overlaps(a, b):
                yield a, b
