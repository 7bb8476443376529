"""When no timetable can obey the hard rules: `plan` exits 3 and names the rules and rows in conflict,
by counting first, then by a diagnosis solve on rule groups; each impossible instance has an
obeying twin that plans."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from helpers_workbooks import write_workbook
from scheduler.cli import app
from scheduler.core.domain import (COMPANY, CONFERENCE, FixedEvent, Offer, Organisation, Problem, Programme, Speaker,
                              Theme, Window)
from scheduler.solver.diagnose import conflicting_groups, counting_checks, explain_infeasibility
from scheduler.solver.solve import SolveOptions, solve
from test_check import CLEAN

MONDAY = dt.date(2026, 11, 2)  # 11 November 2026, a Wednesday, is a public holiday
H = 60
runner = CliRunner()


def problem(offers, windows, *, speakers=None, events=(), themes=("A",), organisations=None, **settings) -> Problem:
    programme = dict(weeks=4, phase1_weeks=2, min_sessions_per_theme=0)
    programme.update(settings)
    names = speakers or [Speaker(s, "Org " + s, row=i + 2) for i, s in enumerate(sorted({o.speaker for o in offers}))]
    orgs = organisations or tuple(Organisation(n, COMPANY, row=i + 2)
                                  for i, n in enumerate(sorted({s.organisation for s in names})))
    return Problem(Programme("Diag", MONDAY, **programme), tuple(Theme(t, row=i + 2) for i, t in enumerate(themes)),
                   orgs, tuple(names), tuple(offers), tuple(windows), events=tuple(events))


def offer(offer_id, speaker, theme="A", minutes=2 * H, **kw) -> Offer:
    kw.setdefault("phase", 1)
    return Offer(offer_id, speaker, f"Titre {offer_id}", theme, CONFERENCE, minutes, row=int(offer_id[1:]) + 1, **kw)


def on(speaker, day=MONDAY, start=9 * H, end=12 * H + 30, row=2) -> Window:
    return Window(speaker, date=day, start=start, end=end, row=row)


def test_theme_that_cannot_reach_its_minimum_names_it_and_its_offers() -> None:
    offers = [offer("I1", "S1", theme="A"), offer("I2", "S2", theme="B"), offer("I3", "S3", theme="B", phase=2)]
    windows = [on("S1"), on("S2", day=MONDAY + dt.timedelta(days=1)), Window("S3", weekday=0, row=4)]
    impossible = problem(offers, windows, themes=("A", "B"), min_sessions_per_theme=2)
    reasons = counting_checks(impossible)
    assert len(reasons) == 2
    assert reasons[1].fr.startswith("thème « B » (Thèmes, ligne 3) : au plus 1 séance possible en phase 1 pour "
                                    "un minimum de 2")
    assert "I2 : 1" in reasons[1].fr and "I3 : 0 (prévue en phase 2)" in reasons[1].fr
    assert counting_checks(problem(offers, windows, themes=("A", "B"), min_sessions_per_theme=1)) == []


def test_required_offer_whose_speaker_is_never_free() -> None:
    armistice = dt.date(2026, 11, 11)
    impossible = problem([offer("I1", "S1", required=True)], [on("S1", day=armistice)])
    (reason,) = counting_checks(impossible)
    assert reason.fr.startswith("intervention obligatoire I1 « Titre I1 » (Interventions, ligne 2) : S1 n'est jamais "
                                "disponible pour elle (jours fériés ou fermetures : 11/11/2026 (Armistice")
    assert "2026-11-11 (Armistice" in reason.en
    assert counting_checks(problem([offer("I1", "S1", required=True)], [on("S1")])) == []


def test_week_overloaded_by_fixed_events_names_the_events() -> None:
    events = [FixedEvent("Bilan hebdo", 9 * H, 12 * H, weekday=0, row=5)]
    windows = [Window("S1", weekday=0, start=9 * H, end=12 * H + 30, last=MONDAY + dt.timedelta(days=7))]
    impossible = problem([offer("I1", "S1", required=True)], windows, events=events)
    (reason,) = counting_checks(impossible)
    assert "semaines 1, 2" in reason.fr and "« Bilan hebdo » (Événements, ligne 5)" in reason.fr
    assert "'Bilan hebdo' (Events, row 5)" in reason.en
    shorter = [FixedEvent("Bilan hebdo", 9 * H, 10 * H, weekday=0, row=5)]
    assert counting_checks(problem([offer("I1", "S1", required=True)], windows, events=shorter)) == []


def test_speaker_and_organisation_limits_below_required_sessions() -> None:
    speakers = [Speaker("S1", "Acme", max_sessions=1, row=2), Speaker("S2", "Acme", row=3)]
    offers = [offer("I1", "S1", required=True, count=2), offer("I2", "S2", required=True, count=2)]
    windows = [Window("S1", weekday=0), Window("S2", weekday=1)]
    reasons = counting_checks(problem(offers, windows, speakers=speakers, max_sessions_per_organisation=3))
    assert [r.fr.split(" :")[0] for r in reasons] == ["S1 (Intervenants, ligne 2)",
                                                       "organisation « Acme » (Organisations, ligne 2)"]
    assert "4 séances obligatoires en phase 1 (I1, I2) pour au plus 3" in reasons[1].fr
    relaxed = [Speaker("S1", "Acme", max_sessions=2, row=2), Speaker("S2", "Acme", row=3)]
    assert counting_checks(problem(offers, windows, speakers=relaxed, max_sessions_per_organisation=4)) == []


def test_themes_together_beyond_what_the_organisations_may_give() -> None:
    speakers = [Speaker("S1", "Acme", row=2), Speaker("S2", "Acme", row=3)]
    offers = [offer("I1", "S1", theme="A"), offer("I2", "S2", theme="B")]
    windows = [Window("S1", weekday=0), Window("S2", weekday=1)]
    (reason,) = counting_checks(problem(offers, windows, speakers=speakers, themes=("A", "B"),
                                        min_sessions_per_theme=1, max_sessions_per_organisation=1))
    assert "les 2 thèmes demandent au moins 2 séances" in reason.fr and "que 1" in reason.fr
    assert counting_checks(problem(offers, windows, speakers=speakers, themes=("A", "B"), min_sessions_per_theme=1,
                                   max_sessions_per_organisation=2)) == []


def test_fixed_events_alone_beyond_the_daily_maximum() -> None:
    events = [FixedEvent("Accueil", 9 * H, 12 * H, date=MONDAY, row=2),
              FixedEvent("Forum", 13 * H + 30, 17 * H, date=MONDAY, row=3)]
    (reason,) = counting_checks(problem([offer("I1", "S1")], [on("S1")], events=events, max_minutes_per_day=6 * H))
    assert reason.fr.startswith("le 02/11/2026, les événements fixes « Accueil » (ligne 2), « Forum » (ligne 3) "
                                "(Événements) font 6,5 h pour au plus 6 h par jour")
    assert counting_checks(problem([offer("I1", "S1")], [on("S1")], events=events, max_minutes_per_day=7 * H)) == []


def test_diagnosis_solve_names_the_rows_counting_misses() -> None:
    """Two required offers whose only slot is the same morning: counting sees nothing, the core names both."""
    offers = [offer("I1", "S1", required=True), offer("I2", "S2", required=True)]
    same = [on("S1", end=11 * H), on("S2", end=11 * H)]
    impossible = problem(offers, same)
    assert counting_checks(impossible) == []
    reasons = explain_infeasibility(impossible)
    text = "\n".join(r.fr for r in reasons)
    assert reasons[0].fr.startswith("ces règles ne peuvent pas être respectées ensemble")
    assert "personne n'est à deux endroits à la fois" in text
    assert "l'intervention obligatoire I1 « Titre I1 » (Interventions, ligne 2)" in text
    assert "l'intervention obligatoire I2 « Titre I2 » (Interventions, ligne 3)" in text
    assert "I1 ne peut avoir lieu que le 02/11/2026" in text
    assert "rule:" not in text and "@" not in text  # never the model's own names
    assert {g.rule for g in conflicting_groups(impossible)} == {"audience_overlap", "required_offer"}
    apart = [on("S1", end=11 * H), on("S2", day=MONDAY + dt.timedelta(days=1), end=11 * H)]
    assert solve(problem(offers, apart), SolveOptions(time_limit=5, workers=1)).placed == 2


def test_diagnosis_names_the_themes_of_a_conflict() -> None:
    """Two themes whose only sessions fall in the same slot: each theme can reach its minimum, not both."""
    offers = [offer("I1", "S1", theme="A"), offer("I2", "S2", theme="B")]
    windows = [on("S1", end=11 * H), on("S2", end=11 * H)]
    impossible = problem(offers, windows, themes=("A", "B"), min_sessions_per_theme=1)
    assert counting_checks(impossible) == []
    text = "\n".join(r.en for r in explain_infeasibility(impossible))
    assert "theme 'A' (Themes, row 2) needs at least 1 phase-1 sessions" in text and "its offers: I1" in text
    assert "theme 'B' (Themes, row 3)" in text and "nobody is in two places at once" in text


def test_speaker_maximum_counts_in_the_themes_total() -> None:
    speakers = [Speaker("S1", "Org", max_sessions=1, row=2)]
    offers = [offer("I1", "S1", theme="A"), offer("I2", "S1", theme="B")]
    windows = [Window("S1", weekday=0), Window("S1", weekday=1)]
    impossible = problem(offers, windows, speakers=speakers, themes=("A", "B"), min_sessions_per_theme=1,
                         organisations=(Organisation("Org", COMPANY, row=2),))
    (reason,) = explain_infeasibility(impossible)
    assert "the speakers' 'max_sessions'" in reason.en and "can give only 1" in reason.en


# --- end to end ----------------------------------------------------------------------------------

def test_plan_exits_3_and_names_the_culprit(tmp_path: Path) -> None:
    data = copy.deepcopy(CLEAN)
    data["Disponibilités"][1] = ["Léa Dupont", dt.datetime(2026, 11, 11), None, "9:00", "12:30", None, None]
    path = write_workbook(tmp_path / "impossible.xlsx", data)
    before = path.read_bytes()
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "out"), "--time-limit", "5"])
    assert result.exit_code == 3, result.output
    assert "Aucun planning ne peut respecter les règles" in result.output
    assert "intervention obligatoire I1 « Le web » (Interventions, ligne 2)" in result.output
    assert "11/11/2026 (Armistice" in result.output
    assert not (tmp_path / "out" / "planning.xlsx").exists()
    assert path.read_bytes() == before
    english = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "out"), "--lang", "en"])
    # the sheet as the French workbook writes it, its English name in brackets
    assert english.exit_code == 3 and "required offer I1 'Le web' ('Interventions' (Offers), row 2)" in english.output


def test_plan_exits_3_when_fixed_events_overload_a_day(tmp_path: Path) -> None:
    data = copy.deepcopy(CLEAN)
    data["Événements"].append(["Forum", dt.datetime(2026, 11, 2), None, "09:00", "13:30", "Cohorte"])
    result = runner.invoke(app, ["plan", str(write_workbook(tmp_path / "events.xlsx", data)), "--out",
                                 str(tmp_path / "out"), "--time-limit", "5"])
    assert result.exit_code == 3, result.output
    assert "« Accueil » (ligne 2), « Forum » (ligne 3)" in result.output
