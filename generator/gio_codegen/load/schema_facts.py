"""What the project rules need to know about the schema as a whole, as plain data.

The schema-wide inputs of the rules that look past the operations: root fields (coverage),
custom scalars, the names that become Python classes, every type name (field naming avoids
them), with source offsets for diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Node,
    specified_scalar_types,
)

ROOT_KINDS = ("query", "mutation", "subscription")

# (field name, offset of its definition or None)
RootFields = tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class SchemaFacts:
    type_names: frozenset[str]
    # kind → (root type name, its fields in schema order)
    root_fields: dict[str, tuple[str, RootFields]]
    # custom scalars, sorted by name: (name, offset of the definition or None)
    custom_scalars: tuple[tuple[str, int | None], ...]
    # enums, input objects and custom scalars, sorted by name: (name, offset of the name or None)
    class_types: tuple[tuple[str, int | None], ...]


def schema_facts(schema: GraphQLSchema) -> SchemaFacts:
    roots = {}
    for kind in ROOT_KINDS:
        root = getattr(schema, f"{kind}_type")
        if root is not None:
            roots[kind] = (root.name, tuple((name, _offset(field.ast_node)) for name, field in root.fields.items()))
    scalars, classes = [], []
    for name, type_ in sorted(schema.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        if isinstance(type_, GraphQLScalarType):
            scalars.append((name, _offset(type_.ast_node)))
        if isinstance(type_, (GraphQLScalarType, GraphQLEnumType, GraphQLInputObjectType)):
            classes.append((name, _offset(type_.ast_node.name if type_.ast_node else None)))
    return SchemaFacts(frozenset(schema.type_map), roots, tuple(scalars), tuple(classes))


def _offset(node: Node | None) -> int | None:
    return node.loc.start if node is not None and node.loc is not None else None
