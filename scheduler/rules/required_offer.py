"""Hard rule `required_offer`: required offers are all placed, every occurrence."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity
from scheduler.core.domain import Offer, Problem
from scheduler.core.errors import Message
from scheduler.rules.sentences import offer_label, why_no_slot
from scheduler.core.words import count_word

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "required_offer"


def rows(problem: Problem) -> list[Offer]:
    """The required offers: the rule applies to each on its own."""
    return [o for o in problem.offers if o.required]


def constrain(pm: PlanningModel, rows: Sequence[Offer] | None = None) -> None:
    """Each required offer's chosen starts sum to at least its count."""
    for offer in pm.problem.offers if rows is None else rows:
        if offer.required:
            chosen = [p.chosen for p in pm.by_offer.get(offer.id, [])]
            pm.add(LABEL, pm.model.Add(sum(chosen) >= offer.count))


def count(capacity: Capacity) -> list[Message]:
    """Required offers that cannot all be placed: no possible start, or fewer possible weeks than sessions."""
    reasons, names = [], capacity.problem.names  # the sheets as the workbook writes them
    for offer in rows(capacity.problem):
        weeks = capacity.weeks_with_starts(offer)
        if not weeks:
            why = why_no_slot(offer, capacity)
            reasons.append(Message(f"{offer_label(offer, 'fr', names)} : {why.fr}",
                                   f"{offer_label(offer, 'en', names)}: {why.en}"))
        elif len(weeks) < offer.count:
            reasons.append(Message(
                f"{offer_label(offer, 'fr', names)} : {offer.count} séances demandées dans des semaines différentes, "
                f"mais "
                f"{offer.speaker} n'est disponible que sur {count_word('count.possible_weeks', len(weeks), 'fr')} ; "
                f"baissez {names.called('offers', 'count', 'fr')} ou ajoutez des disponibilités",
                f"{offer_label(offer, 'en', names)}: {offer.count} sessions asked in different weeks, but "
                f"{offer.speaker} "
                f"is available in only {count_word('count.possible_weeks', len(weeks), 'en')}; lower "
                f"{names.called('offers', 'count', 'en')} or add windows"))
    return reasons


def describe(row: Offer, problem: Problem) -> Message:
    """The rule for one required offer."""
    return Message(f"l'{offer_label(row, 'fr', problem.names)} doit être placée {row.count} fois",
                   f"{offer_label(row, 'en', problem.names)} must be placed "
                   f"{count_word('count.times', row.count, 'en')}")
