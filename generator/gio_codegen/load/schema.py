"""Build and *validate* the schema (ariadne-codegen builds with assume_valid=True).

With a state directory, a schema that passed validation is cached there (`cache.py`):
an unchanged schema is unpickled instead of parsed, built and validated again.
"""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, Source, build_ast_schema, validate_schema
from graphql.validation.validate import validate_sdl

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config
from gio_codegen.load.sources import parse_source, read_source


def load_schema(config: Config, state_dir: Path | None = None) -> tuple[GraphQLSchema, str]:
    """Return the validated schema and its text (the text is hashed for the manifest)."""
    if state_dir is None:
        return _build(config)
    from gio_codegen.load import cache

    shown = config.rel(config.schema)
    try:
        text = config.schema.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return _build(config)  # reports the unreadable file
    cached = cache.load(state_dir, cache.cache_key(text, shown))
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], GraphQLSchema) and cached[1] == text:
        return cached  # type: ignore[return-value]
    schema, built_text = _build(config)
    # Keyed by the text actually built (the file may have changed since it was read above).
    cache.store_in_background(state_dir, cache.cache_key(built_text, shown), (schema, built_text))
    return schema, built_text


def _build(config: Config) -> tuple[GraphQLSchema, str]:
    source = read_source(config.schema, config.rel(config.schema))
    return build_validated_schema(source), source.body


def build_validated_schema(source: Source) -> GraphQLSchema:
    """SDL → schema, with every problem as a located diagnostic (used by `diff` too)."""
    if not source.body.strip():
        raise UserError.at(source.name, "schema is empty", code="schema")
    document = parse_source(source)
    sdl_errors = validate_sdl(document)
    if sdl_errors:
        raise UserError([from_graphql_error(e, "schema") for e in sdl_errors])
    try:
        schema = build_ast_schema(document, assume_valid_sdl=True)
    except (TypeError, RecursionError) as error:
        raise UserError.at(source.name, f"invalid schema: {error}", code="schema") from None
    schema_errors = validate_schema(schema)
    if schema_errors:
        raise UserError([from_graphql_error(e, "schema") for e in schema_errors])
    return schema
