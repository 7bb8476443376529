"""`replan`: after the workbook changed, keep every previous session that is still legal where it was,
place what is new, move a session only when a hard rule forces it, never move a locked one; and tell
what changed (console, `Changements` sheet, calendars). Tiny instances built in code, then the
Nancy example end to end through the CLI."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from scheduler.checker import violations
from scheduler.cli import app
from scheduler.core.domain import COMPANY, CONFERENCE, Offer, Organisation, Problem, Programme, Session, Speaker, \
    Theme, Timetable, Window
from scheduler.core.errors import Message, NoTimetable
from scheduler.exports.changes import ADDED, CANCELLED, MOVED, describe_changes, write_changes_sheet
from scheduler.solver.replan import replan
from scheduler.solver.solve import SolveOptions
from scheduler.core.text import slug
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load

MONDAY = dt.date(2026, 11, 2)
TUESDAY = MONDAY + dt.timedelta(days=1)
H = 60
OPTIONS = SolveOptions(time_limit=10, workers=1)


# ---------------------------------------------------------------------------------------------
# Tiny instances


def problem(offers: list[Offer], windows: list[Window]) -> Problem:
    speakers = tuple(Speaker(name, "Org " + name) for name in sorted({o.speaker for o in offers}))
    return Problem(Programme("Test", MONDAY, weeks=2, phase1_weeks=2, min_sessions_per_theme=0,
                             max_sessions_per_organisation=10),
                   themes=(Theme("A"),), organisations=tuple(Organisation(s.organisation, COMPANY) for s in speakers),
                   speakers=speakers, offers=tuple(offers), windows=tuple(windows))


def offer(offer_id: str, speaker: str, minutes: int = 2 * H, **kw) -> Offer:
    return Offer(offer_id, speaker, f"Titre {offer_id}", "A", CONFERENCE, minutes, phase=1, **kw)


def morning(speaker: str, day: dt.date = MONDAY) -> Window:
    return Window(speaker, date=day, start=9 * H, end=12 * H + 30)


def afternoon(speaker: str, day: dt.date = MONDAY) -> Window:
    return Window(speaker, date=day, start=13 * H + 30, end=17 * H)


def session(p: Problem, offer_id: str, day: dt.date, start: int, number: int = 1, locked: bool = False) -> Session:
    o = p.offer(offer_id)
    return Session(f"{offer_id}-{number}", offer_id, day, start, start + o.duration_minutes, 1, 1, o.title, o.theme,
                   o.format, o.speaker, p.speaker(o.speaker).organisation, location="", locked=locked)


def at(timetable: Timetable) -> dict[str, tuple]:
    """Session ID -> (day, start, end), offers only."""
    return {s.session_id: (s.day, s.start, s.end) for s in timetable.sessions if not s.is_event}


def test_a_cancelled_speaker_only_loses_their_own_sessions_even_against_the_soft_rules():
    offers = [offer("A1", "SA"), offer("B1", "SB"), offer("C1", "SC", minutes=H)]
    every_slot = [w(s, d) for s in ("SA", "SB", "SC") for d in (MONDAY, TUESDAY) for w in (morning, afternoon)]
    before = problem(offers, every_slot)
    # A by-hand timetable the soft rules dislike (theme A three times on Monday), but valid.
    previous = Timetable((session(before, "A1", MONDAY, 9 * H), session(before, "B1", MONDAY, 14 * H),
                          session(before, "C1", MONDAY, 11 * H)))
    assert violations(before, previous) == []
    after = problem(offers, [w for w in every_slot if w.speaker != "SB"])  # SB cancels
    result = replan(after, previous, OPTIONS)
    assert at(result.timetable) == {k: v for k, v in at(previous).items() if k != "B1-1"}
    assert violations(after, result.timetable) == []
    assert result.kept == 2 and result.previous == 3
    assert "SB n'est plus disponible" in result.reasons["B1-1"].fr


def test_a_new_offer_goes_into_free_room_without_moving_anything():
    offers = [offer("A1", "SA"), offer("B1", "SB")]
    windows = [morning("SA"), morning("SB", TUESDAY), morning("SA", TUESDAY)]
    before = problem(offers, windows)
    previous = Timetable((session(before, "A1", MONDAY, 9 * H), session(before, "B1", TUESDAY, 9 * H)))
    after = problem([*offers, offer("N1", "SN", minutes=90, count=2)], [*windows, morning("SN"), morning("SN", TUESDAY)])
    result = replan(after, previous, OPTIONS)
    assert {k: v for k, v in at(result.timetable).items() if not k.startswith("N1")} == at(previous)
    added = sorted(k for k in at(result.timetable) if k.startswith("N1"))
    assert added == ["N1-1"]  # count 2, but both occurrences would fall in week 1
    assert at(result.timetable)["N1-1"][0] in (MONDAY, TUESDAY)
    assert violations(after, result.timetable) == []


def test_keeping_previous_sessions_comes_before_placing_more():
    before = problem([offer("A1", "SA", minutes=3 * H)], [morning("SA")])
    previous = Timetable((session(before, "A1", MONDAY, 9 * H),))
    # N1 could only go where A1 is: placing it would move or drop A1, so it stays out.
    after = problem([offer("A1", "SA", minutes=3 * H), offer("N1", "SN", minutes=3 * H)], [morning("SA"), morning("SN")])
    result = replan(after, previous, OPTIONS)
    assert at(result.timetable) == at(previous)
    assert [u.offer_id for u in result.timetable.unplaced] == ["N1"]


def forced_move(lock_a: bool) -> tuple[Problem, Timetable]:
    """A new required offer R1 fits only on Monday morning, where A1 and D1 are; both could go on Tuesday."""
    offers = [offer("A1", "SA"), offer("D1", "SD", minutes=H), offer("C1", "SC")]
    windows = [morning("SA"), morning("SA", TUESDAY), morning("SD"), morning("SD", TUESDAY), afternoon("SC")]
    before = problem(offers, windows)
    previous = Timetable((session(before, "A1", MONDAY, 9 * H, locked=lock_a),
                          session(before, "D1", MONDAY, 11 * H), session(before, "C1", MONDAY, 14 * H)))
    assert violations(before, previous) == []
    after = problem([*offers, offer("R1", "SR", minutes=90, required=True)], [*windows, morning("SR")])
    return after, previous


def test_a_session_moves_only_when_a_hard_rule_forces_it_and_keeps_its_id():
    after, previous = forced_move(lock_a=False)
    result = replan(after, previous, OPTIONS)
    now, then = at(result.timetable), at(previous)
    assert "R1-1" in now and now["R1-1"][0] == MONDAY
    moved = [k for k in then if now.get(k) != then[k]]
    assert len(moved) == 1 and now[moved[0]][0] == TUESDAY  # exactly one moved, to Tuesday, same Séance
    assert now["C1-1"] == then["C1-1"]
    assert "sa place revient à R1-1" in result.reasons[moved[0]].fr and "obligatoire" in result.reasons[moved[0]].fr
    changes = describe_changes(previous.sessions, result.timetable.sessions, result.reasons)
    assert sorted((c.kind, c.session.session_id) for c in changes) == [(ADDED, "R1-1"), (MOVED, moved[0])]


def test_locked_sessions_never_move():
    after, previous = forced_move(lock_a=True)
    result = replan(after, previous, OPTIONS)
    now = at(result.timetable)
    assert now["A1-1"] == at(previous)["A1-1"]  # locked: the other one (D1) had to move
    assert now["D1-1"][0] == TUESDAY
    assert next(s for s in result.timetable.sessions if s.session_id == "A1-1").locked


def test_locked_sessions_that_cannot_stay_are_no_timetable():
    after, previous = forced_move(lock_a=True)
    both_locked = Timetable(tuple(dataclasses.replace(s, locked=True) for s in previous.sessions))
    with pytest.raises(NoTimetable) as raised:
        replan(after, both_locked, OPTIONS)
    text = " ".join(r.fr for r in raised.value.reasons)
    assert "verrouillées" in text and "A1-1" in text and "D1-1" in text and "C1-1" not in text
    gone = problem([offer("A1", "SA")], [morning("SA", TUESDAY)])  # SA no longer comes on Monday
    with pytest.raises(NoTimetable) as raised:
        replan(gone, Timetable((dataclasses.replace(previous.sessions[0], locked=True),)), OPTIONS)
    assert "A1-1" in raised.value.reasons[0].fr and "n'est plus disponible" in raised.value.reasons[0].fr


def test_new_sessions_never_reuse_an_id_used_before():
    before = problem([offer("A1", "SA", count=2)], [morning("SA"), morning("SA", MONDAY + dt.timedelta(weeks=1))])
    previous = Timetable((session(before, "A1", MONDAY, 9 * H, number=2),))
    result = replan(before, previous, OPTIONS, taken_ids={"A1-1"})
    assert sorted(at(result.timetable)) == ["A1-2", "A1-3"]
    assert at(result.timetable)["A1-2"] == at(previous)["A1-2"]


def test_changes_sheet_lists_moved_added_cancelled_with_reasons():
    p = problem([offer("A1", "SA"), offer("B1", "SB")], [morning("SA")])
    a, b = session(p, "A1", MONDAY, 9 * H), session(p, "B1", MONDAY, 14 * H)
    moved = dataclasses.replace(a, day=TUESDAY)
    added = dataclasses.replace(b, session_id="B1-2", day=TUESDAY)
    changes = describe_changes([a, b], [moved, added], {"B1-1": Message("SB annule", "SB cancels")})
    assert [(c.kind, c.session.session_id) for c in changes] == [(MOVED, "A1-1"), (CANCELLED, "B1-1"), (ADDED, "B1-2")]
    workbook = Workbook()
    write_changes_sheet(workbook.active, changes, "fr")
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Changement", "Séance", "Intervention")
    assert rows[1][0] == "Déplacée" and rows[1][5].startswith("lun. 02/11/2026") and rows[1][6].startswith("mar.")
    assert rows[2][0] == "Annulée" and rows[2][-1] == "SB annule" and rows[2][6] is None
    assert rows[3][0] == "Ajoutée" and rows[3][5] is None
    assert describe_changes([a], [a]) == []


# ---------------------------------------------------------------------------------------------
# Nancy, end to end


ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def edited_workbook(tmp_path: Path, edit) -> Path:
    """A copy of the Nancy workbook changed by `edit(workbook)`."""
    workbook = load_workbook(NANCY)
    edit(workbook)
    path = tmp_path / "nancy-modifie.xlsx"
    workbook.save(path)
    return path


def drop_availability(name: str):
    def edit(workbook) -> None:
        sheet = workbook["Disponibilités"]
        for row in reversed(range(2, sheet.max_row + 1)):
            if sheet.cell(row, 1).value == name:
                sheet.delete_rows(row)
    return edit


def offers_at(folder: Path, workbook: Path) -> dict[str, tuple]:
    return at(read_planning(folder / "planning.xlsx", load(workbook)))


def vevents(path: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split(".")[0]: e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def cancelling_speaker(previous: Timetable, problem_before: Problem) -> str:
    """A speaker with sessions in the timetable, none of them required (so that cancelling is possible)."""
    required = {s.speaker for s in previous.sessions if s.offer_id and problem_before.offer(s.offer_id).required}
    return sorted({s.speaker for s in previous.sessions if s.speaker} - required)[0]


def test_nancy_speaker_cancels_only_their_sessions_leave(nancy_plan, tmp_path):
    problem_before = load(NANCY)
    previous = read_planning(nancy_plan / "planning.xlsx", problem_before)
    speaker = cancelling_speaker(previous, problem_before)
    theirs = {s.session_id for s in previous.sessions if s.speaker == speaker}
    workbook = edited_workbook(tmp_path, drop_availability(speaker))
    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    out = tmp_path / "replan"
    result = run("replan", str(workbook), "--previous", str(nancy_plan / "planning.xlsx"), "--out", str(out),
                 "--time-limit", "4", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == digest
    before, after = at(previous), offers_at(out, workbook)
    assert {k: v for k, v in before.items() if k not in theirs} == {k: v for k, v in after.items() if k in before}
    assert not theirs & set(after)
    assert "Annulée" in result.output and f"{speaker} n'est plus disponible" in result.output
    sheet = load_workbook(out / "planning.xlsx")["Changements"]
    cancelled = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Annulée"]
    assert {r[1] for r in cancelled} == theirs
    for session_id in theirs:  # the cohort's calendar and the speaker's own both cancel the same UID
        for ics in (out / "cohorte.ics", out / "intervenants" / f"{slug(speaker)}.ics"):
            event = vevents(ics)[session_id.lower()]
            assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    kept = vevents(out / "cohorte.ics")
    assert all(int(kept[k.lower()]["SEQUENCE"]) == 0 for k in before if k not in theirs)


def test_nancy_new_offer_placed_without_moving_anything(nancy_plan, tmp_path):
    def add_offer(workbook) -> None:
        workbook["Organisations"].append(["Nouvelle Asso", "Association"])
        workbook["Intervenants"].append(["Zoé Nouvelle", "Nouvelle Asso", None, None])
        workbook["Interventions"].append(["I99", "Zoé Nouvelle", "Coaching — Préparer un entretien",
                                          "Métiers du numérique et recrutement", "Coaching", 2, 2, 2, None, None, None])
        workbook["Disponibilités"].append(["Zoé Nouvelle", None, "mardi", None, None, None, None, None])
    workbook = edited_workbook(tmp_path, add_offer)
    out = tmp_path / "replan"
    result = run("replan", str(workbook), "--previous", str(nancy_plan / "planning.xlsx"), "--out", str(out),
                 "--time-limit", "4", "--workers", "2", "--lang", "en")
    assert result.exit_code == 0, result.output
    before = at(read_planning(nancy_plan / "planning.xlsx", load(NANCY)))
    after = offers_at(out, workbook)
    assert {k: after[k] for k in before} == before
    assert sorted(set(after) - set(before)) == ["I99-1", "I99-2"]
    assert "0 moved, 2 added, 0 cancelled" in result.output
    rows = list(load_workbook(out / "planning.xlsx")["Changements"].iter_rows(values_only=True))
    assert rows[0][0] == "Change" and {r[1] for r in rows[1:]} == {"I99-1", "I99-2"}


def test_nancy_removed_offer_is_cancelled(nancy_plan, tmp_path):
    problem_before = load(NANCY)
    previous = read_planning(nancy_plan / "planning.xlsx", problem_before)
    themes = Counter(s.theme for s in previous.sessions if s.offer_id and s.phase == 1)
    gone = next(s for s in previous.sorted_sessions() if s.offer_id and problem_before.offer(s.offer_id).count == 1
                and not problem_before.offer(s.offer_id).required and themes[s.theme] > 2)

    def remove_offer(workbook) -> None:
        sheet = workbook["Interventions"]
        sheet.delete_rows(next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == gone.offer_id))
    out = tmp_path / "replan"
    result = run("replan", str(edited_workbook(tmp_path, remove_offer)), "--previous", str(nancy_plan / "planning.xlsx"),
                 "--out", str(out), "--time-limit", "4", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert gone.session_id in result.output and "retirée de la feuille Interventions" in result.output
    assert str(vevents(out / "cohorte.ics")[slug(gone.session_id)]["STATUS"]) == "CANCELLED"


def test_nancy_locked_session_no_longer_possible_is_exit_3(nancy_plan, tmp_path):
    planning = load_workbook(nancy_plan / "planning.xlsx")
    sheet = planning["Planning"]
    locked_column = [c.value for c in sheet[1]].index("Verrouillé") + 1
    speaker = cancelling_speaker(read_planning(nancy_plan / "planning.xlsx", load(NANCY)), load(NANCY))
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 11).value == speaker)
    sheet.cell(row, locked_column).value = "oui"
    previous = tmp_path / "planning-verrouille.xlsx"
    planning.save(previous)
    out = tmp_path / "replan"
    result = run("replan", str(edited_workbook(tmp_path, drop_availability(speaker))),
                 "--previous", str(previous), "--out", str(out), "--time-limit", "4", "--workers", "2")
    assert result.exit_code == 3
    assert "verrouillée" in result.output and sheet.cell(row, 1).value in result.output
    assert not out.exists()


def test_replan_without_previous_is_a_usage_error(tmp_path):
    assert run("replan", str(NANCY), "--out", str(tmp_path / "x")).exit_code == 2
