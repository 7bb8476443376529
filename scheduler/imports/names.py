"""Matching a name typed in a poll or a form to a speaker of `Intervenants`.

Case, accents, spaces, hyphens and word order do not matter (`Dupont Léa`, `lea dupont`), and a
first name may be given as an initial (`L. Dupont`) when only one speaker fits; a note in brackets and
a title (`Mme Léa Dupont (Numéria)`) are left aside when the name does not fit otherwise. An unknown or
ambiguous name is never guessed: the caller reports it with the closest names as suggestions.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from scheduler.core.text import normalise


def words(name: object) -> tuple[str, ...]:
    """'Léa  Dupont-Martin' -> ('lea', 'dupont', 'martin'); dots, hyphens and commas separate words."""
    return tuple(w for w in re.split(r"[^a-z0-9']+", normalise(name)) if w)


TITLES = {"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "madame", "monsieur", "mademoiselle"}


def bare(typed: object) -> str:
    """The name without a note in brackets nor a title before it: 'Mme Léa Dupont (Numéria)' -> 'lea dupont'."""
    found = list(words(re.sub(r"\(.*?\)|\[.*?\]", " ", normalise(typed))))
    while len(found) > 1 and found[0] in TITLES:
        found.pop(0)
    return " ".join(found)


@dataclass(frozen=True)
class Match:
    """The speaker a typed name names (`name`), or the candidates when none or several fit."""

    name: str | None
    ambiguous: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()


class SpeakerNames:
    """The speakers' names, in the spelling of `Intervenants`, matched to names as people type them."""

    def __init__(self, names: list[str] | tuple[str, ...] = ()):
        self.names: list[str] = []
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def match(self, typed: object) -> Match:
        """The one speaker `typed` names; else the ambiguous candidates or the closest names."""
        typed_words = words(typed)
        if not typed_words:
            return Match(None)
        exact = [n for n in self.names if Counter(words(n)) == Counter(typed_words)]
        if len(exact) == 1:
            return Match(exact[0])
        if len(exact) > 1:
            return Match(None, tuple(exact))
        fitting = [n for n in self.names if _fits_with_initials(typed_words, words(n))]
        if len(fitting) == 1:
            return Match(fitting[0])
        if len(fitting) > 1:
            return Match(None, tuple(fitting))
        stripped = bare(typed)
        if stripped and words(stripped) != typed_words:  # 'Léa Dupont (Numéria)', 'Mme Léa Dupont'
            found = self.match(stripped)
            if found.name is not None or found.ambiguous:
                return found
        return Match(None, suggestions=self.closest(typed))

    def look_alike(self, typed: object, cutoff: float = 0.85) -> str | None:
        """A speaker whose name is spelt almost like `typed` (a typo, not another person), if any."""
        wanted = " ".join(sorted(words(typed)))
        keyed = {" ".join(sorted(words(n))): n for n in self.names}
        close = difflib.get_close_matches(wanted, list(keyed), n=1, cutoff=cutoff)
        return keyed[close[0]] if close else None

    def closest(self, typed: object, count: int = 3) -> tuple[str, ...]:
        """Up to `count` speakers whose name looks like `typed` (difflib), in any word order."""
        wanted = " ".join(sorted(words(typed)))
        keyed = {" ".join(sorted(words(n))): n for n in self.names}
        close = difflib.get_close_matches(wanted, list(keyed), n=count, cutoff=0.6)
        found = [keyed[k] for k in close]
        typed_set = set(words(typed))
        for name in self.names:  # sharing a whole word (a surname) is a good hint too
            if len(found) < count and name not in found and typed_set & {w for w in words(name) if len(w) > 2}:
                found.append(name)
        return tuple(found)


def _fits_with_initials(typed: tuple[str, ...], known: tuple[str, ...]) -> bool:
    """Whether every typed word is a word of `known` or the initial of one, each used once, all covered."""
    if len(typed) != len(known):
        return False
    remaining = list(known)
    for word in sorted(typed, key=len, reverse=True):  # whole words first, initials last
        if word in remaining:
            remaining.remove(word)
            continue
        if len(word) == 1:
            initial = next((w for w in remaining if w.startswith(word)), None)
            if initial is not None:
                remaining.remove(initial)
                continue
        return False
    return not remaining
