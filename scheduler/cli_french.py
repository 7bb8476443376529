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

from scheduler.core.words import number, read_data

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


@cache
def plain() -> tuple[tuple[re.Pattern, str], ...]:
    """typer's validation words that no language keeps ('Value error, '): [plain]."""
    return tuple((re.compile(pattern), text) for pattern, text in read_data("click_fr.toml")["plain"].items())


def translate_finished(message: str) -> str:
    """A message typer's click composed in English, in the current language."""
    for pattern, replacement in plain():
        message = pattern.sub(replacement, message)
    if _state["lang"] != "fr":
        return message
    for pattern, replacement in patterns():
        message = pattern.sub(replacement, message)
    return message


@cache
def value_words() -> dict[str, dict[str, str]]:
    """The names of arguments and the values options take, in each language (data/click_fr.toml, [values])."""
    return read_data("click_fr.toml")["values"]


def _in_words(kind: str, key: str | None) -> str | None:
    words = value_words()[kind].get(key or "")
    return words[_state["lang"]] if words else None


def _number(value: float) -> str:
    """60.0 -> '60', 0.5 -> '0,5' in French ('0.5' in English), 2147483647 in full."""
    return number(value, _state["lang"])


def _argument_name(self) -> str:
    """An argument as the usage line and the errors name it: `CLASSEUR` (`WORKBOOK`), not `workbook`."""
    return self.metavar if self.metavar is not None else (_in_words("arguments", self.name) or self.name)


def _value_column(self, ctx) -> str | None:
    """The value column of --help: nothing for a flag, `<dossier>` for --out, `<chemin>` for a path argument."""
    if getattr(self, "is_flag", False):
        return None
    if self.metavar is not None:
        return self.metavar
    shown = self.display_type(ctx)  # typer's '<path>', '<float range>', '<fr|en>'
    own = None if isinstance(self, typer.core.TyperArgument) else _in_words("options", self.name)
    word = own or _in_words("types", shown.strip("<>") if shown else None)
    return f"<{word}>" if word else shown


def _worded_range(self) -> str | None:
    """A number's bounds in words: '0 à 100', '≥ 0' (typer writes '0.0<=x<=100.0', 'x>=0')."""
    low, high = getattr(self, "min", None), getattr(self, "max", None)
    if low is None and high is None:
        return None
    if high is None:
        return f"≥ {_number(low)}"
    if low is None:
        return f"≤ {_number(high)}"
    return f"{_number(low)} {'à' if _state['lang'] == 'fr' else 'to'} {_number(high)}"


def _default_in_words(self, *, ctx, show_default_is_str: bool, default_value) -> str:
    """A number's default as people write it (60, 1, not 60.0, 1.0); anything else as typer says it."""
    if isinstance(default_value, (int, float)) and not isinstance(default_value, bool) and not show_default_is_str:
        return _number(default_value)
    return _ORIGINAL["default"](self, ctx=ctx, show_default_is_str=show_default_is_str, default_value=default_value)


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
             "help_option": typer._click.core.Command.get_help_option,
             "default": typer.core._get_default_string}


def _plain_number(error) -> str | None:
    """A number option's wrong value in the coordinator's words ('« abc » n'est pas un nombre entier.'),
    in place of typer's validation text ('Input should be a valid integer, unable to parse string…')."""
    from scheduler.cli_options import expected, not_a_number

    param, found = getattr(error, "param", None), getattr(error.__cause__, "errors", None)
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if kind not in (int, float) or not callable(found):
        return None
    lang = _state["lang"]
    expectation = expected(param.name, kind is int, getattr(param, "min", None), getattr(param, "max", None), lang)
    return not_a_number(found()[0].get("input", ""), expectation, lang)


def _french_error(error) -> None:
    """typer's error panel, its message in the command line's language (a wrong number in plain words)."""
    plain = _plain_number(error)
    if plain is not None:
        error.message = plain
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
    # the help's value column, argument names, number ranges and defaults in the coordinator's words
    typer.core.TyperArgument.display_name_raw = property(_argument_name)
    for parameter in (typer.core.TyperArgument, typer.core.TyperOption):
        parameter.display_type_rich = _value_column
        parameter._get_number_range_help_str = _worded_range
        parameter._get_default_string = _default_in_words


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
