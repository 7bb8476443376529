"""Hard rule `organisation_maximum`: no organisation gives more than `Séances max par organisation`
phase-1 sessions."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity, organisations_over_cap
from scheduler.core.domain import Organisation, Problem
from scheduler.core.errors import Message

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "organisation_maximum"


def rows(problem: Problem) -> list[Organisation]:
    """The organisations: the rule applies to each on its own."""
    return list(problem.organisations)


def constrain(pm: PlanningModel, rows: Sequence[Organisation] | None = None) -> None:
    """Each organisation's chosen phase-1 starts sum to at most the cap."""
    maximum = pm.problem.programme.max_sessions_per_organisation
    names = None if rows is None else {organisation.name for organisation in rows}
    by_organisation: dict[str, list] = defaultdict(list)
    for p in pm.phase_one():
        organisation = pm.organisation_of_speaker[p.offer.speaker]
        if names is None or organisation in names:
            by_organisation[organisation].append(p.chosen)
    for chosen in by_organisation.values():
        if len(chosen) > maximum:
            pm.add(LABEL, pm.model.Add(sum(chosen) <= maximum))


def count(capacity: Capacity) -> list[Message]:
    """Required phase-1 sessions beyond an organisation's cap."""
    cap = capacity.problem.programme.max_sessions_per_organisation
    return [Message(
        f"organisation « {organisation.name} » ({_where(organisation, capacity.problem, 'fr')}) : {total} séances "
        f"obligatoires en phase 1 ({', '.join(o.id for o in offers)}) pour au plus {cap} (« Séances max par "
        f"organisation ») ; rendez-en facultatives ou augmentez le plafond",
        f"organisation '{organisation.name}' ({_where(organisation, capacity.problem, 'en')}): {total} required "
        f"phase-1 sessions ({', '.join(o.id for o in offers)}) for at most {cap} ('max_sessions_per_organisation'); "
        f"make some optional or raise the cap")
        for organisation, offers, total in organisations_over_cap(capacity.problem)]


def _where(organisation: Organisation, problem: Problem, lang: str) -> str:
    """'Organisations, ligne 3', the sheet as the workbook writes it."""
    return problem.names.sheet_row("organisations", "Organisations", "Organisations", organisation.row, lang)


def describe(row: Organisation, problem: Problem) -> Message:
    """The rule for one organisation."""
    cap = problem.programme.max_sessions_per_organisation
    return Message(f"l'organisation « {row.name} » ({_where(row, problem, 'fr')}) donne au plus {cap} séances en "
                   f"phase 1 (« Séances max par organisation », feuille Programme)",
                   f"organisation '{row.name}' ({_where(row, problem, 'en')}) gives at most {cap} phase-1 sessions "
                   f"('max_sessions_per_organisation', sheet Programme)")
