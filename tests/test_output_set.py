"""Nothing lost, whatever happens (issue 15): the output folder replaced whole or not at all (fault
injection after every file), inputs never inside the folder replaced, free text that cannot break a
calendar or a file name, a damaged calendar state, options refused as usage errors."""
from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from scheduler.app.output import write_set
from scheduler.cli import app
from scheduler.core.files import RESERVED, safe_file_name, unique_file_names
from scheduler.core.output_set import OutputOverlapsInput, refuse_overlap
from scheduler.exports import write_all
from tiny_people import checked, people_problem, people_timetable

runner = CliRunner()
NASTY = 'Léa, "la" Dupont;\nAlt-Entrée\ttab 😀 ' + "x" * 300


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (hidden ones too) -> the digest of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def previous_set(folder: Path) -> dict[str, str]:
    """A folder as a previous run and the coordinator left it: a set, a state file, a note."""
    problem, timetable = people_problem(), people_timetable()
    write_set(folder, lambda staging: write_all(problem, timetable, staging))
    (folder / "mes-notes.txt").write_text("à appeler lundi", encoding="utf-8")
    return snapshot(folder)


def test_the_set_replaces_the_folder_and_keeps_the_coordinators_files(tmp_path):
    out = tmp_path / "sortie"
    before = previous_set(out)
    problem = people_problem()
    moved = dataclasses.replace(people_timetable(), sessions=people_timetable().sessions[:-1])
    written = write_set(out, lambda staging: write_all(problem, moved, staging))
    after = snapshot(out)
    assert after["mes-notes.txt"] == before["mes-notes.txt"]
    assert after["cohorte.ics"] != before["cohorte.ics"] and ".calendriers.json" in after
    assert all(path.is_file() and out in path.parents for path in written)
    assert [p.name for p in tmp_path.iterdir()] == ["sortie"]  # no staging or old folder left


def _fail_after(count: int):
    real = os.replace
    calls = {"n": 0}

    def replace(source, target, *args, **kwargs):
        if calls["n"] >= count:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        calls["n"] += 1
        return real(source, target, *args, **kwargs)

    return replace, calls


def test_a_failure_after_any_file_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "sortie"
    before = previous_set(out)
    problem = people_problem()
    timetable = dataclasses.replace(people_timetable(), sessions=people_timetable().sessions[1:])
    counting, calls = _fail_after(10 ** 6)
    monkeypatch.setattr(os, "replace", counting)
    write_set(tmp_path / "essai", lambda staging: write_all(problem, timetable, staging))
    files = calls["n"]
    assert files > 10
    for n in range(files):
        failing, _ = _fail_after(n)
        monkeypatch.setattr(os, "replace", failing)
        with pytest.raises(OSError) as failure:
            write_set(out, lambda staging: write_all(problem, timetable, staging))
        assert snapshot(out) == before, f"failure after file {n}: the folder changed"
        named = str(failure.value.filename)
        assert named.startswith(str(out)) and ".part" not in named and ".new-" not in named
        assert sorted(p.name for p in tmp_path.iterdir()) == ["essai", "sortie"]


def test_an_input_inside_the_output_folder_is_refused_before_anything_is_written(tmp_path, nancy_plan):
    from conftest import NANCY

    folder = tmp_path / "sortie"
    folder.mkdir()
    workbook = folder / "planning.xlsx"
    workbook.write_bytes(NANCY.read_bytes())
    with pytest.raises(OutputOverlapsInput):
        refuse_overlap(folder, [workbook])
    with pytest.raises(OutputOverlapsInput):
        refuse_overlap(workbook, [workbook])
    refuse_overlap(tmp_path / "ailleurs", [workbook])  # another folder: fine
    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    result = runner.invoke(app, ["plan", str(workbook), "--out", str(folder)])
    assert result.exit_code == 2 and "fichier d'entrée" in result.output
    result = runner.invoke(app, ["export", str(NANCY), str(nancy_plan / "planning.xlsx"), "--out", str(nancy_plan)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["import", str(workbook), str(workbook), "--out", str(workbook)])
    assert result.exit_code == 2
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == digest
    assert [p.name for p in folder.iterdir()] == ["planning.xlsx"]


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1", "0", "86401"])
def test_time_limits_that_are_not_a_sane_number_of_seconds_are_usage_errors(tmp_path, value):
    result = runner.invoke(app, ["plan", "x.xlsx", "--out", str(tmp_path / "o"), "--time-limit", value])
    assert result.exit_code == 2 and "86400" in result.output
    assert not (tmp_path / "o").exists()


def test_an_empty_out_is_a_usage_error(tmp_path):
    for command in (["plan", "x.xlsx"], ["export", "x.xlsx", "p.xlsx"]):
        result = runner.invoke(app, [*command, "--out", ""])
        assert result.exit_code == 2 and "--out" in result.output


def test_file_names_are_safe_on_every_system():
    for name in ["..\\..\\pwn", "../../etc/passwd", "CON", "com1.txt", "nul", "a:b?c*d|e<f>g\"h", "x. . ",
                 "", "...", "é" * 300, "line\nbreak\ttab", NASTY]:
        safe = safe_file_name(name)
        assert safe and len(safe.encode()) <= 100
        assert not set(safe) & set('<>:"/\\|?*') and not any(ord(c) < 32 for c in safe)
        assert ".." not in safe and not safe.endswith((".", " ")) and not safe.startswith(".")
        assert safe.split(".")[0].casefold() not in RESERVED
    assert unique_file_names(["p1", "P1", "p1"]) == ["p1", "P1-2", "p1-3"]


def _hostile_people():
    """The tiny cohort with every name, title and place a hostile coordinator could type."""
    problem, timetable = people_problem(), people_timetable()
    speaker, project, participant = NASTY, "..\\..\\pwn", "CON"
    rename = {"Léa Dupont": speaker}
    problem = dataclasses.replace(
        problem, programme=dataclasses.replace(problem.programme, name="Promo, test;\nnovembre 😀"),
        speakers=tuple(dataclasses.replace(s, name=rename.get(s.name, s.name)) for s in problem.speakers),
        offers=tuple(dataclasses.replace(o, speaker=rename.get(o.speaker, o.speaker), project=project if o.project else o.project,
                                         title=o.title + ", ; \" \n" + "t" * 300) for o in problem.offers),
        windows=tuple(dataclasses.replace(w, speaker=rename.get(w.speaker, w.speaker)) for w in problem.windows),
        projects=(dataclasses.replace(problem.projects[0], id=project), problem.projects[1]),
        participants=(dataclasses.replace(problem.participants[0], name=participant), *problem.participants[1:]))
    sessions = tuple(dataclasses.replace(s, speaker=rename.get(s.speaker, s.speaker), location="Salle 1, étage 2;\nporte B",
                                         audience=project if s.audience == "P1" else s.audience,
                                         title=s.title + ", ; \" \n" + "t" * 300 if s.offer_id else s.title)
                     for s in timetable.sessions)
    groups = tuple((participant if name == "Ana Bernard" else name, project if group == "P1" else group)
                   for name, group in timetable.groups)
    return problem, dataclasses.replace(timetable, sessions=sessions, groups=groups)


def test_free_text_gives_valid_calendars_and_safe_files_inside_the_folder(tmp_path):
    problem, timetable = _hostile_people()
    out = tmp_path / "sortie"
    written = write_set(out, lambda staging: write_all(problem, timetable, staging))
    assert written
    for path in out.rglob("*"):
        assert out.resolve() in path.resolve().parents
        assert len(path.name.encode()) <= 110 and path.name.split(".")[0].casefold() not in RESERVED
    assert [p.name for p in tmp_path.iterdir()] == ["sortie"]
    calendars = list(out.rglob("*.ics"))
    assert len(calendars) >= 6
    for path in calendars:
        data = path.read_bytes()
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded (RFC 5545)
        calendar = Calendar.from_ical(data)
        unfolded = data.replace(b"\r\n ", b"")
        assert b"\r\nNAME:Promo\\, test\\;\\nnovembre" in unfolded  # escaped: one line (RFC 5545)
        assert b"\r\nX-WR-CALNAME:Promo\\, test\\;\\nnovembre" in unfolded
        assert all(str(event["SUMMARY"]) for event in calendar.events)
    cohort = Calendar.from_ical((out / "cohorte.ics").read_bytes())
    assert any(str(e["LOCATION"]) == "Salle 1, étage 2;\nporte B" for e in cohort.events)


@pytest.mark.parametrize("damage", ["null", "[1, 2]", '{"x": {"sequence": "abc"}}', '{"x": {"sequence": 1, "files": 3}}',
                                    "{not json", '{"x": {"sequence": [1], "session": {"id": 1}}}'])
def test_a_damaged_calendar_state_is_a_warning_and_calendars_start_afresh(tmp_path, damage):
    from scheduler.app.verify import state_warnings

    out = tmp_path / "sortie"
    previous_set(out)
    (out / ".calendriers.json").write_text(damage, encoding="utf-8")
    warnings = state_warnings(out)
    assert len(warnings) == 1 and ".calendriers.json" in warnings[0].render("fr")
    problem, timetable = people_problem(), checked(people_problem(), people_timetable())
    write_set(out, lambda staging: write_all(problem, timetable, staging))
    assert state_warnings(out) == ()


def test_a_disk_full_during_export_names_the_file_the_coordinator_knows(tmp_path, monkeypatch, capsys, nancy_plan):
    import sys

    from conftest import NANCY
    from scheduler.cli import main

    out = tmp_path / "sortie"
    out.mkdir()
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    before = snapshot(out)
    failing, _ = _fail_after(3)
    monkeypatch.setattr(os, "replace", failing)
    monkeypatch.setattr(sys, "argv", ["scheduler", "export", str(NANCY), str(nancy_plan / "planning.xlsx"),
                                      "--out", str(out)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert f"impossible d'écrire {out}/" in said and "le disque est plein" in said and ".part" not in said \
        and ".new-" not in said
    assert snapshot(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["sortie"]


@pytest.mark.parametrize("inside", [False, True])
def test_out_naming_a_file_says_it_is_a_file_not_a_folder(tmp_path, monkeypatch, capsys, inside):
    import sys

    from conftest import NANCY
    from scheduler.cli import main

    existing = tmp_path / "notes.txt"
    existing.write_text("mes notes", encoding="utf-8")
    out = existing / "sortie" if inside else existing
    monkeypatch.setattr(sys, "argv", ["scheduler", "plan", str(NANCY), "--out", str(out)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "c'est un fichier ; donnez à --out un dossier" in said and "Not a directory" not in said, said
    assert existing.read_text(encoding="utf-8") == "mes notes"
