"""The command line speaks French: click's and typer's own words (`--help`, usage errors) translated.

Click and typer look their words up through `gettext` at the time they print them; this module
puts its own lookup in their place, reading `data/click_fr.toml`. French is the default; a command
line holding `--lang en` keeps click's English. `FrenchGroup` is the command group of the app: it
chooses the language from the arguments before click parses them (so `--help` and usage errors
speak the language asked for).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cache

import typer._click.core
import typer._click.formatting
import typer.core
import typer.rich_utils

from scheduler.core.words import read_data

_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.parser", "click.types",
            "click.decorators", "click.termui", "typer.core", "typer.rich_utils")
# typer.rich_utils computes these once, at import: they are set again when the language is chosen
_RICH_CONSTANTS = {"DEPRECATED_STRING": "(deprecated) ", "DEFAULT_STRING": "[default: {}]",
                   "ENVVAR_STRING": "[env var: {}]", "REQUIRED_LONG_STRING": "[required]",
                   "ARGUMENTS_PANEL_TITLE": "Arguments", "OPTIONS_PANEL_TITLE": "Options",
                   "COMMANDS_PANEL_TITLE": "Commands", "ERRORS_PANEL_TITLE": "Error", "ABORTED_TEXT": "Aborted.",
                   "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help."}
_state = {"lang": "fr"}


@cache
def french() -> dict[str, str]:
    """click's and typer's English texts -> French (data/click_fr.toml, [messages])."""
    return read_data("click_fr.toml")["messages"]


@cache
def patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """The finished English messages typer's click writes without gettext -> French ([patterns])."""
    return tuple((re.compile(pattern), french_text) for pattern, french_text in
                 read_data("click_fr.toml")["patterns"].items())


@cache
def english() -> dict[str, str]:
    """The app's own help texts, written in French in the code -> English (data/click_fr.toml, [english])."""
    return read_data("click_fr.toml")["english"]


def english_help(command) -> None:
    """The help texts of `command`, its options and its subcommands, in English (for `--lang en`)."""
    for item in (command, *command.params):
        for attribute in ("help", "short_help"):
            text = getattr(item, attribute, None)
            if text:
                setattr(item, attribute, english().get(text, text))
    for subcommand in getattr(command, "commands", {}).values():
        english_help(subcommand)


def translate(message: str) -> str:
    """`message` in the current language of the command line."""
    return french().get(message, message) if _state["lang"] == "fr" else message


def translate_finished(message: str) -> str:
    """A message typer's click composed in English, in the current language."""
    if _state["lang"] != "fr":
        return message
    for pattern, replacement in patterns():
        message = pattern.sub(replacement, message)
    return message


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def wants_english(args: Sequence[str]) -> bool:
    """Whether the command line asks for English (`--lang en` or `--lang=en`)."""
    args = list(args)
    return "--lang=en" in args or any(a == "--lang" and args[i + 1:i + 2] == ["en"] for i, a in enumerate(args))


def use_language(lang: str) -> None:
    """Make click and typer print their words in `lang` ('fr' or 'en') from now on."""
    _state["lang"] = "en" if lang == "en" else "fr"
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
    for constant, english in _RICH_CONSTANTS.items():
        setattr(typer.rich_utils, constant, translate(english))
    _install_once()


_ORIGINAL = {"error": typer.rich_utils.rich_format_error, "usage": typer._click.formatting.HelpFormatter.write_usage,
             "help_option": typer._click.core.Command.get_help_option}


def _french_error(error) -> None:
    """typer's error panel, its message in the command line's language."""
    english = error.format_message
    error.format_message = lambda: translate_finished(english())
    _ORIGINAL["error"](error)


def _french_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
    _ORIGINAL["usage"](self, prog, args, translate("Usage:") + " " if prefix is None else prefix)


def _french_help_option(self, ctx):
    option = _ORIGINAL["help_option"](self, ctx)
    if option is not None:
        option.help = translate("Show this message and exit.")
    return option


def _install_once() -> None:
    """Put the translating versions in place of typer's error panel, usage line and help option text."""
    typer.rich_utils.rich_format_error = _french_error
    typer._click.formatting.HelpFormatter.write_usage = _french_usage
    typer._click.core.Command.get_help_option = _french_help_option


def current_language() -> str:
    return _state["lang"]


class FrenchGroup(typer.core.TyperGroup):
    """The app's command group: chooses the command line's language before parsing it."""

    def main(self, args: Sequence[str] | None = None, *rest, **options):  # type: ignore[override]
        use_language("en" if wants_english(sys.argv[1:] if args is None else args) else "fr")
        if current_language() == "en":
            english_help(self)
        return super().main(args, *rest, **options)


__all__ = ["FrenchGroup", "current_language", "english_help", "translate", "use_language", "wants_english"]
