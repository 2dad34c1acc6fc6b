"""Variables become keyword parameters: `$self` or `$class` would not compile."""

from __future__ import annotations

from collections.abc import Iterator

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.naming import python_problem, snake_case
from gio_codegen.validate.context import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for _file, operation in context.operations:
        seen: dict[str, str] = {}
        for definition in operation.variable_definitions:
            name = definition.variable.name.value
            python_name = snake_case(name)
            problem = python_problem(python_name)
            if problem:
                yield at_node(
                    definition.variable,
                    f"variable ${name} becomes parameter {python_name!r}, which {problem}; rename the variable",
                    "PythonSafeNames",
                )
            elif python_name in seen:
                yield at_node(
                    definition.variable,
                    f"variables ${seen[python_name]} and ${name} both become parameter {python_name!r}",
                    "PythonSafeNames",
                )
            seen.setdefault(python_name, name)
