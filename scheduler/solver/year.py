"""A year of cohorts in one CP-SAT model (SPEC §6).

Each cohort is an ordinary `PlanningModel` (rules 1-9 of SPEC §2) sharing one `CpModel`; rule 10
ties them: a speaker gives one session at a time across cohorts and at most `Max séances par an`,
an organisation at most its yearly cap of phase-1 sessions. The objective is lexicographic, one
solve stage each: the total of placed sessions; then the worst-served cohort (its share of its
offered sessions, then its theme coverage, both in integer per-mille); then the soft rules of
every cohort.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import all_candidates, event_occurrences
from scheduler.core.domain import Timetable
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.year import YearProblem, offered_sessions, yearly_theme_shortfalls
from scheduler.solver.diagnose import counting_checks
from scheduler.solver.groups import GroupAssignment, form_groups, wish_figures
from scheduler.solver.model import Placement, PlanningModel
from scheduler.solver.objective import combined_penalty, placed_sessions
from scheduler.solver.rules import add_hard_rules
from scheduler.solver.solve import NO_TIME, SolveOptions, sessions_from, unplaced_of

PER_MILLE = 1000

YEAR_RULE_NAMES: dict[str, Message] = {
    "speaker_overlap_across_cohorts": Message(
        "un intervenant donne une séance à la fois, toutes promotions confondues",
        "a speaker gives one session at a time, across all cohorts"),
    "speaker_yearly_maximum": Message("un intervenant donne au plus « Max séances par an » séances dans l'année",
                                      "a speaker gives at most 'max_sessions_per_year' sessions in the year"),
    "organisation_yearly_maximum": Message(
        "une organisation donne au plus « Séances max par organisation et par an » séances de phase 1 dans l'année",
        "an organisation gives at most 'max_sessions_per_organisation_per_year' phase-1 sessions in the year"),
}
"""Rule 10's labels, as the model, the year checker and messages use them."""


@dataclass
class YearModel:
    """One `PlanningModel` per cohort, in the order of `year.cohorts`, sharing `model`."""

    year: YearProblem
    model: cp_model.CpModel
    cohorts: list[PlanningModel]

    @property
    def placements(self) -> list[Placement]:
        return [p for pm in self.cohorts for p in pm.placements]

    def speaker_placements(self) -> dict[str, list[tuple[int, Placement]]]:
        """Speaker -> (cohort index, placement) over the year."""
        found: dict[str, list[tuple[int, Placement]]] = defaultdict(list)
        for index, pm in enumerate(self.cohorts):
            for p in pm.placements:
                found[p.offer.speaker].append((index, p))
        return found


@dataclass(frozen=True)
class YearResult:
    """One timetable per cohort, in the order of `year.cohorts`, and figures about the joint solve."""

    timetables: tuple[Timetable, ...]
    status: str  # 'OPTIMAL' or 'FEASIBLE' for the placed total
    placed: int
    placed_bound: int
    worst_share: int  # per-mille of its offered sessions placed, for the worst-served cohort
    penalty: int
    seconds: float
    groups: tuple[GroupAssignment, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# Rule 10


def speaker_overlap_across_cohorts(ym: YearModel) -> None:
    """A speaker gives one session at a time, across all cohorts (cohorts may run at the same time at two sites)."""
    for placements in ym.speaker_placements().values():
        by_day: dict[object, list[tuple[int, Placement]]] = defaultdict(list)
        for index, p in placements:
            by_day[p.candidate.day].append((index, p))
        for day_placements in by_day.values():
            if len({index for index, _ in day_placements}) < 2:
                continue  # inside one cohort, rule 3 already holds
            for point in sorted({p.candidate.start for _, p in day_placements}):
                covering = [(i, p) for i, p in day_placements if p.candidate.start <= point < p.candidate.end]
                if len({i for i, _ in covering}) > 1:
                    ym.model.AddAtMostOne(p.chosen for _, p in covering)


def speaker_yearly_maximum(ym: YearModel) -> None:
    """A speaker gives at most `Max séances par an` sessions over every cohort."""
    placements = ym.speaker_placements()
    for speaker in ym.year.speakers:
        chosen = [p.chosen for _, p in placements.get(speaker.name, [])]
        if speaker.max_sessions_per_year is not None and len(chosen) > speaker.max_sessions_per_year:
            ym.model.Add(sum(chosen) <= speaker.max_sessions_per_year)


def organisation_yearly_maximum(ym: YearModel) -> None:
    """An organisation gives at most `Séances max par organisation et par an` phase-1 sessions over the year."""
    cap = ym.year.max_sessions_per_organisation_per_year
    if cap is None:
        return
    by_organisation: dict[str, list] = defaultdict(list)
    for pm in ym.cohorts:
        for p in pm.phase_one():
            by_organisation[pm.organisation_of_speaker.get(p.offer.speaker, "")].append(p.chosen)
    for chosen in by_organisation.values():
        if len(chosen) > cap:
            ym.model.Add(sum(chosen) <= cap)


YEAR_RULES = {
    "speaker_overlap_across_cohorts": speaker_overlap_across_cohorts,
    "speaker_yearly_maximum": speaker_yearly_maximum,
    "organisation_yearly_maximum": organisation_yearly_maximum,
}


def build_year_model(year: YearProblem) -> YearModel:
    """Every cohort's candidates and rules 1-9 in one CpModel, then rule 10 across them."""
    model = cp_model.CpModel()
    cohorts = []
    for index, problem in enumerate(year.problems):
        calendar = ProgrammeCalendar(problem.programme, problem.closures)
        events = event_occurrences(problem, calendar)
        pm = PlanningModel(problem, calendar, all_candidates(problem, calendar, events), events, model=model,
                           prefix=f"c{index}:")
        add_hard_rules(pm)
        cohorts.append(pm)
    ym = YearModel(year, model, cohorts)
    for add_rule in YEAR_RULES.values():
        add_rule(ym)
    return ym


# ---------------------------------------------------------------------------------------------
# Objective


def worst_served(ym: YearModel) -> cp_model.IntVar:
    """The worst-served cohort, to maximise: min over cohorts of (placed share) * 1001 + theme coverage, per-mille."""
    scores = []
    for index, pm in enumerate(ym.cohorts):
        offered = offered_sessions(pm.problem)
        share = ym.model.NewIntVar(0, PER_MILLE, f"c{index}:share")
        if offered:
            ym.model.Add(share * offered <= PER_MILLE * placed_sessions(pm))
        else:
            ym.model.Add(share == PER_MILLE)
        scores.append(share * (PER_MILLE + 1) + theme_coverage(pm, index))
    worst = ym.model.NewIntVar(0, PER_MILLE * (PER_MILLE + 2), "worst_served")
    for score in scores:
        ym.model.Add(worst <= score)
    return worst


def theme_coverage(pm: PlanningModel, index: int) -> cp_model.IntVar:
    """Per-mille of the cohort's offered phase-1 themes having at least one phase-1 session."""
    themes = sorted({p.offer.theme for p in pm.phase_one()})
    coverage = pm.model.NewIntVar(0, PER_MILLE, f"c{index}:coverage")
    if not themes:
        pm.model.Add(coverage == PER_MILLE)
        return coverage
    present = []
    for theme in themes:
        here = pm.model.NewBoolVar(f"c{index}:covered:{theme}")
        pm.model.Add(here <= sum(p.chosen for p in pm.phase_one() if p.offer.theme == theme))
        present.append(here)
    pm.model.Add(coverage * len(themes) <= PER_MILLE * sum(present))
    return coverage


# ---------------------------------------------------------------------------------------------
# Solving


def _solver(options: SolveOptions, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = options.seed
    solver.parameters.catch_sigint_signal = False  # Ctrl-C stops the run (core.interruption), not just the search
    if options.workers:
        solver.parameters.num_workers = options.workers
    if options.workers == 1:
        solver.parameters.interleave_search = False
        solver.parameters.max_deterministic_time = max(0.1, seconds)
    else:
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
    return solver


def _stage(ym: YearModel, options: SolveOptions, seconds: float, hint: list[bool] | None) -> tuple[cp_model.CpSolver, int]:
    ym.model.ClearHints()
    for placement, value in zip(ym.placements, hint or ()):
        ym.model.AddHint(placement.chosen, value)
    solver = _solver(options, seconds)
    return solver, solver.Solve(ym.model)


def _freeze(ym: YearModel, frozen: dict[str, Timetable]) -> None:
    """Cohorts already planned (the one-after-another baseline) keep exactly their sessions."""
    for cohort, pm in zip(ym.year.cohorts, ym.cohorts):
        timetable = frozen.get(cohort.name)
        if timetable is None:
            continue
        kept = {(s.offer_id, s.day, s.start) for s in timetable.sessions if not s.is_event}
        for p in pm.placements:
            ym.model.Add(p.chosen == int((p.offer.id, p.candidate.day, p.candidate.start) in kept))


def _no_year(ym: YearModel) -> NoTimetable:
    """Why no year timetable exists: each cohort's own counting conflicts (named by cohort), the themes
    the yearly caps cannot cover, else rule 10 as a whole."""
    reasons = []
    for cohort, pm in zip(ym.year.cohorts, ym.cohorts):
        for message in counting_checks(pm.problem, pm.candidates):
            reasons.append(Message(f"{cohort.name} : {message.fr}", f"{cohort.name}: {message.en}"))
    for shortfall in yearly_theme_shortfalls(ym.year):
        parts = " + ".join(f"{count} ({speaker})" for speaker, count in shortfall.parts) or "0"
        reasons.append(Message(
            f"thème « {shortfall.theme} » : ses intervenants peuvent donner au plus {parts} = {shortfall.supply} "
            f"séances dans l'année (« Max séances par an »), pour {shortfall.need} demandées par les promotions",
            f"theme '{shortfall.theme}': its speakers can give at most {parts} = {shortfall.supply} sessions in "
            f"the year ('max_sessions_per_year'), for {shortfall.need} the cohorts need"))
    if not reasons:
        reasons.append(Message(
            "aucun planning de l'année ne respecte toutes les règles : les plafonds annuels ou les séances d'un "
            "même intervenant dans plusieurs promotions en même temps empêchent au moins une promotion "
            "d'atteindre ses minimums (thèmes, interventions obligatoires)",
            "no timetable of the year obeys every rule: the yearly caps or a speaker's sessions in several "
            "cohorts at once keep at least one cohort from its minimums (themes, required offers)"))
        for name, rule in YEAR_RULE_NAMES.items():
            reasons.append(Message(f"règle 10 ({name}) : {rule.fr}", f"rule 10 ({name}): {rule.en}"))
    return NoTimetable(reasons)


def solve_year(year: YearProblem, options: SolveOptions = SolveOptions(),
               frozen: dict[str, Timetable] | None = None) -> YearResult:
    """Plan every cohort together; raises NoTimetable when no year timetable obeys the hard rules."""
    started = time.monotonic()
    groups = tuple(form_groups(problem) for problem in year.problems)
    ym = build_year_model(year)
    _freeze(ym, frozen or {})
    chosen = [p.chosen for p in ym.placements]
    placed = sum(placed_sessions(pm) for pm in ym.cohorts)

    ym.model.Maximize(placed)
    solver, status = _stage(ym, options, options.time_limit * options.first_stage_share, None)
    if status == cp_model.INFEASIBLE:
        raise _no_year(ym)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoTimetable([NO_TIME])
    best_placed, placed_bound = round(solver.ObjectiveValue()), round(solver.BestObjectiveBound())
    placed_status = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
    values = [solver.BooleanValue(v) for v in chosen]
    ym.model.Add(placed >= best_placed)

    worst = worst_served(ym)
    ym.model.ClearObjective()
    ym.model.Maximize(worst)
    remaining = options.time_limit - (time.monotonic() - started)
    second, second_status = _stage(ym, options, max(0.2, remaining / 2), values)
    worst_value = 0
    if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        worst_value = second.Value(worst)
        values = [second.BooleanValue(v) for v in chosen]
        ym.model.Add(worst >= worst_value)

    penalty = 0
    terms = [combined_penalty(pm)[0] for pm in ym.cohorts]
    remaining = options.time_limit - (time.monotonic() - started)
    if remaining > 0.2 and not all(isinstance(term, int) for term in terms):
        ym.model.ClearObjective()
        ym.model.Minimize(sum(terms))
        third, third_status = _stage(ym, options, remaining, values)
        if third_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = [third.BooleanValue(v) for v in chosen]
            penalty = round(third.ObjectiveValue())

    timetables = []
    offset = 0
    for pm, assignment in zip(ym.cohorts, groups):
        mine = values[offset:offset + len(pm.placements)]
        offset += len(pm.placements)
        picked = [p.candidate for p, value in zip(pm.placements, mine) if value]
        timetables.append(Timetable(
            sessions=sessions_from(pm.problem, picked, pm.events),
            unplaced=unplaced_of(pm.problem, picked, pm),
            groups=assignment.groups,
            figures=(("status", placed_status), ("placed", str(len(picked))),
                     ("offered", str(offered_sessions(pm.problem))), ("candidates", str(len(pm.placements))),
                     *wish_figures(assignment)),
        ))
    return YearResult(tuple(timetables), placed_status, best_placed, placed_bound, worst_value // (PER_MILLE + 1),
                      penalty, time.monotonic() - started, groups)


def solve_one_after_another(year: YearProblem, options: SolveOptions = SolveOptions()) -> list[Timetable | None]:
    """The coordinator's way today, as a baseline: each cohort planned in turn, the earlier ones kept;
    None for a cohort (and those after it) that can no longer be planned."""
    planned: dict[str, Timetable] = {}
    found: list[Timetable | None] = []
    for count in range(1, len(year.cohorts) + 1):
        part = YearProblem(year.name, year.cohorts[:count], year.problems[:count], year.speakers,
                           year.max_sessions_per_organisation_per_year)
        try:
            result = solve_year(part, options, planned)
        except NoTimetable:
            return found + [None] * (len(year.cohorts) - len(found))
        cohort = year.cohorts[count - 1]
        planned[cohort.name] = result.timetables[count - 1]
        found.append(result.timetables[count - 1])
    return found
