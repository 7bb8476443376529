"""Why a previous session cannot stay at its day and time, in the coordinator's words (replan, one cohort or a
year): what changed in the workbook, or, for a session moved there by hand, the fact as it is. Solver-free: it
reads the prepared instance only."""
from __future__ import annotations

from scheduler.core.candidates import audiences_meet
from scheduler.core.domain import Offer, Session
from scheduler.core.errors import Message
from scheduler.core.instance import PreparedInstance
from scheduler.core.text import format_time


def _hours(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


# How a reason says its fact: as a change of the workbook ('n'est plus disponible'), for a session where it was
# planned and published; or as it is ('n'est pas disponible'), for a session moved (or added) there by hand.
_CHANGED = {"fr": {"not": "n'est plus", "now": " maintenant"}, "en": {"not": "is no longer", "now": " now"}}
_AS_IT_IS = {"fr": {"not": "n'est pas", "now": ""}, "en": {"not": "is not", "now": ""}}
BY_HAND = Message(" (séance déplacée à la main)", " (session moved by hand)")


def displacement_reason(session: Session, offer: Offer | None, instance: PreparedInstance, by_hand: bool = False) -> Message:
    """Why a previous session cannot stay at its day and time, in the coordinator's words: what changed in the
    workbook, or, for a session moved there by hand (`by_hand`), the fact as it is and that it was moved by hand."""
    reason = _displacement_fact(session, offer, instance, _AS_IT_IS if by_hand else _CHANGED)
    return Message(reason.fr + BY_HAND.fr, reason.en + BY_HAND.en) if by_hand else reason


def _displacement_fact(session: Session, offer: Offer | None, instance: PreparedInstance, said: dict) -> Message:
    calendar, fr, en = instance.calendar, said["fr"], said["en"]
    if offer is None:
        names = instance.problem.names  # the sheets as the workbook writes them
        if said is _AS_IT_IS:
            return Message(f"l'intervention {session.offer_id} n'est pas dans la feuille "
                           f"{names.sheet_named('offers', 'fr')}",
                           f"offer {session.offer_id} is not in the {names.sheet_named('offers', 'en')} sheet")
        return Message(f"l'intervention {session.offer_id} a été retirée de la feuille "
                       f"{names.sheet_named('offers', 'fr')}",
                       f"offer {session.offer_id} was removed from the {names.sheet_named('offers', 'en')} sheet")
    if session.day not in calendar.week_of:
        why = calendar.non_working_reason(session.day) or "hors des jours et semaines du programme"
        why_en = calendar.non_working_reason(session.day, "en") or "outside the programme's days and weeks"
        return Message(f"le {session.day:%d/%m/%Y} {fr['not']} un jour travaillé ({why})",
                       f"{session.day.isoformat()} {en['not']} a working day ({why_en})")
    if session.end - session.start != offer.duration_minutes:
        return Message(f"la durée de l'intervention est{fr['now']} de {_hours(offer.duration_minutes)}",
                       f"the offer{en['now']} lasts {_hours(offer.duration_minutes)}")
    if offer.phase is not None and calendar.phase_of_day(session.day) != offer.phase:
        return Message(f"l'intervention est{fr['now']} en phase {offer.phase}",
                       f"the offer{en['now']} belongs to phase {offer.phase}")
    if not instance.in_a_window(offer, session.day, session.start, session.end):
        return Message(f"{offer.speaker} {fr['not']} disponible à ce créneau",
                       f"{offer.speaker} {en['not']} available at that time")
    for occurrence in instance.events_by_day.get(session.day, ()):
        if audiences_meet(offer.audience, occurrence.audience) and occurrence.start < session.end \
                and session.start < occurrence.end:
            return Message(f"l'événement « {occurrence.event.title} » ({format_time(occurrence.start)}–{format_time(occurrence.end)}) "
                           f"occupe{fr['now']} ce créneau",
                           f"event '{occurrence.event.title}' ({format_time(occurrence.start)}–{format_time(occurrence.end)})"
                           f"{en['now']} takes that time")
    return Message(f"ce créneau {fr['not']} possible (grille horaire, demi-journée, événement fixe ou heures par jour)",
                   f"that time {en['not']} possible (time grid, half-day, fixed event or hours per day)")
