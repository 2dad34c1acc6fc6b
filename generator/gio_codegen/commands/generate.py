"""`gio-codegen generate`: validate, render, swap into place; nothing to do when inputs are unchanged."""

from __future__ import annotations

import time
from pathlib import Path

from gio_codegen.console import echo
from gio_codegen.diagnostics import render
from gio_codegen.load.config import Config
from gio_codegen.load.project import ProjectContext
from gio_codegen.pipeline import (
    Inputs,
    check,
    client_version,
    load_project,
    paused_gc,
    read_inputs,
    rendered_tree,
    state_dir,
    validated,
)
from gio_codegen.write.lock import project_lock
from gio_codegen.write.manifest import Manifest, last_run_fingerprint, read_manifest, record_run, tree_matches
from gio_codegen.write.ownership import carry_over, check_owned, foreign_files
from gio_codegen.write.swap import recover, reuse_unchanged, swap_into_place
from gio_codegen.write.tree import snapshot


def run_generate(config_path: Path | None, *, force: bool = False, version: str | None = None, fmt: str = "human") -> int:
    started = time.perf_counter()
    inputs = read_inputs(config_path)
    config = inputs.config
    shown = config.rel(config.output)
    with project_lock(state_dir(config)):
        recover(config.output)
        manifest = read_manifest(config.output)
        check_owned(config, manifest)
        if (
            not force
            and version is None
            and manifest is not None
            and last_run_fingerprint(state_dir(config)) == inputs.fingerprint
            and tree_matches(config.output, manifest)
        ):
            echo(f"{shown}/ is up to date ({time.perf_counter() - started:.2f}s)")
            return 0
        with paused_gc(fresh=True):
            context = load_project(config)
            diagnostics = validated(check(context))
        if diagnostics:
            echo(render(diagnostics, fmt), err=True)
        counts, version_note = _render_and_swap(context, inputs, manifest, version, force)
        record_run(state_dir(config), inputs.fingerprint)
    if version_note:
        echo(version_note)
    changed, unchanged, removed = counts
    echo(
        f"wrote {shown}/: {changed} changed, {unchanged} unchanged, {removed} removed "
        f"({time.perf_counter() - started:.2f}s)"
    )
    return 0


def _render_and_swap(
    context: ProjectContext, inputs: Inputs, manifest: Manifest | None, version: str | None, force: bool
) -> tuple[tuple[int, int, int], str]:
    """Render and swap in: (changed, unchanged, removed) files, and the version note."""
    config = inputs.config
    new_version, version_note = _version(context, config, manifest, version)
    with rendered_tree(context, inputs, new_version) as tree:
        foreign = foreign_files(config.output, manifest)
        kept = [] if force else carry_over(foreign, config.output, tree)
        before = set(snapshot(config.output))
        after = set(snapshot(tree))
        changed, unchanged = reuse_unchanged(tree, config.output)
        swap_into_place(tree, config.output)
        _report_foreign(config, kept, foreign if force else [])
    return (changed, unchanged, len(before - after)), version_note


def _report_foreign(config: Config, kept: list[Path], removed: list[Path]) -> None:
    shown = config.rel(config.output)
    for relative in kept:
        echo(f"warning: {shown}/{relative.as_posix()} was not written by gio-codegen; kept (--force deletes it)", err=True)
    if removed:
        echo(f"removed {len(removed)} file(s) under {shown}/ not written by gio-codegen (--force)", err=True)


def _version(
    context: ProjectContext, config: Config, manifest: Manifest | None, override: str | None
) -> tuple[str, str]:
    """`--version`, else the manifest's version bumped by the schema diff since the last generation;
    with a line to print once the new tree is in place."""
    if override or manifest is None:
        return client_version(config, override), ""
    from gio_codegen.generate.tree import SHIPPED_SCHEMA
    from gio_codegen.publish.version import next_version

    bump = next_version(context, manifest.client_version, config.output / config.package / SHIPPED_SCHEMA)
    if bump.warning:
        echo(f"warning: {bump.warning}", err=True)
    if bump.new == bump.old:
        return bump.new, ""
    return bump.new, f"client version {bump.old} → {bump.new} ({bump.reason}: {bump.level} change; docs/publishing.md)"
