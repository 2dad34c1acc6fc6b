"""`gio-codegen validate [FILES…]`: the checks `generate` runs, without writing anything."""

from __future__ import annotations

from pathlib import Path

import click

from gio_codegen.diagnostics import render, summary
from gio_codegen.load.config import load_config
from gio_codegen.pipeline import load_and_validate


def run_validate(config_path: Path | None, files: list[Path], *, fmt: str = "human") -> int:
    config = load_config(config_path)
    _context, diagnostics = load_and_validate(config, files or None)
    if fmt == "json":
        click.echo(render(diagnostics, "json"))
    else:
        if diagnostics:
            click.echo(render(diagnostics, fmt), err=True)
        click.echo(f"ok: {summary(diagnostics)}", err=fmt == "github")
    return 0
