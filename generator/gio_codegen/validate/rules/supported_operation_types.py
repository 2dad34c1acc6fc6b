"""Every operation's root type exists in the schema (queries, mutations, subscriptions).

graphql-core 3.2 has no KnownOperationTypes rule, and ariadne-codegen crashes on
an operation whose root type is missing, so we check it before generating.
"""

from __future__ import annotations

from collections.abc import Iterator

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for _file, operation in context.operations:
        kind = operation.operation.value
        if context.schema.get_root_type(operation.operation) is None:
            yield at_node(operation, f"the schema defines no {kind} type", "SupportedOperationTypes")
