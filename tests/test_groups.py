"""Phase-2 project groups: the assignment rule (checked against brute force), what is reported,
the reader's located errors, and the outputs of `scheduler plan` (Groupes, group view, calendars)."""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import icalendar
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers_workbooks import valid_sheets, write_workbook
from scheduler.cli import app
from scheduler.core.domain import COHORT, Participant, Problem, Programme, Project
from scheduler.core.errors import InvalidWorkbook, NoTimetable
from scheduler.exports.calendars import event_uid
from scheduler.solver.groups import WishScore, form_groups, mentoring_notes, wish_figures, wish_score
from scheduler.solver.solve import SolveOptions, solve
from scheduler.core.text import slug
from scheduler.workbook.planning_reader import read_planning
from scheduler.workbook.reading import load

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
runner = CliRunner()


def groups_problem(projects, participants) -> Problem:
    return Problem(Programme("Groupes", dt.date(2026, 11, 2)), projects=tuple(projects),
                   participants=tuple(participants))


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


# --- the rule, exactly ---------------------------------------------------------------------------

def brute_force_best(problem: Problem) -> WishScore | None:
    """The best score over every assignment within sizes (None when sizes cannot hold everyone)."""
    ids = [p.id for p in problem.projects]
    count = len(problem.participants)
    best = None
    for choice in itertools.product(ids, repeat=count):
        sizes = {j: choice.count(j) for j in ids}
        if any(sizes[j.id] < (j.min_size or 0) or (j.max_size is not None and sizes[j.id] > j.max_size)
               for j in problem.projects):
            continue
        score = wish_score(problem, tuple(zip((p.name for p in problem.participants), choice)))
        if best is None or score.key > best.key:
            best = score
    return best


@st.composite
def small_cases(draw) -> Problem:
    ids = [f"P{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    projects = []
    for project_id in ids:
        low = draw(st.one_of(st.none(), st.integers(1, 3)))
        high = draw(st.one_of(st.none(), st.integers(low or 1, 4)))
        projects.append(Project(project_id, f"Projet {project_id}", "Org", low, high))
    participants = []
    for index in range(draw(st.integers(1, 6))):
        wishes = draw(st.lists(st.sampled_from(ids), unique=True, max_size=min(3, len(ids))))
        participants.append(Participant(f"N{index}", wishes=tuple(wishes)))
    return groups_problem(projects, participants)


@st.composite
def tight_cases(draw) -> Problem:
    """Small projects filled to the last seat by participants with short wish lists: where fairness and
    first wishes pull apart."""
    ids = ["P1", "P2", "P3"]
    projects = [Project(j, f"Projet {j}", "Org", None, draw(st.integers(1, 2))) for j in ids]
    seats = sum(p.max_size for p in projects)
    participants = [Participant(f"N{i}", wishes=tuple(draw(st.lists(st.sampled_from(ids), unique=True,
                                                                     min_size=1, max_size=2))))
                    for i in range(seats)]
    return groups_problem(projects, participants)


@settings(max_examples=120, deadline=None)
@given(st.one_of(small_cases(), tight_cases()))
def test_groups_are_the_best_possible_by_brute_force(problem: Problem) -> None:
    best = brute_force_best(problem)
    if best is None:
        with pytest.raises(NoTimetable):
            form_groups(problem)
        return
    assignment = form_groups(problem)
    names = [name for name, _ in assignment.groups]
    assert sorted(names) == sorted(p.name for p in problem.participants), "each participant in exactly one group"
    for project in problem.projects:
        size = sum(1 for _, j in assignment.groups if j == project.id)
        assert (project.min_size or 0) <= size <= (project.max_size if project.max_size is not None else size)
    assert assignment.optimal
    assert assignment.score == best
    assert assignment.score == wish_score(problem, assignment.groups)


def test_fairness_comes_before_first_wishes() -> None:
    # Honouring two first wishes (A in P1, C in P2) would leave B with none of theirs.
    projects = [Project(j, j, "Org", None, 1) for j in ("P1", "P2", "P3")]
    participants = [Participant("A", wishes=("P1", "P3")), Participant("B", wishes=("P2", "P1")),
                    Participant("C", wishes=("P2",))]
    assignment = form_groups(groups_problem(projects, participants))
    assert dict(assignment.groups) == {"A": "P3", "B": "P1", "C": "P2"}
    assert assignment.score == WishScore(without_wish=0, first=1, second=2, third=0)


def test_first_wish_share_is_reported_as_a_figure() -> None:
    projects = [Project("P1", "Un", "Org", None, 1), Project("P2", "Deux", "Org", None, 3)]
    participants = [Participant(n, wishes=("P1", "P2")) for n in ("A", "B", "C", "D")]
    assignment = form_groups(groups_problem(projects, participants))
    assert assignment.score == WishScore(0, 1, 3, 0) and assignment.first_wish_share == 0.25
    assert dict(wish_figures(assignment))["first_wishes"] == "1/4 (25 %)"


def test_projects_nobody_can_staff_are_reported() -> None:
    projects = [Project("P1", "Un", "Org", None, None, row=2), Project("P2", "Deux", "Org", 2, None, row=3),
                Project("P3", "Trois", "Org", None, None, row=4)]
    participants = [Participant(n, wishes=("P1",)) for n in ("A", "B", "C", "D")]
    assignment = form_groups(groups_problem(projects, participants))
    assert sum(1 for _, j in assignment.groups if j == "P2") == 2
    staffing = [n.fr for n in assignment.notes if "demandé" in n.fr]
    assert len(staffing) == 2
    assert "P2" in staffing[0] and "ligne 3" in staffing[0] and "2 participants" in staffing[0]
    assert "P3" in staffing[1] and "reste vide" in staffing[1]
    mentoring = [n for n in assignment.notes if "Suivi de projet" in n.fr]
    assert len(mentoring) == 3 and all(n.en for n in mentoring), "no project here has a mentoring offer"


def test_a_project_with_a_mentoring_offer_gets_no_mentoring_note() -> None:
    problem = load(NANCY)
    assert mentoring_notes(problem) == ()
    assert form_groups(problem).notes == ()


def test_no_participants_means_no_groups_and_no_crash() -> None:
    assignment = form_groups(groups_problem([Project("P1", "Un", "Org", 2, 4)], []))
    assert assignment.groups == () and wish_figures(assignment) == ()


# --- located errors in the input workbook -------------------------------------------------------

def errors_of(tmp_path: Path, sheets) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(InvalidWorkbook) as raised:
        load(write_workbook(tmp_path / "input.xlsx", sheets))
    return [(e.sheet, e.row, e.column) for e in raised.value.errors]


def twelve_participants(sheets, max_sizes: tuple[int | None, int | None], min_sizes=(None, None)) -> None:
    sheets["Participants"][1:] = [[f"Personne {i}", None, "P1", "P2", None] for i in range(12)]
    for row, (low, high) in enumerate(zip(min_sizes, max_sizes), start=1):
        sheets["Projets"][row][3:5] = [low, high]


def test_maxima_that_cannot_hold_the_participants(tmp_path: Path) -> None:
    sheets = valid_sheets()
    twelve_participants(sheets, (4, 6))
    assert errors_of(tmp_path, sheets) == [("Projets", None, "Taille max")]
    twelve_participants(sheets, (4, None))  # no maximum: room for everyone
    load(write_workbook(tmp_path / "ok.xlsx", sheets))


def test_minima_that_need_more_participants(tmp_path: Path) -> None:
    sheets = valid_sheets()
    twelve_participants(sheets, (None, None), min_sizes=(8, 5))
    assert errors_of(tmp_path, sheets) == [("Projets", None, "Taille min")]


def test_participants_but_no_project(tmp_path: Path) -> None:
    sheets = valid_sheets()
    del sheets["Projets"]
    sheets["Interventions"].pop()  # the mentoring offer of P1
    sheets["Événements"].pop()  # the P1 group's weekly point
    sheets["Participants"][1][2:4] = [None, None]
    assert errors_of(tmp_path, sheets) == [("Projets", None, None)]


def test_wish_mistakes_are_located(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Participants"][1][2:5] = ["P1", "P9", "p1"]  # unknown project, then the same project twice
    assert errors_of(tmp_path, sheets) == [("Participants", 2, "Vœu 2"), ("Participants", 2, "Vœu 3")]


def test_mentoring_offer_without_a_project(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Interventions"][3][9] = None
    assert errors_of(tmp_path, sheets) == [("Interventions", 4, "Projet")]


def test_check_warns_about_a_project_without_mentoring(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "input.xlsx", valid_sheets())  # P2 has no `Suivi de projet`
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 0
    # the French workbook's sheets as it writes them, their English names in brackets
    assert "warning: Project P2 ('Projets' (Projects), row 3): no 'Suivi de projet' offer" in result.output
    assert "row for this project to sheet 'Interventions' (Offers)." in result.output
    assert "P1 (" not in result.output


# --- end to end on the Nancy example -------------------------------------------------------------

@pytest.fixture(scope="module")
def nancy(tmp_path_factory):
    out = tmp_path_factory.mktemp("nancy_groups")
    result = run("plan", str(NANCY), "--out", str(out), "--time-limit", "5", "--workers", "2")
    assert result.exit_code == 0, result.output
    return out, result.output


def ics_uids(path: Path) -> set[str]:
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_nancy_groups_within_sizes_with_the_best_first_wish_share(nancy) -> None:
    out, output = nancy
    problem = load(NANCY)
    workbook = openpyxl.load_workbook(out / "planning.xlsx")
    rows = list(workbook["Groupes"].iter_rows(values_only=True))
    assert rows[0] == ("Participant", "Projet", "Vœu")
    project_of = {name: project for name, project, _ in rows[1:]}
    assert sorted(project_of) == sorted(p.name for p in problem.participants)
    for project in problem.projects:
        size = sum(1 for j in project_of.values() if j == project.id)
        assert project.min_size <= size <= project.max_size
    for participant in problem.participants:
        rank = next(r for name, _, r in rows[1:] if name == participant.name)
        assert rank == participant.wishes.index(project_of[participant.name]) + 1
    figures = dict(workbook["Résolution"].iter_rows(values_only=True))
    best = brute_force_best(problem)
    assert figures["Participants sur leur 1er vœu"].startswith(f"{best.first}/12")
    assert f"{best.first}/12 premiers vœux" in output


def test_nancy_group_view_names_members_mentors_and_sessions(nancy) -> None:
    out, _ = nancy
    problem = load(NANCY)
    timetable = read_planning(out / "planning.xlsx", problem)
    text = [[c for c in row if c is not None]
            for row in openpyxl.load_workbook(out / "planning.xlsx")["Groupes projet"].iter_rows(values_only=True)]
    flat = [str(c) for row in text for c in row]
    for name, project in timetable.groups:
        assert name in flat
    for offer in problem.offers:
        if offer.project:
            assert offer.speaker in flat
    group_sessions = [s for s in timetable.sessions if s.audience != COHORT]
    assert group_sessions
    assert sum(1 for row in text if len(row) == 6 and isinstance(row[0], dt.datetime)) == len(group_sessions)


def test_nancy_group_and_participant_calendars_hold_exactly_cohort_plus_group(nancy) -> None:
    out, _ = nancy
    problem = load(NANCY)
    timetable = read_planning(out / "planning.xlsx", problem)

    def expected(group: str, path: str) -> set[str]:
        return {event_uid(problem, s, path) for s in timetable.sessions if s.audience in (COHORT, group)}
    for project in problem.projects:
        assert ics_uids(out / "projets" / f"{project.id}.ics") == expected(project.id, f"projets/{project.id}.ics")
    project_of = dict(timetable.groups)
    for participant in problem.participants:
        path = f"participants/{slug(participant.name)}.ics"
        assert ics_uids(out / path) == expected(project_of[participant.name], path)


def test_without_participants_projects_still_get_their_calendars(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(NANCY)
    del workbook["Participants"]
    path = tmp_path / "sans-participants.xlsx"
    workbook.save(path)
    out = tmp_path / "out"
    result = run("plan", str(path), "--out", str(out), "--time-limit", "5", "--workers", "2")
    assert result.exit_code == 0, result.output
    problem = load(path)
    timetable = read_planning(out / "planning.xlsx", problem)
    for project in problem.projects:
        path = f"projets/{project.id}.ics"
        group = {event_uid(problem, s, path) for s in timetable.sessions if s.audience in (COHORT, project.id)}
        assert ics_uids(out / path) == group
        assert any(s.audience == project.id for s in timetable.sessions)
    assert not list(out.glob("participants/*.ics"))
    sheets = openpyxl.load_workbook(out / "planning.xlsx").sheetnames
    assert "Groupes" not in sheets and "Groupes projet" in sheets
    assert "premiers vœux" not in result.output


def test_the_same_groups_whatever_the_seed() -> None:
    # Many equally good assignments: plan --seed N and replan must still agree on who is where.
    projects = [Project("P1", "Un", "Org", None, 2), Project("P2", "Deux", "Org", None, 2),
                Project("P3", "Trois", "Org", None, 2)]
    participants = [Participant(f"N{i}", wishes=("P1", "P2", "P3")) for i in range(6)]
    problem = groups_problem(projects, participants)
    by_seed = {solve(problem, SolveOptions(time_limit=2, seed=seed, workers=1)).timetable.groups for seed in range(3)}
    assert by_seed == {form_groups(problem).groups}
