"""`gio-codegen check`: regenerate in memory and compare byte for byte with generated/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from gio_codegen.diagnostics import render
from gio_codegen.load.config import load_config
from gio_codegen.pipeline import client_version, load_and_validate, read_inputs, rendered_tree
from gio_codegen.write.tree import TreeDiff, compare, snapshot, unified


def run_check(
    config_path: Path | None,
    *,
    fmt: str = "human",
    diffs: bool = True,
    schema_against: str | None = None,
    headers: list[str] | None = None,
    fail_on: str = "client",
) -> int:
    """Stale generated code, then (optionally) drift of schema.graphql against a server or revision."""
    report, stale = _check_generated(config_path, fmt, diffs)
    if schema_against is None:
        click.echo(json.dumps(report, indent=2) if fmt == "json" else report)
        return stale
    from gio_codegen.commands.diff import compute_diff, configured_schema
    from gio_codegen.diff.report import render as render_diff

    config = load_config(config_path)
    result = compute_diff(config, configured_schema(config), schema_against, headers=headers)
    drift = 1 if result.fails(fail_on) else 0
    if fmt == "json":  # one JSON document: {"generated": …, "schema": <the diff JSON shape>}
        click.echo(json.dumps({"generated": report, "schema": result.to_json()}, ensure_ascii=False, indent=2))
    elif fmt == "github":  # annotations for the stale files, then for the schema drift
        click.echo(f"{report}\n{render_diff(result, 'github', fail_on=fail_on)}")
    else:
        click.echo(f"{report}\n\nschema drift: {render_diff(result, 'text')}")
    return max(stale, drift)


def _check_generated(config_path: Path | None, fmt: str, diffs: bool) -> tuple[Any, int]:
    inputs = read_inputs(config_path)
    config = inputs.config
    context, diagnostics = load_and_validate(config)
    if diagnostics and fmt != "json":
        click.echo(render(diagnostics, fmt), err=True)
    with rendered_tree(context, inputs, client_version(config), for_swap=False) as tree:
        expected = snapshot(tree)
    actual = snapshot(config.output)
    diff = compare(expected, actual)
    prefix = config.rel(config.output)
    return _report(diff, prefix, fmt, expected, actual, diffs), 0 if diff.clean else 1


def _report(diff: TreeDiff, prefix: str, fmt: str, expected: dict[str, bytes], actual: dict[str, bytes], diffs: bool) -> Any:
    entries = [("stale", n) for n in diff.stale] + [("missing", n) for n in diff.missing] + [("leftover", n) for n in diff.leftover]
    if fmt == "json":
        return (
            {"clean": diff.clean, "stale": [f"{prefix}/{n}" for n in diff.stale],
             "missing": [f"{prefix}/{n}" for n in diff.missing], "leftover": [f"{prefix}/{n}" for n in diff.leftover]}
        )
    if diff.clean:
        return f"{prefix}/ is up to date ({len(diff.unchanged)} files)"
    if fmt == "github":
        return "\n".join(_annotation(kind, f"{prefix}/{name}", expected, actual, name, diffs) for kind, name in entries)
    lines = [f"{prefix}/ is out of date; run `gio-codegen generate`:"]
    lines += [f"  {kind:<8} {prefix}/{name}" for kind, name in entries]
    if diffs:
        for name in diff.stale:
            lines.append(unified(f"{prefix}/{name}", expected[name], actual[name]).rstrip("\n"))
    return "\n".join(lines)


def _annotation(kind: str, shown: str, expected: dict[str, bytes], actual: dict[str, bytes], name: str, diffs: bool) -> str:
    """A GitHub Actions annotation; a stale file carries its diff (newlines escaped as %0A)."""
    message = f"{kind} generated file; run `gio-codegen generate` and commit"
    if kind == "stale" and diffs:
        patch = unified(shown, expected[name], actual[name], limit=20)
        message += "\n" + patch
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={shown},title=gio-codegen check::{escaped}"
