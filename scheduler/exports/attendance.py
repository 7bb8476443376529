"""Attendance sheets (feuilles d'émargement): `emargement.xlsx` and the printable `emargement.html`.

One A4 portrait block per session: the programme, date, hours, title, speaker and organisation,
one tall bordered row per expected participant (the whole cohort, or the group's members) with a
box to sign, and a box for the speaker's signature. Blocks are separated by page breaks and
sized to fit one page each; the cohort's fixed events get a block too when the Programme
setting `Émargement événements` says so.
"""
from __future__ import annotations

import html
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Side
from openpyxl.worksheet.pagebreak import Break, RowBreak

from scheduler.core.domain import COHORT, Problem, Session, Timetable
from scheduler.core.text import format_time
from scheduler.exports.xlsx_file import save_workbook
from scheduler.core.atomic import atomic_path, write_bytes_atomically
from scheduler.core.words import word
from scheduler.exports.messages import day_text
from scheduler.exports.styles import alignment, font, merge, set_style

XLSX_NAME, HTML_NAME = "emargement.xlsx", "emargement.html"
FONT = "Arial"
BLANK_ROWS = 15  # rows to fill by hand when the workbook lists no participant
PAGE_POINTS = 700  # printable height of an A4 portrait page, margins and print titles aside
HEADER_POINTS = 190  # the block's heading rows and the speaker's box
def _w(key: str, lang: str) -> str:
    """A text of the attendance sheets (`attendance.*` in data/words.toml)."""
    return word(f"attendance.{key}", lang)


def attendance_sessions(problem: Problem, timetable: Timetable) -> list[Session]:
    """The sessions that need a sheet: every session given by a speaker, and events when asked."""
    return [s for s in timetable.sorted_sessions() if not s.is_event or problem.programme.attendance_events]


def expected(problem: Problem, timetable: Timetable, session: Session) -> list[str]:
    """Who should sign: the whole cohort, or the members of the session's group."""
    if session.audience == COHORT:
        return [p.name for p in problem.participants]
    return [name for name, project in timetable.groups if project == session.audience]


def _details(problem: Problem, session: Session, lang: str) -> list[tuple[str, str]]:
    audience = _w("cohort", lang) if session.audience == COHORT else f"{_w('group', lang)} {session.audience}"
    speaker = (f"{session.speaker} ({session.organisation})" if session.speaker and session.organisation
               else session.speaker or _w("event", lang))
    return [(_w("date", lang), day_text(session, lang)),
            (_w("hours", lang), f"{format_time(session.start)}–{format_time(session.end)}"),
            (_w("session", lang), session.title), (_w("speaker", lang), speaker),
            (_w("place", lang), session.location or problem.programme.location), (_w("audience", lang), audience)]


def write_attendance_workbook(problem: Problem, timetable: Timetable, path: Path, lang: str = "fr") -> None:
    """emargement.xlsx: one sheet, one block per session, a page break after each block."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Émargement" if lang != "en" else "Attendance"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 40
    sheet.append([f"{problem.programme.name} — {_w('title', lang)}"])
    set_style(sheet.cell(1, 1), font=font(name=FONT, size=10, italic=True))
    merge(sheet, 1, 1, 1, 3, apart=True)
    row = 2
    breaks = RowBreak()
    for session in attendance_sessions(problem, timetable):
        names = expected(problem, timetable, session) or [""] * BLANK_ROWS
        height = max(18, min(34, (PAGE_POINTS - HEADER_POINTS) // max(1, len(names))))
        set_style(sheet.cell(row, 1, _w("title", lang)), font=font(name=FONT, size=16, bold=True))
        merge(sheet, row, 1, row, 3, apart=True)
        sheet.row_dimensions[row].height = 26
        row += 1
        for label, value in _details(problem, session, lang):
            set_style(sheet.cell(row, 1, label), font=font(name=FONT, size=10, bold=True))
            set_style(sheet.cell(row, 2, value), font=font(name=FONT, size=11, bold=label == _w("session", lang)))
            merge(sheet, row, 2, row, 3, apart=True)
            set_style(sheet.cell(row, 2), alignment=alignment(wrap_text=True, vertical="center"))
            row += 1
        row += 1
        for column, title in enumerate(("#", _w("participant", lang), _w("signature", lang)), start=1):
            set_style(sheet.cell(row, column, title), font=font(name=FONT, size=10, bold=True), border=box)
        row += 1
        for number, name in enumerate(names, start=1):
            for column, value in enumerate((number, name or None, None), start=1):
                set_style(sheet.cell(row, column, value), font=font(name=FONT, size=11), border=box,
                          alignment=alignment(vertical="center", horizontal="center" if column == 1 else None))
            sheet.row_dimensions[row].height = height
            row += 1
        row += 1
        set_style(sheet.cell(row, 2, _w("speaker_signature", lang)), font=font(name=FONT, size=10, bold=True))
        set_style(sheet.cell(row, 3), border=box)
        sheet.row_dimensions[row].height = 60
        breaks.append(Break(id=row))
        row += 1
    sheet.row_breaks = breaks
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    with atomic_path(path) as temporary:
        save_workbook(book, temporary)


CSS = """@page { size: A4 portrait; margin: 12mm; }
body { font-family: Arial, sans-serif; font-size: 11pt; }
section { page-break-after: always; break-after: page; break-inside: avoid; }
section:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 16pt; margin: 0 0 4mm; } p.programme { font-style: italic; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #000; padding: 2mm; text-align: left; }
table.details th, table.details td { border: none; padding: 1mm 2mm; } td.sign { width: 45%; }
tr.person td { height: %HEIGHT%; } div.speaker { margin-top: 5mm; border: 1px solid #000; height: 25mm; padding: 2mm; }
th.num, td.num { width: 10mm; text-align: center; } table.details th { width: 30mm; }
@media screen { section { margin-bottom: 12mm; padding-bottom: 6mm; border-bottom: 1px dashed #888; } }
"""


def attendance_html(problem: Problem, timetable: Timetable, lang: str = "fr") -> str:
    """The printable page: one <section> per session, each on its own A4 page."""
    esc = html.escape
    sections = []
    for session in attendance_sessions(problem, timetable):
        names = expected(problem, timetable, session) or [""] * BLANK_ROWS
        height = f"{max(6, min(12, 190 // max(1, len(names))))}mm"
        details = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _details(problem, session, lang))
        rows = "".join(f'<tr class="person" style="height:{height}"><td class="num">{i}</td><td>{esc(n)}</td>'
                       '<td class="sign"></td></tr>'
                       for i, n in enumerate(names, start=1))
        sections.append(f'<section><p class="programme">{esc(problem.programme.name)}</p><h1>{_w("title", lang)}</h1>'
                        f'<table class="details">{details}</table><br><table><tr><th class="num">#</th>'
                        f'<th>{_w("participant", lang)}</th><th>{_w("signature", lang)}</th></tr>{rows}</table>'
                        f'<div class="speaker">{esc(_w("speaker_signature", lang))}</div></section>')
    return (f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "fr"}"><head><meta charset="utf-8">'
            f'<title>{esc(problem.programme.name)} — {_w("title", lang)}</title>'
            f'<style>{CSS.replace("%HEIGHT%", "8mm")}</style></head><body>{"".join(sections)}</body></html>\n')


def write_attendance(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr") -> list[Path]:
    """Write emargement.xlsx and emargement.html into `folder`."""
    workbook, page = folder / XLSX_NAME, folder / HTML_NAME
    write_attendance_workbook(problem, timetable, workbook, lang)
    write_bytes_atomically(page, attendance_html(problem, timetable, lang).encode("utf-8"))
    return [workbook, page]
