"""Phase-2 project groups: each participant in exactly one project, from their wishes.

The rule, in order of importance (exact, lexicographic):
1. sizes within `Taille min` / `Taille max` (hard, SPEC §2 rule 9);
2. fairness: as few participants as possible get none of their wishes;
3. as many first wishes as possible, then second wishes, then third.
Fairness comes before first wishes because one participant left with a project they never
asked for costs the programme more than one more participant getting their second choice.
"""
from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.domain import Participant, Problem, Project
from scheduler.errors import Message, NoTimetable


def _size_bounds(project: Project, participants: int) -> tuple[int, int]:
    low = project.min_size or 0
    high = project.max_size if project.max_size is not None else participants
    return low, high


def assign_groups(problem: Problem, seed: int = 0) -> tuple[tuple[str, str], ...]:
    """(participant, project ID) for every participant; () when no participants or projects are listed."""
    participants: tuple[Participant, ...] = problem.participants
    projects: tuple[Project, ...] = problem.projects
    if not participants or not projects:
        return ()
    count = len(participants)
    model = cp_model.CpModel()
    member = {(p.name, j.id): model.NewBoolVar(f"{p.name}->{j.id}") for p in participants for j in projects}
    for p in participants:
        model.AddExactlyOne(member[(p.name, j.id)] for j in projects)
    for j in projects:
        low, high = _size_bounds(j, count)
        size = sum(member[(p.name, j.id)] for p in participants)
        model.Add(size >= low)
        model.Add(size <= high)
    base = count + 1
    score = []
    for p in participants:
        wished = [w for w in p.wishes if any(j.id == w for j in projects)]
        if wished:
            score.append(base ** 3 * sum(member[(p.name, w)] for w in wished))
        for rank, wish in enumerate(wished[:3]):
            score.append(base ** (2 - rank) * member[(p.name, wish)])
    model.Maximize(sum(score))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        low = sum(_size_bounds(j, count)[0] for j in projects)
        high = sum(_size_bounds(j, count)[1] for j in projects)
        raise NoTimetable([Message(
            f"groupes projet : {count} participants pour des tailles de projets allant de {low} à {high} "
            f"au total (« Taille min » / « Taille max » de la feuille Projets)",
            f"project groups: {count} participants for project sizes adding up to {low}–{high} "
            f"('Taille min' / 'Taille max' in the Projects sheet)")])
    return tuple((p.name, j.id) for p in participants for j in projects if solver.BooleanValue(member[(p.name, j.id)]))
