"""Where a coordinate is defined, for annotations (github, sarif) at the schema line.

Looked up in NEW first; an element that no longer exists there is shown at its nearest
enclosing element in NEW (a removed field at its type), else where OLD defined it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphql import GraphQLSchema

from gio_codegen.diagnostics import line_column
from gio_codegen.diff.model import Location


def locate(coordinate: str, new: GraphQLSchema, old: GraphQLSchema) -> Location | None:
    for schema, path in ((new, coordinate), *((new, p) for p in _parents(coordinate)), (old, coordinate)):
        node = _node(schema, path)
        location = _location(node)
        if location is not None:
            return location
    return None


def _parents(coordinate: str) -> list[str]:
    out = []
    if "(" in coordinate:
        coordinate = coordinate.split("(", 1)[0]
        out.append(coordinate)
    if "." in coordinate:
        out.append(coordinate.split(".", 1)[0])
    return out


def _node(schema: GraphQLSchema, coordinate: str) -> Any:
    if coordinate.startswith("@"):
        name, _, arg = coordinate[1:].partition("(")
        directive = schema.get_directive(name)
        if directive is None:
            return None
        if arg:
            argument = directive.args.get(arg.rstrip(":)"))
            return argument.ast_node if argument is not None else None
        return directive.ast_node
    if coordinate == "schema" or coordinate.startswith("schema."):
        return schema.ast_node
    owner, _, member = coordinate.partition(".")
    type_ = schema.type_map.get(owner)
    if type_ is None:
        return None
    if not member:
        return type_.ast_node
    name, _, arg = member.partition("(")
    for table in ("fields", "values"):
        items = getattr(type_, table, None)
        if isinstance(items, dict) and name in items:
            item = items[name]
            if arg:
                argument = getattr(item, "args", {}).get(arg.rstrip(":)"))
                return argument.ast_node if argument is not None else None
            return item.ast_node
    return None


def _location(node: Any) -> Location | None:
    # At the element's name, not at the description above it.
    loc = getattr(getattr(node, "name", None), "loc", None) or getattr(node, "loc", None)
    if loc is None or loc.source is None:
        return None
    line, column = line_column(loc.source.body, loc.start)
    name = loc.source.name
    if name.startswith(("http://", "https://")):
        return None
    if name.startswith("git:"):
        name = name.split(":", 2)[-1]  # git:REF:path → the path, as the file is named in the work tree
    elif Path(name).is_absolute():
        try:  # code scanning wants paths relative to the checkout
            name = Path(name).resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            pass
    return Location(name, line, column)
