"""Why no timetable of the year obeys the hard rules (exit 3), naming the cohort at fault (SPEC §6).

In order, the first that finds something: each cohort's counting checks (the rows they name);
each cohort alone, by the ordinary diagnosis (`explain_infeasibility`: the rules and rows of a
conflict); the themes the speakers' yearly caps cannot cover in every cohort; then the cohorts
taken two by two with rule 10 (a speaker's sessions at the same time, the yearly caps), to name
the cohorts that cannot be planned together.
"""
from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.core.errors import Message, NoTimetable
from scheduler.core.words import word
from scheduler.core.year import YearProblem, required_over_yearly_caps, yearly_theme_shortfalls
from scheduler.solver.diagnose import conflicting_groups, counting_checks, describe_group

PAIR_SECONDS = 2.0
"""At most this long to tell whether two cohorts can be planned together."""


def _named(cohort: str, message: Message) -> Message:
    """`message` preceded by the cohort it is about."""
    return Message(f"{cohort} : {message.fr}", f"{cohort}: {message.en}")


def cohort_conflicts(year: YearProblem, candidates: list[dict]) -> list[Message]:
    """Each cohort's certain conflicts: counting checks, else the rules and rows of a conflict found by solving."""
    reasons: list[Message] = []
    for cohort, problem, starts in zip(year.cohorts, year.problems, candidates):
        counted = counting_checks(problem, starts)
        if counted:
            reasons += [_named(cohort.name, message) for message in counted]
            continue
        core = conflicting_groups(problem)
        if core:
            reasons.append(_named(cohort.name, Message(word("year.diagnosis.conflict", "fr"),
                                                       word("year.diagnosis.conflict", "en"))))
            reasons += [_named(cohort.name, describe_group(group, problem)) for group in core]
    return reasons


def theme_shortfalls(year: YearProblem) -> list[Message]:
    """The themes whose speakers' yearly caps cannot give every cohort its minimum, with the arithmetic."""
    reasons = []
    for shortfall in yearly_theme_shortfalls(year):
        parts = " + ".join(f"{count} ({speaker})" for speaker, count in shortfall.parts) or "0"
        cohorts = ", ".join(f"{cohort.name} ({problem.programme.min_sessions_per_theme})"
                            for cohort, problem in year.pairs if problem.programme.min_sessions_per_theme > 0
                            and any(o.theme == shortfall.theme and o.phase in (1, None) for o in problem.offers))
        values = dict(theme=shortfall.theme, parts=parts, supply=shortfall.supply, need=shortfall.need,
                      cohorts=cohorts)
        reasons.append(Message(word("year.diagnosis.theme", "fr", **values), word("year.diagnosis.theme", "en", **values)))
    return reasons


def required_over_caps(year: YearProblem) -> list[Message]:
    """The speakers and organisations whose required sessions over the year exceed their yearly cap."""
    reasons = []
    for excess in required_over_yearly_caps(year):
        values = dict(name=excess.name, row=excess.row, offers=", ".join(excess.offers), need=excess.need,
                      cap=excess.cap, cohorts=", ".join(f"{cohort} {count}" for cohort, count in excess.per_cohort))
        key = "year.diagnosis.required_speaker" if excess.row is not None else "year.diagnosis.required_organisation"
        reasons.append(Message(word(key, "fr", **values), word(key, "en", **values)))
    return reasons


def _feasible_together(year: YearProblem, indexes: tuple[int, ...]) -> bool:
    """Whether the cohorts at `indexes` alone (with rule 10 between them) admit a timetable."""
    from scheduler.solver.year import build_year_model

    part = YearProblem(year.name, tuple(year.cohorts[i] for i in indexes), tuple(year.problems[i] for i in indexes),
                       year.speakers, year.max_sessions_per_organisation_per_year)
    ym = build_year_model(part)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = PAIR_SECONDS
    solver.parameters.num_workers = 1
    return solver.Solve(ym.model) != cp_model.INFEASIBLE


def pairs_in_conflict(year: YearProblem) -> list[Message]:
    """The pairs of cohorts that cannot be planned together although each can alone (rule 10 between them)."""
    reasons = []
    for first in range(len(year.cohorts)):
        for second in range(first + 1, len(year.cohorts)):
            if not _feasible_together(year, (first, second)):
                values = dict(first=year.cohorts[first].name, second=year.cohorts[second].name)
                reasons.append(Message(word("year.diagnosis.pair", "fr", **values),
                                       word("year.diagnosis.pair", "en", **values)))
    return reasons


def explain_year(ym) -> NoTimetable:
    """Why the joint model of `ym` (a `YearModel`) has no timetable, each reason naming its cohort."""
    year: YearProblem = ym.year
    reasons = (cohort_conflicts(year, [pm.candidates for pm in ym.cohorts]) or required_over_caps(year)
               or theme_shortfalls(year))
    if not reasons:
        reasons = pairs_in_conflict(year)
        rules = [Message(word(f"year.rule.{name}", "fr"), word(f"year.rule.{name}", "en"))
                 for name in ("speaker_overlap_across_cohorts", "speaker_yearly_maximum",
                              "organisation_yearly_maximum")]
        lead = Message(word("year.diagnosis.rule_10", "fr"), word("year.diagnosis.rule_10", "en"))
        reasons = [lead, *reasons, *rules]
    return NoTimetable(reasons)
