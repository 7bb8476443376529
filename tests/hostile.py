"""A hostile coordinator: corrupted workbooks derived from the examples by cell-level mutations
(type swaps, blanks, long strings, control characters, formulas and error values, merged cells,
hidden, renamed and reordered sheets, swapped and hidden columns, deleted rows), and the invariants
every run must keep whatever it is given (issue 15):

* no traceback (the in-process run raises nothing but the CLI's own exit);
* an exit code of the contract (SPEC §4);
* the input's bytes unchanged;
* nothing written outside --out;
* the previous output set intact when the run fails, and the coordinator's own files kept when it works.

Used by tests/test_hostile.py (a few hundred cases in CI) and tests/benchmarks/hostile_run.py (as many
as asked).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from scheduler.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {name: (ROOT / "examples" / name).read_bytes()
            for name in ("nancy-novembre-2026.xlsx", "summer-time-2027.xlsx")}
CONTRACT_EXITS = {0, 1, 2, 3}
runner = CliRunner()

TEXTS = ["", " ", "abc", "Léa, Dupont; \"la\"", "ligne 1\nligne 2", "a\r\nb", "tab\there", "😀🎉 émoji",
         "x" * 300, "é" * 300, "_x0001_ contrôle", "..\\..\\pwn", "CON", "a:b?c*", "=1/0", "=A1+", "=SUM(A1:A3)",
         "#DIV/0!", "#N/A", "#REF!", "#VALUE!", "00:00", "25:00", "31/02/2027", "1e999", "∞", "NaN", "-0"]
NUMBERS = st.one_of(st.integers(-10 ** 20, 10 ** 20), st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
                    st.sampled_from([0, -1, 0.5, 1e-9, 10 ** 15]))
VALUES = st.one_of(st.none(), st.sampled_from(TEXTS), NUMBERS, st.booleans(),
                   st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
                   st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)), st.times(),
                   st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
                   st.just("SWAP"))
INDEX = st.integers(0, 400)
MUTATION = st.one_of(
    st.tuples(st.just("cell"), INDEX, INDEX, INDEX, VALUES),
    st.tuples(st.just("cell"), INDEX, st.just(1), INDEX, VALUES),  # headers are where it hurts most
    st.tuples(st.just("merge"), INDEX, INDEX, INDEX, st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("hide_sheet"), INDEX),
    st.tuples(st.just("move_sheet"), INDEX, st.integers(-9, 9)),
    st.tuples(st.just("rename_sheet"), INDEX, st.sampled_from(["Feuil1", "programme ", "DISPONIBILITES", "X"])),
    st.tuples(st.just("swap_columns"), INDEX, INDEX, INDEX),
    st.tuples(st.just("hide_column"), INDEX, INDEX),
    st.tuples(st.just("delete_row"), INDEX, INDEX),
    st.tuples(st.just("delete_column"), INDEX, INDEX),
)
CASES = st.tuples(st.sampled_from(sorted(EXAMPLES)), st.lists(MUTATION, min_size=1, max_size=4))


def _swapped(value: object) -> object:
    """The value as the other type a careless hand would type it."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return f"{value} h"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return len(value)
    return "?"


def _apply(book, mutation: tuple) -> None:
    kind, *args = mutation
    sheets = book.worksheets
    sheet = sheets[args[0] % len(sheets)]
    rows, columns = sheet.max_row + 1, sheet.max_column + 1
    if kind == "cell":
        cell = sheet.cell(1 + args[1] % rows, 1 + args[2] % columns)
        value = _swapped(cell.value) if args[3] == "SWAP" else args[3]
        try:
            cell.value = value
        except (ValueError, TypeError):  # a character Excel cannot store: what Excel writes instead
            cell.value = repr(value)
    elif kind == "merge":
        row, column = 1 + args[1] % rows, 1 + args[2] % columns
        if args[3] or args[4]:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + args[3], end_column=column + args[4])
    elif kind == "hide_sheet":
        if sum(s.sheet_state == "visible" for s in sheets) > 1:
            sheet.sheet_state = "hidden"
            book.active = next(i for i, s in enumerate(sheets) if s.sheet_state == "visible")
    elif kind == "move_sheet":
        book.move_sheet(sheet, offset=max(-sheets.index(sheet), min(args[1], len(sheets) - 1 - sheets.index(sheet))))
    elif kind == "rename_sheet":
        if args[1] not in book.sheetnames:
            sheet.title = args[1]
    elif kind == "swap_columns":
        first, second = 1 + args[1] % columns, 1 + args[2] % columns
        for row in range(1, rows):
            a, b = sheet.cell(row, first), sheet.cell(row, second)
            a.value, b.value = b.value, a.value
    elif kind == "hide_column":
        sheet.column_dimensions[get_column_letter(1 + args[1] % columns)].hidden = True
    elif kind == "delete_row":
        sheet.delete_rows(1 + args[1] % rows)
    elif kind == "delete_column":
        sheet.delete_cols(1 + args[1] % columns)


def corrupted(example: str, mutations: list[tuple]) -> bytes:
    """The example workbook with the mutations applied (a mutation openpyxl cannot apply is skipped)."""
    book = openpyxl.load_workbook(io.BytesIO(EXAMPLES[example]))
    for mutation in mutations:
        try:
            _apply(book, mutation)
        except (ValueError, TypeError, IndexError, KeyError):
            continue
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder`, hidden ones included -> the digest of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Outcome:
    exit_code: int
    output: str


def run_case(folder: Path, data: bytes, command: str) -> Outcome:
    """Run `check` or `plan` on the corrupted workbook `data` inside `folder`, asserting every invariant."""
    workbook = folder / "entree" / "classeur.xlsx"
    workbook.parent.mkdir(parents=True)
    workbook.write_bytes(data)
    out = folder / "sortie"
    (out / "participants").mkdir(parents=True)
    (out / "planning.xlsx").write_bytes(b"the previous timetable")
    (out / "participants" / "ana.ics").write_bytes(b"BEGIN:VCALENDAR")
    (out / "notes du coordinateur.txt").write_text("à garder", encoding="utf-8")
    before, around = snapshot(out), snapshot(folder / "entree")
    args = ["check", str(workbook)] if command == "check" else \
        ["plan", str(workbook), "--out", str(out), "--time-limit", "0.5", "--workers", "1"]
    result = runner.invoke(app, args)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}\n{output}") from result.exception
    assert result.exit_code in CONTRACT_EXITS, output
    assert not {"traceback", "internal", "interne"} & set(output.lower().replace(":", " ").split()), output
    assert snapshot(folder / "entree") == around, "the input was modified, or a file written beside it"
    assert sorted(p.name for p in folder.iterdir()) == ["entree", "sortie"], "something written outside --out"
    after = snapshot(out)
    if result.exit_code != 0 or command == "check":
        assert after == before, "the previous output set changed"
    else:
        assert after["notes du coordinateur.txt"] == before["notes du coordinateur.txt"]
        assert after["planning.xlsx"] != before["planning.xlsx"] and "cohorte.ics" in after
    return Outcome(result.exit_code, output)
