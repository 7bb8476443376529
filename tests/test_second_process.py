"""The exports written by two processes (scheduler.exports.second_process) are the files written by
one, byte for byte; an error of the second process is raised as if the job had run in the first; a
second process that cannot answer leaves its part to the first. No timing here (plan_profile.py)."""
from __future__ import annotations

import email.generator
import errno
import functools
import os
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import scheduler.exports
from scheduler.app.output import write_set
from scheduler.exports import calendars, messages, second_process, write_all
from scheduler.exports.xlsx_file import save_workbook
from test_calendars import STAMP
from test_exports_xlsx import tiny
from tiny_people import people_problem, people_timetable

needs_fork = pytest.mark.skipif(not second_process.available(), reason="no second process on this machine")


@pytest.fixture(autouse=True)
def fork_beside_the_runners_threads(monkeypatch):
    """These tests fork although the test runner has threads; never beside a Java VM (loaded by the
    Timefold benchmark's tests in the same process), whose missing threads would hang the child."""
    if "jpype" in sys.modules:
        pytest.skip("a Java virtual machine runs in this test process: no fork beside it")
    monkeypatch.setattr(second_process, "FORK_BESIDE_THREADS", True)


def test_no_second_process_beside_another_thread(monkeypatch):
    monkeypatch.setattr(second_process, "FORK_BESIDE_THREADS", False)
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not second_process.single_threaded()
        assert second_process.start() is None  # the child would lack that thread, and maybe its locks
    finally:
        release.set()
        other.join()


def _contents(folder: Path) -> dict[str, object]:
    """Every file of `folder`: its bytes, or for a workbook every archive entry but the save time."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as archive:
                    found[str(path.relative_to(folder))] = {
                        entry.filename: (archive.read(entry), entry.compress_type, entry.external_attr)
                        for entry in archive.infolist() if entry.filename != "docProps/core.xml"}
            else:
                found[str(path.relative_to(folder))] = path.read_bytes()
    return found


@pytest.fixture
def frozen_clock(monkeypatch):
    """The calendars' DTSTAMP, the messages' Date and MIME boundary: the same in every run."""
    monkeypatch.setattr(calendars, "write_calendars", functools.partial(calendars.write_calendars, now=STAMP))
    monkeypatch.setattr(messages, "formatdate", lambda **_: "Thu, 01 Oct 2026 08:00:00 GMT")
    monkeypatch.setattr(email.generator.Generator, "_make_boundary", classmethod(lambda cls, text=None: "=" * 15 + "1"))


def _both_ways(monkeypatch, tmp_path: Path, problem, timetable, changes=None) -> tuple[dict, dict, list, list]:
    results = []
    for enabled in (False, True):
        monkeypatch.setattr(second_process, "ENABLED", enabled)
        folder = tmp_path / f"two-processes-{enabled}"
        written = write_all(problem, timetable, folder, "fr", changes)
        results.append(([str(p.relative_to(folder)) for p in written], _contents(folder)))
    (one_list, one), (two_list, two) = results
    return one, two, one_list, two_list


@needs_fork
@pytest.mark.parametrize("people", [False, True])
def test_two_processes_write_the_same_files_as_one(tmp_path, monkeypatch, frozen_clock, people):
    problem, timetable = (people_problem(), people_timetable()) if people else tiny()
    one, two, one_list, two_list = _both_ways(monkeypatch, tmp_path, problem, timetable)
    assert one == two
    assert one_list == two_list  # the same paths, in the same order
    assert {"planning.xlsx", "planning.html", "cohorte.ics", "reseau.xlsx", "messages/envoi.csv"} <= set(one)


@needs_fork
def test_an_error_in_the_second_process_is_raised_in_the_first(tmp_path, monkeypatch):
    parent = os.getpid()

    def full_disk(problem, timetable, folder, lang="fr"):
        raise OSError(errno.ENOSPC, f"No space left on device (process {'parent' if os.getpid() == parent else 'child'})",
                      str(folder / "reseau.xlsx"))

    monkeypatch.setattr("scheduler.exports.network.write_network", full_disk)
    problem, timetable = people_problem(), people_timetable()
    out = tmp_path / "sortie"
    with pytest.raises(OSError) as failure:
        write_set(out, lambda staging: write_all(problem, timetable, staging))
    assert failure.value.errno == errno.ENOSPC
    assert "process child" in failure.value.strerror  # raised there, reported here
    assert failure.value.filename == str(out / "reseau.xlsx")  # the name the coordinator knows
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


class _Unpicklable(Exception):
    def __init__(self, detail: str, pid: int):
        super().__init__(detail)
        self.pid = pid


@needs_fork
def test_an_error_that_cannot_travel_is_raised_by_the_job_run_again_here(tmp_path, monkeypatch):
    def broken(problem, timetable, folder, lang="fr"):
        raise _Unpicklable("broken", os.getpid())

    monkeypatch.setattr("scheduler.exports.network.write_network", broken)
    with pytest.raises(_Unpicklable) as failure:
        write_all(people_problem(), people_timetable(), tmp_path / "sortie")
    assert failure.value.pid == os.getpid()


@needs_fork
def test_a_second_process_that_dies_leaves_its_part_to_the_first(tmp_path, monkeypatch, frozen_clock):
    parent = os.getpid()
    real = scheduler.exports.attendance.write_attendance

    def dies_in_the_child(*arguments, **options):
        if os.getpid() != parent:
            os._exit(9)
        return real(*arguments, **options)

    problem, timetable = people_problem(), people_timetable()
    monkeypatch.setattr(second_process, "ENABLED", False)
    write_all(problem, timetable, tmp_path / "one")
    monkeypatch.setattr(second_process, "ENABLED", True)
    monkeypatch.setattr("scheduler.exports.attendance.write_attendance", dies_in_the_child)
    write_all(problem, timetable, tmp_path / "two")
    assert _contents(tmp_path / "one") == _contents(tmp_path / "two")


@needs_fork
def test_a_helper_never_given_a_job_ends_when_stopped():
    helper = second_process.start("scheduler.exports.network")
    assert helper is not None
    helper.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)  # reaped: no process left behind
    helper.stop()  # twice is harmless


@needs_fork
def test_a_helper_returns_what_its_job_returns():
    helper = second_process.start()
    helper.send(divmod, 17, 5)
    assert helper.result() == (3, 2)
    failing = second_process.start()
    failing.send(divmod, 1, 0)
    with pytest.raises(ZeroDivisionError):
        failing.result()


def test_no_second_process_when_it_is_disabled(monkeypatch):
    monkeypatch.setattr(second_process, "ENABLED", False)
    assert second_process.start() is None


def test_a_workbook_saved_from_memory_is_the_workbook_openpyxl_saves(tmp_path):
    from scheduler.exports.planning_xlsx import write_planning_workbook

    problem, timetable = tiny()
    write_planning_workbook(problem, timetable, tmp_path / "fast.xlsx", "fr")
    from openpyxl import load_workbook

    load_workbook(tmp_path / "fast.xlsx").save(tmp_path / "plain.xlsx")  # a fresh copy each: saving changes a book
    save_workbook(load_workbook(tmp_path / "fast.xlsx"), tmp_path / "memory.xlsx")
    plain, memory = (_contents(tmp_path)[name] for name in ("plain.xlsx", "memory.xlsx"))
    assert plain == memory
    assert len(plain) > 10 and any(name.startswith("xl/worksheets/sheet") for name in plain)


# ---------------------------------------------------------------------------------------------
# `plan` reads the workbook in the second process while it loads the solver (scheduler.app.read_ahead)

ROOT = Path(__file__).resolve().parents[1]


@needs_fork
def test_a_job_given_at_the_fork_answers_first_then_the_exports_job():
    helper = second_process.start(first=(divmod, (7, 2)))
    helper.send(divmod, 17, 5)
    assert helper.first_result() == (3, 1)
    assert helper.result() == (3, 2)
    failing = second_process.start(first=(divmod, (1, 0)))
    try:
        with pytest.raises(ZeroDivisionError):
            failing.first_result()
    finally:
        failing.stop()


def test_only_a_workbook_without_a_cohorts_sheet_is_read_ahead(tmp_path):
    from scheduler.app.read_ahead import has_no_cohorts_sheet, sheet_names
    from scheduler.app.year import is_year

    nancy, year = ROOT / "examples" / "nancy-novembre-2026.xlsx", ROOT / "examples" / "annee-2027.xlsx"
    assert sheet_names(nancy)[:2] == ["LISEZ-MOI", "Programme"] or "Programme" in sheet_names(nancy)
    assert has_no_cohorts_sheet(nancy) and not is_year(nancy)
    assert not has_no_cohorts_sheet(year) and is_year(year)
    broken = tmp_path / "cassé.xlsx"
    broken.write_bytes(b"not a zip")
    assert sheet_names(broken) is None and not has_no_cohorts_sheet(broken) and not is_year(broken)


def _planned(tmp_path: Path, monkeypatch, enabled: bool, *arguments: str):
    from typer.testing import CliRunner

    from scheduler.cli import app

    monkeypatch.setattr(second_process, "ENABLED", enabled)
    out = tmp_path / f"sortie-{enabled}"
    done = CliRunner().invoke(app, ["plan", *arguments, "--out", str(out), "--gap", "100"], catch_exceptions=False)
    return done, out


@needs_fork
def test_plan_writes_the_same_files_with_the_workbook_read_ahead(tmp_path, monkeypatch, frozen_clock):
    from openpyxl import load_workbook

    from scheduler.app import read_ahead

    started = []
    real = read_ahead.read_ahead
    monkeypatch.setattr(read_ahead, "read_ahead", lambda workbook: (real(workbook), started.append(len(read_ahead._WAITING))))
    nancy = str(ROOT / "examples" / "nancy-novembre-2026.xlsx")
    (one, one_out), (two, two_out) = (_planned(tmp_path, monkeypatch, enabled, nancy) for enabled in (False, True))
    assert one.exit_code == two.exit_code == 0
    said = [done.output.replace(str(out), "DIR").splitlines()[1:] for done, out in ((one, one_out), (two, two_out))]
    assert said[0] == said[1]  # (the first line says the solve's seconds)
    assert started == [0, 1] and read_ahead._WAITING == {}  # read ahead in the second run, and taken by plan
    first, second = _contents(one_out), _contents(two_out)
    assert first.keys() == second.keys()
    differing = {name for name in first if first[name] != second[name]}
    assert differing <= {"planning.xlsx", "resolution.json"}  # the solve's seconds, said in both
    sheets = [{ws.title: list(ws.iter_rows(values_only=True)) for ws in load_workbook(out / "planning.xlsx")}
              for out in (one_out, two_out)]
    assert [name for name in sheets[0] if sheets[0][name] != sheets[1][name]] in ([], ["Résolution"])


@needs_fork
@pytest.mark.parametrize("enabled", [True, False])
def test_a_workbook_refused_by_the_second_process_is_said_as_without_it(tmp_path, monkeypatch, enabled):
    from helpers_workbooks import valid_sheets, write_workbook

    sheets = valid_sheets()
    sheets["Programme"][2][1] = "pas une date"
    workbook = write_workbook(tmp_path / "classeur.xlsx", sheets)
    done, out = _planned(tmp_path, monkeypatch, enabled, str(workbook))
    assert done.exit_code == 1 and "Programme" in done.output and not out.exists()
    monkeypatch.setattr(second_process, "ENABLED", not enabled)
    again, _ = _planned(tmp_path, monkeypatch, not enabled, str(workbook))
    assert again.exit_code == 1 and again.output == done.output.replace(f"sortie-{enabled}", f"sortie-{not enabled}")


def _refused_here(path: str) -> None:
    from scheduler.app.errors import FileRefused
    from scheduler.core.errors import InputError, InvalidWorkbook, Notice

    located = InputError("Programme", 3, "Valeur", "x", "pas une date", "not a date", sheet_en="Programme")
    raise FileRefused(Path(path) / str(os.getpid()), InvalidWorkbook([located], [Notice(InputError("Intervenants", 4, None, None,
                                                                                  "à vérifier", "to check", True))]))


@needs_fork
def test_our_errors_and_warnings_travel_whole_from_the_second_process():
    """Their constructors take other arguments than pickle gives back: they travel as their state."""
    from scheduler.app.errors import FileRefused

    helper = second_process.start(first=(_refused_here, ("classeur.xlsx",)))
    try:
        with pytest.raises(FileRefused) as refused:
            helper.first_result()
    finally:
        helper.stop()
    with pytest.raises(FileRefused) as here:
        _refused_here("classeur.xlsx")
    for travelled, local in ((refused.value, here.value),):
        assert travelled.path.name == str(helper.pid) and local.path.name == str(os.getpid())  # raised there
        assert travelled.path.parent == local.path.parent
        assert [e.render("en") for e in travelled.invalid.errors] == [e.render("en") for e in local.invalid.errors]
        assert [n.render("en") for n in travelled.invalid.warnings] == [n.render("en") for n in local.invalid.warnings]
        assert str(travelled.invalid.warnings[0]) == str(local.invalid.warnings[0])


def _not_here() -> None:
    raise RuntimeError("cannot be rebuilt in the second process")


class _OnlyHere:
    def __reduce__(self):
        return _not_here, ()


def _whose(anything) -> int:
    return os.getpid()


@needs_fork
def test_a_job_the_second_process_cannot_rebuild_runs_here():
    helper = second_process.start()
    helper.send(_whose, _OnlyHere())
    assert helper.result() == os.getpid()
