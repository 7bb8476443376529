"""Tiny instances built in code, for the rule tests: a programme starting Monday 2 November 2026,
one organisation per speaker unless told otherwise, windows on given dates."""
from __future__ import annotations

import datetime as dt

from scheduler.checker import violations
from scheduler.core.domain import COACHING, COMPANY, CONFERENCE, MENTORING, Offer, Organisation, Problem, Programme, Speaker, Theme, Window
from scheduler.solver.solve import SolveOptions, solve

MONDAY = dt.date(2026, 11, 2)  # programme week 1; 11 November 2026 (a Wednesday) is a holiday
H = 60


def problem(offers, windows, *, speakers=None, events=(), projects=(), themes=("A",), **programme) -> Problem:
    settings = dict(weeks=4, phase1_weeks=2, min_sessions_per_theme=0)
    settings.update(programme)
    names = speakers or sorted({o.speaker for o in offers})
    speaker_objects = tuple(s if isinstance(s, Speaker) else Speaker(s, "Org " + s) for s in names)
    organisations = tuple(Organisation(o, COMPANY) for o in sorted({s.organisation for s in speaker_objects}))
    return Problem(Programme("Test", MONDAY, **settings), themes=tuple(Theme(t) for t in themes),
                   organisations=organisations, speakers=speaker_objects, offers=tuple(offers),
                   windows=tuple(windows), events=tuple(events), projects=tuple(projects))


def plan(p: Problem):
    result = solve(p, SolveOptions(time_limit=10, workers=1))
    assert violations(p, result.timetable) == []
    return result


def offer(offer_id, speaker, minutes=2 * H, fmt=CONFERENCE, **kw) -> Offer:
    kw.setdefault("phase", 1 if fmt not in (MENTORING, COACHING) else (2 if fmt == MENTORING else None))
    return Offer(offer_id, speaker, f"Titre {offer_id}", kw.pop("theme", "A"), fmt, minutes, **kw)


def on(speaker, day=MONDAY, start=9 * H, end=12 * H + 30, **kw) -> Window:
    return Window(speaker, date=day, start=start, end=end, **kw)
