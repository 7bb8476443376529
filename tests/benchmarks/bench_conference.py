"""conference-scheduler (PuLP/CBC), modelling our hard rules as closely as its vocabulary allows.

Its model is rooms x fixed slots: one event per slot, every event scheduled exactly once, an
event kept out of listed slots, and two events kept out of overlapping slots only when they
share a tag or list each other. Here:
- one venue, the cohort's room, with one slot per working half-day (so a half-day holds one
  session: a visit's whole half-day holds, two short sessions can never share a half-day);
- each event (one occurrence of an offer) is unavailable in every half-day where the offer has
  no legal start (speaker windows, phase weeks, fixed events: rules 1, 2);
- one overflow slot per event in a far-away "unplaced" room, and our own objective (fewest
  events in it), because the library insists on scheduling every event;
- the session's time inside its half-day is the offer's earliest legal start there.
It cannot express: hours per day (rule 5), sessions per theme (6), per organisation (7) or per
speaker (3, `Max séances`), occurrences of one offer in different weeks (8), required offers
(8), nor a group session beside another group's (all audiences share the one room).
Finer slots (every grid start) would need a shared tag on all cohort events and then one
constraint per pair of overlapping slots per pair of events: millions already for one cohort.
"""
from __future__ import annotations

import datetime as dt
import time

import pulp
from conference_scheduler import scheduler as cs
from conference_scheduler.resources import Event, Slot

from bench_instances import Prepared


def run(prepared: Prepared, seconds: float) -> dict:
    started = time.monotonic()
    calendar = prepared.calendar
    half_days = calendar.half_days
    days = sorted({c.day for cs_ in prepared.candidates.values() for c in cs_})
    real = [Slot(venue="Cohorte", starts_at=dt.datetime.combine(day, dt.time(*divmod(half_days[h][0], 60))),
                 duration=half_days[h][1] - half_days[h][0], capacity=0, session=f"{day}-{h}")
            for day in days for h in (0, 1)]
    key_of = {slot: (day, h) for slot, (day, h) in zip(real, ((d, h) for d in days for h in (0, 1)))}
    events, offers = [], []
    far = dt.datetime(2100, 1, 1)
    overflow = []
    for offer in prepared.problem.offers:
        starts = prepared.candidates.get(offer.id, [])
        open_half_days = {(c.day, c.half_day) for c in starts}
        unavailable = [slot for slot in real if key_of[slot] not in open_half_days]
        for n in range(offer.count):
            events.append(Event(f"{offer.id}#{n}", offer.duration_minutes, 0, unavailability=unavailable))
            offers.append(offer)
            overflow.append(Slot(venue="non placé", starts_at=far + dt.timedelta(days=len(overflow)),
                                 duration=24 * 60, capacity=0, session=f"overflow-{len(overflow)}"))
    slots = real + overflow
    first_overflow = len(real)

    def fewest_unplaced(events, slots, X, beta=None, **kwargs):
        return pulp.lpSum(X[e, s] for e in range(len(events)) for s in range(first_overflow, len(slots)))

    built = time.monotonic()
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=max(1, int(seconds)), threads=2)
    solution = cs.solution(events, slots, objective_function=fewest_unplaced, solver=solver)
    solved = time.monotonic()
    picked = []
    for event_index, slot_index in solution:
        if slot_index >= first_overflow:
            continue
        day, half = key_of[slots[slot_index]]
        offer = offers[event_index]
        picked.append(next(c for c in prepared.candidates[offer.id] if c.day == day and c.half_day == half))
    return {"picked": picked, "build_seconds": built - started, "solve_seconds": solved - built,
            "wall_seconds": solved - started, "events": len(events), "slots": len(slots)}
