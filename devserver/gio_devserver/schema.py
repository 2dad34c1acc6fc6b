"""Build the executable schema from the canonical schema.graphql file.

The SDL is read from disk at startup (never embedded), so the server always serves the
schema the generator reads. Custom scalars get explicit serializers; a safety net fills
any non-null field the seed data lacks (e.g. a field added to the schema later) with a
typed placeholder instead of nulling the whole parent — and records the field in
``state.synthesized`` (shown by ``GET /__control__``) so tests notice the gap.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ariadne import ScalarType, make_executable_schema
from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    default_field_resolver,
)

from .resolvers import mutation, query
from .state import ServerState

log = logging.getLogger("gio_devserver")


def _datetime(value: Any) -> str:
    """RFC 3339 with a ``Z`` suffix and microseconds, like the documented examples."""
    if isinstance(value, str):
        return value
    if not isinstance(value, datetime):
        raise TypeError(f"DateTime cannot represent {value!r}")
    value = value.astimezone(timezone.utc) if value.tzinfo else value
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _parse_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("DateTime must be an RFC 3339 string")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _string(name: str):
    def serialize(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"{name} cannot represent {value!r}")
        return value

    return serialize


def _long(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Long cannot represent {value!r}")
    return value


def _identity(value: Any) -> Any:
    return value


SCALARS = [
    ScalarType("HashId", serializer=_string("HashId"), value_parser=_string("HashId")),
    ScalarType("DateTime", serializer=_datetime, value_parser=_parse_datetime),
    ScalarType("Long", serializer=_long, value_parser=_long),
    ScalarType("ValueType", serializer=_string("ValueType"), value_parser=_string("ValueType")),
    *(
        ScalarType(name, serializer=_identity, value_parser=_identity)
        for name in ("BytesJson", "Object", "Order", "SubgroupAggregation")
    ),
]


def _placeholder(gql_type: Any) -> Any:
    """A typed stand-in for a missing non-null value."""
    if isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    if isinstance(gql_type, GraphQLList):
        return []
    if isinstance(gql_type, GraphQLEnumType):
        return next(iter(gql_type.values))
    if isinstance(gql_type, GraphQLObjectType):
        return {}
    if isinstance(gql_type, GraphQLScalarType):
        return {
            "Int": 0,
            "Long": 0,
            "Float": 0.0,
            "Boolean": False,
            "HashId": "00000000",
            "DateTime": datetime(1970, 1, 1, tzinfo=timezone.utc),
            "BytesJson": {},
            "Object": {},
        }.get(gql_type.name, "")
    return None


def _install_safety_net(schema: GraphQLSchema, state: ServerState) -> None:
    roots = {t.name for t in (schema.query_type, schema.mutation_type) if t}
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__") or type_.name in roots:
            continue
        for name, field in type_.fields.items():
            if isinstance(field.type, GraphQLNonNull):
                field.resolve = _guarded(
                    field.resolve or default_field_resolver, f"{type_.name}.{name}", field.type, state
                )


def _guarded(resolve, qualified: str, gql_type: Any, state: ServerState):
    def resolver(obj: Any, info: Any, **kwargs: Any) -> Any:
        value = resolve(obj, info, **kwargs)
        if value is None:
            if qualified not in state.synthesized:
                log.warning("seed data lacks non-null field %s; synthesizing", qualified)
            state.synthesized.add(qualified)
            return _placeholder(gql_type)
        return value

    return resolver


def _accept_enum_variables(schema: GraphQLSchema) -> None:
    """Let enum values arrive as variables, not only as literals.

    graphql-core 3.2.14 calls ``enum.parse_value(value, hide_suggestions)``, but ariadne
    1.1 replaces ``parse_value`` with a one-argument function, so every enum variable
    (e.g. ``$param: AnalysisExportJobParam!``) failed with a TypeError.
    """
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLEnumType):
            parse = type_.parse_value
            type_.parse_value = lambda value, *_ignored, _parse=parse: _parse(value)  # type: ignore[method-assign]


def build_schema(schema_path: str | Path, state: ServerState) -> GraphQLSchema:
    type_defs = Path(schema_path).read_text(encoding="utf-8")
    schema = make_executable_schema(type_defs, query, mutation, *SCALARS)
    _accept_enum_variables(schema)
    _install_safety_net(schema, state)
    return schema
