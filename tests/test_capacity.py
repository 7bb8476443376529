"""The capacity analysis (core/capacity.py) behind both the `check` warnings and the exit-3 diagnosis:
they count from the same legal starts, so a fixed event that takes an offer's only slot is seen by both."""
from __future__ import annotations

from scheduler.core.capacity import Capacity, capped_phase_one_supply
from scheduler.core.domain import FixedEvent, Speaker
from scheduler.solver.diagnose import counting_checks
from scheduler.workbook.likely_mistakes import likely_mistakes
from tiny import H, MONDAY, offer, on, problem


def themed(blocked: bool):
    """Theme B's only offer I2 is free on Monday morning only; a forum may take that morning."""
    events = [FixedEvent("Forum", 9 * H, 12 * H + 30, date=MONDAY)] if blocked else []
    offers = [offer("I1", "S1"), offer("I2", "S2", theme="B")]
    windows = [on("S1", MONDAY.replace(day=3)), on("S2")]
    return problem(offers, windows, events=events, themes=("A", "B"), min_sessions_per_theme=1)


def test_a_fixed_event_on_the_only_slot_is_seen_by_the_warnings_and_the_diagnosis():
    p = themed(blocked=True)
    assert Capacity.of(p).phase_one_possible(p.offer("I2")) == 0
    warnings = {(w.sheet, w.value): w.message.en for w in likely_mistakes(p)}
    assert "at most 0 possible phase-1 sessions for a minimum of 1" in warnings[("Thèmes", "B")]
    assert "it will never be placed" in warnings[("Interventions", "I2")]
    assert "'Forum' (Events, row 0)" in warnings[("Interventions", "I2")]
    (reason,) = counting_checks(p)
    assert "theme 'B'" in reason.en and "at most 0 possible phase-1 sessions" in reason.en and "'Forum'" in reason.en


def test_its_twin_without_the_event_warns_nothing():
    p = themed(blocked=False)
    assert Capacity.of(p).phase_one_possible(p.offer("I2")) == 1
    assert likely_mistakes(p) == []
    assert counting_checks(p) == []


def test_capped_supply_applies_speaker_maximum_then_organisation_cap():
    speakers = [Speaker("S1", "Org", max_sessions=1), Speaker("S2", "Org"), Speaker("S3", "Other")]
    offers = [offer("I1", "S1", count=2), offer("I2", "S2", count=2), offer("I3", "S3", count=2)]
    p = problem(offers, [], speakers=speakers, max_sessions_per_organisation=2)
    # S1: min(1, 2) = 1, S2: 2 -> Org: min(2, 3) = 2; Other: 2
    assert capped_phase_one_supply(p, list(p.offers), lambda o: 2) == 4
    assert capped_phase_one_supply(p, [p.offer("I1")], lambda o: 2) == 1
