"""Hard rule `speaker_max_sessions`: a speaker gives at most `Max séances` sessions in all."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity, speakers_over_max
from scheduler.core.domain import Problem, Speaker
from scheduler.core.errors import Message
from scheduler.core.words import count_word

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "speaker_max_sessions"


def rows(problem: Problem) -> list[Speaker]:
    """The speakers with a maximum: the rule applies to each on its own."""
    return [s for s in problem.speakers if s.max_sessions is not None]


def constrain(pm: PlanningModel, rows: Sequence[Speaker] | None = None) -> None:
    """Each speaker's chosen starts sum to at most their maximum."""
    for speaker in pm.problem.speakers if rows is None else rows:
        if speaker.max_sessions is None:
            continue
        chosen = [p.chosen for p in pm.placements if p.offer.speaker == speaker.name]
        if len(chosen) > speaker.max_sessions:
            pm.add(LABEL, pm.model.Add(sum(chosen) <= speaker.max_sessions))


def count(capacity: Capacity) -> list[Message]:
    """Required sessions beyond a speaker's `Max séances`."""
    return [Message(
        f"{speaker.name} ({_where(speaker, capacity.problem, 'fr')}) : {required} séances obligatoires "
        f"pour au plus {speaker.max_sessions} ({_column(capacity.problem, 'fr')}) ; augmentez "
        f"{_column(capacity.problem, 'fr')} ou rendez des interventions facultatives",
        f"{speaker.name} ({_where(speaker, capacity.problem, 'en')}): {required} required sessions but at most "
        f"{speaker.max_sessions} ({_column(capacity.problem, 'en')}); raise {_column(capacity.problem, 'en')} "
        f"or make offers optional")
        for speaker, required in speakers_over_max(capacity.problem)]


def _where(speaker: Speaker, problem: Problem, lang: str) -> str:
    """'Intervenants, ligne 3', the sheet as the workbook writes it."""
    return problem.names.sheet_row("speakers", "Intervenants", "Speakers", speaker.row, lang)


def _column(problem: Problem, lang: str) -> str:
    """« Max séances », the column as the workbook writes it, its name in `lang` in brackets if another."""
    return problem.names.called("speakers", "max_sessions", "Max séances", "max_sessions", lang)


def describe(row: Speaker, problem: Problem) -> Message:
    """The rule for one speaker."""
    return Message(f"{row.name} ({_where(row, problem, 'fr')}) donne au plus "
                   f"{count_word('count.sessions', row.max_sessions, 'fr')} ({_column(problem, 'fr')})",
                   f"{row.name} ({_where(row, problem, 'en')}) gives at most "
                   f"{count_word('count.sessions', row.max_sessions, 'en')} ({_column(problem, 'en')})")
