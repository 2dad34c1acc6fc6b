"""Shared bits of the devserver tests: the schema path, the secret, all-fields queries.

Recursive types (Filter.exprs, Splitter.splitters, Member -> Project -> Member ...) are
cut once a type appears ``repeat`` times on the current path or at ``max_depth``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type

_DEVSERVER = Path(__file__).resolve().parents[2] / "devserver"
if str(_DEVSERVER) not in sys.path:  # runnable without PYTHONPATH=devserver
    sys.path.insert(0, str(_DEVSERVER))

SCHEMA = Path(os.environ.get("GIO_SCHEMA", Path(__file__).resolve().parents[2] / "schema.graphql"))
SECRET = "test-secret"


def selection(
    schema: GraphQLSchema, type_: GraphQLObjectType, path: tuple[str, ...] = (), *, repeat: int = 2, max_depth: int = 7
) -> str:
    parts = []
    for name, field in type_.fields.items():
        named = get_named_type(field.type)
        if not isinstance(named, GraphQLObjectType):
            parts.append(name)
            continue
        if path.count(named.name) >= repeat or len(path) >= max_depth:
            continue
        inner = selection(schema, named, path + (named.name,), repeat=repeat, max_depth=max_depth)
        if inner:
            parts.append(f"{name} {inner}")
    return "{ " + " ".join(parts) + " }" if parts else ""


def root_query(schema: GraphQLSchema, operation: str, field: str, args: str = "") -> str:
    root = schema.mutation_type if operation == "mutation" else schema.query_type
    type_ = get_named_type(root.fields[field].type)
    sel = selection(schema, type_, (type_.name,)) if isinstance(type_, GraphQLObjectType) else ""
    call = f"{field}({args})" if args else field
    return f"{operation} {{ {call} {sel} __typename }}"
