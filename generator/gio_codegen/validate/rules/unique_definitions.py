"""Operation and fragment names are unique across files, since they name generated code.

A fragment defined *identically* in several files (a layout where each file is a document of
its own, like swapi-graphql's examples) is one fragment: not an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FragmentDefinitionNode, Node, print_ast

from gio_codegen.diagnostics import Diagnostic, at_node
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], str] = {}
    fragment_text = {name: print_ast(fragment) for name, fragment in context.fragments.items()}
    for file in context.files:
        named: list[tuple[str, Node, str]] = [
            ("operation", op.name, op.name.value) for op in file.operations if op.name
        ]
        named += [("fragment", f.name, f.name.value) for f in file.fragments]
        for kind, node, name in named:
            first = seen.setdefault((kind, name), file.name)
            if first != file.name:
                if kind == "fragment" and _identical(file.fragments, name, fragment_text):
                    continue
                yield at_node(node, f"{kind} {name!r} is already defined in {first}", "UniqueDefinitions")


def _identical(fragments: list[FragmentDefinitionNode], name: str, first_text: dict[str, str]) -> bool:
    return any(f.name.value == name and print_ast(f) == first_text.get(name) for f in fragments)
