"""The words people read in the outputs, from one catalogue (`data/words.toml`), and dates, numbers
and plurals in French or English through Babel.

A catalogue entry is a TOML table with a French and an English text, `{ fr = "...", en = "..." }`;
tables of entries nest, and an entry's key is its path joined by dots (`figure.placed`). A text
may hold `{name}` fields, filled from the keyword arguments of `word`; a plural entry gives
`{ one = "...", other = "..." }` per language and is chosen by Babel's plural rule of the language.
"""
from __future__ import annotations

import datetime as dt
import importlib.resources
import tomllib
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("fr", "en")
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locale(lang: str) -> str:
    """The Babel locale of an output language ('fr' unless 'en')."""
    return LOCALES["en" if lang == "en" else "fr"]


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


def read_data(name: str) -> dict:
    """One TOML file of the `data/` folder (installed as `scheduler.data`), parsed."""
    return tomllib.loads((importlib.resources.files("scheduler.data") / name).read_text(encoding="utf-8"))


def _is_entry(value: object) -> bool:
    return isinstance(value, Mapping) and set(value) == set(LANGS)


def _flatten(table: Mapping, prefix: str = "") -> dict[str, dict]:
    entries: dict[str, dict] = {}
    for name, value in table.items():
        path = f"{prefix}{name}"
        if _is_entry(value):
            entries[path] = dict(value)
        elif isinstance(value, Mapping):
            entries.update(_flatten(value, path + "."))
        else:
            raise ValueError(f"words.toml: {path} is neither an entry with fr and en nor a table of entries")
    return entries


@cache
def catalogue() -> dict[str, dict]:
    """Every entry of `data/words.toml`, by dotted key: {'fr': text or plural forms, 'en': ...}."""
    return _flatten(read_data("words.toml"))


def has_word(key: str) -> bool:
    return key in catalogue()


def word(key: str, lang: str = "fr", **values: object) -> str:
    """The text of `key` in `lang`, its `{fields}` filled from `values`."""
    text = catalogue()[key][_lang(lang)]
    if isinstance(text, Mapping):
        raise TypeError(f"{key} is a plural entry: use count_word")
    return text.format(**values) if values else text


def both(key: str, **values: object) -> tuple[str, str]:
    """The French and English texts of `key` (for a `Message(fr, en)`), their `{fields}` filled."""
    return word(key, "fr", **values), word(key, "en", **values)


def plural_category(count: float, lang: str) -> str:
    """Babel's plural category of `count` in `lang` ('one' or 'other' for French and English)."""
    return Locale.parse(locale(lang)).plural_form(count)


def count_word(key: str, count: int | float, lang: str = "fr", **values: object) -> str:
    """A plural entry for `count`: '1 participant', '0 participant', '2 participants', '1 session'..."""
    forms = catalogue()[key][_lang(lang)]
    text = forms.get(plural_category(count, lang), forms["other"])
    return text.format(count=number(count, lang), **values)


def number(value: int | float, lang: str = "fr") -> str:
    """A number as people write it: '1,5' in French, '1.5' in English; no trailing zeros."""
    return format_decimal(value, locale=locale(lang), group_separator=False)


def day_number(day: dt.date, lang: str) -> str:
    """The day of the month, '1er' for the first in French."""
    return "1er" if day.day == 1 and lang != "en" else str(day.day)


def long_date(day: dt.date, lang: str = "fr", weekday: bool = False) -> str:
    """'2 novembre 2026' / '2 November 2026'; with `weekday`, 'lundi 2 novembre 2026' / 'Monday 2 November 2026'."""
    month_year = format_date(day, "MMMM y", locale=locale(lang))
    text = f"{day_number(day, lang)} {month_year}"
    return f"{weekday_name(day, lang)} {text}" if weekday else text


def weekday_name(day: dt.date | int, lang: str = "fr", short: bool = False) -> str:
    """'lundi' / 'Monday' (short: 'lun.' / 'Mon') for a date or a weekday number (0 = Monday)."""
    if isinstance(day, int):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=day)  # 1 January 2024 was a Monday
    return format_date(day, "EEE" if short else "EEEE", locale=locale(lang))


def day_label(day: dt.date, lang: str = "fr") -> str:
    """'lundi 16/11' or 'Monday 16/11': a week grid's day header."""
    return f"{weekday_name(day, lang)} {day:%d/%m}"


def short_date(day: dt.date, lang: str = "fr") -> str:
    """'lun. 02/11/2026' or 'Mon 2026-11-02'."""
    if lang == "en":
        return f"{weekday_name(day, lang, short=True)} {day.isoformat()}"
    return f"{weekday_name(day, lang, short=True)} {day:%d/%m/%Y}"


def date_span(first: dt.date, last: dt.date, lang: str = "fr") -> str:
    """'du 2 novembre 2026 au 6 novembre 2026' or '2 November 2026 to 6 November 2026'."""
    return word("date_span", lang, first=long_date(first, lang), last=long_date(last, lang))
