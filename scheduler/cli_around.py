"""The commands around the solve: `import` (polls and forms into a copy of the workbook), `send` (the
drafted messages, by SMTP) and `roll` (next cohort's workbook). Registered on the one app of
`scheduler.cli`; like it, they only parse, call the library, print and exit."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from scheduler.cli import (EXIT_INPUT, EXIT_OK, EXIT_USAGE, Lang, LangOption, _file, _n, _print_invalid, _w, app,
                           err, out, refuse_folder)
from scheduler.core.text import normalise
from scheduler.core.words import word


YES_ANSWERS = {"o", "oui", "y", "yes"}
NO_ANSWERS = {"", "n", "non", "no"}


def _confirmed(lang: Lang) -> bool:
    """The coordinator's answer to the sending question, asked again until it is a yes or a no (Enter: no)."""
    while True:
        answer = normalise(typer.prompt(_w("confirm_send", lang), default="", show_default=False))
        if answer in YES_ANSWERS | NO_ANSWERS:
            return answer in YES_ANSWERS
        err.print(_w("confirm_again", lang), markup=False)


@app.command()
def send(folder: Annotated[Path, _file("Dossier de sortie (celui de --out), qui contient messages/")],
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
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        err.print(_w("bad_smtp", lang, smtp=smtp), markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        drafts = outbox(folder)
        done = already_sent(folder)
        pending = [d for d in drafts if d.sendable and d.message_id not in done]
        for draft in (d for d in drafts if not d.sendable):
            out.print(_w("no_address", lang, name=draft.name, file=draft.file), markup=False)
        out.print(_w("to_send", lang, pending=_n("messages_pending", len(pending), lang),
                     skipped=len(drafts) - len(pending)), markup=False)
        for draft in pending:
            out.print(f"  {draft.name} <{', '.join(draft.recipients)}> — {draft.subject}", markup=False)
        if not pending:
            return
        if not yes:
            if not sys.stdin.isatty():
                err.print(_w("no_terminal", lang), markup=False)
                raise typer.Exit(EXIT_USAGE)
            if not _confirmed(lang):
                out.print(_w("send_cancelled", lang), markup=False)
                raise typer.Exit(EXIT_OK)

        def password() -> str:  # asked only when the server wants a login (a local relay does not)
            if os.environ.get("SCHEDULER_SMTP_PASSWORD"):
                return os.environ["SCHEDULER_SMTP_PASSWORD"]
            if not sys.stdin.isatty():
                err.print(_w("no_password", lang), markup=False)  # getpass without a terminal would echo, then fail
                raise typer.Exit(EXIT_USAGE)
            return typer.prompt(_w("smtp_password", lang), hide_input=True)
        sent = send_all(folder, host, int(port), user=user, password=password, starttls=starttls,
                        on_sent=lambda o: out.print(_w("sent_one", lang, file=o.file), markup=False))
    except SendingError as failure:
        resume = _w("resume", lang)
        err.print(failure.message.text(lang.value) + (resume if failure.resumable else ""), markup=False)
        raise typer.Exit(EXIT_INPUT)
    out.print(_n("messages_sent", len(sent), lang), markup=False)


@app.command("import")
def import_(workbook: Annotated[Path, _file("Classeur d'entrée (.xlsx ou .ods), jamais modifié")],
            sources: Annotated[list[Path], _file("Export CSV Framadate, ou tableau .csv/.xlsx/.ods")],
            out_file: Annotated[Path, _file("Nouveau classeur à écrire (.xlsx)", "--out")],
            lang: LangOption = Lang.fr) -> None:
    """Ajoute à une copie du classeur les disponibilités (et intervenants, interventions) des sondages et formulaires."""
    from scheduler.imports.importing import import_sources
    from scheduler.imports.report import report_lines

    from scheduler.core.output_set import holds

    for given in (workbook, *sources):
        if str(out_file).strip() and holds(out_file, given):
            err.print(word("run.out_is_input", lang.value, out=out_file, input=given), markup=False)
            raise typer.Exit(EXIT_USAGE)
    if str(out_file).strip():
        refuse_folder(out_file, lang)
    if not str(out_file).strip() or out_file.suffix.lower() != ".xlsx" or out_file.resolve() == workbook.resolve():
        err.print(_w("bad_import_out", lang, file=out_file.name), markup=False)
        raise typer.Exit(EXIT_USAGE)
    report = import_sources(workbook, sources, out_file, lang.value)
    if report.invalid is not None:
        _print_invalid(report.invalid, workbook, lang)
    for line, to_err in report_lines(report, lang.value):
        (err if to_err else out).print(line, markup=False)
    raise typer.Exit(report.exit_code)


@app.command()
def roll(workbook: Annotated[Path, _file("Classeur de la promotion (ou de l'année), jamais modifié")],
         start: Annotated[str, typer.Option("--start", help="Début de la nouvelle promotion (JJ/MM/AAAA)")],
         out_file: Annotated[Path, _file("Nouveau classeur à écrire (.xlsx)", "--out")],
         name: Annotated[str | None, typer.Option("--name", help="Nom de la nouvelle promotion")] = None,
         lang: LangOption = Lang.fr) -> None:
    """Prépare le classeur de la promotion suivante : partenaires et intervenants gardés, participants vidés."""
    from scheduler import cli_year
    from scheduler.workbook.cells import parse_date

    try:
        day = parse_date(start)
    except Exception:
        err.print(word("year.cli.bad_date", lang.value, value=start), markup=False)
        raise typer.Exit(EXIT_USAGE)
    if out_file.suffix.lower() != ".xlsx":
        err.print(_w("not_xlsx", lang, file=out_file.name), markup=False)
        raise typer.Exit(EXIT_USAGE)
    refuse_folder(out_file, lang)
    cli_year.roll(workbook, day, out_file, name, lang)
