"""Operations as the spec's field merging defines them, before the engine models them.

ariadne-codegen models a selection set as written, and breaks on shapes the spec allows:
a fragment spread at the root of an operation, inline fragments with no type condition or
on an abstract type inside another abstract selection, the same response name selected
twice (`hero { name } hero { id }`: two class attributes, the second one wins), and a
fragment selecting a field its parent also selects with other sub-fields (a subclass
narrowing an inherited attribute: not `mypy --strict` clean). None of those change what
the server returns (the spec's CollectFields and field merging), so they are rewritten
into the equivalent shape the engine models correctly:

- inline fragments with no condition, or on the parent's own type, are lifted into the
  parent (their `@include`/`@skip` moved onto each lifted selection);
- an inline fragment on an abstract type is lifted into an object parent it covers, or
  distributed over the possible types both share;
- a fragment spread at the root, a conditional one (`...F @include(if: $x)`), one on another
  abstract type, or one that selects a response name its siblings also select, is inlined;
- `@include`/`@skip` on a typed inline fragment move onto its selections (so they are optional);
- fields with one response name are merged into one, their sub-selections concatenated;
  inline fragments on one type likewise.

Only the models see this; the document each method sends stays byte for byte as written
(documents.py), so the response is the one the models describe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    Node,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    print_ast,
)

from gio_codegen.load.operations import OperationFile
from gio_codegen.load.project import ProjectContext
from gio_codegen.naming import pascal_case

N = TypeVar("N", bound=Node)
_CONDITIONAL = ("include", "skip")


def named_operations(context: ProjectContext) -> list[tuple[OperationFile, OperationDefinitionNode]]:
    """Every operation with a name: an anonymous one (a file may hold one) is named after its
    file (`queries/person.graphql` → `Person`). The document sent stays as written."""
    return [
        (file, op if op.name else _with(op, name=NameNode(value=pascal_case(file.path.stem) or "Anonymous")))
        for file, op in context.operations
    ]


def normalize_definitions(
    schema: GraphQLSchema, operations: list[OperationDefinitionNode], fragments: list[FragmentDefinitionNode]
) -> tuple[list[OperationDefinitionNode], list[FragmentDefinitionNode]]:
    pool = {fragment.name.value: fragment for fragment in fragments}
    normalizer = _Normalizer(schema, pool)
    new_operations = [
        _with(op, selection_set=normalizer.selection_set(op.selection_set, schema.get_root_type(op.operation), root=True))
        for op in operations
    ]
    new_fragments = [
        _with(f, selection_set=normalizer.selection_set(f.selection_set, schema.get_type(f.type_condition.name.value)))
        for f in fragments
    ]
    return new_operations, new_fragments


class _Normalizer:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments

    def selection_set(self, node: SelectionSetNode, parent: GraphQLNamedType | None, *, root: bool = False) -> SelectionSetNode:
        if parent is None:
            return node
        selections = self._expand(list(node.selections), parent, root, depth=0)
        for _round in range(50):  # an inlined fragment may bring spreads that overlap in turn
            inlined = self._inline_overlapping_spreads(selections, parent)
            if inlined == selections:
                break
            selections = inlined
        selections = self._split_overlaps(selections, parent)
        return _with(node, selections=tuple(self._merge(selections, parent)))

    def _expand(self, selections: list[SelectionNode], parent: GraphQLNamedType, root: bool, depth: int) -> list[SelectionNode]:
        out: list[SelectionNode] = []
        for selection in selections:
            if isinstance(selection, FragmentSpreadNode) and self._inlined(selection, parent, root) and depth < 50:
                fragment = self.fragments[selection.name.value]
                inline = InlineFragmentNode(type_condition=fragment.type_condition, directives=selection.directives,
                                            selection_set=fragment.selection_set, loc=selection.loc)
                out += self._expand([inline], parent, root, depth + 1)
                continue
            if isinstance(selection, InlineFragmentNode) and selection.type_condition and _conditions(selection.directives):
                # `... on Foo @include(if: $x) { a }` → `... on Foo { a @include(if: $x) }`: the same
                # response, and the engine makes conditional fields optional (not those of a fragment).
                kept = tuple(d for d in selection.directives or () if d.name.value not in _CONDITIONAL)
                children = _conditioned(selection.selection_set.selections, selection.directives)
                selection = _with(selection, directives=kept,
                                  selection_set=_with(selection.selection_set, selections=tuple(children)))
            if isinstance(selection, InlineFragmentNode):
                condition = self._condition(selection, parent)
                if condition is None or condition.name == parent.name:
                    out += self._expand(_conditioned(selection.selection_set.selections, selection.directives), parent, root, depth)
                elif is_abstract_type(condition) and isinstance(parent, GraphQLObjectType):
                    if self.schema.is_sub_type(condition, parent):  # type: ignore[arg-type]
                        out += self._expand(_conditioned(selection.selection_set.selections, selection.directives), parent, root, depth)
                elif is_abstract_type(condition) and is_abstract_type(parent):
                    out += self._distribute(selection, condition, parent)
                elif isinstance(condition, GraphQLObjectType) and isinstance(parent, GraphQLObjectType):
                    continue  # a different object type: never matches, selects nothing
                else:
                    out.append(selection)
            else:
                out.append(selection)
        return out

    def _inlined(self, spread: FragmentSpreadNode, parent: GraphQLNamedType, root: bool) -> bool:
        """Spreads the engine cannot model as a fragment class: at the root, conditional ones
        (their fields must be optional), and fragments on another abstract type."""
        fragment = self.fragments.get(spread.name.value)
        if fragment is None:
            return False
        condition = self.schema.get_type(fragment.type_condition.name.value)
        other_abstract = condition is not None and is_abstract_type(condition) and condition.name != parent.name
        return root or bool(_conditions(spread.directives)) or other_abstract

    def _distribute(self, selection: InlineFragmentNode, condition: GraphQLNamedType, parent: GraphQLNamedType) -> list[SelectionNode]:
        shared = {t.name for t in self.schema.get_possible_types(condition)}  # type: ignore[arg-type]
        out: list[SelectionNode] = []
        for possible in self.schema.get_possible_types(parent):  # type: ignore[arg-type]
            if possible.name in shared:
                out.append(_with(selection, type_condition=NamedTypeNode(name=NameNode(value=possible.name))))
        return out

    def _inline_overlapping_spreads(self, selections: list[SelectionNode], parent: GraphQLNamedType) -> list[SelectionNode]:
        """A spread whose fragment selects a response name that something beside it selects too."""
        direct = [_response_name(s) for s in selections if isinstance(s, FieldNode)]
        spread_names = {
            id(s): self._names_of(self.fragments[s.name.value])
            for s in selections if isinstance(s, FragmentSpreadNode) and s.name.value in self.fragments
        }
        out: list[SelectionNode] = []
        for selection in selections:
            names = spread_names.get(id(selection))
            if names is not None and isinstance(selection, FragmentSpreadNode):
                others = set(direct).union(*(n for key, n in spread_names.items() if key != id(selection)))
                if names & others:
                    fragment = self.fragments[selection.name.value]
                    inline = InlineFragmentNode(type_condition=fragment.type_condition, directives=selection.directives,
                                                selection_set=fragment.selection_set, loc=selection.loc)
                    out += self._expand([inline], parent, False, 0)
                    continue
            out.append(selection)
        return out

    def _split_overlaps(self, selections: list[SelectionNode], parent: GraphQLNamedType) -> list[SelectionNode]:
        """On an abstract parent, a field selected both beside and inside `... on T` is moved into
        a fragment per possible type: the engine writes one class per type holding the parent's
        fields and the fragment's, and the same attribute twice is not a class."""
        if not is_abstract_type(parent):
            return selections
        # The fragments' own selections as they will be (nested spreads expanded), less `__typename`,
        # which the engine adds to every per-type class anyway.
        selections = [self._typed_fragment(s) if _typed(s) else s for s in selections]
        typed = [s for s in selections if isinstance(s, InlineFragmentNode) and s.type_condition is not None]
        direct = {_response_name(s) for s in selections if isinstance(s, FieldNode)}
        overlapping = {
            _response_name(child) for inline in typed for child in inline.selection_set.selections
            if isinstance(child, FieldNode) and _response_name(child) in direct
        }
        if not overlapping:
            return selections
        moved = tuple(s for s in selections if isinstance(s, FieldNode) and _response_name(s) in overlapping)
        out: list[SelectionNode] = []
        for selection in selections:
            if isinstance(selection, FieldNode) and _response_name(selection) in overlapping:
                continue
            if isinstance(selection, InlineFragmentNode) and selection in typed:
                children = moved + tuple(selection.selection_set.selections)
                selection = _with(selection, selection_set=_with(selection.selection_set, selections=children))
            out.append(selection)
        covered = {inline.type_condition.name.value for inline in typed if inline.type_condition is not None}
        for possible in self.schema.get_possible_types(parent):  # type: ignore[arg-type]
            if possible.name not in covered:
                out.append(InlineFragmentNode(type_condition=NamedTypeNode(name=NameNode(value=possible.name)),
                                              directives=(), selection_set=SelectionSetNode(selections=moved)))
        return out

    def _typed_fragment(self, inline: SelectionNode) -> SelectionNode:
        assert isinstance(inline, InlineFragmentNode) and inline.type_condition is not None
        condition = self.schema.get_type(inline.type_condition.name.value)
        normalized = self.selection_set(inline.selection_set, condition)
        kept = tuple(s for s in normalized.selections
                     if not (isinstance(s, FieldNode) and s.name.value == "__typename" and s.alias is None))
        return _with(inline, selection_set=_with(normalized, selections=kept))

    def _names_of(self, fragment: FragmentDefinitionNode) -> set[str]:
        return {_response_name(s) for s in fragment.selection_set.selections if isinstance(s, FieldNode)}

    def _merge(self, selections: Sequence[SelectionNode], parent: GraphQLNamedType) -> Iterable[SelectionNode]:
        fields: dict[str, list[FieldNode]] = {}
        inlines: dict[tuple[str, str], list[InlineFragmentNode]] = {}
        order: list[tuple[str, Any]] = []
        for selection in selections:
            if isinstance(selection, FieldNode):
                key = _response_name(selection)
                if key not in fields:
                    fields[key] = []
                    order.append(("field", key))
                fields[key].append(selection)
            elif isinstance(selection, InlineFragmentNode) and selection.type_condition is not None:
                ikey = (selection.type_condition.name.value, _printed(selection.directives))
                if ikey not in inlines:
                    inlines[ikey] = []
                    order.append(("inline", ikey))
                inlines[ikey].append(selection)
            else:
                order.append(("other", selection))
        for kind, key in order:
            if kind == "field":
                yield self._merged_field(fields[key], parent)
            elif kind == "inline":
                group = inlines[key]
                merged = SelectionSetNode(selections=tuple(s for node in group for s in node.selection_set.selections))
                yield _with(group[0], selection_set=self.selection_set(merged, self.schema.get_type(key[0])))
            else:
                yield key

    def _merged_field(self, copies: list[FieldNode], parent: GraphQLNamedType) -> FieldNode:
        first = copies[0]
        directives = first.directives
        if len(copies) > 1 and any(_printed(c.directives) != _printed(directives) for c in copies):
            # Present when any copy is: unconditional if one copy is, else as conditional as the first.
            if any(not _conditions(c.directives) for c in copies):
                directives = tuple(d for d in directives or () if d.name.value not in _CONDITIONAL)
        sub = [c.selection_set for c in copies if c.selection_set is not None]
        if not sub:
            return _with(first, directives=directives)
        field = getattr(parent, "fields", {}).get(first.name.value)
        merged = SelectionSetNode(selections=tuple(s for node in sub for s in node.selections), loc=sub[0].loc)
        child = get_named_type(field.type) if field is not None else None
        return _with(first, directives=directives, selection_set=self.selection_set(merged, child))

    def _condition(self, selection: InlineFragmentNode, parent: GraphQLNamedType) -> GraphQLNamedType | None:
        if selection.type_condition is None:
            return None
        return self.schema.get_type(selection.type_condition.name.value) or parent


def _typed(selection: SelectionNode) -> bool:
    return isinstance(selection, InlineFragmentNode) and selection.type_condition is not None


def _conditioned(selections: Sequence[SelectionNode], directives: Sequence[DirectiveNode] | None) -> list[SelectionNode]:
    """`... @include(if: $x) { a b }` → `a @include(if: $x) b @include(if: $x)`."""
    moved = tuple(d for d in directives or () if d.name.value in _CONDITIONAL)
    if not moved:
        return list(selections)
    return [_with(s, directives=tuple(s.directives or ()) + moved) for s in selections]


def _conditions(directives: Sequence[DirectiveNode] | None) -> list[DirectiveNode]:
    return [d for d in directives or () if d.name.value in _CONDITIONAL]


def _response_name(field: FieldNode) -> str:
    return (field.alias or field.name).value


def _printed(directives: Sequence[DirectiveNode] | None) -> str:
    return " ".join(print_ast(d) for d in directives or ())


def _with(node: N, **changes: Any) -> N:
    """A copy of an AST node with some attributes replaced (nodes are treated as immutable)."""
    values = {key: getattr(node, key) for key in node.keys}
    values.update(changes)
    return node.__class__(**values)
