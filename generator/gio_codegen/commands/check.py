"""`gio-codegen check`: regenerate in memory and compare byte for byte with generated/."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gio_codegen.diagnostics import render
from gio_codegen.pipeline import client_version, load_and_validate, read_inputs, rendered_tree
from gio_codegen.write.tree import TreeDiff, compare, snapshot, unified


def run_check(config_path: Path | None, *, fmt: str = "human", diffs: bool = True) -> int:
    inputs = read_inputs(config_path)
    config = inputs.config
    context, diagnostics = load_and_validate(config)
    if diagnostics and fmt != "json":
        click.echo(render(diagnostics, fmt), err=True)
    with rendered_tree(context, inputs, client_version(config)) as tree:
        expected = snapshot(tree)
    actual = snapshot(config.output)
    diff = compare(expected, actual)
    prefix = config.rel(config.output)
    click.echo(_report(diff, prefix, fmt, expected, actual, diffs))
    return 0 if diff.clean else 1


def _report(diff: TreeDiff, prefix: str, fmt: str, expected: dict[str, bytes], actual: dict[str, bytes], diffs: bool) -> str:
    entries = [("stale", n) for n in diff.stale] + [("missing", n) for n in diff.missing] + [("leftover", n) for n in diff.leftover]
    if fmt == "json":
        return json.dumps(
            {"clean": diff.clean, "stale": [f"{prefix}/{n}" for n in diff.stale],
             "missing": [f"{prefix}/{n}" for n in diff.missing], "leftover": [f"{prefix}/{n}" for n in diff.leftover]},
            indent=2,
        )
    if diff.clean:
        return f"{prefix}/ is up to date ({len(diff.unchanged)} files)"
    if fmt == "github":
        return "\n".join(
            f"::error file={prefix}/{name}::{kind} generated file; run `gio-codegen generate` and commit" for kind, name in entries
        )
    lines = [f"{prefix}/ is out of date; run `gio-codegen generate`:"]
    lines += [f"  {kind:<8} {prefix}/{name}" for kind, name in entries]
    if diffs:
        for name in diff.stale:
            lines.append(unified(f"{prefix}/{name}", expected[name], actual[name]).rstrip("\n"))
    return "\n".join(lines)
