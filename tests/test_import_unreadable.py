"""`scheduler import` given a file it may not read, or an office lock file, says which (not "save it again")."""
from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.imports import sources
from scheduler.imports.sources import Unreadable, read_grids


def test_a_file_the_system_refuses_is_said_unreadable_for_want_of_rights(tmp_path, monkeypatch):
    poll = tmp_path / "sondage.csv"
    poll.write_text("Nom;Lundi\nAlice;OK\n", encoding="utf-8")

    def refused(path: Path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(sources, "_csv_grid", refused)
    with pytest.raises(Unreadable) as caught:
        read_grids(poll)
    assert caught.value.issue.fr.startswith("vous n'avez pas le droit de lire ce fichier")
    assert caught.value.issue.en.startswith("you may not read this file")


def test_an_office_lock_file_names_the_file_to_give(tmp_path):
    lock = tmp_path / "~$formulaire.xlsx"
    lock.write_bytes(b"\x00locked by someone")
    with pytest.raises(Unreadable) as caught:
        read_grids(lock)
    assert "« formulaire.xlsx »" in caught.value.issue.fr and "'formulaire.xlsx' itself" in caught.value.issue.en


def test_a_file_of_another_kind_still_says_to_save_it_again(tmp_path):
    broken = tmp_path / "formulaire.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(Unreadable) as caught:
        read_grids(broken)
    assert caught.value.issue.en.startswith("unreadable file: save it as .csv, .xlsx or .ods")
