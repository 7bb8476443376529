"""Hard rule `theme_minimum`: each theme has at least `Séances min par thème` sessions in the discovery phase."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scheduler.core.capacity import Capacity
from scheduler.core.domain import Offer, Problem, Theme
from scheduler.core.errors import Message
from scheduler.rules.sentences import why_no_slot
from scheduler.core.words import count_word

if TYPE_CHECKING:
    from scheduler.solver.model import PlanningModel

LABEL = "theme_minimum"


def rows(problem: Problem) -> list[Theme]:
    """The themes: the rule applies to each on its own."""
    return list(problem.themes)


def constrain(pm: PlanningModel, rows: Sequence[Theme] | None = None) -> None:
    """Each offered theme's chosen phase-1 starts sum to at least the minimum."""
    minimum = pm.problem.programme.min_sessions_per_theme
    offered_themes = {offer.theme for offer in pm.problem.offers}
    for theme in pm.problem.themes if rows is None else rows:
        if theme.name not in offered_themes or minimum <= 0:
            continue
        chosen = [p.chosen for p in pm.phase_one() if p.offer.theme == theme.name]
        pm.add(LABEL, pm.model.Add(sum(chosen) >= minimum))


def _offer_supply_text(offer: Offer, capacity: Capacity) -> tuple[str, str]:
    possible = capacity.phase_one_possible(offer)
    if possible == 0:
        why = why_no_slot(offer, capacity) if offer.phase != 2 else Message("prévue en phase 2", "set in phase 2")
        return f"{offer.id} : 0 ({why.fr})", f"{offer.id}: 0 ({why.en})"
    return f"{offer.id} : {possible}", f"{offer.id}: {possible}"


def count(capacity: Capacity) -> list[Message]:
    """Themes that cannot reach the minimum, then the total against the organisations' caps."""
    problem, minimum = capacity.problem, capacity.problem.programme.min_sessions_per_theme
    if minimum <= 0:
        return []
    reasons = []
    offered = [t for t in problem.themes if any(o.theme == t.name for o in problem.offers)]
    for theme in offered:
        offers = [o for o in problem.offers if o.theme == theme.name]
        possible = capacity.capped_supply(offers)
        if possible < minimum:
            fr, en = zip(*(_offer_supply_text(o, capacity) for o in offers))
            reasons.append(Message(
                f"thème « {theme.name} » ({_where(theme, problem, 'fr')}) : au plus "
                f"{count_word('count.possible_phase1_sessions', possible, 'fr')} pour un minimum de {minimum} (« Séances min par thème ») ; séances possibles par "
                f"intervention du thème : {' ; '.join(fr)} ; ajoutez des interventions ou des disponibilités en "
                f"phase 1, ou baissez le minimum",
                f"theme '{theme.name}' ({_where(theme, problem, 'en')}): at most "
                f"{count_word('count.possible_phase1_sessions', possible, 'en')} for a minimum of {minimum} ('min_sessions_per_theme'); possible sessions per offer of the theme: "
                f"{'; '.join(en)}; add offers or phase-1 windows, or lower the minimum"))
    if reasons:
        return reasons
    needed = minimum * len(offered)
    supply = capacity.capped_supply(list(problem.offers))
    if supply < needed:
        cap = problem.programme.max_sessions_per_organisation
        reasons.append(Message(
            f"les {len(offered)} thèmes demandent au moins {needed} séances en phase 1 (« Séances min par thème » = "
            f"{minimum}) mais, selon les disponibilités, les « Max séances » des intervenants et le plafond de {cap} "
            f"séances par organisation (« Séances max par organisation »), les partenaires n'en peuvent donner que "
            f"{supply} : augmentez ces limites, baissez le minimum ou ajoutez des partenaires",
            f"the {len(offered)} themes need at least {needed} phase-1 sessions ('min_sessions_per_theme' = {minimum}) "
            f"but given the windows, the speakers' 'max_sessions' and the cap of {cap} sessions per organisation, "
            f"the partners can give only {supply}: raise these limits, lower the minimum or add partners"))
    return reasons


def _where(theme: Theme, problem: Problem, lang: str) -> str:
    """'Thèmes, ligne 3', the sheet as the workbook writes it."""
    return problem.names.sheet_row("themes", "Thèmes", "Themes", theme.row, lang)


def describe(row: Theme, problem: Problem) -> Message:
    """The rule for one theme, with its offers."""
    minimum = problem.programme.min_sessions_per_theme
    offers = ", ".join(o.id for o in problem.offers if o.theme == row.name)
    return Message(f"le thème « {row.name} » ({_where(row, problem, 'fr')}) doit avoir au moins "
                   f"{minimum} séances en phase 1 (« Séances min par thème ») ; ses interventions : {offers}",
                   f"theme '{row.name}' ({_where(row, problem, 'en')}) needs at least {minimum} "
                   f"phase-1 sessions ('min_sessions_per_theme'); its offers: {offers}")
