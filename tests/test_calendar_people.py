"""Calendars that speak to the person who imports them (issue 11, item 5) and phase 2's project
work (item 7): no internal IDs, numbered repeats, the project's title, the audience, the organiser,
link and what to bring, per-file UIDs, LISEZMOI.txt; read back by icalendar and khal (vobject reads
every file of a whole plan in test_calendars.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess


from scheduler.checker import violations
from scheduler.core.domain import COHORT
from scheduler.core.project_work import project_work_blocks
from scheduler.exports.calendars import write_calendars
from test_calendars import KHAL, STAMP, events_of, khal_rows, needs_khal
from test_exports_xlsx import tiny

INTERNAL_ID = re.compile(r"\b(EV-\d{8}|[A-Z]+\d+-\d+\b|Séance :|Session:)")


def people_problem():
    """The tiny instance with a coordinator, a link and something to bring on O2."""
    problem, timetable = tiny()
    programme = dataclasses.replace(problem.programme, coordinator="Claire Martin",
                                    coordinator_email="claire@exemple.fr")
    offers = tuple(dataclasses.replace(o, link="https://visio.exemple.fr/o2", bring="un ordinateur portable")
                   if o.id == "O2" else o for o in problem.offers)
    return dataclasses.replace(problem, programme=programme, offers=offers), timetable


def summaries(path) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in events_of(path).values())


def test_descriptions_show_no_internal_id_in_any_file_or_language(tmp_path):
    problem, timetable = people_problem()
    for lang in ("fr", "en"):
        written = write_calendars(problem, timetable, tmp_path / lang, lang=lang, now=STAMP)
        for path in written:
            for event in events_of(path).values():
                text = f"{event['SUMMARY']}\n{event['DESCRIPTION']}"
                assert not INTERNAL_ID.search(text), (path, text)


def descriptions(path) -> dict[tuple[dt.date, str], str]:
    return {(e.decoded("DTSTART").date(), str(e["SUMMARY"])): str(e["DESCRIPTION"]) for e in events_of(path).values()}


def test_repeated_sessions_are_numbered_and_mentoring_names_its_project(tmp_path):
    problem, timetable = people_problem()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    found = descriptions(tmp_path / "cohorte.ics")
    title = "Conférence — Le web <moderne> & vous"
    assert found[(dt.date(2026, 11, 2), title)].startswith("Séance 1 sur 2\n"), "numbered by date"
    assert found[(dt.date(2026, 11, 10), title)].startswith("Séance 2 sur 2\n")
    assert "sur" not in found[(dt.date(2026, 11, 4), "Atelier — Données")], "a session given once is not numbered"
    assert "Projet : P1 « Appli »" in found[(dt.date(2026, 11, 16), "Suivi de projet — P1")]
    english = tmp_path / "en"
    write_calendars(problem, timetable, english, lang="en", now=STAMP)
    assert descriptions(english / "cohorte.ics")[(dt.date(2026, 11, 10), title)].startswith("Session 2 of 2\n")
    assert sorted(summaries(tmp_path / "cohorte.ics")) == sorted(s.title for s in timetable.sessions), \
        "SUMMARY stays the Planning title (SPEC §5)"


def test_speakers_see_their_audience_with_real_plurals(tmp_path):
    problem, timetable = people_problem()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    lea = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events_of(tmp_path / "intervenants/lea-dupont.ics").values()}
    assert "Public : la cohorte, 2 participants" in lea["Conférence — Le web <moderne> & vous"]
    assert "Public : groupe projet P1, 1 participant" in lea["Suivi de projet — P1"]


def test_organiser_contact_link_and_what_to_bring(tmp_path):
    problem, timetable = people_problem()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    event = next(e for e in events_of(tmp_path / "participants/ana-martin.ics").values()
                 if str(e["SUMMARY"]) == "Atelier — Données")
    assert str(event["ORGANIZER"]) == "mailto:claire@exemple.fr"
    assert event["ORGANIZER"].params["CN"] == "Claire Martin"
    assert str(event["URL"]) == "https://visio.exemple.fr/o2"
    description = str(event["DESCRIPTION"])
    assert "À prévoir : un ordinateur portable" in description
    assert "Lien : https://visio.exemple.fr/o2" in description
    assert "Contact : Claire Martin <claire@exemple.fr>" in description
    plain, _ = tiny()
    write_calendars(plain, timetable, tmp_path / "plain", now=STAMP)
    assert all("ORGANIZER" not in e and "URL" not in e for e in events_of(tmp_path / "plain/cohorte.ics").values())


def test_uids_differ_between_the_cohort_file_and_a_personal_file_and_stay_stable(tmp_path):
    problem, timetable = people_problem()
    write_calendars(problem, timetable, tmp_path / "a", now=STAMP)
    write_calendars(problem, timetable, tmp_path / "b", now=STAMP)
    cohort = set(events_of(tmp_path / "a/cohorte.ics"))
    ana = set(events_of(tmp_path / "a/participants/ana-martin.ics"))
    group = set(events_of(tmp_path / "a/projets/P1.ics"))
    assert not cohort & ana and not cohort & group and not ana & group, "each file its own UIDs"
    assert ana == set(events_of(tmp_path / "b/participants/ana-martin.ics")), "stable across runs and folders"


def test_the_readme_says_which_file_goes_to_whom_and_how_to_import_it(tmp_path):
    problem, timetable = people_problem()
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    text = (tmp_path / "LISEZMOI.txt").read_text(encoding="utf-8")
    for part in ("cohorte.ics", "intervenants/", "participants/", "projets/", "Google", "Outlook", "Apple",
                 "UN SEUL fichier", "Promo test"):
        assert part in text
    write_calendars(problem, timetable, tmp_path / "en", lang="en", now=STAMP)
    english = (tmp_path / "en" / "README.txt").read_text(encoding="utf-8")
    assert "Google Calendar" in english and "ONE file" in english


# ---------------------------------------------------------------------------------------------
# Project work in phase 2

def with_project_work(problem):
    return dataclasses.replace(problem, programme=dataclasses.replace(problem.programme, project_work="auto"))


def test_project_work_fills_each_group_s_free_phase_2_half_days():
    problem, timetable = tiny()
    assert project_work_blocks(problem, timetable) == (), "none unless asked"
    blocks = project_work_blocks(with_project_work(problem), timetable)
    assert blocks and {b.group for b in blocks} == {"P1", "P2"}
    assert all(b.week == 3 for b in blocks), "phase 2 only (week 3 of the tiny instance)"
    for block in blocks:
        for session in timetable.sessions:
            if session.day == block.day and session.audience in (COHORT, block.group):
                assert session.end <= block.start or block.end <= session.start, (block, session)
    monday = [b for b in blocks if b.day == dt.date(2026, 11, 16)]
    assert [(b.group, b.start) for b in monday] == [("P1", 810), ("P2", 810)], "mornings taken by mentoring"
    assert violations(with_project_work(problem), timetable) == violations(problem, timetable), \
        "the checker never sees the blocks"


def test_project_work_is_in_group_and_participant_calendars_only(tmp_path):
    problem, timetable = tiny()
    problem = with_project_work(problem)
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    assert not any("Travail en projet" in s for s in summaries(tmp_path / "cohorte.ics"))
    assert not any("Travail en projet" in s for s in summaries(tmp_path / "intervenants/lea-dupont.ics"))
    blocks = project_work_blocks(problem, timetable)
    for path, group in (("projets/P1.ics", "P1"), ("participants/bob-durand.ics", "P2")):
        work = [e for e in events_of(tmp_path / path).values() if str(e["SUMMARY"]) == "Travail en projet"]
        assert len(work) == sum(b.group == group for b in blocks)
        assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in work)
        assert all("pas une séance" in str(e["DESCRIPTION"]) for e in work)


def test_project_work_that_disappears_is_cancelled(tmp_path):
    problem, timetable = tiny()
    problem = with_project_work(problem)
    write_calendars(problem, timetable, tmp_path, now=STAMP)
    first = next(b for b in project_work_blocks(problem, timetable) if b.group == "P1")
    busy = dataclasses.replace(next(s for s in timetable.sessions if s.session_id == "M1-1"),
                               day=first.day, start=first.start, end=first.start + 120)
    moved = dataclasses.replace(timetable, sessions=tuple(busy if s.session_id == "M1-1" else s
                                                          for s in timetable.sessions))
    write_calendars(problem, moved, tmp_path, now=STAMP)
    work = [e for e in events_of(tmp_path / "projets/P1.ics").values()
            if str(e["SUMMARY"]).removeprefix("Annulée : ") == "Travail en projet" and e.decoded("DTSTART").date() == first.day
            and e.decoded("DTSTART").hour * 60 + e.decoded("DTSTART").minute == first.start]
    assert [str(e["STATUS"]) for e in work] == ["CANCELLED"]


@needs_khal
def test_khal_shows_numbered_sessions_and_project_work(tmp_path):
    problem, timetable = people_problem()
    problem = with_project_work(problem)
    out = tmp_path / "out"
    write_calendars(problem, timetable, out, now=STAMP)
    shown = khal_rows(tmp_path / "khal", out / "participants/ana-martin.ics", dt.date(2026, 11, 1),
                      dt.date(2026, 11, 30))
    assert any(title == "Travail en projet" for *_, title in shown)
    assert sum(title == "Conférence — Le web <moderne> & vous" for *_, title in shown) == 2
    assert KHAL.exists()
    listed = subprocess.run([str(KHAL), "-c", str(tmp_path / "khal" / "khal.conf"), "list", "--format",
                             "@@{title}|{description}", "2026-11-01", "2026-11-30"], capture_output=True, text=True,
                            check=True, env={**os.environ, "TZ": "UTC", "HOME": str(tmp_path / "khal")}, timeout=120)
    described = " ".join(listed.stdout.split())
    assert "Séance 1 sur 2" in described and "Séance 2 sur 2" in described
    assert not INTERNAL_ID.search(described), described


def test_a_plan_with_project_work_keeps_it_out_of_the_planning_sheet(tmp_path):
    """The whole path: the setting read from a workbook, `plan`, the checker, Planning, the calendars."""
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from scheduler.cli import app
    from scheduler.workbook.planning_reader import read_planning
    from scheduler.workbook.reading import load
    from scheduler.workbook.writing import write_problem
    from test_calendars import ROOT

    nancy = load(ROOT / "examples" / "nancy-novembre-2026.xlsx")
    workbook = tmp_path / "nancy-projets.xlsx"
    write_problem(with_project_work(nancy), workbook)
    problem = load(workbook)
    assert problem.programme.project_work == "auto"
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["plan", str(workbook), "--out", str(out), "--time-limit", "4", "--workers", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    timetable = read_planning(out / "planning.xlsx", problem)
    assert violations(problem, timetable) == []
    titles = [row[0] for row in load_workbook(out / "planning.xlsx")["Planning"].iter_rows(values_only=True)]
    assert not any("Travail en projet" in str(cell) for row in load_workbook(out / "planning.xlsx")["Planning"]
                   .iter_rows(values_only=True) for cell in row), titles[:3]
    group = problem.projects[0].id
    work = [e for e in events_of(out / "projets" / f"{group}.ics").values() if str(e["SUMMARY"]) == "Travail en projet"]
    assert len(work) == sum(b.group == group for b in project_work_blocks(problem, timetable)) > 0
    blocks = project_work_blocks(problem, timetable)
    sheets = load_workbook(out / "planning.xlsx")
    block_text = re.compile(r"\d\d:\d\d–\d\d:\d\d\nTravail en projet\n")
    in_weeks = [c.value for name in sheets.sheetnames if name.startswith("Semaine ") for row in sheets[name].iter_rows()
                for c in row if isinstance(c.value, str) and block_text.match(c.value)]
    assert len(in_weeks) == len(blocks), "every block in its week sheet"
    html = (out / "planning.html").read_text(encoding="utf-8")
    assert html.count('<td class="block work"') == len(blocks), "and in planning.html"
