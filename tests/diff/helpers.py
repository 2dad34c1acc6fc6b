"""Pure (in-process, no rendering) judging of SDL pairs with inline operations."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, Source, parse

from gio_codegen.diff.judge import DiffResult, judge
from gio_codegen.diff.policy import Policy
from gio_codegen.diff.sources import schema_from_text
from gio_codegen.load.config import Config
from gio_codegen.load.operations import OperationFile
from gio_codegen.load.project import ProjectContext

ROOT = Path("/nonexistent-project")
CONFIG = Config(root=ROOT, config_file=ROOT / "pyproject.toml", schema=ROOT / "schema.graphql",
                queries=ROOT / "queries", output=ROOT / "generated")


def operation_files(operations: dict[str, str]) -> list[OperationFile]:
    files = []
    for name, text in operations.items():
        source = Source(text, f"queries/{name}.graphql")
        files.append(OperationFile(ROOT / "queries" / f"{name}.graphql", source, parse(source)))
    return files


def schema(sdl: str, name: str = "schema.graphql") -> GraphQLSchema:
    return schema_from_text(sdl, name)


def judged(old_sdl: str, new_sdl: str, operations: dict[str, str], policy: Policy | None = None) -> DiffResult:
    old, new = schema(old_sdl, "old.graphql"), schema(new_sdl, "new.graphql")
    context = ProjectContext(CONFIG, new, new_sdl, operation_files(operations))
    return judge(context, old, new, policy or Policy(), old_name="old.graphql", new_name="new.graphql")


def statuses(result: DiffResult) -> dict[str, str]:
    """The operations that are not unaffected."""
    return {o.name: o.status for o in result.operations if o.status != "unaffected"}


def records(result: DiffResult) -> list[tuple[str, str, str, str | None, str | None]]:
    return sorted((c.kind, c.coordinate, c.criticality, c.old, c.new) for c in result.changes)
