"""Build and *validate* the schema (ariadne-codegen builds with assume_valid=True).

With a state directory, a schema that passed validation is cached there (`cache.py`)
together with its index (`schema_index.py`). While the schema text is unchanged, a run
gets a slice of it cut for the operations (`slice.py`) without loading the rest; failing
that, the cached schema is unpickled instead of parsed, built and validated again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graphql import DocumentNode, GraphQLError, GraphQLSchema, Source, build_ast_schema, validate_schema
from graphql.validation.validate import validate_sdl

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config
from gio_codegen.regular_files import read_regular
from gio_codegen.load.operations import OperationFile
from gio_codegen.load.schema_index import SchemaFacts, SchemaIndex, schema_facts, slice_spans
from gio_codegen.load.sources import parse_source, read_source

# Below this many characters a schema pickles in a few milliseconds: cheaper than a fork.
_SMALL_SCHEMA = 100_000
# Set (to anything) to never slice: tests compare sliced runs against full ones with it.
NO_SLICE_ENV = "GIO_CODEGEN_NO_SLICE"


@dataclass(frozen=True)
class LoadedSchema:
    schema: GraphQLSchema
    text: str  # the whole schema's text (hashed for the manifest)
    facts: SchemaFacts
    # True when `schema` holds only what the operations use; see slice.py for what that allows.
    sliced: bool = False
    key: str | None = None  # the cache key (None without a state directory)


def load_schema(config: Config, state_dir: Path | None = None, files: list[OperationFile] | None = None) -> LoadedSchema:
    """The validated schema; sliced for `files` when they are given and the cache allows it."""
    if state_dir is None:
        return _built(config)
    from gio_codegen.load import cache

    shown = config.rel(config.schema)
    try:
        text = read_regular(config.schema).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return _built(config)  # reports the unreadable file
    key = cache.cache_key(text, shown)
    if files is not None and not os.environ.get(NO_SLICE_ENV):
        index = cache.load(state_dir, key, "index")
        if isinstance(index, SchemaIndex) and index.spans is not None:
            from gio_codegen.load.slice import build_slice

            try:
                return LoadedSchema(build_slice(index.spans, shown, files, state_dir, key), text, index.facts, True, key)
            except (GraphQLError, TypeError, KeyError, RecursionError):
                pass  # not expected from a valid schema's index; the full schema always works
    cached = cache.load(state_dir, key)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], GraphQLSchema) and cached[1] == text:
        return LoadedSchema(cached[0], text, schema_facts(cached[0]), key=key)
    source = read_source(config.schema, shown)
    document = _parse(source)
    schema = _build(document, source)
    facts = schema_facts(schema)
    # Keyed by the text actually built (the file may have changed since it was read above).
    key = cache.cache_key(source.body, shown)
    cache.store_in_background(
        state_dir,
        lambda: {"index": (key, SchemaIndex(facts, slice_spans(schema, document))), "schema": (key, (schema, source.body))},
        small=len(source.body) < _SMALL_SCHEMA,
    )
    return LoadedSchema(schema, source.body, facts, key=key)


def _built(config: Config) -> LoadedSchema:
    source = read_source(config.schema, config.rel(config.schema))
    schema = build_validated_schema(source)
    return LoadedSchema(schema, source.body, schema_facts(schema))


def build_validated_schema(source: Source) -> GraphQLSchema:
    """SDL → schema, with every problem as a located diagnostic (used by `diff` too)."""
    return _build(_parse(source), source)


def _parse(source: Source) -> DocumentNode:
    if not source.body.strip():
        raise UserError.at(source.name, "schema is empty", code="schema")
    return parse_source(source)


def _build(document: DocumentNode, source: Source) -> GraphQLSchema:
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
