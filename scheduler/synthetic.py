"""Realistic, feasible instances for tests and benchmarks, built around a planted timetable.

The generator first invents a cohort (themes, partners, speakers, offers, projects, events,
participants), then lays out a valid timetable by hand (`plant`), and only then gives each
speaker availability windows that contain their planted sessions, plus noise (`availability`).
So every instance is feasible, and the planted timetable's session count is a lower bound on
what an optimal planner places.

    generate(seed, scale, start, participants, oversubscribed) -> Problem
    generate_with_plan(...) -> (Problem, planted Timetable)      planted_count(...) -> int
    plant(problem, rng) -> Timetable; availability(problem, timetable, rng) -> windows  (reused by nancy.py)

    python -m scheduler.synthetic OUT.xlsx [--seed N] [--scale X] [--start AAAA-MM-JJ] ...
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (ASSOCIATION, COACHING, COHORT, COMPANY, CONFERENCE, LOCAL_AUTHORITY, MENTORING,
                              TRAINING_BODY, VISIT, WORKSHOP, FixedEvent, Offer, Organisation, Participant,
                              Problem, Programme, Project, Session, Speaker, Theme, Timetable, Window)
from scheduler.core.text import slug

T = TypeVar("T")

DEFAULT_START = dt.date(2026, 11, 2)
SEED_OFFSET_WINDOWS = 7919  # the windows draw from their own stream, so content changes do not move them

# --------------------------------------------------------------------------------------------
# Content: what a cohort talks about, and who comes.
# --------------------------------------------------------------------------------------------

THEMES: tuple[Theme, ...] = (
    Theme("Développement web et logiciel", "Coder des sites, des applications et des logiciels", "1F77B4"),
    Theme("Data et intelligence artificielle", "Collecter, analyser et valoriser les données ; l'IA au travail",
          "FF7F0E"),
    Theme("Cybersécurité", "Protéger les systèmes, les réseaux et les données", "D62728"),
    Theme("Réseaux, systèmes et cloud", "Installer, exploiter et héberger les infrastructures", "2CA02C"),
    Theme("Design UX/UI", "Concevoir des interfaces utiles, accessibles et agréables", "9467BD"),
    Theme("Marketing digital et growth hacking", "Acquisition, réseaux sociaux, référencement, croissance",
          "8C564B"),
    Theme("Gestion de projet et agilité", "Piloter un projet numérique : Scrum, kanban, organisation", "E377C2"),
    Theme("Métiers du numérique et recrutement", "Découvrir les métiers et réussir son recrutement", "17BECF"),
)
RECRUITMENT_THEME = THEMES[-1].name

TOPICS: dict[str, tuple[str, ...]] = {
    THEMES[0].name: ("le métier de développeur", "première page web en HTML et CSS", "programmer en Python",
                     "tester un logiciel", "du code à la mise en ligne", "les logiciels libres"),
    THEMES[1].name: ("les métiers de la data", "le tableur comme un analyste", "l'IA générative au quotidien",
                     "explorer l'open data", "visualiser des données", "les données d'une entreprise"),
    THEMES[2].name: ("les métiers de la cybersécurité", "hygiène numérique et mots de passe",
                     "reconnaître l'hameçonnage", "un centre de sécurité opérationnel", "protéger ses données",
                     "la sécurité d'une petite entreprise"),
    THEMES[3].name: ("administrer des systèmes", "le cloud expliqué simplement", "monter un petit réseau",
                     "un centre de données", "objets connectés et Raspberry Pi", "le support informatique"),
    THEMES[4].name: ("le métier d'UX designer", "prototyper une application", "accessibilité numérique",
                     "tester l'ergonomie d'un site", "un studio de design", "l'interface d'un service public"),
    THEMES[5].name: ("growth hacking", "construire une campagne sur les réseaux sociaux",
                     "référencement naturel", "la communication numérique", "une agence de marketing",
                     "mesurer l'audience d'un site"),
    THEMES[6].name: ("le métier de chef de projet", "Scrum par le jeu", "kanban et outils collaboratifs",
                     "piloter une transformation numérique", "entreprendre dans le numérique",
                     "animer une réunion efficace"),
    THEMES[7].name: ("panorama des métiers du numérique", "se former au numérique", "réseau professionnel",
                     "parcours de reconversion", "une pépinière d'entreprises", "les codes du recrutement"),
}

COACHING_TOPICS = ("Simulations d'entretien d'embauche", "Les codes du recrutement dans le numérique",
                   "CV et profil LinkedIn", "Pitcher son projet professionnel", "Préparer sa recherche d'emploi")

FORMAT_WORDS = {CONFERENCE: "Conférence", WORKSHOP: "Atelier", VISIT: "Visite", COACHING: "Coaching",
                MENTORING: "Suivi de projet"}

FIRST_NAMES = ("Léa", "Hugo", "Camille", "Nadia", "Thomas", "Inès", "Julien", "Manon", "Karim", "Sophie",
               "Lucas", "Chloé", "Antoine", "Sarah", "Mehdi", "Laura", "Nicolas", "Émilie", "Romain", "Amina",
               "Pierre", "Julie", "Maxime", "Aurélie", "Yacine", "Claire", "Damien", "Élodie", "Bruno", "Fatima",
               "Kevin", "Sandrine", "Paul", "Audrey", "Olivier", "Céline", "David", "Hélène", "Marc", "Nathalie")
LAST_NAMES = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
              "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "Fontaine", "Girard", "Mangin",
              "Thiriet", "Colin", "Jacquot", "Husson", "Poirson", "Grandjean", "Vautrin", "Lallemand",
              "Chevalier", "Masson", "Marchal", "Haddad", "Benali", "Klein", "Schmitt", "Muller", "Weber",
              "Koenig", "Hoffmann", "Renaud", "Perrin", "Barbier")
PLACES = ("Stanislas", "Meurthe", "Moselle", "Plateau", "Brabois", "Laxou", "Vandœuvre", "Villers",
          "Malzéville", "Jarville", "Saint-Max", "Tomblaine", "Essey", "Maxéville", "Heillecourt", "Ludres",
          "Seichamps", "Pompey", "Frouard", "Lunéville", "Toul", "Pont-à-Mousson", "Charles III", "Carnot",
          "Thermal", "Saurupt", "Haye", "Amerval", "Gentilly", "Croix-de-Bourgogne")
NAME_PATTERNS: dict[str, tuple[str, ...]] = {
    COMPANY: ("Web Studio {}", "Data {}", "Cyber {}", "Nuage {}", "Pixel {}", "Code {}", "Digital {}",
              "Agence Comète {}", "Logiciels {}", "Conseil {}", "Réseaux {}", "Growth Lab {}"),
    LOCAL_AUTHORITY: ("Mairie de {}", "Service numérique de {}", "Communauté de communes de {}"),
    ASSOCIATION: ("Numérique Solidaire {}", "Les Codeuses de {}", "Fab Lab {}", "Club Data {}",
                  "Femmes & Tech {}"),
    TRAINING_BODY: ("École du Code {}", "Campus Numérique {}", "Institut Cyber {}", "Académie Data {}"),
}
ANCHOR_ORGANISATIONS = (
    Organisation("Maison de l'Emploi du Grand Nancy", ASSOCIATION),
    Organisation("Tomorrow Jobs", COMPANY),
    Organisation("Métropole du Grand Nancy", LOCAL_AUTHORITY),
    Organisation("Région Grand Est", LOCAL_AUTHORITY),
)
TYPE_SHARES = ((COMPANY, 0.5), (LOCAL_AUTHORITY, 0.15), (ASSOCIATION, 0.2), (TRAINING_BODY, 0.15))
FORMAT_WEIGHTS: dict[str, dict[str, int]] = {
    COMPANY: {CONFERENCE: 3, WORKSHOP: 3, VISIT: 3},
    LOCAL_AUTHORITY: {CONFERENCE: 3, WORKSHOP: 1, VISIT: 2},
    ASSOCIATION: {CONFERENCE: 2, WORKSHOP: 4},
    TRAINING_BODY: {CONFERENCE: 1, WORKSHOP: 5},
}
DURATIONS: dict[str, tuple[int, ...]] = {
    CONFERENCE: (60, 90, 90, 120, 120),
    WORKSHOP: (120, 150, 180, 180, 210),
    VISIT: (120, 150, 180, 210),
    COACHING: (90, 120, 180),
    MENTORING: (120, 150, 180),
}
PROJECT_IDEAS = (("Refonte du site vitrine", THEMES[0].name), ("Tableau de bord des ventes", THEMES[1].name),
                 ("Campagne d'acquisition sur les réseaux sociaux", THEMES[5].name),
                 ("Audit de sécurité d'un petit réseau", THEMES[2].name),
                 ("Application de prise de rendez-vous", THEMES[4].name),
                 ("Migration d'un outil interne vers le cloud", THEMES[3].name))

# --------------------------------------------------------------------------------------------
# Planting: a valid timetable laid out by hand.
# --------------------------------------------------------------------------------------------


def audiences_meet(first: str, second: str) -> bool:
    """Two audiences share a participant: the cohort meets everyone, a group only itself."""
    return first == COHORT or second == COHORT or first == second


@dataclass(frozen=True)
class _Item:
    """Something on a day of the planted timetable: a session or a fixed event."""

    start: int
    end: int
    audience: str
    halves: frozenset[int]
    visit: bool = False

    @property
    def minutes(self) -> int:
        return self.end - self.start


class Planter:
    """Places occurrences of offers one at a time, keeping every hard rule of SPEC §2."""

    def __init__(self, problem: Problem, rng: random.Random):
        self.problem = problem
        self.rng = rng
        self.calendar = ProgrammeCalendar(problem.programme, problem.closures)
        self.organisation_of = {s.name: s.organisation for s in problem.speakers}
        self.speaker_cap = {s.name: s.max_sessions for s in problem.speakers}
        self.items: dict[dt.date, list[_Item]] = defaultdict(list)
        self.speaker_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = defaultdict(list)
        self.speaker_count: Counter = Counter()
        self.organisation_count: Counter = Counter()  # phase-1 sessions
        self.offer_weeks: dict[str, set[int]] = defaultdict(set)
        self.habits: dict[str, tuple[int, int]] = {}  # offer -> (weekday, half-day) of its first session
        self.sessions: list[Session] = []
        for index, event in enumerate(problem.events):
            for day in self.calendar.event_days(event):
                self._add_event(index, event, day)

    def _halves(self, start: int, end: int) -> frozenset[int]:
        return frozenset(i for i, (first, last) in enumerate(self.calendar.half_days) if start < last and first < end)

    def _add_event(self, index: int, event: FixedEvent, day: dt.date) -> None:
        self.items[day].append(_Item(event.start, event.end, event.audience, self._halves(event.start, event.end)))
        week = self.calendar.week_of[day]
        location = event.location or self.problem.programme.location
        self.sessions.append(Session(f"EV{index + 1:02d}-{day:%Y%m%d}", "", day, event.start, event.end, week,
                                     self.calendar.phase_of_week(week), event.title, audience=event.audience,
                                     location=location))

    def place(self, offer: Offer, limit: int | None = None, phase: int | None = None) -> int:
        """Place up to `limit` more occurrences of `offer` (default: all it offers), each in its own week,
        in `phase` if given; how many were placed."""
        wanted = offer.count - len(self.offer_weeks[offer.id])
        wanted = wanted if limit is None else min(wanted, limit)
        placed = 0
        for week in self._weeks_for(offer, phase):
            if placed >= wanted:
                break
            spot = self._find_spot(offer, week)
            if spot is not None:
                self._commit(offer, *spot)
                placed += 1
        return placed

    def _weeks_for(self, offer: Offer, phase: int | None) -> list[int]:
        """The offer's phase weeks not used by it yet, shuffled (only `phase`'s weeks if given)."""
        weeks = list(self.calendar.weeks) if offer.phase is None else list(self.calendar.weeks_of_phase(offer.phase))
        self.rng.shuffle(weeks)
        return [w for w in weeks if w not in self.offer_weeks[offer.id]
                and (phase is None or self.calendar.phase_of_week(w) == phase)]

    def theme_count(self, theme: str) -> int:
        """Phase-1 sessions of `theme` placed so far."""
        return sum(1 for s in self.sessions if s.offer_id and s.phase == 1 and s.theme == theme)

    def _find_spot(self, offer: Offer, week: int) -> tuple[dt.date, int] | None:
        for day, half in self._day_halves(offer, week):
            for start in self._starts(half, offer.duration_minutes):
                if self.fits(offer, day, start):
                    return day, start
        return None

    def _day_halves(self, offer: Offer, week: int) -> list[tuple[dt.date, int]]:
        """Days and half-days of the week in random order, the offer's habit (same weekday) first."""
        pairs = [(day, half) for day in self.calendar.weeks[week] for half in (0, 1)]
        self.rng.shuffle(pairs)
        habit = self.habits.get(offer.id)
        if habit is not None:
            pairs.sort(key=lambda pair: (pair[0].weekday(), pair[1]) != habit)
        return pairs

    def _starts(self, half: int, duration: int) -> list[int]:
        """Grid starts, the half-day's first and last first (they leave room for another session)."""
        starts = self.calendar.grid_starts(half, duration)
        if len(starts) <= 2:
            return starts
        middle = starts[1:-1]
        self.rng.shuffle(middle)
        return [starts[0], starts[-1], *middle]

    def fits(self, offer: Offer, day: dt.date, start: int) -> bool:
        """Whether one occurrence of `offer` on `day` at `start` keeps the timetable valid."""
        end = start + offer.duration_minutes
        half = self.calendar.half_day_of(start, end)
        if half is None or day not in self.calendar.week_of or self.calendar.week_of[day] in self.offer_weeks[offer.id]:
            return False
        audience = offer.audience
        visit = offer.format == VISIT
        for item in self.items[day]:
            if not audiences_meet(audience, item.audience):
                continue
            if item.start < end and start < item.end:
                return False
            if (visit or item.visit) and half in item.halves:
                return False
        return (self._speaker_free(offer.speaker, day, start, end)
                and self._within_daily_hours(day, audience, end - start)
                and self._within_organisation_cap(offer, day))

    def _speaker_free(self, speaker: str, day: dt.date, start: int, end: int) -> bool:
        cap = self.speaker_cap.get(speaker)
        if cap is not None and self.speaker_count[speaker] >= cap:
            return False
        return all(end <= first or last <= start for first, last in self.speaker_busy[(speaker, day)])

    def _within_daily_hours(self, day: dt.date, audience: str, minutes: int) -> bool:
        """Cohort minutes plus the busiest group's stay within the daily limit."""
        totals: Counter = Counter()
        for item in self.items[day]:
            totals[item.audience] += item.minutes
        totals[audience] += minutes
        groups = [total for name, total in totals.items() if name != COHORT]
        return totals[COHORT] + max(groups, default=0) <= self.problem.programme.max_minutes_per_day

    def _within_organisation_cap(self, offer: Offer, day: dt.date) -> bool:
        if self.calendar.phase_of_day(day) != 1:
            return True
        organisation = self.organisation_of[offer.speaker]
        return self.organisation_count[organisation] < self.problem.programme.max_sessions_per_organisation

    def _commit(self, offer: Offer, day: dt.date, start: int) -> None:
        end = start + offer.duration_minutes
        half = self.calendar.half_day_of(start, end)
        week = self.calendar.week_of[day]
        phase = self.calendar.phase_of_week(week)
        self.items[day].append(_Item(start, end, offer.audience, frozenset({half}), offer.format == VISIT))
        self.speaker_busy[(offer.speaker, day)].append((start, end))
        self.speaker_count[offer.speaker] += 1
        organisation = self.organisation_of[offer.speaker]
        if phase == 1:
            self.organisation_count[organisation] += 1
        self.offer_weeks[offer.id].add(week)
        self.habits.setdefault(offer.id, (day.weekday(), half))
        self.sessions.append(Session("", offer.id, day, start, end, week, phase, offer.title, offer.theme,
                                     offer.format, offer.speaker, organisation, offer.audience,
                                     offer.location or self.problem.programme.location))

    def timetable(self) -> Timetable:
        """The planted timetable, occurrences numbered `<offer>-<k>` in date order."""
        ordered: list[Session] = []
        seen: Counter = Counter()
        for session in sorted(self.sessions, key=lambda s: (s.day, s.start, s.audience, s.offer_id)):
            if session.offer_id:
                seen[session.offer_id] += 1
                session = replace(session, session_id=f"{session.offer_id}-{seen[session.offer_id]}")
            ordered.append(session)
        return Timetable(tuple(ordered), groups=assign_groups(self.problem))


def planting_order(problem: Problem, rng: random.Random) -> list[Offer]:
    """Required offers first (most occurrences first), then the others, themes taking turns."""
    required = sorted((o for o in problem.offers if o.required), key=lambda o: -o.count)
    by_theme: dict[str, list[Offer]] = defaultdict(list)
    for offer in problem.offers:
        if not offer.required:
            by_theme[offer.theme].append(offer)
    for offers in by_theme.values():
        rng.shuffle(offers)
    interleaved: list[Offer] = []
    while any(by_theme.values()):
        for theme in sorted(by_theme):
            if by_theme[theme]:
                interleaved.append(by_theme[theme].pop())
    return required + interleaved


def plant(problem: Problem, rng: random.Random) -> Timetable:
    """A valid timetable for `problem` (its windows ignored): fixed events, required offers,
    then enough phase-1 sessions for each theme's minimum, then everything else that fits."""
    planter = Planter(problem, rng)
    order = planting_order(problem, rng)
    for offer in order:
        if offer.required:
            planter.place(offer)
    for theme in problem.themes:
        for offer in (o for o in order if o.theme == theme.name and o.phase in (1, None)):
            if planter.theme_count(theme.name) >= problem.programme.min_sessions_per_theme:
                break
            planter.place(offer, limit=1, phase=1)
    for offer in order:
        planter.place(offer)
    return planter.timetable()


def planted_offer_counts(timetable: Timetable) -> Counter:
    return Counter(s.offer_id for s in timetable.sessions if s.offer_id)


def theme_shortfalls(problem: Problem, timetable: Timetable) -> dict[str, int]:
    """Theme -> how many phase-1 sessions it lacks to reach the minimum (only themes that lack some)."""
    counts = Counter(s.theme for s in timetable.sessions if s.offer_id and s.phase == 1)
    minimum = problem.programme.min_sessions_per_theme
    return {t.name: minimum - counts[t.name] for t in problem.themes if counts[t.name] < minimum}


def missing_required(problem: Problem, timetable: Timetable) -> list[str]:
    """IDs of required offers the planted timetable does not hold in full."""
    counts = planted_offer_counts(timetable)
    return [o.id for o in problem.offers if o.required and counts[o.id] < o.count]


def assign_groups(problem: Problem) -> tuple[tuple[str, str], ...]:
    """Participants to projects: first wish with room, then the smallest group; sizes kept."""
    if not problem.projects:
        return ()
    members: dict[str, list[str]] = {p.id: [] for p in problem.projects}
    limit = {p.id: p.max_size or len(problem.participants) for p in problem.projects}
    for participant in problem.participants:
        wish = next((w for w in participant.wishes if w in members and len(members[w]) < limit[w]), None)
        chosen = wish or min(members, key=lambda p: (len(members[p]) >= limit[p], len(members[p])))
        members[chosen].append(participant.name)
    _fill_minimums(problem.projects, members)
    return tuple((name, project) for project, names in members.items() for name in names)


def _fill_minimums(projects: Sequence[Project], members: dict[str, list[str]]) -> None:
    for project in projects:
        while len(members[project.id]) < (project.min_size or 0):
            donors = [p for p in projects if len(members[p.id]) > (p.min_size or 0) and p.id != project.id]
            if not donors:
                return
            donor = max(donors, key=lambda p: len(members[p.id]))
            members[project.id].append(members[donor.id].pop())


# --------------------------------------------------------------------------------------------
# Availability: windows around the planted sessions, plus noise.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    calendar: ProgrammeCalendar
    rng: random.Random
    preferred_share: float

    def half_span(self, half: int) -> tuple[int, int]:
        return self.calendar.half_days[half]

    def preferred(self) -> bool:
        return self.rng.random() < self.preferred_share


def availability(problem: Problem, timetable: Timetable, rng: random.Random,
                 noise: tuple[int, int] = (1, 3), preferred_share: float = 0.25) -> tuple[Window, ...]:
    """Windows for every speaker: each planted session lies in one of them; `noise` extra windows each."""
    context = _Context(ProgrammeCalendar(problem.programme, problem.closures), rng, preferred_share)
    by_speaker: dict[str, list[Session]] = defaultdict(list)
    for session in timetable.sessions:
        if session.offer_id:
            by_speaker[session.speaker].append(session)
    windows: list[Window] = []
    for speaker in problem.speakers:
        own = sorted(by_speaker[speaker.name], key=lambda s: (s.day, s.start))
        phases = {o.phase for o in problem.offers if o.speaker == speaker.name}
        found = _covering_windows(speaker.name, own, context)
        found += _noise_windows(speaker.name, phases, rng.randint(*noise), context)
        windows.extend(_unique(found))
    return tuple(windows)


def _covering_windows(speaker: str, sessions: list[Session], context: _Context) -> list[Window]:
    """One window per session, or one weekly window for an offer's sessions on the same weekday and half-day."""
    groups: dict[tuple[str, int, int], list[Session]] = defaultdict(list)
    for session in sessions:
        half = context.calendar.half_day_of(session.start, session.end)
        groups[(session.offer_id, session.day.weekday(), half)].append(session)
    windows = []
    for (_, weekday, half), members in groups.items():
        if len(members) >= 2:
            windows.append(_weekly_window(speaker, weekday, half, members[0].day, members[-1].day, context))
        else:
            windows.extend(_window_around(speaker, s, half, context) for s in members)
    return windows


def _weekly_window(speaker: str, weekday: int, half: int, first: dt.date, last: dt.date,
                   context: _Context) -> Window:
    """Every `weekday` from `first` to `last` (or the whole programme), on the half-day or the whole day."""
    rng = context.rng
    start, end = context.half_span(half) if rng.random() < 0.7 else (None, None)
    whole_programme = rng.random() < 0.3
    return Window(speaker, weekday=weekday, start=start, end=end,
                  first=None if whole_programme else first - dt.timedelta(days=7 * rng.randint(0, 1)),
                  last=None if whole_programme else last + dt.timedelta(days=7 * rng.randint(0, 1)),
                  preferred=context.preferred())


def _window_around(speaker: str, session: Session, half: int, context: _Context) -> Window:
    """A window holding one session: its half-day, its whole day, a tighter span, or a weekly row."""
    rng = context.rng
    style = rng.choices(("half", "day", "tight", "weekly"), weights=(35, 15, 20, 30))[0]
    half_start, half_end = context.half_span(half)
    if style == "weekly":
        return _weekly_window(speaker, session.day.weekday(), half, session.day, session.day, context)
    if style == "day":
        return Window(speaker, date=session.day, preferred=context.preferred())
    if style == "tight":
        step = context.calendar.programme.slot_minutes
        start = max(half_start, session.start - step * rng.randint(0, 2))
        end = min(half_end, session.end + step * rng.randint(0, 2))
        return Window(speaker, date=session.day, start=start, end=end, preferred=context.preferred())
    return Window(speaker, date=session.day, start=half_start, end=half_end, preferred=context.preferred())


def _noise_windows(speaker: str, phases: set[int | None], count: int, context: _Context) -> list[Window]:
    """Extra windows on random working days of the phases the speaker's offers belong to."""
    calendar, rng = context.calendar, context.rng
    weeks = [w for w in calendar.weeks if not phases or None in phases or calendar.phase_of_week(w) in phases]
    days = [d for w in weeks for d in calendar.weeks[w]]
    windows = []
    for _ in range(count if days else 0):
        day = rng.choice(days)
        half = rng.randint(0, 1)
        start, end = context.half_span(half)
        if rng.random() < 0.25:
            windows.append(Window(speaker, weekday=day.weekday(), start=start, end=end, first=day,
                                  last=day + dt.timedelta(days=7 * rng.randint(1, 3)), preferred=context.preferred()))
        else:
            windows.append(Window(speaker, date=day, start=start, end=end, preferred=context.preferred()))
    return windows


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


def numbered(items: Iterable[T]) -> tuple[T, ...]:
    """Items with `row` set to the Excel row each will have under a header row."""
    return tuple(replace(item, row=index) for index, item in enumerate(items, start=2))


def with_rows(problem: Problem) -> Problem:
    """`problem` with every table's `row` numbered as the written workbook will show it."""
    return replace(problem, themes=numbered(problem.themes), organisations=numbered(problem.organisations),
                   speakers=numbered(problem.speakers), offers=numbered(problem.offers),
                   windows=numbered(problem.windows), closures=numbered(problem.closures),
                   events=numbered(problem.events), projects=numbered(problem.projects),
                   participants=numbered(problem.participants))


def cap_some_speakers(problem: Problem, timetable: Timetable, rng: random.Random, share: float = 0.2) -> Problem:
    """Give some speakers a `Max séances`: their planted count when they offer more, else one spare."""
    planted = Counter(s.speaker for s in timetable.sessions if s.offer_id)
    offered: Counter = Counter()
    for offer in problem.offers:
        offered[offer.speaker] += offer.count

    def capped(speaker: Speaker) -> Speaker:
        given = planted[speaker.name]
        if speaker.max_sessions is not None or not given or rng.random() >= share:
            return speaker
        return replace(speaker, max_sessions=given if given < offered[speaker.name] else given + 1)

    return replace(problem, speakers=tuple(capped(s) for s in problem.speakers))


# --------------------------------------------------------------------------------------------
# Inventing a cohort.
# --------------------------------------------------------------------------------------------


@dataclass
class _Names:
    """Unique people and organisation names drawn from the pools."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def unique(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        base = make()
        number = 2
        while f"{base} {number}" in self.used:
            number += 1
        self.used.add(f"{base} {number}")
        return f"{base} {number}"

    def person(self) -> str:
        return self.unique(lambda: f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}")

    def organisation(self, kind: str) -> str:
        return self.unique(lambda: self.rng.choice(NAME_PATTERNS[kind]).format(self.rng.choice(PLACES)))


def email(name: str, domain: str = "exemple.fr") -> str:
    """'Léa Dupont' -> 'lea.dupont@exemple.fr'."""
    return f"{slug(name).replace('-', '.')}@{domain}"


def invent_organisations(rng: random.Random, names: _Names, count: int) -> list[Organisation]:
    """The anchor partners of the programme, then invented ones in the usual type shares."""
    organisations = list(ANCHOR_ORGANISATIONS[:count])
    names.used.update(o.name for o in organisations)
    kinds = [kind for kind, share in TYPE_SHARES for _ in range(max(1, round(share * count)))]
    rng.shuffle(kinds)
    while len(organisations) < count:
        kind = kinds.pop() if kinds else COMPANY
        organisations.append(Organisation(names.organisation(kind), kind))
    return organisations


def invent_speakers(rng: random.Random, names: _Names, organisations: Sequence[Organisation],
                    count: int) -> list[Speaker]:
    """One speaker per organisation, the rest spread with companies weighing more."""
    homes = list(organisations)
    weights = [2 if o.kind == COMPANY else 1 for o in organisations]
    while len(homes) < count:
        homes.append(rng.choices(organisations, weights=weights)[0])
    speakers = []
    for organisation in homes[:count]:
        name = names.person()
        speakers.append(Speaker(name, organisation.name, email(name)))
    return speakers


@dataclass
class _OfferFactory:
    """Offers, numbered I001…, given to the least busy suitable speaker."""

    rng: random.Random
    programme: Programme
    organisation_of: dict[str, Organisation]  # speaker -> their organisation
    load: Counter = field(default_factory=Counter)
    offers: list[Offer] = field(default_factory=list)
    titles: Counter = field(default_factory=Counter)

    def duration(self, format_name: str) -> int:
        """A duration of the format that fits in a half-day, on the grid."""
        longest = min(end - start for start, end in (self.programme.morning, self.programme.afternoon))
        step = self.programme.slot_minutes
        choices = [d for d in DURATIONS[format_name] if d <= longest and d % step == 0] or [step * (longest // step)]
        return self.rng.choice(choices)

    def speaker_for(self, candidates: Sequence[str]) -> str:
        """A candidate whose organisation, then who, has the fewest offers so far."""
        organisation_load: Counter = Counter()
        for speaker, offers in self.load.items():
            organisation_load[self.organisation_of[speaker].name] += offers

        def busyness(speaker: str) -> tuple[int, int]:
            return organisation_load[self.organisation_of[speaker].name], self.load[speaker]

        fewest = min(busyness(c) for c in candidates)
        return self.rng.choice([c for c in candidates if busyness(c) == fewest])

    def title(self, format_name: str, topic: str) -> str:
        title = f"{FORMAT_WORDS[format_name]} — {topic[0].upper()}{topic[1:]}"
        self.titles[title] += 1
        return title if self.titles[title] == 1 else f"{title} ({self.titles[title]})"

    def add(self, speaker: str, title: str, theme: str, format_name: str, **details) -> Offer:
        offer = Offer(f"I{len(self.offers) + 1:03d}", speaker, title, theme, format_name,
                      details.pop("duration", None) or self.duration(format_name), **details)
        self.load[speaker] += 1
        self.offers.append(offer)
        return offer

    def discovery_offer(self, theme: str, speakers: Sequence[str], required: bool) -> Offer:
        speaker = self.speaker_for(speakers)
        organisation = self.organisation_of[speaker]
        weights = FORMAT_WEIGHTS[organisation.kind]
        format_name = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        count = 2 if format_name != VISIT and self.rng.random() < 0.2 else 1
        location = f"Locaux de {organisation.name}" if format_name == VISIT else ""
        return self.add(speaker, self.title(format_name, self.rng.choice(TOPICS[theme])), theme, format_name,
                        phase=1, count=count, required=required and count == 1, location=location)


def invent_offers(rng: random.Random, programme: Programme, speakers: Sequence[Speaker],
                  organisations: Sequence[Organisation], discovery: int, coaching: int,
                  projects: Sequence[Project]) -> list[Offer]:
    """Discovery offers (themes in turn), coaching for the cohort, and weekly mentoring per project."""
    by_name = {o.name: o for o in organisations}
    kind = {o.name: o.kind for o in organisations}
    factory = _OfferFactory(rng, programme, {s.name: by_name[s.organisation] for s in speakers})
    names = [s.name for s in speakers]
    themes = [t.name for t in THEMES]
    for index in range(discovery):
        if index % len(themes) == 0:
            rng.shuffle(themes)
        factory.discovery_offer(themes[index % len(themes)], names, required=rng.random() < 0.12)
    phase2_weeks = max(1, programme.weeks - programme.phase1_weeks)
    coaches = [s.name for s in speakers if kind[s.organisation] in (ASSOCIATION, COMPANY)] or names
    for index in range(coaching):
        phase = 2 if index % 4 == 3 else None
        topic = COACHING_TOPICS[index % len(COACHING_TOPICS)]
        factory.add(factory.speaker_for(coaches), factory.title(COACHING, topic), RECRUITMENT_THEME, COACHING,
                    phase=phase, count=rng.choice((1, 1, 2)), required=index % 2 == 0)
    for project in projects:
        mentors = [s.name for s in speakers if s.organisation == project.organisation]
        count = min(rng.randint(4, 6), phase2_weeks)
        factory.add(factory.speaker_for(mentors), f"{MENTORING} — {project.id}", project_theme(project),
                    MENTORING, phase=2, count=count, required=True, project=project.id)
    return factory.offers


def project_theme(project: Project) -> str:
    """The theme of a project invented from `PROJECT_IDEAS` (its title starts with the idea)."""
    return next((theme for idea, theme in PROJECT_IDEAS if project.title.startswith(idea)), THEMES[0].name)


def invent_projects(rng: random.Random, organisations: Sequence[Organisation], speakers: Sequence[Speaker],
                    participants: int) -> list[Project]:
    """Company projects for groups of about four; sizes that fit the cohort."""
    count = max(1, round(participants / 4))
    hosts = sorted({s.organisation for s in speakers if any(o.name == s.organisation and o.kind == COMPANY
                                                              for o in organisations)})
    rng.shuffle(hosts)
    ideas = list(PROJECT_IDEAS)
    rng.shuffle(ideas)
    minimum = min(3, participants // count)
    maximum = max(5, -(-participants // count))
    return [Project(f"P{i + 1}", f"{ideas[i % len(ideas)][0]} — {host}", host, minimum, maximum)
            for i, host in enumerate(hosts[:count])]


def invent_participants(rng: random.Random, names: _Names, count: int,
                        projects: Sequence[Project]) -> list[Participant]:
    people = []
    for _ in range(count):
        name = names.person()
        wishes = [p.id for p in projects]
        rng.shuffle(wishes)
        people.append(Participant(name, email(name), tuple(wishes[:3])))
    return people


def standard_events(calendar: ProgrammeCalendar) -> list[FixedEvent]:
    """Welcome morning, a weekly Friday review, and the projects' final presentation."""
    programme = calendar.programme
    first_day = calendar.working_days[0]
    last_week = calendar.weeks[max(calendar.weeks)]
    final_day = max((d for d in last_week if d.weekday() == 4), default=last_week[-1])
    return [
        FixedEvent("Accueil de la promotion", programme.morning[0], programme.morning[1], date=first_day),
        FixedEvent("Bilan de la semaine", 16 * 60, 17 * 60, weekday=4),
        FixedEvent("Restitution des projets", 14 * 60, 16 * 60, date=final_day),
    ]


def _scaled(base: int, scale: float, least: int = 1) -> int:
    return max(least, round(base * scale))


def _invent_problem(rng: random.Random, scale: float, start: dt.date, participants: int, oversubscribed: bool,
                    weeks: int, phase1_weeks: int, name: str | None) -> Problem:
    """Everything but the availability windows."""
    programme = Programme(
        name=name or f"Promo synthétique {start:%d/%m/%Y} (échelle {scale:g})", start_date=start, weeks=weeks,
        phase1_weeks=phase1_weeks, max_minutes_per_day=4 * 60 if oversubscribed else 6 * 60,
        location="Maison de l'Emploi du Grand Nancy")
    calendar = ProgrammeCalendar(programme)
    names = _Names(rng)
    organisations = invent_organisations(rng, names, _scaled(32, scale, 8))
    speakers = invent_speakers(rng, names, organisations, _scaled(40, scale, len(organisations)))
    projects = invent_projects(rng, organisations, speakers, participants)
    least = (programme.min_sessions_per_theme + 1) * len(THEMES)
    discovery = _scaled(36, scale * (1.6 if oversubscribed else 1.0), least)
    offers = invent_offers(rng, programme, speakers, organisations, discovery, _scaled(4, scale, 2), projects)
    return Problem(programme, THEMES, tuple(organisations), tuple(speakers), tuple(offers),
                   events=tuple(standard_events(calendar)), projects=tuple(projects),
                   participants=tuple(invent_participants(rng, names, participants, projects)))


def settle_required(problem: Problem, timetable: Timetable) -> Problem:
    """Required offers the planted timetable does not hold in full become optional."""
    missing = set(missing_required(problem, timetable))
    offers = tuple(replace(o, required=False) if o.id in missing else o for o in problem.offers)
    return replace(problem, offers=offers)


def generate_with_plan(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
                       oversubscribed: bool = False, *, weeks: int = 12, phase1_weeks: int = 6,
                       name: str | None = None) -> tuple[Problem, Timetable]:
    """A feasible instance and its planted timetable (fixed events included, groups assigned).

    scale=1 is one cohort (about 32 partners, 40 speakers, 40 phase-1 offers); scale multiplies
    partners, speakers and offers; beyond about 1.5 the phase-1 hours are oversubscribed.
    `oversubscribed` adds 60% more discovery offers and lowers the day to 4 hours.
    """
    rng = random.Random(seed)
    problem = _invent_problem(rng, scale, start, participants, oversubscribed, weeks, phase1_weeks, name)
    timetable = plant(problem, rng)
    shortfalls = theme_shortfalls(problem, timetable)
    if shortfalls:
        raise RuntimeError(f"seed {seed}: the planted timetable misses theme minimums {shortfalls}")
    problem = settle_required(problem, timetable)
    window_rng = random.Random(seed + SEED_OFFSET_WINDOWS)
    problem = cap_some_speakers(problem, timetable, window_rng)
    problem = replace(problem, windows=availability(problem, timetable, window_rng))
    return with_rows(problem), timetable


def generate(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
             oversubscribed: bool = False, **options) -> Problem:
    """A feasible, realistic instance (see `generate_with_plan`)."""
    return generate_with_plan(seed, scale, start, participants, oversubscribed, **options)[0]


def planted_count(seed: int = 0, scale: float = 1.0, start: dt.date = DEFAULT_START, participants: int = 12,
                  oversubscribed: bool = False, **options) -> int:
    """Sessions in the planted timetable: a lower bound on what an optimal planner places."""
    timetable = generate_with_plan(seed, scale, start, participants, oversubscribed, **options)[1]
    return sum(1 for s in timetable.sessions if s.offer_id)


def main(argv: Sequence[str] | None = None) -> None:
    """Write a synthetic input workbook."""
    from scheduler.workbook.writing import write_problem

    parser = argparse.ArgumentParser(prog="python -m scheduler.synthetic", description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=DEFAULT_START)
    parser.add_argument("--participants", type=int, default=12)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--phase1-weeks", type=int, default=6)
    parser.add_argument("--name")
    parser.add_argument("--oversubscribed", action="store_true")
    args = parser.parse_args(argv)
    problem, timetable = generate_with_plan(args.seed, args.scale, args.start, args.participants, args.oversubscribed,
                                            weeks=args.weeks, phase1_weeks=args.phase1_weeks, name=args.name)
    write_problem(problem, args.out)
    planted = sum(1 for s in timetable.sessions if s.offer_id)
    print(f"{args.out}: {len(problem.offers)} offers, {sum(o.count for o in problem.offers)} sessions offered, "
          f"{planted} planted")


if __name__ == "__main__":
    main()
