"""`gio-codegen publish`: upload the built client with twine, never over an existing version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from gio_codegen.errors import UserError
from gio_codegen.load.config import load_config
from gio_codegen.publish.build import file_sha256
from gio_codegen.publish.index import existing_files, index_url_for, normalize, parse_filename, versions_of
from gio_codegen.write.manifest import read_manifest


def run_publish(
    config_path: Path | None, repository_url: str, *, index_url: str | None = None, dist: Path | None = None,
    dry_run: bool = False,
) -> int:
    config = load_config(config_path)
    manifest = read_manifest(config.output)
    if manifest is None:
        raise UserError.at(config.rel(config.output), "no generated client here: run `gio-codegen generate` first", code="publish")
    version = manifest.client_version
    dist = (dist if dist is not None else config.root / "dist").resolve()
    artifacts = _artifacts(dist, config.distribution, version)
    if not artifacts:
        raise UserError.at(
            config.rel(dist), f"no wheel or sdist of {config.distribution} {version}: run `gio-codegen build` first",
            code="publish",
        )
    index = index_url or index_url_for(repository_url)
    known = versions_of(existing_files(index, config.distribution), config.distribution)
    if version in known:
        raise UserError.at(
            index,
            f"{config.distribution} {version} is already on this index; an index never takes a version twice. "
            "Change the schema or queries and regenerate, or pass `gio-codegen generate --version X.Y.Z`, then build again",
            code="publish",
        )
    verb = "would upload" if dry_run else "uploading"
    click.echo(f"{verb} {config.distribution} {version} to {repository_url} (not yet on {index}):")
    for path in artifacts:
        click.echo(f"  {config.rel(path)}  {path.stat().st_size} bytes  sha256:{file_sha256(path)}")
    _twine(["check", "--strict", *map(str, artifacts)])
    if dry_run:
        return 0
    upload = ["upload", "--repository-url", repository_url, "--disable-progress-bar"]
    if not sys.stdin.isatty():
        upload.append("--non-interactive")  # credentials from TWINE_USERNAME/TWINE_PASSWORD or keyring
    _twine([*upload, *map(str, artifacts)])
    click.echo(f"published {config.distribution} {version}")
    return 0


def _artifacts(dist: Path, distribution: str, version: str) -> list[Path]:
    """This version's wheels, then its sdist (the order twine uploads them in)."""
    if not dist.is_dir():
        return []
    found = [p for p in sorted(dist.iterdir()) if p.is_file() and parse_filename(p.name) == (normalize(distribution), version)]
    return sorted(found, key=lambda p: (not p.name.endswith(".whl"), p.name))


def _twine(args: list[str]) -> None:
    try:
        import twine  # noqa: F401
    except ImportError:
        raise UserError.at("twine", "the 'twine' package is not installed: pip install twine", code="publish") from None
    interactive = args[0] == "upload" and "--non-interactive" not in args
    result = subprocess.run(
        [sys.executable, "-m", "twine", *args], check=False, text=True,
        capture_output=not interactive,
    )
    if result.returncode != 0:
        output = "" if interactive else "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise UserError.at("twine", f"twine {args[0]} failed (exit {result.returncode})" + (f":\n{output}" if output else ""),
                           code="publish")
