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
                 fr: str, en: str, warning: bool = False, sheet_en: str | None = None,
                 column_en: str | None = None, is_file: bool = False):
        super().__init__(fr)
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.message = Message(fr, en)
        self.warning = warning
        self.sheet_en = sheet_en or sheet  # the English names, for --lang en (default: the French ones)
        self.column_en = column_en or column
        self.is_file = is_file  # `sheet` is then the file's name: the whole file is at fault

    def location(self, lang: str = "fr") -> str:
        if self.is_file:
            return f"file '{self.sheet}'" if lang == "en" else f"fichier « {self.sheet} »"
        if lang == "en":
            parts = [f"sheet '{self.sheet_en}'"]
            if self.row:
                parts.append(f"row {self.row}")
            if self.column:
                parts.append(f"column '{self.column_en}'")
            return ", ".join(parts)
        parts = [f"feuille « {self.sheet} »"]
        if self.row:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »")
        return ", ".join(parts)

    def render(self, lang: str = "fr") -> str:
        found = ""
        if self.value not in (None, ""):
            found = (f" (valeur : {self.value!s})" if lang != "en" else f" (value: {self.value!s})")
        return f"{self.location(lang)}{found} : {self.message.text(lang)}" if lang != "en" else \
            f"{self.location(lang)}{found}: {self.message.text(lang)}"

    def __str__(self) -> str:
        return self.render("fr")


class Notice(str):
    """A warning about the workbook: its French text (what `Problem.warnings` holds), keeping the located error."""

    error: InputError

    def __new__(cls, error: InputError) -> Notice:
        notice = super().__new__(cls, error.render("fr"))
        notice.error = error
        return notice

    def render(self, lang: str = "fr") -> str:
        return self.error.render(lang)


class InvalidWorkbook(Exception):
    """Every error found in a workbook, raised together so that all are reported at once."""

    def __init__(self, errors: list[InputError], warnings: list[InputError] | tuple = ()):
        super().__init__(f"{len(errors)} error(s) in the workbook")
        self.errors = list(errors)
        self.warnings = list(warnings)  # found on the way: shown after the errors


class NoTimetable(Exception):
    """No timetable can obey the hard rules; `reasons` say which rules and rows conflict."""

    def __init__(self, reasons: list[Message]):
        super().__init__("; ".join(r.en for r in reasons))
        self.reasons = list(reasons)
