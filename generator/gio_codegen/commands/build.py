"""`gio-codegen build`: the generated client as a wheel and an sdist, reproducibly (docs/publishing.md)."""

from __future__ import annotations

from pathlib import Path

import click

from gio_codegen.errors import UserError
from gio_codegen.pipeline import read_inputs
from gio_codegen.publish.build import build_distribution, file_sha256
from gio_codegen.write.manifest import read_manifest, tree_matches


def run_build(config_path: Path | None, out: Path | None = None) -> int:
    inputs = read_inputs(config_path)
    config = inputs.config
    shown = config.rel(config.output)
    manifest = read_manifest(config.output)
    if manifest is None:
        raise UserError.at(shown, "no generated client here: run `gio-codegen generate` first", code="build")
    if not tree_matches(config.output, manifest):
        raise UserError.at(
            shown, "files differ from the manifest (edited by hand?): run `gio-codegen generate` first", code="build"
        )
    if inputs.hashes != manifest.inputs:
        changed = sorted(k for k in set(inputs.hashes) | set(manifest.inputs) if inputs.hashes.get(k) != manifest.inputs.get(k))
        raise UserError.at(
            shown, f"stale: {', '.join(changed)} changed since it was generated: run `gio-codegen generate` first",
            code="build",
        )
    dist = (out if out is not None else config.root / "dist").resolve()
    artifacts = build_distribution(config.output, sorted(manifest.files), dist)
    click.echo(f"built {config.distribution} {manifest.client_version}:")
    for path in artifacts:
        click.echo(f"  {config.rel(path)}  sha256:{file_sha256(path)}")
    return 0
