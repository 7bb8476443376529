"""LibreOffice `.ods` workbooks: typed cells, row numbers as LibreOffice shows them, every command."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from typer.testing import CliRunner

from conftest import NANCY
from scheduler.cli import app
from scheduler.workbook.ods import load_ods, open_workbook
from scheduler.workbook.reading import load

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _cell(value_type: str | None = None, text: str = "", **attributes) -> TableCell:
    cell = TableCell(valuetype=value_type, **attributes) if value_type else TableCell(**attributes)
    if text:
        cell.addElement(P(text=text))
    return cell


def test_load_ods_keeps_types_and_row_numbers_of_blank_and_repeated_rows(tmp_path):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Disponibilités")
    header = TableRow()
    for name in ("Intervenant", "Date", "Début"):
        header.addElement(_cell("string", name))
    table.addElement(header)
    table.addElement(TableRow(numberrowsrepeated=3))  # rows 2-4: blank
    row = TableRow()
    row.addElement(_cell("string", "Léa Dupont"))
    row.addElement(_cell("date", "03/11/2026", datevalue="2026-11-03"))
    row.addElement(_cell("time", "09:30", timevalue="PT09H30M00S"))
    row.addElement(_cell("float", "1,5", value="1.5"))
    row.addElement(_cell("boolean", "VRAI", booleanvalue="true"))
    table.addElement(row)
    repeated = TableRow(numberrowsrepeated=2)  # rows 6-7: the same cells twice
    repeated.addElement(_cell("string", "x", numbercolumnsrepeated=2))
    repeated.addElement(_cell())
    merged = _cell("float", "3", value="3", numbercolumnsspanned=2)
    repeated.addElement(merged)
    repeated.addElement(CoveredTableCell())
    table.addElement(repeated)
    table.addElement(TableRow(numberrowsrepeated=1048568))  # LibreOffice's padding to the last row
    document.spreadsheet.addElement(table)
    path = tmp_path / "cells.ods"
    document.save(str(path))

    sheet = load_ods(path)["Disponibilités"]
    assert [c.value for c in sheet[1]] == ["Intervenant", "Date", "Début", None, None]
    assert all(cell.value is None for number in (2, 3, 4) for cell in sheet[number])
    assert [c.value for c in sheet[5]] == ["Léa Dupont", dt.datetime(2026, 11, 3), dt.time(9, 30), 1.5, True]
    for number in (6, 7):
        assert [sheet.cell(number, c).value for c in range(1, 5)] == ["x", "x", None, 3]
    assert sheet.max_row == 7
    assert "D6:E6" in {str(r) for r in sheet.merged_cells.ranges}
    assert open_workbook(path)["Disponibilités"]["A5"].value == "Léa Dupont"


def to_ods(source: Path, target: Path) -> Path:
    """The workbook at `source` written again as .ods by pandas (values only), every row kept."""
    book = openpyxl.load_workbook(source)
    with pd.ExcelWriter(target, engine="odf") as writer:
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            pd.DataFrame(rows).to_excel(writer, sheet_name=sheet.title, header=False, index=False)
    return target


def test_the_nancy_workbook_as_ods_reads_as_the_same_problem_and_plans(tmp_path, nancy_plan):
    ods = to_ods(NANCY, tmp_path / "nancy.ods")
    assert load(ods) == load(NANCY)
    assert run("check", str(ods)).exit_code == 0
    result = run("plan", str(ods), "--out", str(tmp_path / "out"), "--time-limit", "4", "--workers", "2")
    assert result.exit_code == 0, result.output
    # the same timetable: each plan obeys every rule of the other workbook
    assert run("verify", str(NANCY), str(tmp_path / "out" / "planning.xlsx")).exit_code == 0
    assert run("verify", str(ods), str(nancy_plan / "planning.xlsx")).exit_code == 0


def test_an_error_is_located_at_the_same_row_in_the_xlsx_and_the_ods(tmp_path):
    book = openpyxl.load_workbook(NANCY)
    sheet = book["Disponibilités"]
    for cell in sheet[5]:
        cell.value = None  # a blank row above the mistake: row numbers must not shift
    sheet["B10"] = "31/02/2027"
    xlsx = tmp_path / "faute.xlsx"
    book.save(xlsx)
    ods = to_ods(xlsx, tmp_path / "faute.ods")
    for path in (xlsx, ods):
        result = run("check", str(path))
        assert result.exit_code == 1
        assert "feuille « Disponibilités », ligne 10, colonne « Date » (valeur : 31/02/2027)" in result.output, \
            result.output


def test_an_unreadable_ods_is_a_located_file_error(tmp_path):
    path = tmp_path / "faux.ods"
    path.write_bytes(b"not an ods")
    result = run("check", str(path))
    assert result.exit_code == 1 and "faux.ods" in result.output and "Traceback" not in result.output
