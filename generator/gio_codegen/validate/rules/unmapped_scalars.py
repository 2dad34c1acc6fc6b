"""Custom scalars without a mapping fall back to JSON values (`Upload`: to uploads); say so once."""

from __future__ import annotations

from collections.abc import Iterator

from gio_codegen.diagnostics import Diagnostic, at_offset
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for name, offset in context.schema_facts.custom_scalars:
        if name not in context.config.scalars and offset is not None:
            yield at_offset(
                context.schema_text,
                context.schema_file,
                offset,
                f"custom scalar {name!r} has no mapping in [tool.gio-codegen.scalars]; "
                f"it is typed as {context.config.scalar_kind(name)!r}",
                "UnmappedScalar",
                "warning",
            )
