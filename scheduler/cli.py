"""The `scheduler` command: each command parses its options, calls a use-case of `scheduler.app`, prints, exits.

Exit codes (SPEC §4): 0 done; 1 the workbook has errors; 2 wrong usage; 3 no timetable can
obey the hard rules; 4 `verify` found violations.
"""
from __future__ import annotations

import re
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Iterator

import typer
from rich.console import Console

from scheduler.cli_exit import leave
from scheduler.cli_french import FrenchGroup, current_language
from scheduler.cli_options import (MAX_TIME_LIMIT, Lang, LangOption, OutOption, SeedOption,  # noqa: F401
                                    TimeLimitOption,
                                    file_parameter as _file, lang_of as _lang_of, limits as _limits)
from scheduler.core.errors import InvalidWorkbook, NoTimetable
from scheduler.core.names import sheet_name
from scheduler.core.words import count_word, number, word

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_TIMETABLE, EXIT_VIOLATIONS = 0, 1, 2, 3, 4

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=FrenchGroup,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Planificateur de La Place des Compétences Numériques / cohort timetable planner.")
# In a terminal, rich wraps long lines between words at the terminal's width; into a pipe or a
# file it does not wrap at all (the reader's window decides): see `_fit_to_terminal`.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _w(key: str, lang: Lang | str, **values: object) -> str:
    """A text of the command line (`cli.*` in data/words.toml)."""
    return word(f"cli.{key}", getattr(lang, "value", lang), **values)


def _n(key: str, count: int, lang: Lang | str, **values: object) -> str:
    """A counted text of the command line, with the language's plural: '1 séance placée', '2 séances placées'."""
    return count_word(f"cli.{key}", count, getattr(lang, "value", lang), **values)


def _seconds(seconds: float, lang: Lang | str) -> str:
    """'6,1' in French, '6.1' in English."""
    return number(round(seconds, 1), getattr(lang, "value", lang))


def solve_time(seconds: float, lang: Lang | str) -> str:
    """How long a solve took, as `plan` and `replan` say it: 'moins d'une seconde', or '6,1 s' (one decimal)."""
    if seconds < 1:
        return _w("under_a_second", lang)
    return _w("seconds", lang, seconds=_seconds(seconds, lang))


def _fit_to_terminal() -> None:
    """Wrap between words at the terminal's width (COLUMNS), and never wrap what goes to a pipe or a file."""
    for console in (out, err):
        console.soft_wrap = not console.is_terminal


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pcn-scheduler")
    except PackageNotFoundError:  # run from a source tree that was not installed
        return "0.1.0"


def _show_version(asked: bool) -> None:
    if asked:
        out.print(_w("version", current_language(), version=_version()), markup=False)
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Affiche la version et s'arrête.")] = False,
          lang: Annotated[Lang | None, typer.Option("--lang", help="Langue des messages et des exports (fr, en), "
                                                                    "pour la commande qui suit aussi")] = None) -> None:
    """Planificateur de La Place des Compétences Numériques / cohort timetable planner."""
    _fit_to_terminal()
    if lang is not None:  # `scheduler --lang en plan …`: the command's own --lang defaults to it
        ctx.default_map = {**(ctx.default_map or {}), **{name: {"lang": lang.value} for name in ctx.command.commands}}


@contextmanager
def _refusals(lang: Lang) -> Iterator[None]:
    """Print what a use-case refuses and exit with the contract's code (1 or 3)."""
    from scheduler.app.errors import BrokenTimetable, FileRefused, PlanExists
    from scheduler.core.output_set import OutputOverlapsInput
    try:
        yield
    except OutputOverlapsInput as overlap:
        err.print(word("run.out_holds_current" if overlap.current else "run.out_holds_input", lang.value,
                       folder=overlap.folder, input=overlap.input_file), markup=False)
        raise typer.Exit(EXIT_USAGE)
    except PlanExists as exists:
        if exists.previous is not None:  # replan: its --previous is elsewhere, this folder's plan is another one
            err.print(_w("replan_exists", lang, folder=exists.folder, found=exists.found.name,
                         new=f"{exists.folder}-v2"), markup=False)
            raise typer.Exit(EXIT_USAGE)
        err.print(_w("plan_exists", lang, folder=exists.folder, found=exists.found.name,
                     planning=exists.folder / ("annee.xlsx" if exists.found.name == "annee.xlsx" else "planning.xlsx"),
                     workbook=exists.workbook or "…", new=f"{exists.folder}-v2"), markup=False)
        raise typer.Exit(EXIT_USAGE)
    except FileRefused as refused:
        _print_invalid(refused.invalid, refused.path, lang)
        raise typer.Exit(EXIT_INPUT)
    except NoTimetable as impossible:
        _no_timetable(impossible.reasons, lang)
    except BrokenTimetable as broken:
        err.print(_w("internal_refusal", lang), style="bold red", markup=False)
        for violation in broken.violations:
            err.print(f"- [{violation.rule}] {violation.en if lang == Lang.en else violation.fr}", markup=False)
        raise typer.Exit(EXIT_NO_TIMETABLE)


def refuse_folder(path: Path, lang: Lang) -> None:
    """Exit 2 when `path`, where a new file is to be written, is an existing folder."""
    from scheduler.cli_paths import folder_given_for_file

    refused = folder_given_for_file(path, lang.value)
    if refused:
        err.print(refused, markup=False)
        raise typer.Exit(EXIT_USAGE)


def _print_invalid(invalid: InvalidWorkbook, path: Path, lang: Lang) -> None:
    """Every located error of a workbook (input or planning), then its warnings."""
    err.print(_n("errors", len(invalid.errors), lang, file=path.name), style="bold red", markup=False)
    for error in invalid.errors:
        err.print(f"- {error.render(lang.value)}", markup=False)
    for warning in getattr(invalid, "warnings", ()):
        err.print(_w("warning", lang, text=warning.render(lang.value)), markup=False)


def _print_warnings(found, lang: Lang) -> int:
    """The workbook's warnings (legal, but probably mistakes), each located; returns how many."""
    for warning in found:
        text = warning.render(lang.value) if hasattr(warning, "render") else str(warning)
        err.print(_w("warning", lang, text=text), markup=False)
    return len(found)


def _print_notes(notes, lang: Lang) -> int:
    """Notes about the project groups (a group without a mentor...), as warnings; returns how many."""
    for note in notes:
        err.print(_w("warning", lang, text=note.text(lang.value)), markup=False)
    return len(notes)


def _no_timetable(reasons, lang: Lang) -> None:
    err.print(_w("no_timetable", lang), style="bold red", markup=False)
    for reason in reasons:
        err.print(f"- {reason.text(lang.value)}", markup=False)
    raise typer.Exit(EXIT_NO_TIMETABLE)


def _warn_then_wait(waiting: ExitStack, message: str, lang: Lang, progress: bool = False):
    """A use-case's two callbacks: on warnings, print them then show `message` (closed with `waiting`)
    while it computes; on progress, show the progress line there."""
    holder: dict = {}

    def on_warnings(found) -> None:
        _print_warnings(found, lang)
        status = waiting.enter_context(err.status(message))
        if progress:
            holder["status"] = status

    def on_progress(event: dict) -> None:
        if "status" in holder:
            holder["status"].update(_progress_line(event, lang))

    return on_warnings, on_progress


@app.command()
def template(path: Annotated[Path, _file("Classeur à écrire (.xlsx)")],
             example: Annotated[bool, typer.Option("--example", help="Rempli avec l'exemple de Nancy")] = False,
             force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe")] = False,
             year: Annotated[bool, typer.Option("--year", help="Une année de promotions (feuille "
                                                               f"{sheet_name('cohorts')})")] = False,
             lang: LangOption = Lang.fr) -> None:
    """Écrit un classeur d'entrée vide (ou l'exemple) avec mode d'emploi et listes déroulantes."""
    from scheduler.workbook.template import write_template

    if path.suffix.lower() != ".xlsx":
        err.print(_w("not_xlsx", lang, file=path.name), markup=False)
        raise typer.Exit(EXIT_USAGE)
    refuse_folder(path, lang)
    if path.exists() and not force:
        err.print(_w("exists", lang, path=path), markup=False)
        raise typer.Exit(EXIT_USAGE)
    write_template(path, example=example, lang=lang.value, year=year)
    if year:
        shown = word("year.cli.template_example", lang.value) if example else ""
        out.print(word("year.cli.template", lang.value, file=path, example=shown), markup=False)
        return
    out.print(_w("template_example_written" if example else "template_written", lang, path=path), markup=False)


@app.command()
def check(workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx)")],
          lang: LangOption = Lang.fr) -> None:
    """Lit et valide le classeur, liste chaque problème, ne planifie rien."""
    from scheduler.app.check import check as check_workbook
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.check(workbook, lang)
    with _refusals(lang):
        checked = check_workbook(workbook)
    problem = checked.problem
    warned = _print_warnings(checked.warnings, lang)
    warned += _print_notes(checked.group_notes, lang)  # printed as warnings: counted as warnings
    out.print(_w("check_ok", lang, file=workbook.name, warnings=_n("warnings", warned, lang),
                 offers=_n("offers", len(problem.offers), lang), speakers=_n("speakers", len(problem.speakers), lang)),
              markup=False)


@app.command()
def plan(ctx: typer.Context, workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx)")],
         out_dir: OutOption,
         time_limit: TimeLimitOption = 60.0,
         seed: SeedOption = 0,
         workers: Annotated[int, typer.Option("--workers", min=0, help="Fils de calcul (1 : le plus rapide ; "
                                                                        "0 : tous) ; reproductible")] = 1,
         gap: Annotated[float, typer.Option("--gap", min=0.0, max=100.0, help="S'arrêter quand la pénalité des "
                                                                               "préférences est à moins de ce % de "
                                                                               "sa borne")] = 1.0,
         force: Annotated[bool, typer.Option("--force", help="Remplacer le planning déjà dans --out")] = False,
         lang: LangOption = Lang.fr) -> None:
    """Planifie la cohorte et écrit tous les exports dans le dossier --out."""
    from scheduler.app.read_ahead import read_ahead

    read_ahead(workbook)  # on two cores, read by a second process while the solver loads
    from scheduler.app.plan import SolveOptions, plan as plan_cohort
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.plan(workbook, out_dir, dict(**_limits(ctx, time_limit), seed=seed, workers=workers, gap=gap / 100),
                             lang, force)
    with _refusals(lang), ExitStack() as waiting:
        on_warnings, on_progress = _warn_then_wait(waiting, _w("planning", lang), lang, True)
        planned = plan_cohort(workbook, out_dir, SolveOptions(**_limits(ctx, time_limit), seed=seed, workers=workers,
                                                              progress=on_progress, gap=gap / 100), lang.value,
                              on_warnings, force)
    result = planned.solved
    out.print(_w("plan_placed", lang, placed=_n("sessions_placed", result.placed, lang), offered=planned.offered,
                 time=solve_time(result.seconds, lang)), markup=False)
    for line in _quality_lines(result, lang):
        out.print(line, markup=False)
    _print_unplaced(planned.timetable, lang)
    if planned.wish_summary is not None:
        out.print(planned.wish_summary.text(lang.value), markup=False)
    _print_notes(planned.group_notes, lang)
    out.print(_w("written", lang, folder=out_dir), markup=False)


def _quality_lines(result, lang: Lang) -> list[str]:
    """What was proven about the number of sessions, then, separately, how good the rest is."""
    if result.status == "OPTIMAL" or result.placed >= result.placed_bound:
        lines = [_w("placed_proven", lang)]
    else:
        lines = [_w("placed_unproven", lang, bound=result.placed_bound)]
    penalty, bound = result.penalty, max(0, min(result.penalty_bound, result.penalty))
    if penalty == 0:
        lines.append(_w("comfort_perfect", lang))
    elif penalty <= bound:
        lines.append(_w("comfort_proven", lang, penalty=number(penalty, lang.value)))
    else:
        gap = -(-100 * (penalty - bound) // penalty)  # rounded up: "at most" must not understate it
        lines.append(_w("comfort_gap", lang, penalty=number(penalty, lang.value), bound=number(bound, lang.value),
                        gap=number(gap, lang.value)))
    return lines


def _print_unplaced(timetable, lang: Lang) -> None:
    for item in timetable.unplaced:
        reason = item.reason_en or item.reason if lang == Lang.en else item.reason
        out.print(_w("not_placed", lang, offer=item.offer_id, missing=item.missing, reason=reason), markup=False)


def _progress_line(event: dict, lang: Lang) -> str:
    """'12,3 s · séances placées : 68 (au plus 68)', then '… séances fixées ; pénalité des préférences 190
    (minimum ≥ 48)': short enough for an 80-column terminal with the spinner."""
    seconds = _seconds(event["elapsed"], lang)
    objective, bound = number(round(event["objective"]), lang.value), number(round(event["bound"]), lang.value)
    if event["stage"] == "placed":
        return _w("progress_placed", lang, seconds=seconds, placed=objective, bound=bound)
    return _w("progress_comfort", lang, seconds=seconds, penalty=objective, bound=bound)


def _print_settled(settled, lang: Lang) -> None:
    """`Semaine` and `Phase` follow the date: say which rows moved by hand had them recomputed."""
    for before, after in settled:
        out.print(_w("settled", lang, row=before.row or "?", session=before.session_id, week=before.week,
                     phase=before.phase, new_week=after.week, new_phase=after.phase), markup=False)


def in_row_order(keys, rows: dict) -> list:
    """The sessions of a violation in the order of their rows, so that `lignes 46, 133 (A, B)` pairs 46 with A."""
    return sorted(keys, key=lambda k: (min(rows.get(k) or [float("inf")]), str(k)))


def unnested(title: str) -> str:
    """A rule's title to be put inside « »: its own « » become “ ” (never « « … » »)."""
    return re.sub(r"«\s*(.*?)\s*»", r"“\1”", title)


def _report_violations(found, rows: dict[str, list[int]], lang: Lang) -> None:
    """Each violation: the `Planning` rows, the sessions, the rule in words, the fact that breaks it."""
    from scheduler.checker import RULE_TITLES

    err.print(_n("violations", len(found), lang), style="bold red", markup=False)
    for violation in found:
        numbers = sorted({n for session_id in violation.session_ids for n in rows.get(session_id, [])})
        where = ""
        if numbers:
            listed = _n("planning_rows", len(numbers), lang, rows=", ".join(map(str, numbers)))
            where = _w("where", lang, rows=listed, sessions=", ".join(in_row_order(violation.session_ids, rows)))
        title_fr, title_en = RULE_TITLES.get(violation.rule, (violation.rule, violation.rule))
        rule = _w("rule", lang, title=title_en if lang == Lang.en else unnested(title_fr))
        err.print(_w("violation", lang, where=where, rule=rule, text=violation.text(lang.value)), markup=False)


def _print_verified(verified, lang: Lang, refusing: bool = False) -> None:
    """The rows settled, then every violation and exit 4 if there is any."""
    _print_settled(verified.settled, lang)
    if verified.violations:
        _report_violations(verified.violations, verified.rows, lang)
        if refusing:
            err.print(_w("nothing_written", lang), markup=False)
        raise typer.Exit(EXIT_VIOLATIONS)


@app.command()
def verify(workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, _file("planning.xlsx (éventuellement modifié à la main)")],
           lang: LangOption = Lang.fr) -> None:
    """Vérifie un planning (même modifié à la main) contre chaque règle ; liste chaque infraction."""
    from scheduler.app.verify import verify as verify_planning
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.verify(workbook, planning, lang)
    with _refusals(lang):
        verified = verify_planning(workbook, planning)
    _print_verified(verified, lang)
    out.print(_w("verified", lang, file=planning.name, rows=_n("rows", len(verified.timetable.sessions), lang)),
              markup=False)
    out.print(_w("verified_penalty", lang, penalty=verified.penalty), markup=False)


def _print_calendar_state(state, previous_planning: Path, out_dir: Path, lang: Lang) -> None:
    """Whether the calendar tracking came from beside the previous planning, or starts afresh."""
    from scheduler.app.verify import CalendarState
    from scheduler.exports.calendar_state import STATE_FILE

    if state == CalendarState.CARRIED:
        out.print(_w("state_carried", lang, path=f"{previous_planning.parent}/{STATE_FILE}"), markup=False)
    elif state == CalendarState.FRESH:
        out.print(_w("state_fresh", lang, state=STATE_FILE, file=previous_planning.name, folder=out_dir),
                  markup=False)


@app.command()
def export(workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, _file("planning.xlsx vérifié")],
           out_dir: OutOption,
           lang: LangOption = Lang.fr) -> None:
    """Après vérification, réécrit planning.xlsx et les calendriers depuis un planning modifié."""
    from scheduler.app.verify import export as export_planning
    from scheduler.exports.changes import change_line
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.export(workbook, planning, out_dir, lang)
    with _refusals(lang):
        exported = export_planning(workbook, planning, out_dir, lang.value)
    _print_verified(exported.verified, lang, refusing=True)
    _print_warnings(exported.warnings, lang)
    _print_calendar_state(exported.calendar_state, planning, out_dir, lang)
    if exported.changes is not None:
        out.print(_n("changes", len(exported.changes), lang) if exported.changes else _w("no_changes", lang),
                  markup=False)
        for change in exported.changes:
            out.print(f"  {change_line(change, lang.value)}", markup=False)
    out.print(_w("exported", lang, folder=out_dir), markup=False)


@app.command()
def replan(ctx: typer.Context, workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx), tel qu'il est maintenant")],
           previous: Annotated[Path, _file("planning.xlsx précédent (même modifié à la main)", "--previous")],
           out_dir: OutOption,
           time_limit: TimeLimitOption = 60.0,
           seed: SeedOption = 0,
           workers: Annotated[int, typer.Option("--workers", min=0, help="Fils de calcul (1 : le plus rapide ; "
                                                                          "0 : tous) ; reproductible")] = 1,
           force: Annotated[bool, typer.Option("--force", help="Remplacer le planning déjà dans --out")] = False,
           lang: LangOption = Lang.fr) -> None:
    """Replanifie après un changement du classeur en déplaçant le moins de séances possible ; liste les changements."""
    from scheduler.app.plan import SolveOptions
    from scheduler.app.replan import replan as replan_workbook
    from scheduler.exports.changes import change_line
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.replan(workbook, previous, out_dir, dict(**_limits(ctx, time_limit), seed=seed, workers=workers),
                               lang, force)
    with _refusals(lang), ExitStack() as waiting:
        on_warnings, _ = _warn_then_wait(waiting, _w("replanning", lang), lang)
        replanned = replan_workbook(workbook, previous, out_dir,
                                    SolveOptions(**_limits(ctx, time_limit), seed=seed, workers=workers),
                                    lang.value, on_warnings, force)
    result, counts = replanned.replanned, replanned.counts
    _print_calendar_state(replanned.calendar_state, previous, out_dir, lang)
    out.print(_w("replanned", lang, kept=_n("kept", result.kept, lang), previous=result.previous,
                 moved=_n("moved", counts["moved"], lang), added=_n("added", counts["added"], lang),
                 cancelled=_n("cancelled", counts["cancelled"], lang),
                 placed=_n("sessions_placed", result.placed, lang), time=solve_time(result.seconds, lang)),
              markup=False)
    for change in replanned.changes:
        out.print(f"  {change_line(change, lang.value)}", markup=False)
    _print_unplaced(result.timetable, lang)
    out.print(_w("replan_written", lang, folder=out_dir), markup=False)


from scheduler import cli_around  # noqa: E402,F401 - registers `send`, `import` and `roll` on the app


def _argv_lang() -> str:
    return "en" if "--lang" in sys.argv and "en" in sys.argv[sys.argv.index("--lang") + 1:][:1] else "fr"


def _quiet_teardown() -> None:
    """A stopped run leaves half-written streams (openpyxl's sheet stream) whose freeing fails on their closed
    file: Python would print that as 'Exception ignored … Traceback'; the one line said is enough."""
    sys.unraisablehook = lambda unraisable: None


def main() -> None:
    """Console entry point: no traceback ever reaches a coordinator; Ctrl-C, SIGTERM and SIGHUP stop
    the run with the previous output set intact (exit 128 + the signal's number: 130, 143, 129)."""
    from scheduler.core.interruption import Interrupted, handling_signals
    from scheduler.core.output_set import REPLACED
    try:
        with handling_signals():
            app(standalone_mode=True)
    except SystemExit as leaving:
        leave(leaving.code)  # without the interpreter's teardown (scheduler.cli_exit)
    except Interrupted as interrupted:
        _quiet_teardown()
        if REPLACED:
            err.print(word("run.interrupted_after", _argv_lang(), signal=interrupted.signum, folder=REPLACED[-1]),
                      markup=False)
        elif any(command in sys.argv[1:3] for command in ("plan", "export", "replan")):
            err.print(word("run.interrupted", _argv_lang(), signal=interrupted.signum), markup=False)
        else:
            err.print(word("run.interrupted_other", _argv_lang(), signal=interrupted.signum), markup=False)
        sys.exit(interrupted.exit_code)
    except KeyboardInterrupt:
        _quiet_teardown()
        err.print(_w("interrupted", current_language()), markup=False)
        sys.exit(130)
    except OSError as failure:  # a path given on the command line that cannot be read or written
        from scheduler.cli_paths import failure_text

        err.print(failure_text(failure, current_language()), markup=False)
        sys.exit(EXIT_USAGE)
    except Exception as unexpected:  # a bug of ours: say so plainly, without a traceback
        err.print(_w("internal_error", current_language(), error=f"{type(unexpected).__name__}: {unexpected}"),
                  markup=False)
        sys.exit(EXIT_NO_TIMETABLE if isinstance(unexpected, NoTimetable) else 70)


if __name__ == "__main__":
    main()
