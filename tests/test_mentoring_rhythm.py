"""The mentoring rhythm (soft rules): each `Suivi de projet` once a week in consecutive weeks, from
the first week the mentor can come, on the same weekday and hour. On tiny instances: the better
timetable wins against a speaker's preferred window, the preference wins once the rule's weight
is 0, and a timetable forced to break the rule is counted exactly."""
from __future__ import annotations

import datetime as dt

from scheduler.checker import violations
from scheduler.core.domain import (COACHING, COMPANY, MENTORING, Offer, Organisation, Problem, Programme, Project,
                              Speaker, Theme, Window)
from scheduler.soft_rules import DEFAULT_WEIGHTS
from scheduler.solver.objective import SOFT_RULES
from scheduler.solver.solve import Result, SolveOptions, solve

H = 60
WEEK = {week: dt.date(2026, 11, 2) + dt.timedelta(weeks=week - 1) for week in range(1, 6)}  # Mondays
RULES = ("mentoring_week_gaps", "mentoring_late_start", "mentoring_rhythm_changes")


def mentoring(count: int) -> Offer:
    return Offer("M1", "Mentor", "Suivi P1", "A", MENTORING, 2 * H, phase=2, count=count, required=True,
                 project="P1")


def blocking_coaching() -> Offer:
    """A required cohort session; its coach's one window makes the group unable to meet then."""
    return Offer("C1", "Coach", "Coaching", "A", COACHING, 2 * H, phase=2, required=True)


def on(speaker: str, day: dt.date, start: int = 9 * H, end: int = 11 * H, preferred: bool = False) -> Window:
    return Window(speaker, date=day, start=start, end=end, preferred=preferred)


def problem(offers, windows, **weights: int) -> Problem:
    """Five weeks, phase 2 in weeks 3 to 5; one mentor for project P1, one coach."""
    speakers = (Speaker("Mentor", "Org M"), Speaker("Coach", "Org C"))
    return Problem(Programme("Rythme", WEEK[1], weeks=5, phase1_weeks=2, min_sessions_per_theme=0),
                   themes=(Theme("A"),), organisations=(Organisation("Org M", COMPANY), Organisation("Org C", COMPANY)),
                   speakers=speakers, offers=tuple(offers), windows=tuple(windows),
                   projects=(Project("P1", "Projet", "Org M"),), weights=tuple(weights.items()))


def plan(p: Problem) -> Result:
    result = solve(p, SolveOptions(time_limit=10, workers=1))
    assert violations(p, result.timetable) == []
    return result


def mentoring_slots(result: Result) -> list[tuple[int, int, int]]:
    """(week, weekday, start) of each mentoring session, in order."""
    return [(s.week, s.day.weekday(), s.start) for s in result.timetable.sorted_sessions() if s.offer_id == "M1"]


def test_the_rules_are_registered_with_a_weight() -> None:
    for rule in RULES:
        assert rule in SOFT_RULES and DEFAULT_WEIGHTS[rule] > DEFAULT_WEIGHTS["preferred_windows_missed"]
        assert SOFT_RULES[rule].__doc__ and "\n" not in SOFT_RULES[rule].__doc__


# --- consecutive weeks ---------------------------------------------------------------------------

def gap_instance(**weights: int) -> Problem:
    windows = [on("Mentor", WEEK[3], preferred=True), on("Mentor", WEEK[4]), on("Mentor", WEEK[5], preferred=True)]
    return problem([mentoring(2)], windows, **weights)


def test_consecutive_weeks_win_over_a_preferred_window() -> None:
    result = plan(gap_instance())
    assert [week for week, _, _ in mentoring_slots(result)] == [3, 4]
    assert result.soft_scores["mentoring_week_gaps"] == 0


def test_without_the_gap_rule_the_preference_skips_a_week() -> None:
    assert [week for week, _, _ in mentoring_slots(plan(gap_instance(mentoring_week_gaps=0)))] == [3, 5]


def test_a_skipped_week_counts_one_point() -> None:
    windows = [on("Mentor", WEEK[w]) for w in (3, 4, 5)] + [on("Coach", WEEK[4])]
    result = plan(problem([mentoring(2), blocking_coaching()], windows))
    assert [week for week, _, _ in mentoring_slots(result)] == [3, 5]
    assert result.soft_scores["mentoring_week_gaps"] == 1


def test_a_week_the_mentor_cannot_come_is_no_gap() -> None:
    windows = [on("Mentor", WEEK[3]), on("Mentor", WEEK[5])]
    result = plan(problem([mentoring(2)], windows))
    assert [week for week, _, _ in mentoring_slots(result)] == [3, 5]
    assert result.soft_scores["mentoring_week_gaps"] == 0


# --- not crammed at the end ----------------------------------------------------------------------

def late_instance(**weights: int) -> Problem:
    windows = [on("Mentor", WEEK[3]), on("Mentor", WEEK[4], preferred=True), on("Mentor", WEEK[5], preferred=True)]
    return problem([mentoring(2)], windows, **weights)


def test_mentoring_starts_in_the_first_week_it_can() -> None:
    result = plan(late_instance())
    assert [week for week, _, _ in mentoring_slots(result)] == [3, 4]
    assert result.soft_scores["mentoring_late_start"] == 0


def test_without_the_late_start_rule_the_preference_pushes_it_to_the_end() -> None:
    assert [week for week, _, _ in mentoring_slots(plan(late_instance(mentoring_late_start=0)))] == [4, 5]


def test_each_possible_week_waited_counts_one_point() -> None:
    windows = [on("Mentor", WEEK[w]) for w in (3, 4, 5)] + [on("Coach", WEEK[3])]
    result = plan(problem([mentoring(2), blocking_coaching()], windows))
    assert [week for week, _, _ in mentoring_slots(result)] == [4, 5]
    assert result.soft_scores["mentoring_late_start"] == 1


# --- same weekday, same hour ---------------------------------------------------------------------

TUESDAY_4 = WEEK[4] + dt.timedelta(days=1)


def weekday_instance(**weights: int) -> Problem:
    windows = [on("Mentor", WEEK[3]), on("Mentor", WEEK[4]), on("Mentor", TUESDAY_4, preferred=True)]
    return problem([mentoring(2)], windows, **weights)


def test_same_weekday_wins_over_a_preferred_window() -> None:
    result = plan(weekday_instance())
    assert mentoring_slots(result) == [(3, 0, 9 * H), (4, 0, 9 * H)]
    assert result.soft_scores["mentoring_rhythm_changes"] == 0


def test_without_the_rhythm_rule_the_preference_changes_the_weekday() -> None:
    assert mentoring_slots(plan(weekday_instance(mentoring_rhythm_changes=0))) == [(3, 0, 9 * H), (4, 1, 9 * H)]


def test_same_start_time_wins_over_a_preferred_window() -> None:
    windows = [on("Mentor", WEEK[3]), on("Mentor", WEEK[4]), on("Mentor", WEEK[4], 14 * H, 16 * H, preferred=True)]
    assert mentoring_slots(plan(problem([mentoring(2)], windows))) == [(3, 0, 9 * H), (4, 0, 9 * H)]
    relaxed = problem([mentoring(2)], windows, mentoring_rhythm_changes=0)
    assert mentoring_slots(plan(relaxed)) == [(3, 0, 9 * H), (4, 0, 14 * H)]


def test_another_weekday_counts_one_point_and_another_hour_one_more() -> None:
    windows = [on("Mentor", WEEK[3]), on("Mentor", WEEK[4]), on("Mentor", TUESDAY_4), on("Coach", WEEK[4])]
    result = plan(problem([mentoring(2), blocking_coaching()], windows))
    assert mentoring_slots(result) == [(3, 0, 9 * H), (4, 1, 9 * H)]
    assert result.soft_scores["mentoring_rhythm_changes"] == 1
    windows[2] = on("Mentor", TUESDAY_4, 14 * H, 16 * H)
    result = plan(problem([mentoring(2), blocking_coaching()], windows))
    assert mentoring_slots(result) == [(3, 0, 9 * H), (4, 1, 14 * H)]
    assert result.soft_scores["mentoring_rhythm_changes"] == 2
