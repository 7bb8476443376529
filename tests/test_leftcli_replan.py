"""`replan` never silently replaces another plan in --out (as `plan` refuses a planned folder unless --force),
and says its solve time as `plan` does (one function): 'moins d'une seconde', never '0 s'."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scheduler.cli import Lang, app, solve_time
from scheduler.exports.calendar_state import STATE_FILE
from trycohort_workbook import plan_cohort

runner = CliRunner()


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple[Path, Path]:
    out = plan_cohort(tmp_path_factory.mktemp("cohorte"))
    return out.parent / "promo.xlsx", out / "planning.xlsx"


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def another_plan(planned, tmp_path: Path, *keep: str) -> Path:
    """A folder holding another plan: a copy of the first one (with only `keep` of its files, if given)."""
    other = tmp_path / "autre"
    shutil.copytree(planned[1].parent, other)
    for path in other.iterdir():
        if keep and path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return other


def replan(planned, out: Path, *more: str):
    workbook, planning = planned
    return runner.invoke(app, ["replan", str(workbook), "--previous", str(planning), "--out", str(out), *more])


@pytest.mark.parametrize("keep", [(), ("planning.xlsx",), (STATE_FILE,)])
def test_replan_refuses_a_folder_holding_another_plan(planned, tmp_path, keep) -> None:
    other = another_plan(planned, tmp_path, *keep)
    before = digests(other)
    result = replan(planned, other)
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    found = keep[0] if keep else "planning.xlsx"
    assert f"{other}/ contient déjà un autre planning ({found})" in said and "--force" in said, said
    assert f"--out {other}-v2" in said
    assert digests(other) == before  # nothing replaced, not even the calendar tracking
    english = " ".join(replan(planned, other, "--lang", "en").output.split())
    assert f"{other}/ already holds another timetable ({found})" in english and "--force" in english, english
    assert digests(other) == before


def test_replan_with_force_replaces_it_and_into_a_new_or_empty_folder_it_writes(planned, tmp_path) -> None:
    other = another_plan(planned, tmp_path)
    result = replan(planned, other, "--force")
    assert result.exit_code == 0, result.output
    assert "Changements" in {sheet for sheet in __import__("openpyxl").load_workbook(other / "planning.xlsx").sheetnames}
    (tmp_path / "vide").mkdir()
    for folder in (tmp_path / "vide", tmp_path / "neuf"):
        assert replan(planned, folder).exit_code == 0
        assert (folder / "planning.xlsx").is_file() and (folder / STATE_FILE).is_file()


def test_replan_into_the_folder_of_previous_is_refused_as_docs_robustness_says(planned) -> None:
    # docs/robustness.md, step 1: an input is never overwritten; write to another folder, as docs/replan.md shows
    before = digests(planned[1].parent)
    result = replan(planned, planned[1].parent)
    assert result.exit_code == 2 and "fichier d'entrée" in result.output and "--force" not in result.output
    assert digests(planned[1].parent) == before


def test_the_solve_time_is_said_the_same_way_by_plan_and_replan(planned, tmp_path) -> None:
    assert solve_time(0.04, Lang.fr) == "moins d'une seconde" and solve_time(0.0, Lang.en) == "under a second"
    assert solve_time(6.14, Lang.fr) == "6,1 s" and solve_time(6.14, Lang.en) == "6.1 s"
    assert solve_time(1.0, Lang.fr) == "1 s"
    for lang in ("fr", "en"):
        result = replan(planned, tmp_path / lang, "--lang", lang)
        assert result.exit_code == 0, result.output
        assert " 0 s" not in result.output and "0,0 s" not in result.output and "0.0 s" not in result.output
        assert ("en " if lang == "fr" else "in ") in result.output.split("placées" if lang == "fr" else "placed")[1]


def test_a_year_replan_refuses_a_folder_holding_another_plan_too(tmp_path) -> None:
    year = Path(__file__).resolve().parents[1] / "examples" / "annee-2027.xlsx"
    other = tmp_path / "annee-v1"
    other.mkdir()
    (other / "annee.xlsx").write_bytes(b"another year's plan")
    result = runner.invoke(app, ["replan", str(year), "--previous", str(tmp_path / "annee" / "annee.xlsx"),
                                 "--out", str(other), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert f"{other}/ already holds another timetable (annee.xlsx)" in " ".join(result.output.split())
    assert (other / "annee.xlsx").read_bytes() == b"another year's plan"
