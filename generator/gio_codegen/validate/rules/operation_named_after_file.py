"""`queries/tags.graphql` holds `query Tags` (in any case): names predictable from the file tree."""

from __future__ import annotations

from collections.abc import Iterator

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.naming import pascal_case
from gio_codegen.load.project import ProjectContext


def expected_name(stem: str) -> str:
    return pascal_case(stem)


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for file in context.files:
        for operation in file.operations[:1]:
            expected = expected_name(file.path.stem)
            if operation.name is None:
                yield at_node(
                    operation,
                    f"anonymous operation; name it {expected!r} after its file",
                    "OperationNamedAfterFile",
                )
            elif pascal_case(operation.name.value).lower() != expected.lower():  # any case: ADD_BOOK, addBook
                yield at_node(
                    operation.name,
                    f"operation {operation.name.value!r} should be named {expected!r} after its file {file.path.name}",
                    "OperationNamedAfterFile",
                )
