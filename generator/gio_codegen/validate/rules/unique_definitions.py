"""Operation and fragment names are unique across files, since they name generated code."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import Node

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], str] = {}
    for file in context.files:
        named: list[tuple[str, Node, str]] = [
            ("operation", op.name, op.name.value) for op in file.operations if op.name
        ]
        named += [("fragment", f.name, f.name.value) for f in file.fragments]
        for kind, node, name in named:
            first = seen.setdefault((kind, name), file.name)
            if first != file.name:
                yield at_node(node, f"{kind} {name!r} is already defined in {first}", "UniqueDefinitions")
