"""The command line's shared options: language, output folder, time limit and the solver limits it sets."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from scheduler.core.words import word


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


def _time_limit(ctx: typer.Context, value: float) -> float:
    """--time-limit: a finite number of seconds, from 0.5 to one day (inf, nan, 1e308 are usage errors)."""
    if not (0.5 <= value <= MAX_TIME_LIMIT):  # false for nan too
        raise typer.BadParameter(word("run.time_limit", lang_of(ctx), value=value))
    return value


def _out_folder(ctx: typer.Context, value: str) -> Path:
    """--out: a path, never empty (an empty one would silently mean the current folder)."""
    if value is None or not str(value).strip():
        raise typer.BadParameter(word("run.out_empty", lang_of(ctx)))
    return Path(value)


OutOption = Annotated[str, typer.Option("--out", callback=_out_folder, help="Dossier où écrire (remplacé en entier)")]
TimeLimitOption = Annotated[float, typer.Option("--time-limit", callback=_time_limit, help=(
    "Secondes de calcul au plus (0,5 à 86400) ; donné, il est aussi le travail permis au solveur (reproductible)"))]


def limits(ctx: typer.Context, time_limit: float) -> dict:
    """--time-limit bounds the wall clock; given on the command line, it also sets the solver's deterministic
    work (more time, more search: same result on any machine); left out, the work stays at its default."""
    source = ctx.get_parameter_source("time_limit")  # typer's own click: compare the source by its name
    given = getattr(source, "name", "DEFAULT") not in ("DEFAULT", "DEFAULT_MAP")
    return dict(time_limit=time_limit, **({"work_limit": time_limit} if given else {}))
