"""Which operations a schema change reaches.

The generated client only exposes what `queries/` selects, so a change matters to an
operation if it touches a coordinate the operation uses: we collect, with graphql-core's
`TypeInfo`, every type, field, argument, directive and enum the operation (and the
fragments it spreads) reaches under the OLD schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLSchema,
    GraphQLType,
    InlineFragmentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    Visitor,
    get_named_type,
    specified_rules,
    type_from_ast,
    validate,
    visit,
)

from gio_codegen.diagnostics import Diagnostic, from_graphql_error
from gio_codegen.diff.model import Change
from gio_codegen.load.project import ProjectContext
from gio_codegen.validate.documents import with_used_fragments


_UNPASSED_ARGUMENT_KINDS = frozenset({
    "FIELD_ARGUMENT_ADDED", "FIELD_ARGUMENT_DEFAULT_CHANGED", "DIRECTIVE_ARGUMENT_ADDED",
    "DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED",
})


@dataclass
class Usage:
    types: set[str] = field(default_factory=set)
    coordinates: set[str] = field(default_factory=set)
    enums: set[str] = field(default_factory=set)
    inputs: set[str] = field(default_factory=set)

    def add_type(self, named: GraphQLType | None) -> None:
        type_ = get_named_type(named)
        if type_ is None or type_.name in self.types:
            return
        self.types.add(type_.name)
        if isinstance(type_, GraphQLEnumType):
            self.enums.add(type_.name)
        elif isinstance(type_, GraphQLInputObjectType):
            self.inputs.add(type_.name)
            for name, input_field in type_.fields.items():
                self.coordinates.add(f"{type_.name}.{name}")
                self.add_type(input_field.type)

    def merge(self, other: Usage) -> None:
        self.types |= other.types
        self.coordinates |= other.coordinates
        self.enums |= other.enums
        self.inputs |= other.inputs

    def touches(self, change: Change) -> bool:
        """A change reaches an operation at a used coordinate, or inside a used enum or input type.

        An argument the operation does not pass reaches it only when it is new or its default
        changed (the default is what the operation then gets); its removal, type or text do not.
        """
        coordinate = change.coordinate
        if coordinate in self.coordinates or coordinate in self.types:
            return True
        if "(" in coordinate:
            return change.kind in _UNPASSED_ARGUMENT_KINDS and coordinate.split("(", 1)[0] in self.coordinates
        owner, dot, _member = coordinate.partition(".")
        return bool(dot) and (owner in self.enums or owner in self.inputs)


def operation_usage(schema: GraphQLSchema, document: DocumentNode) -> Usage:
    usage = Usage()
    info = TypeInfo(schema)

    class Collect(Visitor):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            usage.coordinates.add(f"schema.{node.operation.value}")
            root = schema.get_root_type(node.operation)
            if root is not None:
                usage.types.add(root.name)

        def enter_field(self, node: FieldNode, *_: object) -> None:
            parent, definition = info.get_parent_type(), info.get_field_def()
            if parent is None or definition is None or node.name.value.startswith("__"):
                return
            usage.types.add(parent.name)
            usage.coordinates.add(f"{parent.name}.{node.name.value}")
            usage.add_type(definition.type)
            for argument in node.arguments or ():
                usage.coordinates.add(f"{parent.name}.{node.name.value}({argument.name.value}:)")

        def enter_inline_fragment(self, node: InlineFragmentNode, *_: object) -> None:
            if info.get_type() is not None:
                usage.add_type(info.get_type())

        def enter_fragment_definition(self, node: FragmentDefinitionNode, *_: object) -> None:
            if info.get_type() is not None:
                usage.add_type(info.get_type())

        def enter_directive(self, node: DirectiveNode, *_: object) -> None:
            usage.coordinates.add(f"@{node.name.value}")
            for argument in node.arguments or ():
                usage.coordinates.add(f"@{node.name.value}({argument.name.value}:)")

        def enter_argument(self, node: ArgumentNode, *_: object) -> None:
            argument = info.get_argument()
            if argument is not None:
                usage.add_type(argument.type)

        def enter_variable_definition(self, node: VariableDefinitionNode, *_: object) -> None:
            resolved = type_from_ast(schema, node.type)
            if resolved is not None:
                usage.add_type(resolved)

    visit(document, TypeInfoVisitor(info, Collect()))
    return usage


@dataclass
class OperationReport:
    file: str
    name: str
    status: str = "unaffected"
    reasons: list[str] = field(default_factory=list)
    line: int = 0
    column: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "name": self.name, "status": self.status, "reasons": self.reasons,
                "line": self.line, "column": self.column}


def judge_operations(
    context: ProjectContext, old: GraphQLSchema, new: GraphQLSchema, changes: Iterable[Change]
) -> tuple[list[OperationReport], Usage]:
    """broken (invalid under NEW) → affected (a counted change touches what it uses) → unaffected.

    Also returns what all operations together use, for the semver verdict.
    """
    counted = [c for c in changes if c.counts]
    reports = []
    everything = Usage()
    for file in context.files:
        if not file.operations:
            continue
        document = with_used_fragments(list(file.document.definitions), context)  # type: ignore[arg-type]
        errors = sorted({from_graphql_error(e, "GraphQL") for e in validate(new, document, specified_rules)})
        usage = operation_usage(old, document)
        everything.merge(usage)
        for operation in file.operations:
            line, column = _position(operation)
            report = OperationReport(file.name, operation.name.value if operation.name else "<anonymous>",
                                     line=line, column=column)
            if errors or new.get_root_type(operation.operation) is None:
                # graphql-core 3.2's rules do not check that the operation's root type exists
                missing = [] if new.get_root_type(operation.operation) is not None else [Diagnostic(
                    file.name, line, column, f"the schema has no {operation.operation.value} root type", code="GraphQL")]
                report.status = "broken"
                report.reasons = [f"{d.location()}: {d.message}" for d in missing + errors]
                report.diagnostics = missing + errors
            else:
                touched = [c for c in counted if usage.touches(c)]
                if touched:
                    report.status = "affected"
                    report.reasons = [f"{c.criticality}: {c.message}" for c in touched]
            reports.append(report)
    return reports, everything


def _position(node: OperationDefinitionNode) -> tuple[int, int]:
    loc = node.loc
    if loc is None:
        return 0, 0
    location = loc.source.get_location(loc.start)
    return location.line, location.column
