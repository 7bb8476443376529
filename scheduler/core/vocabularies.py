"""Cell vocabularies (formats, organisation types) from `data/vocabularies.toml`: the canonical French
value, the English name written in English outputs and accepted by the English input, other spellings."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from scheduler.core.words import read_data


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: canonical (French) value, English name, other accepted spellings."""

    value: str
    en: str
    aliases: tuple[str, ...] = ()

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.value


@cache
def terms(vocabulary: str) -> dict[str, Term]:
    """'formats' or 'organisation_types': canonical value -> Term, in the file's order."""
    table = read_data("vocabularies.toml")[vocabulary]
    return {value: Term(value, entry["en"], tuple(entry.get("aliases", ()))) for value, entry in table.items()}


def term_text(vocabulary: str, value: str, lang: str = "fr") -> str:
    """A stored value as written for people in `lang` (the value itself when it is not in the vocabulary)."""
    found = terms(vocabulary).get(value)
    return found.text(lang) if found is not None else value
