"""`gio-codegen diff [OLD] [NEW] [--against SOURCE]`: schema changes judged by the operations
that use them and by the generated client's Python API (docs/versioning.md)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gio_codegen.errors import UserError
from gio_codegen.load.config import Config, load_config

if TYPE_CHECKING:
    from gio_codegen.diff.judge import DiffResult


def run_diff(
    config_path: Path | None, old: str | None, new: str | None, *, against: str | None = None,
    queries: Path | None = None, fmt: str = "text", fail_on: str = "broken", headers: list[str] | None = None,
    schema_only: bool = False,
) -> int:
    from gio_codegen.diff.report import render

    config = _config(config_path, queries)
    old_spec, new_spec = resolve_sources(config, old, new, against)
    result = compute_diff(config, old_spec, new_spec, headers=headers, schema_only=schema_only)
    click.echo(render(result, fmt, colour=fmt == "text" and sys.stdout.isatty(), fail_on=fail_on))
    return 1 if result.fails(fail_on) else 0


def resolve_sources(config: Config, old: str | None, new: str | None, against: str | None) -> tuple[str, str]:
    """`OLD NEW`; `OLD` (NEW: the configured schema); `--against OLD [NEW]`."""
    if against is not None:
        if old is not None and new is not None:
            raise UserError.at("--against", "give OLD NEW or --against OLD [NEW], not both", code="usage")
        return against, old if old is not None else configured_schema(config)
    if old is None:
        raise UserError.at("diff", "nothing to compare: give OLD [NEW] or --against SOURCE", code="usage")
    return old, new if new is not None else configured_schema(config)


def configured_schema(config: Config) -> str:
    """The project's schema as a source spec: relative to the current directory when inside it."""
    try:
        return config.schema.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(config.schema)


def compute_diff(
    config: Config, old: str, new: str, *, headers: list[str] | None = None, schema_only: bool = False,
) -> DiffResult:
    from gio_codegen.diff.judge import judge
    from gio_codegen.diff.policy import load_policy
    from gio_codegen.diff.sources import Auth, load_source
    from gio_codegen.load.operations import load_operation_files
    from gio_codegen.load.scalars import attach_scalar_parsers
    from gio_codegen.load.project import ProjectContext

    policy = load_policy(config)
    auth = Auth(config.auth.token_path or Auth.token_path, config.auth.prefix, policy.client_id, policy.scope)
    before = load_source(old, headers, Path.cwd(), auth)
    after = load_source(new, headers, Path.cwd(), auth)
    attach_scalar_parsers(after.schema.type_map, config)
    old_text, new_text = before.text, after.text
    if before.is_url or after.is_url:
        # Introspection has no layout: both sides are rendered from printed SDL, so only
        # what the schemas say (not how a file spells it) can differ in the generated client.
        from graphql import print_schema

        old_text, new_text = print_schema(before.schema) + "\n", print_schema(after.schema) + "\n"
    context = ProjectContext(config, after.schema, new_text, load_operation_files(config))
    return judge(context, before.schema, after.schema, policy, old_name=old, new_name=new,
                 old_text=old_text, new_text=new_text, render=not schema_only)


def _config(config_path: Path | None, queries: Path | None) -> Config:
    try:
        config = load_config(config_path)
    except UserError:
        if queries is None:
            raise
        root = Path.cwd()
        return Config(root=root, config_file=root / "pyproject.toml", schema=root / "schema.graphql",
                      queries=queries, output=root / "generated")
    return replace(config, queries=queries) if queries is not None else config
