"""What changed between two timetables, for people: moved (from → to), added, cancelled, changed, and why.

Sessions are matched by their `Séance`: the same ID at another date or time has moved, an ID
only in the new timetable was added, an ID only in the previous one was cancelled, the same ID at
the same time with another place or title was changed (the calendars raise its SEQUENCE too). The reasons
come from whoever made the new timetable (`replan`), keyed by `Séance`. The `Changements` sheet
keeps that name in every language (like `Planning`); its headers and words follow `--lang`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scheduler.core.domain import Session
from scheduler.core.errors import Message
from scheduler.core.text import format_time
from scheduler.core.words import short_date, word

if TYPE_CHECKING:  # the messages and the calendars use the changes without any spreadsheet
    from openpyxl.worksheet.worksheet import Worksheet

CHANGES_SHEET = "Changements"
MOVED, ADDED, CANCELLED, CHANGED = "moved", "added", "cancelled", "changed"
KIND_KEYS = {MOVED: "change.moved", ADDED: "change.added", CANCELLED: "change.cancelled", CHANGED: "change.changed"}
HEADERS = ("column.change", "column.session", "column.offer", "column.title", "column.speaker", "column.before",
           "column.after", "column.reason")
WIDTHS = (12, 26, 12, 40, 22, 24, 24, 70)


@dataclass(frozen=True)
class Change:
    """One session that moved, was added, was cancelled or changed place or title, with the reason when known."""

    kind: str  # MOVED, ADDED, CANCELLED or CHANGED
    before: Session | None
    after: Session | None
    reason: Message | None = None

    @property
    def session(self) -> Session:
        return self.after or self.before  # type: ignore[return-value]

    def reason_text(self, lang: str = "fr") -> str:
        return self.reason.text(lang) if self.reason else ""


def _when(session: Session) -> tuple:
    return (session.day, session.start, session.end)


def _shown(session: Session) -> tuple:
    return (session.location, session.title)


def describe_changes(before: Iterable[Session], after: Iterable[Session],
                     reasons: Mapping[str, Message] | None = None) -> list[Change]:
    """Every session moved, added, cancelled or changed (place, title) from `before` to `after`, in date order."""
    reasons = reasons or {}
    previous = {s.session_id: s for s in before}
    current = {s.session_id: s for s in after}
    changes = [Change(CANCELLED, s, None, reasons.get(i)) for i, s in previous.items() if i not in current]
    for session_id, now in current.items():
        was = previous.get(session_id)
        if was is None:
            changes.append(Change(ADDED, None, now, reasons.get(session_id)))
        elif _when(was) != _when(now):
            changes.append(Change(MOVED, was, now, reasons.get(session_id)))
        elif _shown(was) != _shown(now):
            changes.append(Change(CHANGED, was, now, reasons.get(session_id)))
    order = {CANCELLED: 0, MOVED: 1, CHANGED: 2, ADDED: 3}
    return sorted(changes, key=lambda c: (_when(c.before or c.after), order[c.kind], c.session.session_id))


def when_text(session: Session | None, lang: str = "fr") -> str:
    """'lun. 02/11/2026 09:00–11:00' ('Mon 2026-11-02 09:00–11:00' in English); '' for none."""
    if session is None:
        return ""
    return f"{short_date(session.day, lang)} {format_time(session.start)}–{format_time(session.end)}"


def what_changed(change: Change, lang: str = "fr") -> str:
    """'lieu : A → B ; titre : « A » → « B »' for a session that changed place or title; '' otherwise."""
    before, after = change.before, change.after
    if before is None or after is None:
        return ""
    parts = []
    if before.location != after.location:
        parts.append(word("change.new_place", lang, before=before.location or "—", after=after.location or "—"))
    if before.title != after.title:
        parts.append(word("change.new_title", lang, before=before.title, after=after.title))
    return " ; ".join(parts) if lang != "en" else "; ".join(parts)


def kind_word(kind: str, lang: str = "fr") -> str:
    return word(KIND_KEYS[kind], lang)


def change_line(change: Change, lang: str = "fr") -> str:
    """One line for the console: kind, session, title, speaker, from → to, reason."""
    s = change.session
    who = f" ({s.speaker})" if s.speaker else ""
    if change.kind == MOVED:
        where = f"{when_text(change.before, lang)} → {when_text(change.after, lang)}"
    else:
        where = when_text(s, lang)
    if change.kind == CHANGED:
        where = f"{where} — {what_changed(change, lang)}"
    reason = change.reason_text(lang)
    line = word("change.line", lang, kind=kind_word(change.kind, lang), session=s.session_id, title=s.title,
                who=who, where=where)
    return line + (f" — {reason}" if reason else "")


def change_counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many sessions moved, were added, were cancelled, changed place or title."""
    counts = {MOVED: 0, ADDED: 0, CANCELLED: 0, CHANGED: 0}
    for change in changes:
        counts[change.kind] += 1
    return counts


def write_changes_sheet(sheet: Worksheet, changes: Iterable[Change], lang: str = "fr") -> None:
    """The `Changements` sheet: one row per session moved, added or cancelled, with the reason."""
    from scheduler.exports.styles import header_row

    header_row(sheet, [word(key, lang) for key in HEADERS], list(WIDTHS))
    for change in changes:
        s = change.session
        after = when_text(change.after, lang)
        if change.kind == CHANGED:
            after = f"{after} — {what_changed(change, lang)}"
        sheet.append([kind_word(change.kind, lang), s.session_id, s.offer_id or None, s.title, s.speaker or None,
                      when_text(change.before, lang) or None, after or None, change.reason_text(lang) or None])
