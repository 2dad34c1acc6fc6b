"""`gio-codegen watch`: regenerate whenever the schema, an operation or the config changes.

Runs `generate` in-process (same code path as the verb); a bad edit prints
diagnostics and leaves the last good output in place, because `generate`
validates before it writes and swaps atomically.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import click

from gio_codegen.diagnostics import render, summary
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config, load_config
from gio_codegen.pipeline import state_dir


def run_watch(config_path: Path | None, *, debounce_ms: int = 200, max_runs: int = 0, fmt: str = "human") -> int:
    from watchfiles import watch

    config = load_config(config_path)
    config_file = config.config_file.resolve()
    _generate(config_path, fmt, "start")
    # SIGTERM (e.g. from a supervisor) stops as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    runs = 0
    try:
        for changes in watch(*_roots(config), watch_filter=_filter(config, config_file), debounce=debounce_ms,
                             raise_interrupt=True):
            names = sorted({config.rel(Path(path)) for _, path in changes})
            _generate(config_path, fmt, ", ".join(names))
            config = _reload(config_path, config)
            runs += 1
            if max_runs and runs >= max_runs:
                break
    except KeyboardInterrupt:
        click.echo("watch: stopped", err=True)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _roots(config: Config) -> list[Path]:
    """Directories to watch: the queries folder and the folders of the schema and config."""
    dirs = {config.queries if config.queries.is_dir() else config.queries.parent,
            config.schema.parent, config.config_file.parent}
    return sorted({d.resolve() for d in dirs if d.exists()})


def _filter(config: Config, config_file: Path):  # type: ignore[no-untyped-def]
    output = config.output.resolve()
    state = state_dir(config).resolve()

    def accept(_change: object, path: str) -> bool:
        resolved = Path(path).resolve()
        if resolved.is_relative_to(output) or resolved.is_relative_to(state) or resolved.name.startswith(f".{output.name}"):
            return False  # our own writes (the output swap) must not trigger a run
        if resolved in (config.schema.resolve(), config_file):
            return True
        return resolved.is_relative_to(config.queries.resolve()) and resolved.suffix == ".graphql"

    return accept


def _generate(config_path: Path | None, fmt: str, why: str) -> None:
    from gio_codegen.commands.generate import run_generate

    stamp = time.strftime("%H:%M:%S")
    click.echo(f"[{stamp}] {why}: ", nl=False)
    try:
        run_generate(config_path, fmt=fmt)
    except UserError as error:
        click.echo(f"failed: {summary(error.diagnostics)}; kept the last good output")
        click.echo(render(error.diagnostics, fmt), err=True)
    except Exception as error:  # noqa: BLE001 - a watcher must survive a generator bug
        click.echo(f"crashed: {type(error).__name__}: {error}; kept the last good output")


def _reload(config_path: Path | None, config: Config) -> Config:
    try:
        return load_config(config_path)
    except UserError:
        return config
