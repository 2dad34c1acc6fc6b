"""Every root field is reached by some operation, or the client silently lacks an API."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.validate.context import ProjectContext


def _root_fields(operation: OperationDefinitionNode) -> set[str]:
    return {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    if not context.whole_project:
        return
    used: dict[str, set[str]] = {"query": set(), "mutation": set(), "subscription": set()}
    for _file, operation in context.operations:
        used[operation.operation.value] |= _root_fields(operation)
    roots = [
        ("query", context.schema.query_type),
        ("mutation", context.schema.mutation_type),
        ("subscription", context.schema.subscription_type),
    ]
    for kind, root in roots:
        if root is None:
            continue
        for name, field in root.fields.items():
            if name not in used[kind] and field.ast_node is not None:
                yield at_node(
                    field.ast_node,
                    f"{root.name}.{name} is not used by any operation; the generated client has no method for it",
                    "RootFieldCoverage",
                    "warning",
                )
