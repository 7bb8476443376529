"""One catalogue of words (data/words.toml): every entry in French and English, every entry used;
dates, numbers and plurals through Babel; the outputs' English formats and organisation types are
the ones the English input accepts."""
from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scheduler.core import domain
from scheduler.core.domain import Offer, Organisation, Problem, Programme, Project, Session, Speaker, Theme, Timetable
from scheduler.core.vocabularies import terms
from scheduler.core.words import (catalogue, count_word, date_span, day_label, long_date, number, short_date, word,
                                  weekday_name)
from scheduler.exports.planning_xlsx import write_planning_workbook
from scheduler.workbook.labels import COLUMNS, PROGRAMME_KEYS
from scheduler.workbook.reading import load

from helpers_workbooks import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "scheduler").rglob("*.py")))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def texts(entry: dict, lang: str) -> list[str]:
    value = entry[lang]
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_entry_has_french_and_english_with_the_same_fields(key):
    entry = catalogue()[key]
    for lang in ("fr", "en"):
        value = entry[lang]
        if isinstance(value, dict):
            assert set(value) == {"one", "other"}, f"{key}: a plural entry gives one and other"
        assert all(isinstance(text, str) and text.strip() for text in texts(entry, lang)), f"{key} {lang} is empty"
    french = set().union(*(fields(t) for t in texts(entry, "fr")))
    english = set().union(*(fields(t) for t in texts(entry, "en")))
    assert french == english, f"{key}: French and English fill different fields"


def _used(key: str, dynamic_prefixes: set[str]) -> bool:
    if f'"{key}"' in SOURCE or f"'{key}'" in SOURCE:
        return True
    prefix, _, last = key.rpartition(".")
    if key.startswith("template.help."):
        sheet, column = key.removeprefix("template.help.").split(".")
        return "template.help." in dynamic_prefixes and column in COLUMNS.get(sheet, {})
    if prefix == "template.setting_help":
        return prefix in dynamic_prefixes and last in PROGRAMME_KEYS
    return prefix in dynamic_prefixes and f'"{last}"' in SOURCE


def test_no_entry_is_unused():
    # keys built in the code are f"prefix.{...}": their last part must appear as a literal somewhere
    dynamic = {m.group(1) + "." for m in re.finditer(r'f"([a-z_.]+)\.\{', SOURCE)}
    dynamic |= {p.rstrip(".") for p in dynamic}
    unused = [key for key in catalogue() if not _used(key, dynamic)]
    assert unused == [], "remove these entries from data/words.toml, or use them"


def test_a_missing_key_is_an_error_not_a_silent_text():
    with pytest.raises(KeyError):
        word("no.such.key", "fr")


def test_dates_read_naturally_in_french_and_english():
    monday, first = dt.date(2026, 11, 2), dt.date(2026, 12, 1)
    assert long_date(monday, "fr", weekday=True) == "lundi 2 novembre 2026"
    assert long_date(monday, "en", weekday=True) == "Monday 2 November 2026"
    assert long_date(first, "fr") == "1er décembre 2026" and long_date(first, "en") == "1 December 2026"
    assert date_span(monday, dt.date(2026, 11, 6), "fr") == "du 2 novembre 2026 au 6 novembre 2026"
    assert day_label(monday, "fr") == "lundi 02/11" and day_label(monday, "en") == "Monday 02/11"
    assert short_date(monday, "fr") == "lun. 02/11/2026" and short_date(monday, "en") == "Mon 2026-11-02"
    assert [weekday_name(d, "fr") for d in range(7)][-1] == "dimanche"


def test_numbers_and_plurals_follow_the_language():
    assert number(1.5, "fr") == "1,5" and number(1.5, "en") == "1.5" and number(42, "fr") == "42"
    assert count_word("groups.people", 1, "fr") == "1 participant"
    assert count_word("groups.people", 0, "fr") == "0 participant", "French: 0 takes the singular"
    assert count_word("groups.people", 0, "en") == "0 participants"
    assert count_word("groups.people", 3, "fr") == "3 participants"


def _every_kind_and_format() -> tuple[Problem, Timetable]:
    """One organisation of each type, one offer of each format, each placed once."""
    kinds = list(terms("organisation_types"))
    formats = list(terms("formats"))
    organisations = tuple(Organisation(f"Org {i}", kind) for i, kind in enumerate(kinds))
    speakers = tuple(Speaker(f"Speaker {i}", f"Org {i % len(kinds)}") for i in range(len(formats)))
    offers, sessions = [], []
    for i, format_name in enumerate(formats):
        mentoring = format_name == domain.MENTORING
        offers.append(Offer(f"O{i}", f"Speaker {i}", f"Title {i}", "Web", format_name, 60,
                            phase=2 if mentoring else 1, project="P1" if mentoring else ""))
        day = dt.date(2026, 11, 2) + dt.timedelta(days=i)
        sessions.append(Session(f"O{i}-1", f"O{i}", day, 540, 600, 1, 1, f"Title {i}", "Web", format_name,
                                f"Speaker {i}", f"Org {i % len(kinds)}", domain.COHORT, ""))
    problem = Problem(Programme("Cohort", dt.date(2026, 11, 2)), themes=(Theme("Web"),),
                      organisations=organisations, speakers=speakers, offers=tuple(offers),
                      projects=(Project("P1", "App", "Org 0"),))
    return problem, Timetable(sessions=tuple(sessions))


def test_english_outputs_write_the_formats_and_types_the_english_input_accepts(tmp_path):
    problem, timetable = _every_kind_and_format()
    write_planning_workbook(problem, timetable, tmp_path / "planning.xlsx", "en")
    written = load_workbook(tmp_path / "planning.xlsx")
    types = {row[0]: row[1] for row in written["Organisations"].iter_rows(min_row=2, values_only=True)}
    formats = {row[0]: row[8] for row in written["Speakers"].iter_rows(min_row=2, values_only=True)}
    assert types["Org 2"] == "Association", "the English input has no 'Non-profit'"
    sheets = {
        "Programme": [["parameter", "value"], ["name", "Cohort"], ["start_date", "02/11/2026"]],
        "Themes": [["theme"], ["Web"]],
        "Organisations": [["Organisation", "Type"], *([name, kind] for name, kind in types.items())],
        "Speakers": [["speaker", "organisation"], *([s.name, s.organisation] for s in problem.speakers)],
        "Offers": [["id", "speaker", "title", "theme", "format", "duration_h", "project"],
                   *([o.id, o.speaker, o.title, "Web", formats[o.speaker], 1, o.project or None]
                     for o in problem.offers)],
        "Availability": [["speaker", "weekday"], *([s.name, "Monday"] for s in problem.speakers)],
        "Projects": [["id", "title", "organisation"], ["P1", "App", "Org 0"]],
    }
    read = load(write_workbook(tmp_path / "input-en.xlsx", sheets))
    assert [o.kind for o in read.organisations] == [o.kind for o in problem.organisations]
    assert [o.format for o in read.offers] == [o.format for o in problem.offers]
    assert set(formats.values()) == {term.en for term in terms("formats").values()}


def test_solve_figures_write_decimals_the_french_way():
    from scheduler.exports.views import solve_figures

    problem, timetable = _every_kind_and_format()
    timed = Timetable(sessions=timetable.sessions, figures=(("seconds", "12.25"), ("status", "OPTIMAL")))
    french, english = dict(solve_figures(problem, timed, "fr")), dict(solve_figures(problem, timed, "en"))
    assert french["Durée du calcul (s)"] == "12,25" and english["Solve time (s)"] == "12.25"
    assert french["Ce que le calcul a prouvé"] == \
        "le nombre de séances placées est le plus grand possible avec ces règles", "not a solver's word"
    assert french["Heures de séances"] == "5", "five one-hour sessions"
