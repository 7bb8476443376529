"""Checks that count sessions: per speaker, theme, organisation, offer, and required offers."""
from __future__ import annotations

from collections import Counter, defaultdict

from scheduler.checker.base import Violation, folded, ids
from scheduler.checker.facts import Facts
from scheduler.core.domain import Session
from scheduler.core.words import count_word


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
            f"Le thème « {theme.name} » n'a que {count_word('count.phase1_sessions', len(sessions), 'fr')} ; "
            f"il en faut au moins {needed}.",
            f"Theme '{theme.name}' has only {count_word('count.phase1_sessions', len(sessions), 'en')}; it needs at "
            f"least {needed}."))
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
                f"but offered only {count_word('count.times', offer.count, 'en')}."))
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
            f"L'intervention obligatoire {offer.id} « {offer.title} » n'a que "
            f"{count_word('count.placed_sessions', len(sessions), 'fr')} sur {offer.count}.",
            f"Required offer {offer.id} '{offer.title}' has only {len(sessions)} of its "
            f"{count_word('count.sessions', offer.count, 'en')} placed."))
    return found
