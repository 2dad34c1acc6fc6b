"""ariadne-codegen plugin: every name it emits goes through gio_codegen.naming.

ariadne-codegen 0.19 escapes keywords, builtin types and pydantic attributes, but emits enum
members named `mro` (import fails), `_missing_` or `title`; keeps two fields that collide after
snake_casing (`userId`, `user_id`: one silently wins); and writes an enum default inside an input
object default as an attribute of the input class. This plugin decides instead:

- `process_name` (result and input fields): `naming.field_name`, then numbered suffixes for
  collisions within one selection (with its inline fragments, against its spread fragments) or
  one input type. ariadne adds `Field(alias=<wire name>)` whenever the name differs.
- `generate_enum`: members renamed by `naming.enum_member_name` (values untouched).
- `generate_input_field`: enum defaults point at the renamed members; enum values inside an
  input-object default become their wire strings (pydantic validates them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.utils import str_to_pascal_case
from graphql import (
    EnumValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    Node,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
)

from gio_codegen.naming import enum_member_name, field_name, unique

CONFIG_KEY = "gio-codegen-documents"
# Every type name of the whole schema (the engine may see a slice of it: load/slice.py).
TYPE_NAMES_KEY = "gio-codegen-type-names"
TYPENAME_ATTRIBUTE = "typename__"


class SafeNames(Plugin):
    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        self.type_names = frozenset(config_dict.get(TYPE_NAMES_KEY) or schema.type_map)
        # Enum members and input fields are named on first use: the engine asks only for the
        # types the operations reach (GitHub's schema has hundreds it never asks for).
        self.enum_members = _EnumMembers(schema)
        self.names: dict[int, str] = {}
        self._input_owner = {
            id(input_field): type_
            for type_ in schema.type_map.values() if isinstance(type_, GraphQLInputObjectType)
            for input_field in type_.fields.values()
        }
        documents: list[OperationDefinitionNode | FragmentDefinitionNode] = config_dict.get(CONFIG_KEY, [])
        self.fragments = {d.name.value: d for d in documents if isinstance(d, FragmentDefinitionNode)}
        self._fragment_keys: dict[str, dict[str, str]] = {}
        for document in documents:
            self._name_selection(document.selection_set)

    # -- fields -------------------------------------------------------------------------------

    def process_name(self, name: str, node: Node | None = None) -> str:
        if isinstance(node, GraphQLInputField) and id(node) not in self.names and id(node) in self._input_owner:
            owner = self._input_owner[id(node)]
            attributes = self._assign(list(owner.fields), {}, set())
            for wire, input_field in owner.fields.items():
                self.names[id(input_field)] = attributes[wire]
        if isinstance(node, (FieldNode, GraphQLInputField)):
            return self.names.get(id(node), name)
        return name

    def _name_selection(self, selection_set: SelectionSetNode | None) -> dict[str, str]:
        """Response key → attribute for one selection set; records each FieldNode's attribute."""
        if selection_set is None:
            return {}
        inherited: dict[str, str] = {}
        for fragment in self._spreads(selection_set):
            for key, attribute in self._fragment_names(fragment).items():
                inherited.setdefault(key, attribute)
        fields = [f for f in self._fields(selection_set) if (f.alias or f.name).value != "__typename"]
        wires = list(dict.fromkeys((f.alias or f.name).value for f in fields))
        keys = self._assign(wires, inherited, {TYPENAME_ATTRIBUTE})
        for field in fields:
            self.names[id(field)] = keys[(field.alias or field.name).value]
        for field in fields:
            self._name_selection(field.selection_set)
        return keys

    def _assign(self, wires: list[str], inherited: dict[str, str], reserved: set[str]) -> dict[str, str]:
        """Wire name → attribute for one class (see gio_codegen.naming: field collisions).

        An attribute never equals another field's wire name (with `populate_by_name`, pydantic
        would read one field's alias as the other's name), so a field whose safe name is its own
        wire name keeps it and the others yield: `userId` + `user_id` → `user_id_2`, `user_id`.
        """
        keys = dict(inherited)
        seen = set(reserved) | set(wires) | set(inherited)
        for attribute in [*reserved, *inherited.values()]:
            seen.update((attribute, "pascal:" + str_to_pascal_case(attribute)))
        candidates = {w: field_name(w, type_names=self.type_names) for w in wires if w not in keys}
        for wire, candidate in candidates.items():
            if candidate == wire and "pascal:" + str_to_pascal_case(candidate) not in seen:
                keys[wire] = candidate
                seen.add("pascal:" + str_to_pascal_case(candidate))
        for wire, candidate in candidates.items():
            if wire not in keys:
                keys[wire] = _unique_field(candidate, seen)
        return keys

    def _fragment_names(self, name: str) -> dict[str, str]:
        if name not in self._fragment_keys:
            self._fragment_keys[name] = {}  # a cycle is a validation error; never loop
            fragment = self.fragments.get(name)
            if fragment is not None:
                self._fragment_keys[name] = self._name_selection(fragment.selection_set)
        return self._fragment_keys[name]

    def _fields(self, selection_set: SelectionSetNode) -> Iterator[FieldNode]:
        """The selection's fields and those of its inline fragments, in document order."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set)

    def _spreads(self, selection_set: SelectionSetNode) -> Iterator[str]:
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif isinstance(selection, InlineFragmentNode):
                yield from self._spreads(selection.selection_set)

    # -- enums --------------------------------------------------------------------------------

    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        members = self.enum_members.get(enum_type.name) or {}
        assigns = [s for s in class_def.body if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)]
        for statement, value_name in zip(assigns, enum_type.values):  # ariadne emits them in schema order
            statement.targets[0].id = members[value_name]  # type: ignore[attr-defined]
        return class_def

    def generate_input_field(
        self, field_implementation: ast.AnnAssign, input_field: GraphQLInputField, field_name: str
    ) -> ast.AnnAssign:
        default = input_field.ast_node.default_value if input_field.ast_node else None
        if default is None or field_implementation.value is None:
            return field_implementation
        values = list(_enum_values(default))
        references = [n for n in _ordered_nodes(field_implementation.value) if isinstance(n, ast.Name) and "." in n.id]
        if len(values) != len(references):
            return field_implementation
        replacements: dict[int, ast.expr] = {}
        for value, reference in zip(values, references):
            owner = reference.id.split(".", 1)[0]
            members = self.enum_members.get(owner)
            if members is not None and value in members:
                reference.id = f"{owner}.{members[value]}"
            else:  # an enum inside an input-object default: validated from its wire value
                replacements[id(reference)] = ast.Constant(value=value)
        if replacements:
            field_implementation.value = _Replace(replacements).visit(field_implementation.value)
        return field_implementation


def _unique_field(candidate: str, seen: set[str]) -> str:
    """Numbered suffix until neither the attribute nor ariadne's nested class name (PascalCase) is taken."""
    name, number = candidate, 2
    while name in seen or "pascal:" + str_to_pascal_case(name) in seen:
        name = f"{candidate.rstrip('_') or candidate}_{number}"
        number += 1
    seen.update((name, "pascal:" + str_to_pascal_case(name)))
    return name


def _enum_values(node: ValueNode) -> Iterator[str]:
    if isinstance(node, EnumValueNode):
        yield node.value
    elif isinstance(node, ListValueNode):
        for item in node.values:
            yield from _enum_values(item)
    elif isinstance(node, ObjectValueNode):
        for object_field in node.fields:
            yield from _enum_values(object_field.value)


def _ordered_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Depth-first, in source order (ast.walk is breadth-first)."""
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _ordered_nodes(child)


class _Replace(ast.NodeTransformer):
    def __init__(self, replacements: dict[int, ast.expr]) -> None:
        self.replacements = replacements

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.replacements.get(id(node), node)


class _EnumMembers(dict[str, dict[str, str]]):
    """Enum name → {GraphQL value → Python member}, computed for an enum when first asked for."""

    def __init__(self, schema: GraphQLSchema) -> None:
        super().__init__()
        self._schema = schema

    def get(self, name: str, default: dict[str, str] | None = None) -> dict[str, str] | None:  # type: ignore[override]
        if name not in self:
            type_ = self._schema.type_map.get(name)
            if not isinstance(type_, GraphQLEnumType):
                return default
            seen: set[str] = set()
            self[name] = {value: unique(enum_member_name(value), seen) for value in type_.values}
        return self[name]
