"""No input makes a traceback: corrupted workbooks (wrong types, empty or missing sheets, merged
cells, formulas, duplicate IDs, huge values, files that are not workbooks at all) give exit 1 and a
located message from both `check` and `plan`; harmless changes (stray spaces, case) pass; the input
file is never modified."""
from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers_workbooks import write_workbook
from scheduler.cli import app
from test_check import CLEAN

runner = CliRunner()
LOCATED = re.compile(r"^- (feuille|fichier) « [^»]+ »", re.MULTILINE)

TYPED_CELLS = [("Interventions", 2, "Durée (h)"), ("Interventions", 3, "Séances"), ("Disponibilités", 2, "Début"),
               ("Événements", 2, "Fin"), ("Programme", 3, "Valeur"), ("Intervenants", 3, "Max séances"),
               ("Projets", 2, "Taille max"), ("Fermetures", 2, "Du"), ("Organisations", 2, "Type"),
               ("Interventions", 2, "Format"), ("Disponibilités", 3, "Jour")]
BAD_VALUES = ["abc", True, "∞", "1e999", -3, 10 ** 30, 1e300, "9" * 400, dt.datetime(9999, 12, 31), "#N/A"]
REQUIRED_SHEETS = ["Programme", "Thèmes", "Organisations", "Intervenants", "Interventions", "Disponibilités"]
DEFINING = {"Thèmes": "Thème", "Organisations": "Organisation", "Intervenants": "Intervenant", "Interventions": "ID",
            "Participants": "Participant"}
REQUIRED_CELLS = [("Interventions", 3, "Titre"), ("Intervenants", 2, "Organisation"), ("Disponibilités", 2, "Intervenant"),
                  ("Programme", 2, "Valeur"), ("Organisations", 3, "Type"), ("Événements", 2, "Début")]


def base() -> dict:
    data = copy.deepcopy(CLEAN)
    data["Fermetures"] = [["Du", "Au", "Motif"], [dt.datetime(2026, 12, 21), dt.datetime(2027, 1, 1), "Noël"]]
    return data


def column(data: dict, sheet: str, name: str) -> int:
    return data[sheet][0].index(name)


def set_value(data: dict, sheet: str, row: int, name: str, value: object) -> None:
    rows = data[sheet]
    while len(rows[row - 1]) <= column(data, sheet, name):
        rows[row - 1].append(None)
    rows[row - 1][column(data, sheet, name)] = value


@st.composite
def corruptions(draw):
    """(description, function writing the corrupted file at a path)."""
    kind = draw(st.sampled_from(["type", "empty sheet", "missing sheet", "merged", "formula", "duplicate",
                                 "not xlsx", "empty file", "zip"]))
    data = base()
    if kind == "type":
        sheet, row, name = draw(st.sampled_from(TYPED_CELLS))
        value = draw(st.sampled_from(BAD_VALUES))
        if name == "Valeur" and isinstance(value, dt.datetime):
            value = "2026-13-45"
        set_value(data, sheet, row, name, value)
        return f"{sheet}!{name}{row}={value!r}", lambda path: write_workbook(path, data)
    if kind == "empty sheet":
        sheet = draw(st.sampled_from(REQUIRED_SHEETS))
        data[sheet] = []
        return f"empty {sheet}", lambda path: write_workbook(path, data)
    if kind == "missing sheet":
        sheet = draw(st.sampled_from(REQUIRED_SHEETS))
        del data[sheet]
        return f"no {sheet}", lambda path: write_workbook(path, data)
    if kind == "duplicate":
        sheet = draw(st.sampled_from(sorted(DEFINING)))
        rows, index = data[sheet], column(data, sheet, DEFINING[sheet])
        rows.append(list(rows[-1]))
        rows[-1][index] = draw(st.sampled_from(["", "  ", "\t"])) + str(rows[1][index]).upper()
        return f"duplicate in {sheet}", lambda path: write_workbook(path, data)
    if kind in ("merged", "formula"):
        sheet, row, name = draw(st.sampled_from(REQUIRED_CELLS))
        letter = openpyxl.utils.get_column_letter(column(data, sheet, name) + 1)
        formula = draw(st.sampled_from(["=1+1", "=A1", "=SUM(B2:B3)", '=CONCAT("a","b")']))

        def damage(path: Path) -> None:
            write_workbook(path, data)
            workbook = openpyxl.load_workbook(path)
            worksheet = workbook[sheet]
            if kind == "merged":
                worksheet.merge_cells(f"{letter}{row}:{letter}{row + 1}")
            else:
                worksheet[f"{letter}{row}"] = formula
            workbook.save(path)
        return f"{kind} {sheet}!{letter}{row}", damage
    if kind == "not xlsx":
        content = draw(st.binary(min_size=1, max_size=200) | st.just(b"ID;Titre\nI1;Le web\n"))
        return "not xlsx", lambda path: path.write_bytes(content)
    if kind == "zip":
        member = draw(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "hello.txt"]))

        def zipped(path: Path) -> None:
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr(member, "<not really xml")
        return f"zip with {member}", zipped
    return "empty file", lambda path: path.write_bytes(b"")


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corruptions())
def test_corrupted_workbooks_give_exit_1_and_a_located_message(corruption) -> None:
    description, damage = corruption
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "classeur.xlsx"
        damage(path)
        before = path.read_bytes()
        checked = invoke("check", str(path))
        assert checked.exit_code == 1, (description, checked.output)
        assert LOCATED.search(checked.output), (description, checked.output)
        planned = invoke("plan", str(path), "--out", str(Path(folder) / "out"), "--time-limit", "2")
        assert planned.exit_code == 1, (description, planned.output)
        assert LOCATED.search(planned.output)
        english = invoke("check", str(path), "--lang", "en")
        assert english.exit_code == 1 and re.search(r"^- (sheet|file) '", english.output, re.MULTILINE)
        assert path.read_bytes() == before, description
        assert not (Path(folder) / "out" / "planning.xlsx").exists()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(DEFINING)), st.sampled_from(["  {} ", "{}\u00a0", "{}".upper(), "\t{}"]),
       st.booleans())
def test_stray_spaces_and_case_are_harmless(sheet: str, pattern: str, upper: bool) -> None:
    data = base()
    index = column(data, sheet, DEFINING[sheet])
    for row in data[sheet][1:]:
        row[index] = pattern.format(row[index].upper() if upper else row[index])
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "espaces.xlsx", data)
        before = path.read_bytes()
        checked = invoke("check", str(path))
        assert checked.exit_code == 0, checked.output
        assert path.read_bytes() == before


def test_missing_file_and_folder_are_located(tmp_path: Path) -> None:
    missing = invoke("check", str(tmp_path / "absent.xlsx"))
    assert missing.exit_code == 1 and "fichier « absent.xlsx » : fichier introuvable" in missing.output
    folder = invoke("check", str(tmp_path))
    assert folder.exit_code == 1 and "ce n'est pas un fichier" in folder.output


def test_a_sheet_formatted_down_to_the_last_excel_row_stays_fast(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "long.xlsx", base())
    workbook = openpyxl.load_workbook(path)
    workbook["Disponibilités"]["H1048576"].number_format = "DD/MM/YYYY"
    workbook["Disponibilités"]["XFD5"] = None
    workbook.save(path)
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.output
