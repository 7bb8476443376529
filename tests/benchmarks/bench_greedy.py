"""Greedy first fit: what a coordinator does by hand.

Required offers first, then the others in workbook order; each occurrence goes to the earliest
legal start (from `scheduler.core.candidates`) that keeps every hard rule with what is already
placed. Nothing is ever moved back, so theme minimums are met only if first fit happens to meet them.
"""
from __future__ import annotations

from collections import defaultdict

from scheduler.core.domain import COHORT, VISIT
from scheduler.core.candidates import Candidate

from bench_instances import Prepared


def first_fit(prepared: Prepared) -> list[Candidate]:
    """Earliest legal start for each occurrence in turn, or none."""
    problem = prepared.problem
    programme = problem.programme
    half_days = prepared.calendar.half_days
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    max_of = {s.name: s.max_sessions for s in problem.speakers}
    groups = sorted({p.id for p in problem.projects} | {o.project for o in problem.offers if o.project}
                    | {e.audience for e in prepared.events if e.audience != COHORT})
    fixed_minutes: dict[tuple, int] = defaultdict(int)
    for event in prepared.events:
        fixed_minutes[(event.day, event.audience)] += event.end - event.start

    placed: list[tuple[Candidate, object]] = []  # (candidate, offer)
    by_day: dict = defaultdict(list)
    speaker_count: dict[str, int] = defaultdict(int)
    organisation_count: dict[str, int] = defaultdict(int)
    offer_weeks: dict[str, set[int]] = defaultdict(set)

    def meet(a: str, b: str) -> bool:
        return a == COHORT or b == COHORT or a == b

    def fits(offer, candidate: Candidate) -> bool:
        if max_of[offer.speaker] is not None and speaker_count[offer.speaker] >= max_of[offer.speaker]:
            return False
        if candidate.week in offer_weeks[offer.id]:
            return False
        organisation = organisation_of[offer.speaker]
        if candidate.phase == 1 and organisation_count[organisation] >= programme.max_sessions_per_organisation:
            return False
        half_start, half_end = half_days[candidate.half_day]
        for other, other_offer in by_day[candidate.day]:
            overlap = candidate.start < other.end and other.start < candidate.end
            if overlap and other_offer.speaker == offer.speaker:
                return False
            if not meet(offer.audience, other_offer.audience):
                continue
            if overlap:
                return False
            same_half = other.half_day == candidate.half_day
            if same_half and VISIT in (offer.format, other_offer.format):
                return False
        audiences = [COHORT, *groups] if offer.audience == COHORT else [offer.audience]
        for audience in audiences:
            minutes = candidate.end - candidate.start + fixed_minutes[(candidate.day, COHORT)]
            if audience != COHORT:
                minutes += fixed_minutes[(candidate.day, audience)]
            minutes += sum(c.end - c.start for c, o in by_day[candidate.day] if o.audience in (COHORT, audience))
            if minutes > programme.max_minutes_per_day:
                return False
        return True

    order = sorted(problem.offers, key=lambda offer: not offer.required)
    for offer in order:
        for _ in range(offer.count):
            chosen = next((c for c in prepared.candidates.get(offer.id, []) if fits(offer, c)), None)
            if chosen is None:
                break
            placed.append((chosen, offer))
            by_day[chosen.day].append((chosen, offer))
            speaker_count[offer.speaker] += 1
            offer_weeks[offer.id].add(chosen.week)
            if chosen.phase == 1:
                organisation_count[organisation_of[offer.speaker]] += 1
    return [candidate for candidate, _ in placed]
