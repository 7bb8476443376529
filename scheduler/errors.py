"""Errors meant for people: bad input (located in the workbook) and impossible timetables."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A sentence in French and in English."""

    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


class InputError(Exception):
    """One problem in the input workbook: where it is, what was found, and what to do."""

    def __init__(self, sheet: str, row: int | None, column: str | None, value: object,
                 fr: str, en: str, warning: bool = False):
        super().__init__(fr)
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.message = Message(fr, en)
        self.warning = warning

    def location(self, lang: str = "fr") -> str:
        parts = [(f"feuille « {self.sheet} »" if lang != "en" else f"sheet '{self.sheet}'")]
        if self.row:
            parts.append(f"ligne {self.row}" if lang != "en" else f"row {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »" if lang != "en" else f"column '{self.column}'")
        return ", ".join(parts)

    def render(self, lang: str = "fr") -> str:
        found = ""
        if self.value not in (None, ""):
            found = (f" (valeur : {self.value!s})" if lang != "en" else f" (value: {self.value!s})")
        return f"{self.location(lang)}{found} : {self.message.text(lang)}" if lang != "en" else \
            f"{self.location(lang)}{found}: {self.message.text(lang)}"

    def __str__(self) -> str:
        return self.render("fr")


class InvalidWorkbook(Exception):
    """Every error found in a workbook, raised together so that all are reported at once."""

    def __init__(self, errors: list[InputError]):
        super().__init__(f"{len(errors)} error(s) in the workbook")
        self.errors = list(errors)


class NoTimetable(Exception):
    """No timetable can obey the hard rules; `reasons` say which rules and rows conflict."""

    def __init__(self, reasons: list[Message]):
        super().__init__("; ".join(r.en for r in reasons))
        self.reasons = list(reasons)
