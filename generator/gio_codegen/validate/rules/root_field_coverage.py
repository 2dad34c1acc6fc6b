"""Every root field is reached by some operation, or the client silently lacks an API."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode

from gio_codegen.diagnostics import Diagnostic, at_offset
from gio_codegen.load.schema_facts import ROOT_KINDS
from gio_codegen.load.project import ProjectContext


def _root_fields(operation: OperationDefinitionNode) -> set[str]:
    return {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    if not context.whole_project:
        return
    used: dict[str, set[str]] = {kind: set() for kind in ROOT_KINDS}
    for _file, operation in context.operations:
        used[operation.operation.value] |= _root_fields(operation)
    roots = context.schema_facts.root_fields
    for kind in ROOT_KINDS:
        if kind not in roots:
            continue
        root_name, fields = roots[kind]
        for name, offset in fields:
            if name not in used[kind] and offset is not None:
                yield at_offset(
                    context.schema_text,
                    context.schema_file,
                    offset,
                    f"{root_name}.{name} is not used by any operation; the generated client has no method for it",
                    "RootFieldCoverage",
                    "warning",
                )
