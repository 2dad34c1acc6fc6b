"""Project rules, one per module, each a function `ProjectContext -> Iterable[Diagnostic]`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.load.project import ProjectContext
from gio_codegen.validate.rules import (
    deprecated_fields,
    inputs_inside_project,
    one_operation_per_file,
    operation_named_after_file,
    python_safe_names,
    root_field_coverage,
    supported_operation_types,
    unique_definitions,
    unmapped_scalars,
)

Rule = Callable[[ProjectContext], Iterable[Diagnostic]]

PROJECT_RULES: list[Rule] = [
    one_operation_per_file.check,
    supported_operation_types.check,
    operation_named_after_file.check,
    unique_definitions.check,
    python_safe_names.check,
    deprecated_fields.check,
    root_field_coverage.check,
    unmapped_scalars.check,
    inputs_inside_project.check,
]
