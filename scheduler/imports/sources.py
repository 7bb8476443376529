"""Reading a source file as rows of cells, each located as the coordinator's spreadsheet or editor shows it.

A `.csv` is decoded whatever its encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and
split on its separator (`,`, `;` or tab, whichever splits its first line best); an `.xlsx` is read
with openpyxl, an `.ods` with `scheduler.workbook.ods`. Line numbers are those of the file: the
first line is 1, blank lines count.
"""
from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from scheduler.core.errors import quoted
from scheduler.core.words import both, word
from scheduler.workbook.cells import filled_rows, is_blank
from scheduler.workbook.ods import is_ods, load_ods
from scheduler.workbook.table import lock_file_of


@dataclass(frozen=True)
class Where:
    """A place in a source file: its name, the sheet (for workbooks), the line, the column and its header."""

    file: str
    line: int | None = None
    column: int | None = None  # 0-based position
    header: str = ""
    sheet: str = ""

    def text(self, lang: str = "fr") -> str:
        parts = [word("where.file", lang, name=quoted(self.file, lang))]
        if self.sheet:
            parts.append(word("where.sheet", lang, name=quoted(self.sheet, lang)))
        if self.line:
            parts.append(word("import.where.line", lang, line=self.line))
        if self.column is not None:
            letter = get_column_letter(self.column + 1)
            parts.append(word("import.where.column_named", lang, letter=letter, header=self.header) if self.header
                         else word("import.where.column", lang, letter=letter))
        return ", ".join(parts)


@dataclass(frozen=True)
class Issue:
    """A located problem of a source (or a warning): where, the value found, what to do, in French and English."""

    where: Where
    value: object
    fr: str
    en: str
    warning: bool = False

    def render(self, lang: str = "fr") -> str:
        where = self.where.text(lang)
        if not is_blank(self.value):
            where = word("where.found", lang, where=where, value=self.value)
        return word("where.said", lang, where=where, message=self.en if lang == "en" else self.fr)


@dataclass
class Grid:
    """One table of a source: (line number, cell values) for every non-empty line."""

    file: str
    sheet: str = ""
    rows: list[tuple[int, tuple[object, ...]]] = field(default_factory=list)

    def where(self, line: int | None, column: int | None = None, header: str = "") -> Where:
        return Where(self.file, line, column, header, self.sheet)


class Unreadable(Exception):
    """A source that cannot be read at all; `issue` says why."""

    def __init__(self, issue: Issue):
        super().__init__(issue.en)
        self.issue = issue


def read_grids(path: Path) -> list[Grid]:
    """The tables of the source at `path` (one per sheet of a workbook); Unreadable when it cannot be read."""
    name = path.name
    if not path.is_file():
        raise Unreadable(Issue(Where(name), None, *both("import.issue.not_found")))
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm") or is_ods(path):
            return _workbook_grids(path)
        return [_csv_grid(path)]
    except Unreadable:
        raise
    except PermissionError:  # the operating system refuses: say so, not "save it again"
        raise Unreadable(Issue(Where(name), None, *both("workbook_file.not_readable"))) from None
    except Exception:  # a file of another kind than its name says: one located message, no traceback
        if lock_file_of(path):
            raise Unreadable(Issue(Where(name), None, *both("workbook_file.lock_file", file=lock_file_of(path)))) from None
        raise Unreadable(Issue(Where(name), None, *both("import.issue.unreadable"))) from None


def _workbook_grids(path: Path) -> list[Grid]:
    if is_ods(path):
        workbook = load_ods(path)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, data_only=True)
    grids = []
    shown_sheet = len(workbook.worksheets) > 1
    for worksheet in workbook.worksheets:
        rows = filled_rows(worksheet)
        values = [(number, tuple(rows[number].get(i) for i in range(max(rows[number]) + 1))) for number in sorted(rows)]
        grids.append(Grid(path.name, worksheet.title if shown_sheet else "", values))
    return grids


ENCODINGS = ("utf-8", "cp1252", "latin-1")


def decode(data: bytes) -> str:
    """The text of a file whatever its usual encoding; a UTF-8 or UTF-16 BOM is dropped."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")  # pragma: no cover - latin-1 decodes every byte


def _csv_grid(path: Path) -> Grid:
    text = decode(path.read_bytes())
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = Grid(path.name)
    previous_end = 0
    for record in reader:
        line = previous_end + 1  # where the record starts (a quoted cell may span several lines)
        previous_end = reader.line_num
        values = tuple(value if value.strip() else None for value in record)
        if any(value is not None for value in values):
            grid.rows.append((line, values))
    return grid


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number of cells, the most of them (quotes respected).

    The first line alone is not enough: a poll saved again with `;` keeps the commas of its
    dates (`Tuesday, November 3, 2026`) unquoted, and a first line may hold more of them than `;`.
    """
    lines = [line for line in text.splitlines() if line.strip()][:SNIFFED_LINES]
    if not lines:
        return ","

    def score(delimiter: str) -> tuple[int, int, bool]:
        counts = [len(record) for record in csv.reader(lines, delimiter=delimiter)]
        agreeing = sum(count == counts[0] for count in counts) if counts[0] > 1 else 0
        return agreeing, counts[0], delimiter == ","
    return max((",", ";", "\t"), key=score)


SNIFFED_LINES = 10


@dataclass
class Proposal:
    """A row to add to sheet `sheet` (a key of `labels.SHEETS`): column key -> value, the speaker's name
    as typed, and where it comes from."""

    sheet: str
    name: str
    values: dict[str, object]
    where: Where  # the line (and cell) the row comes from
    name_where: Where  # the cell holding the name
    cells: dict[str, Where] = field(default_factory=dict)  # column key -> the source cell it comes from
