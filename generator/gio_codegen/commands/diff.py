"""`gio-codegen diff OLD NEW`: schema changes judged by the operations that use them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gio_codegen.errors import UserError
from gio_codegen.load.config import Config, load_config

if TYPE_CHECKING:
    from gio_codegen.diff.report import DiffResult


def run_diff(
    config_path: Path | None, old: str, new: str, *, queries: Path | None = None, fmt: str = "text",
    fail_on: str = "broken", headers: list[str] | None = None,
) -> int:
    from gio_codegen.diff.report import render

    result = compute_diff(config_path, old, new, queries=queries, headers=headers)
    click.echo(render(result, fmt, colour=fmt == "text" and sys.stdout.isatty()))
    return 1 if result.fails(fail_on) else 0


def compute_diff(
    config_path: Path | None, old: str, new: str, *, queries: Path | None = None, headers: list[str] | None = None,
) -> DiffResult:
    from gio_codegen.diff.changes import diff_schemas
    from gio_codegen.diff.report import DiffResult, semver_bump
    from gio_codegen.diff.sources import load_schema_spec
    from gio_codegen.diff.usage import judge_operations
    from gio_codegen.load.operations import load_operation_files
    from gio_codegen.load.scalars import attach_scalar_parsers
    from gio_codegen.load.project import ProjectContext

    config = _config(config_path, queries)
    old_schema = load_schema_spec(old, headers, Path.cwd())
    new_schema = load_schema_spec(new, headers, Path.cwd())
    attach_scalar_parsers(new_schema.type_map, config)
    changes = diff_schemas(old_schema, new_schema)
    context = ProjectContext(config, new_schema, "", load_operation_files(config))
    operations, usage = judge_operations(context, old_schema, new_schema, changes)
    roots = {t.name for t in (new_schema.query_type, new_schema.mutation_type, new_schema.subscription_type) if t}
    return DiffResult(old, new, changes, operations, semver_bump(changes, operations, usage, roots))


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
