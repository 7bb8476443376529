"""Phase-2 project groups: each participant in exactly one project, from their wishes.

A stage of its own, run before the timetable (why: docs/groups.md). The rule, in order of
importance, compared lexicographically and solved exactly:
1. sizes within `Taille min` / `Taille max` (hard, SPEC §2 rule 9);
2. fairness: as few participants as possible get none of their wishes;
3. as many first wishes as possible, then second wishes, then third.
Fairness comes before first wishes because one participant placed for six weeks in a project
they never asked for costs the programme more than one more participant on their second choice.
"""
from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.core.domain import MENTORING, Participant, Problem, Project
from scheduler.core.errors import Message, NoTimetable, WrittenNames
from scheduler.core.words import count_word, word

WISH_RANKS = 3
"""Wishes a participant can give (`Vœu 1` to `Vœu 3`)."""

TIME_LIMIT_SECONDS = 10.0


@dataclass(frozen=True)
class WishScore:
    """How well an assignment honours wishes; a larger `key` is a better assignment."""

    without_wish: int  # participants who gave wishes and got none of them
    first: int
    second: int
    third: int

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Fairness first, then first, second and third wishes."""
        return (-self.without_wish, self.first, self.second, self.third)


@dataclass(frozen=True)
class GroupAssignment:
    """The groups formed, how well they honour wishes, and what the coordinator should know."""

    groups: tuple[tuple[str, str], ...]  # (participant, project ID)
    score: WishScore
    participants: int
    optimal: bool  # the score is proven the best possible
    notes: tuple[Message, ...] = ()

    @property
    def first_wish_share(self) -> float:
        return self.score.first / self.participants if self.participants else 0.0


def wish_rank(participant: Participant, project: str) -> int | None:
    """1 for the first wish, 2, 3; None when the project is not among the participant's wishes."""
    wishes = participant.wishes[:WISH_RANKS]
    return wishes.index(project) + 1 if project in wishes else None


def wish_score(problem: Problem, groups: tuple[tuple[str, str], ...]) -> WishScore:
    """The wishes an assignment honours, counted as the rule compares them."""
    project_of = dict(groups)
    ranks = [wish_rank(p, project_of.get(p.name, "")) for p in problem.participants]
    without = sum(1 for p, rank in zip(problem.participants, ranks) if p.wishes and rank is None)
    return WishScore(without, ranks.count(1), ranks.count(2), ranks.count(3))


def size_bounds(project: Project, participants: int) -> tuple[int, int]:
    """A group's smallest and largest size; no `Taille max` means no limit."""
    low = project.min_size or 0
    high = project.max_size if project.max_size is not None else participants
    return low, high


def _impossible_sizes(count: int, projects: tuple[Project, ...], names: WrittenNames) -> NoTimetable:
    low = sum(size_bounds(j, count)[0] for j in projects)
    high = sum(size_bounds(j, count)[1] for j in projects)
    sizes = {lang: f"{names.called('projects', 'min_size', lang)} / {names.called('projects', 'max_size', lang)}"
             for lang in ("fr", "en")}
    return NoTimetable([Message(
        f"groupes projet : {count} participants pour des tailles de projets allant de {low} à {high} "
        f"au total ({sizes['fr']} de la feuille {names.sheet_named('projects', 'fr')})",
        f"project groups: {count} participants for project sizes adding up to {low}–{high} "
        f"({sizes['en']} in sheet {names.sheet_named('projects', 'en')})")])


def form_groups(problem: Problem) -> GroupAssignment:
    """Assign every participant to one project by the rule above; raise NoTimetable if sizes cannot hold them.

    Ties are always broken the same way (no random seed), so that `plan`, `replan` and any
    `--seed` agree on who is where.
    """
    participants, projects = problem.participants, problem.projects
    if not participants or not projects:
        return GroupAssignment((), WishScore(0, 0, 0, 0), len(participants), True, mentoring_notes(problem))
    count = len(participants)
    model = cp_model.CpModel()
    member = {(p.name, j.id): model.NewBoolVar(f"{p.name}->{j.id}") for p in participants for j in projects}
    for p in participants:
        model.AddExactlyOne(member[(p.name, j.id)] for j in projects)
    for j in projects:
        low, high = size_bounds(j, count)
        size = sum(member[(p.name, j.id)] for p in participants)
        model.Add(size >= low)
        model.Add(size <= high)
    # Each count is at most `count`, so powers of count + 1 compare the four counts lexicographically.
    base = count + 1
    score = []
    project_ids = {j.id for j in projects}
    for p in participants:
        wished = [w for w in p.wishes[:WISH_RANKS] if w in project_ids]
        if wished:
            score.append(base ** WISH_RANKS * sum(member[(p.name, w)] for w in wished))
        for rank, wish in enumerate(wished):
            score.append(base ** (WISH_RANKS - 1 - rank) * member[(p.name, wish)])
    model.Maximize(sum(score))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = TIME_LIMIT_SECONDS
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False  # Ctrl-C stops the run (core.interruption), not just the search
    solver.parameters.random_seed = 0  # fixed: see the docstring
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise _impossible_sizes(count, projects, problem.names)
    groups = tuple((p.name, j.id) for p in participants for j in projects
                   if solver.BooleanValue(member[(p.name, j.id)]))
    return GroupAssignment(groups, wish_score(problem, groups), count, status == cp_model.OPTIMAL,
                           mentoring_notes(problem) + staffing_notes(problem, groups))


def _where(project: Project, problem: Problem, lang: str) -> str:
    """'Projets, ligne 3', the sheet as the workbook writes it."""
    return problem.names.sheet_row("projects", project.row, lang)


def mentoring_notes(problem: Problem) -> tuple[Message, ...]:
    """Projects without any `Suivi de projet` offer: legal, but their group has no mentor."""
    mentored = {offer.project for offer in problem.offers if offer.format == MENTORING and offer.project}
    names = problem.names  # the sheets as the workbook writes them
    return tuple(Message(
        f"Projet {project.id} ({_where(project, problem, 'fr')}) : aucune intervention « Suivi de projet » ne le "
        f"concerne ; son groupe n'aura ni mentor ni séance à lui. Ajoutez une ligne « Suivi de projet » pour ce "
        f"projet dans la feuille {names.called('offers', None, 'fr')}.",
        f"Project {project.id} ({_where(project, problem, 'en')}): no 'Suivi de projet' offer names it; its group "
        f"will have no mentor and no session of its own. Add a 'Suivi de projet' row for this project to "
        f"sheet {names.called('offers', None, 'en')}.")
        for project in problem.projects if project.id not in mentored)


def staffing_notes(problem: Problem, groups: tuple[tuple[str, str], ...]) -> tuple[Message, ...]:
    """Projects nobody can staff: filled with participants who did not ask for them, or left empty."""
    if not problem.participants or not groups:
        return ()
    wished = {w for p in problem.participants for w in p.wishes[:WISH_RANKS]}
    members: dict[str, int] = {}
    for _, project in groups:
        members[project] = members.get(project, 0) + 1
    mentored = {o.project for o in problem.offers if o.format == MENTORING and o.project}
    notes = []
    sizes = {lang: f"{problem.names.called('projects', 'min_size', lang)} / "
                   f"{problem.names.called('projects', 'max_size', lang)}" for lang in ("fr", "en")}
    for project in problem.projects:
        size = members.get(project.id, 0)
        where = f"Projet {project.id} ({_where(project, problem, 'fr')})"
        where_en = f"Project {project.id} ({_where(project, problem, 'en')})"
        if size and project.id not in wished:
            notes.append(Message(
                f"{where} : aucun participant ne l'a demandé, mais les tailles des projets y placent "
                f"{count_word('groups.people', size, 'fr')} qui ne l'ont pas choisi ; revoyez {sizes['fr']} ou recueillez "
                f"des vœux pour ce projet.",
                f"{where_en}: nobody wished for it, but the project sizes put {count_word('groups.people', size, 'en')} "
                f"in it who "
                f"did not choose it; review {sizes['en']} or collect wishes for it."))
        elif not size:
            why = "aucun participant ne l'a demandé" if project.id not in wished else "aucun participant n'y est placé"
            why_en = "nobody wished for it" if project.id not in wished else "nobody is placed in it"
            empty = " ; ses séances de « Suivi de projet » seront planifiées pour un groupe vide" \
                if project.id in mentored else ""
            empty_en = "; its mentoring sessions will be planned for an empty group" if project.id in mentored else ""
            notes.append(Message(f"{where} : {why}, son groupe reste vide{empty}.",
                                 f"{where_en}: {why_en}, its group stays empty{empty_en}."))
    return tuple(notes)


def _percent(part: int, whole: int, lang: str = "fr") -> str:
    """'92 %' in French (a space before the sign), '92%' in English."""
    if not whole:
        return "—"
    return f"{round(100 * part / whole)}{'%' if lang == 'en' else ' %'}"


def wish_figures(assignment: GroupAssignment) -> tuple[tuple[str, str], ...]:
    """Figures for the `Résolution` sheet: the share of first wishes and how fair the groups are."""
    if not assignment.groups:
        return ()
    score, total = assignment.score, assignment.participants
    return (("first_wishes", f"{score.first}/{total} ({_percent(score.first, total)})"),
            ("second_wishes", f"{score.second}/{total}"),
            ("third_wishes", f"{score.third}/{total}"),
            ("no_wish_honoured", f"{score.without_wish}/{total}"),
            ("groups_status", "OPTIMAL" if assignment.optimal else "FEASIBLE"))


def wish_summary(assignment: GroupAssignment) -> Message:
    """One sentence for the console: how many first wishes, and whether anyone got none of theirs."""
    score, total = assignment.score, assignment.participants
    proof = "groups.summary_optimal" if assignment.optimal else "groups.summary_unproven"
    values = dict(first=score.first, total=total, second=score.second, third=score.third, without=score.without_wish)
    return Message(*(word("groups.summary", lang, proof=word(proof, lang), share=_percent(score.first, total, lang),
                          **values) for lang in ("fr", "en")))
