"""The commands' year branch (SPEC §6): when the workbook has `Promotions` rows, `check`, `plan`, `verify`,
`export` and `replan` call the year use-cases of `scheduler.app.year` and print their results here."""
from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from pathlib import Path

import typer

from scheduler.cli import (EXIT_VIOLATIONS, Lang, _print_notes, _print_settled, _print_warnings, _quality_lines,
                           _refusals, _seconds, err, in_row_order, out, solve_time, unnested)
from scheduler.core.words import count_word, has_word, word


def _w(key: str, lang: Lang, **values) -> str:
    return word(f"year.cli.{key}", lang.value, **values)


def _n(key: str, count: int, lang: Lang, **values) -> str:
    """A counted text, with the language's plural (`cli.*` shared with a cohort's lines, or `year.cli.*`)."""
    return count_word(key if "." in key else f"year.cli.{key}", count, lang.value, **values)


def progress_line(event: dict, lang: Lang) -> str:
    """One line per stage of the year's solve: placed, worst-served cohort, preferences (kept when replanning)."""
    stage = event["stage"] if event["stage"] in ("placed", "worst", "soft", "kept") else "soft"
    return word(f"year.cli.progress.{stage}", lang.value, elapsed=_seconds(event["elapsed"], lang),
                objective=f"{event['objective']:g}", bound=f"{event['bound']:g}")


def _waiting(waiting: ExitStack, message: str, lang: Lang):
    """on_warnings (print them, then show `message` while computing) and on_progress (update that line)."""
    holder: dict = {}

    def on_warnings(found) -> None:
        _print_warnings(found, lang)
        holder["status"] = waiting.enter_context(err.status(message))

    def on_progress(event: dict) -> None:
        if "status" in holder:
            holder["status"].update(progress_line(event, lang))

    return on_warnings, on_progress


def check(workbook: Path, lang: Lang) -> None:
    from scheduler.app.year import check_year

    with _refusals(lang):
        checked = check_year(workbook)
    warned = _print_warnings(checked.warnings, lang)
    warned += _print_notes(checked.group_notes, lang)  # printed as warnings: counted as warnings
    year = checked.year
    out.print(_w("checked", lang, file=workbook.name, warnings=_n("cli.warnings", warned, lang),
                 cohorts=_n("cohorts", len(year.cohorts), lang),
                 offers=_n("cli.offers", len({o.id for p in year.problems for o in p.offers}), lang),
                 speakers=_n("cli.speakers", len(year.speakers), lang)),
              markup=False)


def _print_cohorts(cohorts, lang: Lang) -> None:
    for cohort in cohorts:
        out.print(_w("cohort_line", lang, cohort=cohort.name, placed=cohort.placed, offered=cohort.offered,
                     themes=_n("themes", cohort.themes, lang, offered=cohort.offered_themes),
                     folder=cohort.folder), markup=False)
        for item in cohort.timetable.unplaced:
            out.print(_w("unplaced", lang, offer=item.offer_id, missing=item.missing,
                         reason=item.reason_en or item.reason if lang == Lang.en else item.reason), markup=False)


def plan(workbook: Path, out_dir: Path, options: dict, lang: Lang, force: bool = False) -> None:
    from scheduler.app.year import SolveOptions, plan_year

    with _refusals(lang), ExitStack() as waiting:
        on_warnings, on_progress = _waiting(waiting, _w("planning", lang), lang)
        planned = plan_year(workbook, out_dir, SolveOptions(**options, progress=on_progress), lang.value, on_warnings,
                            force)
    solved = planned.solved
    proof = _w("proven", lang) if solved.status == "OPTIMAL" else _w("bound", lang, bound=solved.placed_bound)
    out.print(_w("planned", lang, placed=solved.placed, offered=planned.offered, proof=proof,
                 time=solve_time(solved.seconds, lang), worst=f"{planned.worst_share:.0f}"), markup=False)
    for line in _quality_lines(solved, lang)[1:]:  # the soft rules of every cohort: penalty, proven bound, gap
        out.print(line, markup=False)
    _print_cohorts(planned.cohorts, lang)
    _print_notes(planned.group_notes, lang)
    out.print(_w("written", lang, folder=out_dir), markup=False)


def _print_violations(verified, lang: Lang, refusing: bool = False) -> None:
    """Each violation with its rows of the sheet `Année`, then exit 4."""
    from scheduler.checker import RULE_TITLES

    _print_settled(verified.settled, lang)
    if not verified.violations:
        return
    err.print(_n("cli.violations", len(verified.violations), lang), markup=False)
    for violation in verified.violations:
        numbers = sorted({n for key in violation.sessions for n in verified.rows.get(key, [])})
        where = ""
        if numbers:
            where = _w("rows", lang, sheet="Année", rows=_n("cli.planning_rows", len(numbers), lang,
                                                             rows=", ".join(map(str, numbers))),
                       sessions=", ".join(session for _, session in in_row_order(violation.sessions, verified.rows)))
        titles = RULE_TITLES.get(violation.rule)
        rule_10 = f"year.rule.{violation.rule}"
        title = ((titles[1] if lang == Lang.en else titles[0]) if titles
                 else word(rule_10, lang.value) if has_word(rule_10) else violation.rule)
        title = title if lang == Lang.en else unnested(title)
        err.print("- " + _w("violation", lang, where=where, rule=title, text=violation.text(lang.value)), markup=False)
    if refusing:
        err.print(_w("nothing_written", lang), markup=False)
    raise typer.Exit(EXIT_VIOLATIONS)


def verify(workbook: Path, planning: Path, lang: Lang) -> None:
    from scheduler.app.year import verify_year

    with _refusals(lang):
        verified = verify_year(workbook, planning)
    _print_violations(verified, lang)
    out.print(_w("verified", lang, file=planning.name, rows=_n("cli.rows", verified.session_rows, lang),
                 cohorts=_n("cohorts", len(verified.year.cohorts), lang)), markup=False)


def export(workbook: Path, planning: Path, out_dir: Path, lang: Lang) -> None:
    from scheduler.app.year import export_year

    with _refusals(lang):
        exported = export_year(workbook, planning, out_dir, lang.value)
    _print_violations(exported.verified, lang, refusing=True)
    if exported.fresh:
        from scheduler.exports.calendar_state import STATE_FILE

        out.print(word("cli.state_fresh", lang.value, state=STATE_FILE, file=planning.name, folder=out_dir),
                  markup=False)
    _print_changes(exported.changes or (), lang)
    out.print(_w("exported", lang, folder=out_dir), markup=False)


def _print_changes(changes, lang: Lang) -> None:
    """Each cohort's changes, one line each, or that it is unchanged."""
    from scheduler.exports.changes import change_line

    for cohort, found in changes:
        if not found:
            out.print(_w("untouched", lang, cohort=cohort), markup=False)
            continue
        out.print(_n("changed", len(found), lang, cohort=cohort), markup=False)
        for change in found:
            out.print(f"    {change_line(change, lang.value)}", markup=False)


def replan(workbook: Path, previous: Path, out_dir: Path, options: dict, lang: Lang, force: bool = False) -> None:
    from scheduler.app.year import SolveOptions, replan_year

    with _refusals(lang), ExitStack() as waiting:
        on_warnings, on_progress = _waiting(waiting, _w("replanning", lang), lang)
        replanned = replan_year(workbook, previous, out_dir, SolveOptions(**options, progress=on_progress),
                                lang.value, on_warnings, force)
    counts = replanned.counts
    out.print(word("cli.replanned", lang.value, kept=_n("cli.kept", replanned.kept, lang), previous=replanned.previous,
                   moved=_n("cli.moved", counts["moved"], lang), added=_n("cli.added", counts["added"], lang),
                   cancelled=_n("cli.cancelled", counts["cancelled"], lang),
                   placed=_n("cli.sessions_placed", replanned.solved.placed, lang),
                   time=solve_time(replanned.solved.seconds, lang)), markup=False)
    _print_changes(replanned.changes, lang)
    out.print(_w("written", lang, folder=out_dir), markup=False)


def roll(workbook: Path, start: dt.date, out_file: Path, name: str | None, lang: Lang) -> None:
    from scheduler.app.year import roll_workbook

    with _refusals(lang):
        rolled = roll_workbook(workbook, start, out_file, name, lang.value)
    shown = rolled.start.isoformat() if lang == Lang.en else f"{rolled.start:%d/%m/%Y}"
    out.print(_w("rolled", lang, file=out_file, name=rolled.name, start=shown), markup=False)
    if rolled.dropped:
        out.print(_w("dropped", lang, count=len(rolled.dropped)), markup=False)
        for message in rolled.dropped:
            out.print(f"  - {message.text(lang.value)}", markup=False)


__all__ = ["check", "export", "plan", "progress_line", "replan", "roll", "verify"]
