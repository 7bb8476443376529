"""`planning.html`: the week grids as one static page to send by e-mail or print.

Self-contained (inline CSS, no script, no font or image fetched), one programme week per printed
A4 landscape page, blocks coloured by theme, a legend under each week; on a narrow screen (a phone)
the weeks read as day-by-day lists instead of grids.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from scheduler.core.domain import Problem, Timetable
from scheduler.core.atomic import write_bytes_atomically
from scheduler.core.palette import colour
from scheduler.core.text import format_time
from scheduler.core.words import word
from scheduler.exports.weekgrid import Block, WeekGrid, legend, week_grids

PAGE_NAME = "planning.html"

STYLE = """
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 12px; color: #111; margin: 12px; }
h1 { font-size: 20px; margin: 0 0 4px; }
nav { margin: 0 0 12px; line-height: 1.8; }
nav a { margin-right: 8px; color: #1F3864; white-space: nowrap; }
section.week { break-after: page; page-break-after: always; margin-bottom: 24px; }
section.week:last-of-type { break-after: auto; page-break-after: auto; }
h2 { font-size: 16px; margin: 0 0 2px; }
p.cohort { margin: 0 0 4px; color: #555; font-style: italic; }
div.scroll { overflow-x: auto; }
table.grid { --row: 26px; border-collapse: collapse; width: 100%; min-width: 760px; table-layout: fixed; }
table.grid th { background: #1F3864; color: #fff; padding: 3px; font-size: 12px; }
table.grid th.time { width: 48px; }
table.grid td { border: 1px solid #ddd; height: var(--row); padding: 0; vertical-align: top; }
table.grid td.time { border: none; color: #666; font-size: 10px; text-align: right; padding-right: 3px; }
table.grid td.time.hour { font-weight: bold; color: #333; }
table.grid tr.lunch td.free { background: #EFEFEF; }
td.block { padding: 2px 3px !important; font-size: 11px; line-height: 1.25; overflow: hidden; }
td.block div.in { overflow: hidden; }
td.block .title { font-weight: bold; }
td.block .hours { color: #333; }
td.event { font-style: italic; }
td.work { color: #444; }
td.work .title { font-weight: normal; }
td.closed { background: #BFBFBF; color: #404040; font-weight: bold; text-align: center;
            vertical-align: middle !important; }
ul.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px; }
ul.legend li { padding: 2px 6px; font-size: 11px; border: 2px solid; }
div.agenda { display: none; }
div.agenda h3 { font-size: 15px; margin: 12px 0 4px; }
div.agenda ul { list-style: none; padding: 0; margin: 0; }
div.agenda li { margin: 0 0 6px; padding: 6px 8px; border-left: 6px solid; overflow-wrap: anywhere; }
div.agenda li .title { font-weight: bold; display: block; }
div.agenda li.event { font-style: italic; }
div.agenda li.work { border-left-style: dashed; color: #444; }
div.agenda li.closed { background: #BFBFBF; border-color: #404040; font-weight: bold; }
@media screen and (max-width: 700px) {
  body { margin: 8px; font-size: 15px; }
  div.scroll { display: none; }
  div.agenda { display: block; }
  ul.legend { display: none; }
  h2 { font-size: 18px; }
}
@media print {
  body { margin: 0; font-size: 9pt; }
  nav, h1 { display: none; }
  div.scroll { overflow: visible; }
  table.grid { --row: var(--print-row, 30px); min-width: 0; }
  table.grid th { font-size: 9pt; padding: 2px; }
  table.grid td.time { font-size: 7.5pt; }
  td.block { font-size: 8.5pt; line-height: 1.2; }
  ul.legend li { font-size: 8pt; }
}
"""


def _style() -> str:
    """STYLE with the palette's colours (data/palette.toml) in place of its defaults."""
    return (STYLE.replace("#1F3864", "#" + colour("header")).replace("#EFEFEF", "#" + colour("lunch"))
            .replace("#BFBFBF", "#" + colour("closed")).replace("#404040", "#" + colour("closed_text")))


def page_style() -> str:
    """The stylesheet of planning.html, for the pages that share its look (the year's index)."""
    return _style()


def _cell(block: Block, rows: int, columns: int) -> str:
    span = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
    if block.kind == "closed":
        return f'<td class="block closed"{span}>{escape(block.lines[0])}</td>'
    lines = [f'<div class="hours">{escape(block.lines[0])}</div>', f'<div class="title">{escape(block.lines[1])}</div>']
    lines += [f"<div>{escape(line)}</div>" for line in block.lines[2:]]
    style = f"background:#{block.fill};border:2px {'dashed' if block.kind == 'work' else 'solid'} #{block.colour}"
    full = [*block.lines, *([block.session.theme] if block.session is not None and block.session.theme else [])]
    room = f"calc({rows} * var(--row) - 5px)"  # then down to whole lines where the browser can round
    inner = (f'<div class="in" style="max-height:{room};max-height:round(down, {room}, 1lh)">'
             f'{"".join(lines)}</div>')
    return (f'<td class="block {block.kind}"{span} style="{style}" title="{escape(" — ".join(full))}">'
            f"{inner}</td>")


def week_agenda(grid: WeekGrid, lang: str) -> str:
    """The week as a list, day by day, for a narrow screen: every line of every block, nothing clipped."""
    days = []
    for index, _ in enumerate(grid.days):
        blocks = sorted((b for b in grid.blocks if b.day_index == index), key=lambda b: (b.first_row, b.lane))
        if not blocks:
            continue
        items = []
        for block in blocks:
            if block.kind == "closed":
                items.append(f'<li class="closed">{escape(block.lines[0])}</li>')
                continue
            rest = "".join(f"<span>{escape(line)}</span><br>" for line in block.lines[2:])
            items.append(f'<li class="{block.kind}" style="background:#{block.fill};border-color:#{block.colour}">'
                         f'<span class="hours">{escape(block.lines[0])}</span>'
                         f'<span class="title">{escape(block.lines[1])}</span>{rest}</li>')
        days.append(f"<h3>{escape(grid.day_header(index, lang))}</h3><ul>{''.join(items)}</ul>")
    return f'<div class="agenda">{"".join(days)}</div>'


def week_table(grid: WeekGrid, lang: str) -> str:
    """The week as a table: one column per day lane, one row per time step, blocks spanning rows."""
    starts_at = {(b.first_row, b.day_index, b.lane): b for b in grid.blocks}
    covered: set[tuple[int, int, int]] = set()
    for block in grid.blocks:
        for row in range(block.first_row, block.first_row + block.rows):
            for lane in range(block.lane, block.lane + block.lanes):
                if (row, lane) != (block.first_row, block.lane):
                    covered.add((row, block.day_index, lane))
    head = [f'<th class="time">{escape(word("grid.hour", lang))}</th>']
    head += [f'<th colspan="{d.lanes}">{escape(grid.day_header(i, lang))}</th>' if d.lanes > 1 else
             f"<th>{escape(grid.day_header(i, lang))}</th>" for i, d in enumerate(grid.days)]
    body = []
    for row, minute in enumerate(grid.times):
        hour = " hour" if minute % 60 == 0 else ""
        cells = [f'<td class="time{hour}">{format_time(minute)}</td>']
        for index, day in enumerate(grid.days):
            for lane in range(day.lanes):
                block = starts_at.get((row, index, lane))
                if block is not None:
                    cells.append(_cell(block, block.rows, block.lanes))
                elif (row, index, lane) not in covered:
                    cells.append('<td class="free"></td>')
        lunch = ' class="lunch"' if grid.is_lunch(row) else ""
        body.append(f"<tr{lunch}>{''.join(cells)}</tr>")
    print_row = max(12, min(44, 590 // max(1, len(grid.times))))  # the rows fill an A4 landscape page
    return (f'<div class="scroll"><table class="grid" style="--print-row:{print_row}px"><thead><tr>{"".join(head)}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def planning_page(problem: Problem, timetable: Timetable, lang: str = "fr") -> str:
    """The whole page as text."""
    name = escape(problem.programme.name)
    keys = legend(problem, timetable, lang)
    legend_html = (f'<ul class="legend" aria-label="{escape(word("grid.legend", lang))}">'
                   + "".join(f'<li style="background:#{fill};border-color:#{border}">{escape(label)}</li>'
                             for label, fill, border in keys) + "</ul>")
    grids = week_grids(problem, timetable, lang)
    nav = " ".join(f'<a href="#week-{g.week}">{escape(word("grid.week", lang, week=g.week))}</a>' for g in grids)
    sections = [f'<section class="week" id="week-{g.week}"><h2>{escape(g.title(lang))}</h2>'
                f'<p class="cohort">{name}</p>{week_table(g, lang)}{week_agenda(g, lang)}{legend_html}</section>' for g in grids]
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "fr"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(word('page.title', lang, name=problem.programme.name))}</title><style>{_style()}</style>"
            f"</head><body><h1>{name}</h1><nav>{escape(word('page.contents', lang))} {nav}</nav>"
            f'{"".join(sections)}</body></html>\n')


def write_planning_page(problem: Problem, timetable: Timetable, path: Path, lang: str = "fr") -> None:
    """Write `planning.html` atomically."""
    write_bytes_atomically(path, planning_page(problem, timetable, lang).encode("utf-8"))
