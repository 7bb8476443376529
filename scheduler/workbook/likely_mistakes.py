"""What a workbook may say but probably does not mean: warnings, each located at the row to look at.

These never stop `check` or `plan` (exit 0): the workbook is legal, but an offer will never be
placed, a theme cannot reach its minimum, a fixed-event day is already too full... Each warning
points at one row and says what to do. The counts come from the core's capacity analysis (legal
starts, caps), the same the exit-3 diagnosis uses; never the solver.
"""
from __future__ import annotations

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.capacity import (Capacity, Usable, fixed_event_clashes, fixed_event_overloads,
                                     organisations_over_cap, speakers_over_max, usable_weeks)
from scheduler.core.errors import InputError
from scheduler.rules.sentences import why_no_slot
from scheduler.workbook.labels import SHEETS
from scheduler.workbook.reading import located
from scheduler.core.words import count_word


def likely_mistakes(problem: domain.Problem) -> list[InputError]:
    """Every warning about `problem`, in sheet order."""
    capacity = Capacity.of(problem)
    calendar = capacity.calendar
    usable = {offer.id: usable_weeks(offer, problem, calendar) for offer in problem.offers}
    found = [*_themes_short(capacity), *_organisations_over_cap(problem),
             *_speakers_over_max(problem), *_offers_never_placed(capacity, usable),
             *_offers_counting_more_weeks(problem, calendar), *_event_days_too_full(problem, calendar),
             *_events_clashing(problem, calendar)]
    order = {label.fr: index for index, label in enumerate(SHEETS.values())}
    return sorted((problem.names.name(w) for w in found), key=lambda w: (order.get(w.sheet, len(order)), w.row or 0))


# ---------------------------------------------------------------------------------------------
# The warnings


def _offers_never_placed(capacity: Capacity, usable: dict[str, Usable]) -> list[InputError]:
    """An offer whose speaker has windows, none of them usable for it (or every start taken by fixed events)."""
    problem = capacity.problem
    with_windows = {w.speaker for w in problem.windows}
    found = []
    for offer in problem.offers:
        if offer.speaker not in with_windows or capacity.candidates.get(offer.id):
            continue  # a speaker without any window is already reported on their row
        if usable[offer.id].weeks:  # the windows fit, but fixed events take every start
            why = why_no_slot(offer, capacity)
            found.append(located("offers", offer.row, "id", offer.id,
                                 f"elle ne sera jamais placée : {why.fr}", f"it will never be placed: {why.en}",
                                 warning=True))
            continue
        why, why_en = usable[offer.id].blocked, usable[offer.id].blocked_en
        found.append(located(
            "offers", offer.row, "id", offer.id,
            f"aucune disponibilité de {offer.speaker} ne permet de la placer ({' ; '.join(why) or 'aucun créneau'}) :"
            f" elle ne sera jamais placée ; ajoutez ou corrigez ses disponibilités",
            f"no availability window of {offer.speaker} allows placing it ({'; '.join(why_en) or 'no slot'}): "
            f"it will never be placed; add or correct their windows", warning=True))
    return found


def _themes_short(capacity: Capacity) -> list[InputError]:
    """A theme whose offers cannot give `Séances min par thème` phase-1 sessions (none at all: a forgotten theme)."""
    problem = capacity.problem
    minimum = problem.programme.min_sessions_per_theme
    setting = {lang: problem.names.setting("min_sessions_per_theme", lang) for lang in ("fr", "en")}
    found = []
    for theme in problem.themes:
        offers = [o for o in problem.offers if o.theme == theme.name]
        if not offers:
            found.append(located("themes", theme.row, "theme", theme.name,
                                 "aucune intervention n'a ce thème : il ne sera pas abordé ; ajoutez des interventions "
                                 "ou supprimez la ligne", "no offer has this theme: it will not be covered; add "
                                                          "offers or delete the row", warning=True))
            continue
        possible = capacity.capped_supply(offers)
        if 0 < minimum and possible < minimum:
            names = ", ".join(o.id for o in offers)
            found.append(located(
                "themes", theme.row, "theme", theme.name,
                f"au plus {count_word('count.possible_phase1_sessions', possible, 'fr')} pour un minimum de "
                f"{minimum} ({setting['fr']}) ; interventions du thème : {names} ; ajoutez des interventions ou des "
                f"disponibilités en phase 1, sinon aucun planning n'est possible",
                f"at most {count_word('count.possible_phase1_sessions', possible, 'en')} for a minimum of {minimum} "
                f"({setting['en']}); the theme's offers: {names}; add offers or phase-1 windows, "
                f"otherwise no timetable is possible", warning=True))
    return found


def _speakers_over_max(problem: domain.Problem) -> list[InputError]:
    """A speaker whose required sessions exceed their `Max séances`."""
    column = {lang: problem.names.called("speakers", "max_sessions", lang)
              for lang in ("fr", "en")}
    return [located("speakers", s.row, "max_sessions", s.max_sessions,
                    f"{s.name} doit donner {required} séances obligatoires mais au plus {s.max_sessions} : "
                    f"augmentez {column['fr']} ou rendez des interventions facultatives, sinon aucun planning "
                    f"n'est possible",
                    f"{s.name} must give {required} required sessions but at most {s.max_sessions}: raise "
                    f"{column['en']} or make offers optional, otherwise no timetable is possible", warning=True)
            for s, required in speakers_over_max(problem)]


def _organisations_over_cap(problem: domain.Problem) -> list[InputError]:
    """An organisation whose required phase-1 sessions exceed `Séances max par organisation`."""
    cap = problem.programme.max_sessions_per_organisation
    setting = {lang: problem.names.setting("max_sessions_per_organisation", lang) for lang in ("fr", "en")}
    found = []
    for organisation, offers, total in organisations_over_cap(problem):
        names = ", ".join(o.id for o in offers)
        found.append(located(
            "organisations", organisation.row, "organisation", organisation.name,
            f"{total} séances obligatoires en phase 1 ({names}) pour au plus {cap} par organisation "
            f"({setting['fr']}) : rendez-en facultatives ou augmentez le plafond, sinon aucun planning "
            f"n'est possible",
            f"{total} required phase-1 sessions ({names}) for at most {cap} per organisation "
            f"({setting['en']}): make some optional or raise the cap, otherwise no timetable "
            f"is possible", warning=True))
    return found


def _offers_counting_more_weeks(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """An offer asking for more sessions than its phase has weeks (its sessions fall in different weeks)."""
    found = []
    column = {lang: problem.names.called("offers", "count", lang) for lang in ("fr", "en")}
    for offer in problem.offers:
        weeks = len(calendar.weeks) if offer.phase is None else len(calendar.weeks_of_phase(offer.phase))
        if offer.count > weeks:
            where_fr = "le programme" if offer.phase is None else f"la phase {offer.phase}"
            where_en = "the programme" if offer.phase is None else f"phase {offer.phase}"
            found.append(located(
                "offers", offer.row, "count", offer.count,
                f"{where_fr} n'a que {count_word('count.weeks', weeks, 'fr')} et les séances d'une intervention tombent dans des semaines "
                f"différentes : au plus {weeks} seront placées ; baissez {column['fr']}",
                f"{where_en} has only {count_word('count.weeks', weeks, 'en')} and an offer's sessions fall in different weeks: at most "
                f"{weeks} will be placed; lower {column['en']}", warning=True))
    return found


def _fr_hours(minutes: int) -> str:
    return f"{minutes / 60:g}".replace(".", ",")


def _event_days_too_full(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """A day whose fixed events alone exceed `Heures max par jour`."""
    limit = problem.programme.max_minutes_per_day
    setting = {lang: problem.names.setting("max_hours_per_day", lang) for lang in ("fr", "en")}
    found = []
    for day, _, events, minutes in fixed_event_overloads(problem, calendar):
        titles = ", ".join(f"« {e.title} » (ligne {e.row})" for e in events)
        titles_en = ", ".join(f"'{e.title}' (row {e.row})" for e in events)
        found.append(located(
            "events", events[0].row, "title", events[0].title,
            f"le {day:%d/%m/%Y}, les événements fixes {titles} font {_fr_hours(minutes)} h pour {_fr_hours(limit)} h "
            f"au plus "
            f"({setting['fr']}) : raccourcissez-les ou augmentez le maximum, sinon aucun planning n'est "
            f"possible",
            f"on {day.isoformat()}, the fixed events {titles_en} take {minutes / 60:g} h for at most {limit / 60:g} h "
            f"({setting['en']}): shorten them or raise the maximum, otherwise no timetable is possible",
            warning=True))
    return found


def _events_clashing(problem: domain.Problem, calendar: ProgrammeCalendar) -> list[InputError]:
    """Two fixed events at the same time for the same people."""
    return [located("events", second.row, "start", f"{second.title}",
                    f"le {day:%d/%m/%Y}, cet événement chevauche « {first.title} » (ligne {first.row}) pour les mêmes "
                    f"participants : changez ses heures ou son public, sinon aucun planning n'est possible",
                    f"on {day.isoformat()}, this event overlaps '{first.title}' (row {first.row}) for the same "
                    f"participants: change its hours or audience, otherwise no timetable is possible", warning=True)
            for day, first, second in fixed_event_clashes(problem, calendar)]
