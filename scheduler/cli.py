"""The `scheduler` command: each command parses its options, calls a use-case of `scheduler.app`, prints, exits.

Exit codes (SPEC §4): 0 done; 1 the workbook has errors; 2 wrong usage; 3 no timetable can
obey the hard rules; 4 `verify` found violations.
"""
from __future__ import annotations

import sys
from contextlib import ExitStack, contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator

import typer
from rich.console import Console

from scheduler.core.errors import InvalidWorkbook, NoTimetable

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_TIMETABLE, EXIT_VIOLATIONS = 0, 1, 2, 3, 4

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Planificateur de La Place des Compétences Numériques / cohort timetable planner.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Lang(str, Enum):
    fr = "fr"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", is_eager=True, help="Langue des messages et des exports (fr, en).")]
MAX_TIME_LIMIT = 86400.0  # one day: a longer search is a typing mistake


def _lang_of(ctx: typer.Context) -> str:
    lang = ctx.params.get("lang")
    return "en" if lang == Lang.en or lang == "en" else "fr"


def _time_limit(ctx: typer.Context, value: float) -> float:
    """--time-limit: a finite number of seconds, from 0.5 to one day (inf, nan, 1e308 are usage errors)."""
    from scheduler.core.words import word

    if not (0.5 <= value <= MAX_TIME_LIMIT):  # false for nan too
        raise typer.BadParameter(word("run.time_limit", _lang_of(ctx), value=value))
    return value


def _out_folder(ctx: typer.Context, value: str) -> Path:
    """--out: a path, never empty (an empty one would silently mean the current folder)."""
    from scheduler.core.words import word

    if value is None or not str(value).strip():
        raise typer.BadParameter(word("run.out_empty", _lang_of(ctx)))
    return Path(value)


OutOption = Annotated[str, typer.Option("--out", callback=_out_folder, help="Dossier où écrire (remplacé en entier)")]
TimeLimitOption = Annotated[float, typer.Option("--time-limit", callback=_time_limit,
                                                help="Secondes de calcul au plus (0,5 à 86400)")]


def _t(lang: Lang, fr: str, en: str) -> str:
    return en if lang == Lang.en else fr


@contextmanager
def _refusals(lang: Lang) -> Iterator[None]:
    """Print what a use-case refuses and exit with the contract's code (1 or 3)."""
    from scheduler.app.errors import BrokenTimetable, FileRefused, PlanExists
    from scheduler.core.output_set import OutputOverlapsInput
    from scheduler.core.words import word

    try:
        yield
    except OutputOverlapsInput as overlap:
        err.print(word("run.out_holds_current" if overlap.current else "run.out_holds_input", lang.value,
                       folder=overlap.folder, input=overlap.input_file), markup=False)
        raise typer.Exit(EXIT_USAGE)
    except PlanExists as exists:
        err.print(_t(lang, f"{exists.folder}/ contient déjà un planning ({exists.found.name}) : pour le modifier en "
                           f"déplaçant le moins de séances possible, lancez « scheduler replan … --previous "
                           f"{exists.folder / 'planning.xlsx'} » ; pour tout recalculer, ajoutez --force.",
                     f"{exists.folder}/ already holds a timetable ({exists.found.name}): to change it moving as few "
                     f"sessions as possible, run 'scheduler replan … --previous {exists.folder / 'planning.xlsx'}'; "
                     f"to plan afresh, add --force."), markup=False)
        raise typer.Exit(EXIT_USAGE)
    except FileRefused as refused:
        _print_invalid(refused.invalid, refused.path, lang)
        raise typer.Exit(EXIT_INPUT)
    except NoTimetable as impossible:
        _no_timetable(impossible.reasons, lang)
    except BrokenTimetable as broken:
        err.print(_t(lang, "[bold red]Erreur interne : le planning calculé enfreint des règles ; rien n'a été écrit.[/]",
                     "[bold red]Internal error: the computed timetable breaks rules; nothing was written.[/]"))
        for violation in broken.violations:
            err.print(f"- [{violation.rule}] {violation.en if lang == Lang.en else violation.fr}", markup=False)
        raise typer.Exit(EXIT_NO_TIMETABLE)


def _print_invalid(invalid: InvalidWorkbook, path: Path, lang: Lang) -> None:
    """Every located error of a workbook (input or planning), then its warnings."""
    err.print(_t(lang, f"[bold red]{len(invalid.errors)} erreur(s) dans {path.name} :[/]",
                 f"[bold red]{len(invalid.errors)} error(s) in {path.name}:[/]"))
    for error in invalid.errors:
        err.print(f"- {error.render(lang.value)}", markup=False)
    for warning in getattr(invalid, "warnings", ()):
        err.print(_t(lang, "attention : ", "warning: ") + warning.render(lang.value), markup=False)


def _print_warnings(found, lang: Lang) -> int:
    """The workbook's warnings (legal, but probably mistakes), each located; returns how many."""
    for warning in found:
        text = warning.render(lang.value) if hasattr(warning, "render") else str(warning)
        err.print(_t(lang, "attention : ", "warning: ") + text, markup=False)
    return len(found)


def _print_notes(notes, lang: Lang) -> None:
    """Notes about the project groups (a group without a mentor...), as warnings."""
    for note in notes:
        err.print(_t(lang, "attention : ", "warning: ") + note.text(lang.value), markup=False)


def _no_timetable(reasons, lang: Lang) -> None:
    err.print(_t(lang, "[bold red]Aucun planning ne peut respecter les règles :[/]",
                 "[bold red]No timetable can obey the rules:[/]"))
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
def template(path: Annotated[Path, typer.Argument(help="Classeur à écrire (.xlsx)")],
             example: Annotated[bool, typer.Option("--example", help="Rempli avec l'exemple de Nancy")] = False,
             force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe")] = False,
             year: Annotated[bool, typer.Option("--year", help="Une année de promotions (feuille Promotions)")] = False,
             lang: LangOption = Lang.fr) -> None:
    """Écrit un classeur d'entrée vide (ou l'exemple) avec mode d'emploi et listes déroulantes."""
    from scheduler.workbook.template import write_template

    if path.suffix.lower() != ".xlsx":
        err.print(_t(lang, f"{path.name} : donnez un nom de fichier en .xlsx", f"{path.name}: give an .xlsx file name"),
                  markup=False)
        raise typer.Exit(EXIT_USAGE)
    if path.exists() and not force:
        err.print(_t(lang, f"{path} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer",
                     f"{path} already exists: choose another name, or add --force to replace it"), markup=False)
        raise typer.Exit(EXIT_USAGE)
    write_template(path, example=example, lang=lang.value, year=year)
    if year:
        from scheduler.core.words import word

        shown = word("year.cli.template_example", lang.value) if example else ""
        out.print(word("year.cli.template", lang.value, file=path, example=shown), markup=False)
        return
    out.print(_t(lang, f"Modèle écrit : {path}" + (" (exemple de Nancy)" if example else "")
                       + " — remplissez-le puis lancez « scheduler check ».",
                 f"Template written: {path}" + (" (Nancy example)" if example else "")
                 + " — fill it in, then run 'scheduler check --lang en'."), markup=False)


@app.command()
def check(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
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
    _print_notes(checked.group_notes, lang)
    out.print(_t(lang, f"{workbook.name} : aucune erreur, {warned} avertissement(s) ({len(problem.offers)} "
                       f"interventions, {len(problem.speakers)} intervenants).",
                 f"{workbook.name}: no errors, {warned} warning(s) ({len(problem.offers)} offers, "
                 f"{len(problem.speakers)} speakers)."))


@app.command()
def plan(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
         out_dir: OutOption,
         time_limit: TimeLimitOption = 60.0,
         seed: Annotated[int, typer.Option("--seed", help="Graine du solveur")] = 0,
         workers: Annotated[int, typer.Option("--workers", min=0, help="Fils de calcul (1 : le plus rapide ; "
                                                                        "0 : tous) ; reproductible")] = 1,
         gap: Annotated[float, typer.Option("--gap", min=0.0, max=100.0, help="S'arrêter quand la pénalité des "
                                                                               "préférences est à moins de ce % de "
                                                                               "sa borne")] = 1.0,
         force: Annotated[bool, typer.Option("--force", help="Remplacer le planning déjà dans --out")] = False,
         lang: LangOption = Lang.fr) -> None:
    """Planifie la cohorte et écrit tous les exports dans le dossier --out."""
    from scheduler.app.plan import SolveOptions, plan as plan_cohort
    from scheduler.core.domain import penalty_gap
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.plan(workbook, out_dir, dict(time_limit=time_limit, seed=seed, workers=workers), lang)
    with _refusals(lang), ExitStack() as waiting:
        on_warnings, on_progress = _warn_then_wait(waiting, _t(lang, "Calcul du planning…", "Planning…"), lang, True)
        planned = plan_cohort(workbook, out_dir, SolveOptions(time_limit=time_limit, seed=seed, workers=workers,
                                                              progress=on_progress, gap=gap / 100), lang.value,
                              on_warnings, force)
    result = planned.solved
    proof = _t(lang, "optimal prouvé" if result.status == "OPTIMAL" else f"borne {result.placed_bound}",
               "proven optimal" if result.status == "OPTIMAL" else f"bound {result.placed_bound}")
    out.print(_t(lang, f"{result.placed} séances placées sur {planned.offered} proposées ({proof}) en "
                       f"{result.seconds:.1f} s.",
                 f"{result.placed} sessions placed of {planned.offered} offered ({proof}) in {result.seconds:.1f} s."))
    if result.penalty or result.penalty_bound:
        gap_text = penalty_gap(result.penalty, result.penalty_bound)
        out.print(_t(lang, f"Pénalité des préférences : {result.penalty} (borne prouvée {result.penalty_bound}, "
                           f"écart {gap_text}).",
                     f"Preference penalty: {result.penalty} (proven bound {result.penalty_bound}, gap {gap_text})."))
    _print_unplaced(planned.timetable, lang)
    if planned.wish_summary is not None:
        out.print(planned.wish_summary.text(lang.value), markup=False)
    _print_notes(planned.group_notes, lang)
    out.print(_t(lang, f"Écrit dans {out_dir}/ : planning.xlsx, planning.html, cohorte.ics et les calendriers "
                       f"individuels.",
                 f"Written to {out_dir}/: planning.xlsx, planning.html, cohorte.ics and the personal calendars."))


def _print_unplaced(timetable, lang: Lang) -> None:
    for item in timetable.unplaced:
        out.print(_t(lang, f"  non placée : {item.offer_id} × {item.missing} — {item.reason}",
                     f"  not placed: {item.offer_id} × {item.missing} — {item.reason_en or item.reason}"), markup=False)


def _progress_line(event: dict, lang: Lang) -> str:
    """'12.3 s — séances placées : 68 (borne 68)' then '… pénalité : 190 (borne 48, écart 75 %)'."""
    objective, bound = event["objective"], event["bound"]
    if event["stage"] == "placed":
        return _t(lang, f"{event['elapsed']:.1f} s — séances placées : {objective:g} (borne {bound:g})",
                  f"{event['elapsed']:.1f} s — sessions placed: {objective:g} (bound {bound:g})")
    gap = 0.0 if objective <= bound or objective == 0 else 100 * (objective - bound) / objective
    return _t(lang, f"{event['elapsed']:.1f} s — séances placées fixées ; pénalité des préférences : {objective:g} "
                    f"(borne {bound:g}, écart {gap:.0f} %)",
              f"{event['elapsed']:.1f} s — sessions placed held; preference penalty: {objective:g} "
              f"(bound {bound:g}, gap {gap:.0f} %)")


def _print_settled(settled, lang: Lang) -> None:
    """`Semaine` and `Phase` follow the date: say which rows moved by hand had them recomputed."""
    for before, after in settled:
        out.print(_t(lang, f"ligne {before.row or '?'} ({before.session_id}) : Semaine {before.week} / Phase "
                           f"{before.phase} recalculées d'après la date → Semaine {after.week} / Phase {after.phase}",
                     f"row {before.row or '?'} ({before.session_id}): week {before.week} / phase {before.phase} "
                     f"recomputed from the date → week {after.week} / phase {after.phase}"), markup=False)


def _report_violations(found, rows: dict[str, list[int]], lang: Lang) -> None:
    """Each violation: the `Planning` rows, the sessions, the rule in words, the fact that breaks it."""
    from scheduler.checker import RULE_TITLES

    err.print(_t(lang, f"[bold red]{len(found)} règle(s) enfreinte(s) :[/]", f"[bold red]{len(found)} violation(s):[/]"))
    for violation in found:
        numbers = sorted({n for session_id in violation.session_ids for n in rows.get(session_id, [])})
        where = ""
        if numbers:
            listed, plural, named = ", ".join(map(str, numbers)), "s" if len(numbers) > 1 else "", ", ".join(violation.session_ids)
            where = _t(lang, f"Planning ligne{plural} {listed} ({named}) — ", f"Planning row{plural} {listed} ({named}) — ")
        title_fr, title_en = RULE_TITLES.get(violation.rule, (violation.rule, violation.rule))
        rule = _t(lang, f"règle « {title_fr} »", f"rule '{title_en}'")
        err.print(f"- {where}{rule} : {violation.text(lang.value)}" if lang != Lang.en
                  else f"- {where}{rule}: {violation.text(lang.value)}", markup=False)


def _print_verified(verified, lang: Lang, refusing: bool = False) -> None:
    """The rows settled, then every violation and exit 4 if there is any."""
    _print_settled(verified.settled, lang)
    if verified.violations:
        _report_violations(verified.violations, verified.rows, lang)
        if refusing:
            err.print(_t(lang, "Rien n'a été écrit : corrigez le planning (scheduler verify) puis relancez.",
                         "Nothing was written: fix the timetable (scheduler verify) and run again."))
        raise typer.Exit(EXIT_VIOLATIONS)


@app.command()
def verify(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, typer.Argument(help="planning.xlsx (éventuellement modifié à la main)")],
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
    out.print(_t(lang, f"{planning.name} respecte toutes les règles ({len(verified.timetable.sessions)} lignes).",
                 f"{planning.name} obeys every rule ({len(verified.timetable.sessions)} rows)."))
    out.print(_t(lang, f"Pénalité des préférences de ce planning : {verified.penalty}.",
                 f"Preference penalty of this timetable: {verified.penalty}."))


def _print_calendar_state(state, previous_planning: Path, out_dir: Path, lang: Lang) -> None:
    """Whether the calendar tracking came from beside the previous planning, or starts afresh."""
    from scheduler.app.verify import CalendarState
    from scheduler.exports.calendars import STATE_FILE

    if state == CalendarState.CARRIED:
        out.print(_t(lang, f"Suivi des calendriers repris de {previous_planning.parent}/{STATE_FILE}.",
                     f"Calendar tracking carried over from {previous_planning.parent}/{STATE_FILE}."))
    elif state == CalendarState.FRESH:
        out.print(_t(lang, f"attention : pas de {STATE_FILE} à côté de {previous_planning.name} ni dans {out_dir}/ : "
                           f"les calendriers repartent de zéro (pas de mise à jour ni d'annulation des anciens "
                           f"événements importés).",
                     f"warning: no {STATE_FILE} beside {previous_planning.name} nor in {out_dir}/: calendars start "
                     f"afresh (events imported earlier are neither updated nor cancelled)."))


@app.command()
def export(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx)")],
           planning: Annotated[Path, typer.Argument(help="planning.xlsx vérifié")],
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
        out.print(_t(lang, f"{len(exported.changes)} changement(s) pour les calendriers :",
                     f"{len(exported.changes)} change(s) for the calendars:"))
        for change in exported.changes:
            out.print(f"  {change_line(change, lang.value)}", markup=False)
    out.print(_t(lang, f"Exports écrits dans {out_dir}/.", f"Exports written to {out_dir}/."))


@app.command()
def replan(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx), tel qu'il est maintenant")],
           previous: Annotated[Path, typer.Option("--previous", help="planning.xlsx précédent (même modifié à la main)")],
           out_dir: OutOption,
           time_limit: TimeLimitOption = 60.0,
           seed: Annotated[int, typer.Option("--seed", help="Graine du solveur")] = 0,
           workers: Annotated[int, typer.Option("--workers", min=0, help="Fils de calcul (1 : le plus rapide ; "
                                                                          "0 : tous) ; reproductible")] = 1,
           lang: LangOption = Lang.fr) -> None:
    """Replanifie après un changement du classeur en déplaçant le moins de séances possible ; liste les changements."""
    from scheduler.app.plan import SolveOptions
    from scheduler.app.replan import replan as replan_workbook
    from scheduler.exports.changes import change_line
    from scheduler.app.year import is_year

    if is_year(workbook):
        from scheduler import cli_year

        return cli_year.replan(workbook, previous, out_dir, dict(time_limit=time_limit, seed=seed, workers=workers),
                               lang)
    with _refusals(lang), ExitStack() as waiting:
        on_warnings, _ = _warn_then_wait(waiting, _t(lang, "Replanification…", "Replanning…"), lang)
        replanned = replan_workbook(workbook, previous, out_dir,
                                    SolveOptions(time_limit=time_limit, seed=seed, workers=workers),
                                    lang.value, on_warnings)
    result, counts = replanned.replanned, replanned.counts
    _print_calendar_state(replanned.calendar_state, previous, out_dir, lang)
    out.print(_t(lang, f"{result.kept} séance(s) gardée(s) à leur place sur {result.previous} ; "
                       f"{counts['moved']} déplacée(s), {counts['added']} ajoutée(s), {counts['cancelled']} annulée(s) "
                       f"({result.placed} séances placées, {result.seconds:.1f} s).",
                 f"{result.kept} of {result.previous} session(s) kept in place; {counts['moved']} moved, "
                 f"{counts['added']} added, {counts['cancelled']} cancelled ({result.placed} sessions placed, "
                 f"{result.seconds:.1f} s)."))
    for change in replanned.changes:
        out.print(f"  {change_line(change, lang.value)}", markup=False)
    _print_unplaced(result.timetable, lang)
    out.print(_t(lang, f"Écrit dans {out_dir}/ : planning.xlsx (feuille Changements), cohorte.ics et les calendriers "
                       f"individuels.",
                 f"Written to {out_dir}/: planning.xlsx (sheet Changements), cohorte.ics and the personal calendars."))


@app.command()
def send(folder: Annotated[Path, typer.Argument(help="Dossier de sortie (celui de --out), qui contient messages/")],
         smtp: Annotated[str, typer.Option("--smtp", help="Serveur SMTP, HOTE:PORT")],
         user: Annotated[str | None, typer.Option("--user", help="Identifiant SMTP (mot de passe : "
                                                                  "SCHEDULER_SMTP_PASSWORD, ou demandé)")] = None,
         starttls: Annotated[bool, typer.Option("--starttls", help="Chiffrer la connexion (STARTTLS)")] = False,
         yes: Annotated[bool, typer.Option("--yes", help="Envoyer sans demander confirmation")] = False,
         lang: LangOption = Lang.fr) -> None:
    """Envoie les messages de DOSSIER/messages/ (après confirmation) ; reprend un envoi interrompu sans doublon."""
    import os

    from scheduler.sending import SendingError, already_sent, outbox, send_all

    host, _, port = smtp.rpartition(":")
    if not host or not port.isdigit():
        err.print(_t(lang, f"--smtp {smtp} : écrivez HOTE:PORT, par exemple smtp.exemple.fr:587",
                     f"--smtp {smtp}: write HOST:PORT, for example smtp.example.org:587"), markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        drafts = outbox(folder)
        done = already_sent(folder)
        pending = [d for d in drafts if d.sendable and d.message_id not in done]
        for draft in (d for d in drafts if not d.sendable):
            out.print(_t(lang, f"sans adresse, non envoyé : {draft.name} ({draft.file})",
                         f"no address, skipped: {draft.name} ({draft.file})"), markup=False)
        out.print(_t(lang, f"{len(pending)} message(s) à envoyer ({len(drafts) - len(pending)} déjà envoyé(s) ou sans "
                           f"adresse) :", f"{len(pending)} message(s) to send ({len(drafts) - len(pending)} already "
                                         f"sent or without address):"))
        for draft in pending:
            out.print(f"  {draft.name} <{', '.join(draft.recipients)}> — {draft.subject}", markup=False)
        if not pending:
            return
        if not yes:
            if not sys.stdin.isatty():
                err.print(_t(lang, "confirmation impossible sans terminal : ajoutez --yes pour envoyer",
                             "cannot ask for confirmation without a terminal: add --yes to send"))
                raise typer.Exit(EXIT_USAGE)
            if not typer.confirm(_t(lang, "Envoyer ces messages ?", "Send these messages?")):
                raise typer.Exit(EXIT_OK)
        password = None
        if user:
            password = os.environ.get("SCHEDULER_SMTP_PASSWORD") or typer.prompt(
                _t(lang, "Mot de passe SMTP", "SMTP password"), hide_input=True)
        sent = send_all(folder, host, int(port), user=user, password=password, starttls=starttls,
                        on_sent=lambda o: out.print(_t(lang, "envoyé : ", "sent: ") + o.file, markup=False))
    except SendingError as failure:
        resume = _t(lang, " Relancez la même commande pour reprendre.", " Run the same command again to resume.")
        err.print(failure.message.text(lang.value) + (resume if failure.resumable else ""), markup=False)
        raise typer.Exit(EXIT_INPUT)
    out.print(_t(lang, f"{len(sent)} message(s) envoyé(s).", f"{len(sent)} message(s) sent."))


@app.command("import")
def import_(workbook: Annotated[Path, typer.Argument(help="Classeur d'entrée (.xlsx ou .ods), jamais modifié")],
            sources: Annotated[list[Path], typer.Argument(help="Export CSV Framadate, ou tableau .csv/.xlsx/.ods")],
            out_file: Annotated[Path, typer.Option("--out", help="Nouveau classeur à écrire (.xlsx)")],
            lang: LangOption = Lang.fr) -> None:
    """Ajoute à une copie du classeur les disponibilités (et intervenants, interventions) des sondages et formulaires."""
    from scheduler.imports.importing import import_sources
    from scheduler.imports.report import report_lines

    from scheduler.core.output_set import holds
    from scheduler.core.words import word

    for given in (workbook, *sources):
        if str(out_file).strip() and holds(out_file, given):
            err.print(word("run.out_is_input", lang.value, out=out_file, input=given), markup=False)
            raise typer.Exit(EXIT_USAGE)
    if not str(out_file).strip() or out_file.suffix.lower() != ".xlsx" or out_file.resolve() == workbook.resolve():
        err.print(_t(lang, f"{out_file.name} : donnez pour --out un nouveau fichier .xlsx, différent du classeur d'entrée",
                     f"{out_file.name}: give --out a new .xlsx file, other than the input workbook"), markup=False)
        raise typer.Exit(EXIT_USAGE)
    report = import_sources(workbook, sources, out_file, lang.value)
    if report.invalid is not None:
        _print_invalid(report.invalid, workbook, lang)
    for line, to_err in report_lines(report, lang.value):
        (err if to_err else out).print(line, markup=False)
    raise typer.Exit(report.exit_code)


@app.command()
def roll(workbook: Annotated[Path, typer.Argument(help="Classeur de la promotion (ou de l'année), jamais modifié")],
         start: Annotated[str, typer.Option("--start", help="Début de la nouvelle promotion (JJ/MM/AAAA)")],
         out_file: Annotated[Path, typer.Option("--out", help="Nouveau classeur à écrire (.xlsx)")],
         name: Annotated[str | None, typer.Option("--name", help="Nom de la nouvelle promotion")] = None,
         lang: LangOption = Lang.fr) -> None:
    """Prépare le classeur de la promotion suivante : partenaires et intervenants gardés, participants vidés."""
    from scheduler import cli_year
    from scheduler.core.words import word
    from scheduler.workbook.cells import parse_date

    try:
        day = parse_date(start)
    except Exception:
        err.print(word("year.cli.bad_date", lang.value, value=start), markup=False)
        raise typer.Exit(EXIT_USAGE)
    if out_file.suffix.lower() != ".xlsx":
        err.print(_t(lang, f"{out_file.name} : donnez pour --out un fichier .xlsx", f"{out_file.name}: give --out an .xlsx file"),
                  markup=False)
        raise typer.Exit(EXIT_USAGE)
    cli_year.roll(workbook, day, out_file, name, lang)


def _argv_lang() -> str:
    return "en" if "--lang" in sys.argv and "en" in sys.argv[sys.argv.index("--lang") + 1:][:1] else "fr"


def main() -> None:
    """Console entry point: no traceback ever reaches a coordinator; Ctrl-C, SIGTERM and SIGHUP stop
    the run with the previous output set intact (exit 128 + the signal's number: 130, 143, 129)."""
    from scheduler.core.interruption import Interrupted, handling_signals
    from scheduler.core.output_set import REPLACED
    from scheduler.core.words import word

    try:
        with handling_signals():
            app(standalone_mode=True)
    except SystemExit:
        raise
    except Interrupted as interrupted:
        if REPLACED:
            err.print(word("run.interrupted_after", _argv_lang(), signal=interrupted.signum, folder=REPLACED[-1]),
                      markup=False)
        elif any(command in sys.argv[1:3] for command in ("plan", "export", "replan")):
            err.print(word("run.interrupted", _argv_lang(), signal=interrupted.signum), markup=False)
        else:
            err.print(word("run.interrupted_other", _argv_lang(), signal=interrupted.signum), markup=False)
        sys.exit(interrupted.exit_code)
    except KeyboardInterrupt:
        err.print("Interrompu / interrupted.")
        sys.exit(130)
    except OSError as failure:  # a path given on the command line that cannot be read or written
        where = failure.filename or ""
        english = _argv_lang() == "en"
        err.print(f"cannot use {where}: {failure.strerror or failure} (is it open in another program, or in a "
                  f"folder you may not write to?)" if english else
                  f"impossible d'utiliser {where} : {failure.strerror or failure} (fichier ouvert dans un autre "
                  f"programme, ou dossier où vous ne pouvez pas écrire ?)", markup=False)
        sys.exit(EXIT_USAGE)
    except Exception as unexpected:  # a bug of ours: say so plainly, without a traceback
        err.print(f"Erreur interne inattendue / unexpected internal error: {type(unexpected).__name__}: {unexpected}",
                  markup=False)
        sys.exit(EXIT_NO_TIMETABLE if isinstance(unexpected, NoTimetable) else 70)


if __name__ == "__main__":
    main()
