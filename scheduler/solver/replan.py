"""Plan again after the inputs changed, changing as few sessions of the previous timetable as possible.

Same candidates and hard rules as `solve` (`build_model`); on top of them, each previous session
that is still legal has its *keep* literal: the candidate at exactly its day and start. The solve
is lexicographic, in three stages, each holding what the one before reached:
1. keep as many previous sessions as possible (so that as few as possible move or disappear);
2. place as many sessions as possible;
3. minimise the weighted soft-rule penalties.
Locked sessions (`Verrouillé` = oui) are fixed in place; if one is no longer legal, or the locked
ones cannot stay together under the hard rules, there is no timetable (NoTimetable, exit 3).
The previous timetable is the solution hint. Kept sessions keep their `Séance`; a session that had
to move keeps it too (its calendar event is updated); new occurrences get IDs never used before.
"""
from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.core.domain import Problem, Session, SolveFigures, Timetable
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.candidates import Candidate, audiences_meet
from scheduler.core.instance import PreparedInstance, prepare
from scheduler.solver.diagnose import explain_infeasibility
from scheduler.solver.groups import form_groups, size_bounds
from scheduler.solver.lexicographic import Stage, solve_stages
from scheduler.solver.model import Placement, PlanningModel
from scheduler.solver.objective import combined_penalty, placed_sessions
from scheduler.solver.solve import NO_TIME, SolveOptions, build_model, sessions_from, status_name, unplaced_of
from scheduler.core.text import format_time
from scheduler.core.words import count_word
from scheduler.core.displacement import displacement_reason

STAGE_SHARES = (0.35, 0.35)
"""Share of the time limit, at most, for stage 1 (keep) and stage 2 (placed); stage 3 gets the rest."""

MAX_LOCKS_TO_SHRINK = 12
"""Above this many locked sessions, a conflict among them is reported without shrinking the list."""


@dataclass(frozen=True)
class Replan:
    """The new timetable, why each session moved, was added or was cancelled, and the counts."""

    timetable: Timetable
    reasons: dict[str, Message] = field(default_factory=dict)  # by `Séance` (the previous one if it moved)
    previous: int = 0  # previous sessions of offers (events aside)
    kept: int = 0  # of them, still at exactly the same day and time
    placed: int = 0
    status: str = "FEASIBLE"  # 'OPTIMAL' when stage 1 (the kept count) is proven
    seconds: float = 0.0


@dataclass
class _Previous:
    """One previous session of an offer and the candidate that keeps it, if it is still legal."""

    session: Session
    placement: Placement | None
    reason: Message | None  # why it cannot stay where it was


def _match_previous(previous: Timetable, pm: PlanningModel, by_hand: Collection[str] = ()) -> list[_Previous]:
    """Each previous session of an offer, with the candidate at exactly its day and start when still legal
    (`by_hand`: the sessions moved or added by hand, whose reason says so)."""
    offers = {offer.id: offer for offer in pm.problem.offers}
    at: dict[tuple[str, object, int, int], Placement] = {
        (p.offer.id, p.candidate.day, p.candidate.start, p.candidate.end): p for p in pm.placements}
    claimed: set[int] = set()
    matched = []
    for session in sorted((s for s in previous.sessions if not s.is_event), key=lambda s: (s.day, s.start, s.session_id)):
        placement = at.get((session.offer_id, session.day, session.start, session.end))
        if placement is not None and id(placement) in claimed:
            matched.append(_Previous(session, None, Message(
                "une autre ligne occupait déjà ce créneau pour la même intervention",
                "another row already held that time for the same offer")))
            continue
        if placement is None:
            reason = displacement_reason(session, offers.get(session.offer_id), pm.instance,
                                         session.session_id in by_hand)
            matched.append(_Previous(session, None, reason))
            continue
        claimed.add(id(placement))
        matched.append(_Previous(session, placement, None))
    return matched


def _locked_conflicts(problem: Problem, locked: list[_Previous], seconds: float,
                      instance: PreparedInstance) -> list[Message]:
    """Why the locked sessions cannot all stay: a small set of them, or the rules alone."""
    pm = build_model(problem, instance)  # built once; each lock holds only under its own assumption literal
    at = {(p.offer.id, p.candidate.day, p.candidate.start): p for p in pm.placements}
    lock_of = {}
    for item in locked:
        literal = pm.model.NewBoolVar(f"lock:{item.session.session_id}")
        pm.model.Add(at[(item.session.offer_id, item.session.day, item.session.start)].chosen == 1).OnlyEnforceIf(literal)
        lock_of[id(item)] = literal

    def feasible(keep: list[_Previous]) -> bool:
        pm.model.ClearAssumptions()
        pm.model.AddAssumptions([lock_of[id(item)] for item in keep])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.catch_sigint_signal = False  # Ctrl-C stops the run (core.interruption), not just the search
        solver.parameters.max_time_in_seconds = max(1.0, seconds)
        return solver.Solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    if not feasible([]):
        return explain_infeasibility(problem, instance)
    core = list(locked)
    if len(core) <= MAX_LOCKS_TO_SHRINK:
        for item in list(core):
            trial = [other for other in core if other is not item]
            if not feasible(trial):
                core = trial
    names = ", ".join(f"{i.session.session_id} ({i.session.day:%d/%m/%Y} {format_time(i.session.start)})" for i in core)
    names_en = ", ".join(f"{i.session.session_id} ({i.session.day.isoformat()} {format_time(i.session.start)})"
                         for i in core)
    return [Message(f"les séances verrouillées {names} ne peuvent pas rester ensemble à leur place en respectant les "
                    f"règles : déverrouillez-en une (colonne « Verrouillé » de la feuille Planning)",
                    f"the locked sessions {names_en} cannot all stay in place while obeying the rules: unlock one "
                    f"of them (column 'Verrouillé' of the Planning sheet)")]


def _locked_no_longer_legal(items: list[_Previous]) -> list[Message]:
    return [Message(f"la séance verrouillée {i.session.session_id} « {i.session.title} » du {i.session.day:%d/%m/%Y} "
                    f"à {format_time(i.session.start)} ne peut plus rester à sa place : {i.reason.fr} ; déverrouillez-la "
                    f"(colonne « Verrouillé ») ou rendez ce créneau à nouveau possible",
                    f"locked session {i.session.session_id} '{i.session.title}' on {i.session.day.isoformat()} at "
                    f"{format_time(i.session.start)} can no longer stay in place: {i.reason.en}; unlock it (column "
                    f"'Verrouillé') or make that time possible again")
            for i in items if i.reason is not None]


def _fresh_id(offer_id: str, taken: set[str]) -> str:
    k = 1
    while f"{offer_id}-{k}" in taken:
        k += 1
    taken.add(f"{offer_id}-{k}")
    return f"{offer_id}-{k}"


def _identities(problem: Problem, previous: list[_Previous], picked: list[Candidate],
                taken_ids: Collection[str]) -> tuple[dict[tuple, Session | str], dict[str, Message]]:
    """For each picked candidate, the previous session it keeps or continues (moved), or a fresh ID; reasons."""
    offers = {o.id: o for o in problem.offers}
    kept = {(i.session.offer_id, i.session.day, i.session.start): i.session for i in previous if i.placement}
    left: dict[str, list[_Previous]] = defaultdict(list)
    for item in previous:
        left[item.session.offer_id].append(item)
    taken = set(taken_ids) | {i.session.session_id for i in previous}
    identity: dict[tuple, Session | str] = {}
    reasons: dict[str, Message] = {}
    for candidate in sorted(picked, key=lambda c: (c.day, c.start, c.offer_id)):
        where = (candidate.offer_id, candidate.day, candidate.start)
        if where in kept:
            identity[where] = kept[where]
            left[candidate.offer_id] = [i for i in left[candidate.offer_id] if i.session is not kept[where]]
    for candidate in sorted(picked, key=lambda c: (c.day, c.start, c.offer_id)):
        where = (candidate.offer_id, candidate.day, candidate.start)
        if where in identity:
            continue
        waiting = left.get(candidate.offer_id)
        if waiting:
            identity[where] = waiting.pop(0).session  # the same occurrence, moved
            continue
        identity[where] = _fresh_id(candidate.offer_id, taken)
        offer = offers[candidate.offer_id]
        before = sum(1 for i in previous if i.session.offer_id == offer.id)
        if before == 0:
            reasons[identity[where]] = Message("nouvelle intervention, ou qui n'avait pas trouvé de place",
                                               "new offer, or one that found no room before")
        elif before < offer.count:
            reasons[identity[where]] = Message(f"l'intervention est proposée {offer.count} fois",
                                               f"the offer is given {offer.count} times")
        else:
            reasons[identity[where]] = Message("place libérée par les changements", "room freed by the changes")
    return identity, reasons


def _forced_reason(item: _Previous, problem: Problem, previous: list[_Previous],
                   sessions: list[Session]) -> Message:
    """Why a previous session that could have stayed was moved or dropped."""
    offer = next((o for o in problem.offers if o.id == item.session.offer_id), None)
    was = item.session
    taker = next((s for s in sessions if not s.is_event and s.session_id != was.session_id and s.day == was.day
                  and s.start < was.end and was.start < s.end
                  and (audiences_meet(s.audience, was.audience) or s.speaker == was.speaker)
                  and not any(i.session.session_id == s.session_id and (i.session.day, i.session.start)
                              == (s.day, s.start) for i in previous)), None)
    if taker is not None:
        required = any(o.id == taker.offer_id and o.required for o in problem.offers)
        return Message(f"sa place revient à {taker.session_id} « {taker.title} »"
                       + (" (intervention obligatoire)" if required else ""),
                       f"its time goes to {taker.session_id} '{taker.title}'" + (" (required offer)" if required else ""))
    if offer is not None and sum(1 for i in previous if i.session.offer_id == offer.id) > offer.count:
        return Message(f"l'intervention n'est plus proposée que {offer.count} fois",
                       f"the offer is now given only {count_word('count.times', offer.count, 'en')}")
    speaker = next((s for s in problem.speakers if offer is not None and s.name == offer.speaker), None)
    if speaker is not None and speaker.max_sessions is not None and \
            sum(1 for i in previous if i.session.speaker == speaker.name) > speaker.max_sessions:
        return Message(f"{speaker.name} n'accepte plus que {count_word('count.sessions', speaker.max_sessions, 'fr')}",
                       f"{speaker.name} now accepts only {count_word('count.sessions', speaker.max_sessions, 'en')}")
    return Message("nécessaire pour respecter une règle après les changements du classeur (par exemple placer une "
                   "séance obligatoire)",
                   "needed to obey a rule after the workbook changed (for example to place a required session)")


def kept_groups(problem: Problem, previous: Timetable) -> tuple[tuple[str, str], ...]:
    """The previous project groups when they still fit the workbook, else groups assigned afresh."""
    names = {p.name for p in problem.participants}
    projects = {p.id: p for p in problem.projects}
    groups = tuple(pair for pair in previous.groups if pair[0] in names)
    chosen = dict(groups)
    sizes = {project_id: sum(1 for p in chosen.values() if p == project_id) for project_id in projects}
    fits = (len(chosen) == len(groups) and set(chosen) == names and set(chosen.values()) <= set(projects)
            and all(size_bounds(projects[i], len(names))[0] <= n <= size_bounds(projects[i], len(names))[1]
                    for i, n in sizes.items()))
    return groups if fits else form_groups(problem).groups


def replan(problem: Problem, previous: Timetable, options: SolveOptions = SolveOptions(),
           taken_ids: Collection[str] = (), by_hand: Collection[str] = (),
           instance: PreparedInstance | None = None) -> Replan:
    """The new timetable closest to `previous` (see the module's docstring). Raises NoTimetable.

    `taken_ids` are `Séance` IDs used before (e.g. cancelled ones in the calendars), never given to a new session.
    `by_hand` are the `Séance` IDs of previous sessions that are not where they were published (moved or added
    by hand): why one cannot stay is said as it is, not as a change ('n'est pas disponible', not 'plus').
    `instance`: the run's prepared instance of `problem`, when the caller already built it.
    """
    started = time.monotonic()
    instance = instance if instance is not None else prepare(problem)
    pm = build_model(problem, instance)
    matched = _match_previous(previous, pm, by_hand)
    locked = [i for i in matched if i.session.locked]
    if any(i.placement is None for i in locked):
        raise NoTimetable(_locked_no_longer_legal([i for i in locked if i.placement is None]))
    for item in locked:
        pm.model.Add(item.placement.chosen == 1)
    keep = [i.placement.chosen for i in matched if i.placement is not None]
    hint = [False] * len(pm.placements)
    index = {id(p): n for n, p in enumerate(pm.placements)}
    for item in matched:
        if item.placement is not None:
            hint[index[id(item.placement)]] = True

    staged = solve_stages(pm, [
        Stage("kept", sum(keep), "max", share=STAGE_SHARES[0]),  # 1. keep as many previous sessions as possible
        Stage("placed", placed_sessions(pm), "max", share=STAGE_SHARES[1]),  # 2. place as many as possible
        Stage("soft", lambda: combined_penalty(pm)[0], "min", skip_below=0.05, tuned=True),  # 3. improve the soft rules
    ], options, started, hint)
    if staged.first.status == cp_model.INFEASIBLE:
        raise NoTimetable(_locked_conflicts(problem, locked, min(5.0, options.time_limit / 4), instance) if locked
                          else explain_infeasibility(problem, instance))
    if not staged.first.found:
        raise NoTimetable([NO_TIME])
    picked = [p.candidate for p, value in zip(pm.placements, staged.values) if value]
    return _result(problem, previous, pm, matched, picked, taken_ids, status_name(staged.first.status), started)


def _result(problem: Problem, previous: Timetable, pm: PlanningModel, matched: list[_Previous],
            picked: list[Candidate], taken_ids: Collection[str], status: str, started: float) -> Replan:
    """The timetable with settled IDs, and the reason of every change."""
    identity, reasons = _identities(problem, matched, picked, taken_ids)
    picked_at = {(c.offer_id, c.day, c.start) for c in picked}
    sessions = []
    for session in sessions_from(problem, picked, pm.events):
        if session.is_event:
            sessions.append(session)
            continue
        who = identity[(session.offer_id, session.day, session.start)]
        if isinstance(who, str):
            sessions.append(dataclasses.replace(session, session_id=who))
        else:
            same_place = (who.day, who.start) == (session.day, session.start)
            sessions.append(dataclasses.replace(session, session_id=who.session_id, locked=who.locked,
                                                location=who.location if same_place and who.location
                                                else session.location))
    kept = 0
    for item in matched:
        if item.placement is not None and (item.session.offer_id, item.session.day, item.session.start) in picked_at:
            kept += 1
        else:
            reasons[item.session.session_id] = item.reason or _forced_reason(item, problem, matched, sessions)
    events_now = {s.session_id for s in sessions if s.is_event}
    events_before = {s.session_id for s in previous.sessions if s.is_event}
    events = {lang: problem.names.sheet_named("events", lang) for lang in ("fr", "en")}
    for session_id in events_now - events_before:
        reasons[session_id] = Message(f"nouvel événement de la feuille {events['fr']}",
                                      f"new event of the {events['en']} sheet")
    for session_id in events_before - events_now:
        reasons[session_id] = Message(f"événement retiré ou modifié dans la feuille {events['fr']}",
                                      f"event removed or changed in the {events['en']} sheet")
    seconds = time.monotonic() - started
    timetable = Timetable(
        sessions=Timetable(tuple(sessions)).sorted_sessions(), unplaced=unplaced_of(problem, picked, pm),
        groups=kept_groups(problem, previous),
        figures=SolveFigures(status=status, previous=len(matched), kept=kept, placed=len(picked),
                             candidates=len(pm.placements), seconds=seconds))
    return Replan(timetable, reasons, len(matched), kept, len(picked), status, seconds)
