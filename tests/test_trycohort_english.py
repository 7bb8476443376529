"""`--lang en` says the programme's settings by their English names: found when a speaker cancelled and
`replan --lang en` answered "for a minimum of 2 ('Séances min par thème')"."""
from __future__ import annotations

import datetime as dt

from scheduler.core.domain import (COMPANY, CONFERENCE, FixedEvent, Offer, Organisation, Problem, Programme,
                                   Speaker, Theme, Window)
from scheduler.core.errors import WrittenNames
from scheduler.rules.registry import MODEL_RULES
from scheduler.solver.diagnose import counting_checks

MONDAY = dt.date(2026, 11, 2)
FRENCH_NAMES = ("Séances min", "Séances max", "Max séances", "Heures max")


def _impossible(names: WrittenNames = WrittenNames()) -> Problem:
    """Two required sessions for a speaker who gives one, from one organisation capped at one, a theme asking
    for three, and a day whose fixed events alone exceed the daily maximum."""
    programme = Programme("Essai", MONDAY, weeks=4, phase1_weeks=2, min_sessions_per_theme=3,
                          max_sessions_per_organisation=1, max_minutes_per_day=120)
    offers = (Offer("I1", "S1", "Titre", "A", CONFERENCE, 60, phase=1, count=2, required=True, row=2),)
    events = (FixedEvent("Accueil", 9 * 60, 12 * 60, date=MONDAY, row=2),)
    return Problem(programme, (Theme("A", row=2),), (Organisation("Org", COMPANY, row=2),),
                   (Speaker("S1", "Org", max_sessions=1, row=2),), offers, (Window("S1", weekday=0, row=2),),
                   events=events, names=names)


def test_counting_checks_name_the_settings_in_english() -> None:
    reasons = counting_checks(_impossible())
    assert {"min_sessions_per_theme", "max_sessions_per_organisation", "max_sessions", "max_hours_per_day"} <= {
        word for reason in reasons for word in ("min_sessions_per_theme", "max_sessions_per_organisation",
                                                "max_sessions", "max_hours_per_day") if word in reason.en}
    for reason in reasons:
        assert not any(name in reason.en for name in FRENCH_NAMES), reason.en
    assert any("« Séances min par thème »" in reason.fr for reason in reasons)


def test_each_rule_for_one_row_names_the_settings_in_english() -> None:
    problem = _impossible()
    for rule in MODEL_RULES.values():
        rows = rule.rows(problem) if rule.rows is not None else [None]
        for row in rows:
            sentence = rule.sentence(row, problem)
            assert not any(name in sentence.en for name in FRENCH_NAMES), (rule.label, sentence.en)


def test_a_french_column_header_is_quoted_as_written_with_its_english_name() -> None:
    written = WrittenNames(columns=(("speakers", "max_sessions", "Max séances"),))
    sentence = MODEL_RULES["speaker_max_sessions"].sentence(_impossible(written).speakers[0], _impossible(written))
    assert "'Max séances' (max_sessions)" in sentence.en
    assert "« Max séances »" in sentence.fr


def test_the_hard_rules_one_line_names_the_settings_in_english() -> None:
    from scheduler.core.rule_catalogue import HARD_RULE_WORDS

    for label, words in HARD_RULE_WORDS.items():
        assert not any(name in words.description.en for name in FRENCH_NAMES), (label, words.description.en)
        assert not words.title.fr.startswith("«"), (label, words.title.fr)  # `verify` quotes the title itself


def test_a_required_offer_is_located_in_its_sheet_as_the_workbook_writes_it() -> None:
    """A French workbook planned with --lang en said '(Offers, row 2)', a sheet it does not have."""
    written = WrittenNames(sheets=(("offers", "Interventions"), ("events", "Événements")))
    problem = _impossible(written)
    sentence = MODEL_RULES["required_offer"].sentence(problem.offers[0], problem)
    assert "('Interventions' (Offers), row 2)" in sentence.en, sentence.en
    assert "l'intervention obligatoire I1 « Titre » (Interventions, ligne 2) doit être placée" in sentence.fr
    english = WrittenNames(sheets=(("offers", "Offers"), ("events", "Events")))
    assert "« Offers » (Interventions), ligne 2" in MODEL_RULES["required_offer"].sentence(
        problem.offers[0], _impossible(english)).fr


def test_fixed_events_beyond_the_daily_maximum_name_the_events_sheet_as_written() -> None:
    reasons = [r for r in counting_checks(_impossible(WrittenNames(sheets=(("events", "Événements"),))))
               if "fixed events" in r.en]
    assert reasons and "(row 2) ('Événements' (Events))" in reasons[0].en, reasons[0].en
    assert "(row 2) (Events)" in [r for r in counting_checks(_impossible()) if "fixed events" in r.en][0].en
