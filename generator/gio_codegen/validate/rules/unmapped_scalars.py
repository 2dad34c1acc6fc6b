"""Custom scalars without a mapping fall back to JSON values; say so once."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLScalarType, specified_scalar_types

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.config import DEFAULT_SCALAR_KIND
from gio_codegen.validate.context import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for name, type_ in sorted(context.schema.type_map.items()):
        if not isinstance(type_, GraphQLScalarType) or name in specified_scalar_types:
            continue
        if name not in context.config.scalars and type_.ast_node is not None:
            yield at_node(
                type_.ast_node,
                f"custom scalar {name!r} has no mapping in [tool.gio-codegen.scalars]; "
                f"it is typed as {DEFAULT_SCALAR_KIND!r}",
                "UnmappedScalar",
                "warning",
            )
