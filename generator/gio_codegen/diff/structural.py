"""The structural comparison of two schemas: every difference as a typed `Change`.

We walk both schemas ourselves (types, fields, arguments, input fields, enum values, union
members, interfaces, directives, defaults, descriptions, deprecations, applied directives,
root types) instead of reading graphql-core's `find_breaking_changes`: its results are
English sentences without coordinates, it ignores half the changes that alter a generated
client (output nullability narrowing, input widening, defaults added, descriptions,
`@oneOf`, directive details), and its wording changes between releases. Criticalities
follow graphql-js and graphql-inspector (docs/versioning.md lists every kind).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    is_specified_scalar_type,
)

from gio_codegen.diff.directives import (
    compare_applied,
    compare_directives,
    compare_input_value,
    compare_usages,
    described,
    schema_directives,
)
from gio_codegen.diff.model import Change, sort_key
from gio_codegen.diff.values import required, safe_output_change, type_str

_ROOTS = (("query", "QUERY"), ("mutation", "MUTATION"), ("subscription", "SUBSCRIPTION"))


class Changes(list[Change]):
    """The list a walk appends to, with a shorthand for building records."""

    def add(self, kind: str, coordinate: str, criticality: Any, reason: str, old: str | None = None,
            new: str | None = None, *, deprecated_removal: bool = False) -> None:
        self.append(Change(kind, coordinate, criticality, reason, old, new, deprecated_removal))


def diff_schemas(old: GraphQLSchema, new: GraphQLSchema) -> list[Change]:
    """Every difference from OLD to NEW, sorted breaking → dangerous → safe, then by coordinate."""
    out = Changes()
    with_usages = _has_sdl(old) and _has_sdl(new)
    _schema_definition(out, old, new, with_usages)
    names = [n for n in old.type_map if _compared(old.type_map[n])]
    names += [n for n in new.type_map if n not in old.type_map and _compared(new.type_map[n])]
    for name in names:
        _named_type(out, name, old.type_map.get(name), new.type_map.get(name), with_usages)
    compare_directives(out, old, new)
    return sorted(set(out), key=sort_key)


def _compared(type_: GraphQLNamedType) -> bool:
    # Built-in scalars come and go with their uses; every schema has them implicitly.
    return not type_.name.startswith("__") and not is_specified_scalar_type(type_)


def _has_sdl(schema: GraphQLSchema) -> bool:
    return any(t.ast_node is not None for t in schema.type_map.values() if _compared(t))


def _schema_definition(out: Changes, old: GraphQLSchema, new: GraphQLSchema, with_usages: bool) -> None:
    for operation, upper in _ROOTS:
        before = getattr(old, f"{operation}_type")
        after = getattr(new, f"{operation}_type")
        old_name, new_name = (before.name if before else None), (after.name if after else None)
        if old_name == new_name:
            continue
        kind = f"SCHEMA_{upper}_TYPE_CHANGED"
        if old_name is None:
            out.add(kind, f"schema.{operation}", "safe", f"The schema gained a {operation} root: new operations can be written.",
                    None, new_name)
        elif new_name is None:
            out.add(kind, f"schema.{operation}", "breaking", f"Every {operation} operation fails without a {operation} root.",
                    old_name, None)
        else:
            out.add(kind, f"schema.{operation}", "breaking",
                    f"Operations are validated against the new {operation} root type.", old_name, new_name)
    described(out, "SCHEMA", "schema", old, new)
    if with_usages:
        compare_applied(out, "SCHEMA", "schema", schema_directives(old), schema_directives(new))


def _kind(type_: GraphQLNamedType) -> str:
    for cls, name in ((GraphQLObjectType, "OBJECT"), (GraphQLInterfaceType, "INTERFACE"), (GraphQLUnionType, "UNION"),
                      (GraphQLEnumType, "ENUM"), (GraphQLInputObjectType, "INPUT_OBJECT"), (GraphQLScalarType, "SCALAR")):
        if isinstance(type_, cls):
            return name
    return type(type_).__name__


def _named_type(out: Changes, name: str, old: GraphQLNamedType | None, new: GraphQLNamedType | None,
                with_usages: bool) -> None:
    if old is None:
        out.add("TYPE_ADDED", name, "safe", "A new type breaks no existing operation.", None, _kind(new))  # type: ignore[arg-type]
        return
    if new is None:
        out.add("TYPE_REMOVED", name, "breaking", "Operations and clients that use the type fail.", _kind(old), None)
        return
    if _kind(old) != _kind(new):
        out.add("TYPE_KIND_CHANGED", name, "breaking", "A type of another kind needs other selections and values.",
                _kind(old), _kind(new))
        return
    described(out, "TYPE", name, old, new)
    if with_usages:
        compare_usages(out, _kind(new), name, old, new)
    if isinstance(old, GraphQLScalarType) and isinstance(new, GraphQLScalarType):
        if (old.specified_by_url or None) != (new.specified_by_url or None):
            out.add("SCALAR_SPECIFIED_BY_URL_CHANGED", name, "safe", "Documentation of the scalar's format only.",
                    old.specified_by_url, new.specified_by_url)
    elif isinstance(old, (GraphQLObjectType, GraphQLInterfaceType)):
        _interfaces(out, name, old, new)  # type: ignore[arg-type]
        _fields(out, name, old, new, with_usages)  # type: ignore[arg-type]
    elif isinstance(old, GraphQLUnionType) and isinstance(new, GraphQLUnionType):
        _members(out, name, [t.name for t in old.types], [t.name for t in new.types])
    elif isinstance(old, GraphQLEnumType) and isinstance(new, GraphQLEnumType):
        _enum_values(out, name, old, new, with_usages)
    elif isinstance(old, GraphQLInputObjectType) and isinstance(new, GraphQLInputObjectType):
        _input_fields(out, name, old, new, with_usages)


def _interfaces(out: Changes, name: str, old: GraphQLObjectType, new: GraphQLObjectType) -> None:
    before, after = [i.name for i in old.interfaces], [i.name for i in new.interfaces]
    for interface in before:
        if interface not in after:
            out.add("OBJECT_TYPE_INTERFACE_REMOVED", name, "breaking",
                    f"Fragments on {interface} no longer match {name}.", interface, None)
    for interface in after:
        if interface not in before:
            out.add("OBJECT_TYPE_INTERFACE_ADDED", name, "dangerous",
                    f"Fragments on {interface} now also match {name}: results may contain it.", None, interface)


def _members(out: Changes, name: str, before: list[str], after: list[str]) -> None:
    for member in before:
        if member not in after:
            out.add("UNION_MEMBER_REMOVED", name, "breaking", "Selections on the member no longer apply.", member, None)
    for member in after:
        if member not in before:
            out.add("UNION_MEMBER_ADDED", name, "dangerous",
                    "Results may contain the new member, which existing clients do not expect.", None, member)


def _fields(out: Changes, name: str, old: GraphQLObjectType, new: GraphQLObjectType, with_usages: bool) -> None:
    for field_name, before in old.fields.items():
        coordinate = f"{name}.{field_name}"
        after = new.fields.get(field_name)
        if after is None:
            deprecated = before.deprecation_reason is not None
            out.add("FIELD_REMOVED", coordinate, "breaking",
                    "Operations selecting the field fail" + (" (it was deprecated)." if deprecated else "."),
                    type_str(before.type), None, deprecated_removal=deprecated)
            continue
        if type_str(before.type) != type_str(after.type):
            safe = safe_output_change(before.type, after.type)
            out.add("FIELD_TYPE_CHANGED", coordinate, "safe" if safe else "breaking",
                    "The new type is a narrower one: every old result is still valid." if safe
                    else "Results of the new type break code written for the old one.",
                    type_str(before.type), type_str(after.type))
        described(out, "FIELD", coordinate, before, after)
        _deprecation(out, "FIELD", coordinate, before, after)
        if with_usages:
            compare_usages(out, "FIELD_DEFINITION", coordinate, before, after)
        _arguments(out, coordinate, before.args, after.args, with_usages)
    for field_name, after in new.fields.items():
        if field_name not in old.fields:
            out.add("FIELD_ADDED", f"{name}.{field_name}", "safe", "Nothing selects a new field yet.",
                    None, type_str(after.type))


def _arguments(out: Changes, field: str, old: dict[str, Any], new: dict[str, Any], with_usages: bool) -> None:
    for arg_name, before in old.items():
        coordinate = f"{field}({arg_name}:)"
        after = new.get(arg_name)
        if after is None:
            deprecated = getattr(before, "deprecation_reason", None) is not None
            out.add("FIELD_ARGUMENT_REMOVED", coordinate, "breaking", "Operations passing the argument fail.",
                    type_str(before.type), None, deprecated_removal=deprecated)
            continue
        compare_input_value(out, "FIELD_ARGUMENT", "FIELD_ARGUMENT_DEFAULT_CHANGED", coordinate, before, after)
        _deprecation(out, "FIELD_ARGUMENT", coordinate, before, after)
        if with_usages:
            compare_usages(out, "ARGUMENT_DEFINITION", coordinate, before, after)
    for arg_name, after in new.items():
        if arg_name not in old:
            if required(after):
                out.add("FIELD_ARGUMENT_ADDED", f"{field}({arg_name}:)", "breaking",
                        "A required argument: operations that do not pass it fail.", None, type_str(after.type))
            else:
                out.add("FIELD_ARGUMENT_ADDED", f"{field}({arg_name}:)", "dangerous",
                        "An optional argument: the field may behave differently when it is passed.",
                        None, type_str(after.type))


def _input_fields(out: Changes, name: str, old: GraphQLInputObjectType, new: GraphQLInputObjectType,
                  with_usages: bool) -> None:
    if bool(getattr(old, "is_one_of", False)) != bool(getattr(new, "is_one_of", False)):
        if getattr(new, "is_one_of", False):
            out.add("INPUT_OBJECT_ONE_OF_ADDED", name, "breaking",
                    "Values must now set exactly one field: values with none or several fail.", None, "@oneOf")
        else:
            out.add("INPUT_OBJECT_ONE_OF_REMOVED", name, "safe", "Every value valid before is still valid.", "@oneOf", None)
    for field_name, before in old.fields.items():
        coordinate = f"{name}.{field_name}"
        after = new.fields.get(field_name)
        if after is None:
            deprecated = getattr(before, "deprecation_reason", None) is not None
            out.add("INPUT_FIELD_REMOVED", coordinate, "breaking", "Values that set the field fail.",
                    type_str(before.type), None, deprecated_removal=deprecated)
            continue
        compare_input_value(out, "INPUT_FIELD", "INPUT_FIELD_DEFAULT_VALUE_CHANGED", coordinate, before, after)
        _deprecation(out, "INPUT_FIELD", coordinate, before, after)
        if with_usages:
            compare_usages(out, "INPUT_FIELD_DEFINITION", coordinate, before, after)
    for field_name, after in new.fields.items():
        if field_name in old.fields:
            continue
        coordinate = f"{name}.{field_name}"
        if required(after):
            out.add("INPUT_FIELD_ADDED", coordinate, "breaking", "A required input field: values without it fail.",
                    None, type_str(after.type))
        else:
            out.add("INPUT_FIELD_ADDED", coordinate, "dangerous",
                    "An optional input field: the server may behave differently when it is set.",
                    None, type_str(after.type))


def _enum_values(out: Changes, name: str, old: GraphQLEnumType, new: GraphQLEnumType, with_usages: bool) -> None:
    for value_name, before in old.values.items():
        coordinate = f"{name}.{value_name}"
        after = new.values.get(value_name)
        if after is None:
            deprecated = before.deprecation_reason is not None
            out.add("ENUM_VALUE_REMOVED", coordinate, "breaking",
                    "Operations and results using the value fail" + (" (it was deprecated)." if deprecated else "."),
                    value_name, None, deprecated_removal=deprecated)
            continue
        described(out, "ENUM_VALUE", coordinate, before, after)
        _deprecation(out, "ENUM_VALUE", coordinate, before, after)
        if with_usages:
            compare_usages(out, "ENUM_VALUE", coordinate, before, after)
    for value_name in new.values:
        if value_name not in old.values:
            out.add("ENUM_VALUE_ADDED", f"{name}.{value_name}", "dangerous",
                    "Results may contain the new value, which existing clients do not expect.", None, value_name)


def _deprecation(out: Changes, prefix: str, coordinate: str, old: object, new: object) -> None:
    before, after = getattr(old, "deprecation_reason", None), getattr(new, "deprecation_reason", None)
    if before == after:
        return
    if before is None:
        out.add(f"{prefix}_DEPRECATION_ADDED", coordinate, "safe", "A deprecation warns; it breaks nothing.", None, after)
    elif after is None:
        out.add(f"{prefix}_DEPRECATION_REMOVED", coordinate, "safe", "Un-deprecating breaks nothing.", before, None)
    else:
        out.add(f"{prefix}_DEPRECATION_REASON_CHANGED", coordinate, "safe", "Only the deprecation's text changed.",
                before, after)
