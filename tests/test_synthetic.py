"""The synthetic generator, the Nancy example and the workbook writer.

The planted timetables are checked here with small assertions written from SPEC §2, sharing no
code with the generator, so that a bug in the planting shows up as a failed rule.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import fields
from pathlib import Path

import openpyxl
import pytest

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (ASSOCIATION, COHORT, COMPANY, LOCAL_AUTHORITY, MENTORING, TRAINING_BODY, VISIT,
                              Problem, Session, Timetable, Window)
from scheduler.nancy import EXAMPLE_PATH, nancy_problem, nancy_with_plan
from scheduler.synthetic import generate, generate_with_plan, planted_count
from scheduler.workbook.writing import build_workbook, write_problem

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_HEADERS = {
    "Programme": ["Paramètre", "Valeur"],
    "Thèmes": ["Thème", "Description", "Couleur"],
    "Organisations": ["Organisation", "Type"],
    "Intervenants": ["Intervenant", "Organisation", "Email", "Max séances", "Contact partagé"],
    "Interventions": ["ID", "Intervenant", "Titre", "Thème", "Format", "Durée (h)", "Phase", "Séances",
                      "Obligatoire", "Projet", "Lieu", "Lien", "À prévoir"],
    "Disponibilités": ["Intervenant", "Date", "Jour", "Début", "Fin", "Du", "Au", "Préférence"],
    "Fermetures": ["Du", "Au", "Motif"],
    "Événements": ["Titre", "Date", "Jour", "Début", "Fin", "Du", "Au", "Public", "Lieu"],
    "Projets": ["ID", "Titre", "Organisation", "Taille min", "Taille max"],
    "Participants": ["Participant", "Email", "Vœu 1", "Vœu 2", "Vœu 3"],
}
PROGRAMME_KEYS = ["Nom", "Début", "Semaines", "Semaines phase 1", "Jours", "Matin", "Après-midi", "Pas (min)",
                  "Heures max par jour", "Séances min par thème", "Séances max par organisation", "Jours fériés",
                  "Fuseau horaire", "Lieu", "Coordinateur", "Email coordinateur", "Émargement événements",
                  "Travail en projet"]

CASES = [
    pytest.param(dict(seed=0), id="seed0"),
    pytest.param(dict(seed=1), id="seed1"),
    pytest.param(dict(seed=2, scale=0.5), id="half"),
    pytest.param(dict(seed=3, scale=2.0), id="double"),
    pytest.param(dict(seed=4, scale=4.0), id="quadruple"),
    pytest.param(dict(seed=5, oversubscribed=True), id="oversubscribed"),
    pytest.param(dict(seed=6, scale=0.5, start=dt.date(2027, 3, 8), participants=8, weeks=8, phase1_weeks=4),
                 id="short-spring"),
]


# --------------------------------------------------------------------------------------------
# An independent reading of the hard rules, for planted timetables.
# --------------------------------------------------------------------------------------------


def window_holds(window: Window, session: Session, problem: Problem) -> bool:
    """The session lies inside the window (a dated row, or a weekday repeating from Du to Au)."""
    if window.speaker != session.speaker:
        return False
    if window.date is not None:
        if window.date != session.day:
            return False
    elif window.weekday != session.day.weekday():
        return False
    elif (window.first and session.day < window.first) or (window.last and session.day > window.last):
        return False
    start = problem.programme.morning[0] if window.start is None else window.start
    end = problem.programme.afternoon[1] if window.end is None else window.end
    return start <= session.start and session.end <= end


def half_day(problem: Problem, start: int, end: int) -> int | None:
    spans = (problem.programme.morning, problem.programme.afternoon)
    return next((i for i, (a, b) in enumerate(spans) if a <= start and end <= b), None)


def touches(problem: Problem, session: Session, half: int) -> bool:
    a, b = (problem.programme.morning, problem.programme.afternoon)[half]
    return session.start < b and a < session.end


def meet(first: str, second: str) -> bool:
    return COHORT in (first, second) or first == second


def rule_breaches(problem: Problem, timetable: Timetable) -> list[str]:
    """Every breach of SPEC §2 found in the timetable (empty for a valid one)."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    offers = {o.id: o for o in problem.offers}
    organisation = {s.name: s.organisation for s in problem.speakers}
    breaches: list[str] = []
    sessions = [s for s in timetable.sessions if s.offer_id]
    for s in sessions:
        offer = offers[s.offer_id]
        if s.day not in calendar.week_of:
            breaches.append(f"{s.session_id}: {s.day} is not a working day")
            continue
        if calendar.week_of[s.day] != s.week or calendar.phase_of_week(s.week) != s.phase:
            breaches.append(f"{s.session_id}: wrong week or phase")
        if offer.phase not in (None, s.phase):
            breaches.append(f"{s.session_id}: phase {s.phase}, offer says {offer.phase}")
        half = half_day(problem, s.start, s.end)
        half_start = (problem.programme.morning, problem.programme.afternoon)[half or 0][0]
        if half is None:
            breaches.append(f"{s.session_id}: not inside a half-day")
        elif (s.start - half_start) % problem.programme.slot_minutes:
            breaches.append(f"{s.session_id}: off the grid")
        if s.end - s.start != offer.duration_minutes or s.audience != offer.audience:
            breaches.append(f"{s.session_id}: does not match its offer")
        if not any(window_holds(w, s, problem) for w in problem.windows):
            breaches.append(f"{s.session_id}: outside every window of {s.speaker}")
    breaches += _clashes(problem, timetable.sessions)
    breaches += _counts(problem, sessions, organisation)
    breaches += _daily_hours(problem, timetable.sessions)
    return breaches


def _clashes(problem: Problem, everything: tuple[Session, ...]) -> list[str]:
    breaches = []
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for s in everything:
        by_day[s.day].append(s)
    for day_sessions in by_day.values():
        for i, x in enumerate(day_sessions):
            for y in day_sessions[i + 1:]:
                overlap = x.start < y.end and y.start < x.end
                if meet(x.audience, y.audience) and overlap:
                    breaches.append(f"{x.session_id} overlaps {y.session_id}")
                if x.speaker and x.speaker == y.speaker and overlap:
                    breaches.append(f"{x.speaker} twice at once")
                for visit, other in ((x, y), (y, x)):
                    half = half_day(problem, visit.start, visit.end)
                    if visit.format == VISIT and meet(visit.audience, other.audience) and touches(problem, other, half):
                        breaches.append(f"{other.session_id} shares the half-day of visit {visit.session_id}")
    return breaches


def _counts(problem: Problem, sessions: list[Session], organisation: dict[str, str]) -> list[str]:
    breaches = []
    phase1 = [s for s in sessions if s.phase == 1]
    themes = Counter(s.theme for s in phase1)
    breaches += [f"theme {t.name}: {themes[t.name]} sessions" for t in problem.themes
                 if themes[t.name] < problem.programme.min_sessions_per_theme]
    organisations = Counter(organisation[s.speaker] for s in phase1)
    breaches += [f"organisation {o}: {n} sessions" for o, n in organisations.items()
                 if n > problem.programme.max_sessions_per_organisation]
    weeks: dict[str, list[int]] = defaultdict(list)
    for s in sessions:
        weeks[s.offer_id].append(s.week)
    for offer in problem.offers:
        placed = weeks[offer.id]
        if len(set(placed)) != len(placed) or len(placed) > offer.count:
            breaches.append(f"offer {offer.id}: weeks {placed}")
        if offer.required and len(placed) < offer.count:
            breaches.append(f"required offer {offer.id}: {len(placed)} of {offer.count}")
    given = Counter(s.speaker for s in sessions)
    breaches += [f"speaker {p.name}: {given[p.name]} sessions" for p in problem.speakers
                 if p.max_sessions is not None and given[p.name] > p.max_sessions]
    return breaches


def _daily_hours(problem: Problem, everything: tuple[Session, ...]) -> list[str]:
    minutes: dict[dt.date, Counter] = defaultdict(Counter)
    for s in everything:
        minutes[s.day][s.audience] += s.end - s.start
    breaches = []
    for day, per_audience in minutes.items():
        groups = [m for a, m in per_audience.items() if a != COHORT]
        if per_audience[COHORT] + max(groups, default=0) > problem.programme.max_minutes_per_day:
            breaches.append(f"{day}: too many hours")
    return breaches


def expected_event_rows(problem: Problem) -> int:
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    return sum(len(calendar.event_days(e)) for e in problem.events)


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


def test_generator_is_deterministic_per_seed():
    assert generate(seed=11) == generate(seed=11)
    assert generate_with_plan(seed=11)[1] == generate_with_plan(seed=11)[1]
    assert generate(seed=11) != generate(seed=12)


@pytest.mark.parametrize("options", CASES)
def test_planted_timetable_obeys_every_rule(options):
    problem, timetable = generate_with_plan(**options)
    assert rule_breaches(problem, timetable) == []
    assert sum(1 for s in timetable.sessions if s.is_event) == expected_event_rows(problem)
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    for offer in problem.offers:
        weeks = calendar.weeks if offer.phase is None else calendar.weeks_of_phase(offer.phase)
        assert offer.count <= len(weeks), offer


@pytest.mark.parametrize("options", CASES)
def test_planted_count_is_positive_and_matches_the_plan(options):
    problem, timetable = generate_with_plan(**options)
    count = planted_count(**options)
    assert count == sum(1 for s in timetable.sessions if s.offer_id) > 0
    assert count <= sum(o.count for o in problem.offers)


def test_every_speaker_has_a_window_and_some_windows_are_weekly_or_preferred():
    problem = generate(seed=2)
    assert {w.speaker for w in problem.windows} == {s.name for s in problem.speakers}
    assert any(w.weekday is not None and w.first is not None for w in problem.windows)
    assert any(w.weekday is not None for w in problem.windows)
    assert any(w.preferred for w in problem.windows)


def test_one_cohort_looks_like_the_programme():
    problem = generate(seed=0)
    assert len(problem.themes) == 8
    assert 28 <= len(problem.organisations) <= 36
    assert {COMPANY, LOCAL_AUTHORITY, ASSOCIATION, TRAINING_BODY} <= {o.kind for o in problem.organisations}
    assert 35 <= len(problem.speakers) <= 45
    phase1 = [o for o in problem.offers if o.phase != 2 and o.format != MENTORING]
    assert 35 <= len(phase1) <= 45
    assert all(60 <= o.duration_minutes <= 240 for o in problem.offers)
    mentoring = [o for o in problem.offers if o.format == MENTORING]
    assert len(mentoring) == len(problem.projects) == 3
    for offer in mentoring:
        project = next(p for p in problem.projects if p.id == offer.project)
        assert problem.speaker(offer.speaker).organisation == project.organisation
        assert 4 <= offer.count <= 6 and offer.phase == 2
    assert len(problem.participants) == 12
    assert all(len(p.wishes) == 3 for p in problem.participants)
    assert {e.title for e in problem.events} == {"Accueil de la promotion", "Bilan de la semaine",
                                                 "Restitution des projets"}


def test_scale_multiplies_offers_and_speakers():
    small, large = generate(seed=1), generate(seed=1, scale=2.0)
    assert len(large.offers) > 1.7 * len(small.offers)
    assert len(large.speakers) >= 2 * len(small.speakers) - 1


def test_oversubscribed_offers_more_phase1_hours_than_the_days_hold():
    problem, timetable = generate_with_plan(seed=5, oversubscribed=True)
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    days = [d for w in calendar.weeks_of_phase(1) for d in calendar.weeks[w]]
    capacity = len(days) * problem.programme.max_minutes_per_day
    offered = sum(o.count * o.duration_minutes for o in problem.offers if o.phase == 1)
    assert offered > capacity
    placed = Counter(s.offer_id for s in timetable.sessions if s.offer_id)
    assert any(o.required for o in problem.offers)
    assert all(placed[o.id] == o.count for o in problem.offers if o.required)


# --------------------------------------------------------------------------------------------
# The workbook writer
# --------------------------------------------------------------------------------------------


def read_back(problem: Problem, path: Path) -> openpyxl.Workbook:
    write_problem(problem, path)
    return openpyxl.load_workbook(path)


def test_written_workbook_has_the_french_sheets_and_headers(tmp_path):
    workbook = read_back(nancy_problem(), tmp_path / "nancy.xlsx")
    assert workbook.sheetnames == list(EXPECTED_HEADERS)
    for title, headers in EXPECTED_HEADERS.items():
        sheet = workbook[title]
        assert [c.value for c in sheet[1]] == headers
        assert sheet.freeze_panes == "A2"
        assert all(c.font.bold for c in sheet[1])
    assert [row[0] for row in workbook["Programme"].iter_rows(min_row=2, values_only=True)] == PROGRAMME_KEYS
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_written_cells_use_the_documented_formats(tmp_path):
    workbook = read_back(nancy_problem(), tmp_path / "nancy.xlsx")
    settings = dict(workbook["Programme"].iter_rows(min_row=2, values_only=True))
    assert settings["Début"].date() == dt.date(2026, 11, 2)
    assert settings["Jours"] == "lun mar mer jeu ven"
    assert (settings["Matin"], settings["Après-midi"]) == ("09:00-12:30", "13:30-17:30")
    assert (settings["Jours fériés"], settings["Heures max par jour"]) == ("FR", 6)
    offers = list(workbook["Interventions"].iter_rows(min_row=2, values_only=True))
    assert {row[5] for row in offers} >= {1.5, 2, 3}
    assert {row[8] for row in offers} == {"oui", None}
    windows = workbook["Disponibilités"]
    for row in windows.iter_rows(min_row=2):
        date, weekday, start, preference = row[1], row[2], row[3], row[7]
        assert (date.value is None) != (weekday.value is None)
        if date.value is not None:
            assert date.number_format == "DD/MM/YYYY" and isinstance(date.value, dt.datetime)
        else:
            assert weekday.value in ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
        assert start.value is None or (isinstance(start.value, str) and len(start.value) == 5)
        assert preference.value in (None, "préféré")


def test_optional_sheets_only_when_they_have_rows(tmp_path):
    workbook = read_back(generate(seed=0, participants=0), tmp_path / "bare.xlsx")
    assert "Fermetures" not in workbook.sheetnames
    assert "Participants" not in workbook.sheetnames
    assert "Événements" in workbook.sheetnames


def test_write_then_load_gives_the_same_problem(tmp_path):
    reading = pytest.importorskip("scheduler.workbook.reading")
    for name, problem in (("nancy", nancy_problem()), ("synthetic", generate(seed=3, oversubscribed=True))):
        write_problem(problem, tmp_path / f"{name}.xlsx")
        loaded = reading.load(tmp_path / f"{name}.xlsx")
        for field in fields(Problem):
            if field.name not in ("warnings", "names"):  # names: how the file spells its sheets, not data
                assert getattr(loaded, field.name) == getattr(problem, field.name), (name, field.name)


# --------------------------------------------------------------------------------------------
# The Nancy example
# --------------------------------------------------------------------------------------------


def test_nancy_has_the_shape_the_article_describes():
    problem = nancy_problem()
    assert problem.programme.start_date == dt.date(2026, 11, 2)
    assert len(problem.themes) == 8
    assert len(problem.organisations) >= 30
    assert {COMPANY, LOCAL_AUTHORITY, ASSOCIATION, TRAINING_BODY} <= {o.kind for o in problem.organisations}
    assert len(problem.speakers) >= 35
    assert len(problem.projects) == 3
    assert len(problem.participants) == 12
    assert all(s.email.endswith("@exemple.fr") for s in problem.speakers)
    assert any(o.count == 2 for o in problem.offers) and any(o.required for o in problem.offers)
    assert [c.reason for c in problem.closures] == ["Vacances de Noël"]


def test_nancy_runs_into_january_around_christmas():
    problem = nancy_problem()
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    assert dt.date(2026, 11, 11) not in calendar.week_of
    assert not [d for d in calendar.working_days if dt.date(2026, 12, 21) <= d <= dt.date(2027, 1, 1)]
    assert calendar.last_day == dt.date(2027, 2, 5)
    final = next(e for e in problem.events if e.title == "Restitution des projets")
    assert final.date == dt.date(2027, 2, 5)


def test_nancy_is_feasible_with_room_to_spare():
    problem, timetable = nancy_with_plan()
    assert rule_breaches(problem, timetable) == []
    planted = sum(1 for s in timetable.sessions if s.offer_id)
    assert planted >= 0.9 * sum(o.count for o in problem.offers)
    sizes = Counter(project for _, project in timetable.groups)
    assert all(3 <= sizes[p.id] <= 5 for p in problem.projects)
    assert nancy_problem() == problem  # deterministic


def cell_values(workbook: openpyxl.Workbook) -> dict[str, list[tuple]]:
    def plain(value: object) -> object:
        return value.date() if isinstance(value, dt.datetime) else value

    return {ws.title: [tuple(plain(v) for v in row) for row in ws.iter_rows(values_only=True)]
            for ws in workbook.worksheets}


SUMMER_TIME = dict(seed=7, scale=0.5, start=dt.date(2027, 3, 8), participants=8, weeks=8, phase1_weeks=4,
                   name="Promo Printemps 2027 — passage à l'heure d'été")  # as in examples/README.md


@pytest.mark.parametrize("name, make", [
    (EXAMPLE_PATH.name, nancy_problem),
    ("summer-time-2027.xlsx", lambda: generate(**SUMMER_TIME)),
])
def test_committed_examples_are_what_the_code_makes(name, make):
    committed = ROOT / "examples" / name
    if not committed.exists():
        pytest.skip(f"examples/{name} not generated yet")
    assert cell_values(openpyxl.load_workbook(committed)) == cell_values(build_workbook(make()))


def test_summer_time_example_crosses_the_clock_change():
    problem, timetable = generate_with_plan(**SUMMER_TIME)
    days = [s.day for s in timetable.sessions if s.offer_id]
    switch = dt.date(2027, 3, 28)
    assert min(days) < switch < max(days)
    assert any(s.day > switch and s.phase == 1 for s in timetable.sessions if s.offer_id)
