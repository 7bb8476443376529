"""Each hard rule on a tiny instance built in code: the model must obey it, and where the rule
binds, place fewer sessions (or refuse) exactly as the rule demands. The independent checker
must find nothing in every timetable the solver makes."""
from __future__ import annotations

import datetime as dt

import pytest

from scheduler.core.domain import (ASSOCIATION, COACHING, MENTORING, VISIT, WORKSHOP, FixedEvent, Organisation, Problem,
                              Project, Speaker, Window)
from scheduler.core.errors import NoTimetable
from scheduler.solver.solve import SolveOptions, solve
from tiny import H, MONDAY, offer, on, plan, problem


def test_everything_placed_when_there_is_room():
    p = problem([offer("I1", "S1"), offer("I2", "S2")], [on("S1"), on("S2", start=13 * H + 30, end=17 * H)])
    result = plan(p)
    assert result.placed == 2 and result.status == "OPTIMAL"
    assert result.timetable.unplaced == ()


def test_audience_overlap_keeps_one_of_two_cohort_sessions_in_one_slot():
    p = problem([offer("I1", "S1"), offer("I2", "S2")], [on("S1", end=11 * H), on("S2", end=11 * H)])
    result = plan(p)
    assert result.placed == 1
    assert len(result.timetable.unplaced) == 1


def test_two_groups_work_in_parallel_but_not_over_the_cohort():
    projects = (Project("P1", "Un", "Org S1"), Project("P2", "Deux", "Org S2"))
    week3 = MONDAY + dt.timedelta(weeks=2)
    mentoring = [offer("M1", "S1", fmt=MENTORING, project="P1"), offer("M2", "S2", fmt=MENTORING, project="P2")]
    windows = [on("S1", week3, end=11 * H), on("S2", week3, end=11 * H)]
    assert plan(problem(mentoring, windows, projects=projects)).placed == 2
    coaching = offer("C1", "S3", fmt=COACHING)
    windows.append(on("S3", week3, end=11 * H))
    assert plan(problem([*mentoring, coaching], windows, projects=projects)).placed == 2


def test_a_visit_takes_its_whole_half_day():
    p = problem([offer("V1", "S1", fmt=VISIT), offer("I2", "S2", minutes=H)],
                [on("S1", end=11 * H), on("S2", start=11 * H + 30, end=12 * H + 30)])
    assert plan(p).placed == 1
    elsewhere = problem([offer("V1", "S1", fmt=VISIT), offer("I2", "S2", minutes=H)],
                        [on("S1", end=11 * H), on("S2", start=13 * H + 30, end=14 * H + 30)])
    assert plan(elsewhere).placed == 2


def test_speaker_gives_one_session_at_a_time():
    projects = (Project("P1", "Un", "Org S1"), Project("P2", "Deux", "Org S1"))
    week3 = MONDAY + dt.timedelta(weeks=2)
    p = problem([offer("M1", "S1", fmt=MENTORING, project="P1"), offer("M2", "S1", fmt=MENTORING, project="P2")],
                [on("S1", week3, end=11 * H)], projects=projects)
    assert plan(p).placed == 1


def test_speaker_max_sessions():
    speakers = [Speaker("S1", "Org", max_sessions=1)]
    p = problem([offer("I1", "S1"), offer("I2", "S1")], [on("S1", start=9 * H, end=17 * H)], speakers=speakers)
    assert plan(p).placed == 1


def test_daily_hours_include_fixed_events():
    events = [FixedEvent("Accueil", 9 * H, 11 * H, date=MONDAY)]
    p = problem([offer("I1", "S1", minutes=2 * H), offer("I2", "S2", minutes=2 * H)],
                [on("S1", start=11 * H, end=17 * H), on("S2", start=11 * H, end=17 * H)],
                events=events, max_minutes_per_day=4 * H)
    result = plan(p)
    assert result.placed == 1


def test_organisation_maximum_in_phase_one():
    speakers = [Speaker("S1", "Org"), Speaker("S2", "Org")]
    p = problem([offer("I1", "S1"), offer("I2", "S2")], [Window("S1", weekday=0), Window("S2", weekday=1)],
                speakers=speakers, max_sessions_per_organisation=1)
    assert plan(p).placed == 1


def test_occurrences_of_one_offer_fall_in_different_weeks():
    p = problem([offer("I1", "S1", count=3)], [on("S1"), on("S1", MONDAY + dt.timedelta(days=1)),
                                               on("S1", MONDAY + dt.timedelta(days=7))])
    result = plan(p)
    assert result.placed == 2
    weeks = sorted(s.week for s in result.timetable.sessions if s.offer_id == "I1")
    assert weeks == [1, 2]


def test_phase_two_offer_never_in_phase_one():
    projects = (Project("P1", "Un", "Org S1"),)
    p = problem([offer("M1", "S1", fmt=MENTORING, project="P1")], [on("S1")], projects=projects)
    result = plan(p)
    assert result.placed == 0
    assert result.timetable.unplaced[0].offer_id == "M1"


def test_no_session_on_a_public_holiday_nor_across_lunch():
    armistice = dt.date(2026, 11, 11)
    p = problem([offer("I1", "S1"), offer("I2", "S2", minutes=3 * H)],
                [on("S1", armistice), on("S2", start=11 * H, end=15 * H)])
    assert plan(p).placed == 0


def test_required_offer_that_cannot_be_placed_makes_no_timetable():
    p = problem([offer("I1", "S1", required=True)], [on("S1", dt.date(2026, 11, 11))])
    with pytest.raises(NoTimetable) as raised:
        solve(p, SolveOptions(time_limit=5))
    assert "I1" in raised.value.reasons[0].fr


def test_theme_minimum_is_reached_or_explained():
    offers = [offer("I1", "S1", theme="A"), offer("I2", "S2", theme="B"), offer("I3", "S3", theme="B")]
    windows = [on("S1", end=11 * H), on("S2", end=11 * H), on("S3", start=13 * H + 30, end=17 * H)]
    result = plan(problem(offers, windows, themes=("A", "B"), min_sessions_per_theme=1))
    themes = {s.theme for s in result.timetable.sessions}
    assert themes == {"A", "B"}
    impossible = problem(offers[:2], windows[:2], themes=("A", "B"), min_sessions_per_theme=1)
    with pytest.raises(NoTimetable) as raised:
        solve(impossible, SolveOptions(time_limit=5))
    assert any("audience" in r.en or "two places" in r.en or "theme" in r.en for r in raised.value.reasons)


def test_weekly_events_block_their_slot_every_week():
    events = [FixedEvent("Bilan", 16 * H, 17 * H, weekday=4)]
    fridays = [Window("S1", weekday=4, start=15 * H, end=17 * H)]
    p = problem([offer("I1", "S1", minutes=H, count=2, fmt=WORKSHOP)], fridays, events=events)
    result = plan(p)
    assert result.placed == 2
    assert all(s.start == 15 * H for s in result.timetable.sessions if s.offer_id)
    assert sum(1 for s in result.timetable.sessions if s.is_event) == 4


def test_preferred_window_wins_when_both_are_free():
    p = problem([offer("I1", "S1")], [on("S1"), on("S1", start=13 * H + 30, end=17 * H, preferred=True)])
    session = next(s for s in plan(p).timetable.sessions if s.offer_id)
    assert session.start >= 13 * H + 30


def test_session_ids_are_stable_across_runs():
    p = problem([offer("I1", "S1", count=2), offer("I2", "S2")],
                [Window("S1", weekday=0), Window("S2", weekday=1)], themes=("A",))
    first = [s.session_id for s in plan(p).timetable.sessions]
    second = [s.session_id for s in plan(p).timetable.sessions]
    assert first == second
    assert len(set(first)) == len(first)


def test_association_type_is_not_needed_for_solving():
    speakers = [Speaker("S1", "Asso")]
    p = problem([offer("I1", "S1")], [on("S1")], speakers=speakers)
    p = Problem(p.programme, p.themes, (Organisation("Asso", ASSOCIATION),), p.speakers, p.offers, p.windows)
    assert plan(p).placed == 1


def test_fixed_events_alone_over_the_daily_limit_make_no_timetable():
    events = [FixedEvent("Accueil", 9 * H, 12 * H, date=MONDAY), FixedEvent("Forum", 13 * H + 30, 17 * H, date=MONDAY)]
    p = problem([offer("I1", "S1")], [on("S1", MONDAY + dt.timedelta(days=1))], events=events,
                max_minutes_per_day=6 * H)
    with pytest.raises(NoTimetable):
        solve(p, SolveOptions(time_limit=5, workers=1))


def test_overlapping_fixed_events_make_no_timetable():
    events = [FixedEvent("Accueil", 9 * H, 11 * H, date=MONDAY), FixedEvent("Café", 10 * H, 11 * H, date=MONDAY)]
    p = problem([offer("I1", "S1")], [on("S1", MONDAY + dt.timedelta(days=1))], events=events)
    with pytest.raises(NoTimetable):
        solve(p, SolveOptions(time_limit=5, workers=1))
