"""What the templates need to know about each operation (names, parameters, returns)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    ListTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    TypeNode,
)

from gio_codegen.generate.model_result import SCALARS_MODULE, ModelResult
from gio_codegen.load.config import Config
from gio_codegen.naming import method_name, parameter_name, scalar_alias

_BUILTIN_SCALARS = {"String": "str", "ID": "str", "Int": "int", "Float": "float", "Boolean": "bool"}


@dataclass
class Param:
    name: str  # the keyword-only parameter (naming.parameter_name: `$self` → `self_`)
    graphql: str  # the variable's own name, which the request sends
    annotation: str
    required: bool
    checks: list[str] = field(default_factory=list)


@dataclass
class OperationSpec:
    name: str
    method: str
    is_mutation: bool
    document: str
    params: list[Param]
    model: ModelResult
    docstring: str
    root_field: str | None
    is_subscription: bool = False

    @property
    def document_const(self) -> str:
        return self.method.upper() + "_DOCUMENT"

    @property
    def result_class(self) -> str:
        return self.model.result_class

    @property
    def root_attribute(self) -> str | None:
        return self.model.root_attribute

    @property
    def return_annotation(self) -> str:
        return self.model.return_annotation


def build_spec(
    operation: OperationDefinitionNode,
    document: str,
    model: ModelResult,
    schema: GraphQLSchema,
    config: Config,
    imports: defaultdict[str, set[str]],
) -> OperationSpec:
    name = operation.name.value if operation.name else "Anonymous"
    params = []
    for definition in operation.variable_definitions:
        annotation, named = _annotation(definition.type, schema, imports)
        mapping = config.scalars.get(named)
        checks = [f"check_{scalar_alias(named)}"] if mapping and mapping.pattern else []
        for check in checks:
            imports["." + SCALARS_MODULE].add(check)
        params.append(
            Param(
                name=parameter_name(definition.variable.name.value),
                graphql=definition.variable.name.value,
                annotation=annotation,
                required=isinstance(definition.type, NonNullTypeNode) and definition.default_value is None,
                checks=checks,
            )
        )
    params.sort(key=lambda p: not p.required)
    for module, names in model.imports.items():
        imports[module].update(names)
    root = _single_root_field(operation)
    root_type = schema.get_root_type(operation.operation)
    description = ""
    if root and root_type and root in root_type.fields:
        description = root_type.fields[root].description or ""
    summary = description or f"Run the {name} {operation.operation.value}."
    return OperationSpec(
        name=name,
        method=method_name(name),
        is_mutation=operation.operation.value == "mutation",
        document=document,
        params=params,
        model=model,
        docstring=f"{summary}\n\nSends `{name}` ({operation.operation.value}).",
        root_field=root,
        is_subscription=operation.operation.value == "subscription",
    )


def _single_root_field(operation: OperationDefinitionNode) -> str | None:
    selections = operation.selection_set.selections
    if len(selections) == 1 and isinstance(selections[0], FieldNode):
        return selections[0].name.value
    return None


def _annotation(node: TypeNode, schema: GraphQLSchema, imports: defaultdict[str, set[str]], nullable: bool = True) -> tuple[str, str]:
    """Python annotation for a variable type, and the named GraphQL type at its core."""
    if isinstance(node, NonNullTypeNode):
        return _annotation(node.type, schema, imports, nullable=False)
    if isinstance(node, ListTypeNode):
        inner, named = _annotation(node.type, schema, imports)
        text = f"list[{inner}]"
    else:
        named = node.name.value  # type: ignore[attr-defined]
        type_ = schema.type_map[named]
        if named in _BUILTIN_SCALARS:
            text = _BUILTIN_SCALARS[named]
        elif isinstance(type_, GraphQLScalarType):
            text = scalar_alias(named)
            imports["." + SCALARS_MODULE].add(text)
        elif isinstance(type_, GraphQLEnumType):
            imports[".enums"].add(named)
            text = named
        elif isinstance(type_, GraphQLInputObjectType):
            imports[".input_types"].add(named)
            text = named
        else:  # pragma: no cover - rejected by VariablesAreInputTypes
            text = "Any"
    return (f"{text} | None" if nullable else text), named
