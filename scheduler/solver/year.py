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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from ortools.sat.python import cp_model

from scheduler.core.domain import SolveFigures, Timetable
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.instance import PreparedInstance, prepare
from scheduler.core.scoring import soft_penalty
from scheduler.core.words import count_word, word
from scheduler.core.year import YearProblem, offered_sessions
from scheduler.solver.groups import GroupAssignment, form_groups, wish_figures
from scheduler.solver.lexicographic import Stage, StageOutcome, solve_stages, solver_name
from scheduler.solver.model import Placement, PlanningModel
from scheduler.solver.objective import combined_penalty, placed_sessions
from scheduler.solver.rules import add_hard_rules
from scheduler.solver.solve import NO_TIME, SolveOptions, sessions_from, status_name, unplaced_of

PER_MILLE = 1000

YEAR_RULE_NAMES: dict[str, Message] = {
    name: Message(word(f"year.rule.{name}", "fr"), word(f"year.rule.{name}", "en"))
    for name in ("speaker_overlap_across_cohorts", "speaker_yearly_maximum", "organisation_yearly_maximum")}
"""Rule 10's labels, as the model, the year checker and messages use them."""


@dataclass
class YearModel:
    """One `PlanningModel` per cohort, in the order of `year.cohorts`, sharing `model`."""

    year: YearProblem
    model: cp_model.CpModel
    cohorts: list[PlanningModel]

    @cached_property
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
    penalty_bound: int = 0  # the soft stage's proven lower bound of `penalty`, the placed total and worst share held
    outcomes: tuple[StageOutcome, ...] = field(default=())  # each stage: value, bound, seconds, deterministic work

    @property
    def gap(self) -> float:
        """The soft stage's relative gap, (penalty - bound) / penalty; 0 when proven or when nothing is penalised."""
        return (self.penalty - self.penalty_bound) / self.penalty if self.penalty > 0 else 0.0


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


def build_year_model(year: YearProblem, instances: Sequence[PreparedInstance] | None = None) -> YearModel:
    """Every cohort's prepared instance and rules 1-9 in one CpModel, then rule 10 across them."""
    model = cp_model.CpModel()
    cohorts = []
    for index, problem in enumerate(year.problems):
        instance = instances[index] if instances is not None else prepare(problem)
        pm = PlanningModel.of(instance, model=model, prefix=f"c{index}:")
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
# Solving: the one lexicographic solver on the joint model


def _freeze(ym: YearModel, frozen: dict[str, Timetable]) -> None:
    """Cohorts already planned (the one-after-another baseline) keep exactly their sessions."""
    for cohort, pm in zip(ym.year.cohorts, ym.cohorts):
        timetable = frozen.get(cohort.name)
        if timetable is None:
            continue
        kept = {(s.offer_id, s.day, s.start) for s in timetable.sessions if not s.is_event}
        for p in pm.placements:
            ym.model.Add(p.chosen == int((p.offer.id, p.candidate.day, p.candidate.start) in kept))


def kept_sessions(ym: YearModel, previous: dict[str, Timetable]) -> cp_model.LinearExprT:
    """The previous timetables' sessions still at exactly the same day and hour (replan's first stage)."""
    chosen = []
    for cohort, pm in zip(ym.year.cohorts, ym.cohorts):
        timetable = previous.get(cohort.name)
        if timetable is None:
            continue
        before = {(s.offer_id, s.day, s.start) for s in timetable.sessions if s.offer_id}
        chosen += [p.chosen for p in pm.placements if (p.offer.id, p.candidate.day, p.candidate.start) in before]
    return sum(chosen) if chosen else 0


def keep_identities(timetable: Timetable, before: Timetable | None) -> Timetable:
    """A session at the same offer, day and hour as before keeps its `Séance`; a session of an offer that left
    one of its previous places continues that occurrence (moved: the same `Séance`, as one cohort's replan
    does); the others get numbers no previous session of the offer used, so that calendars move or cancel
    exactly what changed."""
    if before is None:
        return timetable
    previous = {(s.offer_id, s.day, s.start): s.session_id for s in before.sessions if s.offer_id}
    staying = {previous[(s.offer_id, s.day, s.start)] for s in timetable.sessions
               if s.offer_id and (s.offer_id, s.day, s.start) in previous}
    taken = {s.session_id for s in before.sessions} | staying
    left: dict[str, list[str]] = defaultdict(list)  # offer -> its previous sessions no longer in place
    for session in sorted(before.sessions, key=lambda s: (s.day, s.start, s.session_id)):
        if session.offer_id and session.session_id not in staying:
            left[session.offer_id].append(session.session_id)
    renamed: dict[int, str] = {}
    for index, session in sorted(enumerate(timetable.sessions), key=lambda item: (item[1].day, item[1].start)):
        where = (session.offer_id, session.day, session.start)
        if not session.offer_id:
            continue
        if where in previous:
            renamed[index] = previous[where]
        elif left[session.offer_id]:
            renamed[index] = left[session.offer_id].pop(0)  # the same occurrence, moved
        else:
            number = 1
            while f"{session.offer_id}-{number}" in taken:
                number += 1
            taken.add(f"{session.offer_id}-{number}")
            renamed[index] = f"{session.offer_id}-{number}"
    sessions = [replace(s, session_id=renamed[i]) if i in renamed else s for i, s in enumerate(timetable.sessions)]
    return replace(timetable, sessions=tuple(sessions))


def solve_year(year: YearProblem, options: SolveOptions = SolveOptions(), frozen: dict[str, Timetable] | None = None,
               instances: Sequence[PreparedInstance] | None = None,
               previous: dict[str, Timetable] | None = None) -> YearResult:
    """Plan every cohort together; raises NoTimetable when no year timetable obeys the hard rules.

    Stages (`solver/lexicographic.py`): [kept, when `previous` timetables are given (replan),] placed sessions,
    the worst-served cohort, the soft rules of every cohort. `instances`: the cohorts' prepared instances.
    """
    from scheduler.solver.year_diagnose import explain_year

    started = time.monotonic()
    groups = tuple(form_groups(problem) for problem in year.problems)
    ym = build_year_model(year, instances)
    _freeze(ym, frozen or {})
    placed = sum(placed_sessions(pm) for pm in ym.cohorts)
    holder: dict = {}

    def worst() -> cp_model.LinearExprT:
        holder["worst"] = worst_served(ym)
        return holder["worst"]

    def penalty() -> cp_model.LinearExprT:
        terms = [combined_penalty(pm)[0] for pm in ym.cohorts]
        return sum(terms) if not all(isinstance(term, int) for term in terms) else 0

    patience = options.patience if options.workers != 1 else 0
    stages = [Stage("placed", placed, "max", share=options.first_stage_share),
              Stage("worst", worst, "max", share=(1 - options.first_stage_share) / 2, skip_below=0.2),
              Stage("soft", penalty, "min", skip_below=0.2, patience=patience, tuned=True)]
    if previous:
        stages.insert(0, Stage("kept", kept_sessions(ym, previous), "max", share=options.first_stage_share / 2))
    staged = solve_stages(ym, stages, options, started)  # type: ignore[arg-type]  # a YearModel is a model of models
    first = staged.first
    if first.status == cp_model.INFEASIBLE:
        raise explain_year(ym)
    if not first.found:
        raise NoTimetable([NO_TIME])
    outcome = {o.name: o for o in staged.outcomes}
    placed_outcome = outcome["placed"]
    if not placed_outcome.found:  # replan: the kept stage found a timetable, the placed stage none in time
        placed_outcome = replace(placed_outcome, status=first.status, value=sum(staged.values), bound=len(staged.values))
    worst_value = outcome["worst"].value if outcome["worst"].found else 0
    penalty_value = outcome["soft"].value if outcome["soft"].found else -1  # -1: scored below, bound unknown (0)
    penalty_bound = outcome["soft"].bound if outcome["soft"].found else 0
    seconds = time.monotonic() - started
    status = status_name(placed_outcome.status)

    timetables = []
    offset = 0
    for cohort, pm, assignment in zip(year.cohorts, ym.cohorts, groups):
        mine = staged.values[offset:offset + len(pm.placements)]
        offset += len(pm.placements)
        picked = [p.candidate for p, value in zip(pm.placements, mine) if value]
        figures = SolveFigures(  # the placed count's bound and the penalty's are the year's: not a cohort's own
            status=status, placed=len(picked),
            stage_seconds=tuple((o.name, o.seconds) for o in staged.outcomes), seconds=seconds,
            candidates=len(pm.placements), seed=options.seed, workers=options.workers,
            wishes=wish_figures(assignment), solver=solver_name(options.workers), gap_limit=options.gap,
            stage_work=tuple((o.name, o.work) for o in staged.outcomes),
            wall_stopped=any(o.wall_stopped for o in staged.outcomes))
        timetable = Timetable(sessions=sessions_from(pm.problem, picked, pm.events),
                              unplaced=unplaced_of(pm.problem, picked, pm), groups=assignment.groups, figures=figures)
        timetables.append(keep_identities(timetable, (previous or {}).get(cohort.name)))
    timetables = yearly_reasons(year, timetables)
    own = [soft_penalty(problem, timetable) for problem, timetable in zip(year.problems, timetables)]
    timetables = [replace(t, figures=replace(t.figures, penalty=mine)) for t, mine in zip(timetables, own)]
    if penalty_value < 0:  # the soft stage found nothing in time: the timetable kept, scored without the solver
        penalty_value = sum(own)
    return YearResult(tuple(timetables), status, placed_outcome.value, placed_outcome.bound,
                      worst_value // (PER_MILLE + 1), penalty_value, seconds, groups, penalty_bound,
                      tuple(staged.outcomes))


def yearly_reasons(year: YearProblem, timetables: list[Timetable]) -> list[Timetable]:
    """An unplaced session whose speaker reached `Max séances par an`, or whose organisation reached its yearly
    cap of phase-1 sessions, says so (the one-cohort reason cannot)."""
    given: dict[str, int] = defaultdict(int)
    phase_one: dict[str, int] = defaultdict(int)  # organisation -> its phase-1 sessions in the year
    for timetable in timetables:
        for session in timetable.sessions:
            if session.offer_id:
                given[session.speaker] += 1
                if session.phase == 1:
                    phase_one[session.organisation] += 1
    organisation_cap = year.max_sessions_per_organisation_per_year
    changed = []
    for problem, timetable in zip(year.problems, timetables):
        offers = {offer.id: offer for offer in problem.offers}
        organisation_of = {speaker.name: speaker.organisation for speaker in problem.speakers}
        unplaced = []
        for item in timetable.unplaced:
            offer = offers.get(item.offer_id)
            speaker = offer.speaker if offer else ""
            organisation = organisation_of.get(speaker, "")
            cap = year.yearly_cap(speaker)
            if cap is not None and given[speaker] >= cap:
                item = replace(item, reason=count_word("year.unplaced.yearly_cap", cap, "fr", speaker=speaker),
                               reason_en=count_word("year.unplaced.yearly_cap", cap, "en", speaker=speaker))
            elif (organisation_cap is not None and offer is not None and offer.phase == 1
                  and phase_one[organisation] >= organisation_cap):
                key = "year.unplaced.organisation_yearly_cap"
                item = replace(item, reason=count_word(key, organisation_cap, "fr", organisation=organisation),
                               reason_en=count_word(key, organisation_cap, "en", organisation=organisation))
            unplaced.append(item)
        changed.append(replace(timetable, unplaced=tuple(unplaced)))
    return changed


def solve_one_after_another(year: YearProblem, options: SolveOptions = SolveOptions()) -> list[Timetable | None]:
    """The coordinator's way today, as a baseline: each cohort planned in turn, the earlier ones kept;
    None for a cohort (and those after it) that can no longer be planned."""
    planned: dict[str, Timetable] = {}
    found: list[Timetable | None] = []
    instances = [prepare(problem) for problem in year.problems]
    for count in range(1, len(year.cohorts) + 1):
        part = YearProblem(year.name, year.cohorts[:count], year.problems[:count], year.speakers,
                           year.max_sessions_per_organisation_per_year)
        try:
            result = solve_year(part, options, planned, instances[:count])
        except NoTimetable:
            return found + [None] * (len(year.cohorts) - len(found))
        cohort = year.cohorts[count - 1]
        planned[cohort.name] = result.timetables[count - 1]
        found.append(result.timetables[count - 1])
    return found
