"""Inventing a cohort: organisations, speakers, offers, projects, participants and fixed events."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (ASSOCIATION, COACHING, COMPANY, MENTORING, VISIT, FixedEvent, Offer, Organisation, Participant, Problem, Programme, Project, Speaker)
from scheduler.core.text import slug
from scheduler.synthetic.content import (ANCHOR_ORGANISATIONS, COACHING_TOPICS, DURATIONS, FIRST_NAMES,
                                         FORMAT_WEIGHTS, FORMAT_WORDS, LAST_NAMES, NAME_PATTERNS, PLACES,
                                         PROJECT_IDEAS, RECRUITMENT_THEME, THEMES, TOPICS, TYPE_SHARES)


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
    hosts = hosts[:count]
    groups = max(1, len(hosts))  # fewer host companies than wanted groups: the groups grow to hold everyone
    minimum = min(3, participants // groups)
    maximum = max(5, -(-participants // groups))
    return [Project(f"P{i + 1}", f"{ideas[i % len(ideas)][0]} — {host}", host, minimum, maximum)
            for i, host in enumerate(hosts)]


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
