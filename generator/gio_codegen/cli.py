"""The `gio-codegen` command. Verbs are pipeline stages; imports stay lazy for fast start-up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from gio_codegen import __version__

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["human", "json", "github"]), default="human", show_default=True,
    help="How to print diagnostics.",
)


def _run(fmt: str, action: Any) -> None:
    """Run a verb; user errors become diagnostics and exit 1, never a traceback."""
    from gio_codegen.diagnostics import render, summary
    from gio_codegen.errors import UserError

    try:
        code = action()
    except UserError as error:
        if fmt == "json":
            click.echo(render(error.diagnostics, "json"))
        else:
            click.echo(render(error.diagnostics, fmt), err=True)
            click.echo(f"failed: {summary(error.diagnostics)}", err=True)
        sys.exit(1)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gio-codegen")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="pyproject.toml with [tool.gio-codegen] (default: nearest one upwards).")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """Schema-first generator of typed GraphQL clients."""
    ctx.obj = config_path


@main.command()
@click.option("--force", is_flag=True, help="Regenerate even when inputs are unchanged.")
@click.option("--version", "version", default=None, help="Client version to write (default: keep).")
@FORMAT
@click.pass_obj
def generate(config_path: Path | None, force: bool, version: str | None, fmt: str) -> None:
    """Validate operations and write the client package into the output directory."""
    from gio_codegen.commands.generate import run_generate

    _run(fmt, lambda: run_generate(config_path, force=force, version=version, fmt=fmt))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
@click.pass_obj
def validate(config_path: Path | None, files: tuple[Path, ...], fmt: str) -> None:
    """Check the schema and operations (all, or FILES) without writing anything."""
    from gio_codegen.commands.validate import run_validate

    _run(fmt, lambda: run_validate(config_path, list(files), fmt=fmt))


@main.command()
@FORMAT
@click.option("--no-diff", is_flag=True, help="List files only, without diffs.")
@click.pass_obj
def check(config_path: Path | None, fmt: str, no_diff: bool) -> None:
    """Exit 1 if the output directory differs from what `generate` would write."""
    from gio_codegen.commands.check import run_check

    _run(fmt, lambda: run_check(config_path, fmt=fmt, diffs=not no_diff))
