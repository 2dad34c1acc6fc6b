"""What each operation touches in a schema, and whether it still validates.

An operation is only affected by a change whose coordinate it uses, so we
collect, with graphql-core's `TypeInfo`, every type, field, argument and enum
the operation (and the fragments it spreads) reaches under the OLD schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLSchema,
    GraphQLType,
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

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.diff.changes import Change
from gio_codegen.load.project import ProjectContext
from gio_codegen.validate.documents import with_used_fragments


@dataclass
class Usage:
    types: set[str] = field(default_factory=set)
    coordinates: set[str] = field(default_factory=set)
    enums: set[str] = field(default_factory=set)
    inputs: set[str] = field(default_factory=set)

    def add_type(self, schema: GraphQLSchema, type_: GraphQLType) -> None:
        named = get_named_type(type_)
        if named is None or named.name in self.types:
            return
        self.types.add(named.name)
        if isinstance(named, GraphQLEnumType):
            self.enums.add(named.name)
        elif isinstance(named, GraphQLInputObjectType):
            self.inputs.add(named.name)
            for name, input_field in named.fields.items():
                self.coordinates.add(f"{named.name}.{name}")
                self.add_type(schema, input_field.type)

    def merge(self, other: Usage) -> None:
        self.types |= other.types
        self.coordinates |= other.coordinates
        self.enums |= other.enums
        self.inputs |= other.inputs

    def touches(self, coordinate: str) -> bool:
        """A change reaches an operation at a used coordinate, or inside a used enum/input type/field."""
        if not coordinate:
            return False
        if coordinate in self.coordinates or coordinate in self.types:
            return True
        if "(" in coordinate:
            return coordinate.split("(", 1)[0] in self.coordinates
        owner = coordinate.split(".", 1)[0]
        return "." in coordinate and (owner in self.enums or owner in self.inputs)


def operation_usage(schema: GraphQLSchema, document: object) -> Usage:
    usage = Usage()
    info = TypeInfo(schema)

    class Collect(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            parent, definition = info.get_parent_type(), info.get_field_def()
            if parent is None or definition is None or node.name.value.startswith("__"):
                return
            usage.types.add(parent.name)
            usage.coordinates.add(f"{parent.name}.{node.name.value}")
            usage.add_type(schema, definition.type)
            for argument in node.arguments or ():
                usage.coordinates.add(f"{parent.name}.{node.name.value}({argument.name.value}:)")

        def enter_argument(self, node: ArgumentNode, *_: object) -> None:
            argument = info.get_argument()
            if argument is not None:
                usage.add_type(schema, argument.type)

        def enter_variable_definition(self, node: VariableDefinitionNode, *_: object) -> None:
            resolved = type_from_ast(schema, node.type)
            if resolved is not None:
                usage.add_type(schema, resolved)

    visit(document, TypeInfoVisitor(info, Collect()))  # type: ignore[arg-type]
    usage.coordinates.discard("")
    return usage


@dataclass
class OperationReport:
    file: str
    name: str
    status: str = "unaffected"
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "name": self.name, "status": self.status, "reasons": self.reasons}


def judge_operations(context: ProjectContext, old: GraphQLSchema, new: GraphQLSchema, changes: list[Change]) -> tuple[list[OperationReport], Usage]:
    """broken (invalid under NEW) → affected (a change touches what it uses) → unaffected.

    Also returns what all operations together use, for the semver verdict.
    """
    reports = []
    everything = Usage()
    for file in context.files:
        if not file.operations:
            continue
        document = with_used_fragments(list(file.document.definitions), context)  # type: ignore[arg-type]
        errors = [from_graphql_error(e, "GraphQL") for e in validate(new, document, specified_rules)]
        usage = operation_usage(old, document)
        everything.merge(usage)
        for operation in file.operations:
            report = OperationReport(file.name, operation.name.value if operation.name else "<anonymous>")
            if errors:
                report.status = "broken"
                report.reasons = [f"{d.location()}: {d.message}" for d in sorted(set(errors))]
            else:
                touched = [c for c in changes if usage.touches(c.coordinate)]
                if touched:
                    report.status = "affected"
                    report.reasons = [f"{c.level}: {c.message}" for c in touched]
            reports.append(report)
    return reports, everything
