"""The command line speaks French (issue 11, item 8): click's and typer's own words, -h, --version,
decimal commas, real plurals, honest words about what the solve proved, lines that fit 80 columns."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from typer.testing import CliRunner

from scheduler.cli import Lang, _progress_line, _quality_lines, app
from scheduler.cli_french import wants_english
from scheduler.core.words import read_data

ROOT = Path(__file__).resolve().parents[1]
NANCY = ROOT / "examples" / "nancy-novembre-2026.xlsx"
ENGLISH_HELP = ("Show this message and exit", "[required]", "Usage:", "Commands", "[default:")


def run(*args: str):
    result = CliRunner().invoke(app, list(args), prog_name="scheduler")
    result.flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())  # as read, panels and wrapping aside
    return result


def test_help_is_french_throughout_and_h_is_its_alias():
    for args in (["--help"], ["-h"], ["plan", "--help"], ["plan", "-h"], ["check", "-h"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "Utilisation : scheduler" in result.flat and "Affiche cette aide et s'arrête." in result.flat
        for english in ENGLISH_HELP:
            assert english not in result.flat, (args, english)
    assert "[obligatoire]" in run("plan", "-h").flat
    assert "Commandes" in run("-h").flat


def test_help_is_english_with_lang_en():
    result = run("plan", "--help", "--lang", "en")
    assert "Usage: scheduler plan" in result.flat and "Show this message and exit." in result.flat
    assert wants_english(["plan", "--lang=en"]) and not wants_english(["plan", "--lang", "fr"])


def test_usage_errors_are_french_and_exit_2():
    unknown = run("plann")
    assert unknown.exit_code == 2
    assert "Commande inconnue : 'plann'." in unknown.flat and "Vouliez-vous dire 'plan'" in unknown.flat
    missing = run("plan", "x.xlsx")
    assert missing.exit_code == 2 and "Option manquante : '--out'." in missing.flat
    assert "Essayez « scheduler plan -h » pour l'aide." in missing.flat
    wrong = run("plan", "x.xlsx", "--out", "o", "--workers", "beaucoup")
    assert wrong.exit_code == 2 and "Valeur incorrecte pour '--workers' : « beaucoup » n'est pas un nombre entier" in wrong.flat
    for result in (unknown, missing, wrong):
        assert not re.search(r"\b(Missing|Invalid value|No such|Did you mean|Try |Usage)", result.flat), result.flat
    english = run("plan", "x.xlsx", "--lang", "en")
    assert "Missing option '--out'." in english.flat


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and re.fullmatch(r"scheduler \d+\.\d+\.\d+\n", result.output)


def test_every_translated_text_is_one_typer_or_click_still_asks_for():
    import click

    sources = "\n".join(p.read_text(encoding="utf-8") for package in (typer, click)
                        for p in Path(package.__file__).parent.rglob("*.py"))
    messages = read_data("click_fr.toml")["messages"]
    stale = [english for english in messages if f'"{english}"' not in sources]
    assert stale == []
    for english, french in messages.items():
        assert set(re.findall(r"\{[^}]*\}", english)) == set(re.findall(r"\{[^}]*\}", french)), english


def result_of(**fields):
    base = dict(status="OPTIMAL", placed=68, placed_bound=68, penalty=0, penalty_bound=0, seconds=6.14)
    return SimpleNamespace(**{**base, **fields})


def test_the_summary_says_what_was_proven_and_how_good_the_rest_is():
    assert _quality_lines(result_of(), Lang.fr) == [
        "Nombre de séances : le plus grand possible avec ces règles (prouvé par le calcul).",
        "Préférences : toutes respectées."]
    unproven = _quality_lines(result_of(status="FEASIBLE", placed=66, penalty=190, penalty_bound=48), Lang.fr)
    assert "au plus 68 possibles" in unproven[0] and "--time-limit" in unproven[0]
    assert unproven[1] == ("Préférences : pénalité 190 ; aucun arrangement ne peut descendre sous 48 "
                           "(écart d'au plus 75 %).")
    assert "proven" in _quality_lines(result_of(penalty=40, penalty_bound=40), Lang.en)[1]


def test_progress_line_is_plain_french_with_decimal_commas_and_fits_80_columns():
    placed = _progress_line({"stage": "placed", "elapsed": 12.34, "objective": 68.0, "bound": 70.0}, Lang.fr)
    assert placed == "12,3 s · séances placées : 68 (au plus 70)"
    comfort = _progress_line({"stage": "soft", "elapsed": 123.45, "objective": 12345.0, "bound": 6789.0}, Lang.fr)
    assert "123,5 s" in comfort and "pénalité des préférences 12345" in comfort
    for line in (placed, comfort, _progress_line({"stage": "soft", "elapsed": 599.9, "objective": 99999.0,
                                                  "bound": 99999.0}, Lang.en)):
        assert len(line) + 2 <= 80, line  # the spinner and a space before it


@pytest.mark.skipif(not NANCY.exists(), reason="example workbook missing")
def test_console_wraps_between_words_at_80_columns_in_a_terminal(tmp_path):
    """`check` in a real terminal 80 columns wide: no line longer, no word cut; into a pipe, no wrapping."""
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "TERM": "xterm", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "scheduler", "check", str(NANCY)]
    piped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    long_lines = [line for line in piped.stdout.splitlines() if len(line) > 80]
    assert long_lines, "the check summary is longer than 80 columns: the test needs one"
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=300)
    os.close(leader)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8")).replace("\r", "")
    lines = [line for line in shown.splitlines() if line.strip()]
    assert all(len(line) <= 80 for line in lines), lines
    assert " ".join(shown.split()) == " ".join((piped.stdout + piped.stderr).split()), "the same words, none cut"


def test_help_names_values_in_the_coordinators_words():
    french = run("plan", "-h").flat
    assert "{CLASSEUR}" in french and "CLASSEUR <chemin>" in french
    assert "--out <dossier>" in french and "--time-limit <secondes>" in french and "[par défaut : 60]" in french
    assert "--gap <%> [0 à 100]" in french and "--workers <nombre> [≥ 0]" in french
    for typer_word in ("<bool>", "<str>", "<float", "<int", "<path>", "<=x<=", "x>=", "{workbook}", "60.0"):
        assert typer_word not in french, typer_word
    assert "--force Remplacer" in french  # a flag takes no value: nothing between it and its help
    english = run("plan", "-h", "--lang", "en").flat
    assert "{WORKBOOK}" in english and "--out <folder>" in english and "--gap <%> [0 to 100]" in english
    assert "[default: 60]" in english and "<bool>" not in english
    assert "SOURCES... <fichiers>" in run("import", "-h").flat


def test_errors_name_arguments_as_the_usage_line_does():
    assert "Argument manquant : 'CLASSEUR'." in run("plan").flat
    assert "Missing argument 'WORKBOOK'." in run("plan", "--lang", "en").flat


def test_every_parameter_has_its_words_in_both_languages():
    from scheduler.cli_french import value_words
    command = typer.main.get_command(app)
    words = value_words()
    for subcommand in command.commands.values():
        for parameter in subcommand.params:
            if isinstance(parameter, typer.core.TyperArgument):
                assert set(words["arguments"][parameter.name]) == {"fr", "en"}, parameter.name
            elif not parameter.is_flag and parameter.name != "lang":
                assert set(words["options"][parameter.name]) == {"fr", "en"}, parameter.name
