"""`gio-codegen introspect URL`: a live endpoint's schema as stable, diffable SDL.

Types and fields are sorted so two introspections of the same server print
byte-identical files; descriptions and `@specifiedBy` of custom scalars are kept.
"""

from __future__ import annotations

from pathlib import Path

import click

from gio_codegen.errors import UserError
from gio_codegen.fs import atomic_write


def run_introspect(url: str, output: Path | None, headers: list[str]) -> int:
    from graphql import build_client_schema, lexicographic_sort_schema, print_schema

    from gio_codegen.diff.sources import fetch_introspection

    data = fetch_introspection(url, headers)
    try:
        schema = build_client_schema(data)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise UserError.at(url, f"invalid introspection result: {error}", code="schema") from None
    text = print_schema(lexicographic_sort_schema(schema)) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return 0
    atomic_write(output, text.encode("utf-8"))
    click.echo(f"wrote {output} ({len(schema.type_map)} types)", err=True)
    return 0
