"""The use case `scheduler import`: sources read, names matched, rows added to a copy of the workbook.

Choice (see docs/imports.md): the good rows are imported and every bad one is listed, located in its
source; the run fails (exit 1) only when the workbook itself is invalid, or when problems were found
and no row at all could be used. Each added row is validated by the workbook reader itself: the
copy is read back, and a row the reader refuses is taken out again and reported at its source line.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scheduler.core.domain import Problem
from scheduler.core.errors import InputError, InvalidWorkbook, called, quoted
from scheduler.core.names import sheet_name
from scheduler.core.words import both, word
from scheduler.imports import framadate, tables
from scheduler.imports.merging import Target, append, find_targets, window_key
from scheduler.imports.names import SpeakerNames
from scheduler.imports.sources import Issue, Proposal, Unreadable, Where, read_grids
from scheduler.workbook import cells
from scheduler.workbook.labels import SHEETS
from scheduler.workbook.ods import open_workbook
from scheduler.workbook.reading import load

MAX_ROUNDS = 10
"""Read-back rounds: each takes out the rows the reader refused (a refused speaker takes out their rows)."""


@dataclass
class ImportReport:
    """What an import did: windows added per speaker, new speakers and offers, rows already there, problems."""

    out: Path
    written: bool = False
    windows: Counter = field(default_factory=Counter)  # speaker -> windows added
    speakers: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    already_present: int = 0
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    invalid: InvalidWorkbook | None = None  # the workbook itself (or the copy, unexpectedly) is invalid

    @property
    def usable(self) -> int:
        """Rows of the sources that were added or already present."""
        return sum(self.windows.values()) + len(self.speakers) + len(self.offers) + self.already_present

    @property
    def exit_code(self) -> int:
        """0 done (bad rows, if any, are listed); 1 the workbook is invalid, or problems and nothing usable."""
        return 1 if self.invalid is not None or (self.issues and not self.usable) else 0


def import_sources(workbook: str | Path, sources: list[str | Path] | tuple[str | Path, ...], out: str | Path,
                   lang: str = "fr") -> ImportReport:
    """Add to a copy of `workbook`, written to `out`, what `sources` hold; the input is never modified."""
    workbook, out = Path(workbook), Path(out)
    report = ImportReport(out)
    try:
        problem = load(workbook)
    except InvalidWorkbook as invalid:
        report.invalid = invalid
        return report
    proposals: list[Proposal] = []
    for source in dict.fromkeys(Path(source).resolve() for source in sources):  # a file given twice is read once
        proposals.extend(_read_source(source, problem, report))
    accepted = _resolve(proposals, problem, report)
    _write(workbook, out, accepted, report)
    return report


def _read_source(path: Path, problem: Problem, report: ImportReport) -> list[Proposal]:
    try:
        grids = read_grids(path)
    except Unreadable as unreadable:
        report.issues.append(unreadable.issue)
        return []
    found: list[Proposal] = []
    if not any(grid.rows for grid in grids):
        report.issues.append(Issue(Where(path.name), None, *both("import.issue.empty_file")))
    for grid in grids:
        if not grid.rows:
            continue
        if framadate.looks_like_poll(grid, problem.programme.start_date):
            answers, issues = framadate.read_poll(grid, problem.programme)
            found.extend(_window_of(answer) for answer in answers)
        else:
            proposals, issues = tables.read_table(grid, problem.programme)
            if issues and not proposals and len(grids) > 1 and tables.find_header(grid) is None:
                continue  # another sheet of a workbook (instructions, a chart): not a table of ours
            found.extend(proposals)
        report.issues.extend(issues)
    return found


def _window_of(answer: framadate.Answer) -> Proposal:
    values: dict[str, object] = {"date": answer.day, "preference": answer.preferred}
    if answer.hours is not None:
        values["start"], values["end"] = answer.hours
    return Proposal("availability", answer.name, values, answer.where, answer.name_where)


# ---------------------------------------------------------------------------------------------
# Names and duplicates


def _resolve(proposals: list[Proposal], problem: Problem, report: ImportReport) -> list[Proposal]:
    """The proposals to add: names matched to speakers (new speakers first), duplicates counted, not kept."""
    names = SpeakerNames([speaker.name for speaker in problem.speakers])
    accepted: list[Proposal] = []
    named: set[tuple[object, str]] = set()  # (name cell, name) already reported: one mistake, one message
    for proposal in (p for p in proposals if p.sheet == "speakers"):
        match = names.match(proposal.name)
        if match.name is not None:
            report.already_present += 1
        elif match.ambiguous:
            report.issues.append(_ambiguous(proposal, match.ambiguous))
            named.add((proposal.name_where, proposal.name))
        elif names.look_alike(proposal.name) is not None:
            report.issues.append(_look_alike(proposal, names.look_alike(proposal.name) or ""))
            named.add((proposal.name_where, proposal.name))
        else:
            proposal.values["speaker"] = proposal.name.strip()
            names.add(proposal.values["speaker"])
            accepted.append(proposal)
    offer_ids = {cells.key(offer.id): offer for offer in problem.offers}
    windows = {window_key(_window_values(w)) for w in problem.windows}
    for proposal in (p for p in proposals if p.sheet != "speakers"):
        match = names.match(proposal.name)
        if match.name is None:
            if (proposal.name_where, proposal.name) not in named:  # a poll line gives one proposal per answer
                named.add((proposal.name_where, proposal.name))
                report.issues.append(_ambiguous(proposal, match.ambiguous) if match.ambiguous
                                     else _unknown(proposal, match.suggestions))
            continue
        proposal.values["speaker"] = match.name
        if proposal.sheet == "availability":
            found = window_key(proposal.values)
            if found in windows:
                report.already_present += 1
                continue
            windows.add(found)
        else:
            offer_id = cells.key(proposal.values.get("id"))
            if offer_id and offer_id in offer_ids:
                known = offer_ids[offer_id]
                if cells.key(known.title) != cells.key(proposal.values.get("title")):
                    report.issues.append(Issue(proposal.where, proposal.values.get("id"),
                                               *(word("import.issue.id_taken", lang, title=quoted(known.title, lang))
                                                 for lang in ("fr", "en"))))
                    continue
                report.already_present += 1
                continue
            if offer_id:
                offer_ids[offer_id] = _Offered(cells.text(proposal.values.get("title")))
        accepted.append(proposal)
    return accepted


@dataclass(frozen=True)
class _Offered:
    title: str


def _window_values(window) -> dict[str, object]:
    return {"speaker": window.speaker, "date": window.date, "weekday": window.weekday, "start": window.start,
            "end": window.end, "from": window.first, "to": window.last}


def _either(names: tuple[str, ...], lang: str) -> str:
    """« Léa Dupont » ou « Léa Durand » / 'Léa Dupont' or 'Léa Durand'."""
    return f" {word('import.issue.or', lang)} ".join(quoted(name, lang) for name in names)


def _speakers_sheet(lang: str) -> str:
    return quoted(sheet_name("speakers", lang), lang)


def _unknown_text(suggestions: tuple[str, ...], lang: str) -> str:
    message = word("import.issue.unknown_name", lang, sheet=_speakers_sheet(lang))
    if not suggestions:
        return message
    return word("import.issue.did_you_mean", lang, message=message, names=_either(suggestions, lang))


def _unknown(proposal: Proposal, suggestions: tuple[str, ...]) -> Issue:
    return Issue(proposal.name_where, proposal.name, _unknown_text(suggestions, "fr"), _unknown_text(suggestions, "en"))


def _look_alike(proposal: Proposal, known: str) -> Issue:
    return Issue(proposal.name_where, proposal.name,
                 *(word("import.issue.look_alike", lang, known=quoted(known, lang), sheet=_speakers_sheet(lang))
                   for lang in ("fr", "en")))


def _ambiguous(proposal: Proposal, candidates: tuple[str, ...]) -> Issue:
    return Issue(proposal.name_where, proposal.name,
                 *(word("import.issue.ambiguous", lang, names=_either(candidates, lang)) for lang in ("fr", "en")))


# ---------------------------------------------------------------------------------------------
# Writing, read back by the workbook reader

_ORDER = ("speakers", "offers", "availability")


def _write(workbook: Path, out: Path, accepted: list[Proposal], report: ImportReport) -> None:
    """Append the accepted rows to a copy, read it back, take out what the reader refuses, then rename."""
    if report.issues and not report.usable and not accepted:
        return  # nothing could be imported: nothing is written
    handle, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".xlsx", dir=out.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        for _ in range(MAX_ROUNDS):
            placed = _copy_with(workbook, accepted, temporary)
            try:
                checked = load(temporary)
            except InvalidWorkbook as invalid:
                refused = _refused(invalid.errors, placed, report)
                if not refused:
                    report.invalid = invalid  # an error the added rows did not cause: write nothing
                    return
                accepted = _without(accepted, refused, report)
                continue
            _report_added(accepted, placed, checked, report)
            if report.issues and not report.usable:
                return  # every row was refused: nothing is written
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, out)
            report.written = True
            return
    finally:
        if temporary.exists():
            temporary.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _copy_with(workbook: Path, accepted: list[Proposal], path: Path) -> dict[tuple[str, int], Proposal]:
    """The workbook with the rows appended, saved at `path`; (French sheet name, row) -> the row's proposal."""
    book = open_workbook(workbook, data_only=False)
    targets: dict[str, Target] = find_targets(book)
    placed = {}
    for sheet in _ORDER:
        for proposal in (p for p in accepted if p.sheet == sheet):
            row = append(targets[sheet], proposal.values)
            placed[(SHEETS[sheet].fr, row)] = proposal
    book.save(path)
    return placed


def _refused(errors: list[InputError], placed: dict[tuple[str, int], Proposal],
             report: ImportReport) -> list[Proposal]:
    """The added rows the reader found a mistake in, each reported at its source line."""
    refused = []
    for error in errors:
        proposal = placed.get((error.sheet, error.row))
        if proposal is None:
            continue
        report.issues.append(_from_reader(proposal, error))
        refused.append(proposal)
    return refused


def _from_reader(proposal: Proposal, error: InputError, warning: bool = False) -> Issue:
    cell = proposal.cells.get(error.keys[1] or "") if error.keys else None
    if cell is not None:  # the source's own cell names the column
        return Issue(cell, error.value, error.message.fr, error.message.en, warning)
    return Issue(proposal.where, error.value, _in_column(error, "fr"), _in_column(error, "en"), warning)


def _in_column(error: InputError, lang: str) -> str:
    """The reader's message, after the workbook's column it is about (when it is about one)."""
    column = error.column_en if lang == "en" else error.column
    if not column:
        return error.message.text(lang)
    return word("import.issue.in_column", lang, column=called(error.column_written, column, lang),
                message=error.message.text(lang))


def _without(accepted: list[Proposal], refused: list[Proposal], report: ImportReport) -> list[Proposal]:
    """`accepted` less the refused rows, and less the rows of a speaker whose own row was refused."""
    gone = {id(p) for p in refused}
    lost = {p.values.get("speaker") for p in refused if p.sheet == "speakers"}
    kept = []
    for proposal in accepted:
        if id(proposal) in gone:
            continue
        if proposal.sheet != "speakers" and proposal.values.get("speaker") in lost:
            report.issues.append(Issue(proposal.where, proposal.name, *both("import.issue.speaker_refused")))
            continue
        kept.append(proposal)
    return kept


def _report_added(accepted: list[Proposal], placed: dict[tuple[str, int], Proposal], problem: Problem,
                  report: ImportReport) -> None:
    for proposal in accepted:
        if proposal.sheet == "availability":
            report.windows[proposal.values["speaker"]] += 1
        elif proposal.sheet == "speakers":
            report.speakers.append(proposal.values["speaker"])
        else:
            report.offers.append(cells.text(proposal.values.get("id")))
    for notice in problem.warnings:
        error = getattr(notice, "error", None)
        proposal = placed.get((error.sheet, error.row)) if error is not None else None
        if proposal is not None:
            report.warnings.append(_from_reader(proposal, error, warning=True))
