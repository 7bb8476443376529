"""`.calendriers.json`, the calendars' state kept in the output folder, and its rules: per UID the last SEQUENCE, a
fingerprint of time and place, the files the event was in (docs/design.md). Read before the solve
(`plan` warns of a damaged state) without loading the calendar library."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from scheduler.core.atomic import write_bytes_atomically
from scheduler.core.domain import Session
from scheduler.core.errors import Message
from scheduler.core.words import word
from scheduler.exports.calendar_text import is_project_work

STATE_FILE = ".calendriers.json"


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _names(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _sound_entry(entry: object) -> dict | None:
    """A state entry with the types the code relies on, or None when it cannot be trusted."""
    if not isinstance(entry, dict):
        return None
    sequence = _whole_number(entry.get("sequence", 0))
    files, cancelled_in = _names(entry.get("files", [])), _names(entry.get("cancelled_in", []))
    if sequence is None or files is None or cancelled_in is None:
        return None
    if entry.get("session") is not None and not isinstance(entry["session"], dict):
        return None
    return {**entry, "sequence": sequence} if "sequence" in entry else dict(entry)


def _read_state(folder: Path) -> tuple[dict, Message | None]:
    """The state of `folder` (only its sound entries) and, when the file is damaged, why."""
    path = folder / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return {}, None
    except (OSError, ValueError) as failure:
        line = getattr(failure, "lineno", None)
        return {}, Message(word("calendar.state_json", "fr", line=line or "?"),
                           word("calendar.state_json", "en", line=line or "?"))
    if not isinstance(data, dict):
        return {}, Message(word("calendar.state_shape", "fr"), word("calendar.state_shape", "en"))
    sound = {str(uid): entry for uid, raw in data.items() if (entry := _sound_entry(raw)) is not None}
    if len(sound) < len(data):
        bad = next(str(uid) for uid in data if str(uid) not in sound)
        return sound, Message(word("calendar.state_entry", "fr", uid=bad), word("calendar.state_entry", "en", uid=bad))
    return sound, None


def load_state(folder: Path) -> dict:
    """The sound entries of the calendar state `.calendriers.json` of `folder` (empty when absent)."""
    return _read_state(folder)[0]


def state_damage(folder: Path) -> Message | None:
    """Why the `.calendriers.json` of `folder` cannot be trusted whole (None: absent or sound)."""
    return _read_state(folder)[1]


def carry_state(previous_folder: Path, folder: Path) -> bool:
    """Bring the calendar state kept beside a previous planning.xlsx into `folder`, before writing there.

    `export` and `replan` may write into a new folder: without the previous `.calendriers.json`
    there, every event would restart at SEQUENCE 0 and removed sessions would never be cancelled.
    Each UID keeps the entry with the higher SEQUENCE (the folder's own on a tie). Returns True
    when a state was carried; nothing happens when both folders are the same or none was found.
    """
    if not (previous_folder / STATE_FILE).is_file() or previous_folder.resolve() == folder.resolve():
        return False
    carried = load_state(previous_folder)
    if not carried:
        return False
    state = load_state(folder)
    for uid, entry in carried.items():
        own = state.get(uid)
        if own is None or entry.get("sequence", 0) > own.get("sequence", 0):
            state[uid] = entry
    folder.mkdir(parents=True, exist_ok=True)
    _write_state(folder, state)
    return True


def _write_state(folder: Path, state: dict) -> None:
    write_bytes_atomically(folder / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))


def tracked_sessions(folder: Path) -> list[Session]:
    """The sessions the calendars of `folder` hold, as last written (cancelled ones aside)."""
    entries = [entry for entry in load_state(folder).values() if isinstance(entry, dict) and not entry.get("cancelled")]
    return [session for entry in entries
            if (session := _session_from_state(entry)) is not None and not is_project_work(session)]


def known_session_ids(folder: Path) -> set[str]:
    """Every `Séance` the calendars of `folder` ever held, cancelled ones included (not to be reused)."""
    return {entry["session"]["id"] for entry in load_state(folder).values()
            if isinstance(entry, dict) and isinstance(entry.get("session"), dict) and "id" in entry["session"]}


def _session_to_state(session: Session) -> dict:
    return {"id": session.session_id, "offer": session.offer_id, "day": session.day.isoformat(),
            "start": session.start, "end": session.end, "week": session.week, "phase": session.phase,
            "title": session.title, "theme": session.theme, "format": session.format, "speaker": session.speaker,
            "organisation": session.organisation, "audience": session.audience, "location": session.location}


def _session_from_state(entry: dict) -> Session | None:
    data = entry.get("session")
    if not data:
        return None
    try:
        return Session(session_id=data["id"], offer_id=data["offer"], day=dt.date.fromisoformat(data["day"]),
                       start=int(data["start"]), end=int(data["end"]), week=int(data["week"]),
                       phase=int(data["phase"]), title=data["title"], theme=data["theme"], format=data["format"],
                       speaker=data["speaker"], organisation=data["organisation"], audience=data["audience"],
                       location=data["location"])
    except (KeyError, ValueError, TypeError):
        return None


def next_state(previous: dict, now_in: dict[str, list[str]], fingerprints: dict[str, str],
               written: set[str]) -> dict[str, dict]:
    """The state entry of every live UID: its SEQUENCE, fingerprint, files (`now_in`) and files it left.

    SEQUENCE goes up when the time, place or title changed (the fingerprint), when the session comes
    back after a cancellation, or when it leaves a calendar still written (a participant changed
    group), so that the cancellation written there wins over the copy imported before.
    """
    state = {}
    for uid, files in now_in.items():
        before = previous.get(uid)
        sequence, left = 0, []
        if isinstance(before, dict):
            earlier = set(before.get("files", [])) | set(before.get("cancelled_in", []))
            left = sorted((earlier - set(files)) & written)
            newly_left = set(before.get("files", [])) - set(files)
            back = set(before.get("cancelled_in", [])) & set(files)
            changed = (before.get("fingerprint") != fingerprints[uid] or before.get("cancelled")
                       or bool(newly_left & written) or bool(back))
            sequence = int(before.get("sequence", 0)) + (1 if changed else 0)
        state[uid] = {"sequence": sequence, "fingerprint": fingerprints[uid], "files": files, "cancelled_in": left}
    return state


def no_longer_planned(previous: dict, state: dict) -> list[tuple[str, Session, int, list[str]]]:
    """The sessions `previous` held that `state` no longer has: each UID, its session, its cancellation's
    SEQUENCE and the files to write it in; `state` records them as cancelled (a second run does not raise
    SEQUENCE again)."""
    gone_list = []
    for uid, before in previous.items():
        if uid in state:
            continue
        gone = _session_from_state(before)
        if gone is None:
            continue
        sequence = int(before.get("sequence", 0)) + (0 if before.get("cancelled") else 1)
        files = set(before.get("files", [])) | set(before.get("cancelled_in", []))
        gone_list.append((uid, gone, sequence, sorted(files)))
        state[uid] = {**before, "sequence": sequence, "cancelled": True}
    return gone_list


def save_state(folder: Path, state: dict, session_by_uid: dict[str, Session]) -> None:
    """Write `.calendriers.json` into `folder`, each live entry holding its session (to cancel it later)."""
    for uid, entry in state.items():
        if uid in session_by_uid:
            entry["session"] = _session_to_state(session_by_uid[uid])
    _write_state(folder, state)


def files_changed(before: dict, after: dict) -> set[str]:
    """The calendar files (`participants/ana.ics`…) that gained or lost an event from one state to the next:
    a participant who joined the cohort or changed group, even when no session moved."""
    def held(state: dict) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for uid, entry in state.items():
            for name in entry.get("files", []):
                found.setdefault(name, set()).add(uid)
        return found
    old, new = held(before), held(after)
    return {name for name in old.keys() | new.keys() if old.get(name, set()) != new.get(name, set())}
