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
    FragmentDefinitionNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
)

from gio_codegen.load.project import ProjectContext
from gio_codegen.validate.documents import with_used_fragments

TYPENAME = " __typename"


def document_text(operation: OperationDefinitionNode, context: ProjectContext) -> str:
    """The operation (one of perhaps several in its file) and every fragment it reaches."""
    document = with_used_fragments([operation], context)
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
    """Start offsets of selection sets on abstract types that lack a direct `__typename`.

    A direct walk rather than graphql-core's `visit` + `TypeInfo`, which cost ~5× as much for the
    same answer on a validated document (benchmarks/NOTES.md). Subtrees whose type it cannot
    resolve (introspection fields) hold no abstract types.
    """
    if isinstance(definition, OperationDefinitionNode):
        root: GraphQLNamedType | None = schema.get_root_type(definition.operation)
    else:
        assert isinstance(definition, FragmentDefinitionNode)
        root = schema.get_type(definition.type_condition.name.value)
    found: list[int] = []
    pending: list[tuple[SelectionSetNode, GraphQLNamedType | None]] = [(definition.selection_set, root)]
    while pending:
        selection_set, parent = pending.pop()
        if parent is None:
            continue
        if is_abstract_type(parent) and selection_set.loc is not None:
            # Nodes without a location were added by ariadne-codegen to its in-memory copy, not written.
            written = [s for s in selection_set.selections if s.loc is not None]
            if not any(isinstance(s, FieldNode) and s.name.value == "__typename" and s.alias is None for s in written):
                found.append(selection_set.loc.start)
        fields = getattr(parent, "fields", {})
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode) and selection.selection_set is not None:
                field = fields.get(selection.name.value)
                pending.append((selection.selection_set, get_named_type(field.type) if field else None))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                pending.append((selection.selection_set, schema.get_type(condition.name.value) if condition else parent))
    return found
