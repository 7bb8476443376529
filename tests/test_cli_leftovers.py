"""Leftovers of the command line (session 3, task "small"): the top-level help in English, a planning of
another programme refused in one located sentence, and every path the command line cannot use said in
a located human sentence with the contract's exit code, never a traceback."""
from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.cli_paths import failure_text, known_path
from scheduler.workbook.planning_reader import belongs
from tiny import MONDAY, offer, on, problem

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
SUMMER = ROOT / "examples" / "summer-time-2027.xlsx"
# Excel's lock file of planning.xlsx: the owner's name twice, 165 bytes, not a workbook
EXCEL_LOCK = (bytes([7]) + b"Camille" + b" " * 47 + bytes([7, 0]) + "Camille".encode("utf-16-le")).ljust(165, b"\0")


def run(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args], prog_name="scheduler")
    result.flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())
    return result


def refused_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("- ")]


# --- 1. The top-level help honours --lang, before or after -h/--help ---------------------------------

@pytest.mark.parametrize("args", [["-h", "--lang", "en"], ["--help", "--lang", "en"], ["--lang", "en", "--help"],
                                  ["--lang=en", "-h"]])
def test_top_level_help_is_english_with_lang_en_in_any_order(args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Usage: scheduler" in result.flat and "Show this message and exit." in result.flat
    assert "Commands" in result.flat and "Utilisation" not in result.flat and "No such option" not in result.flat


@pytest.mark.parametrize("args", [["-h"], ["-h", "--lang", "fr"], ["--lang", "fr", "--help"]])
def test_top_level_help_is_french_by_default_and_with_lang_fr(args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Utilisation : scheduler" in result.flat and "Affiche cette aide et s'arrête." in result.flat
    assert "Commandes" in result.flat and "Show this message" not in result.flat


def _help_texts(command) -> list[str]:
    texts = [t for item in (command, *command.params) if (t := getattr(item, "help", None))]
    return texts + [t for sub in getattr(command, "commands", {}).values() for t in _help_texts(sub)]


def test_every_help_text_of_the_app_has_its_english_and_is_shown_with_lang_en():
    import typer

    from scheduler.cli_french import english

    missing = [text for text in _help_texts(typer.main.get_command(app)) if text not in english()]
    assert missing == [], "add their English to [english] in data/click_fr.toml"
    top = run("--lang", "en", "-h")
    assert "Plan the cohort and write every export into the --out folder." in top.flat
    assert "Planifie la cohorte" not in top.flat and "Language of the messages" in top.flat
    sub = run("plan", "-h", "--lang", "en")
    assert "Seconds of computing at most (0.5 to 86400)" in sub.flat and "Secondes" not in sub.flat
    assert "Secondes de calcul au plus" in run("plan", "-h").flat  # French stays the default


def test_lang_before_the_command_is_the_command_s_language(tmp_path):
    english = run("--lang", "en", "check", tmp_path / "absent.xlsx")
    assert english.exit_code == 1 and "1 error in absent.xlsx" in english.output
    assert "file not found" in english.output
    french = run("check", tmp_path / "absent.xlsx")
    assert french.exit_code == 1 and "fichier introuvable" in french.output


# --- 2. A planning of another programme: one located sentence ---------------------------------------

def test_a_timetable_belongs_when_a_row_has_one_of_its_offers_on_one_of_its_days():
    tiny = problem([offer("A1", "Ana")], [on("Ana")])
    assert belongs(tiny, [(MONDAY, "A1")]) and belongs(tiny, [(MONDAY, "a1"), (None, "X9")])
    assert belongs(tiny, []) and belongs(tiny, [(None, "A1")]) and belongs(tiny, [(MONDAY, "")])  # no evidence
    assert not belongs(tiny, [(MONDAY.replace(year=2030), "A1")])  # its offers, another programme's dates
    assert not belongs(tiny, [(MONDAY, "X9"), (MONDAY, "")])  # its dates, none of its offers


@pytest.mark.parametrize("command", ["verify", "export"])
def test_a_planning_of_another_programme_is_refused_once_located(nancy_plan, tmp_path, command):
    out = tmp_path / "sortie"
    extra = ["--out", out] if command == "export" else []
    result = run(command, SUMMER, nancy_plan / "planning.xlsx", *extra)
    assert result.exit_code == 1, result.output
    assert "1 erreur dans planning.xlsx" in result.output
    [line] = refused_lines(result.output)
    assert line.startswith("- feuille « Planning » : ce planning n'est pas celui de ce classeur")
    assert "(08/03/2027 – 30/04/2027)" in line and "Donnez le planning.xlsx écrit pour ce classeur" in line
    assert not out.exists()
    english = run(command, SUMMER, nancy_plan / "planning.xlsx", *extra, "--lang", "en")
    [line] = refused_lines(english.output)
    assert "sheet 'Planning': this timetable does not belong to this workbook" in line


def test_replan_says_the_same_with_the_programme_s_last_working_day(nancy_plan, tmp_path):
    foreign = run("replan", SUMMER, "--previous", nancy_plan / "planning.xlsx", "--out", tmp_path / "autre")
    assert foreign.exit_code == 1, foreign.output
    [line] = refused_lines(foreign.output)
    assert "(08/03/2027 – 30/04/2027)" in line and "Donnez à --previous" in line


def test_a_planning_of_this_programme_with_a_wrong_row_still_names_the_row(nancy_plan, tmp_path):
    edited = tmp_path / "planning.xlsx"
    shutil.copy(nancy_plan / "planning.xlsx", edited)
    book = load_workbook(edited)
    book["Planning"].cell(2, 2).value = "I999"  # `Intervention` of the first session row
    book.save(edited)
    result = run("verify", NANCY, edited)
    assert result.exit_code == 1, result.output
    [line] = refused_lines(result.output)
    assert "ligne 2" in line and "« I999 » n'existe pas" in line and "n'est pas celui" not in line


# --- 3. Paths the command line cannot use ---------------------------------------------------------

@pytest.mark.parametrize("name", ["~$planning.xlsx", ".~lock.planning.xlsx#"])
def test_a_lock_file_given_as_a_workbook_names_the_workbook_to_give(tmp_path, name):
    lock = tmp_path / name
    lock.write_bytes(EXCEL_LOCK)
    for args in (["check", lock], ["verify", NANCY, lock], ["plan", lock, "--out", tmp_path / "sortie"]):
        result = run(*args)
        assert result.exit_code == 1, result.output
        [line] = refused_lines(result.output)
        assert f"fichier « {name} »" in line and "fichier de verrou" in line and "« planning.xlsx »" in line
    assert "lock file" in run("check", lock, "--lang", "en").output


@pytest.mark.parametrize("kind", ["missing", "folder", "csv", "empty"])
def test_a_workbook_that_is_not_one_is_said_located_with_exit_1(tmp_path, kind):
    path = tmp_path / {"missing": "absent.xlsx", "folder": "dossier.xlsx", "csv": "dispos.csv", "empty": "vide.xlsx"}[kind]
    if kind == "folder":
        path.mkdir()
    elif kind == "csv":
        path.write_text("Intervenant;Date\nAna;02/11/2026\n", encoding="utf-8")
    elif kind == "empty":
        path.touch()
    for args in (["check", path], ["plan", path, "--out", tmp_path / "sortie"], ["verify", NANCY, path],
                 ["export", NANCY, path, "--out", tmp_path / "sortie"], ["roll", path, "--start", "01/03/2027",
                                                                          "--out", tmp_path / "n.xlsx"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert f"fichier « {path.name} » :" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "sortie").exists() and not (tmp_path / "n.xlsx").exists()


def test_a_folder_where_a_new_workbook_is_written_is_a_usage_error(tmp_path):
    folder = tmp_path / "classeurs.xlsx"
    folder.mkdir()
    for args in (["template", folder, "--force"], ["roll", NANCY, "--start", "01/03/2027", "--out", folder],
                 ["import", NANCY, NANCY, "--out", folder]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith(f"{folder} : c'est un dossier ; donnez le nom d'un nouveau fichier .xlsx")
    assert list(folder.iterdir()) == []
    english = run("template", folder, "--force", "--lang", "en")
    assert english.exit_code == 2 and "that is a folder" in english.output


def test_a_refused_path_is_the_one_typed_with_why_and_what_to_do():
    staging = "/srv/partage/.sortie.new-k2x_9a/.planning.xlsx.q1w2e3.part"
    assert known_path(staging) == "/srv/partage/sortie/planning.xlsx"
    assert known_path("/srv/.sortie.new-ab12") == "/srv/sortie" and known_path(None) == ""
    denied = failure_text(PermissionError(errno.EACCES, "Permission denied", "/srv/.sortie.new-ab12"), "fr")
    assert denied.startswith("impossible de lire ou d'écrire /srv/sortie : accès refusé.")
    assert "choisissez un dossier où vous avez le droit d'écrire" in denied
    full = failure_text(OSError(errno.ENOSPC, "No space left on device", staging), "en")
    assert full == "cannot write /srv/partage/sortie/planning.xlsx: the disk is full. Free some space, or choose " \
                   "a folder on another disk."
    other = failure_text(OSError(errno.EIO, "Input/output error", "/srv/x.xlsx"), "fr")
    assert other.startswith("impossible d'utiliser /srv/x.xlsx : Input/output error")


def _as_someone_else() -> list[str] | None:
    """The command prefix that runs a command without the right to read a chmod-000 file (None: cannot)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.fixture
def shared_folder():
    """A folder anyone may enter (the test's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="scheduler-leftovers-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(folder)


def test_an_unreadable_workbook_and_a_read_only_out_parent_are_said_located(shared_folder):
    prefix = _as_someone_else()
    if prefix is None:
        pytest.skip("running as root without setpriv: every file is readable")
    secret = shared_folder / "secret.xlsx"
    shutil.copy(NANCY, secret)
    secret.chmod(0o000)
    closed = shared_folder / "ferme"
    closed.mkdir(mode=0o555)
    closed.chmod(0o555)

    def scheduler(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, sys.executable, "-m", "scheduler", *map(str, args)], capture_output=True,
                              text=True, timeout=300, cwd=shared_folder, env={**os.environ, "HOME": str(shared_folder)})

    unreadable = scheduler("check", secret)
    assert unreadable.returncode == 1, unreadable.stderr
    assert "fichier « secret.xlsx » : vous n'avez pas le droit de lire ce fichier" in unreadable.stderr
    for run_ in (unreadable, written := scheduler("plan", SUMMER, "--out", closed / "sortie", "--lang", "en")):
        assert "Traceback" not in run_.stderr + run_.stdout
    assert written.returncode == 2, written.stderr
    assert written.stderr.strip().startswith(f"cannot read or write {closed / 'sortie'}: permission denied.")
    assert ".new-" not in written.stderr and list(closed.iterdir()) == []
