"""load → validate → generate → write, as typed functions the CLI verbs compose."""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.errors import UserError
from gio_codegen.fingerprint import CONFIG_INPUT, MANIFEST_NAME, STATE_DIR, config_digest, project_fingerprint, sha256
from gio_codegen.fs import read_regular
from gio_codegen.load.config import Config, load_config
from gio_codegen.load.files import find_operation_files
from gio_codegen.load.project import ProjectContext
from gio_codegen.write.manifest import Manifest, read_manifest


@dataclass(frozen=True)
class Inputs:
    """The raw bytes every output depends on, hashed before anything is parsed."""

    config: Config
    hashes: dict[str, str]

    @property
    def fingerprint(self) -> str:
        return project_fingerprint(self.hashes)


def read_inputs(config_path: Path | None) -> Inputs:
    config = load_config(config_path)
    _stamp_config(config)
    hashes = {CONFIG_INPUT: config_digest(config.raw)}
    for path in [config.schema, *find_operation_files(config)]:
        try:
            hashes[config.rel(path)] = sha256(read_regular(path))
        except OSError:
            hashes[config.rel(path)] = "unreadable"  # loading reports it
    return Inputs(config, hashes)


def _stamp_config(config: Config) -> None:
    """Let `fastpath` skip parsing this pyproject.toml, if its bytes did not change while it was read."""
    from gio_codegen.fastpath import write_stamp

    try:
        before = config.config_file.read_bytes()
        again = load_config(config.config_file)
        if again == config and again.raw == config.raw and config.config_file.read_bytes() == before:
            write_stamp(config, before)
    except (OSError, UserError):
        pass


@contextmanager
def paused_gc(*, fresh: bool = False) -> Iterator[None]:
    """No garbage collection while the schema's object graph is built and walked; freeze after.

    A schema is hundreds of thousands of long-lived objects: every collection while it
    grows re-scans them all (about half of a run on GitHub's schema), and a collection
    after it would scan them once more. So collection is off during the stages, and
    what they leave alive is frozen (moved out of the collector's reach). `fresh` (at
    the start of a run) first gives a previous run's frozen objects back to the
    collector, so a long-lived process (`watch`, tests) does not keep them forever.
    """
    if fresh and gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_project(config: Config, files: list[Path] | None = None) -> ProjectContext:
    """Schema and operations, parsed and built, not yet validated (`check`).

    `files` (`validate FILES…`): only those are judged; the others take part as a pool
    of fragments."""
    from gio_codegen.load.operations import load_operation_files
    from gio_codegen.load.scalars import attach_scalar_parsers
    from gio_codegen.load.schema import load_schema

    try:
        operation_files = load_operation_files(config, _selected_paths(config, files))
    except UserError:
        load_schema(config, state_dir(config))  # schema errors win
        raise
    if files is not None:
        selected = {p.resolve() for p in files}
        operation_files = [f for f in operation_files if f.path.resolve() in selected or not f.operations]
    loaded = load_schema(config, state_dir(config))
    attach_scalar_parsers(loaded.schema.type_map, config)
    return ProjectContext(config, loaded.schema, loaded.text, operation_files, selected=files, schema_key=loaded.key)


def check(context: ProjectContext) -> list[Diagnostic]:
    """Every validation rule over the project (only the selected files' diagnostics)."""
    from gio_codegen.validate import validate_project

    diagnostics = validate_project(context)
    if context.selected is not None:
        shown = {context.config.rel(p) for p in context.selected}
        diagnostics = [d for d in diagnostics if d.file in shown]
    return diagnostics


def validated(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`check`'s diagnostics (warnings), or `UserError` when there are errors."""
    if any(d.is_error for d in diagnostics):
        raise UserError(diagnostics)
    return diagnostics


def load_and_validate(config: Config, files: list[Path] | None = None) -> tuple[ProjectContext, list[Diagnostic]]:
    """Parse and check everything; raise `UserError` if any diagnostic is an error."""
    with paused_gc(fresh=True):
        context = load_project(config, files)
        return context, validated(check(context))


def _selected_paths(config: Config, files: list[Path] | None) -> list[Path]:
    paths = find_operation_files(config)
    known = {p.resolve() for p in paths}
    return paths + [p for p in files or [] if p.resolve() not in known]


def client_version(config: Config, override: str | None = None) -> str:
    if override:
        return override
    manifest = read_manifest(config.output)
    return manifest.client_version if manifest else config.version


@contextmanager
def rendered_tree(context: ProjectContext, inputs: Inputs, version: str, *, for_swap: bool = True) -> Iterator[Path]:
    """Render the whole output into a temporary directory: beside the real one when it will
    be swapped in (same filesystem), in the system temp dir when it is only compared (`check`)."""
    from gio_codegen.generate.tree import RenderInputs, render_tree
    from gio_codegen.write.swap import new_tree_prefix

    config = inputs.config
    if for_swap:
        config.output.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=new_tree_prefix(config.output), dir=config.output.parent))
    else:
        temp = Path(tempfile.mkdtemp(prefix="gio-codegen-check-"))
    try:
        with paused_gc():
            render_tree(RenderInputs(context, version, state_dir(config)), temp)
        write_manifest(temp, inputs, version)
        yield temp
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def write_manifest(tree: Path, inputs: Inputs, version: str) -> None:
    files = {
        path.relative_to(tree).as_posix(): sha256(path.read_bytes())
        for path in sorted(tree.rglob("*"))
        if path.is_file() and path.name != MANIFEST_NAME
    }
    manifest = Manifest(inputs=inputs.hashes, files=files, client_version=version)
    (tree / MANIFEST_NAME).write_bytes(manifest.to_bytes())


def state_dir(config: Config) -> Path:
    return config.root / STATE_DIR
