"""Errors meant for people: bad input (located in the workbook) and impossible timetables."""
from __future__ import annotations

from dataclasses import dataclass

from scheduler.core.names import column_name, setting_name, sheet_name
from scheduler.core.text import match_key
from scheduler.core.words import word


@dataclass(frozen=True)
class Message:
    """A sentence in French and in English."""

    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


class InputError(Exception):
    """One problem in the input workbook: where it is, what was found, and what to do.

    `sheet` and `column` are the canonical French names (`sheet_en`, `column_en` the English ones);
    `sheet_written` and `column_written` the sheet's title and the column's header as the workbook writes
    them, which the message names (None: not known, or nothing written, e.g. a missing sheet); `keys` the
    (sheet, column) keys of the reader's tables, so that the written names can be found afterwards."""

    def __init__(self, sheet: str, row: int | None, column: str | None, value: object,
                 fr: str, en: str, warning: bool = False, sheet_en: str | None = None,
                 column_en: str | None = None, is_file: bool = False, sheet_written: str | None = None,
                 column_written: str | None = None, keys: tuple[str, str | None] | None = None):
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
        self.sheet_written = sheet_written
        self.column_written = column_written
        self.keys = keys

    def location(self, lang: str = "fr") -> str:
        """'sheet 'Intervenants' (Speakers), row 21, column 'Max séances' (max_sessions)': the names as the
        workbook writes them, the canonical name of `lang` in brackets when it is another name."""
        if self.is_file:
            return word("where.file", lang, name=quoted(self.sheet, lang))
        english = lang == "en"
        parts = [word("where.sheet", lang, name=called(self.sheet_written, self.sheet_en if english else self.sheet,
                                                        lang))]
        if self.row:
            parts.append(word("where.row", lang, row=self.row))
        if self.column:
            parts.append(word("where.column", lang, name=called(self.column_written,
                                                                self.column_en if english else self.column, lang)))
        return ", ".join(parts)

    def render(self, lang: str = "fr") -> str:
        where = self.location(lang)
        if self.value not in (None, ""):
            where = word("where.found", lang, where=where, value=f"{self.value!s}")
        return word("where.said", lang, where=where, message=self.message.text(lang))

    def __str__(self) -> str:
        return self.render("fr")


def same_name(first: object, second: object) -> bool:
    """Whether two names are one name typed differently (case, accents, spaces, punctuation): 'duree h' and
    'Durée (h)'."""
    return match_key(first) == match_key(second)


def quoted(name: str, lang: str = "fr") -> str:
    """A name in quotes: « Intervenants » in French, 'Speakers' in English."""
    return word("where.quoted", lang, name=name)


def called(written: str | None, canonical: str, lang: str = "fr") -> str:
    """A sheet or column quoted as the workbook writes it, followed by its canonical name in `lang` in
    brackets when that is another name: « Offers » (Interventions); the canonical name alone when nothing
    is written."""
    if not written:
        return quoted(canonical, lang)
    if same_name(written, canonical):
        return quoted(written, lang)
    return f"{quoted(written, lang)} ({canonical})"


@dataclass(frozen=True)
class WrittenNames:
    """How a workbook writes its sheets' titles and columns' headers, by the reader's keys: the names its
    messages use. Empty for a Problem built in code (messages then use the canonical names)."""

    sheets: tuple[tuple[str, str], ...] = ()  # (sheet key, title as written)
    columns: tuple[tuple[str, str, str], ...] = ()  # (sheet key, column key, header as written)
    settings: tuple[tuple[str, str], ...] = ()  # (`Programme` setting key, its name as written)

    def sheet(self, sheet: str) -> str | None:
        return next((title for found, title in self.sheets if found == sheet), None)

    def column(self, sheet: str, column: str) -> str | None:
        return next((header for found, key_, header in self.columns if (found, key_) == (sheet, column)), None)

    def setting_written(self, setting: str) -> str | None:
        return next((name for found, name in self.settings if found == setting), None)

    def name(self, error: InputError) -> InputError:
        """`error`, its written sheet and column names filled in from its keys (when not known already)."""
        if error.keys is None or error.is_file:
            return error
        sheet, column = error.keys
        if error.sheet_written is None:
            error.sheet_written = self.sheet(sheet)
        if error.column_written is None and column:
            error.column_written = self.column(sheet, column)
        return error

    def called(self, sheet: str, column: str | None = None, lang: str = "fr") -> str:
        """The sheet (or its column, when `column` is given) quoted as written (`called`), with its canonical
        name in `lang` in brackets when that is another name: for sentences that point at a cell outside a
        located error. `sheet` and `column` are keys of `scheduler.core.names` ('speakers', 'max_sessions')."""
        if column is None:
            return called(self.sheet(sheet), sheet_name(sheet, lang), lang)
        return called(self.column(sheet, column), column_name(sheet, column, lang), lang)

    def sheet_named(self, sheet: str, lang: str = "fr") -> str:
        """The sheet (a key, 'speakers') in a sentence: unquoted when written as its canonical name in `lang` (or not
        known), 'Intervenants'; else quoted as written with that name in brackets, 'Intervenants' (Speakers)."""
        written, canonical = self.sheet(sheet), sheet_name(sheet, lang)
        if not written:
            return canonical
        return written if same_name(written, canonical) else called(written, canonical, lang)

    def sheet_row(self, sheet: str, row: int, lang: str = "fr") -> str:
        """'Intervenants, ligne 21' in a sentence, the sheet named as `sheet_named` does:
        'Intervenants' (Speakers), row 21."""
        return word("where.sheet_row", lang, sheet=self.sheet_named(sheet, lang), row=row)

    def setting(self, setting: str, lang: str = "fr") -> str:
        """A `Programme` setting (a key, 'max_hours_per_day') quoted as the workbook writes it, with its canonical
        name in `lang` in brackets when that is another name: 'Heures max par jour' (max_hours_per_day)."""
        return called(self.setting_written(setting), setting_name(setting, lang), lang)

    def setting_in_sheet(self, setting: str, lang: str = "fr") -> str:
        """The setting and its sheet: 'Heures max par jour' (max_hours_per_day), sheet Programme."""
        return word("where.setting", lang, setting=self.setting(setting, lang),
                    sheet=word("where.sheet", lang, name=self.sheet_named("programme", lang)))


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
