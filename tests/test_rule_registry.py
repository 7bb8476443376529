"""The hard-rule registry: every label has every part, and the model, the checker, the diagnosis and
docs/rules.md name the same set of rules. Also the import boundaries the registry exists for."""
from __future__ import annotations

import datetime as dt
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.checker import CHECKS, RULE_TITLES, Violation
from scheduler.core.capacity import Capacity
from scheduler.core.domain import MENTORING, VISIT, FixedEvent, Project, Speaker
from scheduler.core.rule_catalogue import HARD_RULE_LABELS, HARD_RULE_WORDS
from scheduler.rules.registry import COUNTING_ORDER, HARD_RULES, MODEL_RULES
from scheduler.solver import rules as solver_rules
from scheduler.solver.diagnose import RULE_NAMES, diagnosis_model
from scheduler.solver.model import PlanningModel
from scheduler.solver.solve import build_model
from helpers_imports import imported_modules
from tiny import H, MONDAY, offer, on, problem

ROOT = Path(__file__).resolve().parents[1]


def rich_problem():
    """A tiny instance on which every model rule has something to say."""
    week3 = MONDAY + dt.timedelta(weeks=2)
    speakers = [Speaker("S1", "Org", max_sessions=2), Speaker("S2", "Org"), Speaker("S3", "Org S3")]
    projects = (Project("P1", "Un", "Org"), Project("P2", "Deux", "Org"))
    offers = [offer("I1", "S1", count=2, required=True), offer("I2", "S2", theme="B"), offer("V1", "S3", fmt=VISIT),
              offer("M1", "S1", fmt=MENTORING, project="P1"), offer("M2", "S1", fmt=MENTORING, project="P2")]
    windows = [on("S1", end=17 * H), on("S1", MONDAY + dt.timedelta(days=1), end=17 * H), on("S2", end=17 * H),
               on("S3", end=17 * H), on("S1", week3, end=17 * H)]
    events = [FixedEvent("Accueil", 9 * H, 10 * H, date=MONDAY)]
    return problem(offers, windows, speakers=speakers, projects=projects, events=events, themes=("A", "B"),
                   min_sessions_per_theme=1, max_sessions_per_organisation=2, max_minutes_per_day=4 * H)


def test_every_hard_rule_has_every_part():
    assert set(HARD_RULES) == set(HARD_RULE_LABELS) and len(HARD_RULES) == 17
    for label, rule in HARD_RULES.items():
        words = rule.words
        assert rule.label == label == words.label
        for message in (words.title, words.description):
            assert message.fr.strip() and message.en.strip() and message.fr != message.en, label
        if words.in_model:
            assert callable(rule.constrain), label
            module = importlib.import_module(f"scheduler.rules.{label}")
            assert module.LABEL == label and module.constrain is rule.constrain
            assert module.__doc__.startswith(f"Hard rule `{label}`: ")
        else:
            assert rule.constrain is None, label
            module_name, _, function = words.enforced_by.rpartition(".")
            assert callable(getattr(importlib.import_module(module_name), function)), words.enforced_by
        if rule.rows is not None:  # a rule about one row at a time says it for one row
            assert rule.describe is not None, label


def test_counting_checks_are_declared_where_they_exist():
    with_count = {label for label, rule in HARD_RULES.items() if rule.count is not None}
    assert with_count == set(COUNTING_ORDER) and len(COUNTING_ORDER) == len(with_count)
    capacity = Capacity.of(rich_problem())
    for label in COUNTING_ORDER:
        assert isinstance(HARD_RULES[label].count(capacity), list)


def test_model_rules_are_the_catalogues_model_rules():
    assert set(MODEL_RULES) == {label for label, words in HARD_RULE_WORDS.items() if words.in_model}
    assert list(solver_rules.HARD_RULES) == list(MODEL_RULES)


def test_the_model_adds_constraints_under_exactly_the_model_labels():
    p = rich_problem()
    used: set[str] = set()
    original = PlanningModel.add

    def recording(self, rule, constraint):
        used.add(rule)
        return original(self, rule, constraint)

    PlanningModel.add = recording
    try:
        build_model(p)
    finally:
        PlanningModel.add = original
    assert used == set(MODEL_RULES)


def test_checker_and_diagnosis_name_the_same_rules():
    assert list(CHECKS) == list(HARD_RULE_LABELS)
    assert set(RULE_TITLES) == set(HARD_RULE_LABELS)
    assert {label: (w.title.fr, w.title.en) for label, w in HARD_RULE_WORDS.items()} == RULE_TITLES
    assert set(RULE_NAMES) == set(MODEL_RULES)
    _, groups = diagnosis_model(rich_problem())
    assert {g.rule for g in groups} == set(MODEL_RULES)


def test_a_violation_with_an_unknown_label_is_refused():
    with pytest.raises(ValueError):
        Violation("no_such_rule", (), "x", "y")


def test_docs_rules_md_lists_the_same_hard_rules():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    hard = text[text.index("## Règles dures"):text.index("## Règles souples")]
    listed = re.findall(r"^\| `(\w+)` \|", hard, flags=re.M)
    assert listed == list(HARD_RULE_LABELS)
    for label in MODEL_RULES:
        assert f"`scheduler/rules/{label}.py`" in hard



def test_rule_modules_import_no_solver_library():
    for path in (ROOT / "scheduler" / "rules").glob("*.py"):
        for name in imported_modules(path):
            assert not name.startswith(("ortools", "openpyxl", "scheduler.workbook", "scheduler.exports")), \
                (path.name, name)


def test_checker_shares_no_code_with_the_model():
    for path in (ROOT / "scheduler" / "checker").glob("*.py"):
        for name in imported_modules(path):
            assert not name.startswith(("ortools", "scheduler.solver", "scheduler.rules", "scheduler.core.calendar",
                                        "scheduler.core.candidates", "scheduler.core.capacity")), (path.name, name)


def test_importing_the_diagnosis_loads_no_workbook_code():
    code = ("import sys, scheduler.solver.diagnose, scheduler.rules.registry; "
            "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'scheduler.workbook'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = "import sys, scheduler.rules.registry; print(any(m.startswith('ortools') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
