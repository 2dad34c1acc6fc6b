"""Operation and fragment names are unique across files, since they name generated code.

A fragment defined *identically* in several files (a layout where each file is a document of
its own, like swapi-graphql's examples) is one fragment: not an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FragmentDefinitionNode, OperationDefinitionNode, print_ast

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, name) → (first file, its text)
    for file in context.files:
        definitions: list[tuple[str, OperationDefinitionNode | FragmentDefinitionNode]] = [
            ("operation", op) for op in file.operations if op.name
        ]
        definitions += [("fragment", fragment) for fragment in file.fragments]
        for kind, definition in definitions:
            assert definition.name is not None
            name, text = definition.name.value, print_ast(definition)
            first, first_text = seen.setdefault((kind, name), (file.name, text))
            if first == file.name or (kind == "fragment" and text == first_text):
                continue
            yield at_node(definition.name, f"{kind} {name!r} is already defined in {first}", "UniqueDefinitions")
