"""A CP-SAT model written as a mixed-integer linear programme, for an independent look at the soft stage.

Used by `relaxation_study.py` to ask two questions CP-SAT cannot answer by itself: what its plain linear
relaxation proves (GLOP), and how long an exact MIP solver (HiGHS, through OR-Tools' `MPSolver`) takes
to prove the same optimum. Handles the constraints our model uses: linear (optionally enforced, as a
big-M from the variables' domains), `bool_or`, `bool_and`, `at_most_one`, `exactly_one` and `lin_max`.
`lin_max` is written as `target >= each expression`: exact at every optimum of our objective, where
each max is either penalised (a day's excess, extra sessions) or bounded from above by other rows
(the usual weekday and start of the mentoring rules).
"""
from __future__ import annotations

from dataclasses import dataclass

from ortools.linear_solver import pywraplp

INFINITY = float("inf")


@dataclass(frozen=True)
class Row:
    """`lower <= sum(coefficient * variable) + constant <= upper`, over the proto's variable indexes."""

    terms: dict[int, int]
    constant: int
    lower: float
    upper: float


def _domain(proto, index: int) -> tuple[int, int]:
    values = list(proto.variables[index].domain)  # the C++-backed field has no negative indexing
    return values[0], values[-1]


def _linear(variables, coefficients, offset: int = 0) -> tuple[dict[int, int], int]:
    """A linear expression over positive indexes (a negative reference is the variable's opposite)."""
    terms: dict[int, int] = {}
    for reference, coefficient in zip(variables, coefficients):
        index, sign = (reference, 1) if reference >= 0 else (-reference - 1, -1)
        terms[index] = terms.get(index, 0) + sign * coefficient
    return terms, offset


def _literal(reference: int) -> tuple[dict[int, int], int]:
    """A Boolean literal as an expression: x, or 1 - x for a negated reference."""
    return ({reference: 1}, 0) if reference >= 0 else ({-reference - 1: -1}, 1)


def _plus(first: tuple[dict[int, int], int], second: tuple[dict[int, int], int], factor: int = 1):
    terms = dict(first[0])
    for index, coefficient in second[0].items():
        terms[index] = terms.get(index, 0) + factor * coefficient
    return terms, first[1] + factor * second[1]


def rows_of(proto) -> list[Row]:
    """Every constraint of a CpModelProto as linear rows (enforced ones relaxed by big-M)."""
    def extent(expression):
        low = high = expression[1]
        for index, coefficient in expression[0].items():
            lower, upper = _domain(proto, index)
            low += min(coefficient * lower, coefficient * upper)
            high += max(coefficient * lower, coefficient * upper)
        return low, high

    rows: list[Row] = []
    for constraint in proto.constraints:
        enforcement = list(constraint.enforcement_literal)
        relaxation = ({}, 0)  # the number of enforcement literals that are false
        for reference in enforcement:
            relaxation = _plus(relaxation, _plus(({}, 1), _literal(reference), -1))

        def emit(expression, lower: float, upper: float) -> None:
            low, high = extent(expression)
            if not enforcement:
                rows.append(Row(*expression, lower if lower > low else -INFINITY, upper if upper < high else INFINITY))
                return
            if upper < high:
                rows.append(Row(*_plus(expression, relaxation, -int(high - upper)), -INFINITY, upper))
            if lower > low:
                rows.append(Row(*_plus(expression, relaxation, int(lower - low)), lower, INFINITY))

        if constraint.has_linear():
            domain = list(constraint.linear.domain)
            emit(_linear(constraint.linear.vars, constraint.linear.coeffs), domain[0], domain[-1])
        elif constraint.has_bool_or() or constraint.has_at_most_one() or constraint.has_exactly_one():
            literals = (constraint.bool_or.literals if constraint.has_bool_or() else
                        constraint.at_most_one.literals if constraint.has_at_most_one() else
                        constraint.exactly_one.literals)
            total: tuple[dict[int, int], int] = ({}, 0)
            for reference in literals:
                total = _plus(total, _literal(reference))
            lower = -INFINITY if constraint.has_at_most_one() else 1
            upper = INFINITY if constraint.has_bool_or() else 1
            emit(total, lower, upper)
        elif constraint.has_bool_and():
            for reference in constraint.bool_and.literals:
                emit(_literal(reference), 1, INFINITY)
        elif constraint.has_lin_max():
            target = constraint.lin_max.target
            maximum = _linear(target.vars, target.coeffs, target.offset)
            for expression in constraint.lin_max.exprs:
                emit(_plus(maximum, _linear(expression.vars, expression.coeffs, expression.offset), -1), 0, INFINITY)
        else:
            raise ValueError(f"constraint not handled by the MILP translation: {constraint}")
    return rows


def linear_form(proto) -> tuple[dict[int, int], int]:
    """The proto's objective as (terms over positive indexes, offset)."""
    objective = proto.objective
    return _linear(objective.vars, objective.coeffs, int(objective.offset))


def milp(proto, backend: str = "HIGHS", relaxed: bool = False) -> tuple[pywraplp.Solver, list]:
    """The model as an MPSolver (`relaxed`: every variable continuous), minimising the proto's objective."""
    solver = pywraplp.Solver.CreateSolver(backend)
    if solver is None:
        raise RuntimeError(f"OR-Tools has no {backend} backend here")
    variables = []
    for index in range(len(proto.variables)):
        lower, upper = _domain(proto, index)
        variables.append(solver.NumVar(lower, upper, f"v{index}") if relaxed
                         else solver.IntVar(lower, upper, f"v{index}"))
    infinity = solver.infinity()
    for row in rows_of(proto):
        lower = -infinity if row.lower == -INFINITY else row.lower - row.constant
        upper = infinity if row.upper == INFINITY else row.upper - row.constant
        constraint = solver.Constraint(lower, upper)
        for index, coefficient in row.terms.items():
            constraint.SetCoefficient(variables[index], coefficient)
    terms, offset = linear_form(proto)
    objective = solver.Objective()
    for index, coefficient in terms.items():
        objective.SetCoefficient(variables[index], coefficient)
    objective.SetOffset(offset)
    objective.SetMinimization()
    return solver, variables


def value_of(form: tuple[dict[int, int], int], variables) -> float:
    """A linear form evaluated on an MPSolver's solution."""
    terms, offset = form
    return offset + sum(coefficient * variables[index].solution_value() for index, coefficient in terms.items())
