"""The loaded project: what every later stage (validate, generate, diff) reads.

Built by `pipeline.load_project`; immutable once built (the cached properties are
derived views), so no stage can change what another sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode

from gio_codegen.load.config import Config
from gio_codegen.load.operations import OperationFile
from gio_codegen.load.schema_facts import SchemaFacts, schema_facts


@dataclass(frozen=True)
class ProjectContext:
    config: Config
    schema: GraphQLSchema
    schema_text: str
    files: list[OperationFile]
    # `validate FILES…`: the files asked for (diagnostics elsewhere are dropped); None: all.
    selected: list[Path] | None = None
    schema_key: str | None = None  # the schema's `.gio-codegen/` cache key (None: not cached)

    @property
    def whole_project(self) -> bool:
        """False for `validate FILES…`: project-wide rules (coverage) then stay quiet."""
        return self.selected is None

    @cached_property
    def schema_facts(self) -> SchemaFacts:
        return schema_facts(self.schema)

    @cached_property
    def schema_file(self) -> str:
        """The schema's name in diagnostics."""
        return self.config.rel(self.config.schema)

    @cached_property
    def fragments(self) -> dict[str, FragmentDefinitionNode]:
        """Every fragment by name (the first definition wins; duplicates are reported)."""
        pool: dict[str, FragmentDefinitionNode] = {}
        for file in self.files:
            for fragment in file.fragments:
                pool.setdefault(fragment.name.value, fragment)
        return pool

    @cached_property
    def operations(self) -> list[tuple[OperationFile, OperationDefinitionNode]]:
        return [(file, op) for file in self.files for op in file.operations]
