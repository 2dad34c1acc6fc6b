"""Finding input files without importing graphql-core: the no-op `generate` path stays light."""

from __future__ import annotations

from pathlib import Path

from gio_codegen.errors import UserError
from gio_codegen.load.config import Config


def find_operation_files(config: Config) -> list[Path]:
    if not config.queries.exists():
        raise UserError.at(config.rel(config.queries), "queries directory not found", code="io")
    if config.queries.is_file():
        return [config.queries]
    return sorted(config.queries.rglob("*.graphql"))
