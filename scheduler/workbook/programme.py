"""The `Programme` sheet: one (Paramètre, Valeur) row per setting, defaults filled in, settings checked
against each other (phase 1 within the programme, half-days on the time grid)."""
from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from scheduler.core import domain
from scheduler.core.calendar import public_holidays
from scheduler.workbook import cells, parsers
from scheduler.workbook.cells import CellError
from scheduler.workbook.context import Context, Grid, Names
from scheduler.workbook.labels import NO_HOLIDAYS, PROGRAMME_KEYS, YEAR_PROGRAMME_KEYS, find
from scheduler.workbook.parsers import MAX_COUNT, MAX_WEEKS, SLOT_CHOICES, whole
from scheduler.workbook.table import Row

_PROGRAMME_FIELDS = {"days": "weekdays", "max_hours_per_day": "max_minutes_per_day"}
"""`Programme` settings whose `domain.Programme` field has another name."""

def _weekdays(value: object) -> tuple[int, ...]:
    """`Jours`: 'lun mar mer jeu ven', and also a range such as 'lundi-vendredi' or 'lun à ven'."""
    span = re.fullmatch(r"\s*([^\s-]+)\s*(?:-|–|à|a|to)\s*([^\s-]+)\s*", cells.text(value))
    if span:
        try:
            first, last = cells.parse_weekday(span.group(1)), cells.parse_weekday(span.group(2))
        except CellError:
            pass
        else:
            if first <= last:
                return tuple(range(first, last + 1))
    try:
        return cells.parse_weekdays(value)
    except CellError as problem:
        raise CellError(f"{problem.fr} ; écrivez les jours travaillés séparés par des espaces, par exemple "
                        f"« lun mar mer jeu ven »", f"{problem.en}; write the working days separated by spaces, "
                                                   f"for example 'mon tue wed thu fri'") from None


def _minutes_per_day(value: object) -> int:
    hours = cells.parse_number(value)
    if not 0 < hours <= 24:
        raise CellError("écrivez un nombre d'heures entre 0 et 24, par exemple 6 ou 5,5",
                        "write a number of hours between 0 and 24, for example 6 or 5.5")
    return round(hours * 60)


def _slot(value: object) -> int:
    minutes = cells.parse_number(value)
    if minutes not in SLOT_CHOICES:
        choices = ", ".join(str(c) for c in SLOT_CHOICES)
        raise CellError(f"écrivez l'un de ces pas en minutes : {choices}",
                        f"write one of these steps in minutes: {choices}")
    return int(minutes)


def _holiday_code(value: object) -> str:
    """'FR', 'fr-57' -> 'FR', 'FR-57'; 'aucun' / 'none' -> ''; an unknown calendar is a mistake."""
    if NO_HOLIDAYS.matches(value):
        return ""
    code = cells.text(value).upper()
    try:
        public_holidays(code, range(2000, 2001))
    except Exception:  # the `holidays` package raises NotImplementedError, KeyError... on unknown codes
        raise CellError("calendrier de jours fériés inconnu : écrivez FR, FR-57 (Moselle), FR-6AE (Alsace) "
                        "ou aucun", "unknown public-holiday calendar: write FR, FR-57 (Moselle), "
                                    "FR-6AE (Alsace) or none") from None
    return code


def _timezone(value: object) -> str:
    """An IANA zone such as 'Europe/Paris' (any case)."""
    raw = cells.text(value)
    try:
        zoneinfo.ZoneInfo(raw)
        return raw
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    wanted = raw.lower()
    found = next((zone for zone in zoneinfo.available_timezones() if zone.lower() == wanted), None)
    if found is None:
        raise CellError("fuseau horaire inconnu : écrivez un nom IANA, par exemple Europe/Paris",
                        "unknown time zone: write an IANA name, for example Europe/Paris")
    return found


def _project_work(value: object) -> str:
    """`Travail en projet`: 'auto' (each group's free phase-2 half-days) or empty (none)."""
    raw = cells.text(value).strip().lower()
    if raw in ("", "non", "no", "aucun", "none"):
        return ""
    if raw in ("auto", "oui", "yes"):
        return "auto"
    raise CellError("écrivez « auto » (les demi-journées libres de chaque groupe en phase 2) ou laissez vide",
                    "write 'auto' (each group's free half-days in phase 2) or leave it empty")


_SETTING_PARSERS: dict[str, Callable[[object], object]] = {
    "name": cells.text,
    "start_date": parsers.date,
    "weeks": whole(1, MAX_WEEKS),
    "phase1_weeks": whole(0, MAX_WEEKS),
    "days": _weekdays,
    "morning": cells.parse_time_range,
    "afternoon": cells.parse_time_range,
    "slot_minutes": _slot,
    "max_hours_per_day": _minutes_per_day,
    "min_sessions_per_theme": whole(0, MAX_COUNT),
    "max_sessions_per_organisation": whole(1, MAX_COUNT),
    "holidays": _holiday_code,
    "timezone": _timezone,
    "location": cells.text,
    "coordinator": cells.text,
    "coordinator_email": parsers.email,
    "attendance_events": cells.parse_bool,
    "project_work": _project_work,
}


@dataclass
class Settings:
    """The `Programme` settings read so far: the row each was given on, and the valid values."""

    rows: dict[str, Row] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def current(self, setting: str) -> object | None:
        """The setting's valid value, its default when not given, None when given wrong."""
        if setting in self.failed:
            return None
        if setting in self.values:
            return self.values[setting]
        return getattr(domain.Programme, _PROGRAMME_FIELDS.get(setting, setting), None)

    def fail(self, settings: tuple[str, ...], fr: str, en: str) -> None:
        """Record a mistake combining `settings`, on the row of the first one given."""
        setting = next(s for s in settings if s in self.rows)
        self.rows[setting].error("value", fr, en)
        self.failed.add(setting)


def read_programme(context: Context) -> domain.Programme | None:
    """The `Programme` sheet's settings, defaults filled in; None when a required one is missing or wrong."""
    settings = Settings()
    for row in context.rows("programme"):
        _register_setting(row, settings)
    for setting, row in settings.rows.items():
        _parse_setting(setting, row, settings)
    _check_missing_settings(context, settings)
    _check_weeks(settings)
    _check_half_days(settings)
    context.grid = _grid(settings)
    if any(s not in settings.values for s, label in PROGRAMME_KEYS.items() if label.required):
        return None
    return domain.Programme(**{_PROGRAMME_FIELDS.get(s, s): v for s, v in settings.values.items()})


def _setting_names() -> Names:
    """Every spelling of every setting (French, English, aliases; a year's too), for 'did you mean'."""
    names = Names("programme", "parameter")
    for label in (*PROGRAMME_KEYS.values(), *YEAR_PROGRAMME_KEYS.values()):
        for spelling in (label.fr, label.en, *label.aliases):
            names.add(spelling, 0)
    return names


def _register_setting(row: Row, settings: Settings) -> None:
    name = row.raw("parameter")
    setting = find(PROGRAMME_KEYS, name)
    if setting is None and find(YEAR_PROGRAMME_KEYS, name) is not None:
        return  # a setting of a year of cohorts (SPEC §6), read by `year_reading`; kept when a year is rolled
    if setting is None:
        if cells.is_blank(name):
            row.error("parameter", "indiquez le nom du paramètre, ou videz la ligne",
                      "give the setting's name, or empty the row")
        else:
            hint_fr, hint_en = _setting_names().did_you_mean(cells.text(name))
            row.warn("parameter", cells.text(name),
                     f"paramètre inconnu, ignoré{hint_fr} : vérifiez son orthographe (voir la feuille d'instructions "
                     "du modèle) ou videz la ligne",
                     f"unknown setting, ignored{hint_en}: check its spelling (see the template's instructions sheet) "
                     "or empty the row")
        return
    if setting in settings.rows:
        row.error("parameter", f"ce paramètre est déjà donné ligne {settings.rows[setting].number} : "
                               f"gardez une seule ligne", f"this setting is already given on row "
                                                         f"{settings.rows[setting].number}: keep one row")
        return
    settings.rows[setting] = row


def _parse_setting(setting: str, row: Row, settings: Settings) -> None:
    required = PROGRAMME_KEYS[setting].required
    if row.blank("value") and required:
        label = PROGRAMME_KEYS[setting]
        row.error("value", f"indiquez la valeur de « {label.fr} » : ce paramètre est obligatoire",
                  f"give the value of '{label.en}': this setting is required")
        settings.failed.add(setting)
        return
    if row.blank("value") and not required:
        if setting == "holidays":  # an empty calendar means no public holidays
            settings.values[setting] = ""
        return
    value = row.parse("value", _SETTING_PARSERS[setting], required=required)
    if value is None:
        settings.failed.add(setting)
    else:
        settings.values[setting] = value


def _check_missing_settings(context: Context, settings: Settings) -> None:
    table = context.tables.get("programme")
    if table is None or "parameter" not in table.columns or "value" not in table.columns:
        return  # already reported for the whole sheet
    for setting, label in PROGRAMME_KEYS.items():
        if label.required and setting not in settings.rows:
            context.log.add("programme", None, "parameter", label.fr,
                            f"ajoutez une ligne « {label.fr} » avec sa valeur",
                            f"add a row '{label.en}' with its value")


def _check_weeks(settings: Settings) -> None:
    weeks, phase1 = settings.current("weeks"), settings.current("phase1_weeks")
    if isinstance(weeks, int) and isinstance(phase1, int) and phase1 > weeks:
        settings.fail(("phase1_weeks", "weeks"), f"la phase 1 ne peut pas durer plus que le programme ({weeks} semaines)",
                      f"phase 1 cannot last longer than the programme ({weeks} weeks)")


def _check_half_days(settings: Settings) -> None:
    morning, afternoon, slot = (settings.current(s) for s in ("morning", "afternoon", "slot_minutes"))
    if isinstance(morning, tuple) and isinstance(afternoon, tuple) and morning[1] > afternoon[0]:
        settings.fail(("afternoon", "morning"), "l'après-midi doit commencer après la fin du matin",
                      "the afternoon must start after the morning ends")
        return
    if not isinstance(slot, int):
        return
    for half_day in ("morning", "afternoon"):
        span = settings.current(half_day)
        if isinstance(span, tuple) and (span[0] % slot or span[1] % slot):
            label = PROGRAMME_KEYS[half_day]
            settings.fail((half_day, "slot_minutes"),
                          f"« {label.fr} » ({span_text(span)}) doit commencer et finir sur le pas de {slot} min : "
                          f"changez le pas ou les heures de « {label.fr} »",
                          f"'{label.en}' ({span_text(span)}) must start and end on the {slot}-minute grid: "
                          f"change the step or the hours of '{label.en}'")


def span_text(span: tuple[int, int]) -> str:
    return f"{cells.format_time(span[0])}-{cells.format_time(span[1])}"


def _grid(settings: Settings) -> Grid:
    slot = settings.current("slot_minutes")
    spans = [settings.current(s) for s in ("morning", "afternoon")]
    longest = max(s[1] - s[0] for s in spans) if all(isinstance(s, tuple) for s in spans) else None
    return Grid(slot if isinstance(slot, int) else None, longest)
