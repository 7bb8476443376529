"""`scheduler roll`: the next cohort's workbook from this one (SPEC §6).

Partners, speakers, offers, weights and the `Programme` settings are kept; weekly availability
windows are kept; windows, events and closures dated before the new start are dropped and listed;
participants and projects are cleared (with the project-mentoring offers and group events that
name them); the new cohort is named and dated. A year workbook's `Promotions` rows and cohort
cells are cleared: the result is one cohort. The input is never modified; the output is
written to a temporary file and renamed.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.errors import InputError, InvalidWorkbook, Message
from scheduler.workbook import cells
from scheduler.workbook.labels import COLUMNS, PROGRAMME_KEYS, SHEETS, find
from scheduler.workbook.writing import save_workbook

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
HEADER_SEARCH = 20


@dataclass
class RollReport:
    """What was left behind, one sentence per row, in the coordinator's words."""

    name: str
    start: dt.date
    dropped: list[Message] = field(default_factory=list)


@dataclass
class _Sheet:
    worksheet: Worksheet
    header: int
    columns: dict[str, int]  # column key -> 1-based position

    def value(self, row: int, column: str) -> object:
        position = self.columns.get(column)
        return None if position is None else self.worksheet.cell(row, position).value

    def rows(self) -> list[int]:
        return [r for r in range(self.header + 1, self.worksheet.max_row + 1)
                if any(not cells.is_blank(self.value(r, c)) for c in self.columns)]


def _sheets(workbook) -> dict[str, _Sheet]:
    found: dict[str, _Sheet] = {}
    for worksheet in workbook.worksheets:
        sheet = find(SHEETS, worksheet.title)
        if sheet is None or sheet in found:
            continue
        required = [label for label in COLUMNS[sheet].values() if label.required]
        header = next((r for r in range(1, min(worksheet.max_row, HEADER_SEARCH) + 1)
                       if any(label.matches(c.value) for c in worksheet[r] for label in required)), 1)
        columns = {}
        for cell in worksheet[header]:
            column = find(COLUMNS[sheet], cell.value)
            if column is not None and column not in columns:
                columns[column] = cell.column
        found[sheet] = _Sheet(worksheet, header, columns)
    return found


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def default_name(start: dt.date, lang: str = "fr") -> str:
    """'Promo avril 2027' ('Cohort April 2027' in English)."""
    if lang == "en":
        return f"Cohort {MONTHS_EN[start.month - 1]} {start.year}"
    return f"Promo {MONTHS_FR[start.month - 1]} {start.year}"


def _date(value: object) -> dt.date | None:
    try:
        return None if cells.is_blank(value) else cells.parse_date(value)
    except (cells.CellError, ValueError, TypeError):
        return None


def _ended_before(sheet: _Sheet, row: int, start: dt.date) -> bool:
    """A row whose `Date`, or `Au` (closures: `Au`), is before `start`."""
    day = _date(sheet.value(row, "date")) if "date" in sheet.columns else None
    if day is not None:
        return day < start
    last = _date(sheet.value(row, "to"))
    return last is not None and last < start


def _delete(sheet: _Sheet, rows: list[int]) -> None:
    for row in sorted(rows, reverse=True):
        sheet.worksheet.delete_rows(row)


def _set_setting(sheet: _Sheet, setting: str, value: object) -> None:
    label = PROGRAMME_KEYS[setting]
    row = next((r for r in sheet.rows() if label.matches(sheet.value(r, "parameter"))), None)
    if row is None:  # a new row, in the language of the sheet's keys (an English workbook: `start_date`)
        english = any(cells.text(sheet.value(r, "parameter")) == key.en != key.fr
                      for r in sheet.rows() for key in PROGRAMME_KEYS.values())
        row = sheet.worksheet.max_row + 1
        sheet.worksheet.cell(row, sheet.columns["parameter"]).value = label.en if english else label.fr
    sheet.worksheet.cell(row, sheet.columns["value"]).value = value
    if isinstance(value, dt.datetime):
        sheet.worksheet.cell(row, sheet.columns["value"]).number_format = "DD/MM/YYYY"


def _describe(sheet_key: str, row: int, what_fr: str, what_en: str) -> Message:
    label = SHEETS[sheet_key]
    return Message(f"feuille « {label.fr} », ligne {row} : {what_fr}", f"sheet '{label.en}', row {row}: {what_en}")


def roll(workbook: str | Path, start: dt.date, out: str | Path, name: str | None = None,
         lang: str = "fr") -> RollReport:
    """Write at `out` the next cohort's workbook, starting on `start`; returns what was dropped."""
    from scheduler.core.output_set import holds

    source, target = Path(workbook), Path(out)
    if not str(out).strip() or target.is_dir() or target.resolve() == source.resolve() or \
            (source.exists() and holds(target, source)):  # the same file, whatever its spelling or case
        raise InvalidWorkbook([InputError(source.name, None, None, None,
                                          "choisissez un autre fichier de sortie : le classeur d'origine n'est "
                                          "jamais modifié", "choose another output file: the original workbook "
                                                            "is never modified", is_file=True)])
    from scheduler.workbook.year_reading import load_year
    load_year(source)  # a workbook with mistakes is not rolled: the same messages as `check`
    from scheduler.workbook.ods import is_ods, load_ods

    if is_ods(source):  # read from LibreOffice's format, written as .xlsx
        book = load_ods(source)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source)
    sheets = _sheets(book)
    report = RollReport(name or default_name(start, lang), start)
    _set_setting(sheets["programme"], "name", report.name)
    _set_setting(sheets["programme"], "start_date", dt.datetime.combine(start, dt.time()))
    projects = {cells.key(sheets["projects"].value(r, "id")) for r in sheets["projects"].rows()} \
        if "projects" in sheets else set()
    for key, what_fr, what_en in (("availability", "disponibilité datée d'avant le nouveau début",
                                   "dated window before the new start"),
                                  ("events", "événement daté d'avant le nouveau début", "event dated before the new start"),
                                  ("closures", "fermeture finie avant le nouveau début", "closure ended before the new start")):
        if key not in sheets:
            continue
        sheet = sheets[key]
        group = {r for r in sheet.rows() if key == "events" and cells.key(sheet.value(r, "audience")) in projects}
        gone = [r for r in sheet.rows() if r in group or _ended_before(sheet, r, start)]
        for row in gone:
            who = cells.text(sheet.value(row, "speaker") if key == "availability" else sheet.value(row, "title")
                             if key == "events" else sheet.value(row, "reason"))
            if row in group:  # an event of a project group: the projects are cleared
                audience = cells.text(sheet.value(row, "audience"))
                report.dropped.append(_describe(key, row, f"{who}, événement du groupe {audience} (les projets sont vidés)",
                                                f"{who}, event of group {audience} (projects are cleared)"))
                continue
            report.dropped.append(_describe(key, row, f"{what_fr} ({who})" if who else what_fr,
                                            f"{what_en} ({who})" if who else what_en))
        _delete(sheet, gone)
    if "offers" in sheets:
        offers = sheets["offers"]
        gone = [r for r in offers.rows() if not cells.is_blank(offers.value(r, "project"))]
        for row in gone:
            offer, project = cells.text(offers.value(row, "id")), cells.text(offers.value(row, "project"))
            report.dropped.append(_describe("offers", row, f"{offer}, suivi du projet {project} (les projets sont vidés)",
                                            f"{offer}, mentoring of project {project} (projects are cleared)"))
        _delete(offers, gone)
    for key in ("participants", "projects", "cohorts"):
        if key in sheets:
            _delete(sheets[key], sheets[key].rows())
    for key, sheet in sheets.items():
        for column in ("cohort", "cohorts"):
            if column in sheet.columns and key != "cohorts":
                for row in range(sheet.header + 1, sheet.worksheet.max_row + 1):
                    sheet.worksheet.cell(row, sheet.columns[column]).value = None
    save_workbook(book, target)
    return report
