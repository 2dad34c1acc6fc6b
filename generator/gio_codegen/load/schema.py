"""Build and *validate* the schema (ariadne-codegen builds with assume_valid=True)."""

from __future__ import annotations

from graphql import GraphQLSchema, build_ast_schema, validate_schema
from graphql.validation.validate import validate_sdl

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config
from gio_codegen.load.sources import parse_source, read_source


def load_schema(config: Config) -> tuple[GraphQLSchema, str]:
    """Return the validated schema and its text (the text is hashed for the manifest)."""
    source = read_source(config.schema, config.rel(config.schema))
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
    return schema, source.body
