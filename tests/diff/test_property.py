"""Random schema pairs (a random schema and a random edit of it, tests/fuzz/strategies.py): the
verdict agrees with the generated files. `none` exactly when both packages are byte-identical,
`major` whenever griffe finds an API breakage between them or an operation breaks, and never
below the schema verdict.

Bounded in `make test` (GIO_DIFF_EXAMPLES, default 6; each example renders four clients).
"""

from __future__ import annotations

import copy
import itertools
import os
from typing import Any

import griffe
from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    EnumValueDefinitionNode,
    FieldDefinitionNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    StringValueNode,
    parse,
    print_ast,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fuzz.project import write_project
from fuzz.strategies import Operation, Schema, operations, schemas
from gio_codegen.diff.generated_api import rendered_client
from gio_codegen.diff.judge import judge
from gio_codegen.diff.model import BUMPS
from gio_codegen.diff.policy import Policy
from gio_codegen.diff.python_api import compare_trees
from gio_codegen.diff.sources import schema_from_text
from gio_codegen.errors import UserError
from gio_codegen.load.config import load_config
from gio_codegen.load.operations import load_operation_files
from gio_codegen.load.project import ProjectContext

EXAMPLES = int(os.environ.get("GIO_DIFF_EXAMPLES", "6"))
_counter = itertools.count()
EDITS = ("nullability", "remove_field", "add_field", "add_root_field", "enum_value", "describe", "deprecate", "none")


def _definitions(document: DocumentNode, kind: str) -> list[Any]:
    return [d for d in document.definitions if d.kind == kind]


class NotApplicable(Exception):
    """The drawn edit does not apply to the drawn schema."""


def need(condition: object) -> None:
    if not condition:
        raise NotApplicable


def mutate(sdl: str, edit: str, pick: int) -> str:
    """One structural edit of the SDL, chosen by `edit`; `pick` selects the element."""
    document = copy.deepcopy(parse(sdl, no_location=True))
    objects = _definitions(document, "object_type_definition") + _definitions(document, "input_object_type_definition")
    fields = [(o, f) for o in objects for f in o.fields]
    if edit == "nullability" and fields:
        owner, field = fields[pick % len(fields)]
        field.type = field.type.type if isinstance(field.type, NonNullTypeNode) else NonNullTypeNode(type=field.type)
    elif edit == "remove_field" and fields:
        owner, field = fields[pick % len(fields)]
        need(len(owner.fields) > 1)
        owner.fields = tuple(f for f in owner.fields if f is not field)
    elif edit in ("add_field", "add_root_field"):
        targets = [o for o in _definitions(document, "object_type_definition")
                   if (o.name.value == "Query") == (edit == "add_root_field")]
        need(targets)
        owner = targets[pick % len(targets)]
        owner.fields = (*owner.fields, FieldDefinitionNode(name=NameNode(value="zzAdded"), arguments=(), directives=(),
                                                           type=NamedTypeNode(name=NameNode(value="String"))))
    elif edit == "enum_value":
        enums = _definitions(document, "enum_type_definition")
        need(enums)
        enum = enums[pick % len(enums)]
        if pick % 2 and len(enum.values) > 1:
            enum.values = enum.values[1:]
        else:
            enum.values = (*enum.values, EnumValueDefinitionNode(name=NameNode(value="ZZ_ADDED"), directives=()))
    elif edit == "describe":
        definitions = [d for d in document.definitions if hasattr(d, "description")]
        target = definitions[pick % len(definitions)]
        target.description = StringValueNode(value=f"edited {pick}", block=False)
    elif edit == "deprecate" and fields:
        _owner, field = fields[pick % len(fields)]
        need(not isinstance(field.type, NonNullTypeNode))
        kept = tuple(d for d in field.directives if d.name.value != "deprecated")
        if len(kept) == len(field.directives):  # toggle: deprecate, or un-deprecate
            reason = ArgumentNode(name=NameNode(value="reason"), value=StringValueNode(value="edited", block=False))
            kept = (*kept, DirectiveNode(name=NameNode(value="deprecated"), arguments=(reason,)))
        field.directives = kept
    return print_ast(document) + "\n"


def _render(config: Any, text: str) -> dict[str, bytes] | None:
    try:
        with rendered_client(config, text) as tree:
            return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*"))
                    if p.is_file() and p.name != ".gio-codegen.json"}
    except UserError:
        return None


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(data=st.data())
def test_verdict_agrees_with_the_generated_files(data: st.DataObject, tmp_path_factory: Any) -> None:
    schema: Schema = data.draw(schemas())
    operation: Operation = data.draw(operations(schema))
    edit = data.draw(st.sampled_from(EDITS))
    try:
        new_sdl = mutate(schema.sdl, edit, data.draw(st.integers(0, 50)))
        new = schema_from_text(new_sdl, "new.graphql")
    except (NotApplicable, UserError):
        assume(False)
        raise
    root = write_project(tmp_path_factory.mktemp(f"pair{next(_counter)}"), schema.sdl,
                         {operation.name[0].lower() + operation.name[1:]: operation.text}, package="pkg")
    config = load_config(root / "pyproject.toml")
    old_tree = _render(config, schema.sdl)
    assume(old_tree is not None)  # the project rules may refuse a random schema; not this test's subject
    old = schema_from_text(schema.sdl, "schema.graphql")
    context = ProjectContext(config, new, new_sdl, load_operation_files(config))
    result = judge(context, old, new, Policy(), old_name="old", new_name="new", old_text=schema.sdl, new_text=new_sdl)
    assert BUMPS.index(result.bump) >= BUMPS.index(result.schema_bump)
    new_tree = _render(config, new_sdl)
    if new_tree is None:  # the operation no longer renders: it must be reported broken, or at least not `none`
        assert result.bump != "none"
        assert result.bump == "major" or not any(o.status == "broken" for o in result.operations)
        return
    assert (result.bump == "none") == (old_tree == new_tree), (edit, result.why)
    if any(o.status == "broken" for o in result.operations):
        assert result.bump == "major"
    with rendered_client(config, schema.sdl) as before, rendered_client(config, new_sdl) as after:
        verdict = compare_trees(before, after, "pkg")
        loader = [griffe.GriffeLoader(search_paths=[tree], allow_inspection=False) for tree in (before, after)]
        breakages = list(griffe.find_breaking_changes(loader[0].load("pkg"), loader[1].load("pkg")))
    assert BUMPS.index(result.bump) >= BUMPS.index(verdict.level)
    if breakages:
        assert result.bump == "major"


def test_mutations_produce_valid_edits() -> None:
    sdl = "type Query { a: Int b(x: Int): String t: T }\ntype T { u: Int v: Int }\nenum E { A B }\ninput I { f: Int }\n"
    for edit in EDITS:
        for pick in range(4):
            text = mutate(sdl, edit, pick)
            schema_from_text(text, "x.graphql")
            assert (text == print_ast(parse(sdl)) + "\n") == (edit == "none"), (edit, pick)
