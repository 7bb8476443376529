"""Why no timetable exists, or why an offer was left out, in the coordinator's words.

First fast counting checks that name the rows at fault (a theme that cannot reach its minimum,
a required offer whose speaker is never free, a day overloaded by fixed events...). When they
find nothing, a diagnosis solve: every hard rule, and for the rules about one row (a theme's
minimum, a required offer, a speaker's maximum, an organisation's cap) every row of it, behind
its own assumption literal; one worker, no objective; the core CP-SAT reports is then shrunk one
group at a time and told as the rules and rows in conflict. The model itself is never shown.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, Offer, Problem
from scheduler.core.errors import Message
from scheduler.core.candidates import Candidate, all_candidates, event_occurrences
from scheduler.solver.model import PlanningModel
from scheduler.solver.rules import HARD_RULES
from scheduler.workbook.likely_mistakes import (capped_phase_one_supply, fixed_event_clashes, fixed_event_overloads,
                                                required_phase_one_by_organisation,
                                                required_sessions_by_speaker, usable_weeks)

DIAGNOSIS_SECONDS = 20.0
"""Time budget of the whole diagnosis solve (core and shrinking)."""
STEP_SECONDS = 5.0
"""Time limit of one diagnosis solve."""

RULE_NAMES: dict[str, Message] = {
    "audience_overlap": Message("personne n'est à deux endroits à la fois (séances de la cohorte et des groupes)",
                                "nobody is in two places at once (cohort and group sessions)"),
    "visit_half_day": Message("une visite occupe toute sa demi-journée", "a visit takes its whole half-day"),
    "speaker_overlap": Message("un intervenant donne une séance à la fois", "a speaker gives one session at a time"),
    "speaker_max_sessions": Message("un intervenant donne au plus « Max séances » séances",
                                    "a speaker gives at most 'Max séances' sessions"),
    "daily_hours": Message("pas plus de « Heures max par jour » d'activités par participant et par jour",
                           "no more than 'Heures max par jour' per participant and day"),
    "theme_minimum": Message("chaque thème a au moins « Séances min par thème » séances en phase 1",
                             "each theme has at least 'Séances min par thème' phase-1 sessions"),
    "organisation_maximum": Message("une organisation donne au plus « Séances max par organisation » séances en phase 1",
                                    "an organisation gives at most 'Séances max par organisation' phase-1 sessions"),
    "offer_weeks": Message("les séances d'une même intervention tombent dans des semaines différentes",
                           "occurrences of one offer fall in different weeks"),
    "required_offer": Message("toutes les séances des interventions obligatoires sont placées",
                              "every occurrence of a required offer is placed"),
}


def _weeks_with_candidates(candidates: list[Candidate], phase: int | None = None) -> set[int]:
    return {c.week for c in candidates if phase is None or c.phase == phase}


def _hours(minutes: float) -> str:
    return f"{minutes / 60:g}"


def _no_slot_reason(offer: Offer) -> Message:
    phase = {1: "de la phase 1", 2: "de la phase 2"}.get(offer.phase, "du programme")
    phase_en = {1: "of phase 1", 2: "of phase 2"}.get(offer.phase, "of the programme")
    hours = _hours(offer.duration_minutes)
    return Message(
        f"aucune disponibilité de {offer.speaker} ne tombe sur un jour travaillé {phase} avec {hours.replace('.', ',')} h "
        f"libres dans une demi-journée (jours fériés, fermetures et événements fixes déduits) ; "
        f"ajoutez des disponibilités dans « Disponibilités »",
        f"no availability window of {offer.speaker} falls on a working day {phase_en} with {hours} h free "
        f"within a half-day (holidays, closures and fixed events taken out); add windows in 'Availability'")


# ---------------------------------------------------------------------------------------------
# Counting checks


@dataclass
class Facts:
    """What the counting checks look at: the calendar, the fixed events and every offer's candidates."""

    problem: Problem
    calendar: ProgrammeCalendar
    candidates: dict[str, list[Candidate]]

    @classmethod
    def of(cls, problem: Problem) -> Facts:
        calendar = ProgrammeCalendar(problem.programme, problem.closures)
        events = event_occurrences(problem, calendar)
        return cls(problem, calendar, all_candidates(problem, calendar, events))


def _offer_label(offer: Offer, lang: str) -> str:
    if lang == "en":
        return f"{'required offer' if offer.required else 'offer'} {offer.id} '{offer.title}' (Offers, row {offer.row})"
    return f"{'intervention obligatoire' if offer.required else 'intervention'} {offer.id} « {offer.title} » " \
           f"(Interventions, ligne {offer.row})"


def _why_no_slot(offer: Offer, facts: Facts) -> Message:
    """Why an offer has no possible start: its windows (holidays, phase, length) or the fixed events on them."""
    usable = usable_weeks(offer, facts.problem, facts.calendar)
    if not any(w.speaker == offer.speaker for w in facts.problem.windows):
        return Message(f"{offer.speaker} n'a aucune disponibilité : ajoutez-en dans « Disponibilités »",
                       f"{offer.speaker} has no availability window: add some in 'Availability'")
    if not usable.weeks:
        return Message(f"{offer.speaker} n'est jamais disponible pour elle ({' ; '.join(usable.blocked) or 'aucun créneau'}) ;"
                       f" ajoutez ou corrigez ses disponibilités",
                       f"{offer.speaker} is never available for it ({'; '.join(usable.blocked_en) or 'no slot'}); "
                       f"add or correct their windows")
    events = _events_in_weeks(offer, facts, usable.weeks)
    if events:
        weeks = ", ".join(str(w) for w in sorted(usable.weeks))
        fr = ", ".join(f"« {e.title} » (Événements, ligne {e.row})" for e in events)
        en = ", ".join(f"'{e.title}' (Events, row {e.row})" for e in events)
        return Message(f"les créneaux où {offer.speaker} est libre (semaine(s) {weeks}) sont tous pris par des "
                       f"événements fixes ou par la limite d'heures par jour : {fr} ; déplacez ces événements ou "
                       f"ajoutez des disponibilités",
                       f"the slots where {offer.speaker} is free (week(s) {weeks}) are all taken by fixed events or "
                       f"by the daily-hours limit: {en}; move these events or add windows")
    return _no_slot_reason(offer)


def _events_in_weeks(offer: Offer, facts: Facts, weeks: frozenset[int]) -> list:
    """Fixed events of the offer's audience on working days of `weeks`, one per row."""
    rows = {}
    for event in facts.problem.events:
        if offer.audience != COHORT and event.audience not in (COHORT, offer.audience):
            continue
        if any(facts.calendar.week_of.get(day) in weeks for day in facts.calendar.event_days(event)):
            rows.setdefault(event.row, event)
    return [rows[r] for r in sorted(rows)]


def _fixed_event_conflicts(facts: Facts) -> list[Message]:
    """Fixed events that break a rule by themselves: too many hours in a day, two at once for the same people."""
    limit = facts.problem.programme.max_minutes_per_day
    reasons = []
    for day, _, events, minutes in fixed_event_overloads(facts.problem, facts.calendar):
        fr = ", ".join(f"« {e.title} » (ligne {e.row})" for e in events)
        en = ", ".join(f"'{e.title}' (row {e.row})" for e in events)
        reasons.append(Message(
            f"le {day:%d/%m/%Y}, les événements fixes {fr} (Événements) font {_hours(minutes).replace('.', ',')} h "
            f"pour au plus {_hours(limit).replace('.', ',')} h par jour (« Heures max par jour ») : raccourcissez-les "
            f"ou augmentez le maximum",
            f"on {day.isoformat()}, the fixed events {en} (Events) take {_hours(minutes)} h for at most "
            f"{_hours(limit)} h a day ('Heures max par jour'): shorten them or raise the maximum"))
    for day, first, second in fixed_event_clashes(facts.problem, facts.calendar):
        reasons.append(Message(
            f"le {day:%d/%m/%Y}, les événements fixes « {first.title} » (Événements, ligne {first.row}) et "
            f"« {second.title} » (ligne {second.row}) ont lieu en même temps pour les mêmes participants",
            f"on {day.isoformat()}, the fixed events '{first.title}' (Events, row {first.row}) and "
            f"'{second.title}' (row {second.row}) overlap for the same participants"))
    return reasons


def _required_offer_conflicts(facts: Facts) -> list[Message]:
    """Required offers that cannot all be placed: no possible start, or fewer possible weeks than sessions."""
    reasons = []
    for offer in (o for o in facts.problem.offers if o.required):
        weeks = _weeks_with_candidates(facts.candidates[offer.id])
        if not weeks:
            why = _why_no_slot(offer, facts)
            reasons.append(Message(f"{_offer_label(offer, 'fr')} : {why.fr}", f"{_offer_label(offer, 'en')}: {why.en}"))
        elif len(weeks) < offer.count:
            reasons.append(Message(
                f"{_offer_label(offer, 'fr')} : {offer.count} séances demandées dans des semaines différentes, mais "
                f"{offer.speaker} n'est disponible que sur {len(weeks)} semaine(s) possibles ; baissez « Séances » "
                f"ou ajoutez des disponibilités",
                f"{_offer_label(offer, 'en')}: {offer.count} sessions asked in different weeks, but {offer.speaker} "
                f"is available in only {len(weeks)} possible week(s); lower 'count' or add windows"))
    return reasons


def _limit_conflicts(problem: Problem) -> list[Message]:
    """Required sessions beyond a speaker's `Max séances` or an organisation's phase-1 cap."""
    reasons = []
    required = required_sessions_by_speaker(problem)
    for speaker in problem.speakers:
        if speaker.max_sessions is not None and required[speaker.name] > speaker.max_sessions:
            reasons.append(Message(
                f"{speaker.name} (Intervenants, ligne {speaker.row}) : {required[speaker.name]} séances obligatoires "
                f"pour au plus {speaker.max_sessions} (« Max séances ») ; augmentez « Max séances » ou rendez des "
                f"interventions facultatives",
                f"{speaker.name} (Speakers, row {speaker.row}): {required[speaker.name]} required sessions but at most "
                f"{speaker.max_sessions} ('Max séances'); raise 'Max séances' or make offers optional"))
    cap = problem.programme.max_sessions_per_organisation
    for organisation in problem.organisations:
        offers = required_phase_one_by_organisation(problem).get(organisation.name, [])
        total = sum(o.count for o in offers)
        if total > cap:
            names = ", ".join(o.id for o in offers)
            reasons.append(Message(
                f"organisation « {organisation.name} » (Organisations, ligne {organisation.row}) : {total} séances "
                f"obligatoires en phase 1 ({names}) pour au plus {cap} (« Séances max par organisation ») ; rendez-en "
                f"facultatives ou augmentez le plafond",
                f"organisation '{organisation.name}' (Organisations, row {organisation.row}): {total} required "
                f"phase-1 sessions ({names}) for at most {cap} ('Séances max par organisation'); make some optional "
                f"or raise the cap"))
    return reasons


def _phase_one_possible(offer: Offer, facts: Facts) -> int:
    return min(offer.count, len(_weeks_with_candidates(facts.candidates[offer.id], phase=1)))


def _capped_supply(offers: list[Offer], facts: Facts) -> int:
    """Phase-1 sessions `offers` can give at most: weeks free, each speaker's maximum, each organisation's cap."""
    return capped_phase_one_supply(facts.problem, offers, lambda offer: _phase_one_possible(offer, facts))


def _offer_supply_text(offer: Offer, facts: Facts) -> tuple[str, str]:
    possible = _phase_one_possible(offer, facts)
    if possible == 0:
        why = _why_no_slot(offer, facts) if offer.phase != 2 else Message("prévue en phase 2", "set in phase 2")
        return f"{offer.id} : 0 ({why.fr})", f"{offer.id}: 0 ({why.en})"
    return f"{offer.id} : {possible}", f"{offer.id}: {possible}"


def _theme_conflicts(facts: Facts) -> list[Message]:
    """Themes that cannot reach `Séances min par thème`, then the total against the organisations' caps."""
    problem, minimum = facts.problem, facts.problem.programme.min_sessions_per_theme
    if minimum <= 0:
        return []
    reasons = []
    offered = [t for t in problem.themes if any(o.theme == t.name for o in problem.offers)]
    for theme in offered:
        offers = [o for o in problem.offers if o.theme == theme.name]
        possible = _capped_supply(offers, facts)
        if possible < minimum:
            fr, en = zip(*(_offer_supply_text(o, facts) for o in offers))
            reasons.append(Message(
                f"thème « {theme.name} » (Thèmes, ligne {theme.row}) : au plus {possible} séance(s) possible(s) en "
                f"phase 1 pour un minimum de {minimum} (« Séances min par thème ») ; séances possibles par "
                f"intervention du thème : {' ; '.join(fr)} ; ajoutez des interventions ou des disponibilités en "
                f"phase 1, ou baissez le minimum",
                f"theme '{theme.name}' (Themes, row {theme.row}): at most {possible} possible phase-1 session(s) for "
                f"a minimum of {minimum} ('Séances min par thème'); possible sessions per offer of the theme: "
                f"{'; '.join(en)}; add offers or phase-1 windows, or lower the minimum"))
    if reasons:
        return reasons
    needed = minimum * len(offered)
    supply = _capped_supply(list(problem.offers), facts)
    if supply < needed:
        cap = problem.programme.max_sessions_per_organisation
        reasons.append(Message(
            f"les {len(offered)} thèmes demandent au moins {needed} séances en phase 1 (« Séances min par thème » = "
            f"{minimum}) mais, selon les disponibilités, les « Max séances » des intervenants et le plafond de {cap} "
            f"séances par organisation (« Séances max par organisation »), les partenaires n'en peuvent donner que "
            f"{supply} : augmentez ces limites, baissez le minimum ou ajoutez des partenaires",
            f"the {len(offered)} themes need at least {needed} phase-1 sessions ('Séances min par thème' = {minimum}) "
            f"but given the windows, the speakers' 'Max séances' and the cap of {cap} sessions per organisation, "
            f"the partners can give only {supply}: raise these limits, lower the minimum or add partners"))
    return reasons


def counting_checks(problem: Problem, candidates: dict[str, list] | None = None) -> list[Message]:
    """Conflicts visible by counting alone (each certain), naming the rows concerned."""
    facts = Facts.of(problem) if candidates is None else Facts(
        problem, ProgrammeCalendar(problem.programme, problem.closures), candidates)
    return [*_fixed_event_conflicts(facts), *_required_offer_conflicts(facts), *_limit_conflicts(problem),
            *_theme_conflicts(facts)]


# ---------------------------------------------------------------------------------------------
# Diagnosis solve


@dataclass(frozen=True)
class Group:
    """One assumption: a whole rule, or one rule for one row (a theme, an offer, a speaker, an organisation)."""

    rule: str
    row: object | None  # the Theme, Offer, Speaker or Organisation, or None for the whole rule
    literal: cp_model.IntVar


@contextmanager
def _restricted(pm: PlanningModel, problem: Problem, placements: list | None = None) -> Iterator[None]:
    """Let a rule function see only part of the problem (or of the placements) while it adds its constraints."""
    saved_problem, saved_placements = pm.problem, pm.placements
    pm.problem = problem
    if placements is not None:
        pm.placements = placements
    try:
        yield
    finally:
        pm.problem, pm.placements = saved_problem, saved_placements


def _rows_of(rule: str, pm: PlanningModel) -> list[tuple[object, Problem, list | None]]:
    """For the rules about one row: (row, the problem seen, the placements seen) per row; [] for whole rules."""
    problem = pm.problem
    if rule == "theme_minimum":
        return [(t, replace(problem, themes=(t,)), None) for t in problem.themes]
    if rule == "required_offer":
        return [(o, replace(problem, offers=(o,)), None) for o in problem.offers if o.required]
    if rule == "speaker_max_sessions":
        return [(s, replace(problem, speakers=(s,)), None) for s in problem.speakers if s.max_sessions is not None]
    if rule == "organisation_maximum":
        organisation_of = pm.organisation_of_speaker
        return [(org, problem, [p for p in pm.placements if organisation_of.get(p.offer.speaker) == org.name])
                for org in problem.organisations]
    return []


def diagnosis_model(problem: Problem) -> tuple[PlanningModel, list[Group]]:
    """The model with each rule group behind its own literal (no objective)."""
    facts = Facts.of(problem)
    events = event_occurrences(problem, facts.calendar)
    pm = PlanningModel(problem, facts.calendar, facts.candidates, events)
    _ = pm.by_offer, pm.by_day, pm.events_by_day, pm.groups, pm.organisation_of_speaker  # cached on the whole problem
    groups: list[Group] = []
    for rule, add_rule in HARD_RULES.items():
        rows = _rows_of(rule, pm)
        if not rows:
            literal = pm.model.NewBoolVar(f"rule:{rule}")
            pm.enforcement = {rule: literal}
            add_rule(pm)
            groups.append(Group(rule, None, literal))
            continue
        for row, seen, placements in rows:
            literal = pm.model.NewBoolVar(f"rule:{rule}:{len(groups)}")
            pm.enforcement = {rule: literal}
            with _restricted(pm, seen, placements):
                add_rule(pm)
            groups.append(Group(rule, row, literal))
    pm.enforcement = {}
    return pm, groups


def _status(model: cp_model.CpModel, literals: list, seconds: float) -> tuple[int, cp_model.CpSolver]:
    model.ClearAssumptions()
    model.AddAssumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    return solver.Solve(model), solver


def conflicting_groups(problem: Problem, budget: float = DIAGNOSIS_SECONDS) -> list[Group] | None:
    """A small set of rule groups that together admit no timetable; None when the diagnosis could not tell."""
    started = time.monotonic()
    pm, groups = diagnosis_model(problem)
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
    programme, row = problem.programme, group.row
    if group.rule == "theme_minimum" and row is not None:
        offers = ", ".join(o.id for o in problem.offers if o.theme == row.name)
        return Message(f"le thème « {row.name} » (Thèmes, ligne {row.row}) doit avoir au moins "
                       f"{programme.min_sessions_per_theme} séances en phase 1 (« Séances min par thème ») ; "
                       f"ses interventions : {offers}",
                       f"theme '{row.name}' (Themes, row {row.row}) needs at least {programme.min_sessions_per_theme} "
                       f"phase-1 sessions ('Séances min par thème'); its offers: {offers}")
    if group.rule == "required_offer" and row is not None:
        return Message(f"l'intervention obligatoire {row.id} « {row.title} » (Interventions, ligne {row.row}) doit "
                       f"être placée {row.count} fois",
                       f"required offer {row.id} '{row.title}' (Offers, row {row.row}) must be placed {row.count} time(s)")
    if group.rule == "speaker_max_sessions" and row is not None:
        return Message(f"{row.name} (Intervenants, ligne {row.row}) donne au plus {row.max_sessions} séance(s) "
                       f"(« Max séances »)",
                       f"{row.name} (Speakers, row {row.row}) gives at most {row.max_sessions} session(s) ('Max séances')")
    if group.rule == "organisation_maximum" and row is not None:
        cap = programme.max_sessions_per_organisation
        return Message(f"l'organisation « {row.name} » (Organisations, ligne {row.row}) donne au plus {cap} séances en "
                       f"phase 1 (« Séances max par organisation », feuille Programme)",
                       f"organisation '{row.name}' (Organisations, row {row.row}) gives at most {cap} phase-1 sessions "
                       f"('Séances max par organisation', sheet Programme)")
    if group.rule == "daily_hours":
        limit = _hours(programme.max_minutes_per_day)
        return Message(f"pas plus de {limit.replace('.', ',')} h de séances et d'événements par jour et par participant "
                       f"(« Heures max par jour », feuille Programme)",
                       f"no more than {limit} h of sessions and events per participant and day "
                       f"('Heures max par jour', sheet Programme)")
    return RULE_NAMES[group.rule]


def explain_infeasibility(problem: Problem) -> list[Message]:
    """Why no timetable obeys the hard rules: counting checks first, else the rules and rows of a conflict."""
    reasons = counting_checks(problem)
    if reasons:
        return reasons
    core = conflicting_groups(problem)
    if not core:
        return [Message("aucun planning ne respecte toutes les règles, et le diagnostic n'a pas trouvé lesquelles "
                        "s'opposent dans le temps imparti : vérifiez les disponibilités des interventions "
                        "obligatoires et les minimums par thème",
                        "no timetable obeys every rule, and the diagnosis could not tell which rules conflict in "
                        "the time allowed: check the windows of required offers and the per-theme minimums")]
    lead = Message("ces règles ne peuvent pas être respectées ensemble (en assouplir une suffit) :",
                   "these rules cannot all be obeyed together (relaxing one is enough):")
    return [lead, *(describe_group(group, problem) for group in core), *_narrow_offers(core, problem)]


NARROW_DAYS = 3
"""An offer possible on this many days or fewer is named with its days: the likely bottleneck."""


def _narrow_offers(core: list[Group], problem: Problem) -> list[Message]:
    """The offers of the conflict that have very few possible days, with those days."""
    named: dict[str, Offer] = {}
    for group in core:
        if group.rule == "required_offer" and group.row is not None:
            named[group.row.id] = group.row
        elif group.rule == "theme_minimum" and group.row is not None:
            named.update({o.id: o for o in problem.offers if o.theme == group.row.name})
    if not named:
        return []
    facts = Facts.of(problem)
    notes = []
    for offer in named.values():
        days = sorted({c.day for c in facts.candidates.get(offer.id, [])})
        if 0 < len(days) <= NARROW_DAYS:
            listed = ", ".join(f"{d:%d/%m/%Y}" for d in days)
            notes.append(Message(f"{offer.id} ne peut avoir lieu que le {listed} (disponibilités de {offer.speaker}) "
                                 f"; ajouter des disponibilités débloquerait le planning",
                                 f"{offer.id} can only take place on {', '.join(d.isoformat() for d in days)} "
                                 f"({offer.speaker}'s windows); adding windows would unblock the timetable"))
    return notes


def unplaced_reason(offer: Offer, pm: PlanningModel) -> Message:
    """Why some occurrences of an offer stay out of the timetable."""
    candidates = pm.candidates.get(offer.id, [])
    if not candidates:
        return _why_no_slot(offer, Facts(pm.problem, pm.calendar, pm.candidates))
    weeks = _weeks_with_candidates(candidates)
    if len(weeks) < offer.count:
        return Message(f"{offer.speaker} n'est disponible que sur {len(weeks)} semaine(s) pour {offer.count} séances",
                       f"{offer.speaker} is available in only {len(weeks)} week(s) for {offer.count} sessions")
    speaker = next((s for s in pm.problem.speakers if s.name == offer.speaker), None)
    offered = sum(o.count for o in pm.problem.offers if o.speaker == offer.speaker)
    if speaker is not None and speaker.max_sessions is not None and offered > speaker.max_sessions:
        return Message(f"{speaker.name} donne au plus {speaker.max_sessions} séance(s) (« Max séances », Intervenants, "
                       f"ligne {speaker.row}) et en propose {offered}",
                       f"{speaker.name} gives at most {speaker.max_sessions} session(s) ('Max séances', Speakers, "
                       f"row {speaker.row}) and offers {offered}")
    return Message("ses créneaux possibles sont pris par d'autres séances ou dépasseraient une limite "
                   "(heures par jour, séances par organisation ou par intervenant)",
                   "its possible slots are taken by other sessions or would break a limit "
                   "(hours per day, sessions per organisation or per speaker)")
