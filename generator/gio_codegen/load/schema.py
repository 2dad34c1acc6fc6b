"""Build and *validate* the schema (ariadne-codegen builds with assume_valid=True).

With a state directory, a schema that passed validation is cached there (`cache.py`),
keyed by its text and name, the config and the toolchain: while the schema is unchanged, a run
unpickles it instead of parsing, building and validating it again (GitHub's schema:
~1.2 s → ~0.3 s). The entry is written the second time the same schema is built, not the
first: pickling GitHub's schema costs ~0.18 s, which a one-shot run (CI, a first `generate`)
would pay for an entry it never reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import DocumentNode, GraphQLSchema, Source, build_ast_schema, validate_schema
from graphql.validation.validate import validate_sdl

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.errors import UserError
from gio_codegen.fingerprint import config_digest, derive_key, sha256
from gio_codegen.fs import read_regular
from gio_codegen.load.config import Config
from gio_codegen.load.sources import parse_source, read_source


@dataclass(frozen=True)
class LoadedSchema:
    schema: GraphQLSchema
    text: str  # the schema's text (hashed for the manifest)
    key: str | None = None  # the cache key (None without a state directory)


def schema_key(text: str, shown: str, config: Config) -> str:
    """The schema's text and name, and the config section (so every config change is a new
    key, whether or not it reaches the schema: one rule, no list to keep in step)."""
    return derive_key("schema", config_digest(config.raw), shown, sha256(text.encode("utf-8", "surrogatepass")))


def load_schema(config: Config, state_dir: Path | None = None) -> LoadedSchema:
    """The validated schema, from the cache when its text is unchanged."""
    if state_dir is None:
        return _built(config)
    from gio_codegen.load import cache

    shown = config.rel(config.schema)
    try:
        text = read_regular(config.schema).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return _built(config)  # reports the unreadable file
    key = schema_key(text, shown, config)
    cached = cache.load(state_dir, key)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], GraphQLSchema) and cached[1] == text:
        return LoadedSchema(cached[0], text, key)
    source = read_source(config.schema, shown)
    schema = build_validated_schema(source)
    key = schema_key(source.body, shown, config)  # the text actually built (the file may have changed)
    if cache.seen_before(state_dir, key):
        cache.store(state_dir, key, (schema, source.body))
    return LoadedSchema(schema, source.body, key)


def _built(config: Config) -> LoadedSchema:
    source = read_source(config.schema, config.rel(config.schema))
    schema = build_validated_schema(source)
    return LoadedSchema(schema, source.body)


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
