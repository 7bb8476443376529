"""Our soft rules (SPEC §3) as Timefold constraint streams, for `bench_timefold.py`.

One stream (or two, where a day or a rhythm has two sides) per rule of `data/soft_rules.toml`, named
after its label, counting what `scheduler.core.scoring` (the reference: each function there says the
rule in code) counts, weighted as `plan` weighs it (defaults, then the workbook's `Poids`). The
"nothing there" rules (a theme, type or format missing from a week) are `if_not_exists` over facts
listing every (theme, week) etc.; day loads are the fixed events' slots (a fact) plus the cohort
sessions' slots; mentoring rules group one offer's occurrences by their week's index among the
offer's possible weeks. The soft score is then minus our scorer's weighted penalty, which
`tests/test_bench_timefold.py` checks on whole timetables.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from scheduler.core.domain import COHORT, CONFERENCE, VISIT, WORKSHOP

from bench_instances import Prepared

from timefold.solver.score import ConstraintCollectors, ConstraintFactory, HardMediumSoftScore, Joiners

WEIGHTS: dict[str, int] = {}  # label -> points, set before the solver is built
DISCOVERY_FORMATS = (CONFERENCE, WORKSHOP, VISIT)


@dataclass
class ThemeWeek:
    """A discovery week a theme should appear in (problem fact)."""

    id: int
    theme: str
    week: int


@dataclass
class KindWeek:
    """A discovery week an organisation type should appear in (problem fact)."""

    id: int
    kind: str
    week: int


@dataclass
class FormatWeek:
    """A discovery week a format should appear in (problem fact)."""

    id: int
    format: str
    week: int


@dataclass
class DayLoad:
    """One day's cohort load before any session: its fixed events' grid slots (problem fact)."""

    id: int
    day: int  # date ordinal
    base: int
    comfortable: int  # slots beyond which the day is overloaded
    short: int  # a day of at most this many slots (and more than none) is a lone short day


def soft_facts(prepared: Prepared) -> tuple[list[ThemeWeek], list[KindWeek], list[FormatWeek], list[DayLoad]]:
    """The facts the soft streams join against, from the problem, its calendar and legal starts."""
    problem, calendar = prepared.problem, prepared.calendar
    weeks = list(calendar.weeks_of_phase(1))
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    kind_of = {o.name: o.kind for o in problem.organisations}
    in_phase_one = [offer for offer in problem.offers if any(c.phase == 1 for c in prepared.candidates.get(offer.id, ()))]
    themes = sorted({offer.theme for offer in problem.offers if offer.phase in (1, None)})
    kinds = sorted({kind_of.get(organisation_of.get(offer.speaker, ""), "") for offer in in_phase_one} - {""})
    formats = sorted({offer.format for offer in in_phase_one if offer.format in DISCOVERY_FORMATS})
    theme_weeks = [ThemeWeek(i, theme, week) for i, (theme, week) in enumerate((t, w) for t in themes for w in weeks)]
    kind_weeks = [KindWeek(i, kind, week) for i, (kind, week) in enumerate((k, w) for k in kinds for w in weeks)]
    format_weeks = [FormatWeek(i, fmt, week) for i, (fmt, week) in enumerate((f, w) for f in formats for w in weeks)]
    programme = problem.programme
    slot = programme.slot_minutes
    minutes: Counter = Counter()
    for event in prepared.events:
        if event.audience == COHORT:
            minutes[event.day.toordinal()] += event.end - event.start
    cohort_offers = {offer.id for offer in problem.offers if offer.audience == COHORT}
    days = set(minutes) | {c.day.toordinal() for offer_id in cohort_offers for c in prepared.candidates.get(offer_id, ())}
    comfortable = (2 * programme.max_minutes_per_day // 3) // slot
    short = max(1, 60 // slot)
    day_loads = [DayLoad(i, day, minutes[day] // slot, comfortable, short) for i, day in enumerate(sorted(days))]
    return theme_weeks, kind_weeks, format_weeks, day_loads


def soft_rules(factory: ConstraintFactory, occurrence: type) -> list:
    """Every soft rule with a weight above zero, as constraint streams named after their labels."""
    weight = dict(WEIGHTS)
    streams = {
        "theme_weeks_missed": [
            factory.for_each(ThemeWeek)
            .if_not_exists(occurrence, Joiners.equal(lambda f: f.theme, lambda o: o.theme),
                           Joiners.equal(lambda f: f.week, lambda o: o.start.week),
                           Joiners.filtering(lambda f, o: o.start.phase == 1))],
        "theme_twice_a_day": [
            factory.for_each(occurrence)
            .group_by(lambda o: o.theme, lambda o: o.start.day, ConstraintCollectors.count())
            .filter(lambda theme, day, n: n > 1)],
        "organisation_twice_a_week": [
            factory.for_each(occurrence)
            .group_by(lambda o: o.organisation, lambda o: o.start.week, ConstraintCollectors.count())
            .filter(lambda organisation, week, n: n > 1)],
        "organisation_types_missing": [
            factory.for_each(KindWeek)
            .if_not_exists(occurrence, Joiners.equal(lambda f: f.kind, lambda o: o.kind),
                           Joiners.equal(lambda f: f.week, lambda o: o.start.week),
                           Joiners.filtering(lambda f, o: o.start.phase == 1))],
        "formats_missing": [
            factory.for_each(FormatWeek)
            .if_not_exists(occurrence, Joiners.equal(lambda f: f.format, lambda o: o.format),
                           Joiners.equal(lambda f: f.week, lambda o: o.start.week),
                           Joiners.filtering(lambda f, o: o.start.phase == 1))],
        "overloaded_days": [
            _day_loads(factory, occurrence).filter(lambda d, n: d.base + n > d.comfortable),
            _empty_days(factory, occurrence).filter(lambda d: d.base > d.comfortable)],
        "lone_short_days": [
            _day_loads(factory, occurrence).filter(lambda d, n: 0 < d.base + n <= d.short),
            _empty_days(factory, occurrence).filter(lambda d: 0 < d.base <= d.short)],
        "preferred_windows_missed": [factory.for_each(occurrence).filter(lambda o: o.start.outside_preferred)],
        "mentoring_week_gaps": [
            factory.for_each(occurrence).filter(lambda o: o.mentoring_gaps)
            .group_by(lambda o: o.offer_id, ConstraintCollectors.min(lambda o: o.start.week_index),
                      ConstraintCollectors.max(lambda o: o.start.week_index), ConstraintCollectors.count())
            .filter(lambda offer, first, last, n: last - first + 1 - n > 0)],
        "mentoring_late_start": [
            factory.for_each(occurrence).filter(lambda o: o.mentoring_late)
            .group_by(lambda o: o.offer_id, ConstraintCollectors.min(lambda o: o.start.week_index))
            .filter(lambda offer, first: first > 0)],
        "mentoring_rhythm_changes": [_off_the_usual(factory, occurrence, lambda o: o.start.weekday),
                                     _off_the_usual(factory, occurrence, lambda o: o.start.start)],
    }
    amounts = {  # the units of penalty of one match, by rule; absent: one
        "theme_twice_a_day": [lambda theme, day, n: n - 1],
        "organisation_twice_a_week": [lambda organisation, week, n: n - 1],
        "overloaded_days": [lambda d, n: d.base + n - d.comfortable, lambda d: d.base - d.comfortable],
        "mentoring_week_gaps": [lambda offer, first, last, n: last - first + 1 - n],
        "mentoring_late_start": [lambda offer, first: first],
        "mentoring_rhythm_changes": [lambda offer, total, most: total - most] * 2,
    }
    constraints = []
    for label, label_streams in streams.items():
        if weight.get(label, 0) <= 0:
            continue
        points = HardMediumSoftScore.of_soft(weight[label])
        for index, stream in enumerate(label_streams):
            name = label if index == 0 else f"{label} ({index + 1})"
            amount = amounts.get(label, [None] * len(label_streams))[index]
            built = stream.penalize(points) if amount is None else stream.penalize(points, amount)
            constraints.append(built.as_constraint(name))
    return constraints


def _day_loads(factory: ConstraintFactory, occurrence: type):
    """(day, slots of its cohort sessions) for each day with at least one."""
    return (factory.for_each(DayLoad)
            .join(occurrence, Joiners.equal(lambda d: d.day, lambda o: o.start.day),
                  Joiners.filtering(lambda d, o: o.cohort))
            .group_by(lambda d, o: d, ConstraintCollectors.sum(lambda d, o: o.start.slots)))


def _empty_days(factory: ConstraintFactory, occurrence: type):
    """Days with no cohort session (their load is their fixed events')."""
    return (factory.for_each(DayLoad)
            .if_not_exists(occurrence, Joiners.equal(lambda d: d.day, lambda o: o.start.day),
                           Joiners.filtering(lambda d, o: o.cohort)))


def _off_the_usual(factory: ConstraintFactory, occurrence: type, slot_of):
    """(offer, its sessions, the most on one usual slot) for each mentoring offer the rhythm rule follows."""
    return (factory.for_each(occurrence).filter(lambda o: o.mentoring_rhythm)
            .group_by(lambda o: o.offer_id, slot_of, ConstraintCollectors.count())
            .group_by(lambda offer, slot, n: offer, ConstraintCollectors.sum(lambda offer, slot, n: n),
                      ConstraintCollectors.max(lambda offer, slot, n: n))
            .filter(lambda offer, total, most: total > most))
