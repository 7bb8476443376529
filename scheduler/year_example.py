"""The year example: four quarterly cohorts of 2027 sharing the Nancy partners and speakers (SPEC §6).

Built from the Nancy example's partners, speakers and discovery offers (`scheduler.nancy`):
cohorts in January, April, September (Nancy) and November (Metz; it overlaps September's, at
another site); every speaker comes on two weekly half-days all year; yearly caps bind (cyber
security is scarce: its volunteers' yearly caps add up to exactly the minimum of every cohort).

    python -m scheduler.year_example examples/annee-2027.xlsx
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook

from scheduler.core.domain import COACHING, Closure, FixedEvent, Offer, Problem, Programme, Window, default_phase
from scheduler.core.names import column_name, setting_name, sheet_name
from scheduler.core.year import Cohort
from scheduler.nancy import COACHINGS, DISCOVERY, HOME, PARTNERS, minutes, organisations, speakers
from scheduler.synthetic import THEMES
from scheduler.workbook.writing import build_workbook, save_workbook

SEED = 2027
EXAMPLE_PATH = Path("examples/annee-2027.xlsx")
YEAR_NAME = "Place des Compétences Numériques — Année 2027"
NANCY = f"{HOME}, Nancy"
METZ = "Technopôle de Metz, Metz"

COHORTS = (
    Cohort("Janvier 2027", dt.date(2027, 1, 4)),
    Cohort("Avril 2027", dt.date(2027, 4, 5)),
    Cohort("Septembre 2027", dt.date(2027, 9, 6)),
    Cohort("Novembre 2027 — Metz", dt.date(2027, 11, 8), location=METZ),
)

YEARLY_CAPS = {
    # Cyber security, the scarce theme: 4 + 2 + 1 + 1 = 8 sessions = 2 per cohort, the minimum.
    "Mathieu Perrin": 4, "Chloé Vautrin": 2, "Inès Cordier": 1, "Valérie Koenig": 1,
    # Volunteers who cannot come every quarter.
    "Laura Mangin": 2, "Lucas Bernard": 4, "Julie Masson": 6, "Kevin Poirson": 2, "Franck Muller": 2,
}

ORGANISATION_YEARLY_CAP = 10
"""`Séances max par organisation et par an`: phase-1 sessions of one partner over the year."""

ONLY_FOR = {
    "Franck Muller": ("Avril 2027", "Septembre 2027"),  # the data-centre visit, in spring and autumn only
    "Kevin Poirson": ("Janvier 2027", "Avril 2027", "Septembre 2027"),  # the Fab Lab is in Nancy
}


def offers() -> tuple[Offer, ...]:
    """The Nancy discovery offers and coaching, numbered I01…; `Séances` counts per cohort."""
    home = {person: name for name, _, people in PARTNERS for person in people}
    made: list[Offer] = []
    for speaker, title, theme, format_name, hours, count, required in DISCOVERY:
        location = f"{home[speaker]}, Nancy" if format_name == "Visite" else ""
        made.append(Offer(f"I{len(made) + 1:02d}", speaker, f"{format_name} — {title}", theme, format_name,
                          minutes(hours), default_phase(format_name), count, required, location=location))
    for speaker, title, hours, count, required, phase in COACHINGS:
        made.append(Offer(f"I{len(made) + 1:02d}", speaker, f"{COACHING} — {title}", THEMES[-1].name, COACHING,
                          minutes(hours), phase, count, required))
    return tuple(made)


def weekly_windows(rng: random.Random) -> tuple[Window, ...]:
    """Two weekly half-days (or a whole day) per speaker, all year."""
    windows = []
    for speaker in speakers():
        days = rng.sample(range(5), 2)
        for day in days:
            half = rng.choice(("morning", "afternoon", "day"))
            start, end = {"morning": (9 * 60, 12 * 60 + 30), "afternoon": (13 * 60 + 30, 17 * 60),
                          "day": (None, None)}[half]
            windows.append(Window(speaker.name, weekday=day, start=start, end=end))
    return tuple(windows)


def base_problem() -> Problem:
    """Everything the cohorts share, as one `Problem` (its `Programme` names the year)."""
    programme = Programme(YEAR_NAME, COHORTS[0].start_date, location=NANCY)
    closures = (Closure(dt.date(2027, 12, 20), dt.date(2027, 12, 31), "Vacances de Noël"),)
    events = (FixedEvent("Bilan de la semaine", 16 * 60, 17 * 60, weekday=4),)
    return Problem(programme, THEMES, organisations(), speakers(), offers(), weekly_windows(random.Random(SEED)),
                   closures, events)


def _fill(sheet, header: str, values: dict[int, object]) -> None:
    """Fill the column `header` of `sheet` (written empty by `build_workbook(year=True)`), `values` by Excel row."""
    column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(1, c).value == header)
    for row, value in values.items():
        sheet.cell(row, column).value = value


def _event_columns(headers: list[object]) -> list[str | None]:
    """The column keys of the sheet `Événements` under its French `headers` (None: a header not known)."""
    keys = {column_name("events", key): key for key in ("title", "date", "start", "end", "audience", "cohort")}
    return [keys.get(header) for header in headers]


def year_workbook(every_sheet: bool = False) -> Workbook:
    """The base problem's workbook, with the sheet `Promotions` and the year's columns filled
    (`every_sheet`: the empty optional sheets too, as the template writes them)."""
    problem = base_problem()
    workbook = build_workbook(problem, every_sheet=every_sheet, year=True)
    programme = workbook[sheet_name("programme")]
    start_row = next(r for r in range(1, programme.max_row + 1)
                     if programme.cell(r, 1).value == setting_name("start_date"))
    programme.delete_rows(start_row)  # each cohort has its own start (SPEC §6: `Début` optional)
    programme.append([setting_name("max_sessions_per_organisation_per_year"), ORGANISATION_YEARLY_CAP])
    cohorts = workbook[sheet_name("cohorts")]
    for cohort in COHORTS:
        cohorts.append([cohort.name, cohort.start_date, cohort.weeks, cohort.phase1_weeks, cohort.location or None])
        cohorts.cell(cohorts.max_row, 2).number_format = "DD/MM/YYYY"
    _fill(workbook[sheet_name("speakers")], column_name("speakers", "max_sessions_per_year"),
          {index + 2: YEARLY_CAPS.get(s.name) for index, s in enumerate(problem.speakers)})
    _fill(workbook[sheet_name("offers")], column_name("offers", "cohorts"),
          {index + 2: ", ".join(ONLY_FOR[o.speaker]) if o.speaker in ONLY_FOR else None
           for index, o in enumerate(problem.offers)})
    events = workbook[sheet_name("events")]
    headers = [cell.value for cell in events[1]]
    for cohort in COHORTS:
        row = {"title": "Accueil de la promotion", "date": cohort.start_date, "start": "09:00", "end": "12:00",
               "audience": "Cohorte", "cohort": cohort.name}
        events.append([row.get(column) for column in _event_columns(headers)])
        events.cell(events.max_row, headers.index(column_name("events", "date")) + 1).number_format = "DD/MM/YYYY"
    return workbook


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else EXAMPLE_PATH
    save_workbook(year_workbook(), target)
    problem = base_problem()
    print(f"{target}: {len(COHORTS)} cohorts, {len(problem.speakers)} speakers, "
          f"{sum(o.count for o in problem.offers)} sessions offered per cohort, {len(problem.windows)} weekly windows")


if __name__ == "__main__":
    main(sys.argv[1:])
