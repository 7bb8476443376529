"""What `plan` writes for a year of cohorts (SPEC §6).

`DIR/<cohort-slug>/`: everything SPEC §5 describes, per cohort (`write_all`); `DIR/annee.xlsx`:
sheet `Année` (the `Planning` columns preceded by `Promotion`), the cohort × theme coverage, the
speakers against their yearly caps, the organisations' figures for the year;
`DIR/intervenants/<slug>.ics`: each speaker's sessions in every cohort; `DIR/planning.html`: an
index of the cohorts' pages.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import Session, SolveFigures, Timetable
from scheduler.core.scoring import soft_scores, weighted_penalty
from scheduler.exports.resolution import RESOLUTION_NAME, relative_gap
from scheduler.core.text import slug
from scheduler.core.year import Cohort, YearProblem, offered_sessions
from scheduler.exports import write_all
from scheduler.core.files import person_file_name, unique_file_names
from scheduler.exports.xlsx_file import save_workbook
from scheduler.core.atomic import atomic_path, write_bytes_atomically
from scheduler.sheets.print_setup import finish_workbook
from scheduler.exports.calendar_state import load_state, next_state, no_longer_planned, save_state
from scheduler.exports.calendars import (PRODID, cancelled_summary, event_uid, fingerprint, ical_text,
                                         speaker_calendar_paths)
from scheduler.exports.labels import format_label
from scheduler.core.words import word
from scheduler.workbook.labels import PLANNING_COLUMNS, PLANNING_SHEETS, YEAR_COHORT_COLUMN
from scheduler.exports.page import page_style
from scheduler.exports.planning_xlsx import DATE_FORMATS, planning_row
from scheduler.core.palette import colour
from scheduler.exports.styles import header_row

YEAR_WORKBOOK = "annee.xlsx"
YEAR_SHEET = PLANNING_SHEETS["year"].fr
INDEX_PAGE = "planning.html"



def _word(key: str, lang: str) -> str:
    """A sheet name or header of the year's outputs (data/words.toml, [year.sheet])."""
    return word(f"year.sheet.{key}", lang)


def cohort_folders(year: YearProblem) -> dict[str, str]:
    """Cohort name -> its folder in DIR (slug; a second cohort with the same slug gets '-2')."""
    taken: Counter[str] = Counter()
    folders = {}
    for cohort in year.cohorts:
        taken[cohort.slug] += 1
        folders[cohort.name] = cohort.slug if taken[cohort.slug] == 1 else f"{cohort.slug}-{taken[cohort.slug]}"
    return folders


def _placed(timetable: Timetable) -> list[Session]:
    return [s for s in timetable.sessions if s.offer_id]


# ---------------------------------------------------------------------------------------------
# annee.xlsx


def _wrap_long_text(sheet: Worksheet) -> None:
    """Values longer than their column wrap under the header instead of being cut at the next cell."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            width = sheet.column_dimensions[get_column_letter(cell.column)].width or 8.43
            if isinstance(cell.value, str) and len(cell.value) > width:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_year_sheet(workbook: Workbook, year: YearProblem, timetables: tuple[Timetable, ...],
                     lang: str = "fr") -> None:
    """`Année`: every session and event of every cohort, the `Planning` columns preceded by `Promotion`.

    Dates with their weekday and times `HH:MM`, as in `Planning`; a filter over every row."""
    sheet = workbook.active
    sheet.title = YEAR_SHEET
    header_row(sheet, [YEAR_COHORT_COLUMN.fr, *(label.fr for label in PLANNING_COLUMNS.values())],
               [18, 26, 12, 12, 8, 8, 9, 7, 40, 32, 16, 22, 30, 10, 24, 11])
    rows = [(s.day, s.start, index, s) for index, timetable in enumerate(timetables) for s in timetable.sessions]
    for _, _, index, session in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3].session_id)):
        sheet.append([year.cohorts[index].name, *planning_row(session)])
        sheet.cell(row=sheet.max_row, column=4).number_format = DATE_FORMATS.get(lang, DATE_FORMATS["fr"])
        for column in (5, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = "HH:MM"
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"


def write_coverage_sheet(workbook: Workbook, year: YearProblem, timetables: tuple[Timetable, ...], lang: str) -> None:
    """Cohort × theme: the phase-1 sessions of each theme in each cohort."""
    sheet = workbook.create_sheet(_word("coverage", lang))
    names = [c.name for c in year.cohorts]
    header_row(sheet, [_word("theme", lang), *names, _word("minimum", lang)], [30, *(16 for _ in names), 20])
    themes = list(dict.fromkeys(t.name for problem in year.problems for t in problem.themes))
    counts = [Counter(s.theme for s in _placed(t) if s.phase == 1) for t in timetables]
    minimum = year.problems[0].programme.min_sessions_per_theme if year.problems else 0
    for theme in themes:
        sheet.append([theme, *(count.get(theme, 0) for count in counts), minimum])
    sheet.append([_word("placed", lang), *(len(_placed(t)) for t in timetables), None])
    sheet.append([_word("offered", lang), *(offered_sessions(p) for p in year.problems), None])


def write_speakers_sheet(workbook: Workbook, year: YearProblem, timetables: tuple[Timetable, ...], lang: str) -> None:
    """Each speaker: sessions per cohort, the year's total, against the yearly cap."""
    sheet = workbook.create_sheet(_word("speakers", lang))
    names = [c.name for c in year.cohorts]
    header_row(sheet, [_word("speaker", lang), _word("organisation", lang), *names, _word("total", lang),
                       _word("yearly_cap", lang)], [26, 26, *(14 for _ in names), 10, 18])
    counts = [Counter(s.speaker for s in _placed(t)) for t in timetables]
    for speaker in year.speakers:
        given = [count.get(speaker.name, 0) for count in counts]
        sheet.append([speaker.name, speaker.organisation, *given, sum(given), speaker.max_sessions_per_year])


def write_organisations_sheet(workbook: Workbook, year: YearProblem, timetables: tuple[Timetable, ...],
                              lang: str) -> None:
    """Each organisation: phase-1 sessions per cohort, the year's phase-1 total against the cap, all sessions."""
    sheet = workbook.create_sheet(_word("organisations", lang))
    names = [c.name for c in year.cohorts]
    phase1_total = _word("total", lang) + " " + _word("phase1", lang)
    header_row(sheet, [_word("organisation", lang), *names, phase1_total, _word("yearly_cap_phase1", lang),
                       _word("all_sessions", lang)], [30, *(14 for _ in names), 14, 22, 14])
    organisation_of = {s.name: s.organisation for s in year.speakers}
    phase1 = [Counter(organisation_of.get(s.speaker, s.organisation) for s in _placed(t) if s.phase == 1)
              for t in timetables]
    every = Counter(organisation_of.get(s.speaker, s.organisation) for t in timetables for s in _placed(t))
    organisations = list(dict.fromkeys(o.name for p in year.problems for o in p.organisations))
    for organisation in organisations:
        given = [count.get(organisation, 0) for count in phase1]
        sheet.append([organisation, *given, sum(given), year.max_sessions_per_organisation_per_year,
                      every.get(organisation, 0)])


def write_year_groups_sheet(workbook: Workbook, year: YearProblem, timetables: tuple[Timetable, ...]) -> None:
    """`Groupes`: each cohort's participants, their project and the rank of the wish honoured (contract headers)."""
    sheet = workbook.create_sheet(PLANNING_SHEETS["groups"].fr)
    header_row(sheet, [YEAR_COHORT_COLUMN.fr, "Participant", "Projet", "Vœu"], [18, 30, 12, 8])
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        project_of = dict(timetable.groups)
        for participant in problem.participants:
            project = project_of.get(participant.name, "")
            rank = participant.wishes.index(project) + 1 if project in participant.wishes else None
            sheet.append([cohort.name, participant.name, project or None, rank])


def write_year_workbook(year: YearProblem, timetables: tuple[Timetable, ...], path: Path, lang: str = "fr") -> None:
    workbook = Workbook()
    write_year_sheet(workbook, year, timetables, lang)
    if any(problem.participants for problem in year.problems):
        write_year_groups_sheet(workbook, year, timetables)
    write_coverage_sheet(workbook, year, timetables, lang)
    write_speakers_sheet(workbook, year, timetables, lang)
    write_organisations_sheet(workbook, year, timetables, lang)
    for sheet in workbook.worksheets:
        _wrap_long_text(sheet)
    finish_workbook(workbook, year.title(lang))
    with atomic_path(path) as temporary:
        save_workbook(workbook, temporary)


# ---------------------------------------------------------------------------------------------
# Speakers' calendars over the year, and the index page


def _speaker_event(year: YearProblem, index: int, session: Session, stamp: dt.datetime, lang: str,
                   sequence: int, uid: str, cancelled: bool = False) -> Event:
    problem, cohort = year.problems[index], year.cohorts[index]
    zone = ZoneInfo(problem.programme.timezone)
    start = dt.datetime.combine(session.day, dt.time(session.start // 60, session.start % 60), tzinfo=zone)
    end = dt.datetime.combine(session.day, dt.time(session.end // 60, session.end % 60), tzinfo=zone)
    description = "\n".join([word("calendar.cohort", lang, cohort=cohort.name),  # no internal ID (docs/exports.md)
                             word("calendar.format", lang, format=format_label(session.format, lang)),
                             *([word("calendar.theme", lang, theme=session.theme)] if session.theme else [])])
    summary = cancelled_summary(session.title, lang) if cancelled else session.title  # said in the title too
    return Event.new(uid=uid, start=start, end=end, summary=ical_text(summary),
                     description=ical_text(description), stamp=stamp, location=ical_text(session.location) or None,
                     categories=[ical_text(session.theme)] if session.theme else (),  # free text: no control character
                     sequence=sequence, status="CANCELLED" if cancelled else "CONFIRMED")


def _speaker_calendar(year: YearProblem, speaker: str, name: str, events: list[Event], lang: str = "fr") -> bytes:
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH",
                            uid=f"{name}.{slug(year.name)}@place-competences-numeriques.fr")
    for prop in ("NAME", "X-WR-CALNAME"):  # as text: commas, semicolons, line breaks escaped
        calendar.add(prop, vText(ical_text(f"{year.title(lang)} — {speaker}")))
    calendar.add("X-WR-TIMEZONE", year.problems[0].programme.timezone)
    for event in events:
        calendar.add_component(event)
    days = [event.start.date() for event in events]
    calendar.add_missing_timezones(first_date=min(days) - dt.timedelta(days=7),
                                   last_date=max(days) + dt.timedelta(days=7))
    return calendar.to_ical()


def write_speaker_calendars(year: YearProblem, timetables: tuple[Timetable, ...], folder: Path,
                            lang: str = "fr") -> list[Path]:
    """`intervenants/<slug>.ics`: one calendar per speaker holding their sessions in every cohort.

    Tracked like a cohort's calendars (`exports/calendars.py`), in `folder/.calendriers.json`: the same UID
    for the same `Séance` in every run, SEQUENCE raised when its time, place or title changes, a session
    no longer planned written with STATUS:CANCELLED — so a re-import after `replan` updates, not duplicates.
    """
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # fixed: the same inputs give the same files
    given: dict[str, list[tuple[int, Session]]] = {}
    for index, timetable in enumerate(timetables):
        for session in _placed(timetable):
            given.setdefault(session.speaker, []).append((index, session))
    previous = load_state(folder)
    speakers = sorted(given | {entry["session"]["speaker"]: [] for entry in previous.values()
                               if isinstance(entry.get("session"), dict) and "speaker" in entry["session"]})
    file_of = {speaker: f"intervenants/{name}.ics"
               for speaker, name in zip(speakers, unique_file_names([person_file_name(s) for s in speakers]))}
    cohort_of: dict[str, int] = {}
    session_by_uid: dict[str, Session] = {}
    cohort_paths = [speaker_calendar_paths(_placed(timetable)) for timetable in timetables]
    for speaker, sessions in given.items():
        for index, session in sessions:  # the UID of the cohort's own speaker file: importing both does not duplicate
            uid = event_uid(year.problems[index], session, cohort_paths[index][speaker])
            session_by_uid[uid], cohort_of[uid] = session, index
    state = next_state(previous, {uid: [file_of[s.speaker]] for uid, s in session_by_uid.items()},
                       {uid: fingerprint(s) for uid, s in session_by_uid.items()}, set(file_of.values()))
    events: dict[str, list[tuple[dt.date, int, Event]]] = {}
    for uid, session in session_by_uid.items():
        event = _speaker_event(year, cohort_of[uid], session, stamp, lang, state[uid]["sequence"], uid)
        events.setdefault(file_of[session.speaker], []).append((session.day, session.start, event))
    index_of = {cohort.name: index for index, cohort in enumerate(year.cohorts)}
    for uid, gone, sequence, relatives in no_longer_planned(previous, state):
        index = index_of.get(str(previous[uid].get("cohort", "")), 0)
        for relative in relatives:
            event = _speaker_event(year, index, gone, stamp, lang, sequence, uid, cancelled=True)
            events.setdefault(relative, []).append((gone.day, gone.start, event))
    written = []
    speaker_of = {relative: speaker for speaker, relative in file_of.items()}
    for relative in sorted(events):
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            continue  # a damaged state cannot make us write outside the folder
        speaker = speaker_of.get(relative, Path(relative).stem)
        path = folder / relative
        ordered = [event for *_, event in sorted(events[relative], key=lambda item: item[:2])]
        write_bytes_atomically(path, _speaker_calendar(year, speaker, Path(relative).stem, ordered, lang))
        written.append(path)
    for uid, index in cohort_of.items():
        state[uid]["cohort"] = year.cohorts[index].name
    save_state(folder, state, session_by_uid)
    return written


INDEX_STYLE = """
p.year { margin: 0 0 12px; color: #555; font-style: italic; }
ul.cohorts { list-style: none; padding: 0; margin: 0 0 12px; display: grid; gap: 8px;
             grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
ul.cohorts li { padding: 8px 10px; border-left: 6px solid #1F3864; background: #F4F6FA; overflow-wrap: anywhere; }
ul.cohorts li a { display: block; font-size: 15px; font-weight: bold; color: #1F3864; margin-bottom: 2px; }
ul.cohorts li span { display: block; color: #333; }
p.files a { color: #1F3864; }
@media screen and (max-width: 700px) { ul.cohorts li a { font-size: 17px; } }
@media print { h1 { display: block; } ul.cohorts { display: block; } ul.cohorts li { margin: 0 0 6px; } }
"""


def index_page(year: YearProblem, timetables: tuple[Timetable, ...], lang: str = "fr") -> str:
    """`planning.html`: the year's name and a card per cohort linking its page, with the look of the cohorts'
    pages (`exports/page.py` stylesheet, readable on a phone)."""
    folders = cohort_folders(year)
    items = []
    starts, placed = escape(_word("starts", lang)), escape(_word("placed", lang))
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        start = f"{cohort.start_date:%d/%m/%Y}" if lang != "en" else cohort.start_date.isoformat()
        figures = f"{len(_placed(timetable))} / {offered_sessions(problem)}"
        place = f"<span>{escape(problem.programme.location)}</span>" if problem.programme.location else ""
        colon = ": " if lang == "en" else "\u00a0: "  # French: a no-break space before the colon
        items.append(f'<li><a href="{escape(folders[cohort.name])}/planning.html">{escape(cohort.name)}</a>'
                     f"<span>{starts}{colon}{start}</span>"
                     f"<span>{placed}{colon}{figures}</span>{place}</li>")
    title = escape(_word("index_title", lang)) + " — " + escape(year.title(lang))
    style = page_style() + INDEX_STYLE.replace("#1F3864", "#" + colour("header"))
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "fr"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{style}</style></head><body><h1>{title}</h1><ul class=\"cohorts\">{''.join(items)}</ul>"
            f'<p class="files"><a href="{YEAR_WORKBOOK}">{YEAR_WORKBOOK}</a></p></body></html>\n')


def year_resolution(year: YearProblem, timetables: tuple[Timetable, ...], penalty_bound: int,
                    placed_bound: int | None = None) -> dict:
    """The year's `resolution.json`: the keys of a cohort's (`exports/resolution.py`) for the joint solve — the
    placed total, the soft rules of every cohort summed (scored without the solver) against the soft stage's
    proven bound, the gap, each stage's seconds and deterministic work — then each cohort's own figures."""
    figures = timetables[0].figures if timetables and isinstance(timetables[0].figures, SolveFigures) \
        else SolveFigures()
    rules: Counter[str] = Counter()
    cohorts = []
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        scores = soft_scores(problem, timetable)
        rules.update(scores)
        cohorts.append({"name": cohort.name, "folder": cohort_folders(year)[cohort.name],
                        "placed": len(_placed(timetable)), "offered": offered_sessions(problem),
                        "penalty": weighted_penalty(problem, scores), "rules": scores})
    penalty = sum(c["penalty"] for c in cohorts)
    bound = min(penalty_bound, penalty)
    placed = sum(c["placed"] for c in cohorts)
    seconds = {name: round(spent, 3) for name, spent in figures.stage_seconds}
    seconds["solve"] = round(figures.seconds, 3)
    return {"placed": placed, "offered": sum(c["offered"] for c in cohorts),
            "placed_optimal": figures.status == "OPTIMAL", "placed_bound": placed_bound,
            "worst_share": round(min((c["placed"] / c["offered"] for c in cohorts if c["offered"]), default=1.0), 4),
            "penalty": penalty, "bound": bound, "gap": relative_gap(penalty, bound), "gap_limit": figures.gap_limit,
            "rules": dict(rules), "seconds": seconds,
            "work": {name: round(work, 3) for name, work in figures.stage_work}, "solver": figures.solver,
            "seed": figures.seed, "workers": figures.workers, "reproducible": not figures.wall_stopped,
            "cohorts": cohorts}


def write_year_resolution(year: YearProblem, timetables: tuple[Timetable, ...], folder: Path,
                          penalty_bound: int, placed_bound: int | None = None) -> Path:
    """Write `folder/resolution.json` for the year (atomically) and return its path."""
    target = folder / RESOLUTION_NAME
    text = json.dumps(year_resolution(year, timetables, penalty_bound, placed_bound), ensure_ascii=False,
                      indent=2) + "\n"
    write_bytes_atomically(target, text.encode("utf-8"))
    return target


def write_year(year: YearProblem, timetables: tuple[Timetable, ...], folder: Path, lang: str = "fr",
               changes: dict[str, list] | None = None) -> list[Path]:
    """Every output of SPEC §6 into `folder`; returns the files written. `changes`: cohort -> its changes
    (replan), for its `Changements` sheet and calendars."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    folders = cohort_folders(year)
    for cohort, problem, timetable in zip(year.cohorts, year.problems, timetables):
        written += write_all(problem, timetable, folder / folders[cohort.name], lang,
                             None if changes is None else changes.get(cohort.name))
    write_year_workbook(year, timetables, folder / YEAR_WORKBOOK, lang)
    written.append(folder / YEAR_WORKBOOK)
    written += write_speaker_calendars(year, timetables, folder, lang)
    write_bytes_atomically(folder / INDEX_PAGE, index_page(year, timetables, lang).encode("utf-8"))
    written.append(folder / INDEX_PAGE)
    return written


__all__ = ["Cohort", "YEAR_SHEET", "YEAR_WORKBOOK", "cohort_folders", "write_year", "write_year_resolution"]
