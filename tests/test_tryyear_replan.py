"""A year replanned after a speaker cancels, read as a coordinator reads it (SPEC §6): a session that must
leave its place is listed as moved, keeps its `Séance` (its calendar event moves, SEQUENCE raised, rather
than being cancelled and duplicated), and the reason names what changed, as one cohort's replan does."""
from __future__ import annotations

import datetime as dt

from helpers_workbooks import write_workbook
from test_year_cli import plannable_sheets, run, year_checked


def test_a_session_on_a_day_closed_since_for_its_cohort_is_moved_with_its_reason(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    _, before, _ = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    first = min((s for s in before[1].sessions if s.offer_id), key=lambda s: (s.day, s.start))  # spring's first
    sheets = plannable_sheets()
    sheets["Fermetures"][0].append("Promotion")
    sheets["Fermetures"][1].append(None)
    day = dt.datetime.combine(first.day, dt.time())
    sheets["Fermetures"].append([day, day, "Grève des transports", "Printemps"])  # closed for spring only
    changed = write_workbook(tmp_path / "changed.xlsx", sheets)
    replanned = run("replan", changed, "--previous", tmp_path / "out" / "annee.xlsx", "--out", tmp_path / "new",
                    "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    _, after, found = year_checked(changed, tmp_path / "new" / "annee.xlsx")
    assert found == []
    assert after[0].sessions == before[0].sessions  # winter untouched
    now = next((s for s in after[1].sessions if s.session_id == first.session_id), None)
    assert now is not None and now.day != first.day  # the same Séance, moved
    assert f"Déplacée : {first.session_id}" in replanned.output
    assert "Grève des transports" in replanned.output  # why it had to move
    assert "0 déplacée" not in replanned.output and "ajoutée" in replanned.output


def test_a_session_double_booked_by_hand_across_cohorts_moves_and_says_why(tmp_path):
    import openpyxl

    sheets = plannable_sheets()
    sheets["Promotions"][2][1] = dt.datetime(2026, 11, 9)  # spring now runs beside winter (two sites)
    sheets["Disponibilités"] = [row for row in sheets["Disponibilités"] if row[1] != dt.datetime(2027, 3, 2)]
    workbook = write_workbook(tmp_path / "annee.xlsx", sheets)
    planned = run("plan", workbook, "--out", tmp_path / "out", "--workers", 1)
    assert planned.exit_code == 0, planned.output
    _, before, _ = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    winter = next(s for s in before[0].sessions if s.speaker == "Marc Petit" and s.day >= dt.date(2026, 11, 9))
    spring = next(s for s in before[1].sessions if s.speaker == "Marc Petit")
    book = openpyxl.load_workbook(tmp_path / "out" / "annee.xlsx")
    sheet = book["Année"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2)
               if r[0].value == "Printemps" and r[header.index("Séance")].value == spring.session_id)
    row[header.index("Date")].value = dt.datetime.combine(winter.day, dt.time())  # Marc in two places at once
    row[header.index("Début")].value = dt.time(winter.start // 60, winter.start % 60)
    row[header.index("Fin")].value = dt.time(winter.end // 60, winter.end % 60)
    row[header.index("Semaine")].value = None
    book.save(tmp_path / "out" / "annee.xlsx")
    assert run("verify", workbook, tmp_path / "out" / "annee.xlsx").exit_code == 4
    replanned = run("replan", workbook, "--previous", tmp_path / "out" / "annee.xlsx", "--out", tmp_path / "new",
                    "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    assert year_checked(workbook, tmp_path / "new" / "annee.xlsx")[2] == []
    assert "Marc Petit donnait une autre séance à la même heure dans « Hiver »" in replanned.output
