"""Text as people type it: matching names whatever their case, accents and spaces; slugs; clock times."""
from __future__ import annotations

import re
import unicodedata


def normalise(text: object) -> str:
    """Lower-case, accents removed, spaces and punctuation around words squeezed: 'Durée (h)' -> 'duree (h)'."""
    if text is None:
        return ""
    raw = str(text).replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    raw = raw.replace("\u00a0", " ").replace("_", " ").replace("’", "'")
    ascii_text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


def key(text: object) -> str:
    """Like `normalise`, with spaces dropped too: for matching sheet and column names."""
    return normalise(text).replace(" ", "")



def match_key(name: object) -> str:
    """The form under which names are compared: `key` without punctuation ('Durée (h)' -> 'dureeh')."""
    return re.sub(r"[^a-z0-9]", "", key(name))

def one_line(text: str) -> str:
    """A title typed on several lines (Alt-Enter in Excel) or with runs of spaces, as one line: 'Le web\n et vous'
    -> 'Le web et vous' (calendars, messages and console lines show titles on one line)."""
    return " ".join(text.split())


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def slug(name: str) -> str:
    """'Léa Dupont' -> 'lea-dupont': lower-case ASCII words joined by hyphens."""
    ascii_text = normalise(name)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "sans-nom"
