"""What a validation rule may look at."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode

from gio_codegen.load.config import Config
from gio_codegen.load.operations import OperationFile


@dataclass
class ProjectContext:
    config: Config
    schema: GraphQLSchema
    schema_text: str
    files: list[OperationFile]
    # `validate FILES…` checks a subset; project-wide rules (coverage) then stay quiet.
    whole_project: bool = True

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
