"""The input workbook a coordinator starts from: `scheduler template FILE.xlsx [--example] [--lang en]`.

The sheets and rows come from `writing.build_workbook` (an empty programme, or the Nancy example);
this module dresses them for people: an instructions sheet first, a comment on every column
header saying what goes there, frozen headers, widths, date and time formats, and drop-down
lists. The lists live in a hidden sheet (`Listes`): fixed vocabularies (formats, organisation
types, weekdays, yes/no...) typed in, and the names coordinators add (themes, organisations,
speakers, projects) mirrored by formulas over generous ranges, so a name added to its sheet
appears in the drop-downs. The reader ignores both extra sheets. With `--lang en` sheet names,
headers, settings and vocabularies are the English ones the reader also accepts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core import domain
from scheduler.core.words import has_word, word
from scheduler.sheets.print_setup import finish_workbook, page_setup
from scheduler.workbook.cells import WEEKDAY_NAMES, WEEKDAYS_EN, WEEKDAYS_FR, normalise
from scheduler.workbook.labels import (COHORT, COLUMNS, FORMATS, NO_HOLIDAYS, ORGANISATION_TYPES, PREFERRED,
                                       PROGRAMME_KEYS, SHEETS, YEAR_PROGRAMME_KEYS, Label, find)
from scheduler.workbook.writing import build_workbook, save_workbook

LAST_ROW = 1000
"""Rows 2..LAST_ROW of every sheet get the drop-downs and formats: room for far more than a cohort needs."""
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
SHEET_KEYS = ("programme", "cohorts", "themes", "organisations", "speakers", "offers", "availability", "closures", "events",
              "projects", "participants")

DATE_COLUMNS = {("cohorts", "start_date"), ("availability", "date"), ("availability", "from"), ("availability", "to"), ("closures", "from"),
                ("closures", "to"), ("events", "date"), ("events", "from"), ("events", "to")}
TIME_COLUMNS = {("availability", "start"), ("availability", "end"), ("events", "start"), ("events", "end")}
WIDTHS = {"title": 40, "description": 40, "reason": 30, "email": 28, "speaker": 24, "organisation": 26,
          "theme": 22, "participant": 24, "format": 18, "type": 24, "location": 20, "value": 24, "parameter": 30,
          "wish_1": 10, "wish_2": 10, "wish_3": 10, "id": 8, "duration_h": 10}

# The header comments, the Help column and the instructions are in data/words.toml (`template.*`).


def _help(sheet_key: str, column: str, lang: str) -> str:
    """What goes in a column, for its header comment ('' when the catalogue says nothing)."""
    key = f"template.help.{sheet_key}.{column}"
    return word(key, lang) if has_word(key) else ""


# ---------------------------------------------------------------------------------------------
# The drop-down lists

def _static(labels: list[Label], lang: str) -> list[str]:
    return [label.text(lang) for label in labels]


def _lists(lang: str, year: bool = False) -> list[tuple[str, list[str] | None, str | None]]:
    """The columns of the lists sheet: (title, fixed values, or None with the sheet whose first column it mirrors);
    `year`: the cohorts too (last)."""
    weekdays = [Label(fr, en) for fr, en in zip(WEEKDAYS_FR, WEEKDAYS_EN)]
    cohort = COHORT.text(lang)
    return [
        (SHEETS["themes"].text(lang), None, "themes"),
        (SHEETS["organisations"].text(lang), None, "organisations"),
        (SHEETS["speakers"].text(lang), None, "speakers"),
        (SHEETS["projects"].text(lang), None, "projects"),
        ("Format", _static(list(FORMATS.values()), lang), None),
        ("Type", _static(list(ORGANISATION_TYPES.values()), lang), None),
        (COLUMNS["availability"]["weekday"].text(lang), _static(weekdays, lang), None),
        (word("template.yes_no_list", lang), [word("template.yes", lang), word("template.no", lang)], None),
        (COLUMNS["availability"]["preference"].text(lang), [PREFERRED.text(lang)], None),
        (COLUMNS["events"]["audience"].text(lang), [cohort], "projects"),
        *([(SHEETS["cohorts"].text(lang), None, "cohorts")] if year else []),
    ]


DROP_DOWNS: dict[tuple[str, str], int] = {
    ("organisations", "type"): 5, ("speakers", "organisation"): 1, ("offers", "speaker"): 2,
    ("offers", "theme"): 0, ("offers", "format"): 4, ("offers", "required"): 7, ("offers", "project"): 3,
    ("availability", "speaker"): 2, ("availability", "weekday"): 6, ("availability", "preference"): 8,
    ("events", "weekday"): 6, ("events", "audience"): 9, ("projects", "organisation"): 1,
    ("participants", "wish_1"): 3, ("participants", "wish_2"): 3, ("participants", "wish_3"): 3,
    ("closures", "cohort"): 10, ("events", "cohort"): 10, ("projects", "cohort"): 10, ("participants", "cohort"): 10,
}
"""(sheet, column) -> index of its list in `_lists`."""


def _add_lists_sheet(workbook: Workbook, titles: dict[str, str], lang: str) -> str:
    """The hidden lists sheet; returns its title."""
    sheet = workbook.create_sheet(word("template.lists_sheet", lang))
    for index, (title, values, mirrored) in enumerate(_lists(lang, "cohorts" in titles), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, title).font = Font(bold=True)
        fixed = values or []
        for row, value in enumerate(fixed, start=2):
            sheet.cell(row, index, value)
        if mirrored is not None:
            source = quote_sheetname(titles[mirrored])
            for offset in range(LAST_ROW - 1):
                target = 2 + len(fixed) + offset
                sheet[f"{letter}{target}"] = f'=IF({source}!A{offset + 2}="","",{source}!A{offset + 2})'
        sheet.column_dimensions[letter].width = 24
    sheet.sheet_state = "hidden"
    return sheet.title


def _list_range(lists_title: str, index: int, lang: str) -> str:
    title, values, mirrored = _lists(lang, True)[index]
    letter = get_column_letter(index + 1)
    last = 1 + len(values or []) + (LAST_ROW - 1 if mirrored else 0)
    return f"{quote_sheetname(lists_title)}!${letter}$2:${letter}${last}"


def _add_drop_downs(sheet: Worksheet, key: str, columns: dict[str, int], lists_title: str, lang: str) -> None:
    for column, index in columns.items():
        list_index = DROP_DOWNS.get((key, column))
        if list_index is None:
            continue
        letter = get_column_letter(index + 1)
        validation = DataValidation(
            type="list", formula1=f"={_list_range(lists_title, list_index, lang)}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning",
            errorTitle=word("template.not_in_list_title", lang), error=word("template.not_in_list", lang))
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)


# ---------------------------------------------------------------------------------------------
# Dressing each sheet

def _column_keys(key: str, header: list[object]) -> dict[str, int]:
    """Column key -> position, from the header `writing` wrote."""
    found = {}
    for index, name in enumerate(header):
        column = find(COLUMNS[key], name)
        if column is not None:
            found[column] = index
    return found


def _translate(key: str, column: str, value: object) -> object:
    """A French vocabulary value written by `writing`, in English."""
    if not isinstance(value, str):
        return value
    vocabulary = {("organisations", "type"): ORGANISATION_TYPES, ("offers", "format"): FORMATS}.get((key, column))
    if vocabulary is not None:
        found = find(vocabulary, value)
        return vocabulary[found].en if found else value
    if column == "weekday" and normalise(value) in WEEKDAY_NAMES:
        return WEEKDAYS_EN[WEEKDAY_NAMES[normalise(value)]]
    if column == "required":
        return word("template.yes", "en") if normalise(value) == normalise(word("template.yes", "fr")) else value
    if column == "preference" and PREFERRED.matches(value):
        return PREFERRED.en
    if column == "audience" and COHORT.matches(value):
        return COHORT.en
    return value


def _dress_programme(sheet: Worksheet, lang: str, empty: bool) -> None:
    """English keys if asked, a Help column, empty name and start date for a blank template."""
    for index, column in enumerate(("parameter", "value"), start=1):
        sheet.cell(1, index).value = COLUMNS["programme"][column].text(lang)
    sheet.cell(1, 3, word("template.help_column", lang)).font = Font(bold=True)
    sheet.cell(1, 3).fill = HEADER_FILL
    for row in range(2, sheet.max_row + 1):
        setting = find(PROGRAMME_KEYS, sheet.cell(row, 1).value)
        yearly = find(YEAR_PROGRAMME_KEYS, sheet.cell(row, 1).value)
        if yearly is not None:
            sheet.cell(row, 1).value = YEAR_PROGRAMME_KEYS[yearly].text(lang)
            sheet.cell(row, 3, word("template.year_setting_help.max_sessions_per_organisation_per_year", lang))
        if setting is None:
            continue
        label = PROGRAMME_KEYS[setting]
        sheet.cell(row, 1).value = label.text(lang)
        value = sheet.cell(row, 2)
        if empty and setting in ("name", "start_date"):
            value.value = None
        if setting == "start_date":
            value.number_format = "DD/MM/YYYY"
        if lang == "en" and setting == "days" and isinstance(value.value, str):
            value.value = " ".join(WEEKDAYS_EN[WEEKDAY_NAMES[d]][:3].lower() for d in value.value.split())
        if lang == "en" and setting == "holidays" and NO_HOLIDAYS.matches(value.value):
            value.value = NO_HOLIDAYS.en
        sheet.cell(row, 3, word(f"template.setting_help.{setting}", lang)).alignment = Alignment(wrap_text=True,
                                                                                                 vertical="top")
        for column in (1, 2):
            sheet.cell(row, column).alignment = Alignment(vertical="top")
        if label.required:
            sheet.cell(row, 1).fill = REQUIRED_FILL
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 70
    page_setup(sheet, "1:1", sheet.title)


def _dress_table(sheet: Worksheet, key: str, lang: str, lists_title: str) -> None:
    """English names if asked, header comments and colours, widths, formats, drop-downs."""
    header = [cell.value for cell in sheet[1]]
    columns = _column_keys(key, header)
    for column, index in columns.items():
        label = COLUMNS[key][column]
        cell = sheet.cell(1, index + 1)
        cell.value = label.text(lang)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if label.required else HEADER_FILL
        comment = _help(key, column, lang)
        if comment:
            required = word("template.required", lang) if label.required else ""
            cell.comment = Comment(comment + required, "scheduler", width=300, height=110)
        letter = get_column_letter(index + 1)
        width = WIDTHS.get(column, 12 if (key, column) in DATE_COLUMNS else 14)
        sheet.column_dimensions[letter].width = max(width, sheet.column_dimensions[letter].width or 0)
        number_format = ("DD/MM/YYYY" if (key, column) in DATE_COLUMNS
                         else "HH:MM" if (key, column) in TIME_COLUMNS else None)
        filled = sheet.max_row
        for row in range(2, LAST_ROW + 1):
            if number_format is None and row > filled:
                break
            target = sheet.cell(row, index + 1)
            if lang == "en":
                target.value = _translate(key, column, target.value)
            if number_format and not isinstance(target.value, str):
                target.number_format = number_format
    sheet.freeze_panes = "A2"
    _add_drop_downs(sheet, key, columns, lists_title, lang)
    for row in sheet.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    last_filled = max((cell.row for row in sheet.iter_rows() for cell in row if cell.value is not None), default=1)
    sheet.print_area = f"A1:{get_column_letter(max(1, len(header)))}{last_filled}"
    page_setup(sheet, "1:1", sheet.title)


def _add_instructions(workbook: Workbook, lang: str) -> None:
    sheet = workbook.create_sheet(word("template.instructions_sheet", lang), 0)
    sheet.column_dimensions["A"].width = 75  # one column: LibreOffice does not shrink it to the page, so it must fit
    for row, line in enumerate(word("template.instructions", lang).splitlines(), start=1):
        heading = line.startswith("# ")
        cell = sheet.cell(row, 1, line.removeprefix("# "))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=13 if row > 1 else 15)
    page_setup(sheet, None, sheet.title, landscape=False)
    workbook.active = 0


# ---------------------------------------------------------------------------------------------
# The whole template

def blank_problem() -> domain.Problem:
    """A problem with only the programme's default settings (name and start date left to the coordinator)."""
    return domain.Problem(domain.Programme("", dt.date(2000, 1, 3)))


def build_template(problem: domain.Problem | None = None, lang: str = "fr", year: bool = False,
                   workbook: Workbook | None = None) -> Workbook:
    """The template workbook: `problem`'s rows (None: a blank template), dressed for people; `year`: with the
    sheet `Promotions` and the year's columns and setting (SPEC §6); `workbook`: dress this one instead."""
    empty = problem is None and workbook is None
    if workbook is None:
        workbook = build_workbook(blank_problem() if empty else problem, every_sheet=True, year=year)
        if year:
            workbook[SHEETS["programme"].fr].append(
                [YEAR_PROGRAMME_KEYS["max_sessions_per_organisation_per_year"].fr, None])
    titles: dict[str, str] = {}
    for sheet in workbook.worksheets:
        key = find(SHEETS, sheet.title)
        if key is not None:
            sheet.title = SHEETS[key].text(lang)
            titles[key] = sheet.title
    lists_title = _add_lists_sheet(workbook, titles, lang)
    for key in (k for k in SHEET_KEYS if k in titles):
        sheet = workbook[titles[key]]
        if key == "programme":
            _dress_programme(sheet, lang, empty)
        else:
            _dress_table(sheet, key, lang, lists_title)
    _add_instructions(workbook, lang)
    finish_workbook(workbook)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)  # the lists' formulas are computed on opening
    return workbook


def write_template(path: Path, example: bool = False, lang: str = "fr", year: bool = False) -> None:
    """Write the template at `path` (atomically); `example`: filled with the Nancy example; `year`: a year
    of cohorts (with `example`: the four cohorts of 2027, `scheduler.year_example`)."""
    problem = None
    if year and example:
        from scheduler.year_example import year_workbook

        save_workbook(build_template(lang=lang, workbook=year_workbook(every_sheet=True)), path)
        return
    if year:
        save_workbook(build_template(None, lang, year=True), path)
        return
    if example:
        from scheduler.nancy import nancy_problem

        problem = nancy_problem()
    save_workbook(build_template(problem, lang), path)
