"""The independent check of a year of cohorts (SPEC §6): rules 1-9 in each cohort, rule 10 across them.

Rules 1-9 are checked by `scheduler.checker.violations` on each cohort alone; rule 10 is checked
here from the timetables and the workbook's facts only, sharing no code with the model.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from scheduler.checker import violations
from scheduler.core.errors import WrittenNames
from scheduler.core.domain import Session, Timetable
from scheduler.core.year import YearProblem


@dataclass(frozen=True)
class YearViolation:
    """One broken hard rule: the cohort it is in ('' for rule 10, across cohorts), its label, sessions, sentences."""

    cohort: str
    rule: str
    sessions: tuple[tuple[str, str], ...]  # (cohort, session ID)
    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _given(year: YearProblem, timetables: tuple[Timetable, ...]) -> list[tuple[str, Session]]:
    """(cohort name, session) of every placed session (fixed events left out) of the year."""
    return [(cohort.name, s) for cohort, timetable in zip(year.cohorts, timetables)
            for s in timetable.sessions if s.offer_id]


def check_speaker_overlap_across_cohorts(year: YearProblem, timetables: tuple[Timetable, ...]) -> list[YearViolation]:
    """No speaker gives two sessions of two cohorts at the same time."""
    found = []
    by_speaker_day: dict[tuple[str, dt.date], list[tuple[str, Session]]] = defaultdict(list)
    for cohort, s in _given(year, timetables):
        by_speaker_day[(s.speaker, s.day)].append((cohort, s))
    for (speaker, day), sessions in sorted(by_speaker_day.items()):
        for index, (first_cohort, first) in enumerate(sessions):
            for second_cohort, second in sessions[index + 1:]:
                if first_cohort == second_cohort or not (first.start < second.end and second.start < first.end):
                    continue
                found.append(YearViolation(
                    "", "speaker_overlap_across_cohorts",
                    ((first_cohort, first.session_id), (second_cohort, second.session_id)),
                    f"{speaker} donne deux séances en même temps le {day:%d/%m/%Y} : {first.session_id} "
                    f"({first_cohort}, {_clock(first.start)}-{_clock(first.end)}) et {second.session_id} "
                    f"({second_cohort}, {_clock(second.start)}-{_clock(second.end)})",
                    f"{speaker} gives two sessions at the same time on {day.isoformat()}: {first.session_id} "
                    f"({first_cohort}, {_clock(first.start)}-{_clock(first.end)}) and {second.session_id} "
                    f"({second_cohort}, {_clock(second.start)}-{_clock(second.end)})"))
    return found


def check_speaker_yearly_maximum(year: YearProblem, timetables: tuple[Timetable, ...]) -> list[YearViolation]:
    """No speaker gives more than `Max séances par an` sessions over the year."""
    by_speaker: dict[str, list[tuple[str, Session]]] = defaultdict(list)
    for cohort, s in _given(year, timetables):
        by_speaker[s.speaker].append((cohort, s))
    found = []
    names = year.problems[0].names if year.problems else WrittenNames()  # the columns as the workbook writes them
    for speaker in year.speakers:
        cap, given = speaker.max_sessions_per_year, by_speaker.get(speaker.name, [])
        if cap is not None and len(given) > cap:
            found.append(YearViolation(
                "", "speaker_yearly_maximum", tuple((c, s.session_id) for c, s in given),
                f"{speaker.name} donne {len(given)} séances dans l'année, plus que son "
                f"{names.called('speakers', 'max_sessions_per_year', 'fr')} ({cap})",
                f"{speaker.name} gives {len(given)} sessions in the year, more than their "
                f"{names.called('speakers', 'max_sessions_per_year', 'en')} ({cap})"))
    return found


def check_organisation_yearly_maximum(year: YearProblem, timetables: tuple[Timetable, ...]) -> list[YearViolation]:
    """No organisation gives more phase-1 sessions over the year than its yearly cap."""
    cap = year.max_sessions_per_organisation_per_year
    if cap is None:
        return []
    organisation_of = {speaker.name: speaker.organisation for speaker in year.speakers}
    by_organisation: dict[str, list[tuple[str, Session]]] = defaultdict(list)
    for cohort, s in _given(year, timetables):
        if s.phase == 1:
            by_organisation[organisation_of.get(s.speaker, s.organisation)].append((cohort, s))
    return [YearViolation(
        "", "organisation_yearly_maximum", tuple((c, s.session_id) for c, s in given),
        f"{organisation} donne {len(given)} séances de phase 1 dans l'année, plus que le plafond annuel ({cap})",
        f"{organisation} gives {len(given)} phase-1 sessions in the year, more than the yearly cap ({cap})")
        for organisation, given in sorted(by_organisation.items()) if len(given) > cap]


YEAR_CHECKS = (check_speaker_overlap_across_cohorts, check_speaker_yearly_maximum, check_organisation_yearly_maximum)


def year_violations(year: YearProblem, timetables: tuple[Timetable, ...]) -> list[YearViolation]:
    """Every broken hard rule of the year: rules 1-9 in each cohort, then rule 10 across cohorts."""
    if len(timetables) != len(year.cohorts):
        raise ValueError("one timetable per cohort")
    found = []
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        for violation in violations(problem, timetable):
            found.append(YearViolation(cohort.name, violation.rule,
                                       tuple((cohort.name, i) for i in violation.session_ids),
                                       f"{cohort.name} : {violation.fr}", f"{cohort.name}: {violation.en}"))
    for check in YEAR_CHECKS:
        found += check(year, timetables)
    return found
