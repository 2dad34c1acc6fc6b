"""load → validate → generate → write, as functions the CLI verbs compose."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config, load_config
from gio_codegen.write.manifest import MANIFEST_NAME, Manifest, input_fingerprint, read_manifest, sha256

STATE_DIR = ".gio-codegen"


@dataclass(frozen=True)
class Inputs:
    """The raw bytes every output depends on, hashed before anything is parsed."""

    config: Config
    hashes: dict[str, str]

    @property
    def fingerprint(self) -> str:
        return input_fingerprint(self.hashes)


def read_inputs(config_path: Path | None) -> Inputs:
    config = load_config(config_path)
    from gio_codegen.load.files import find_operation_files

    hashes = {"[tool.gio-codegen]": sha256(repr(sorted(config.raw.items())).encode())}
    for path in [config.schema, *find_operation_files(config)]:
        try:
            hashes[config.rel(path)] = sha256(path.read_bytes())
        except OSError:
            hashes[config.rel(path)] = "unreadable"
    return Inputs(config, hashes)


def load_and_validate(config: Config, files: list[Path] | None = None) -> tuple[object, list[Diagnostic]]:
    """Parse and check everything; raise `UserError` if any diagnostic is an error."""
    from gio_codegen.load.operations import load_operation_files
    from gio_codegen.load.scalars import attach_scalar_parsers
    from gio_codegen.load.schema import load_schema
    from gio_codegen.validate import validate_project
    from gio_codegen.validate.context import ProjectContext

    schema, schema_text = load_schema(config)
    attach_scalar_parsers(schema.type_map, config)
    operation_files = load_operation_files(config, _selected_paths(config, files))
    if files is not None:
        # Other files take part only as a pool of fragments.
        selected = {p.resolve() for p in files}
        operation_files = [f for f in operation_files if f.path.resolve() in selected or not f.operations]
    context = ProjectContext(config, schema, schema_text, operation_files, whole_project=files is None)
    diagnostics = validate_project(context)
    if files is not None:
        shown = {config.rel(p) for p in files}
        diagnostics = [d for d in diagnostics if d.file in shown]
    if any(d.is_error for d in diagnostics):
        raise UserError(diagnostics)
    return context, diagnostics


def _selected_paths(config: Config, files: list[Path] | None) -> list[Path]:
    from gio_codegen.load.files import find_operation_files

    paths = find_operation_files(config)
    known = {p.resolve() for p in paths}
    return paths + [p for p in files or [] if p.resolve() not in known]


def client_version(config: Config, override: str | None = None) -> str:
    if override:
        return override
    manifest = read_manifest(config.output)
    return manifest.client_version if manifest else config.version


@contextmanager
def rendered_tree(context: object, inputs: Inputs, version: str) -> Iterator[Path]:
    """Render the whole output into a temporary directory beside the real one."""
    from gio_codegen.generate import RenderInputs, render_tree

    config = inputs.config
    config.output.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{config.output.name}.gio-codegen-new-", dir=config.output.parent))
    try:
        render_tree(RenderInputs(context, version), temp)  # type: ignore[arg-type]
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


__all__ = ["Inputs", "UserError", "client_version", "load_and_validate", "read_inputs", "rendered_tree", "state_dir"]
