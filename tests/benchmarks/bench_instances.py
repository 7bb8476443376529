"""The benchmark's instances, by name, and what every contender shares: legal starts, fixed events, groups.

An instance is rebuilt from its name in each worker process (generation is deterministic), so
that every contender runs alone in a fresh process and its peak memory is its own.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import Problem, Timetable
from scheduler.core.candidates import Candidate, EventOccurrence, all_candidates, event_occurrences

PUBLIC_SAMPLE = Path("/work/shared/contract/public-may-2027.xlsx")


@dataclass(frozen=True)
class InstanceSpec:
    name: str
    description: str
    build: Callable[[], Problem]
    oversubscribed: bool = False


def _synthetic(seed: int, scale: float, oversubscribed: bool = False, **options) -> Callable[[], Problem]:
    def build() -> Problem:
        from scheduler.synthetic import generate
        return generate(seed=seed, scale=scale, oversubscribed=oversubscribed, **options)
    return build


def _nancy() -> Problem:
    from scheduler.nancy import nancy_problem
    return nancy_problem()


def _public() -> Problem:
    from scheduler.workbook.reading import load
    return load(PUBLIC_SAMPLE)


SPECS: tuple[InstanceSpec, ...] = (
    InstanceSpec("x1", "generator, one cohort (scale 1, seed 1)", _synthetic(1, 1.0)),
    InstanceSpec("x2", "generator, twice the offers (scale 2, seed 1)", _synthetic(1, 2.0)),
    InstanceSpec("x4", "generator, four times the offers (scale 4, seed 1)", _synthetic(1, 4.0)),
    InstanceSpec("year", "a year: four cohorts' worth of offers over 48 weeks, 24 of discovery "
                         "(scale 4, seed 1)", _synthetic(1, 4.0, weeks=48, phase1_weeks=24)),
    InstanceSpec("over1", "over-subscribed: +60 % discovery offers, 4 h days (scale 1, seed 1)",
                 _synthetic(1, 1.0, True), oversubscribed=True),
    InstanceSpec("over2", "over-subscribed, twice the offers (scale 2, seed 2)", _synthetic(2, 2.0, True),
                 oversubscribed=True),
    InstanceSpec("nancy", "the Nancy example (scheduler.nancy)", _nancy),
    InstanceSpec("public", f"public sample {PUBLIC_SAMPLE.name}", _public),
)
QUICK = ("x1", "over1", "nancy")


def spec(name: str) -> InstanceSpec:
    return next(s for s in SPECS if s.name == name)


def available(name: str) -> bool:
    return name != "public" or PUBLIC_SAMPLE.exists()


@dataclass
class Prepared:
    """What every contender starts from: the problem, its legal starts and fixed events."""

    problem: Problem
    calendar: ProgrammeCalendar
    events: list[EventOccurrence]
    candidates: dict[str, list[Candidate]]
    groups: tuple[tuple[str, str], ...]

    @property
    def offered(self) -> int:
        return sum(offer.count for offer in self.problem.offers)

    def events_by_day(self) -> dict:
        found = defaultdict(list)
        for occurrence in self.events:
            found[occurrence.day].append(occurrence)
        return found

    def timetable(self, picked: list[Candidate]) -> Timetable:
        """Chosen starts as a timetable (fixed events and the project groups included)."""
        from scheduler.solver.solve import sessions_from
        return Timetable(sessions_from(self.problem, picked, self.events), groups=self.groups)


def project_groups(problem: Problem) -> tuple[tuple[str, str], ...]:
    """The project groups our planner forms (peers do not form groups; they get the same ones)."""
    from scheduler.solver.groups import form_groups
    return form_groups(problem).groups


def prepare(problem: Problem) -> Prepared:
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    events = event_occurrences(problem, calendar)
    return Prepared(problem, calendar, events, all_candidates(problem, calendar, events), project_groups(problem))


def violation_summary(problem: Problem, timetable: Timetable) -> dict[str, int]:
    """Hard-rule violations found by the independent checker, counted by rule."""
    from scheduler.checker import violations
    counts: dict[str, int] = defaultdict(int)
    for violation in violations(problem, timetable):
        counts[violation.rule] += 1
    return dict(sorted(counts.items()))


def replace_section(page: Path, section: str, body: str) -> None:
    """Write `body` under the heading `section` of `page`, in place of that section if it is there
    (up to the next '## ' heading), else at the end; the rest of the page is kept."""
    text = page.read_text(encoding="utf-8")
    start = text.find(section)
    if start >= 0:
        end = text.find("\n## ", start + len(section))
        text = text[:start] + text[end + 1:] if end >= 0 else text[:start]
    page.write_text(text.rstrip("\n") + "\n\n" + section + "\n\n" + body.strip() + "\n", encoding="utf-8")


PAGE = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def add_page_options(parser) -> None:
    """--write, --json, --from-json: the options of a script that writes one section of docs/benchmarks.md."""
    parser.add_argument("--write", action="store_true", help="write the section of docs/benchmarks.md")
    parser.add_argument("--json", type=Path, default=None, help="also save the raw figures here")
    parser.add_argument("--from-json", type=Path, default=None, help="write the section from figures saved by --json")


def measured(options, measure: Callable[[], object]):
    """The figures saved by `--from-json`, or measured now (and saved where `--json` says)."""
    import json

    if options.from_json is not None:
        return json.loads(options.from_json.read_text(encoding="utf-8"))
    figures = measure()
    if options.json:
        options.json.write_text(json.dumps(figures, indent=1, default=str, ensure_ascii=False), encoding="utf-8")
    return figures


def publish(options, section: str, body: str, page: Path = PAGE) -> None:
    """Print a section's body, and with `--write` put it in place of its namesake on the page."""
    print(body)
    if options.write:
        replace_section(page, section, body)
