"""A year of cohorts from the command line (SPEC §6), as a coordinator runs it: template --year, check,
plan, verify, export, replan, roll; every timetable re-checked by the independent year checker."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from helpers_workbooks import write_workbook
from scheduler.checker_year import year_violations
from scheduler.cli import app
from scheduler.exports.year import cohort_folders
from scheduler.workbook.year_planning_reader import read_year_planning
from scheduler.workbook.year_reading import load_year
from test_year_reading import year_sheets

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = next((folder for folder in (ROOT.parent / "shared" / "contract", ROOT.parents[1] / "shared" / "contract")
                 if folder.is_dir()), ROOT.parent / "shared" / "contract")
CYBER = "Cybersécurité"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def plannable_sheets():
    """The two-cohort test workbook (`Hiver`, `Printemps`) with one session per theme asked: it can be planned."""
    sheets = year_sheets()
    sheets["Programme"].append(["Séances min par thème", 1])
    return sheets


def year_checked(workbook: Path, annee: Path):
    """The year read back from annee.xlsx, and what the independent year checker finds in it."""
    year = load_year(workbook)
    timetables = read_year_planning(annee, year)
    return year, timetables, year_violations(year, timetables)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """`scheduler template --example --year`, then `scheduler plan` on it."""
    folder = tmp_path_factory.mktemp("annee")
    workbook = folder / "annee-2027.xlsx"
    made = run("template", workbook, "--example", "--year")
    assert made.exit_code == 0, made.output
    planned = run("plan", workbook, "--out", folder / "out", "--time-limit", 20, "--workers", 2)
    assert planned.exit_code == 0, planned.output
    return workbook, folder / "out", planned.output


def test_the_year_example_checks_with_its_four_cohorts(example):
    workbook, _, _ = example
    checked = run("check", workbook)
    assert checked.exit_code == 0 and "4 promotions" in checked.output
    assert "0 avertissement (4 promotions, 45 interventions, 44 intervenants)." in checked.output  # French plurals


def test_the_year_example_plans_every_cohort_and_obeys_every_rule(example):
    workbook, out, printed = example
    assert "promotion la moins servie" in printed and "Novembre 2027 — Metz" in printed
    assert "thèmes couverts sur 8" in printed and "(s)" not in printed  # French plurals, not 'thème(s)'
    year, timetables, found = year_checked(workbook, out / "annee.xlsx")
    assert found == []
    for timetable, problem in zip(timetables, year.problems):
        cyber = sum(1 for s in timetable.sessions if s.theme == CYBER and s.phase == 1)
        assert cyber >= problem.programme.min_sessions_per_theme  # the scarce theme reaches every cohort
    book = openpyxl.load_workbook(out / "annee.xlsx")
    assert {"Année", "Couverture", "Intervenants", "Organisations"} <= set(book.sheetnames)
    assert [c.value for c in book["Année"][1]][0] == "Promotion"
    for folder in cohort_folders(year).values():
        assert (out / folder / "planning.xlsx").exists() and (out / folder / "cohorte.ics").exists()
        assert f'href="{folder}/planning.html"' in (out / "planning.html").read_text(encoding="utf-8")
    assert (out / "intervenants" / "mathieu-perrin.ics").read_text().count("BEGIN:VEVENT") == 4


def test_plan_refuses_a_folder_that_already_holds_the_year(example):
    workbook, out, _ = example
    before = (out / "annee.xlsx").read_bytes()
    again = run("plan", workbook, "--out", out, "--time-limit", 5)
    assert again.exit_code == 2, again.output
    assert "contient déjà un planning (annee.xlsx)" in again.output and "annee.xlsx --out " in again.output
    assert (out / "annee.xlsx").read_bytes() == before


@pytest.mark.skipif(not (CONTRACT / "check_plan.py").exists(), reason="shared contract not beside the checkout")
def test_every_cohort_passes_the_contract_checker_against_its_own_workbook(example, tmp_path):
    from scheduler.workbook.writing import write_problem

    workbook, out, _ = example
    year = load_year(workbook)
    for cohort, problem in year.pairs:
        alone = tmp_path / f"{cohort.slug}.xlsx"
        write_problem(problem, alone)  # the cohort as a one-cohort workbook
        check = subprocess.run([sys.executable, str(CONTRACT / "check_plan.py"), str(alone),
                                str(out / cohort_folders(year)[cohort.name])], capture_output=True, text=True,
                               cwd=CONTRACT)
        assert check.returncode == 0, (cohort.name, check.stdout[-2000:], check.stderr[-2000:])
        assert check.stdout.strip().splitlines()[-1].endswith(" 0 violations")


def test_verify_and_export_accept_annee_xlsx_and_locate_a_double_booking(example, tmp_path):
    workbook, out, _ = example
    verified = run("verify", workbook, out / "annee.xlsx")
    assert verified.exit_code == 0 and "respecte toutes les règles" in verified.output
    exported = run("export", workbook, out / "annee.xlsx", "--out", tmp_path / "again")
    assert exported.exit_code == 0 and (tmp_path / "again" / "annee.xlsx").exists()
    # Move a September session of a speaker onto the hour of one of their November (Metz) sessions.
    book = openpyxl.load_workbook(out / "annee.xlsx")
    sheet = book["Année"]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in ("Promotion", "Séance", "Date", "Début", "Fin", "Intervenant")}
    rows = {}
    for row in range(2, sheet.max_row + 1):
        speaker = sheet.cell(row, column["Intervenant"]).value
        if speaker:
            rows.setdefault((speaker, sheet.cell(row, column["Promotion"]).value), []).append(row)
    speaker = next(s for (s, c) in rows if c == "Septembre 2027" and (s, "Novembre 2027 — Metz") in rows)
    moved, target = rows[(speaker, "Septembre 2027")][0], rows[(speaker, "Novembre 2027 — Metz")][0]
    for name in ("Date", "Début", "Fin"):
        sheet.cell(moved, column[name]).value = sheet.cell(target, column[name]).value
    book.save(tmp_path / "edited.xlsx")
    refused = run("verify", workbook, tmp_path / "edited.xlsx")
    assert refused.exit_code == 4
    assert f"Année lignes {min(moved, target)}, {max(moved, target)}" in refused.output
    assert "toutes promotions confondues" in refused.output
    nothing = run("export", workbook, tmp_path / "edited.xlsx", "--out", tmp_path / "refused")
    assert nothing.exit_code == 4 and not (tmp_path / "refused" / "annee.xlsx").exists()


def test_roll_the_year_into_the_next_cohort_from_the_command_line(example, tmp_path):
    workbook, _, _ = example
    before = workbook.read_bytes()
    rolled = run("roll", workbook, "--start", "03/01/2028", "--out", tmp_path / "suite.xlsx")
    assert rolled.exit_code == 0 and "Promo janvier 2028" in rolled.output and "Accueil de la promotion" in rolled.output
    assert workbook.read_bytes() == before
    checked = run("check", tmp_path / "suite.xlsx")
    assert checked.exit_code == 0 and "aucune erreur, 0 avertissement" in checked.output  # the yearly setting is known
    assert run("roll", workbook, "--start", "demain", "--out", tmp_path / "x.xlsx").exit_code == 2


def test_an_empty_year_template_has_the_cohorts_sheet_and_columns_with_help(tmp_path):
    assert run("template", tmp_path / "vide.xlsx", "--year").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "vide.xlsx")
    assert [c.value for c in book["Promotions"][1]] == ["Promotion", "Début", "Semaines", "Semaines phase 1", "Lieu"]
    speakers = [c.value for c in book["Intervenants"][1]]
    assert "Max séances par an" in speakers
    assert book["Intervenants"].cell(1, speakers.index("Max séances par an") + 1).comment is not None
    assert "Promotion" in [c.value for c in book["Participants"][1]]
    assert "Séances max par organisation et par an" in [c.value for c in book["Programme"]["A"]]
    assert run("template", tmp_path / "seul.xlsx").exit_code == 0  # without --year: one cohort, as before
    assert "Promotions" not in openpyxl.load_workbook(tmp_path / "seul.xlsx").sheetnames


def test_replan_changes_only_the_cohort_the_change_touches(tmp_path):
    workbook = write_workbook(tmp_path / "annee.xlsx", plannable_sheets())
    assert run("plan", workbook, "--out", tmp_path / "out", "--workers", 1).exit_code == 0
    year, before, found = year_checked(workbook, tmp_path / "out" / "annee.xlsx")
    assert found == []
    spring = [s for s in before[1].sessions if s.speaker == "Marc Petit"]
    assert spring
    # Marc Petit cannot come before the day after his first spring session any more.
    sheets = plannable_sheets()
    for row in sheets["Disponibilités"][1:]:
        if row[0] == "Marc Petit":
            row[6] = dt.datetime(2027, 2, 26)  # his weekly window holds for the winter cohort…
            later = dt.datetime.combine(min(s.day for s in spring) + dt.timedelta(days=1), dt.time())
            sheets["Disponibilités"].append([*row[:5], later, None, None])  # … and in spring from a later day on
            break
    changed = write_workbook(tmp_path / "changed.xlsx", sheets)
    replanned = run("replan", changed, "--previous", tmp_path / "out" / "annee.xlsx", "--out", tmp_path / "new",
                    "--workers", 1)
    assert replanned.exit_code == 0, replanned.output
    assert "Hiver : inchangée" in replanned.output and "Printemps : " in replanned.output
    _, after, found = year_checked(changed, tmp_path / "new" / "annee.xlsx")
    assert found == []
    assert after[0].sessions == before[0].sessions  # winter untouched
    assert after[1].sessions != before[1].sessions


def test_a_theme_the_yearly_caps_cannot_cover_names_the_cohorts_that_need_it(tmp_path):
    sheets = plannable_sheets()
    sheets["Interventions"][1][-1] = None  # I1 (Léa Dupont, Web) now in every cohort…
    sheets["Intervenants"][1][-1] = 1  # … but Léa gives 1 session a year, for 1 + 1 Web sessions needed
    result = run("plan", write_workbook(tmp_path / "annee.xlsx", sheets), "--out", tmp_path / "out", "--workers", 1)
    assert result.exit_code == 3, result.output
    assert "thème « Web »" in result.output and "Hiver (1), Printemps (1)" in result.output
    assert not (tmp_path / "out" / "annee.xlsx").exists()


def test_two_cohorts_that_cannot_be_planned_together_are_named(tmp_path):
    sheets = plannable_sheets()
    sheets["Promotions"][2][1] = dt.datetime(2026, 11, 9)  # spring now runs beside winter (two sites)…
    sheets["Disponibilités"] = [row for row in sheets["Disponibilités"] if row[0] != "Marc Petit"
                                and row[1] != dt.datetime(2027, 3, 2)]
    sheets["Disponibilités"].append(["Marc Petit", dt.datetime(2026, 11, 17), None, "14:00", "15:30", None, None, None])
    # … and Marc Petit, each cohort's only Data speaker, comes one afternoon, for one session: each cohort
    # alone could have it (its Data minimum), not both (one session at a time across cohorts, rule 10)
    result = run("plan", write_workbook(tmp_path / "annee.xlsx", sheets), "--out", tmp_path / "out", "--workers", 1)
    assert result.exit_code == 3, result.output
    assert "« Hiver » et « Printemps » ne peuvent pas être planifiées ensemble" in result.output
    assert not (tmp_path / "out" / "annee.xlsx").exists()
    sheets["Disponibilités"][-1][4] = "17:00"  # control twin: room for two sessions that afternoon
    result = run("plan", write_workbook(tmp_path / "assez.xlsx", sheets), "--out", tmp_path / "ok", "--workers", 1)
    assert result.exit_code == 0, result.output


def test_a_one_cohort_workbook_plans_exactly_as_before(tmp_path):
    from scheduler.app.plan import SolveOptions, plan

    source = ROOT / "examples" / "nancy-novembre-2026.xlsx"
    workbook = tmp_path / "nancy.xlsx"
    shutil.copy(source, workbook)
    result = run("plan", workbook, "--out", tmp_path / "cli", "--workers", 1, "--time-limit", 4)
    assert result.exit_code == 0 and (tmp_path / "cli" / "planning.xlsx").exists()
    assert not (tmp_path / "cli" / "annee.xlsx").exists()
    direct = plan(workbook, tmp_path / "direct", SolveOptions(time_limit=4, workers=1))
    sheet = openpyxl.load_workbook(tmp_path / "cli" / "planning.xlsx")["Planning"]
    assert sheet.max_row - 1 == len(direct.timetable.sessions)
