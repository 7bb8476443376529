"""Each soft rule on a tiny instance: two legal timetables, the better one for that rule wins.

Against each rule we pit a speaker's preferred window (weight 1): with the rule switched on,
the timetable the rule favours is chosen; with the rule's weight at 0, the preference wins. So
each test shows that the rule, and nothing else, made the difference."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scheduler.core.domain import ASSOCIATION, COMPANY, Organisation, Speaker, Window
from scheduler.core.errors import InvalidWorkbook
from scheduler.soft_rules import DEFAULT_WEIGHTS, find_soft_rule
from scheduler.solver.objective import SOFT_RULES
from scheduler.workbook.reading import load
from tiny import H, MONDAY, offer, on, plan, problem

TUESDAY = MONDAY + dt.timedelta(days=1)
NEXT_MONDAY = MONDAY + dt.timedelta(days=7)


def only(rule: str, weight: int | None = None) -> tuple[tuple[str, int], ...]:
    """Weights with every rule off but `rule` and the preferred windows."""
    chosen = {label: 0 for label in DEFAULT_WEIGHTS}
    chosen[rule] = DEFAULT_WEIGHTS[rule] if weight is None else weight
    chosen["preferred_windows_missed"] = 1
    return tuple(chosen.items())


def day_of(p, offer_id: str, rule: str, weight: int | None = None) -> dt.date:
    result = plan(dataclasses.replace(p, weights=only(rule, weight)))
    return next(s.day for s in result.timetable.sessions if s.offer_id == offer_id)


def test_every_soft_rule_has_a_name_and_a_default_weight():
    assert set(SOFT_RULES) == set(DEFAULT_WEIGHTS)
    for label in SOFT_RULES:
        rule = find_soft_rule(label)
        assert rule is not None and find_soft_rule(rule.fr) == rule and find_soft_rule(rule.en.upper()) == rule


def test_theme_twice_a_day():
    p = problem([offer("I1", "S1"), offer("I2", "S2")],
                [on("S1"), on("S2", start=13 * H + 30, end=17 * H, preferred=True), on("S2", TUESDAY)])
    assert day_of(p, "I2", "theme_twice_a_day") == TUESDAY
    assert day_of(p, "I2", "theme_twice_a_day", 0) == MONDAY


def test_theme_weeks_missed():
    p = problem([offer("I1", "S1"), offer("I2", "S2")],
                [on("S1"), on("S2", TUESDAY, preferred=True), on("S2", NEXT_MONDAY)])
    assert day_of(p, "I2", "theme_weeks_missed") == NEXT_MONDAY
    assert day_of(p, "I2", "theme_weeks_missed", 0) == TUESDAY


def test_organisation_twice_a_week():
    speakers = [Speaker("S1", "Org"), Speaker("S2", "Org")]
    p = problem([offer("I1", "S1"), offer("I2", "S2", theme="B")],
                [on("S1"), on("S2", TUESDAY, preferred=True), on("S2", NEXT_MONDAY)], speakers=speakers,
                themes=("A", "B"))
    assert day_of(p, "I2", "organisation_twice_a_week") == NEXT_MONDAY
    assert day_of(p, "I2", "organisation_twice_a_week", 0) == TUESDAY


def test_organisation_types_missing():
    base = problem([offer("I1", "S1"), offer("I2", "S2", theme="B")],
                   [on("S1"), on("S2", TUESDAY, preferred=True), on("S2", NEXT_MONDAY)], themes=("A", "B"))
    p = dataclasses.replace(base, organisations=(Organisation("Org S1", COMPANY), Organisation("Org S2", COMPANY)))
    assert day_of(p, "I2", "organisation_types_missing") == NEXT_MONDAY
    assert day_of(p, "I2", "organisation_types_missing", 0) == TUESDAY
    mixed = dataclasses.replace(base, organisations=(Organisation("Org S1", COMPANY),
                                                     Organisation("Org S2", ASSOCIATION)))
    assert day_of(mixed, "I2", "organisation_types_missing") == TUESDAY  # either week misses two: preference wins


def test_formats_missing():
    p = problem([offer("I1", "S1"), offer("I2", "S2", theme="B")],
                [on("S1"), on("S2", TUESDAY, preferred=True), on("S2", NEXT_MONDAY)], themes=("A", "B"))
    assert day_of(p, "I2", "formats_missing") == NEXT_MONDAY
    assert day_of(p, "I2", "formats_missing", 0) == TUESDAY


def test_overloaded_days():
    p = problem([offer("I1", "S1", minutes=3 * H), offer("I2", "S2", theme="B")],
                [on("S1", end=12 * H), on("S2", start=13 * H + 30, end=17 * H, preferred=True), on("S2", TUESDAY)],
                themes=("A", "B"))
    assert day_of(p, "I2", "overloaded_days") == TUESDAY
    assert day_of(p, "I2", "overloaded_days", 0) == MONDAY


def test_lone_short_days():
    p = problem([offer("I1", "S1", minutes=H), offer("I2", "S2", theme="B")],
                [on("S1", TUESDAY, preferred=True), on("S1", start=13 * H + 30, end=17 * H), on("S2", end=11 * H)],
                themes=("A", "B"))
    assert day_of(p, "I1", "lone_short_days") == MONDAY
    assert day_of(p, "I1", "lone_short_days", 0) == TUESDAY


def test_weights_from_the_workbook_accept_french_names():
    p = problem([offer("I1", "S1"), offer("I2", "S2")],
                [on("S1"), on("S2", TUESDAY, preferred=True), on("S2", NEXT_MONDAY)])
    french = find_soft_rule("theme_weeks_missed").fr
    weights = tuple((find_soft_rule(label).fr, 0) for label in DEFAULT_WEIGHTS) + ((french, 20),
                                                                                 ("Séances hors des créneaux préférés", 1))
    result = plan(dataclasses.replace(p, weights=weights))
    assert next(s.day for s in result.timetable.sessions if s.offer_id == "I2") == NEXT_MONDAY


def test_one_worker_and_a_seed_give_the_same_timetable():
    windows = [Window(f"S{i}", weekday=i % 5) for i in range(4)]
    p = problem([offer(f"I{i}", f"S{i}", count=2) for i in range(4)], windows)
    first = plan(p).timetable.sessions
    assert plan(p).timetable.sessions == first


def weights_sheet_error(tmp_path, rows: list[list]):
    """The one error `load` reports for the Nancy workbook given a `Poids` sheet with `rows`."""
    source = tmp_path / "poids.xlsx"
    shutil.copy(Path(__file__).resolve().parents[1] / "examples" / "nancy-novembre-2026.xlsx", source)
    workbook = load_workbook(source)
    sheet = workbook.create_sheet("Poids")
    for row in [["Règle", "Poids"], *rows]:
        sheet.append(row)
    workbook.save(source)
    with pytest.raises(InvalidWorkbook) as raised:
        load(source)
    [error] = raised.value.errors
    return error


def test_an_unknown_rule_in_the_weights_sheet_is_a_located_error(tmp_path):
    error = weights_sheet_error(tmp_path, [["Journées surchargées (demi-heures au-delà des deux tiers du maximum)", 5],
                                           ["Règle qui n'existe pas", 3]])
    assert (error.sheet, error.row, error.column) == ("Poids", 3, "Règle")


def test_the_same_rule_twice_in_the_weights_sheet_is_a_located_error(tmp_path):
    error = weights_sheet_error(tmp_path, [["theme_weeks_missed", 5], ["Semaines de découverte sans le thème", 50]])
    assert (error.sheet, error.row, error.column) == ("Poids", 3, "Règle") and "ligne 2" in error.message.fr
