"""A Framadate date-poll export: line 1 the dates, line 2 the moments, then one line per respondent.

`Oui` / `Yes` becomes a preferred window, `Sous réserve` / `Under reserve` a plain window, `Non` /
`No` or an empty cell nothing. Dates are read in French or English whatever the poll's version
(`2026-11-03`, `03/11/2026`, `mardi 3 novembre 2026`, `Tuesday, November 3, 2026`), with Babel's
month and weekday names; moments `Matin` / `Après-midi` / `Journée` (or `AM`, `PM`, `Morning`…)
are the programme's half-days, `9h-12h` style moments are those hours. A comment column and a
last line of totals are ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names

from scheduler.core.domain import Programme
from scheduler.core.errors import quoted
from scheduler.core.text import format_time, normalise
from scheduler.core.words import LANGS, both, word
from scheduler.imports.sources import Grid, Issue
from scheduler.workbook.cells import CellError, is_blank, parse_date, parse_time_range, text

LOCALES = ("fr", "en")


@dataclass(frozen=True)
class Answer:
    """One `Oui` or `Sous réserve` of a respondent: a window on `day` (`hours` None: the whole working day)."""

    name: str
    day: dt.date
    hours: tuple[int, int] | None
    preferred: bool
    where: object  # sources.Where of the answer cell
    name_where: object  # sources.Where of the name cell


# ---------------------------------------------------------------------------------------------
# Dates


def _word(name: str) -> str:
    return normalise(name).strip(".")


@cache
def month_names() -> dict[str, int]:
    """Every French and English month name and abbreviation (Babel), normalised -> month number."""
    found: dict[str, int] = {}
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    found.setdefault(_word(name), number)
    return found


@cache
def day_names() -> dict[str, int]:
    """Every French and English weekday name and abbreviation (Babel), normalised -> weekday (Monday 0)."""
    found: dict[str, int] = {}
    for locale in LOCALES:
        for width in ("wide", "abbreviated", "short"):
            for context in ("format", "stand-alone"):
                for number, name in get_day_names(width, context, locale).items():
                    found.setdefault(_word(name), number)
    return found


def parse_poll_date(value: object, around: dt.date, month_first: bool = False) -> dt.date:
    """A poll's date heading, in French or English; a date without a year is taken nearest to `around`;
    `month_first`: a numeric date `a/b/y` that could be read both ways is month `a`, day `b`."""
    if isinstance(value, (dt.date, dt.datetime)):
        return parse_date(value)
    raw = text(value)
    tokens = [t for t in re.split(r"[\s,]+", normalise(raw)) if t]
    weekday = None
    numeric = [t for t in tokens if re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", t)]
    words = [t.strip(".") for t in tokens if t not in numeric]
    months = [month_names()[w] for w in words if w in month_names()]
    if len(months) > 1:  # 'mar' is Tuesday in French and March in English: the other one is the month
        months = [month_names()[w] for w in words if w in month_names() and w not in day_names()]
    weekdays = [day_names()[w] for w in words if w in day_names() and (w not in month_names() or months)]
    if weekdays:
        weekday = weekdays[0]
    if numeric:
        return _numeric_date(numeric[0], weekday, raw, month_first)
    numbers = [re.sub(r"(er|st|nd|rd|th)$", "", w) for w in words if re.fullmatch(r"\d{1,4}(er|st|nd|rd|th)?", w)]
    known = set(month_names()) | set(day_names()) | {"le", "the", "of", "de"}
    strange = [w for w in words if w not in known and not re.fullmatch(r"\d{1,4}(er|st|nd|rd|th)?", w)]
    if len(months) != 1 or strange or not 1 <= len(numbers) <= 2:
        raise _unreadable_date(raw)
    years = [int(n) for n in numbers if len(n) == 4]
    days = [int(n) for n in numbers if len(n) <= 2]
    if len(days) != 1 or len(years) > 1:
        raise _unreadable_date(raw)
    try:
        if years:
            day = dt.date(years[0], months[0], days[0])
        else:
            day = _nearest(months[0], days[0], around)
    except ValueError:
        raise _unreadable_date(raw) from None
    _check_weekday(day, weekday, raw)
    return day


def _numeric_date(token: str, weekday: int | None, raw: str, month_first: bool = False) -> dt.date:
    """'2026-11-03', '03/11/2026' or, when only that reading is a real date or fits the weekday, '11/03/2026'."""
    parts = [int(p) for p in re.split(r"[-/.]", token)]
    if len(str(token.split(re.findall(r"[-/.]", token)[0])[0])) == 4:
        readings = [(parts[0], parts[1], parts[2])]
    else:
        readings = [(parts[2], parts[1], parts[0]), (parts[2], parts[0], parts[1])]  # day first, then US style
        if month_first:
            readings.reverse()
    days = []
    for year, month, day in readings:
        try:
            days.append(dt.date(year if year > 99 else 2000 + year, month, day))
        except ValueError:
            continue
    if not days:
        raise _unreadable_date(raw)
    if weekday is not None:
        fitting = [d for d in days if d.weekday() == weekday]
        if fitting:
            return fitting[0]
        _check_weekday(days[0], weekday, raw)
    return days[0]


def month_first_line(headings: Sequence[object]) -> bool:
    """Whether a poll's line of numeric dates `a/b/y` is written month first: a `b` above 12 says so, an `a`
    above 12 says not; otherwise two-digit years do (Framadate in English writes its short dates `M/d/yy`)."""
    found = [re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", text(h)) for h in headings if isinstance(h, str)]
    numeric = [(int(m[1]), int(m[2]), len(m[3])) for m in found if m]
    if any(first > 12 for first, _, _ in numeric):
        return False
    if any(second > 12 for _, second, _ in numeric):
        return True
    return bool(numeric) and all(digits == 2 for _, _, digits in numeric)


def _nearest(month: int, day: int, around: dt.date) -> dt.date:
    candidates = [dt.date(around.year + shift, month, day) for shift in (-1, 0, 1)]
    return min(candidates, key=lambda d: abs((d - around).days))


def _check_weekday(day: dt.date, weekday: int | None, raw: str) -> None:
    if weekday is not None and day.weekday() != weekday:
        raise CellError(*(word("import.issue.weekday_mismatch", lang, raw=quoted(raw, lang),
                               date=f"{day:%Y-%m-%d}" if lang == "en" else f"{day:%d/%m/%Y}") for lang in LANGS))


def _unreadable_date(raw: str) -> CellError:
    return CellError(*(word("import.issue.unreadable_date", lang, raw=quoted(raw, lang)) for lang in LANGS))


# ---------------------------------------------------------------------------------------------
# Moments and answers

MORNING = {"matin", "matinee", "lematin", "am", "morning", "inthemorning"}
AFTERNOON = {"apresmidi", "lapresmidi", "aprem", "pm", "afternoon", "intheafternoon"}
WHOLE_DAY = {"", "journee", "lajournee", "toutelajournee", "journeeentiere", "journeecomplete", "jour",
             "day", "allday", "wholeday", "fullday", "matinetapresmidi", "morningandafternoon"}


def _compact(value: object) -> str:
    return re.sub(r"[^a-z0-9]", "", normalise(text(value)))


def parse_moment(value: object, programme: Programme) -> tuple[int, int] | None:
    """A moment of a poll: a half-day of the programme, its hours, or None for the whole working day."""
    bare = _compact(re.sub(r"\(.*?\)", "", text(value)))  # 'Matin (9h-12h30)' is the morning too
    for spelt in (_compact(value), *([bare] if bare else [])):
        if spelt in WHOLE_DAY:
            return None
        if spelt in MORNING:
            return programme.morning
        if spelt in AFTERNOON:
            return programme.afternoon
    dashed = re.sub("[\u2010-\u2015\u2212]", "-", text(value))  # '13h30 – 17h30': normalise drops the dash
    raw = re.sub(r"^\s*(de|from|entre|between)\s+", "", normalise(dashed))
    raw = re.sub(r"\s+(et|and)\s+", " - ", raw)
    raw = with_24_hours(raw)
    try:
        return parse_time_range(raw)
    except CellError:
        half_days = f"{format_time(programme.morning[0])}-{format_time(programme.morning[1])}"
        raise CellError(*(word("import.issue.unreadable_moment", lang, raw=quoted(text(value), lang), hours=half_days)
                          for lang in LANGS)) from None


def with_24_hours(raw: str) -> str:
    """English am/pm hours on the 24-hour clock: '9am-2:30 pm' -> '9:00-14:30'; other text unchanged."""
    def converted(found: re.Match) -> str:
        hour = int(found[1]) % 12 + (12 if found[3].lower() == "p" else 0)
        return f"{hour}:{found[2] or '00'}"
    return re.sub(r"(\d{1,2})(?:[:h](\d{2}))?\s*([apAP])\.?[mM]\.?", converted, raw)


YES = {"oui", "yes", "ok", "o", "y", "x"}
MAYBE = {"sousreserve", "underreserve", "siNecessaire".lower(), "ifneedbe", "ifneeded", "peutetre", "maybe",
         "avecreserve", "ifnecessary"}
NO = {"", "non", "no", "n"}


def parse_answer(value: object) -> bool | None:
    """True for a yes (preferred window), False for 'under reserve' (a window), None for no or no answer."""
    raw = text(value)
    if raw.startswith("(") and raw.endswith(")") and _compact(raw) in YES:
        return False  # Framadate shows 'under reserve' as '(Oui)'
    spelt = _compact(raw)
    if spelt in YES:
        return True
    if spelt in MAYBE:
        return False
    if spelt in NO:
        return None
    raise CellError(*(word("import.issue.unknown_answer", lang, raw=quoted(raw, lang)) for lang in LANGS))


# ---------------------------------------------------------------------------------------------
# The whole export

TOTAL_WORDS = {"total", "totaux", "somme", "nombre", "count", "sum", "resultat", "resultats", "results"}
COMMENT_WORDS = ("comment", "remarque", "note", "message")


def looks_like_poll(grid: Grid, around: dt.date) -> bool:
    """Line 1 has an empty first cell, then dates: a Framadate date poll."""
    if not grid.rows:
        return False
    first_line, first = grid.rows[0]
    if first_line != 1 or not is_blank(first[0]):
        return False
    for value in first[1:]:
        try:
            parse_poll_date(value, around)
            return True
        except CellError:
            continue
    return False


def read_poll(grid: Grid, programme: Programme) -> tuple[list[Answer], list[Issue]]:
    """The answers of a poll export that make windows, and a located issue for every unreadable cell."""
    issues: list[Issue] = []
    dates = grid.rows[0][1]
    has_moments = len(grid.rows) > 1 and grid.rows[1][0] == 2 and is_blank(grid.rows[1][1][0])
    moments = grid.rows[1][1] if has_moments else ()
    columns: dict[int, tuple[dt.date, tuple[int, int] | None, str]] = {}
    month_first = month_first_line(dates[1:])
    for index in range(1, len(dates)):
        heading, moment = dates[index], moments[index] if index < len(moments) else None
        shown = " ".join(text(v) for v in (heading, moment) if not is_blank(v))
        if is_blank(heading) or any(w in _compact(heading) for w in COMMENT_WORDS):
            continue  # the trailing empty column of Framadate's export, or a comment column
        try:
            day = parse_poll_date(heading, programme.start_date, month_first)
        except CellError as problem:
            issues.append(Issue(grid.where(1, index, shown), text(heading), problem.fr, problem.en))
            continue
        try:
            hours = parse_moment(moment, programme)
        except CellError as problem:
            issues.append(Issue(grid.where(2, index, shown), text(moment), problem.fr, problem.en))
            continue
        columns[index] = (day, hours, shown)
    answers: list[Answer] = []
    for line, values in grid.rows[2 if has_moments else 1:]:
        answers.extend(_respondent(grid, line, values, columns, issues))
    return answers, issues


def _respondent(grid: Grid, line: int, values: tuple[object, ...],
                columns: dict[int, tuple[dt.date, tuple[int, int] | None, str]], issues: list[Issue]) -> list[Answer]:
    name = text(values[0]) if values else ""
    cells = {i: values[i] for i in columns if i < len(values) and not is_blank(values[i])}
    if _compact(name) in TOTAL_WORDS or (cells and all(_is_number(v) for v in cells.values())):
        return []  # a line of totals
    if not cells:
        return []
    if not name:
        issues.append(Issue(grid.where(line, 0), None, *both("import.issue.no_answer_name")))
        return []
    found = []
    for index, value in cells.items():
        day, hours, shown = columns[index]
        try:
            preferred = parse_answer(value)
        except CellError as problem:
            issues.append(Issue(grid.where(line, index, shown), text(value), problem.fr, problem.en))
            continue
        if preferred is not None:
            found.append(Answer(name, day, hours, preferred, grid.where(line, index, shown), grid.where(line, 0)))
    return found


def _is_number(value: object) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return bool(re.fullmatch(r"\s*\d+([.,]\d+)?\s*", text(value)))
