"""The command line's shared options: language, output folder, time limit and the solver limits it sets."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from scheduler.core.words import catalogue, number, word


class Lang(str, Enum):
    fr = "fr"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", is_eager=True, help="Langue des messages et des exports (fr, en).")]
MAX_TIME_LIMIT = 86400.0  # one day: a longer search is a typing mistake


def file_parameter(help_text: str, *names: str):
    """A path argument (or the option `names`) that the use-case opens: an unreadable file gets its located
    sentence there (exit 1, like a missing one), not typer's usage error."""
    if names:
        return typer.Option(*names, readable=False, help=help_text)
    return typer.Argument(readable=False, help=help_text)


def lang_of(ctx: typer.Context) -> str:
    lang = ctx.params.get("lang")
    return "en" if lang == Lang.en or lang == "en" else "fr"


def expected(name: str, whole: bool, low: float | None, high: float | None, lang: str) -> str:
    """What the number option `name` takes, in words: its own ('un nombre de secondes entre 0,5 et 86400'),
    or its type and bounds ('un nombre entier supérieur ou égal à 0', 'un nombre de 0 à 100')."""
    if f"run.expected.{name}" in catalogue():
        return word(f"run.expected.{name}", lang)
    kind = word("run.expected.integer" if whole else "run.expected.number", lang)
    low_text, high_text = (None if bound is None else number(bound, lang) for bound in (low, high))
    if low is not None and high is not None:
        return word("run.expected.between", lang, expected=kind, low=low_text, high=high_text)
    if low is not None:
        return word("run.expected.at_least", lang, expected=kind, low=low_text)
    if high is not None:
        return word("run.expected.at_most", lang, expected=kind, high=high_text)
    return kind


def not_a_number(given: object, expectation: str, lang: str) -> str:
    """'« abc » n'est pas un nombre entier.'; a decimal comma ('0,5') is told to be written with a point."""
    text = str(given).strip()
    point = text.replace(",", ".")
    try:
        float(point)
    except ValueError:
        point = ""
    if "," in text and point:
        return word("run.decimal_point", lang, value=text, expected=expectation, point=point)
    return word("run.not_a_number", lang, value=text, expected=expectation)


def _time_limit(ctx: typer.Context, value: float) -> float:
    """--time-limit: a finite number of seconds, from 0.5 to one day (inf, nan, 1e308 are usage errors)."""
    if not (0.5 <= value <= MAX_TIME_LIMIT):  # false for nan too
        lang = lang_of(ctx)
        raise typer.BadParameter(not_a_number(f"{value:g}", expected("time_limit", False, None, None, lang), lang))
    return value


def _out_folder(ctx: typer.Context, value: str) -> Path:
    """--out: a path, never empty (an empty one would silently mean the current folder)."""
    if value is None or not str(value).strip():
        raise typer.BadParameter(word("run.out_empty", lang_of(ctx)))
    return Path(value)


OutOption = Annotated[str, typer.Option("--out", callback=_out_folder, help="Dossier où écrire (remplacé en entier)")]
SeedOption = Annotated[int, typer.Option("--seed", min=0, max=2**31 - 1, help="Graine du solveur")]  # CP-SAT's int32
TimeLimitOption = Annotated[float, typer.Option("--time-limit", callback=_time_limit, help=(
    "Secondes de calcul au plus (0,5 à 86400) ; donné, il est aussi le travail permis au solveur (reproductible)"))]


def limits(ctx: typer.Context, time_limit: float) -> dict:
    """--time-limit bounds the wall clock; given on the command line, it also sets the solver's deterministic
    work (more time, more search: same result on any machine); left out, the work stays at its default."""
    source = ctx.get_parameter_source("time_limit")  # typer's own click: compare the source by its name
    given = getattr(source, "name", "DEFAULT") not in ("DEFAULT", "DEFAULT_MAP")
    return dict(time_limit=time_limit, **({"work_limit": time_limit} if given else {}))
