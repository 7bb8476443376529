"""What a workbook may say but probably does not mean: warnings, each located at the row to look at.

These never stop `check` or `plan` (exit 0): the workbook is legal, but an offer will never be
placed, a theme cannot reach its minimum, a fixed-event day is already too full... Each warning
points at one row and says what to do. Only the programme calendar is used, never the solver.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.errors import InputError
from scheduler.workbook.labels import SHEETS
from scheduler.workbook.reading import located


@dataclass(frozen=True)
class Usable:
    """Where an offer can go, as far as its speaker's windows and the calendar say."""

    weeks: frozenset[int]  # programme weeks holding at least one usable day
    blocked: tuple[str, ...]  # French reasons the other window days cannot be used
    blocked_en: tuple[str, ...]


def likely_mistakes(problem: domain.Problem) -> list[InputError]:
    """Every warning about `problem`, in sheet order."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    usable = {offer.id: usable_weeks(offer, problem, calendar) for offer in problem.offers}
    found = [*_themes_short(problem, calendar, usable), *_organisations_over_cap(problem),
             *_speakers_over_max(problem), *_offers_never_placed(problem, usable),
             *_offers_counting_more_weeks(problem, calendar), *_event_days_too_full(problem, calendar),
             *_events_clashing(problem, calendar)]
    order = {label.fr: index for index, label in enumerate(SHEETS.values())}
    return sorted(found, key=lambda w: (order.get(w.sheet, len(order)), w.row or 0))


# ---------------------------------------------------------------------------------------------
# Where an offer can go


def _fits(offer: domain.Offer, window: domain.Window, calendar: ProgrammeCalendar) -> bool:
    """A session of the offer's duration fits on the grid in one half-day inside the window's hours."""
    start, end = calendar.window_span(window)
    for half_day in (0, 1):
        if any(start <= begin and begin + offer.duration_minutes <= end
               for begin in calendar.grid_starts(half_day, offer.duration_minutes)):
            return True
    return False


def _window_dates(window: domain.Window, calendar: ProgrammeCalendar) -> list[dt.date]:
    """Every calendar date the window names inside the programme, worked or not."""
    if window.date is not None:
        return [window.date] if calendar.first_day <= window.date <= calendar.last_day else []
    first = max(window.first or calendar.first_day, calendar.first_day)
    last = min(window.last or calendar.last_day, calendar.last_day)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if window.weekday is None or d.weekday() == window.weekday]


def usable_weeks(offer: domain.Offer, problem: domain.Problem, calendar: ProgrammeCalendar) -> Usable:
    """The weeks where the offer fits a window of its speaker, and why the other window days do not count."""
    phase_weeks = set(calendar.weeks) if offer.phase is None else set(calendar.weeks_of_phase(offer.phase))
    weeks: set[int] = set()
    holidays: set[dt.date] = set()
    other_phase, too_short, outside = 0, 0, 0
    for window in (w for w in problem.windows if w.speaker == offer.speaker):
        dates = _window_dates(window, calendar)
        if not dates:
            outside += 1
        fits = _fits(offer, window, calendar)
        for day in dates:
            week = calendar.week_of.get(day)
            if week is None:
                if day.weekday() in problem.programme.weekdays:
                    holidays.add(day)
            elif week not in phase_weeks:
                other_phase += 1
            elif not fits:
                too_short += 1
            else:
                weeks.add(week)
    fr, en = [], []
    if holidays:
        shown, more = sorted(holidays)[:4], (" …" if len(holidays) > 4 else "")
        fr.append("jours fériés ou fermetures : " + ", ".join(
            f"{d:%d/%m/%Y} ({calendar.non_working_reason(d) or 'Fermeture'})" for d in shown) + more)
        en.append("public holidays or closures: " + ", ".join(
            f"{d.isoformat()} ({calendar.non_working_reason(d, 'en') or 'Closure'})" for d in shown) + more)
    if other_phase:
        fr.append(f"hors de la phase {offer.phase}")
        en.append(f"outside phase {offer.phase}")
    if too_short:
        hours = f"{offer.duration_minutes / 60:g}"
        fr.append(f"trop courtes pour {hours.replace('.', ',')} h dans une demi-journée")
        en.append(f"too short for {hours} h within a half-day")
    if outside:
        fr.append("hors des dates du programme")
        en.append("outside the programme's dates")
    return Usable(frozenset(weeks), tuple(fr), tuple(en))


# ---------------------------------------------------------------------------------------------
# The warnings


def _offers_never_placed(problem: domain.Problem, usable: dict[str, Usable]) -> list[InputError]:
    """An offer whose speaker has windows, none of them usable for it."""
    with_windows = {w.speaker for w in problem.windows}
    found = []
    for offer in problem.offers:
        if offer.speaker not in with_windows or usable[offer.id].weeks:
            continue  # a speaker without any window is already reported on their row
        why, why_en = usable[offer.id].blocked, usable[offer.id].blocked_en
        found.append(located(
            "offers", offer.row, "id", offer.id,
            f"aucune disponibilité de {offer.speaker} ne permet de la placer ({' ; '.join(why) or 'aucun créneau'}) :"
            f" elle ne sera jamais placée ; ajoutez ou corrigez ses disponibilités",
            f"no availability window of {offer.speaker} allows placing it ({'; '.join(why_en) or 'no slot'}): "
            f"it will never be placed; add or correct their windows", warning=True))
    return found


def _phase_one_possible(offer: domain.Offer, usable: Usable, calendar: ProgrammeCalendar) -> int:
    """How many of the offer's occurrences can fall in phase 1 (one per week)."""
    if offer.phase == 2:
        return 0
    return min(offer.count, sum(1 for week in usable.weeks if calendar.phase_of_week(week) == 1))


def capped_phase_one_supply(problem: domain.Problem, offers: list[domain.Offer],
                            possible: Callable[[domain.Offer], int]) -> int:
    """Phase-1 sessions `offers` can give at most: `possible(offer)` each, capped by each speaker's
    `Max séances` and each organisation's `Séances max par organisation`."""
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    maximum = {s.name: s.max_sessions for s in problem.speakers}
    by_speaker: dict[str, int] = defaultdict(int)
    for offer in offers:
        by_speaker[offer.speaker] += possible(offer)
    by_organisation: dict[str, int] = defaultdict(int)
    for speaker, count in by_speaker.items():
        limit = maximum.get(speaker)
        by_organisation[organisation_of.get(speaker, speaker)] += count if limit is None else min(limit, count)
    cap = problem.programme.max_sessions_per_organisation
    return sum(min(cap, count) for count in by_organisation.values())


def _themes_short(problem: domain.Problem, calendar: ProgrammeCalendar,
                  usable: dict[str, Usable]) -> list[InputError]:
    """A theme whose offers cannot give `Séances min par thème` phase-1 sessions (none at all: a forgotten theme)."""
    minimum = problem.programme.min_sessions_per_theme
    found = []
    for theme in problem.themes:
        offers = [o for o in problem.offers if o.theme == theme.name]
        if not offers:
            found.append(located("themes", theme.row, "theme", theme.name,
                                 "aucune intervention n'a ce thème : il ne sera pas abordé ; ajoutez des interventions "
                                 "ou supprimez la ligne", "no offer has this theme: it will not be covered; add "
                                                          "offers or delete the row", warning=True))
            continue
        possible = capped_phase_one_supply(
            problem, offers, lambda offer: _phase_one_possible(offer, usable[offer.id], calendar))
        if 0 < minimum and possible < minimum:
            names = ", ".join(o.id for o in offers)
            found.append(located(
                "themes", theme.row, "theme", theme.name,
                f"au plus {possible} séance(s) possible(s) en phase 1 pour un minimum de {minimum} (« Séances min "
                f"par thème ») ; interventions du thème : {names} ; ajoutez des interventions ou des "
                f"disponibilités en phase 1, sinon aucun planning n'est possible",
                f"at most {possible} possible phase-1 session(s) for a minimum of {minimum} "
                f"('min_sessions_per_theme'); the theme's offers: {names}; add offers or phase-1 windows, "
                f"otherwise no timetable is possible", warning=True))
    return found


def required_sessions_by_speaker(problem: domain.Problem) -> dict[str, int]:
    required: dict[str, int] = defaultdict(int)
    for offer in problem.offers:
        if offer.required:
            required[offer.speaker] += offer.count
    return required


def _speakers_over_max(problem: domain.Problem) -> list[InputError]:
    """A speaker whose required sessions exceed their `Max séances`."""
    required = required_sessions_by_speaker(problem)
    return [located("speakers", s.row, "max_sessions", s.max_sessions,
                    f"{s.name} doit donner {required[s.name]} séances obligatoires mais au plus {s.max_sessions} : "
                    f"augmentez « Max séances » ou rendez des interventions facultatives, sinon aucun planning "
                    f"n'est possible",
                    f"{s.name} must give {required[s.name]} required sessions but at most {s.max_sessions}: raise "
                    f"'max_sessions' or make offers optional, otherwise no timetable is possible", warning=True)
            for s in problem.speakers if s.max_sessions is not None and required[s.name] > s.max_sessions]


def required_phase_one_by_organisation(problem: domain.Problem) -> dict[str, list[domain.Offer]]:
    """Organisation -> its required offers that must fall in phase 1."""
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    found: dict[str, list[domain.Offer]] = defaultdict(list)
    for offer in problem.offers:
        if offer.required and offer.phase == 1:
            found[organisation_of.get(offer.speaker, "")].append(offer)
    return found


def _organisations_over_cap(problem: domain.Problem) -> list[InputError]:
    """An organisation whose required phase-1 sessions exceed `Séances max par organisation`."""
    cap = problem.programme.max_sessions_per_organisation
    required = required_phase_one_by_organisation(problem)
    found = []
    for organisation in problem.organisations:
        offers = required.get(organisation.name, [])
        total = sum(o.count for o in offers)
        if total > cap:
            names = ", ".join(o.id for o in offers)
            found.append(located(
                "organisations", organisation.row, "organisation", organisation.name,
                f"{total} séances obligatoires en phase 1 ({names}) pour au plus {cap} par organisation (« Séances "
                f"max par organisation ») : rendez-en facultatives ou augmentez le plafond, sinon aucun planning "
                f"n'est possible",
                f"{total} required phase-1 sessions ({names}) for at most {cap} per organisation "
                f"('max_sessions_per_organisation'): make some optional or raise the cap, otherwise no timetable "
                f"is possible", warning=True))
    return found


def _offers_counting_more_weeks(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """An offer asking for more sessions than its phase has weeks (its sessions fall in different weeks)."""
    found = []
    for offer in problem.offers:
        weeks = len(calendar.weeks) if offer.phase is None else len(calendar.weeks_of_phase(offer.phase))
        if offer.count > weeks:
            where_fr = "le programme" if offer.phase is None else f"la phase {offer.phase}"
            where_en = "the programme" if offer.phase is None else f"phase {offer.phase}"
            found.append(located(
                "offers", offer.row, "count", offer.count,
                f"{where_fr} n'a que {weeks} semaine(s) et les séances d'une intervention tombent dans des semaines "
                f"différentes : au plus {weeks} seront placées ; baissez « Séances »",
                f"{where_en} has only {weeks} week(s) and an offer's sessions fall in different weeks: at most "
                f"{weeks} will be placed; lower 'count'", warning=True))
    return found


def fixed_event_overloads(problem: domain.Problem, calendar: ProgrammeCalendar
                          ) -> list[tuple[dt.date, str, list[domain.FixedEvent], int]]:
    """(day, audience, its fixed events, minutes) where fixed events alone exceed `Heures max par jour`."""
    audiences = [domain.COHORT, *(p.id for p in problem.projects)]
    by_day: dict[dt.date, list[domain.FixedEvent]] = defaultdict(list)
    for event in problem.events:
        for day in calendar.event_days(event):
            by_day[day].append(event)
    found = []
    for day in sorted(by_day):
        for audience in audiences:
            events = [e for e in by_day[day] if e.audience in (domain.COHORT, audience)]
            minutes = sum(e.end - e.start for e in events)
            if minutes > problem.programme.max_minutes_per_day:
                found.append((day, audience, events, minutes))
                break  # one per day is enough to say
    return found


def _fr_hours(minutes: int) -> str:
    return f"{minutes / 60:g}".replace(".", ",")


def _event_days_too_full(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """A day whose fixed events alone exceed `Heures max par jour`."""
    limit = problem.programme.max_minutes_per_day
    found = []
    for day, _, events, minutes in fixed_event_overloads(problem, calendar):
        titles = ", ".join(f"« {e.title} » (ligne {e.row})" for e in events)
        titles_en = ", ".join(f"'{e.title}' (row {e.row})" for e in events)
        found.append(located(
            "events", events[0].row, "title", events[0].title,
            f"le {day:%d/%m/%Y}, les événements fixes {titles} font {_fr_hours(minutes)} h pour {_fr_hours(limit)} h "
            f"au plus "
            f"(« Heures max par jour ») : raccourcissez-les ou augmentez le maximum, sinon aucun planning n'est "
            f"possible",
            f"on {day.isoformat()}, the fixed events {titles_en} take {minutes / 60:g} h for at most {limit / 60:g} h "
            f"('max_hours_per_day'): shorten them or raise the maximum, otherwise no timetable is possible",
            warning=True))
    return found


def fixed_event_clashes(problem: domain.Problem, calendar: ProgrammeCalendar
                        ) -> list[tuple[dt.date, domain.FixedEvent, domain.FixedEvent]]:
    """(day, first, second): two fixed events at overlapping times for people they share (one per pair of rows)."""
    by_day: dict[dt.date, list[domain.FixedEvent]] = defaultdict(list)
    for event in problem.events:
        for day in calendar.event_days(event):
            by_day[day].append(event)
    seen: set[tuple[int, int]] = set()
    found = []
    for day in sorted(by_day):
        events = by_day[day]
        for index, first in enumerate(events):
            for second in events[index + 1:]:
                shared = domain.COHORT in (first.audience, second.audience) or first.audience == second.audience
                pair = (min(first.row, second.row), max(first.row, second.row))
                if shared and first.start < second.end and second.start < first.end and pair not in seen:
                    seen.add(pair)
                    found.append((day, first, second))
    return found


def _events_clashing(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """Two fixed events at the same time for the same people."""
    return [located("events", second.row, "start", f"{second.title}",
                    f"le {day:%d/%m/%Y}, cet événement chevauche « {first.title} » (ligne {first.row}) pour les mêmes "
                    f"participants : changez ses heures ou son public, sinon aucun planning n'est possible",
                    f"on {day.isoformat()}, this event overlaps '{first.title}' (row {first.row}) for the same "
                    f"participants: change its hours or audience, otherwise no timetable is possible", warning=True)
            for day, first, second in fixed_event_clashes(problem, calendar)]
