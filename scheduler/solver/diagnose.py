"""Why no timetable exists, or why an offer was left out, in the coordinator's words.

First fast counting checks that name the rows at fault; when they find nothing, a diagnosis
solve: each hard rule behind an assumption literal, one worker, no objective, then the core of
rules CP-SAT reports is shrunk one rule at a time.
"""
from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from scheduler.calendar import ProgrammeCalendar
from scheduler.domain import Offer, Problem
from scheduler.errors import Message
from scheduler.solver.candidates import all_candidates, event_occurrences
from scheduler.solver.model import PlanningModel
from scheduler.solver.rules import HARD_RULES

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


def _weeks_with_candidates(candidates: list, phase: int | None = None) -> set[int]:
    return {c.week for c in candidates if phase is None or c.phase == phase}


def _no_slot_reason(offer: Offer) -> Message:
    phase = {1: "de la phase 1", 2: "de la phase 2"}.get(offer.phase, "du programme")
    phase_en = {1: "of phase 1", 2: "of phase 2"}.get(offer.phase, "of the programme")
    hours = f"{offer.duration_minutes / 60:g}"
    return Message(
        f"aucune disponibilité de {offer.speaker} ne tombe sur un jour travaillé {phase} avec {hours} h libres "
        f"dans une demi-journée (jours fériés, fermetures et événements fixes déduits) ; "
        f"ajoutez des disponibilités dans « Disponibilités »",
        f"no availability window of {offer.speaker} falls on a working day {phase_en} with {hours} h free "
        f"within a half-day (holidays, closures and fixed events taken out); add windows in 'Disponibilités'")


def counting_checks(problem: Problem, candidates: dict[str, list]) -> list[Message]:
    """Conflicts visible by counting alone, naming the rows concerned."""
    reasons: list[Message] = []
    minimum = problem.programme.min_sessions_per_theme
    for offer in problem.offers:
        if not offer.required:
            continue
        weeks = _weeks_with_candidates(candidates[offer.id])
        if not weeks:
            reasons.append(Message(f"intervention obligatoire {offer.id} « {offer.title} » (Interventions, ligne {offer.row}) : "
                                   + _no_slot_reason(offer).fr,
                                   f"required offer {offer.id} '{offer.title}' (Offers, row {offer.row}): "
                                   + _no_slot_reason(offer).en))
        elif len(weeks) < offer.count:
            reasons.append(Message(
                f"intervention obligatoire {offer.id} « {offer.title} » (Interventions, ligne {offer.row}) : "
                f"{offer.count} séances demandées dans des semaines différentes, mais {offer.speaker} n'est "
                f"disponible que sur {len(weeks)} semaine(s) possibles",
                f"required offer {offer.id} '{offer.title}' (Offers, row {offer.row}): {offer.count} sessions "
                f"asked in different weeks, but {offer.speaker} is available in only {len(weeks)} possible week(s)"))
    required_by_speaker: dict[str, int] = defaultdict(int)
    for offer in problem.offers:
        if offer.required:
            required_by_speaker[offer.speaker] += offer.count
    for speaker in problem.speakers:
        if speaker.max_sessions is not None and required_by_speaker[speaker.name] > speaker.max_sessions:
            reasons.append(Message(
                f"{speaker.name} (Intervenants, ligne {speaker.row}) : {required_by_speaker[speaker.name]} séances "
                f"obligatoires pour au plus {speaker.max_sessions} (« Max séances »)",
                f"{speaker.name} (Speakers, row {speaker.row}): {required_by_speaker[speaker.name]} required "
                f"sessions but at most {speaker.max_sessions} ('Max séances')"))
    offered_themes = {offer.theme for offer in problem.offers}
    for theme in problem.themes:
        if theme.name not in offered_themes or minimum <= 0:
            continue
        offers = [o for o in problem.offers if o.theme == theme.name]
        possible = sum(min(o.count, len(_weeks_with_candidates(candidates[o.id], phase=1))) for o in offers)
        if possible < minimum:
            names = ", ".join(o.id for o in offers)
            reasons.append(Message(
                f"thème « {theme.name} » (Thèmes, ligne {theme.row}) : au plus {possible} séance(s) possible(s) "
                f"en phase 1 pour un minimum de {minimum} (« Séances min par thème ») ; interventions du thème : "
                f"{names} ; ajoutez des interventions ou des disponibilités en phase 1",
                f"theme '{theme.name}' (Themes, row {theme.row}): at most {possible} possible phase-1 session(s) "
                f"for a minimum of {minimum}; the theme's offers: {names}; add offers or phase-1 windows"))
    return reasons


def _infeasible_with(problem: Problem, rules: list[str]) -> bool:
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    events = event_occurrences(problem, calendar)
    pm = PlanningModel(problem, calendar, all_candidates(problem, calendar, events), events)
    pm.enforce_rules_by_assumption(rules)
    for rule in rules:
        HARD_RULES[rule](pm)
    pm.model.AddAssumptions([pm.enforcement[r] for r in rules])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    return solver.Solve(pm.model) == cp_model.INFEASIBLE


def conflicting_rules(problem: Problem) -> list[str]:
    """A small set of hard rules that together admit no timetable (shrunk one rule at a time)."""
    core = list(HARD_RULES)
    if not _infeasible_with(problem, core):
        return []
    for rule in list(core):
        trial = [r for r in core if r != rule]
        if trial and _infeasible_with(problem, trial):
            core = trial
    return core


def explain_infeasibility(problem: Problem) -> list[Message]:
    """Why no timetable obeys the hard rules, most specific first."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    events = event_occurrences(problem, calendar)
    candidates = all_candidates(problem, calendar, events)
    reasons = counting_checks(problem, candidates)
    if reasons:
        return reasons
    core = conflicting_rules(problem)
    if not core:
        return [Message("aucun planning ne respecte toutes les règles", "no timetable obeys every rule")]
    fr = "; ".join(RULE_NAMES[r].fr for r in core)
    en = "; ".join(RULE_NAMES[r].en for r in core)
    return [Message(f"ces règles ne peuvent pas être respectées ensemble : {fr}",
                    f"these rules cannot all be obeyed together: {en}")]


def unplaced_reason(offer: Offer, pm: PlanningModel) -> Message:
    """Why some occurrences of an offer stay out of the timetable."""
    candidates = pm.candidates.get(offer.id, [])
    if not candidates:
        return _no_slot_reason(offer)
    weeks = _weeks_with_candidates(candidates)
    if len(weeks) < offer.count:
        return Message(f"{offer.speaker} n'est disponible que sur {len(weeks)} semaine(s) pour {offer.count} séances",
                       f"{offer.speaker} is available in only {len(weeks)} week(s) for {offer.count} sessions")
    return Message("ses créneaux possibles sont pris par d'autres séances ou dépasseraient une limite "
                   "(heures par jour, séances par organisation ou par intervenant)",
                   "its possible slots are taken by other sessions or would break a limit "
                   "(hours per day, sessions per organisation or per speaker)")
