"""What a calendar event says to the person who imports it: its summary and its description.

The summary is the `Planning` title (SPEC §5). No internal ID is shown (no `Séance`, no `EV-…`): a
repeated offer's sessions say "Séance 1 sur 2" first thing in the description, mentoring names its
project and the project's title, every event
says who the audience is ("la cohorte, 12 participants", "groupe projet P1, 4 participants"), what to
bring, the link, and whom to contact.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.core.domain import COHORT, Offer, Problem, Session, Timetable
from scheduler.core.project_work import PROJECT_WORK_PREFIX
from scheduler.core.words import count_word, word
from scheduler.exports.labels import format_label


def is_project_work(session: Session) -> bool:
    """Whether this calendar entry is a group's project-work block (not a session of the timetable)."""
    return session.session_id.startswith(PROJECT_WORK_PREFIX)


@dataclass
class EventTexts:
    """The summaries and descriptions of one timetable's events, in one language."""

    problem: Problem
    timetable: Timetable
    lang: str = "fr"
    _numbers: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_offer: dict[str, list[Session]] = {}
        for session in self.timetable.sessions:
            if not session.is_event:
                by_offer.setdefault(session.offer_id, []).append(session)
        for sessions in by_offer.values():
            if len(sessions) > 1:
                ordered = sorted(sessions, key=lambda s: (s.day, s.start, s.session_id))
                for n, session in enumerate(ordered, start=1):
                    self._numbers[session.session_id] = (n, len(ordered))
        self._offers = {offer.id: offer for offer in self.problem.offers}
        self._projects = {project.id: project for project in self.problem.projects}
        self._members: dict[str, int] = {}
        for _, project_id in self.timetable.groups:
            self._members[project_id] = self._members.get(project_id, 0) + 1

    def offer(self, session: Session) -> Offer | None:
        return self._offers.get(session.offer_id)

    def summary(self, session: Session) -> str:
        """The `Planning` title, as SPEC §5 wants it (the description says the rest)."""
        return session.title

    def occurrence(self, session: Session) -> str | None:
        """'Séance 1 sur 2' when the offer has several sessions in the timetable, else None."""
        if session.session_id not in self._numbers:
            return None
        n, total = self._numbers[session.session_id]
        return word("calendar.occurrence", self.lang, n=n, total=total)

    def audience(self, audience: str) -> str:
        """'la cohorte, 12 participants' or 'groupe projet P1, 4 participants' (no count when unknown)."""
        if audience == COHORT:
            people = len(self.problem.participants)
            who = word("calendar.audience_cohort", self.lang)
        else:
            people = self._members.get(audience, 0)
            who = word("calendar.audience_group", self.lang, group=audience)
        if people:
            who = word("calendar.audience_count", self.lang, who=who,
                       people=count_word("groups.people", people, self.lang))
        return word("calendar.audience", self.lang, audience=who)

    def contact(self) -> str | None:
        """'Contact : Name <email>', or None when the programme names no coordinator."""
        programme = self.problem.programme
        if programme.coordinator and programme.coordinator_email:
            who = f"{programme.coordinator} <{programme.coordinator_email}>"
        else:
            who = programme.coordinator or programme.coordinator_email
        return word("calendar.contact", self.lang, contact=who) if who else None

    def description(self, session: Session) -> str:
        """The lines a person reads under the title, in the export's language."""
        lang = self.lang
        if is_project_work(session):
            project = self._projects.get(session.audience)
            lines = [word("calendar.project_work", lang),
                     word("calendar.project_work_group", lang, group=session.audience,
                          title=project.title if project is not None else session.audience)]
        elif session.is_event:
            lines = [word("calendar.event", lang), self.audience(session.audience)]
        else:
            occurrence = self.occurrence(session)
            lines = [*([occurrence] if occurrence else []),
                     word("calendar.speaker", lang, speaker=session.speaker, organisation=session.organisation),
                     word("calendar.format", lang, format=format_label(session.format, lang)),
                     word("calendar.theme", lang, theme=session.theme)]
            offer = self.offer(session)
            project = self._projects.get(offer.project) if offer is not None and offer.project else None
            if project is not None:
                lines.append(word("calendar.project", lang, project=project.id, title=project.title))
            lines.append(self.audience(session.audience))
            if offer is not None and offer.bring:
                lines.append(word("calendar.bring", lang, bring=offer.bring))
            if offer is not None and offer.link:
                lines.append(word("calendar.link", lang, link=offer.link))
        contact = self.contact()
        if contact:
            lines.append(contact)
        return "\n".join(lines)

    def link(self, session: Session) -> str:
        offer = self.offer(session)
        return offer.link if offer is not None else ""
