"""The GraphQL document each client method sends.

It is the operation and the fragments it reaches, sliced from the files as written, so
literals and formatting reach the server byte for byte (never re-printed). The one
addition: `__typename` in every selection on an interface or union that does not select
it already, because the generated models need it to pick the concrete class.
"""

from __future__ import annotations

from graphql import (
    ExecutableDefinitionNode,
    FieldNode,
    GraphQLSchema,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    is_abstract_type,
    visit,
)

from gio_codegen.load.operations import OperationFile
from gio_codegen.validate.context import ProjectContext
from gio_codegen.validate.documents import with_used_fragments

TYPENAME = " __typename"


def document_text(file: OperationFile, context: ProjectContext) -> str:
    document = with_used_fragments([file.operations[0]], context)
    parts = [_with_typenames(d, context.schema) for d in document.definitions]  # type: ignore[arg-type]
    return "\n\n".join(parts) + "\n"


def _with_typenames(definition: ExecutableDefinitionNode, schema: GraphQLSchema) -> str:
    loc = definition.loc
    assert loc is not None
    text = loc.source.body[loc.start : loc.end]
    inserts = sorted(_abstract_selection_sets(definition, schema), reverse=True)
    for offset in inserts:
        at = offset - loc.start + 1  # just after the `{`
        text = text[:at] + TYPENAME + text[at:]
    return text


def _abstract_selection_sets(definition: ExecutableDefinitionNode, schema: GraphQLSchema) -> list[int]:
    """Start offsets of selection sets on abstract types that lack a direct `__typename`."""
    type_info = TypeInfo(schema)
    found: list[int] = []

    class Find(Visitor):
        def enter_selection_set(self, node: SelectionSetNode, *_: object) -> None:
            parent = type_info.get_parent_type()
            if parent is None or not is_abstract_type(get_named_type(parent)) or node.loc is None:
                return
            # Nodes without a location were added by ariadne-codegen to its in-memory copy, not written.
            written = [s for s in node.selections if s.loc is not None]
            if not any(isinstance(s, FieldNode) and s.name.value == "__typename" and s.alias is None for s in written):
                found.append(node.loc.start)

    visit(definition, TypeInfoVisitor(type_info, Find()))
    return found
