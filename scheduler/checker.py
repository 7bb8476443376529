"""An independent re-check of every hard rule (SPEC §2) on a finished timetable.

This module shares no code with the solver nor with ``scheduler.core.calendar``: it recomputes the
programme's calendar on its own, so that a mistake in one is caught by the other. It is what
``scheduler verify`` runs on a timetable edited by hand, and what every test that solves asserts.

Each rule is one function ``check_<rule>(facts) -> list[Violation]``; ``violations`` runs them all.
Times are whole minutes since midnight; no floating point anywhere.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import holidays as holidays_lib

from scheduler.core.domain import (
    COHORT, VISIT, FixedEvent, Offer, Problem, Programme, Session, Speaker, Timetable, Window,
)

EXTRA_WEEKS = 104
"""How many calendar weeks past the nominal end the programme may run on when weeks are empty."""

NO_HOLIDAY_CODES = {"", "AUCUN", "NONE"}


@dataclass(frozen=True)
class Violation:
    """One broken hard rule: its stable label, the sessions involved, and a sentence in each language."""

    rule: str
    session_ids: tuple[str, ...]
    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


# ---------------------------------------------------------------------------------------------
# Small helpers: times, names, audiences


def hhmm(minutes: int) -> str:
    """540 -> '09:00'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_text(minutes: int) -> str:
    """390 -> '6h30', 360 -> '6h' (exact, no floats)."""
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


def date_fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def is_cohort(audience: str) -> bool:
    """True for the whole cohort ('Cohorte', 'cohort' or empty)."""
    return audience.strip().casefold() in {"cohorte", "cohort", ""}


def audience_key(audience: str) -> str:
    """One spelling per audience: 'cohorte' for the cohort, the folded project ID otherwise."""
    return "cohorte" if is_cohort(audience) else audience.strip().casefold()


def same_people(a: str, b: str) -> bool:
    """Whether two audiences share at least one participant."""
    return is_cohort(a) or is_cohort(b) or audience_key(a) == audience_key(b)


def overlaps(a: Session, b: Session) -> bool:
    return a.day == b.day and a.start < b.end and b.start < a.end


def folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_fr(s: Session, capital: bool = True) -> str:
    """'Séance S1 « Titre » du 02/11/2026 de 09:00 à 11:00'."""
    kind = "Événement" if s.is_event else "Séance"
    kind = kind if capital else kind.lower()
    return f"{kind} {s.session_id} « {s.title} » du {date_fr(s.day)} de {hhmm(s.start)} à {hhmm(s.end)}"


def name_en(s: Session, capital: bool = True) -> str:
    """"Session S1 'Title' on 2026-11-02 from 09:00 to 11:00"."""
    kind = "Event" if s.is_event else "Session"
    kind = kind if capital else kind.lower()
    return f"{kind} {s.session_id} '{s.title}' on {s.day.isoformat()} from {hhmm(s.start)} to {hhmm(s.end)}"


def audience_fr(audience: str) -> str:
    return "la cohorte" if is_cohort(audience) else f"le groupe du projet {audience}"


def audience_en(audience: str) -> str:
    return "the cohort" if is_cohort(audience) else f"project {audience}'s group"


def ids(sessions: Iterable[Session]) -> tuple[str, ...]:
    return tuple(s.session_id for s in sessions)


def by_day(sessions: Iterable[Session]) -> dict[dt.date, list[Session]]:
    days: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.day, s.start, s.end, s.session_id)):
        days[s.day].append(s)
    return days


def overlapping_pairs(sessions: list[Session]) -> Iterable[tuple[Session, Session]]:
    """Every pair of sessions of one day (sorted by start) whose times intersect."""
    for i, a in enumerate(sessions):
        for b in sessions[i + 1:]:
            if b.start >= a.end:
                break
            if overlaps(a, b):
                yield a, b


# ---------------------------------------------------------------------------------------------
# The programme's calendar, recomputed here


def public_holidays(programme: Programme, language: str = "fr") -> dict[dt.date, str]:
    """Public holidays of the programme's calendar code ('FR', 'FR-57', '' for none), by date, named
    in `language` ('fr' or 'en_US')."""
    code = programme.holidays.strip().upper()
    if code in NO_HOLIDAY_CODES:
        return {}
    country, _, subdivision = code.partition("-")
    first = programme.start_date.year
    years = list(range(first, first + 3 + (programme.weeks + EXTRA_WEEKS) // 52))
    found = holidays_lib.country_holidays(country, subdiv=subdivision or None, years=years, language=language)
    return {day: str(label) for day, label in found.items()}


class Calendar:
    """Working days, programme weeks and half-days of one problem's programme."""

    def __init__(self, problem: Problem):
        self.programme = problem.programme
        self.closures = problem.closures
        self.holidays = public_holidays(problem.programme)

    def closure_reason(self, day: dt.date) -> str | None:
        for closure in self.closures:
            if closure.first <= day <= closure.last:
                return closure.reason or "fermeture"
        return None

    def is_open(self, day: dt.date) -> bool:
        """A working weekday, from the start date on, neither a public holiday nor closed."""
        return (day >= self.programme.start_date and day.weekday() in self.programme.weekdays
                and day not in self.holidays and self.closure_reason(day) is None)

    @cached_property
    def weeks(self) -> dict[int, tuple[dt.date, ...]]:
        """Programme week number (1..N) -> its working days; calendar weeks without one are skipped."""
        start = self.programme.start_date
        monday = start - dt.timedelta(days=start.weekday())
        numbered: dict[int, tuple[dt.date, ...]] = {}
        for _ in range(self.programme.weeks + EXTRA_WEEKS):
            if len(numbered) >= self.programme.weeks:
                break
            days = tuple(d for d in (monday + dt.timedelta(days=k) for k in range(7)) if self.is_open(d))
            if days:
                numbered[len(numbered) + 1] = days
            monday += dt.timedelta(days=7)
        return numbered

    @cached_property
    def week_of(self) -> dict[dt.date, int]:
        """Every working day within the programme weeks -> its programme week."""
        return {day: week for week, days in self.weeks.items() for day in days}

    def phase_of_week(self, week: int) -> int:
        return 1 if week <= self.programme.phase1_weeks else 2

    def phase_of_day(self, day: dt.date) -> int | None:
        week = self.week_of.get(day)
        return None if week is None else self.phase_of_week(week)

    def half_days(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.programme.morning, self.programme.afternoon

    def half_day_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The morning or afternoon that holds [start, end], or None."""
        return next((h for h in self.half_days() if h[0] <= start and end <= h[1]), None)

    def half_day_starting(self, start: int) -> tuple[int, int] | None:
        """The morning or afternoon in which `start` falls, or None."""
        return next((h for h in self.half_days() if h[0] <= start < h[1]), None)

    def repeats_on(self, day: dt.date, date: dt.date | None, weekday: int | None,
                   first: dt.date | None, last: dt.date | None) -> bool:
        """Whether a dated or weekly item (window, event) occurs on `day`; weekly ones on working days only."""
        if date is not None:
            return day == date
        if weekday is not None and day.weekday() != weekday:
            return False
        return (first is None or first <= day) and (last is None or day <= last) and self.is_open(day)

    def why_not_working(self, day: dt.date) -> tuple[str, str]:
        """Why `day` is not a working day of the programme, in French and English."""
        p = self.programme
        if day < p.start_date:
            return (f"il précède le début du programme ({date_fr(p.start_date)})",
                    f"it is before the programme starts ({p.start_date.isoformat()})")
        if day.weekday() not in p.weekdays:
            return "ce jour de la semaine n'est pas travaillé", "that weekday is not a working day"
        if day in self.holidays:
            english = public_holidays(p, "en_US").get(day, self.holidays[day])
            return f"c'est un jour férié ({self.holidays[day]})", f"it is a public holiday ({english})"
        reason = self.closure_reason(day)
        if reason is not None:
            closed = next(c for c in self.closures if c.first <= day <= c.last)
            return f"le programme est fermé ({reason})", f"the programme is closed ({closed.reason or 'closure'})"
        last = max(self.weeks) if self.weeks else 0
        return (f"il tombe après la dernière semaine du programme (semaine {last})",
                f"it falls after the programme's last week (week {last})")


# ---------------------------------------------------------------------------------------------
# What every check needs, computed once


class Facts:
    """The problem, the timetable and what is derived from them, shared by the checks."""

    def __init__(self, problem: Problem, timetable: Timetable):
        self.problem = problem
        self.programme = problem.programme
        self.sessions = tuple(sorted(timetable.sessions, key=lambda s: (s.day, s.start, s.end, s.session_id)))
        self.groups = timetable.groups
        self.calendar = Calendar(problem)
        self.offers: dict[str, Offer] = {o.id: o for o in problem.offers}
        self.speakers: dict[str, Speaker] = {s.name: s for s in problem.speakers}

    @cached_property
    def placed(self) -> tuple[Session, ...]:
        """Sessions of a known offer (not events)."""
        return tuple(s for s in self.sessions if not s.is_event and s.offer_id in self.offers)

    @cached_property
    def events(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.is_event)

    def offer_of(self, s: Session) -> Offer | None:
        return self.offers.get(s.offer_id)

    def speaker_of(self, s: Session) -> str:
        offer = self.offer_of(s)
        return offer.speaker if offer else s.speaker

    def organisation_of(self, s: Session) -> str:
        speaker = self.speakers.get(self.speaker_of(s))
        return speaker.organisation if speaker else s.organisation

    def format_of(self, s: Session) -> str:
        offer = self.offer_of(s)
        return offer.format if offer else s.format

    def in_phase1(self, s: Session) -> bool:
        return self.calendar.phase_of_day(s.day) == 1

    @cached_property
    def phase1(self) -> tuple[Session, ...]:
        """Placed sessions that fall on a working day of a phase-1 week."""
        return tuple(s for s in self.placed if self.in_phase1(s))


# ---------------------------------------------------------------------------------------------
# The rules, one function each


def window_covers(calendar: Calendar, window: Window, s: Session) -> bool:
    """Whether the speaker's window holds the session entirely."""
    if not calendar.repeats_on(s.day, window.date, window.weekday, window.first, window.last):
        return False
    start = calendar.programme.morning[0] if window.start is None else window.start
    end = calendar.programme.afternoon[1] if window.end is None else window.end
    return start <= s.start and s.end <= end


def check_availability(facts: Facts) -> list[Violation]:
    """A session lies entirely inside one availability window of its speaker."""
    found = []
    for s in facts.placed:
        speaker = facts.speaker_of(s)
        windows = [w for w in facts.problem.windows if w.speaker == speaker]
        if any(window_covers(facts.calendar, w, s) for w in windows):
            continue
        found.append(Violation(
            "availability", (s.session_id,),
            f"{name_fr(s)} : {speaker} n'est pas disponible à ce moment (aucune de ses disponibilités "
            f"ne couvre ce créneau).",
            f"{name_en(s)}: {speaker} is not available then (none of their availability windows covers it)."))
    return found


def check_working_day(facts: Facts) -> list[Violation]:
    """A session or event falls on a working day of the programme, within the programme weeks."""
    found = []
    for s in facts.sessions:
        if s.day in facts.calendar.week_of:
            continue
        why_fr, why_en = facts.calendar.why_not_working(s.day)
        found.append(Violation(
            "working_day", (s.session_id,),
            f"{name_fr(s)} : ce jour n'est pas un jour de travail du programme, car {why_fr}.",
            f"{name_en(s)}: that day is not a working day of the programme, because {why_en}."))
    return found


def check_half_day(facts: Facts) -> list[Violation]:
    """A session lies inside the morning or inside the afternoon, never across lunch."""
    found = []
    p = facts.programme
    for s in facts.sessions:
        if s.is_event:
            continue
        if s.end <= s.start:
            found.append(Violation(
                "half_day", (s.session_id,),
                f"{name_fr(s)} : la séance finit avant d'avoir commencé.",
                f"{name_en(s)}: the session ends before it starts."))
        elif facts.calendar.half_day_of(s.start, s.end) is None:
            found.append(Violation(
                "half_day", (s.session_id,),
                f"{name_fr(s)} : la séance doit tenir dans la matinée ({hhmm(p.morning[0])}–{hhmm(p.morning[1])}) "
                f"ou dans l'après-midi ({hhmm(p.afternoon[0])}–{hhmm(p.afternoon[1])}), sans déborder sur la pause "
                f"de midi.",
                f"{name_en(s)}: the session must fit inside the morning ({hhmm(p.morning[0])}–{hhmm(p.morning[1])}) "
                f"or the afternoon ({hhmm(p.afternoon[0])}–{hhmm(p.afternoon[1])}), not across lunch."))
    return found


def check_time_grid(facts: Facts) -> list[Violation]:
    """A session starts on the time grid of its half-day and lasts exactly its offer's duration."""
    found = []
    slot = facts.programme.slot_minutes
    for s in facts.sessions:
        if s.is_event:
            continue
        half = facts.calendar.half_day_starting(s.start)
        if slot > 0 and half is not None and (s.start - half[0]) % slot:
            found.append(Violation(
                "time_grid", (s.session_id,),
                f"{name_fr(s)} : le début {hhmm(s.start)} n'est pas sur la grille de {slot} minutes comptée depuis "
                f"{hhmm(half[0])}.",
                f"{name_en(s)}: the start {hhmm(s.start)} is not on the {slot}-minute grid counted from "
                f"{hhmm(half[0])}."))
        offer = facts.offer_of(s)
        if offer is not None and s.minutes != offer.duration_minutes:
            found.append(Violation(
                "time_grid", (s.session_id,),
                f"{name_fr(s)} : la séance dure {hours_text(s.minutes)} alors que l'intervention {offer.id} dure "
                f"{hours_text(offer.duration_minutes)}.",
                f"{name_en(s)}: the session lasts {hours_text(s.minutes)} but offer {offer.id} lasts "
                f"{hours_text(offer.duration_minutes)}."))
    return found


def check_phase(facts: Facts) -> list[Violation]:
    """Phase-1 offers are placed in phase-1 weeks and phase-2 offers in phase-2 weeks."""
    found = []
    for s in facts.placed:
        offer = facts.offers[s.offer_id]
        phase = facts.calendar.phase_of_day(s.day)
        if offer.phase is None or phase is None or phase == offer.phase:
            continue
        week = facts.calendar.week_of[s.day]
        found.append(Violation(
            "phase", (s.session_id,),
            f"{name_fr(s)} : l'intervention {offer.id} appartient à la phase {offer.phase}, mais la semaine {week} "
            f"est en phase {phase}.",
            f"{name_en(s)}: offer {offer.id} belongs to phase {offer.phase}, but week {week} is in phase {phase}."))
    return found


def check_audience_overlap(facts: Facts) -> list[Violation]:
    """Nobody is in two places at once: overlapping sessions or events never share participants."""
    found = []
    for sessions in by_day(facts.sessions).values():
        for a, b in overlapping_pairs(sessions):
            if not same_people(a.audience, b.audience):
                continue
            who_fr = audience_fr(b.audience if is_cohort(a.audience) else a.audience)
            who_en = audience_en(b.audience if is_cohort(a.audience) else a.audience)
            found.append(Violation(
                "audience_overlap", (a.session_id, b.session_id),
                f"{name_fr(a)} et {name_fr(b, False)} se chevauchent : {who_fr} ne peut pas être à deux endroits "
                f"à la fois.",
                f"{name_en(a)} and {name_en(b, False)} overlap: {who_en} cannot be in two places at once."))
    return found


def check_speaker_overlap(facts: Facts) -> list[Violation]:
    """A speaker gives one session at a time."""
    found = []
    for sessions in by_day(s for s in facts.sessions if not s.is_event).values():
        for a, b in overlapping_pairs(sessions):
            speaker = facts.speaker_of(a)
            if not speaker or speaker != facts.speaker_of(b):
                continue
            found.append(Violation(
                "speaker_overlap", (a.session_id, b.session_id),
                f"{name_fr(a)} et {name_fr(b, False)} se chevauchent : {speaker} ne peut pas donner deux séances "
                f"à la fois.",
                f"{name_en(a)} and {name_en(b, False)} overlap: {speaker} cannot give two sessions at once."))
    return found


def check_speaker_max_sessions(facts: Facts) -> list[Violation]:
    """A speaker gives at most their `Max séances` sessions in all."""
    found = []
    given: dict[str, list[Session]] = defaultdict(list)
    for s in facts.placed:
        given[facts.speaker_of(s)].append(s)
    for name, sessions in given.items():
        speaker = facts.speakers.get(name)
        if speaker is None or speaker.max_sessions is None or len(sessions) <= speaker.max_sessions:
            continue
        found.append(Violation(
            "speaker_max_sessions", ids(sessions),
            f"{name} donne {len(sessions)} séances, alors qu'il ou elle en accepte au plus {speaker.max_sessions} "
            f"(séances {', '.join(ids(sessions))}).",
            f"{name} gives {len(sessions)} sessions but accepts at most {speaker.max_sessions} "
            f"(sessions {', '.join(ids(sessions))})."))
    return found


def check_visit_half_day(facts: Facts) -> list[Violation]:
    """A company visit takes its whole half-day for its audience (travel)."""
    found = []
    seen: set[frozenset[str]] = set()
    for sessions in by_day(facts.sessions).values():
        for visit in sessions:
            if visit.is_event or folded(facts.format_of(visit)) != folded(VISIT):
                continue
            half = facts.calendar.half_day_starting(visit.start)
            if half is None:
                continue  # check_half_day reports it
            for other in sessions:
                pair = frozenset((visit.session_id, other.session_id))
                if other is visit or pair in seen or not same_people(visit.audience, other.audience):
                    continue
                if overlaps(visit, other) or not (other.start < half[1] and half[0] < other.end):
                    continue  # overlaps are check_audience_overlap's; outside the half-day is fine
                seen.add(pair)
                found.append(Violation(
                    "visit_half_day", (visit.session_id, other.session_id),
                    f"{name_fr(visit)} est une visite : elle occupe toute la demi-journée "
                    f"({hhmm(half[0])}–{hhmm(half[1])}) de {audience_fr(visit.audience)}, or "
                    f"{name_fr(other, False)} a lieu dans la même demi-journée.",
                    f"{name_en(visit)} is a company visit: it takes the whole half-day "
                    f"({hhmm(half[0])}–{hhmm(half[1])}) of {audience_en(visit.audience)}, yet "
                    f"{name_en(other, False)} takes place in the same half-day."))
    return found


def group_ids(facts: Facts) -> list[str]:
    """Every project group: the problem's projects and any other group audience in the timetable."""
    groups = {audience_key(p.id): p.id for p in facts.problem.projects}
    for s in facts.sessions:
        if not is_cohort(s.audience):
            groups.setdefault(audience_key(s.audience), s.audience.strip())
    return sorted(groups.values())


def check_daily_hours(facts: Facts) -> list[Violation]:
    """No participant has more than the daily maximum of sessions and events in a day."""
    found = []
    limit = facts.programme.max_minutes_per_day
    groups = group_ids(facts)
    for day, sessions in by_day(facts.sessions).items():
        cohort = [s for s in sessions if is_cohort(s.audience)]
        cohort_minutes = sum(s.minutes for s in cohort)
        if cohort_minutes > limit or not groups:
            if cohort_minutes > limit:
                found.append(daily_hours_violation(day, COHORT, cohort, cohort_minutes, limit))
            continue
        for group in groups:
            own = [s for s in sessions if not is_cohort(s.audience) and audience_key(s.audience) == audience_key(group)]
            total = cohort_minutes + sum(s.minutes for s in own)
            if total > limit:
                found.append(daily_hours_violation(day, group, cohort + own, total, limit))
    return found


def daily_hours_violation(day: dt.date, audience: str, sessions: list[Session], total: int,
                          limit: int) -> Violation:
    listed = ", ".join(ids(sessions))
    return Violation(
        "daily_hours", ids(sessions),
        f"Le {date_fr(day)}, {audience_fr(audience)} a {hours_text(total)} de séances et d'événements "
        f"({listed}), au-delà du maximum de {hours_text(limit)} par jour.",
        f"On {day.isoformat()}, {audience_en(audience)} has {hours_text(total)} of sessions and events "
        f"({listed}), over the maximum of {hours_text(limit)} a day.")


def check_theme_minimum(facts: Facts) -> list[Violation]:
    """Each theme that has offers gets at least the minimum number of phase-1 sessions."""
    found = []
    needed = facts.programme.min_sessions_per_theme
    for theme in facts.problem.themes:
        if not any(folded(o.theme) == folded(theme.name) for o in facts.problem.offers):
            continue
        sessions = [s for s in facts.phase1 if folded(facts.offers[s.offer_id].theme) == folded(theme.name)]
        if len(sessions) >= needed:
            continue
        found.append(Violation(
            "theme_minimum", ids(sessions),
            f"Le thème « {theme.name} » n'a que {len(sessions)} séance(s) en phase 1 ; "
            f"il en faut au moins {needed}.",
            f"Theme '{theme.name}' has only {len(sessions)} phase-1 session(s); it needs at least {needed}."))
    return found


def check_organisation_maximum(facts: Facts) -> list[Violation]:
    """No organisation gives more than the maximum number of phase-1 sessions."""
    found = []
    limit = facts.programme.max_sessions_per_organisation
    given: dict[str, list[Session]] = defaultdict(list)
    for s in facts.phase1:
        given[facts.organisation_of(s)].append(s)
    for organisation, sessions in sorted(given.items()):
        if len(sessions) <= limit:
            continue
        found.append(Violation(
            "organisation_maximum", ids(sessions),
            f"L'organisation {organisation} donne {len(sessions)} séances en phase 1 ({', '.join(ids(sessions))}) ; "
            f"au plus {limit} sont permises.",
            f"Organisation {organisation} gives {len(sessions)} phase-1 sessions ({', '.join(ids(sessions))}); "
            f"at most {limit} are allowed."))
    return found


def check_offer_weeks(facts: Facts) -> list[Violation]:
    """Occurrences of one offer fall in different weeks, and no more than the offer's count."""
    found = []
    for offer in facts.problem.offers:
        sessions = [s for s in facts.placed if s.offer_id == offer.id]
        if len(sessions) > offer.count:
            found.append(Violation(
                "offer_weeks", ids(sessions),
                f"L'intervention {offer.id} « {offer.title} » est placée {len(sessions)} fois "
                f"({', '.join(ids(sessions))}) mais n'est proposée que {offer.count} fois.",
                f"Offer {offer.id} '{offer.title}' is placed {len(sessions)} times ({', '.join(ids(sessions))}) "
                f"but offered only {offer.count} time(s)."))
        weeks = Counter(facts.calendar.week_of[s.day] for s in sessions if s.day in facts.calendar.week_of)
        for week, n in sorted(weeks.items()):
            if n < 2:
                continue
            same = [s for s in sessions if facts.calendar.week_of.get(s.day) == week]
            found.append(Violation(
                "offer_weeks", ids(same),
                f"L'intervention {offer.id} « {offer.title} » est placée {n} fois en semaine {week} "
                f"({', '.join(ids(same))}) ; ses séances doivent tomber dans des semaines différentes.",
                f"Offer {offer.id} '{offer.title}' is placed {n} times in week {week} ({', '.join(ids(same))}); "
                f"its occurrences must fall in different weeks."))
    return found


def check_required_offer(facts: Facts) -> list[Violation]:
    """Every required offer has all its occurrences placed."""
    found = []
    for offer in facts.problem.offers:
        if not offer.required:
            continue
        sessions = [s for s in facts.placed if s.offer_id == offer.id]
        if len(sessions) >= offer.count:
            continue
        found.append(Violation(
            "required_offer", ids(sessions),
            f"L'intervention obligatoire {offer.id} « {offer.title} » n'a que {len(sessions)} séance(s) placée(s) "
            f"sur {offer.count}.",
            f"Required offer {offer.id} '{offer.title}' has only {len(sessions)} of its {offer.count} "
            f"session(s) placed."))
    return found


def expected_event_days(calendar: Calendar, event: FixedEvent) -> list[dt.date]:
    """Days a fixed event occurs on: its date, or its weekday on every working day of the programme."""
    return [day for day in sorted(calendar.week_of)
            if calendar.repeats_on(day, event.date, event.weekday, event.first, event.last)]


def event_key(day: dt.date, start: int, end: int, audience: str, title: str | None) -> tuple:
    return (day, start, end, audience_key(audience), None if title is None else folded(title))


def check_fixed_events(facts: Facts) -> list[Violation]:
    """Every fixed event occurrence is in the timetable at its time, and no row is an unknown event."""
    expected = [(e, day) for e in facts.problem.events for day in expected_event_days(facts.calendar, e)]
    rows = list(facts.events)
    for strict in (True, False):  # first by title too, then a renamed row at the right time still counts
        unmatched = []
        for event, day in expected:
            wanted = event_key(day, event.start, event.end, event.audience, event.title if strict else None)
            row = next((r for r in rows if event_key(r.day, r.start, r.end, r.audience,
                                                     r.title if strict else None) == wanted), None)
            if row is None:
                unmatched.append((event, day))
            else:
                rows.remove(row)
        expected = unmatched
    found = [Violation(
        "fixed_events", (),
        f"L'événement « {e.title} » du {date_fr(day)} de {hhmm(e.start)} à {hhmm(e.end)} "
        f"({audience_fr(e.audience)}) manque au planning.",
        f"Event '{e.title}' on {day.isoformat()} from {hhmm(e.start)} to {hhmm(e.end)} "
        f"({audience_en(e.audience)}) is missing from the timetable.") for e, day in expected]
    found += [Violation(
        "fixed_events", (r.session_id,),
        f"{name_fr(r)} : cette ligne sans intervention ne correspond à aucun événement de la feuille Événements "
        f"(à cette date, cette heure et pour {audience_fr(r.audience)}).",
        f"{name_en(r)}: this row without an offer matches no event of the Events sheet "
        f"(at that date, time and for {audience_en(r.audience)}).") for r in rows]
    return found


def offer_mismatches(facts: Facts, s: Session, offer: Offer) -> list[tuple[str, str, str, str]]:
    """(French column, English column, row value, expected value) for each column that disagrees with the offer."""
    speaker = facts.speakers.get(offer.speaker)
    expected = [("Titre", "title", s.title, offer.title), ("Thème", "theme", s.theme, offer.theme),
                ("Format", "format", s.format, offer.format), ("Intervenant", "speaker", s.speaker, offer.speaker),
                ("Organisation", "organisation", s.organisation, speaker.organisation if speaker else "")]
    wrong = [(fr, en, got, want) for fr, en, got, want in expected
             if got.strip() and want and folded(got) != folded(want)]
    if audience_key(s.audience) != audience_key(offer.audience):
        wrong.append(("Public", "audience", s.audience, offer.audience))
    return wrong


def calendar_mismatches(facts: Facts, s: Session) -> list[tuple[str, str, str, str]]:
    """The `Semaine` and `Phase` columns against the session's date."""
    week = facts.calendar.week_of.get(s.day)
    if week is None:
        return []  # check_working_day reports it
    phase = facts.calendar.phase_of_week(week)
    wrong = []
    if s.week != week:
        wrong.append(("Semaine", "week", str(s.week), str(week)))
    if s.phase != phase:
        wrong.append(("Phase", "phase", str(s.phase), str(phase)))
    return wrong


def check_session_matches_offer(facts: Facts) -> list[Violation]:
    """Each row names a known offer and agrees with it (audience, title, ...) and with its date (week, phase)."""
    found = []
    for session_id, n in sorted(Counter(s.session_id for s in facts.sessions).items()):
        if n > 1:
            found.append(Violation(
                "session_matches_offer", (session_id,),
                f"{n} lignes portent le même identifiant de séance {session_id} ; chaque séance doit avoir le sien.",
                f"{n} rows share the session ID {session_id}; each session needs its own."))
    for s in facts.sessions:
        offer = facts.offer_of(s)
        if not s.is_event and offer is None:
            found.append(Violation(
                "session_matches_offer", (s.session_id,),
                f"{name_fr(s)} : l'intervention {s.offer_id} n'existe pas dans la feuille Interventions.",
                f"{name_en(s)}: offer {s.offer_id} does not exist in the Offers sheet."))
            continue
        wrong = calendar_mismatches(facts, s) + (offer_mismatches(facts, s, offer) if offer else [])
        for col_fr, col_en, got, want in wrong:
            found.append(Violation(
                "session_matches_offer", (s.session_id,),
                f"{name_fr(s)} : la colonne « {col_fr} » indique « {got} » alors qu'il faut « {want} ».",
                f"{name_en(s)}: column '{col_en}' says '{got}' where '{want}' is expected."))
    return found


def check_group_size(facts: Facts) -> list[Violation]:
    """Every listed participant is in exactly one project group, each group within its size limits."""
    participants = {p.name.strip() for p in facts.problem.participants}
    if not participants:
        return []
    projects = {p.id.strip(): p for p in facts.problem.projects}
    found = []
    assigned: dict[str, set[str]] = defaultdict(set)
    for name, project in facts.groups:
        assigned[name.strip()].add(project.strip())
    for name in sorted(participants):
        chosen = sorted(assigned.get(name, ()))
        if len(chosen) == 1:
            continue
        if not chosen:
            found.append(group_violation(f"{name} n'est dans aucun groupe de projet.",
                                         f"{name} is in no project group."))
        else:
            found.append(group_violation(f"{name} est dans plusieurs groupes de projet ({', '.join(chosen)}).",
                                         f"{name} is in several project groups ({', '.join(chosen)})."))
    for name in sorted(set(assigned) - participants):
        found.append(group_violation(f"{name} figure dans les groupes mais pas dans la feuille Participants.",
                                     f"{name} is in the groups but not in the Participants sheet."))
    for project in sorted({p for chosen in assigned.values() for p in chosen} - set(projects)):
        found.append(group_violation(f"Le projet {project} des groupes n'existe pas dans la feuille Projets.",
                                     f"Project {project} of the groups does not exist in the Projects sheet."))
    for project in projects.values():
        size = sum(1 for name, chosen in assigned.items() if name in participants and project.id.strip() in chosen)
        found += size_violations(project.id, size, project.min_size, project.max_size)
    return found


def group_violation(fr: str, en: str) -> Violation:
    return Violation("group_size", (), fr, en)


def size_violations(project: str, size: int, low: int | None, high: int | None) -> list[Violation]:
    if low is not None and size < low:
        return [group_violation(
            f"Le groupe du projet {project} compte {size} participant(s) ; il en faut au moins {low}.",
            f"Project {project}'s group has {size} participant(s); it needs at least {low}.")]
    if high is not None and size > high:
        return [group_violation(
            f"Le groupe du projet {project} compte {size} participant(s) ; il en faut au plus {high}.",
            f"Project {project}'s group has {size} participant(s); it allows at most {high}.")]
    return []


CHECKS: dict[str, Callable[[Facts], list[Violation]]] = {
    "availability": check_availability,
    "working_day": check_working_day,
    "half_day": check_half_day,
    "time_grid": check_time_grid,
    "phase": check_phase,
    "audience_overlap": check_audience_overlap,
    "speaker_overlap": check_speaker_overlap,
    "speaker_max_sessions": check_speaker_max_sessions,
    "visit_half_day": check_visit_half_day,
    "daily_hours": check_daily_hours,
    "theme_minimum": check_theme_minimum,
    "organisation_maximum": check_organisation_maximum,
    "offer_weeks": check_offer_weeks,
    "required_offer": check_required_offer,
    "fixed_events": check_fixed_events,
    "session_matches_offer": check_session_matches_offer,
    "group_size": check_group_size,
}
"""Every hard rule, by its stable label, in the order violations are reported."""

RULES: tuple[str, ...] = tuple(CHECKS)

RULE_TITLES: dict[str, tuple[str, str]] = {
    "availability": ("disponibilités de l'intervenant", "speaker's availability"),
    "working_day": ("jours travaillés du programme", "programme working days"),
    "half_day": ("matinée ou après-midi, sans déborder sur midi", "inside the morning or the afternoon"),
    "time_grid": ("grille horaire et durée de l'intervention", "time grid and offer duration"),
    "phase": ("phase de l'intervention", "offer's phase"),
    "audience_overlap": ("personne à deux endroits à la fois", "nobody in two places at once"),
    "speaker_overlap": ("un intervenant, une séance à la fois", "a speaker gives one session at a time"),
    "speaker_max_sessions": ("« Max séances » de l'intervenant", "speaker's max_sessions"),
    "visit_half_day": ("une visite prend toute la demi-journée", "a visit takes its whole half-day"),
    "daily_hours": ("« Heures max par jour »", "max_hours_per_day"),
    "theme_minimum": ("« Séances min par thème »", "min_sessions_per_theme"),
    "organisation_maximum": ("« Séances max par organisation »", "max_sessions_per_organisation"),
    "offer_weeks": ("séances d'une intervention dans des semaines différentes", "occurrences in different weeks"),
    "required_offer": ("interventions obligatoires toutes placées", "required offers all placed"),
    "fixed_events": ("événements fixes", "fixed events"),
    "session_matches_offer": ("ligne conforme à son intervention", "row agrees with its offer"),
    "group_size": ("taille des groupes de projet", "project group sizes"),
}
"""Rule label -> its name for people (French, English), as `verify` prints it."""


def violations(problem: Problem, timetable: Timetable) -> list[Violation]:
    """Every hard rule of SPEC §2 that `timetable` breaks for `problem` (empty: the timetable is valid)."""
    facts = Facts(problem, timetable)
    return [v for check in CHECKS.values() for v in check(facts)]
