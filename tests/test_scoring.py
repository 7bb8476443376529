"""The soft-rule registry and the solver-free scorer (scheduler/core/scoring.py).

The scorer must count exactly what the model's expressions count: on realistic instances we let
CP-SAT pick arbitrary valid timetables (random objectives, soft rules not minimised, so every
helper variable is left to its channelling) and compare rule by rule; on tiny instances we compare
at the optimum and on timetables written by hand."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import violations
from scheduler.core.domain import COHORT, MENTORING, FixedEvent, Offer, Project, Session, Speaker, Timetable
from scheduler.core.scoring import SCORERS, soft_penalty, soft_scores, weighted_penalty
from scheduler.nancy import nancy_problem
from scheduler.core.soft_rules import DEFAULT_WEIGHTS, PARTS, SOFT_RULE_CATALOGUE, find_soft_rule
from scheduler.solver.groups import form_groups
from scheduler.solver.objective import SOFT_RULES, combined_penalty
from scheduler.solver.solve import build_model, sessions_from
from scheduler.synthetic import generate
from tiny import H, MONDAY, offer, on, plan, problem

ROOT = Path(__file__).resolve().parents[1]


def test_every_soft_rule_has_every_part():
    labels = [rule.label for rule in SOFT_RULE_CATALOGUE]
    assert labels == list(SOFT_RULES) == list(SCORERS)  # one order everywhere: the data file's
    for rule in SOFT_RULE_CATALOGUE:
        for part in PARTS:
            value = getattr(rule, part)
            assert value not in ("", None), (rule.label, part)
        assert isinstance(rule.weight, int) and rule.weight >= 0
        assert SOFT_RULES[rule.label].__name__ == SCORERS[rule.label].__name__ == rule.label
        assert SOFT_RULES[rule.label].__doc__
        assert find_soft_rule(rule.fr) == find_soft_rule(rule.en.upper()) == find_soft_rule(rule.label) == rule


def test_docs_rules_soft_section_names_the_same_rules_with_their_default_weights():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    soft = text[text.index("## Règles souples"):]
    soft = soft[:soft.index("\n### ")]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \| (\d+) \|", soft, flags=re.MULTILINE)
    assert {label: int(weight) for label, _, _, weight in rows} == DEFAULT_WEIGHTS
    for label, fr, en, _ in rows:
        assert find_soft_rule(label).fr == fr.strip() and find_soft_rule(label).en == en.strip()


def _random_valid_timetable(p, seed: int):
    """A valid timetable CP-SAT picks for a random objective, and each soft rule's model value in it."""
    pm = build_model(p)
    _, terms = combined_penalty(pm)
    rng = random.Random(seed)
    pm.model.Maximize(sum(rng.randint(1, 9) * placement.chosen for placement in pm.placements))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = 1.5
    assert solver.Solve(pm.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    picked = [pl.candidate for pl in pm.placements if solver.BooleanValue(pl.chosen)]
    timetable = Timetable(sessions_from(p, picked, pm.events), groups=form_groups(p).groups)
    values = {label: term if isinstance(term, int) else round(solver.Value(term)) for label, term in terms.items()}
    return timetable, values


@pytest.mark.parametrize("name, build, seed", [
    ("nancy", nancy_problem, 1),
    ("synthetic", lambda: generate(seed=3, scale=1.0), 2),
    ("over-subscribed", lambda: generate(seed=2, scale=1.0, oversubscribed=True), 3),
])
def test_scorer_equals_the_model_on_any_valid_timetable(name, build, seed):
    p = build()
    timetable, model_values = _random_valid_timetable(p, seed)
    assert violations(p, timetable) == []
    scores = soft_scores(p, timetable)
    assert model_values.keys() == DEFAULT_WEIGHTS.keys()  # every rule is built at the default weights
    assert scores == model_values
    assert sum(model_values.values()) > 0, "a random timetable should pay some soft rule"
    assert soft_penalty(p, timetable) == sum(DEFAULT_WEIGHTS[label] * value for label, value in model_values.items())


def test_scorer_equals_the_penalty_the_solve_reports():
    p = problem([offer("I1", "S1", minutes=H), offer("I2", "S2", theme="B"), offer("I3", "S3")],
                [on("S1"), on("S2", preferred=True, start=13 * H + 30, end=17 * H), on("S2", MONDAY.replace(day=3)),
                 on("S3", MONDAY.replace(day=9))], themes=("A", "B"))
    result = plan(p)
    scores = soft_scores(p, result.timetable)
    assert {label: scores[label] for label in result.soft_scores} == result.soft_scores
    assert weighted_penalty(p, scores) == result.penalty > 0


def _session(offer_: Offer, day, start: int, week: int, phase: int) -> Session:
    return Session(f"{offer_.id}-{day:%d}", offer_.id, day, start, start + offer_.duration_minutes, week, phase,
                   offer_.title, offer_.theme, offer_.format, offer_.speaker, audience=offer_.audience)


def test_scorer_counts_a_hand_written_timetable():
    """A timetable a coordinator wrote: one lone hour, an overloaded day, a late and gapped mentoring."""
    short, long_one, other = offer("I1", "S1", minutes=H), offer("I2", "S2", minutes=3 * H), offer("I3", "S3", minutes=3 * H, theme="B")
    mentor = Offer("M1", "Mentor", "Suivi", "A", MENTORING, 2 * H, phase=2, count=3, project="P1")
    week = [MONDAY + dt.timedelta(weeks=w) for w in range(4)]
    p = problem([short, long_one, other, mentor],
                [on("S1"), on("S2", start=9 * H, end=17 * H), on("S3", start=13 * H + 30, end=17 * H)]
                + [on("Mentor", day) for day in week],
                speakers=[Speaker(n, "Org " + n) for n in ("S1", "S2", "S3", "Mentor")],
                projects=(Project("P1", "Projet", "Org Mentor"),), themes=("A", "B"))
    timetable = Timetable((
        _session(short, MONDAY, 9 * H, 1, 1),  # alone on Monday: a lone short day
        _session(long_one, MONDAY.replace(day=3), 9 * H, 1, 1),  # Tuesday: 3 h + 3 h = 6 h, 2 h beyond 4 h
        _session(other, MONDAY.replace(day=3), 13 * H + 30, 1, 1),
        _session(mentor, week[2], 9 * H, 3, 2),  # week 3 of possible weeks 3-4 (phase 2)
    ))
    scores = soft_scores(p, timetable)
    assert scores["lone_short_days"] == 1
    assert scores["overloaded_days"] == 4  # four half-hours beyond two thirds of 6 h
    assert scores["theme_weeks_missed"] == 2  # theme A in week 1 only, theme B in week 1 only
    assert scores["theme_twice_a_day"] == 0 and scores["mentoring_late_start"] == 0
    moved = dataclasses.replace(timetable, sessions=timetable.sessions[:3] + (
        _session(mentor, week[3], 9 * H, 4, 2),))
    assert soft_scores(p, moved)["mentoring_late_start"] == 1  # week 3 possible, first session in week 4


def test_scorer_counts_fixed_events_in_the_day_load():
    event = FixedEvent("Accueil", 9 * H, 10 * H, date=MONDAY)
    p = problem([offer("I1", "S1")], [on("S1", MONDAY.replace(day=3))], events=(event,))
    alone = Timetable((Session("EV", "", MONDAY, 9 * H, 10 * H, 1, 1, "Accueil", audience=COHORT),))
    assert soft_scores(p, alone)["lone_short_days"] == 1
