"""Every change between two schemas, with a level and a schema coordinate.

graphql-core finds breaking and dangerous changes but only as messages; we
recover the coordinate from the message and add the safe changes it ignores
(additions, descriptions, deprecations) so a diff is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    find_breaking_changes,
    find_dangerous_changes,
)

LEVELS = ("breaking", "dangerous", "safe")


@dataclass(frozen=True)
class Change:
    level: str
    type: str
    coordinate: str
    message: str
    deprecated_removal: bool = False

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "level": self.level, "type": self.type, "coordinate": self.coordinate, "message": self.message,
        }
        if self.deprecated_removal:
            data["deprecated_removal"] = True
        return data


# graphql-core message → coordinate; the first matching pattern wins.
_PATTERNS = [
    (re.compile(r"^A required arg (\w+) on directive (\w+) was added"), "@{1}({0}:)"),
    (re.compile(r"^(?:A required|An optional) arg (\w+) on (\w+)\.(\w+) was added"), "{1}.{2}({0}:)"),
    (re.compile(r"^(\w+)\.(\w+) arg (\w+) "), "{0}.{1}({2}:)"),
    (re.compile(r"^(?:A required|An optional) field (\w+) on input type (\w+) was added"), "{1}.{0}"),
    (re.compile(r"^(\w+)\.(\w+) (?:was removed|changed type)"), "{0}.{1}"),
    (re.compile(r"^(\w+) was (?:added to|removed from) enum type (\w+)"), "{1}.{0}"),
    (re.compile(r"^(\w+) was (?:added to|removed from) union type (\w+)"), "{1}"),
    (re.compile(r"^(\w+) added to interfaces implemented by (\w+)"), "{1}"),
    (re.compile(r"^(\w+) no longer implements interface (\w+)"), "{0}"),
    (re.compile(r"^(\w+) was removed from (\w+)\.$"), "@{1}"),
    (re.compile(r"^Repeatable flag was removed from (\w+)"), "@{0}"),
    (re.compile(r"^(?:Standard scalar )?(\w+) (?:was removed|changed from)"), "{0}"),
]


def _coordinate(kind: str, message: str) -> str:
    if kind == "DIRECTIVE_REMOVED":
        return "@" + message.split(" ", 1)[0]
    for pattern, template in _PATTERNS:
        match = pattern.match(message)
        if match:
            return template.format(*match.groups())
    return ""


def diff_schemas(old: GraphQLSchema, new: GraphQLSchema) -> list[Change]:
    changes = []
    for level, found in (("breaking", find_breaking_changes(old, new)), ("dangerous", find_dangerous_changes(old, new))):
        for item in found:
            coordinate = _coordinate(item.type.name, item.description)
            removed = item.type.name in ("FIELD_REMOVED", "VALUE_REMOVED_FROM_ENUM") and _was_deprecated(old, coordinate)
            changes.append(Change(level, item.type.name, coordinate, item.description, removed))
    changes.extend(_safe_changes(old, new))
    order = {level: i for i, level in enumerate(LEVELS)}
    return sorted(set(changes), key=lambda c: (order[c.level], c.coordinate, c.type, c.message))


def _was_deprecated(schema: GraphQLSchema, coordinate: str) -> bool:
    type_name, _, member = coordinate.partition(".")
    named = schema.get_type(type_name)
    if isinstance(named, GraphQLEnumType):
        value = named.values.get(member)
        return bool(value and value.deprecation_reason)
    fields = getattr(named, "fields", None) or {}
    item = fields.get(member)
    return bool(item is not None and getattr(item, "deprecation_reason", None))


def _safe_changes(old: GraphQLSchema, new: GraphQLSchema) -> list[Change]:
    out: list[Change] = []
    for name, new_type in new.type_map.items():
        if name.startswith("__"):
            continue
        old_type = old.type_map.get(name)
        if old_type is None:
            out.append(Change("safe", "TYPE_ADDED", name, f"{name} was added."))
            continue
        if type(old_type) is not type(new_type):
            continue  # graphql-core reports TYPE_CHANGED_KIND
        _described(out, name, old_type, new_type)
        if isinstance(new_type, (GraphQLObjectType, GraphQLInterfaceType)):
            _compare_fields(out, name, old_type, new_type)  # type: ignore[arg-type]
        elif isinstance(new_type, GraphQLInputObjectType):
            for field_name, field in new_type.fields.items():
                before = old_type.fields.get(field_name)  # type: ignore[attr-defined]
                if before is not None:
                    _described(out, f"{name}.{field_name}", before, field)
                    _deprecated(out, f"{name}.{field_name}", before, field)
        elif isinstance(new_type, GraphQLEnumType):
            for value_name, value in new_type.values.items():
                before = old_type.values.get(value_name)  # type: ignore[attr-defined]
                if before is not None:
                    _described(out, f"{name}.{value_name}", before, value)
                    _deprecated(out, f"{name}.{value_name}", before, value)
    for directive in new.directives:
        if old.get_directive(directive.name) is None:
            out.append(Change("safe", "DIRECTIVE_ADDED", f"@{directive.name}", f"@{directive.name} was added."))
    return out


def _compare_fields(out: list[Change], name: str, old_type: GraphQLNamedType, new_type: GraphQLObjectType) -> None:
    old_fields: dict[str, GraphQLField] = old_type.fields  # type: ignore[attr-defined]
    for field_name, field in new_type.fields.items():
        coordinate = f"{name}.{field_name}"
        before = old_fields.get(field_name)
        if before is None:
            out.append(Change("safe", "FIELD_ADDED", coordinate, f"{coordinate} was added."))
            continue
        _described(out, coordinate, before, field)
        _deprecated(out, coordinate, before, field)
        for arg_name, arg in field.args.items():
            old_arg = before.args.get(arg_name)
            if old_arg is not None:
                _described(out, f"{coordinate}({arg_name}:)", old_arg, arg)
                _deprecated(out, f"{coordinate}({arg_name}:)", old_arg, arg)


def _described(out: list[Change], coordinate: str, old: object, new: object) -> None:
    if (getattr(old, "description", None) or "") != (getattr(new, "description", None) or ""):
        out.append(Change("safe", "DESCRIPTION_CHANGED", coordinate, f"The description of {coordinate} changed."))


def _deprecated(out: list[Change], coordinate: str, old: object, new: object) -> None:
    before, after = getattr(old, "deprecation_reason", None), getattr(new, "deprecation_reason", None)
    if after is not None and before is None:
        out.append(Change("safe", "DEPRECATION_ADDED", coordinate, f"{coordinate} is deprecated: {after}"))
    elif before is not None and after is None:
        out.append(Change("safe", "DEPRECATION_REMOVED", coordinate, f"{coordinate} is no longer deprecated."))
