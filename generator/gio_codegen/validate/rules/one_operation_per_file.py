"""A file holds one operation (or only fragments): the file *is* the API call."""

from __future__ import annotations

from collections.abc import Iterator

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for file in context.files:
        for extra in file.operations[1:]:
            yield at_node(
                extra,
                f"{file.name} defines more than one operation; put each operation in its own file",
                "OneOperationPerFile",
            )
