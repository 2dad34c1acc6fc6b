"""What the project rules and the slicer need to know about the *whole* schema, in plain data.

Built once, on the run that builds and validates the schema, and cached beside it. Two parts:

- `SchemaFacts`: the schema-wide inputs of the rules that look past the operations (root
  fields for coverage, custom scalars, the names that become Python classes) and every type
  name (field naming avoids them), with source offsets for diagnostics. The rules read these,
  never the schema object, so they give the same answers when a run works on a slice.
- `SliceSpans`: where each definition, header and field sits in the schema text and which
  types it refers to, so `slice.py` can cut out the part of the schema the operations use
  without parsing the rest. None when the schema has extensions (`extend type`): a type
  spread over several definitions is not worth slicing, and such runs use the full schema.

Strings, tuples and dicts pickle and unpickle at C speed: the index of GitHub's schema loads
in a few milliseconds, against ~0.2 s for the built schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    Node,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    specified_scalar_types,
)
from graphql.language import NamedTypeNode, TypeNode

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


# -- spans ------------------------------------------------------------------------------------

# field name → (its SDL, named return type, named types of its arguments)
FieldSpans = dict[str, tuple[str, str, tuple[str, ...]]]


@dataclass(frozen=True)
class TypeSpan:
    kind: str  # object | interface | union | enum | input | scalar
    start: int  # where the definition starts in the schema text (slices keep this order)
    # The SDL of the definition; for objects and interfaces with fields only up to the `{`,
    # their fields being in `fields`.
    header: str
    fields: FieldSpans  # objects and interfaces only
    refs: tuple[str, ...]  # types the definition needs besides its fields: interfaces, members, input fields


@dataclass(frozen=True)
class SliceSpans:
    types: dict[str, TypeSpan]
    implementations: dict[str, tuple[str, ...]]  # interface → types that implement it
    directives: tuple[tuple[int, str, tuple[str, ...]], ...]  # (start, SDL, argument types)
    schema_definition: tuple[int, str] | None
    roots: dict[str, str]  # kind → root type name


@dataclass(frozen=True)
class SchemaIndex:
    facts: SchemaFacts
    spans: SliceSpans | None


_KINDS: dict[type, str] = {
    ObjectTypeDefinitionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    UnionTypeDefinitionNode: "union",
    EnumTypeDefinitionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
}


def slice_spans(schema: GraphQLSchema, document: DocumentNode) -> SliceSpans | None:
    """The pieces of SDL a slice is assembled from, cut from the schema text.

    Descriptions nothing generated reads are left out, which more than halves the text a
    slice parses on a documented schema: those of object, interface, union, enum and
    directive definitions, of enum values, and of non-root fields and their arguments.
    Kept: root fields' and their arguments' (method docstrings, CLI help), input fields'
    (CLI help) and custom scalars' (the scalars module).
    """
    text = document.loc.source.body if document.loc else ""
    roots = {kind: root.name for kind in ROOT_KINDS if (root := getattr(schema, f"{kind}_type")) is not None}
    types: dict[str, TypeSpan] = {}
    implementations: dict[str, list[str]] = {}
    directives = []
    schema_definition = None
    for definition in document.definitions:
        loc = definition.loc
        if loc is None:
            return None
        if isinstance(definition, SchemaDefinitionNode):
            schema_definition = (loc.start, text[loc.start : loc.end])
        elif isinstance(definition, DirectiveDefinitionNode):
            arguments = definition.arguments or ()
            sdl = _without_descriptions(text, loc.start, loc.end, [definition, *arguments])
            directives.append((loc.start, sdl, tuple(named_type(a.type) for a in arguments)))
        elif type(definition) in _KINDS and isinstance(definition, TypeDefinitionNode):
            span = _type_span(definition, _KINDS[type(definition)], text, definition.name.value in roots.values())
            if span is None:
                return None
            types[definition.name.value] = span
            if span.kind in ("object", "interface"):
                for interface in span.refs:
                    implementations.setdefault(interface, []).append(definition.name.value)
        else:
            return None  # extensions
    return SliceSpans(
        types, {k: tuple(v) for k, v in implementations.items()}, tuple(directives), schema_definition, roots
    )


def _type_span(definition: TypeDefinitionNode, kind: str, text: str, is_root: bool) -> TypeSpan | None:
    loc = definition.loc
    assert loc is not None
    fields: FieldSpans = {}
    refs: tuple[str, ...] = ()
    header = _without_descriptions(text, loc.start, loc.end, [definition])
    if kind in ("object", "interface"):
        refs = tuple(i.name.value for i in getattr(definition, "interfaces", None) or ())
        for field in getattr(definition, "fields", None) or ():
            floc = field.loc
            if floc is None:
                return None
            arguments = field.arguments or ()
            sdl = text[floc.start : floc.end] if is_root else _without_descriptions(text, floc.start, floc.end, [field, *arguments])
            fields[field.name.value] = (sdl, named_type(field.type), tuple(named_type(a.type) for a in arguments))
        if fields:
            named = [definition.name, *(getattr(definition, "interfaces", None) or ()), *(definition.directives or ())]
            body = _opening_brace(text, max(n.loc.end for n in named if n.loc))
            if body < 0:
                return None
            header = _without_descriptions(text, loc.start, body, [definition])
    elif kind == "union":
        refs = tuple(t.name.value for t in getattr(definition, "types", None) or ())
    elif kind == "enum":
        header = _without_descriptions(text, loc.start, loc.end, [definition, *(getattr(definition, "values", None) or ())])
    elif kind in ("input", "scalar"):
        header = text[loc.start : loc.end]
        refs = tuple(named_type(f.type) for f in getattr(definition, "fields", None) or ())
    return TypeSpan(kind, loc.start, header, fields, refs)


def _without_descriptions(text: str, start: int, end: int, nodes: list[Node]) -> str:
    cuts = sorted(
        (d.loc.start, d.loc.end) for node in nodes if (d := getattr(node, "description", None)) is not None and d.loc
    )
    pieces, at = [], start
    for cut_start, cut_end in cuts:
        if start <= cut_start and cut_end <= end and cut_start >= at:
            pieces.append(text[at:cut_start])
            at = cut_end
    pieces.append(text[at:end])
    return "".join(pieces)


def _opening_brace(text: str, at: int) -> int:
    """Offset of the `{` that opens a field list, skipping ignored tokens (spaces, commas, comments)."""
    while at < len(text):
        char = text[at]
        if char == "{":
            return at
        if char == "#":
            newline = text.find("\n", at)
            at = len(text) if newline < 0 else newline
        elif char in " \t\r\n,\ufeff":
            at += 1
        else:
            return -1
    return -1


def named_type(type_node: TypeNode) -> str:
    """The name inside `[T!]!`."""
    while not isinstance(type_node, NamedTypeNode):
        type_node = type_node.type  # type: ignore[attr-defined]
    return type_node.name.value


__all__ = ["SchemaFacts", "SchemaIndex", "SliceSpans", "TypeSpan", "named_type", "schema_facts", "slice_spans"]
