"""Writing a Problem as an input workbook, then reading it, gives back an equal Problem (SPEC §1).

Problems come from the synthetic generator and from the tiny test instances, with random optional
sheets (closures, events, projects and participants, weights) and random free texts, written in
French or English.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import openpyxl
import pytest

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (COACHING, COHORT, WORKSHOP, Closure, FixedEvent, Participant,
                                   Problem, Project, Theme)
from scheduler.soft_rules import SOFT_RULE_CATALOGUE
from scheduler.synthetic import generate, numbered
from scheduler.workbook.labels import COLUMNS, SHEETS
from scheduler.workbook.reading import load
from scheduler.workbook.writing import build_workbook, write_problem
import tiny

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçœÉ0123456789'-=&/ "


def renumbered(problem: Problem) -> Problem:
    """`problem` with each row numbered as the written workbook shows it, and no warnings."""
    return replace(problem, themes=numbered(problem.themes), organisations=numbered(problem.organisations),
                   speakers=numbered(problem.speakers), offers=numbered(problem.offers),
                   windows=numbered(problem.windows), closures=numbered(problem.closures),
                   events=numbered(problem.events), projects=numbered(problem.projects),
                   participants=numbered(problem.participants), warnings=())


def round_trip(problem: Problem, lang: str) -> Problem:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "problem.xlsx"
        write_problem(problem, path, lang=lang)
        return replace(load(path), warnings=())


@functools.cache
def synthetic(seed: int) -> Problem:
    return generate(seed=seed, scale=0.3, participants=5)


def tiny_problem() -> Problem:
    h = tiny.H
    offers = [tiny.offer("C1", "Ana"), tiny.offer("W1", "Ben", 90, WORKSHOP, count=2, required=True),
              tiny.offer("K1", "Ana", h, COACHING, location="Salle 2")]
    windows = [tiny.on("Ana"), tiny.on("Ben", day=None, weekday=1, start=14 * h, end=17 * h, preferred=True),
               tiny.on("Ben", day=None, weekday=3, start=None, end=None, first=tiny.MONDAY,
                       last=tiny.MONDAY + dt.timedelta(days=20))]
    return tiny.problem(offers, windows)


free_text = st.text(LETTERS, min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def problems(draw) -> Problem:
    """A valid problem, random optional sheets and texts included."""
    source = draw(st.sampled_from(["tiny", 0, 1, 2]))
    problem = tiny_problem() if source == "tiny" else synthetic(source)
    calendar = ProgrammeCalendar(problem.programme, ())
    days = st.dates(calendar.first_day, calendar.last_day)
    # Free texts where any text goes (names must stay distinct: they are left as generated).
    themes = tuple(replace(t, description=draw(st.one_of(st.just(""), free_text)),
                           colour=draw(st.sampled_from(["", "1F77B4", "FF7F0E"]))) for t in problem.themes)
    offers = tuple(replace(o, title=draw(free_text), location=draw(st.one_of(st.just(""), free_text)))
                   for o in problem.offers)
    # Closures away from the programme's first and last weeks: every dated row stays inside the programme.
    inner = st.dates(calendar.first_day + dt.timedelta(days=7), calendar.last_day - dt.timedelta(days=14))
    closures = tuple(Closure(first, first + dt.timedelta(days=draw(st.integers(0, 10))), draw(st.one_of(
        st.just(""), free_text))) for first in draw(st.lists(inner, max_size=2)))
    events = tuple(FixedEvent(draw(free_text), 9 * 60, 10 * 60, date=day, audience=COHORT,
                              location=draw(st.one_of(st.just(""), free_text)))
                   for day in draw(st.lists(days.filter(lambda d: d.weekday() < 5), max_size=2)))
    projects, participants = problem.projects, problem.participants
    if not projects and draw(st.booleans()):
        projects = (Project("P1", draw(free_text), problem.organisations[0].name, 1, None),)
        participants = tuple(Participant(f"Personne {i}", "", ("P1",) if draw(st.booleans()) else ())
                             for i in range(draw(st.integers(1, 3))))
    rules = draw(st.lists(st.sampled_from(SOFT_RULE_CATALOGUE), unique=True, max_size=3))
    weights = tuple((draw(st.sampled_from([rule.label, rule.fr, rule.en])), draw(st.integers(0, 1_000_000)))
                    for rule in rules)
    programme = replace(problem.programme, holidays=draw(st.sampled_from(["FR", "", "FR-57"])),
                        location=draw(st.one_of(st.just(""), free_text)), name=draw(free_text))
    return replace(problem, programme=programme, themes=themes, offers=offers, closures=closures,
                   events=problem.events + events, projects=projects, participants=participants, weights=weights)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems(), st.sampled_from(["fr", "en"]))
def test_writing_then_reading_gives_back_an_equal_problem(problem, lang):
    assert round_trip(problem, lang) == renumbered(problem)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_optional_sheet_is_written_and_read_back(lang):
    problem = synthetic(0)
    problem = replace(problem, closures=(Closure(dt.date(2026, 12, 21), dt.date(2027, 1, 1), "Vacances"),),
                      events=problem.events + (FixedEvent("=Bilan", 14 * 60, 15 * 60, weekday=4),),
                      weights=(("theme_weeks_missed", 7), (SOFT_RULE_CATALOGUE[1].en, 0)))
    workbook = build_workbook(problem, lang=lang)
    # every sheet but the year's `Promotions` (a Problem is one cohort)
    assert workbook.sheetnames == [label.text(lang) for sheet, label in SHEETS.items() if sheet != "cohorts"]
    weights = workbook[SHEETS["weights"].text(lang)]
    assert [c.value for c in weights[1]] == [label.text(lang) for label in COLUMNS["weights"].values()]
    read = round_trip(problem, lang)
    assert read.weights == problem.weights and read.closures == renumbered(problem).closures
    assert read == renumbered(problem)


def test_the_english_workbook_speaks_english(tmp_path):
    problem = tiny_problem()
    write_problem(problem, tmp_path / "en.xlsx", lang="en")
    workbook = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert workbook.sheetnames[:3] == ["Programme", "Themes", "Organisations"]
    offers = list(workbook["Offers"].iter_rows(values_only=True))
    assert offers[0][:6] == ("ID", "speaker", "title", "theme", "Format", "duration_h")
    assert {row[4] for row in offers[1:]} == {"Conference", "Workshop", "Coaching"}
    assert {row[8] for row in offers[1:]} == {"yes", None}
    windows = list(workbook["Availability"].iter_rows(min_row=2, values_only=True))
    assert {row[2] for row in windows} == {None, "Tuesday", "Thursday"} and "preferred" in {row[7] for row in windows}
    settings_ = dict(workbook["Programme"].iter_rows(min_row=2, values_only=True))
    assert settings_["days"] == "mon tue wed thu fri" and settings_["holidays"] == "FR"


def test_a_text_starting_with_equals_stays_text(tmp_path):
    problem = tiny_problem()
    problem = replace(problem, themes=(Theme("A", "=SOMME(1;2)"),))
    write_problem(problem, tmp_path / "p.xlsx")
    assert load(tmp_path / "p.xlsx").themes[0].description == "=SOMME(1;2)"
