"""Sentences the rules' counting checks and the diagnosis share: an offer named for people, why it has no start."""
from __future__ import annotations

from scheduler.core.capacity import Capacity, usable_weeks
from scheduler.core.domain import Offer
from scheduler.core.errors import Message, WrittenNames
from scheduler.core.words import count_word


def hours(minutes: float) -> str:
    """90 -> '1.5' (English decimal point; French callers replace it by a comma)."""
    return f"{minutes / 60:g}"


def offer_label(offer: Offer, lang: str, names: WrittenNames = WrittenNames()) -> str:
    """'intervention obligatoire I1 « Titre » (Interventions, ligne 3)' or its English twin; the sheet as the
    workbook writes it (`names`)."""
    where = names.sheet_row("offers", offer.row, lang)
    if lang == "en":
        return f"{'required offer' if offer.required else 'offer'} {offer.id} '{offer.title}' ({where})"
    what = "intervention obligatoire" if offer.required else "intervention"
    return f"{what} {offer.id} « {offer.title} » ({where})"


def _no_slot_reason(offer: Offer, names: WrittenNames) -> Message:
    phase = {1: "de la phase 1", 2: "de la phase 2"}.get(offer.phase, "du programme")
    phase_en = {1: "of phase 1", 2: "of phase 2"}.get(offer.phase, "of the programme")
    length = hours(offer.duration_minutes)
    return Message(
        f"aucune disponibilité de {offer.speaker} ne tombe sur un jour travaillé {phase} avec {length.replace('.', ',')} h "
        f"libres dans une demi-journée (jours fériés, fermetures et événements fixes déduits) ; "
        f"ajoutez des disponibilités dans {_windows_sheet(names, 'fr')}",
        f"no availability window of {offer.speaker} falls on a working day {phase_en} with {length} h free "
        f"within a half-day (holidays, closures and fixed events taken out); add windows in "
        f"{_windows_sheet(names, 'en')}")


def _windows_sheet(names: WrittenNames, lang: str) -> str:
    return names.called("availability", None, lang)


def why_no_slot(offer: Offer, capacity: Capacity) -> Message:
    """Why an offer has no possible start: its windows (holidays, phase, length) or the fixed events on them."""
    usable = usable_weeks(offer, capacity.problem, capacity.calendar)
    names = capacity.problem.names  # the sheets as the workbook writes them
    if not any(w.speaker == offer.speaker for w in capacity.problem.windows):
        return Message(f"{offer.speaker} n'a aucune disponibilité : ajoutez-en dans {_windows_sheet(names, 'fr')}",
                       f"{offer.speaker} has no availability window: add some in {_windows_sheet(names, 'en')}")
    if not usable.weeks:
        return Message(f"{offer.speaker} n'est jamais disponible pour elle ({' ; '.join(usable.blocked) or 'aucun créneau'}) ;"
                       f" ajoutez ou corrigez ses disponibilités",
                       f"{offer.speaker} is never available for it ({'; '.join(usable.blocked_en) or 'no slot'}); "
                       f"add or correct their windows")
    events = capacity.events_in_weeks(offer, usable.weeks)
    if events:
        weeks = ", ".join(str(w) for w in sorted(usable.weeks))
        fr = ", ".join(f"« {e.title} » ({names.sheet_row('events', e.row, 'fr')})"
                       for e in events)
        en = ", ".join(f"'{e.title}' ({names.sheet_row('events', e.row, 'en')})"
                       for e in events)
        listed = {lang: count_word("count.week_list", len(usable.weeks), lang, weeks=weeks) for lang in ("fr", "en")}
        return Message(f"les créneaux où {offer.speaker} est libre ({listed['fr']}) sont tous pris par des "
                       f"événements fixes ou par la limite d'heures par jour : {fr} ; déplacez ces événements ou "
                       f"ajoutez des disponibilités",
                       f"the slots where {offer.speaker} is free ({listed['en']}) are all taken by fixed events or "
                       f"by the daily-hours limit: {en}; move these events or add windows")
    return _no_slot_reason(offer, names)
