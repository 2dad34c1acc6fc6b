"""What the clients need to know about an operation's models (written by engine.py, remembered by models.py)."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import OperationDefinitionNode

from gio_codegen.naming import result_class_name

SCALARS_MODULE = "scalars"
COMPAT_MODULE = "forward_compat"


@dataclass(frozen=True)
class ModelResult:
    """Where an operation's models live and how its client method returns them."""

    module: str
    result_class: str
    # Set when the operation selects one root field: the method returns that field.
    root_attribute: str | None
    return_annotation: str
    # import path (".tags_query", "typing") -> names the client imports to spell `return_annotation`.
    imports: dict[str, list[str]]


def operation_result_class(operation: OperationDefinitionNode) -> str:
    """`Tags` → `TagsQuery`: operation results never collide with a fragment named after a type."""
    return result_class_name(operation.name.value if operation.name else "Anonymous", operation.operation.value)
