"""Why no timetable exists, or why an offer was left out, in the coordinator's words.

First the rules' counting checks (`count` in scheduler/rules/<label>.py, on the core's capacity
analysis) that name the rows at fault. When they find nothing, a diagnosis solve: every hard rule,
and for the rules about one row (a theme's minimum, a required offer, a speaker's maximum, an
organisation's cap) every row of it, behind its own assumption literal; one worker, no objective;
the core CP-SAT reports is then shrunk one group at a time and told as the rules and rows in
conflict. The model itself is never shown.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.core.capacity import Capacity
from scheduler.core.candidates import Candidate
from scheduler.core.instance import PreparedInstance, prepare
from scheduler.core.domain import Offer, Problem
from scheduler.core.errors import Message
from scheduler.core.rule_catalogue import HARD_RULE_WORDS
from scheduler.rules.registry import COUNTING_ORDER, HARD_RULES, MODEL_RULES
from scheduler.rules.sentences import why_no_slot
from scheduler.solver.model import PlanningModel
from scheduler.core.words import count_word

DIAGNOSIS_SECONDS = 20.0
"""Time budget of the whole diagnosis solve (core and shrinking)."""
STEP_SECONDS = 5.0
"""Time limit of one diagnosis solve."""

RULE_NAMES: dict[str, Message] = {label: HARD_RULE_WORDS[label].description for label in MODEL_RULES}
"""Model rule label -> its one-line description (from data/hard_rules.toml)."""


def counting_checks(problem: Problem, candidates: dict[str, list[Candidate]] | None = None) -> list[Message]:
    """Conflicts visible by counting alone (each certain), naming the rows concerned."""
    capacity = Capacity.of(problem, candidates)
    return [reason for label in COUNTING_ORDER for reason in HARD_RULES[label].count(capacity)]


# ---------------------------------------------------------------------------------------------
# Diagnosis solve


@dataclass(frozen=True)
class Group:
    """One assumption: a whole rule, or one rule for one row (a theme, an offer, a speaker, an organisation)."""

    rule: str
    row: object | None  # the Theme, Offer, Speaker or Organisation, or None for the whole rule
    literal: cp_model.IntVar


def diagnosis_model(problem: Problem, instance: PreparedInstance | None = None) -> tuple[PlanningModel, list[Group]]:
    """The model with each rule group behind its own literal (no objective); on the run's prepared
    instance when given."""
    pm = PlanningModel.of(instance if instance is not None else prepare(problem))
    groups: list[Group] = []
    for label, rule in MODEL_RULES.items():
        rows = [] if rule.rows is None else rule.rows(problem)
        if not rows:
            literal = pm.model.NewBoolVar(f"rule:{label}")
            pm.enforcement = {label: literal}
            rule.constrain(pm)
            groups.append(Group(label, None, literal))
            continue
        for row in rows:
            literal = pm.model.NewBoolVar(f"rule:{label}:{len(groups)}")
            pm.enforcement = {label: literal}
            rule.constrain(pm, [row])
            groups.append(Group(label, row, literal))
    pm.enforcement = {}
    return pm, groups


def _status(model: cp_model.CpModel, literals: list, seconds: float) -> tuple[int, cp_model.CpSolver]:
    model.ClearAssumptions()
    model.AddAssumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.catch_sigint_signal = False  # Ctrl-C stops the run (core.interruption), not just the search
    return solver.Solve(model), solver


def conflicting_groups(problem: Problem, budget: float = DIAGNOSIS_SECONDS,
                       instance: PreparedInstance | None = None) -> list[Group] | None:
    """A small set of rule groups that together admit no timetable; None when the diagnosis could not tell."""
    started = time.monotonic()
    pm, groups = diagnosis_model(problem, instance)
    status, solver = _status(pm.model, [g.literal for g in groups], min(STEP_SECONDS, budget))
    if status != cp_model.INFEASIBLE:
        return None
    by_index = {g.literal.Index(): g for g in groups}
    core = [by_index[i] for i in solver.SufficientAssumptionsForInfeasibility() if i in by_index] or list(groups)
    for group in list(core):
        left = budget - (time.monotonic() - started)
        if left <= 0.2 or len(core) == 1:
            break
        trial = [g for g in core if g is not group]
        status, _ = _status(pm.model, [g.literal for g in trial], min(STEP_SECONDS, left))
        if status == cp_model.INFEASIBLE:
            core = trial
    return core


def describe_group(group: Group, problem: Problem) -> Message:
    """One rule group in the coordinator's words, naming its row."""
    return HARD_RULES[group.rule].sentence(group.row, problem)


def explain_infeasibility(problem: Problem, instance: PreparedInstance | None = None) -> list[Message]:
    """Why no timetable obeys the hard rules: counting checks first, else the rules and rows of a conflict.
    `instance`: the run's prepared instance, so that legal starts are not enumerated again."""
    instance = instance if instance is not None else prepare(problem)
    reasons = counting_checks(problem, instance.candidates)
    if reasons:
        return reasons
    core = conflicting_groups(problem, instance=instance)
    if not core:
        return [Message("aucun planning ne respecte toutes les règles, et le diagnostic n'a pas trouvé lesquelles "
                        "s'opposent dans le temps imparti : vérifiez les disponibilités des interventions "
                        "obligatoires et les minimums par thème",
                        "no timetable obeys every rule, and the diagnosis could not tell which rules conflict in "
                        "the time allowed: check the windows of required offers and the per-theme minimums")]
    lead = Message("ces règles ne peuvent pas être respectées ensemble (en assouplir une suffit) :",
                   "these rules cannot all be obeyed together (relaxing one is enough):")
    return [lead, *(describe_group(group, problem) for group in core), *_narrow_offers(core, problem, instance)]


NARROW_DAYS = 3
"""An offer possible on this many days or fewer is named with its days: the likely bottleneck."""


def _narrow_offers(core: list[Group], problem: Problem, instance: PreparedInstance) -> list[Message]:
    """The offers of the conflict that have very few possible days, with those days."""
    named: dict[str, Offer] = {}
    for group in core:
        if group.rule == "required_offer" and group.row is not None:
            named[group.row.id] = group.row
        elif group.rule == "theme_minimum" and group.row is not None:
            named.update({o.id: o for o in problem.offers if o.theme == group.row.name})
    if not named:
        return []
    notes = []
    for offer in named.values():
        days = sorted({c.day for c in instance.candidates.get(offer.id, [])})
        if 0 < len(days) <= NARROW_DAYS:
            listed = ", ".join(f"{d:%d/%m/%Y}" for d in days)
            notes.append(Message(f"{offer.id} ne peut avoir lieu que le {listed} (disponibilités de {offer.speaker}) "
                                 f"; ajouter des disponibilités débloquerait le planning",
                                 f"{offer.id} can only take place on {', '.join(d.isoformat() for d in days)} "
                                 f"({offer.speaker}'s windows); adding windows would unblock the timetable"))
    return notes


def unplaced_reason(offer: Offer, pm: PlanningModel) -> Message:
    """Why some occurrences of an offer stay out of the timetable."""
    capacity = Capacity(pm.problem, pm.calendar, pm.candidates)
    if not pm.candidates.get(offer.id):
        return why_no_slot(offer, capacity)
    weeks = capacity.weeks_with_starts(offer)
    if len(weeks) < offer.count:
        return Message(f"{offer.speaker} n'est disponible que sur {count_word('count.weeks', len(weeks), 'fr')} "
                       f"pour {count_word('count.sessions', offer.count, 'fr')}",
                       f"{offer.speaker} is available in only {count_word('count.weeks', len(weeks), 'en')} "
                       f"for {count_word('count.sessions', offer.count, 'en')}")
    speaker = next((s for s in pm.problem.speakers if s.name == offer.speaker), None)
    offered = sum(o.count for o in pm.problem.offers if o.speaker == offer.speaker)
    if speaker is not None and speaker.max_sessions is not None and offered > speaker.max_sessions:
        names = pm.problem.names  # the column and sheet as the workbook writes them
        where = {lang: f"{names.called('speakers', 'max_sessions', lang)}, "
                       f"{names.sheet_row('speakers', speaker.row, lang)}"
                 for lang in ("fr", "en")}
        return Message(f"{speaker.name} donne au plus {count_word('count.sessions', speaker.max_sessions, 'fr')} "
                       f"({where['fr']}) et en propose {offered}",
                       f"{speaker.name} gives at most {count_word('count.sessions', speaker.max_sessions, 'en')} "
                       f"({where['en']}) and offers {offered}")
    return Message("ses créneaux possibles sont pris par d'autres séances ou dépasseraient une limite "
                   "(heures par jour, séances par organisation ou par intervenant)",
                   "its possible slots are taken by other sessions or would break a limit "
                   "(hours per day, sessions per organisation or per speaker)")
