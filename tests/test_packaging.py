"""The installed package holds every Python package of the source tree and the data/ catalogues."""
from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "scheduler").rglob("__init__.py")}
    assert found | {"scheduler.data"} == listed, "add the new package to [tool.setuptools] packages in pyproject.toml"


def test_data_folder_is_installed_as_scheduler_data():
    installed = {entry.name for entry in importlib.resources.files("scheduler.data").iterdir()}
    on_disk = {path.name for path in (ROOT / "data").iterdir() if path.suffix in (".toml", ".po", ".json", ".txt")}
    assert on_disk <= installed
