"""`verify` on a hand-edited annee.xlsx, read as a coordinator reads it: each violation's rows and sessions
are listed in the same order (row 46 is the first session named), and no rule title is quoted twice."""
from __future__ import annotations

import re
import shutil

import openpyxl

from helpers_workbooks import write_workbook
from test_tryyear_export import planned  # noqa: F401  (the planned two-cohort year)
from test_year_cli import plannable_sheets, run


def test_rows_and_sessions_of_a_violation_are_listed_in_the_same_order(planned, tmp_path):  # noqa: F811
    workbook, out = planned
    copy = tmp_path / "copie"
    shutil.copytree(out, copy)
    book = openpyxl.load_workbook(copy / "annee.xlsx")
    sheet = book["Année"]
    header = [cell.value for cell in sheet[1]]
    first = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Hiver" and r[header.index("Intervention")].value)
    twin = [cell.value for cell in first]
    twin[header.index("Séance")] = "I1-0"  # the same offer again at the same hour, as the last row of the sheet
    sheet.append(twin)
    book.save(copy / "annee.xlsx")
    row_of = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        row_of.setdefault(row[header.index("Séance")], number)
    sheets = plannable_sheets()  # the same year with at most 3 hours a day: the twin row makes 4 on its day
    sheets["Programme"] = [row for row in sheets["Programme"] if row[0] != "Heures max par jour"]
    sheets["Programme"].append(["Heures max par jour", 3])
    workbook = write_workbook(tmp_path / "trois-heures.xlsx", sheets)
    result = run("verify", workbook, copy / "annee.xlsx")
    assert result.exit_code == 4, result.output
    listed = re.findall(r"Année lignes ([\d, ]+) \(([^)]*)\)", result.output)
    assert listed
    for numbers, sessions in listed:
        numbers = [int(n) for n in numbers.split(", ")]
        sessions = sessions.split(", ")
        if len(numbers) == len(sessions):  # one row per session: row i is session i
            assert [row_of[s] for s in sessions] == numbers, (numbers, sessions)
    assert "règle « Heures max par jour »" in result.output  # quoted once, not « « … » »
    assert "« «" not in result.output and "» »" not in result.output


def test_verify_of_a_one_row_year_speaks_in_the_singular(tmp_path):
    import datetime as dt

    sheets = plannable_sheets()
    sheets["Promotions"] = sheets["Promotions"][:2]  # only Hiver
    sheets["Participants"] = sheets["Participants"][:2]
    sheets["Projets"] = sheets["Projets"][:2]
    sheets["Disponibilités"] = [row for row in sheets["Disponibilités"] if row[1] != dt.datetime(2027, 3, 2)]
    workbook = write_workbook(tmp_path / "annee.xlsx", sheets)
    planned = run("plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert planned.exit_code == 0, planned.output
    result = run("verify", workbook, tmp_path / "out" / "annee.xlsx")
    assert result.exit_code == 0, result.output
    assert "1 promotion)" in result.output and "1 promotions" not in result.output
    assert re.search(r"\(\d+ lignes, 1 promotion\)", result.output), result.output
