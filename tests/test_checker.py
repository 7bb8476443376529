"""The independent checker: for each hard rule, a timetable that obeys and one that breaks exactly it.

The programme starts on Monday 2 November 2026 with the French holidays (11 November is a
Wednesday), 5 weeks, phase 1 = weeks 1–3, 5 hours a day at most:

    week 1: 2–6 Nov    week 2: 9–13 Nov (11th off)    week 3: 16–20 Nov
    week 4: 23–27 Nov  week 5: 30 Nov–4 Dec
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.checker import RULES, Calendar, Violation, violations
from scheduler.core.domain import (
    COACHING, COMPANY, CONFERENCE, MENTORING, VISIT, WORKSHOP, ASSOCIATION, Closure, FixedEvent, Offer,
    Organisation, Participant, Problem, Programme, Project, Session, Speaker, Theme, Timetable, Window,
)

D = dt.date
T1, T2 = "Numérique responsable", "Données"
MONDAY, TUESDAY, THURSDAY, FRIDAY = 0, 1, 3, 4


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def make_problem(**programme_changes) -> Problem:
    """Two themes, two organisations, four speakers, nine offers, two projects, three participants."""
    programme = Programme(name="Test", start_date=D(2026, 11, 2), weeks=5, phase1_weeks=3,
                          max_minutes_per_day=5 * 60, min_sessions_per_theme=2, max_sessions_per_organisation=3,
                          holidays="FR")
    programme = dataclasses.replace(programme, **programme_changes)
    offers = (
        Offer("A1", "Alice", "Sobriété numérique", T1, CONFERENCE, 120, phase=1, count=2),
        Offer("A2", "Alice", "Atelier éco-conception", T1, WORKSHOP, 60, phase=1, count=2),
        Offer("B1", "Bob", "Atelier tableurs", T2, WORKSHOP, 180, phase=1, required=True),
        Offer("B2", "Bob", "Visite du datacenter", T2, VISIT, 120, phase=1),
        Offer("E1", "Bob", "Coaching CV", T2, COACHING, 150, phase=None),
        Offer("F1", "Dan", "Les données ouvertes", T2, CONFERENCE, 60, phase=1),
        Offer("C1", "Chloé", "Suivi projet P1", T1, MENTORING, 180, phase=2, project="P1"),
        Offer("C2", "Chloé", "Suivi projet P2", T1, MENTORING, 120, phase=2, project="P2"),
        Offer("D1", "Dan", "Suivi projet P2 (Dan)", T2, MENTORING, 120, phase=2, project="P2"),
    )
    windows = (
        Window("Alice", weekday=MONDAY),
        Window("Bob", weekday=TUESDAY, start=hm("9:00"), end=hm("17:00")),
        Window("Bob", weekday=THURSDAY),
        Window("Bob", date=D(2026, 11, 11), start=hm("9:00"), end=hm("12:30")),
        Window("Chloé", weekday=THURSDAY),
        Window("Dan", weekday=TUESDAY),
        Window("Dan", weekday=THURSDAY),
    )
    events = (
        FixedEvent("Accueil", hm("9:00"), hm("10:00"), date=D(2026, 11, 2)),
        FixedEvent("Point hebdo", hm("16:00"), hm("17:00"), weekday=FRIDAY),
    )
    return Problem(
        programme=programme,
        themes=(Theme(T1), Theme(T2)),
        organisations=(Organisation("Alpha", COMPANY), Organisation("Beta", ASSOCIATION)),
        speakers=(Speaker("Alice", "Alpha"), Speaker("Chloé", "Alpha"), Speaker("Bob", "Beta"),
                  Speaker("Dan", "Beta")),
        offers=offers, windows=windows, events=events,
        projects=(Project("P1", "Appli", "Alpha", 1, 2), Project("P2", "Site", "Beta", 1, 2)),
        participants=(Participant("Ana"), Participant("Ben"), Participant("Cyr")),
    )


PROBLEM = make_problem()


def session(sid: str, offer_id: str, day: dt.date, start: str, end: str, week: int,
            problem: Problem = PROBLEM, **changes) -> Session:
    """A session row filled from its offer, as `plan` would write it."""
    offer = problem.offer(offer_id)
    phase = 1 if week <= problem.programme.phase1_weeks else 2
    row = Session(sid, offer_id, day, hm(start), hm(end), week, phase, offer.title, offer.theme, offer.format,
                  offer.speaker, problem.speaker(offer.speaker).organisation, offer.audience)
    return dataclasses.replace(row, **changes)


def event(sid: str, title: str, day: dt.date, start: str, end: str, week: int, **changes) -> Session:
    phase = 1 if week <= 3 else 2
    return dataclasses.replace(Session(sid, "", day, hm(start), hm(end), week, phase, title), **changes)


def weekly_reviews(*days_weeks: tuple[dt.date, int]) -> list[Session]:
    return [event(f"EV-hebdo-{k}", "Point hebdo", day, "16:00", "17:00", week)
            for k, (day, week) in enumerate(days_weeks, start=1)]


BASE_SESSIONS = [
    event("EV-accueil", "Accueil", D(2026, 11, 2), "9:00", "10:00", 1),
    session("A1-1", "A1", D(2026, 11, 2), "10:00", "12:00", 1),
    session("A2-1", "A2", D(2026, 11, 2), "13:30", "14:30", 1),
    session("B1-1", "B1", D(2026, 11, 3), "9:00", "12:00", 1),
    session("A1-2", "A1", D(2026, 11, 9), "9:00", "11:00", 2),
    session("F1-1", "F1", D(2026, 11, 10), "9:00", "10:00", 2),
    session("B2-1", "B2", D(2026, 11, 10), "13:30", "15:30", 2),
    session("C1-1", "C1", D(2026, 11, 26), "9:00", "12:00", 4),
    session("D1-1", "D1", D(2026, 11, 26), "9:00", "11:00", 4),
    *weekly_reviews((D(2026, 11, 6), 1), (D(2026, 11, 13), 2), (D(2026, 11, 20), 3), (D(2026, 11, 27), 4),
                    (D(2026, 12, 4), 5)),
]
GROUPS = (("Ana", "P1"), ("Ben", "P1"), ("Cyr", "P2"))
BASE = Timetable(tuple(BASE_SESSIONS), groups=GROUPS)


def without(timetable: Timetable, *session_ids: str) -> Timetable:
    return dataclasses.replace(timetable, sessions=tuple(s for s in timetable.sessions
                                                         if s.session_id not in session_ids))


def plus(timetable: Timetable, *sessions: Session) -> Timetable:
    return dataclasses.replace(timetable, sessions=timetable.sessions + sessions)


def changed(timetable: Timetable, target: str, **changes) -> Timetable:
    """The timetable with one row edited; `start`/`end` as 'H:MM' text."""
    for name in ("start", "end"):
        if name in changes:
            changes[name] = hm(changes[name])
    if "week" in changes and "phase" not in changes:
        changes["phase"] = 1 if changes["week"] <= 3 else 2
    return dataclasses.replace(timetable, sessions=tuple(
        dataclasses.replace(s, **changes) if s.session_id == target else s for s in timetable.sessions))


def labels(found: list[Violation]) -> set[str]:
    return {v.rule for v in found}


def only(rule: str, problem: Problem, timetable: Timetable) -> list[Violation]:
    """The violations, asserting they are all of `rule` and there is at least one."""
    found = violations(problem, timetable)
    assert found, f"expected a '{rule}' violation"
    assert labels(found) == {rule}, [v.en for v in found]
    return found


# --- the valid timetable and the calendar ---------------------------------------------------------


def test_base_timetable_obeys_every_rule():
    assert violations(PROBLEM, BASE) == []


def test_calendar_skips_the_holiday_and_numbers_weeks():
    calendar = Calendar(PROBLEM)
    assert D(2026, 11, 11) not in calendar.week_of
    assert calendar.week_of[D(2026, 11, 10)] == 2
    assert calendar.week_of[D(2026, 12, 4)] == 5
    assert D(2026, 12, 7) not in calendar.week_of  # after the 5 programme weeks
    assert [calendar.phase_of_week(w) for w in range(1, 6)] == [1, 1, 1, 2, 2]


def test_calendar_without_holidays_works_on_11_november():
    assert D(2026, 11, 11) in Calendar(make_problem(holidays="")).week_of


def test_calendar_with_subdivision_adds_alsace_moselle_days():
    calendar = Calendar(make_problem(holidays="FR-57", start_date=D(2026, 12, 21), weeks=2))
    assert D(2026, 12, 26) in calendar.holidays and D(2026, 12, 25) in calendar.holidays


def test_violation_rules_are_the_stable_labels():
    assert RULES == ("availability", "working_day", "half_day", "time_grid", "phase", "audience_overlap",
                     "speaker_overlap", "speaker_max_sessions", "visit_half_day", "daily_hours", "theme_minimum",
                     "organisation_maximum", "offer_weeks", "required_offer", "fixed_events",
                     "session_matches_offer", "group_size")


# --- 1. availability, working day, half-day, grid ---------------------------------------------------


def test_availability_outside_every_window_of_the_speaker():
    # Alice only comes on Mondays; Tuesday 10 November morning is free for the cohort.
    found = only("availability", PROBLEM, changed(BASE, "A1-2", day=D(2026, 11, 10), start="10:00", end="12:00"))
    assert found[0].session_ids == ("A1-2",)
    assert "Alice" in found[0].fr and "10/11/2026" in found[0].fr and "10:00" in found[0].en


def test_availability_window_with_hours_limits_the_session():
    # Bob's 11 November window ends at 12:30; without holidays, 11 November is worked.
    problem = make_problem(holidays="")
    moved = changed(BASE, "B1-1", day=D(2026, 11, 11), start="9:00", end="12:00", week=2)
    assert violations(problem, moved) == []
    late = changed(BASE, "B1-1", day=D(2026, 11, 11), start="13:30", end="16:30", week=2)
    assert labels(violations(problem, late)) == {"availability"}


def test_working_day_rejects_a_public_holiday():
    # Bob is available on 11 November, but it is Armistice Day.
    found = only("working_day", PROBLEM, changed(BASE, "B1-1", day=D(2026, 11, 11), week=2))
    assert found[0].session_ids == ("B1-1",)
    assert "férié" in found[0].fr and "holiday" in found[0].en and "11/11/2026" in found[0].fr


def test_working_day_rejects_a_day_after_the_programme():
    late = changed(BASE, "D1-1", day=D(2026, 12, 10), week=5)
    assert "working_day" in labels(violations(PROBLEM, late))


def test_half_day_rejects_a_session_across_lunch():
    found = only("half_day", PROBLEM, changed(BASE, "B1-1", start="11:00", end="14:00"))
    assert "11:00" in found[0].fr and "lunch" in found[0].en


def test_time_grid_rejects_an_off_grid_start():
    found = only("time_grid", PROBLEM, changed(BASE, "B1-1", start="9:10", end="12:10"))
    assert "09:10" in found[0].fr and "30" in found[0].en


def test_time_grid_rejects_a_wrong_duration():
    found = only("time_grid", PROBLEM, changed(BASE, "B1-1", start="9:00", end="11:00"))
    assert "2h" in found[0].fr and "3h" in found[0].en


def test_grid_counts_from_the_start_of_the_half_day():
    problem = make_problem(afternoon=(hm("13:45"), hm("17:15")))
    # 13:45 is on the afternoon's grid; 13:30 is not any more.
    good = changed(BASE, "B2-1", start="13:45", end="15:45")
    assert "time_grid" not in labels(violations(problem, good))
    assert "time_grid" in labels(violations(problem, changed(BASE, "B2-1", start="14:00", end="16:00")))


# --- 2. phases --------------------------------------------------------------------------------------


def test_phase_rejects_a_phase2_offer_in_week_3():
    # Without A2-1, so that Chloé's organisation stays within its phase-1 maximum.
    found = only("phase", PROBLEM, changed(without(BASE, "A2-1"), "C1-1", day=D(2026, 11, 19), week=3))
    assert found[0].session_ids == ("C1-1",)


def test_phase_accepts_coaching_in_either_phase():
    both = plus(BASE, session("E1-1", "E1", D(2026, 12, 3), "13:30", "16:00", 5))
    assert violations(PROBLEM, both) == []


def test_a_closed_week_does_not_count_and_numbering_shifts():
    problem = dataclasses.replace(PROBLEM, closures=(Closure(D(2026, 11, 16), D(2026, 11, 20), "Vacances"),))
    calendar = Calendar(problem)
    assert calendar.week_of[D(2026, 11, 23)] == 3 and calendar.week_of[D(2026, 12, 11)] == 5
    shifted = without(BASE, "C1-1", "D1-1", *[f"EV-hebdo-{k}" for k in range(1, 6)])
    shifted = plus(shifted,
                   session("C1-1", "C1", D(2026, 12, 3), "9:00", "12:00", 4),
                   session("D1-1", "D1", D(2026, 12, 3), "9:00", "11:00", 4),
                   *weekly_reviews((D(2026, 11, 6), 1), (D(2026, 11, 13), 2), (D(2026, 11, 27), 3),
                                   (D(2026, 12, 4), 4), (D(2026, 12, 11), 5)))
    assert violations(problem, shifted) == []
    # The unshifted timetable: 26 November is now week 3 (phase 1), 20 November is closed.
    found = violations(problem, BASE)
    assert labels(found) == {"working_day", "phase", "fixed_events", "session_matches_offer",
                             "organisation_maximum"}  # C1, D1 now count as phase-1 sessions
    assert {v.session_ids for v in found if v.rule == "phase"} == {("C1-1",), ("D1-1",)}
    assert any("Vacances" in v.fr for v in found if v.rule == "working_day")


# --- 3. nobody in two places at once ----------------------------------------------------------------


def test_two_groups_in_parallel_are_fine():
    c1 = next(s for s in BASE.sessions if s.session_id == "C1-1")
    d1 = next(s for s in BASE.sessions if s.session_id == "D1-1")
    assert c1.day == d1.day and c1.start == d1.start and c1.audience != d1.audience
    assert violations(PROBLEM, BASE) == []


def test_group_session_overlapping_a_cohort_session():
    clash = plus(without(BASE, "C1-1"), session("E1-1", "E1", D(2026, 11, 26), "9:00", "11:30", 4))
    found = only("audience_overlap", PROBLEM, clash)
    assert found[0].session_ids == ("D1-1", "E1-1")
    assert "P2" in found[0].fr and "overlap" in found[0].en


def test_two_sessions_of_one_group_overlap():
    clash = plus(without(BASE, "C1-1"), session("C2-1", "C2", D(2026, 11, 26), "10:00", "12:00", 4))
    assert only("audience_overlap", PROBLEM, clash)[0].session_ids == ("D1-1", "C2-1")


def test_group_event_overlapping_a_cohort_session():
    problem = dataclasses.replace(PROBLEM, events=PROBLEM.events + (
        FixedEvent("Réunion P1", hm("9:00"), hm("10:00"), date=D(2026, 11, 3), audience="P1"),))
    meeting = event("EV-p1", "Réunion P1", D(2026, 11, 3), "9:00", "10:00", 1, audience="P1")
    assert labels(violations(problem, plus(BASE, meeting))) == {"audience_overlap"}
    assert violations(problem, plus(BASE, dataclasses.replace(meeting, start=hm("12:00"), end=hm("13:00")))) \
        != []  # the event must be at its own time


def test_speaker_overlap_across_two_groups():
    clash = plus(without(BASE, "D1-1"), session("C2-1", "C2", D(2026, 11, 26), "9:00", "11:00", 4))
    found = only("speaker_overlap", PROBLEM, clash)
    assert set(found[0].session_ids) == {"C1-1", "C2-1"} and "Chloé" in found[0].fr


def test_speaker_max_sessions():
    capped = dataclasses.replace(PROBLEM, speakers=(Speaker("Alice", "Alpha", max_sessions=3),)
                                 + PROBLEM.speakers[1:])
    assert violations(capped, BASE) == []
    tighter = dataclasses.replace(PROBLEM, speakers=(Speaker("Alice", "Alpha", max_sessions=2),)
                                  + PROBLEM.speakers[1:])
    found = only("speaker_max_sessions", tighter, BASE)
    assert set(found[0].session_ids) == {"A1-1", "A1-2", "A2-1"}


# --- 4. visits ----------------------------------------------------------------------------------------


def test_visit_takes_the_whole_half_day():
    # The visit is 13:30-15:30; a conference at 16:00 the same afternoon leaves no time to travel.
    found = only("visit_half_day", PROBLEM, changed(BASE, "F1-1", start="16:00", end="17:00"))
    assert set(found[0].session_ids) == {"B2-1", "F1-1"}
    assert "visite" in found[0].fr.lower() and "half-day" in found[0].en


def test_group_session_in_the_half_day_of_a_cohort_visit():
    problem = make_problem()
    # A mentoring session of P2 on the morning of a cohort visit, both on Thursday 26 November.
    visit = session("B2-1", "B2", D(2026, 11, 26), "9:00", "11:00", 4)
    timetable = plus(without(BASE, "B2-1", "C1-1", "D1-1"), visit,
                     session("D1-1", "D1", D(2026, 11, 26), "11:00", "12:30", 4))
    assert "visit_half_day" in labels(violations(problem, timetable))


# --- 5. hours per day ---------------------------------------------------------------------------------


def test_daily_hours_exceeded_only_through_cohort_and_one_group():
    # Thursday 26 Nov: cohort coaching 2h30 + P1's 3h = 5h30 > 5h; P2 has 2h30 + 2h = 4h30.
    heavy = plus(BASE, session("E1-1", "E1", D(2026, 11, 26), "13:30", "16:00", 4))
    found = only("daily_hours", PROBLEM, heavy)
    assert len(found) == 1 and set(found[0].session_ids) == {"E1-1", "C1-1"}
    assert "P1" in found[0].fr and "5h30" in found[0].en
    light = plus(BASE, session("E1-1", "E1", D(2026, 12, 3), "13:30", "16:00", 5))
    assert violations(PROBLEM, light) == []


def test_daily_hours_count_fixed_events():
    problem = make_problem(max_minutes_per_day=3 * 60)
    # Monday 2 Nov: welcome 1h + 2h + 1h = 4h.
    found = only("daily_hours", problem, without(BASE, "C1-1"))
    assert "EV-accueil" in found[0].session_ids


def test_daily_hours_without_groups_counts_the_cohort():
    problem = dataclasses.replace(make_problem(max_minutes_per_day=3 * 60), projects=(), participants=())
    timetable = dataclasses.replace(without(BASE, "C1-1", "D1-1"), groups=())
    found = only("daily_hours", problem, timetable)
    assert found[0].session_ids == ("EV-accueil", "A1-1", "A2-1")


# --- 6, 7. themes and organisations -------------------------------------------------------------------


def test_theme_minimum():
    found = only("theme_minimum", PROBLEM, without(BASE, "B2-1", "F1-1"))
    assert T2 in found[0].fr and found[0].session_ids == ("B1-1",)


def test_theme_minimum_counts_phase1_weeks_only():
    # E1 (coaching, theme T2) in phase 2 does not make up for the missing phase-1 sessions.
    later = plus(without(BASE, "B2-1", "F1-1"), session("E1-1", "E1", D(2026, 12, 3), "13:30", "16:00", 5))
    assert labels(violations(PROBLEM, later)) == {"theme_minimum"}


def test_organisation_maximum():
    found = only("organisation_maximum", PROBLEM, plus(BASE, session("A2-2", "A2", D(2026, 11, 16), "9:00",
                                                                     "10:00", 3)))
    assert "Alpha" in found[0].fr and len(found[0].session_ids) == 4


# --- 8. occurrences -----------------------------------------------------------------------------------


def test_offer_weeks_two_occurrences_in_one_week():
    found = only("offer_weeks", PROBLEM, changed(BASE, "A1-1", day=D(2026, 11, 9), start="13:30", end="15:30",
                                                  week=2))
    assert set(found[0].session_ids) == {"A1-1", "A1-2"} and "week 2" in found[0].en


def test_offer_weeks_more_than_offered():
    twice = plus(BASE, session("E1-1", "E1", D(2026, 11, 24), "9:00", "11:30", 4),
                 session("E1-2", "E1", D(2026, 12, 3), "9:00", "11:30", 5))
    (found,) = only("offer_weeks", PROBLEM, twice)  # two different weeks: only the count is broken
    assert set(found.session_ids) == {"E1-1", "E1-2"}
    assert "placée 2 fois (E1-1, E1-2)" in found.fr and "proposée que 1 fois" in found.fr
    assert "placed 2 times (E1-1, E1-2)" in found.en and "offered only once" in found.en


def test_required_offer():
    found = only("required_offer", PROBLEM, without(BASE, "B1-1"))
    assert "B1" in found[0].fr and found[0].session_ids == ()


# --- fixed events -------------------------------------------------------------------------------------


def test_a_weekly_event_missing():
    found = only("fixed_events", PROBLEM, without(BASE, "EV-hebdo-3"))
    assert found[0].session_ids == () and "20/11/2026" in found[0].fr and "Point hebdo" in found[0].en


def test_an_unknown_event():
    found = only("fixed_events", PROBLEM, plus(BASE, event("EV-pot", "Pot", D(2026, 11, 4), "16:00", "17:00", 1)))
    assert found[0].session_ids == ("EV-pot",)


def test_an_event_renamed_by_hand_still_counts():
    assert violations(PROBLEM, changed(BASE, "EV-hebdo-2", title="Point de la semaine")) == []


def test_an_event_moved_is_missing_and_unknown():
    found = only("fixed_events", PROBLEM, changed(BASE, "EV-hebdo-2", start="15:00", end="16:00"))
    assert len(found) == 2


# --- the rows agree with their offers -----------------------------------------------------------------


def test_session_week_column_must_match_the_date():
    found = only("session_matches_offer", PROBLEM, changed(BASE, "A1-1", week=2, phase=1))
    assert "Semaine" in found[0].fr and "'1'" in found[0].en


def test_session_of_an_unknown_offer():
    found = violations(PROBLEM, changed(BASE, "F1-1", offer_id="ZZ"))
    assert "session_matches_offer" in labels(found)
    assert any("ZZ" in v.fr for v in found)


def test_session_audience_must_be_the_offers():
    found = violations(PROBLEM, changed(BASE, "A1-2", audience="P1"))
    assert labels(found) == {"session_matches_offer"}


def test_session_speaker_column_must_be_the_offers():
    assert labels(violations(PROBLEM, changed(BASE, "A1-2", speaker="Bob"))) == {"session_matches_offer"}


def test_two_rows_with_one_session_id():
    found = violations(PROBLEM, changed(BASE, "A1-2", session_id="A1-1"))
    assert labels(found) == {"session_matches_offer"}


# --- 9. groups ----------------------------------------------------------------------------------------


def test_group_sizes_out_of_bounds():
    found = only("group_size", PROBLEM, dataclasses.replace(BASE, groups=(("Ana", "P1"), ("Ben", "P1"),
                                                                         ("Cyr", "P1"))))
    assert len(found) == 2 and any("P1" in v.fr and "2" in v.fr for v in found)


def test_participant_missing_or_twice():
    found = only("group_size", PROBLEM, dataclasses.replace(BASE, groups=(("Ana", "P1"), ("Ana", "P2"),
                                                                         ("Cyr", "P2"))))
    assert any("Ben" in v.fr for v in found) and any("Ana" in v.en for v in found)


def test_groups_ignored_without_participants():
    problem = dataclasses.replace(PROBLEM, participants=())
    assert violations(problem, dataclasses.replace(BASE, groups=())) == []


# --- robustness ---------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, len(BASE_SESSIONS) - 1), day=st.integers(-10, 60), start=st.integers(0, 47),
       length=st.integers(-2, 10))
def test_any_edit_gives_labelled_violations_never_an_exception(index, day, start, length):
    row = BASE_SESSIONS[index]
    moved = dataclasses.replace(row, day=D(2026, 11, 2) + dt.timedelta(days=day), start=start * 30,
                                end=start * 30 + length * 30)
    timetable = Timetable(tuple(BASE_SESSIONS[:index] + [moved] + BASE_SESSIONS[index + 1:]), groups=GROUPS)
    found = violations(PROBLEM, timetable)
    assert all(v.rule in RULES and v.fr and v.en for v in found)
    if moved == row:
        assert found == []

