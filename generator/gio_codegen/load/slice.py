"""A schema holding only what the operations use, cut from the schema text with the cached index.

On a big schema (GitHub's: 1,600 types, 1.2 MB) a run whose schema did not change would
otherwise spend most of its time loading types no operation touches, and ariadne-codegen
and the naming plugin would walk every input and enum of it. A slice is parsed and built in
a fraction of that: its size follows the operations, not the schema.

Kept: the root types; on every type that is selected on, the fields selected (with all
their arguments); every type those fields and arguments name; input objects, enums and
scalars whole; all custom scalars (the client's scalars module lists them all) and all
directive definitions; on object and interface types also `id`, `stage` and `uris` where
defined (generate/jobs.py recognises job types by them, selected or not); every possible
type of an abstract type that is selected on, with the interface's kept fields (ariadne-codegen
models them on each implementation); and, header only, the interfaces and union members that
kept types name.

Why the output cannot differ from a full run:
- Only valid operations are ever generated from a slice: validation runs on the slice and
  any error sends the run back to the full schema (pipeline.py), so messages that depend on
  the rest of the schema ("did you mean …?") always come from all of it.
- Definitions keep their relative order (the text is cut in document order), which is the
  order of `schema.type_map`, hence of the generated enums and inputs.
- The rules that look at the schema as a whole read `SchemaFacts` (schema_index.py), never
  the slice; the slice is parsed without locations, so nothing can point into it.
- Tests generate every corpus both ways and compare the trees byte for byte.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from graphql import (
    DefinitionNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    build_ast_schema,
    parse,
)

from gio_codegen.load.operations import OperationFile
from gio_codegen.load.schema_index import SliceSpans, TypeSpan, named_type

# Fields generate/jobs.py inspects on a job's type whether or not the operation selects them.
JOB_SHAPE_FIELDS = ("id", "stage", "uris")


def build_slice(spans: SliceSpans, shown: str, files: list[OperationFile], state_dir: Path, schema_key: str) -> GraphQLSchema:
    plan = _Plan(spans)
    for root in spans.roots.values():
        plan.select_on(root)
    for _start, _sdl, argument_types in spans.directives:
        for name in argument_types:
            plan.include(name)
    for name, span in spans.types.items():
        if span.kind == "scalar":
            plan.include(name)
    for file in files:
        for definition in file.document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                for variable in definition.variable_definitions or ():
                    plan.include(named_type(variable.type))
                root = spans.roots.get(definition.operation.value)
                if root is not None:  # else an error, reported from the full schema
                    plan.walk(definition.selection_set, root)
            elif isinstance(definition, FragmentDefinitionNode):
                # Every fragment is walked on its own type, so spreads need not be followed.
                plan.walk(definition.selection_set, definition.type_condition.name.value)
    return _built(plan.pieces(), shown, state_dir, schema_key)


def _built(pieces: list[str], shown: str, state_dir: Path, schema_key: str) -> GraphQLSchema:
    """Build the slice from its definitions' SDL, remembering the work two ways.

    Unchanged since the last run (most edits to operations: comments, arguments, aliases,
    order), the built slice is unpickled whole. Otherwise the definitions parsed last time are
    reused and only new ones are parsed: selecting one more field re-parses one type, not 450.
    """
    from gio_codegen.load import cache

    text = "\n\n".join(pieces)
    key = hashlib.sha256(f"{schema_key}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    cached = cache.load(state_dir, key, "slice")
    if isinstance(cached, GraphQLSchema):
        return cached
    remembered = cache.load(state_dir, schema_key, "definitions")
    known: dict[str, DefinitionNode] = remembered if isinstance(remembered, dict) else {}
    new = [piece for piece in pieces if piece not in known]
    if new:
        parsed = parse(Source("\n\n".join(new), f"{shown} (slice)"), no_location=True).definitions
        if len(parsed) != len(new):  # every piece is one definition; if not, take no chances
            known, new = {}, pieces
            parsed = parse(Source(text, f"{shown} (slice)"), no_location=True).definitions
        known = {**known, **dict(zip(new, parsed))}
    definitions = [known[piece] for piece in pieces]
    schema = build_ast_schema(DocumentNode(definitions=tuple(definitions)), assume_valid=True, assume_valid_sdl=True)
    cache.store_in_background(
        state_dir,
        lambda: {"slice": (key, schema), "definitions": (schema_key, dict(zip(pieces, definitions)))},
    )
    return schema


class _Plan:
    def __init__(self, spans: SliceSpans) -> None:
        self.spans = spans
        self.included: dict[str, set[str]] = {}  # type → kept fields (objects and interfaces)
        self.selected_on: set[str] = set()

    def include(self, name: str) -> None:
        """Keep a type and what its definition names (unknown names: built-ins, or errors)."""
        span = self.spans.types.get(name)
        if span is None or name in self.included:
            return
        self.included[name] = set()
        for field in JOB_SHAPE_FIELDS:
            self.keep_field(name, span, field)
        for ref in span.refs:
            self.include(ref)

    def keep_field(self, type_name: str, span: TypeSpan, field: str) -> str | None:
        """Keep one field and the types it names; its named return type, or None if unknown."""
        entry = span.fields.get(field)
        if entry is None:
            return None
        kept = self.included[type_name]
        if field not in kept:
            kept.add(field)
            self.include(entry[1])
            for argument_type in entry[2]:
                self.include(argument_type)
            # ariadne-codegen models an interface's fields on each implementation's class too.
            for implementation in self.spans.implementations.get(type_name, ()):
                self.include(implementation)
                self.keep_field(implementation, self.spans.types[implementation], field)
        return entry[1]

    def select_on(self, name: str) -> None:
        self.include(name)
        if name not in self.selected_on:
            self.selected_on.add(name)
            for implementation in self.spans.implementations.get(name, ()):
                self.include(implementation)

    def walk(self, selection_set: SelectionSetNode, parent: str) -> None:
        pending = [(selection_set, parent)]
        while pending:
            selections, type_name = pending.pop()
            self.select_on(type_name)
            span = self.spans.types.get(type_name)
            for selection in selections.selections:
                if isinstance(selection, FieldNode):
                    if span is None or selection.name.value.startswith("__"):
                        continue  # introspection fields exist in every schema
                    returned = self.keep_field(type_name, span, selection.name.value)
                    if returned is not None and selection.selection_set is not None:
                        pending.append((selection.selection_set, returned))
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    pending.append((selection.selection_set, condition.name.value if condition else type_name))

    def pieces(self) -> list[str]:
        """The SDL of every kept definition, in schema order."""
        pieces: list[tuple[int, str]] = []
        if self.spans.schema_definition is not None:
            pieces.append(self.spans.schema_definition)
        pieces.extend((start, sdl) for start, sdl, _types in self.spans.directives)
        for name, kept in self.included.items():
            span = self.spans.types[name]
            fields = [entry[0] for field, entry in span.fields.items() if field in kept]
            pieces.append((span.start, span.header + ("{\n" + "\n".join(fields) + "\n}" if fields else "")))
        return [piece for _start, piece in sorted(pieces)]
