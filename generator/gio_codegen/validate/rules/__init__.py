"""The project rules: a registry (id, default level, summary, check), like buf's and graphql-core's.

Each rule is one module with a `check(ProjectContext) -> Iterable[Diagnostic]`; its id is the
code on its diagnostics. `[tool.gio-codegen.rules]` sets a rule to "error", "warning" or "off";
`gio-codegen rules` lists them. graphql-core's specified rules are not here: they always
stay errors. Rules the generated code depends on (`configurable=False`) can be raised to an
error but never lowered: without them the generator would write code that does not work.
The defaults suit any repository; this one turns its own conventions on in pyproject.toml.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.load.config import Config, key_error
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

Level = Literal["error", "warning", "off"]
LEVELS: tuple[Level, ...] = ("error", "warning", "off")
Check = Callable[[ProjectContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class ProjectRule:
    id: str
    default: Level
    summary: str
    check: Check
    configurable: bool = True


RULES: tuple[ProjectRule, ...] = (
    ProjectRule("OneOperationPerFile", "off", "a file holds at most one operation (the file is the API call)",
                one_operation_per_file.check),
    ProjectRule("OperationNamedAfterFile", "off", "queries/tags.graphql holds `query Tags` (in any case)",
                operation_named_after_file.check),
    ProjectRule("UniqueDefinitions", "error", "operation and fragment names are unique across the project",
                unique_definitions.check, configurable=False),
    ProjectRule("SupportedOperationTypes", "error", "the schema defines the operation's root type",
                supported_operation_types.check, configurable=False),
    ProjectRule("PythonSafeNames", "error", "every name has a safe Python spelling (no two variables on one parameter…)",
                python_safe_names.check, configurable=False),
    ProjectRule("NoDeprecated", "warning", "operations use no deprecated field, argument or enum value",
                deprecated_fields.check),
    ProjectRule("RootFieldCoverage", "warning", "every root field is used by some operation", root_field_coverage.check),
    ProjectRule("UnmappedScalar", "warning", "every custom scalar has a [tool.gio-codegen.scalars] mapping",
                unmapped_scalars.check),
    ProjectRule("InputOutsideProject", "warning", "no input is a symlink leading out of the project",
                inputs_inside_project.check),
)
BY_ID = {rule.id: rule for rule in RULES}
_LEVEL_NAMED: dict[str, Level] = {level: level for level in LEVELS}


def rule_levels(config: Config) -> dict[str, Level]:
    """Each rule's level under `[tool.gio-codegen.rules]`; unknown ids and bad values are errors there."""
    levels: dict[str, Level] = {rule.id: rule.default for rule in RULES}
    for rule_id, level in config.rules.items():
        rule = BY_ID.get(rule_id)
        if rule is None:
            close = difflib.get_close_matches(rule_id, sorted(BY_ID), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else "; `gio-codegen rules` lists them"
            raise key_error(config, rule_id, f"rules: unknown rule {rule_id!r}{hint}")
        if not rule.configurable and level != "error":
            raise key_error(config, rule_id, f"rules: {rule_id} cannot be set to {level!r}: the generated code depends on it")
        levels[rule_id] = _LEVEL_NAMED[level]  # the value was checked at config load
    return levels


def run_project_rules(context: ProjectContext) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for rule_id, level in rule_levels(context.config).items():
        if level == "off":
            continue
        diagnostics.extend(replace(d, severity=level) for d in BY_ID[rule_id].check(context))
    return diagnostics


__all__ = ["BY_ID", "LEVELS", "RULES", "Level", "ProjectRule", "rule_levels", "run_project_rules"]
