"""A year of cohorts planned together (SPEC §6), on tiny instances built in code."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from scheduler.checker_year import year_violations
from scheduler.core.domain import Problem, Session, Speaker, Timetable, Window
from scheduler.core.errors import NoTimetable
from scheduler.core.year import Cohort, YearProblem, cohort_programme
from scheduler.solver.solve import SolveOptions
from scheduler.solver.year import solve_one_after_another, solve_year
from tiny import H, MONDAY, offer, problem

OPTIONS = SolveOptions(time_limit=10, workers=1)
LATER = MONDAY + dt.timedelta(weeks=8)  # a second cohort after the first one's weeks


def year_of(base: Problem, starts: list[tuple[str, dt.date]], speakers: list[Speaker] | None = None,
            organisation_cap: int | None = None) -> YearProblem:
    cohorts = tuple(Cohort(name, start) for name, start in starts)
    problems = tuple(cohort_programme(base, cohort) for cohort in cohorts)
    return YearProblem("Année test", cohorts, problems, tuple(speakers or base.speakers), organisation_cap)


def plan_year(year: YearProblem):
    result = solve_year(year, OPTIONS)
    assert year_violations(year, result.timetables) == []
    return result


def given(result, speaker: str) -> list[Session]:
    return [s for t in result.timetables for s in t.sessions if s.speaker == speaker]


def test_two_cohorts_at_the_same_time_never_share_a_speaker_at_once():
    # Two sites, the same weeks: S1 can come one Monday morning only; two cohorts both want her.
    base = problem([offer("I1", "S1")], [Window("S1", date=MONDAY, start=9 * H, end=11 * H)])
    together = year_of(base, [("Nancy", MONDAY), ("Metz", MONDAY)])
    assert plan_year(together).placed == 1
    # Control twin: a window long enough for two sessions one after the other.
    roomy = problem([offer("I1", "S1")], [Window("S1", date=MONDAY, start=9 * H, end=12 * H + 30)],
                    max_minutes_per_day=6 * H)
    roomy = replace(roomy, windows=(Window("S1", date=MONDAY, start=9 * H, end=12 * H + 30),
                                    Window("S1", date=MONDAY, start=13 * H + 30, end=17 * H)))
    result = plan_year(year_of(roomy, [("Nancy", MONDAY), ("Metz", MONDAY)]))
    assert result.placed == 2
    first, second = sorted(given(result, "S1"), key=lambda s: s.start)
    assert first.end <= second.start


def test_yearly_cap_of_a_speaker_binds_across_cohorts():
    windows = [Window("S1", weekday=day) for day in range(5)]
    base = problem([offer("I1", "S1", count=2)], windows, weeks=4, phase1_weeks=4)
    capped = [Speaker("S1", "Org S1", max_sessions_per_year=3)]
    result = plan_year(year_of(base, [("Hiver", MONDAY), ("Printemps", LATER)], capped))
    assert result.placed == 3
    # Control twin: no yearly cap, both cohorts get both occurrences.
    assert plan_year(year_of(base, [("Hiver", MONDAY), ("Printemps", LATER)])).placed == 4


def test_yearly_cap_of_an_organisation_binds_across_cohorts():
    speakers = [Speaker("S1", "Acme"), Speaker("S2", "Acme")]
    windows = [Window(s, weekday=day) for s in ("S1", "S2") for day in range(5)]
    base = problem([offer("I1", "S1"), offer("I2", "S2")], windows, speakers=speakers, weeks=4, phase1_weeks=4)
    starts = [("Hiver", MONDAY), ("Printemps", LATER)]
    assert plan_year(year_of(base, starts, organisation_cap=3)).placed == 3
    assert plan_year(year_of(base, starts)).placed == 4


def scarce_theme_year() -> YearProblem:
    """S1 alone gives theme Rare: 3 sessions offered per cohort, 4 a year; each cohort needs 2."""
    windows = [Window(s, weekday=day) for s in ("S1", "S2") for day in range(5)]
    offers = [offer("R1", "S1", theme="Rare", count=3), offer("C1", "S2", theme="Commun", count=2)]
    base = problem(offers, windows, themes=("Rare", "Commun"), weeks=4, phase1_weeks=4, min_sessions_per_theme=2)
    speakers = [Speaker("S1", "Org S1", max_sessions_per_year=4), Speaker("S2", "Org S2")]
    return year_of(base, [("Hiver", MONDAY), ("Printemps", LATER)], speakers)


def test_joint_plan_meets_every_theme_minimum_where_one_after_another_cannot():
    year = scarce_theme_year()
    one_by_one = solve_one_after_another(year, OPTIONS)
    assert one_by_one[0] is not None and one_by_one[1] is None  # the first cohort took the scarce speaker
    assert sum(1 for s in one_by_one[0].sessions if s.theme == "Rare") == 3
    result = plan_year(year)
    for timetable in result.timetables:
        assert sum(1 for s in timetable.sessions if s.theme == "Rare") == 2


def test_worst_served_cohort_is_served_as_well_as_possible():
    # No theme minimum: one after another gives 3 + 1; jointly, as many sessions, but 2 + 2.
    year = scarce_theme_year()
    year = replace(year, problems=tuple(replace(p, programme=replace(p.programme, min_sessions_per_theme=0))
                                        for p in year.problems))
    first, second = solve_one_after_another(year, OPTIONS)
    assert year_violations(year, (first, second)) == []
    rare = [sum(1 for s in t.sessions if s.theme == "Rare") for t in (first, second)]
    assert rare == [3, 1]
    result = plan_year(year)
    assert [sum(1 for s in t.sessions if s.theme == "Rare") for t in result.timetables] == [2, 2]
    assert result.placed == 8


def test_an_impossible_year_raises_no_timetable():
    year = scarce_theme_year()
    year = replace(year, speakers=(Speaker("S1", "Org S1", max_sessions_per_year=3), Speaker("S2", "Org S2")))
    with pytest.raises(NoTimetable) as raised:
        solve_year(year, OPTIONS)
    assert any("Rare" in r.fr and "3 (S1) = 3" in r.fr and "pour 4" in r.fr for r in raised.value.reasons)


def test_year_checker_finds_a_double_booking_and_a_yearly_cap_excess():
    base = problem([offer("I1", "S1")], [Window("S1", date=MONDAY, start=9 * H, end=11 * H)])
    year = year_of(base, [("Nancy", MONDAY), ("Metz", MONDAY)], [Speaker("S1", "Org S1", max_sessions_per_year=1)])
    session = Session("I1-1", "I1", MONDAY, 9 * H, 11 * H, 1, 1, "Titre I1", "A", "Conférence", "S1", "Org S1")
    both = (Timetable((session,)), Timetable((session,)))
    rules = sorted(v.rule for v in year_violations(year, both))
    assert rules == ["speaker_overlap_across_cohorts", "speaker_yearly_maximum"]
    # Control: one cohort holds the session, the other none; nothing to report across cohorts.
    alone = (Timetable((session,)), Timetable(()))
    assert [v.rule for v in year_violations(year, alone) if not v.cohort] == []


def test_year_checker_finds_an_organisation_over_its_yearly_cap():
    speakers = [Speaker("S1", "Acme"), Speaker("S2", "Acme")]
    base = problem([offer("I1", "S1"), offer("I2", "S2")], [Window(s, weekday=0) for s in ("S1", "S2")],
                   speakers=speakers)
    year = year_of(base, [("Hiver", MONDAY), ("Printemps", LATER)], organisation_cap=3)
    def session(offer_id, speaker, day, start):
        return Session(f"{offer_id}-1", offer_id, day, start, start + 2 * H, 1, 1, f"Titre {offer_id}", "A",
                       "Conférence", speaker, "Acme")
    winter = Timetable((session("I1", "S1", MONDAY, 9 * H), session("I2", "S2", MONDAY, 14 * H)))
    spring = Timetable((session("I1", "S1", LATER, 9 * H),))
    assert [v.rule for v in year_violations(year, (winter, spring)) if not v.cohort] == []
    spring = Timetable((*spring.sessions, session("I2", "S2", LATER, 14 * H)))
    found = [v for v in year_violations(year, (winter, spring)) if not v.cohort]
    assert [v.rule for v in found] == ["organisation_yearly_maximum"] and "Acme" in found[0].fr


def test_a_session_left_out_by_the_yearly_cap_says_so():
    windows = [Window("S1", weekday=day) for day in range(5)]
    base = problem([offer("I1", "S1", count=2)], windows, weeks=4, phase1_weeks=4)
    capped = [Speaker("S1", "Org S1", max_sessions_per_year=3)]
    result = plan_year(year_of(base, [("Hiver", MONDAY), ("Printemps", LATER)], capped))
    reasons = [item.reason for t in result.timetables for item in t.unplaced]
    assert len(reasons) == 1 and "plafond annuel" in reasons[0] and "3 séances dans" in reasons[0]
