"""`scheduler import` on the Nancy example, then `check` and `plan` of the new workbook."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import NANCY
from scheduler.cli import app
from scheduler.workbook.reading import load

runner = CliRunner()

POLL = (
    ',"lundi 9 novembre 2026","lundi 9 novembre 2026","mardi 10 novembre 2026","jeudi 12 novembre 2026",\r\n'
    ',"Matin","Après-midi","Journée","9h-12h",\r\n'
    '"claire vasseur","Oui","Sous réserve","Non","Oui",\r\n'
    '"Marchal Julien","","Oui","Oui","",\r\n'
    '"T. Girard","Sous réserve","","","Oui",\r\n'
    '"Jean Inconnu","Oui","","","",\r\n'
)
FORM = "Intervenant;Date;Début;Fin;Préférence\r\nClaire Vasseur;19/11/2026;14h;17h;\r\n"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_check_then_plan_on_the_nancy_example(tmp_path):
    poll = tmp_path / "sondage.csv"
    poll.write_bytes(b"\xef\xbb\xbf" + POLL.encode())
    form = tmp_path / "formulaire.csv"
    form.write_bytes(FORM.encode("cp1252"))
    before = digest(NANCY)
    out = tmp_path / "nancy-importe.xlsx"
    result = run("import", str(NANCY), str(poll), str(form), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert digest(NANCY) == before
    assert "fichier « sondage.csv », ligne 6, colonne A (valeur : Jean Inconnu)" in result.output
    assert "Claire Vasseur : 4 disponibilités" in result.output
    assert "Julien Marchal : 2 disponibilités" in result.output
    assert "Thomas Girard : 2 disponibilités" in result.output
    original, imported = load(NANCY), load(out)
    assert len(imported.windows) == len(original.windows) + 8
    assert imported.offers == original.offers and imported.speakers == original.speakers
    assert run("check", str(out)).exit_code == 0
    planned = run("plan", str(out), "--out", str(tmp_path / "plan"), "--time-limit", "4", "--workers", "2")
    assert planned.exit_code == 0, planned.output
    assert run("verify", str(out), str(tmp_path / "plan" / "planning.xlsx")).exit_code == 0
    again = run("import", str(out), str(poll), str(form), "--out", str(tmp_path / "encore.xlsx"), "--lang", "en")
    assert again.exit_code == 0 and "0 availability windows added" in again.output
    assert "8 rows already present" in again.output


def test_out_must_be_a_new_xlsx_other_than_the_input(tmp_path):
    workbook = shutil.copy(NANCY, tmp_path / "nancy.xlsx")
    poll = tmp_path / "sondage.csv"
    poll.write_text(POLL, encoding="utf-8")
    for out in (workbook, tmp_path / "copie.ods"):
        result = run("import", str(workbook), str(poll), "--out", str(out))
        assert result.exit_code == 2, result.output
    assert digest(Path(workbook)) == digest(NANCY)


def test_an_invalid_workbook_is_exit_1_with_its_errors(tmp_path):
    poll = tmp_path / "sondage.csv"
    poll.write_text(POLL, encoding="utf-8")
    broken = tmp_path / "vide.xlsx"
    broken.write_bytes(b"")
    result = run("import", str(broken), str(poll), "--out", str(tmp_path / "new.xlsx"))
    assert result.exit_code == 1 and "vide.xlsx" in result.output and not (tmp_path / "new.xlsx").exists()
