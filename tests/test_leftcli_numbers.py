"""A wrong number given to an option reads as plainly in English as in French: the option, the value given and
the value expected, never typer's validation text ('Input should be a valid integer, unable to parse…')."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from scheduler.cli import app

RAW = re.compile(r"Input should|unable to parse|Value error|valid integer|valid number")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), prog_name="scheduler")
    return result.exit_code, " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


@pytest.mark.parametrize("given, french, english", [
    (["--seed", "abc"], "Valeur incorrecte pour '--seed' : « abc » n'est pas un nombre entier de 0 à 2147483647.",
     "Invalid value for '--seed': 'abc' is not a whole number from 0 to 2147483647."),
    (["--seed", "1.5"], "« 1.5 » n'est pas un nombre entier", "'1.5' is not a whole number"),
    (["--seed", "99999999999999999999999"], "n'est pas un nombre entier de 0 à 2147483647.",
     "is not a whole number from 0 to 2147483647."),
    (["--workers", "-1"], "Valeur incorrecte pour '--workers' : « -1 » n'est pas un nombre entier supérieur ou "
                          "égal à 0.", "Invalid value for '--workers': '-1' is not a whole number of 0 or more."),
    (["--gap", "-5"], "Valeur incorrecte pour '--gap' : « -5 » n'est pas un nombre de 0 à 100.",
     "Invalid value for '--gap': '-5' is not a number from 0 to 100."),
    (["--gap", "x"], "« x » n'est pas un nombre de 0 à 100.", "'x' is not a number from 0 to 100."),
    (["--time-limit", "x"], "Valeur incorrecte pour '--time-limit' : « x » n'est pas un nombre de secondes entre "
                            "0,5 et 86400 (un jour).",
     "Invalid value for '--time-limit': 'x' is not a number of seconds between 0.5 and 86400 (one day)."),
    (["--time-limit", "0.1"], "« 0.1 » n'est pas un nombre de secondes entre 0,5 et 86400 (un jour).",
     "'0.1' is not a number of seconds between 0.5 and 86400 (one day)."),
])
def test_a_wrong_number_names_the_option_the_value_and_what_is_expected(tmp_path, given, french, english):
    out = str(tmp_path / "o")
    for command in ("plan", "replan"):
        previous = ["--previous", "p.xlsx"] if command == "replan" else []
        if command == "replan" and given[0] == "--gap":
            continue  # replan has no --gap
        code, said = run(command, "x.xlsx", *previous, "--out", out, *given)
        assert code == 2 and french in said and not RAW.search(said), said
        line = [command, "x.xlsx", *previous, "--out", out, *given]
        for in_english in (["--lang", "en", *line], [*line, "--lang", "en"]):  # before the command or after
            code, said = run(*in_english)
            assert code == 2 and english in said and not RAW.search(said), said
    assert not (tmp_path / "o").exists()


def test_a_decimal_comma_is_told_to_be_written_with_a_point(tmp_path):
    code, said = run("plan", "x.xlsx", "--out", str(tmp_path / "o"), "--gap", "0,5")
    assert code == 2 and "« 0,5 » n'est pas un nombre de 0 à 100 : écrivez la décimale avec un point (0.5)." in said
    code, said = run("plan", "x.xlsx", "--out", str(tmp_path / "o"), "--gap", "0,5", "--lang", "en")
    assert code == 2 and "'0,5' is not a number from 0 to 100: write the decimal with a point (0.5)." in said


def test_a_wrong_language_keeps_no_validation_prefix(tmp_path):
    code, said = run("--lang", "en", "plan", "x.xlsx", "--out", str(tmp_path / "o"), "--lang", "de")
    assert code == 2 and "Invalid value for '--lang': 'de' is not one of 'fr', 'en'." in said and not RAW.search(said)
