"""The `scheduler` command: each command parses its options, calls the library, prints, exits.

Exit codes (SPEC §4): 0 done; 1 the workbook has errors; 2 wrong usage; 3 no timetable can
obey the hard rules; 4 `verify` found violations.
"""
from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from scheduler.errors import InvalidWorkbook, NoTimetable

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_TIMETABLE, EXIT_VIOLATIONS = 0, 1, 2, 3, 4

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Planificateur de La Place des Compétences Numériques / cohort timetable planner.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Lang(str, Enum):
    fr = "fr"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="Langue des messages et des exports (fr, en).")]


def _t(lang: Lang, fr: str, en: str) -> str:
    return en if lang == Lang.en else fr


def _load(workbook: Path, lang: Lang):
    """Read and validate the workbook, or print every error and exit 1."""
    from scheduler.workbook.reading import load

    try:
        return load(workbook)
    except InvalidWorkbook as invalid:
        err.print(_t(lang, f"[bold red]{len(invalid.errors)} erreur(s) dans {workbook.name} :[/]",
                     f"[bold red]{len(invalid.errors)} error(s) in {workbook.name}:[/]"))
        for error in invalid.errors:
            err.print(f"- {error.render(lang.value)}", markup=False)
        raise typer.Exit(EXIT_INPUT)


def _print_warnings(problem, lang: Lang) -> None:
    for warning in problem.warnings:
        err.print(_t(lang, "attention : ", "warning: ") + warning, markup=False)


def _no_timetable(reasons, lang: Lang) -> None:
    err.print(_t(lang, "[bold red]Aucun planning ne peut respecter les règles :[/]",
                 "[bold red]No timetable can obey the rules:[/]"))
    for reason in reasons:
        err.print(f"- {reason.text(lang.value)}", markup=False)
    raise typer.Exit(EXIT_NO_TIMETABLE)


@app.command()
def check(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
          lang: LangOption = Lang.fr) -> None:
    """Lit et valide le classeur, liste chaque problème, ne planifie rien."""
    problem = _load(workbook, lang)
    _print_warnings(problem, lang)
    out.print(_t(lang, f"{workbook.name} : aucune erreur ({len(problem.offers)} interventions, "
                       f"{len(problem.speakers)} intervenants).",
                 f"{workbook.name}: no errors ({len(problem.offers)} offers, {len(problem.speakers)} speakers)."))


@app.command()
def plan(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
         out_dir: Annotated[Path, typer.Option("--out", help="Dossier où écrire le planning")],
         time_limit: Annotated[float, typer.Option("--time-limit", min=0.5, help="Secondes de calcul au plus")] = 30.0,
         seed: Annotated[int, typer.Option("--seed", help="Graine du solveur")] = 0,
         workers: Annotated[int, typer.Option("--workers", min=0, help="Fils de calcul (0 : tous)")] = 0,
         lang: LangOption = Lang.fr) -> None:
    """Planifie la cohorte et écrit tous les exports dans le dossier --out."""
    from scheduler.exports import write_all
    from scheduler.solver.groups import assign_groups
    from scheduler.solver.solve import SolveOptions, solve

    problem = _load(workbook, lang)
    _print_warnings(problem, lang)
    try:
        groups = assign_groups(problem, seed)
        with err.status(_t(lang, "Calcul du planning…", "Planning…")) as status:
            def progress(event: dict) -> None:
                label = _t(lang, "séances placées" if event["stage"] == "placed" else "pénalité",
                           "sessions placed" if event["stage"] == "placed" else "penalty")
                status.update(f"{event['elapsed']:.1f} s — {label} : {event['objective']:g} "
                              f"(borne {event['bound']:g})")
            result = solve(problem, SolveOptions(time_limit=time_limit, seed=seed, workers=workers,
                                                 progress=progress))
    except NoTimetable as impossible:
        _no_timetable(impossible.reasons, lang)
        return
    timetable = dataclasses.replace(result.timetable, groups=groups)
    _verify_or_die(problem, timetable, lang)
    write_all(problem, timetable, out_dir, lang.value)
    offered = sum(offer.count for offer in problem.offers)
    proof = _t(lang, "optimal prouvé" if result.status == "OPTIMAL" else f"borne {result.placed_bound}",
               "proven optimal" if result.status == "OPTIMAL" else f"bound {result.placed_bound}")
    out.print(_t(lang, f"{result.placed} séances placées sur {offered} proposées ({proof}) en {result.seconds:.1f} s.",
                 f"{result.placed} sessions placed of {offered} offered ({proof}) in {result.seconds:.1f} s."))
    for item in timetable.unplaced:
        out.print(_t(lang, f"  non placée : {item.offer_id} × {item.missing} — {item.reason}",
                     f"  not placed: {item.offer_id} × {item.missing} — {item.reason_en or item.reason}"), markup=False)
    out.print(_t(lang, f"Écrit dans {out_dir}/ : planning.xlsx, cohorte.ics et les calendriers individuels.",
                 f"Written to {out_dir}/: planning.xlsx, cohorte.ics and the personal calendars."))


def _verify_or_die(problem, timetable, lang: Lang) -> None:
    """The independent checker must find nothing in what the solver made; if it does, it is our bug."""
    from scheduler.checker import violations

    found = violations(problem, timetable)
    if found:
        err.print(_t(lang, "[bold red]Erreur interne : le planning calculé enfreint des règles ; rien n'a été écrit.[/]",
                     "[bold red]Internal error: the computed timetable breaks rules; nothing was written.[/]"))
        for violation in found:
            err.print(f"- [{violation.rule}] {violation.en if lang == Lang.en else violation.fr}", markup=False)
        raise typer.Exit(EXIT_NO_TIMETABLE)


def _read_timetable(problem, planning: Path, lang: Lang):
    from scheduler.workbook.planning_reader import read_planning

    try:
        return read_planning(planning, problem)
    except InvalidWorkbook as invalid:
        err.print(_t(lang, f"[bold red]{len(invalid.errors)} erreur(s) dans {planning.name} :[/]",
                     f"[bold red]{len(invalid.errors)} error(s) in {planning.name}:[/]"))
        for error in invalid.errors:
            err.print(f"- {error.render(lang.value)}", markup=False)
        raise typer.Exit(EXIT_INPUT)


def _report_violations(timetable, found, lang: Lang) -> None:
    err.print(_t(lang, f"[bold red]{len(found)} règle(s) enfreinte(s) :[/]", f"[bold red]{len(found)} violation(s):[/]"))
    for violation in found:
        err.print(f"- [{violation.rule}] {violation.en if lang == Lang.en else violation.fr}", markup=False)


@app.command()
def verify(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, typer.Argument(help="planning.xlsx (éventuellement modifié à la main)")],
           lang: LangOption = Lang.fr) -> None:
    """Vérifie un planning (même modifié à la main) contre chaque règle ; liste chaque infraction."""
    from scheduler.checker import violations

    problem = _load(workbook, lang)
    timetable = _read_timetable(problem, planning, lang)
    found = violations(problem, timetable)
    if found:
        _report_violations(timetable, found, lang)
        raise typer.Exit(EXIT_VIOLATIONS)
    out.print(_t(lang, f"{planning.name} respecte toutes les règles ({len(timetable.sessions)} lignes).",
                 f"{planning.name} obeys every rule ({len(timetable.sessions)} rows)."))


@app.command()
def export(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, typer.Argument(help="planning.xlsx vérifié")],
           out_dir: Annotated[Path, typer.Option("--out", help="Dossier où écrire les exports")],
           lang: LangOption = Lang.fr) -> None:
    """Après vérification, réécrit planning.xlsx et les calendriers depuis un planning modifié."""
    from scheduler.checker import violations
    from scheduler.exports import write_all

    problem = _load(workbook, lang)
    timetable = _read_timetable(problem, planning, lang)
    found = violations(problem, timetable)
    if found:
        _report_violations(timetable, found, lang)
        err.print(_t(lang, "Rien n'a été écrit : corrigez le planning puis relancez.",
                     "Nothing was written: fix the timetable and run again."))
        raise typer.Exit(EXIT_VIOLATIONS)
    write_all(problem, timetable, out_dir, lang.value)
    out.print(_t(lang, f"Exports écrits dans {out_dir}/.", f"Exports written to {out_dir}/."))


def main() -> None:
    """Console entry point: no traceback ever reaches a coordinator."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err.print("Interrompu / interrupted.")
        sys.exit(130)
    except Exception as unexpected:  # a bug of ours: say so plainly, without a traceback
        err.print(f"Erreur interne inattendue / unexpected internal error: {type(unexpected).__name__}: {unexpected}",
                  markup=False)
        sys.exit(EXIT_NO_TIMETABLE if isinstance(unexpected, NoTimetable) else 70)


if __name__ == "__main__":
    main()
