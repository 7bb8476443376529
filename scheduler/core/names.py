"""The input workbook's names, from one catalogue (`data/names.toml`): its sheets, each sheet's columns and the
`Programme` settings, each in French and English, by the reader's keys.

The workbook layer builds its tables from here (`workbook/labels.py`); the core, the rules and the solver name
a sheet, column or setting by its key (`WrittenNames.sheet_row('events', row, lang)`), never by restating it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from scheduler.core.text import match_key
from scheduler.core.words import read_data


@dataclass(frozen=True)
class Label:
    """A name in French and in English; `required` for sheets, columns and settings that must be present."""

    fr: str
    en: str
    required: bool = False
    default: str = ""  # Programme settings only: the default, as a coordinator would type it
    aliases: tuple[str, ...] = ()

    def text(self, lang: str = "fr") -> str:
        """The label in `lang` ('fr' or 'en')."""
        return self.en if lang == "en" else self.fr

    def matches(self, name: object) -> bool:
        """Whether `name`, as typed in a workbook, is this label in any accepted spelling."""
        wanted = match_key(name)
        return bool(wanted) and any(wanted == match_key(n) for n in (self.fr, self.en, *self.aliases))


def find(labels: Mapping[str, Label], name: object) -> str | None:
    """The key in `labels` whose label `name` matches, or None."""
    return next((k for k, label in labels.items() if label.matches(name)), None)


def _labels(table: Mapping[str, Mapping]) -> dict[str, Label]:
    return {key: Label(entry["fr"], entry["en"], bool(entry.get("required", False)), str(entry.get("default", "")),
                       tuple(entry.get("aliases", ()))) for key, entry in table.items()}


@cache
def _catalogue() -> dict:
    return read_data("names.toml")


@cache
def sheet_labels() -> dict[str, Label]:
    """The input workbook's sheets, sheet key -> Label, in the order of SPEC §1."""
    return _labels(_catalogue()["sheets"])


@cache
def column_labels() -> dict[str, dict[str, Label]]:
    """Each sheet's columns: sheet key -> column key -> Label, in the templates' order."""
    return {sheet: _labels(columns) for sheet, columns in _catalogue()["columns"].items()}


@cache
def setting_labels() -> dict[str, Label]:
    """The `Programme` settings of one cohort: setting key -> Label."""
    return _labels(_catalogue()["settings"])


@cache
def year_setting_labels() -> dict[str, Label]:
    """The `Programme` settings of a year of cohorts (SPEC §6): setting key -> Label."""
    return _labels(_catalogue()["year_settings"])


def sheet_name(sheet: str, lang: str = "fr") -> str:
    """The canonical name of the sheet `sheet` in `lang`: 'Intervenants' / 'Speakers'."""
    return sheet_labels()[sheet].text(lang)


def column_name(sheet: str, column: str, lang: str = "fr") -> str:
    """The canonical header of the column `column` of the sheet `sheet` in `lang`: 'Max séances' / 'max_sessions'."""
    return column_labels()[sheet][column].text(lang)


def setting_name(setting: str, lang: str = "fr") -> str:
    """The canonical name of the `Programme` setting `setting` (one cohort's or a year's) in `lang`:
    'Heures max par jour' / 'max_hours_per_day'."""
    found = setting_labels().get(setting) or year_setting_labels()[setting]
    return found.text(lang)
