"""A small in-process harness for project rules, as graphql-core tests its validation rules.

    assert_errors("OneOperationPerFile", SCHEMA, {"queries/a.graphql": "query A { a } query B { a }"},
                  [{"message": "...", "locations": [(1, 15)], "file": "queries/a.graphql"}])

No files, no subprocess: the schema and documents are parsed from text into a `ProjectContext`
whose paths are virtual, and the rule's `check` runs directly (through the registry, at the
level the config gives it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphql import Source, build_schema, parse

from gio_codegen.diagnostics import line_column
from gio_codegen.load.config import Config, ScalarMapping
from gio_codegen.load.operations import OperationFile
from gio_codegen.load.project import ProjectContext
from gio_codegen.load.scalars import attach_scalar_parsers
from gio_codegen.validate.rules import BY_ID

ROOT = Path("/virtual/project")


def project(schema: str, documents: dict[str, str] | str, *, scalars: dict[str, ScalarMapping] | None = None) -> ProjectContext:
    files = {"queries/operation.graphql": documents} if isinstance(documents, str) else documents
    config = Config(
        root=ROOT, config_file=ROOT / "pyproject.toml", schema=ROOT / "schema.graphql", queries=ROOT / "queries",
        output=ROOT / "generated", scalars=scalars or {},
    )
    built = build_schema(Source(schema, "schema.graphql"))
    attach_scalar_parsers(built.type_map, config)
    operation_files = [OperationFile(ROOT / name, Source(text, name), parse(Source(text, name))) for name, text in files.items()]
    return ProjectContext(config, built, schema, operation_files)


def errors_of(rule_id: str, context: ProjectContext) -> list[dict[str, Any]]:
    found = []
    for diagnostic in BY_ID[rule_id].check(context):
        found.append({
            "message": diagnostic.message,
            "locations": [(diagnostic.line, diagnostic.column)] if diagnostic.line else [],
            "file": diagnostic.file,
            "severity": diagnostic.severity,
        })
    return sorted(found, key=lambda e: (e["file"], e["locations"]))


def assert_errors(rule_id: str, schema: str, documents: dict[str, str] | str, expected: list[dict[str, Any]],
                  **options: Any) -> None:
    """Each expected error gives `message` and `locations`; `file` and `severity` are checked when given."""
    found = errors_of(rule_id, project(schema, documents, **options))
    trimmed = [{key: error[key] for key in ("message", "locations", *[k for k in ("file", "severity") if k in want])}
               for error, want in zip(found, expected)]
    assert len(found) == len(expected) and trimmed == expected, found


def assert_valid(rule_id: str, schema: str, documents: dict[str, str] | str, **options: Any) -> None:
    assert_errors(rule_id, schema, documents, [], **options)


__all__ = ["assert_errors", "assert_valid", "errors_of", "line_column", "project"]
