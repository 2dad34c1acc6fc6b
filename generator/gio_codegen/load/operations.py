"""Operation files: one `Source` per file, fragments shared across files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, Source

from gio_codegen.errors import UserError
from gio_codegen.load.config import Config
from gio_codegen.load.files import find_operation_files
from gio_codegen.load.sources import parse_source, read_source


@dataclass(frozen=True)
class OperationFile:
    path: Path
    source: Source
    document: DocumentNode

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def operations(self) -> list[OperationDefinitionNode]:
        return [d for d in self.document.definitions if isinstance(d, OperationDefinitionNode)]

    @property
    def fragments(self) -> list[FragmentDefinitionNode]:
        return [d for d in self.document.definitions if isinstance(d, FragmentDefinitionNode)]


def load_operation_files(config: Config, paths: list[Path] | None = None) -> list[OperationFile]:
    """Parse every file; all syntax errors are collected before reporting."""
    files = []
    errors = []
    for path in paths if paths is not None else find_operation_files(config):
        try:
            source = read_source(path, config.rel(path))
            files.append(OperationFile(path, source, parse_source(source)))
        except UserError as error:
            errors.extend(error.diagnostics)
    if errors:
        raise UserError(errors)
    return files
