"""What the templates need to know about each operation (names, parameters, returns)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    ListTypeNode,
    get_named_type,
    NonNullTypeNode,
    OperationDefinitionNode,
    TypeNode,
    VariableNode,
)

from gio_codegen.generate.model_result import SCALARS_MODULE, ModelResult
from gio_codegen.load.config import Config
from gio_codegen.naming import method_name, parameter_name, scalar_alias, unique

_BUILTIN_SCALARS = {"String": "str", "ID": "str", "Int": "int", "Float": "float", "Boolean": "bool"}


@dataclass
class Param:
    name: str  # the keyword-only parameter (naming.parameter_name: `$self` → `self_`)
    graphql: str  # the variable's own name, which the request sends
    annotation: str
    required: bool
    checks: list[str] = field(default_factory=list)
    str_like: bool = False  # a `str` in Python (String, ID, a str-kind scalar): "..." is a valid example
    upload: bool = False  # an upload scalar, or an input object or list that can hold one (uploads.py)


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
    def uploads(self) -> bool:
        """Whether its variables can hold files: then it is sent as a multipart request when they do."""
        return any(p.upload for p in self.params)

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

    @property
    def example_arguments(self) -> str | None:
        """`project_id="..."` for the README's examples; None when a required argument is not a string."""
        required = [p for p in self.params if p.required]
        if not all(p.str_like for p in required):
            return None
        return ", ".join(f'{p.name}="..."' for p in required)

    @property
    def list_item(self) -> str | None:
        """`Tag` when the method returns `list[Tag | None] | None` (or `list[Tag] | None`)."""
        match = re.fullmatch(r"list\[(\w+)( \| None)?\] \| None", self.return_annotation)
        return match.group(1) if match else None


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
    taken: set[str] = set()  # `$id` and `$ID` are two variables: `id` and `id_2` (the wire names stay)
    for definition in operation.variable_definitions:
        annotation, named = _annotation(definition.type, schema, imports)
        mapping = config.scalars.get(named)
        checks = [f"check_{scalar_alias(named)}"] if mapping and mapping.pattern else []
        for check in checks:
            imports["." + SCALARS_MODULE].add(check)
        params.append(
            Param(
                name=unique(parameter_name(definition.variable.name.value), taken),
                graphql=definition.variable.name.value,
                annotation=annotation,
                required=isinstance(definition.type, NonNullTypeNode) and definition.default_value is None,
                checks=checks,
                str_like=annotation.removesuffix(" | None") == "str" or bool(mapping and mapping.kind == "str" and "[" not in annotation),
                upload=_holds_upload(schema.type_map[named], config),
            )
        )
    params.sort(key=lambda p: not p.required)
    for module, names in model.imports.items():
        imports[module].update(names)
    root = _single_root_field(operation)
    root_type = schema.get_root_type(operation.operation)
    description = ""
    returned = ""
    if root and root_type and root in root_type.fields:
        description = root_type.fields[root].description or ""
        returned = get_named_type(root_type.fields[root].type).description or ""
    summary = description or f"Run the {name} {operation.operation.value}."
    helps = _argument_helps(operation, schema)
    checked = sorted({check.removeprefix("check_") for p in params for check in p.checks})
    return OperationSpec(
        name=name,
        method=method_name(name),
        is_mutation=operation.operation.value == "mutation",
        document=document,
        params=params,
        model=model,
        docstring=_docstring(summary, name, operation.operation.value, params, helps, model, returned, checked, config),
        root_field=root,
        is_subscription=operation.operation.value == "subscription",
    )


def _docstring(
    summary: str, name: str, kind: str, params: list[Param], helps: dict[str, str], model: ModelResult,
    returned: str, checked: list[str], config: Config,
) -> str:
    """Google style: the schema's description, Args from the arguments' descriptions, Returns, Raises."""
    lines = [summary, "", f"Sends `{name}` ({kind})."]
    uploads = any(p.upload for p in params)
    if uploads:
        lines += [
            "",
            "Files (a path, bytes, a binary file object or an `UploadFile`) are streamed in a multipart",
            "request (uploads.py); without files the request is JSON. A path is reopened and a seekable",
            "file object rewound for each attempt; a file object that cannot seek (a pipe) is not sent",
            "again once read." + (" A mutation is retried only after a refused connection, unless" if kind == "mutation" else ""),
        ]
        if kind == "mutation":
            lines.append("`RetryPolicy(retry_mutations=True)`.")
    if params:
        lines += ["", "Args:"]
        for p in params:
            help_ = " ".join(helps.get(p.graphql, "").split()) or f"`${p.graphql}`."
            lines.append(f"    {p.name}: {help_}{'' if p.required else ' Optional.'}")
    returns = " ".join(returned.split())
    lines += ["", "Returns:", f"    `{model.return_annotation}`" + (f": {returns}" if returns else ".")]
    lines += ["", "Raises:"]
    if checked:
        lines.append(f"    InvalidArgument: a malformed {' or '.join(checked)}, before anything is sent.")
    if uploads:
        lines.append("    InvalidArgument: a path that is missing or a directory, or a file in text mode, before anything is sent.")
    lines += [
        "    GraphQLResponseError: the response carried `errors`.",
        "    AuthError: the credentials were rejected.",
        f"    {config.client_name}Error: any other failure (TransportError, HTTPError, InvalidResponseError).",
    ]
    return "\n".join(lines)


def _holds_upload(type_: object, config: Config, seen: set[str] | None = None) -> bool:
    """An upload scalar, or an input object with a field that can hold one (through lists and other inputs)."""
    if isinstance(type_, GraphQLScalarType):
        return config.scalar_kind(type_.name) == "upload" and type_.name not in _BUILTIN_SCALARS
    if not isinstance(type_, GraphQLInputObjectType):
        return False
    seen = seen if seen is not None else set()
    if type_.name in seen:
        return False
    seen.add(type_.name)
    return any(_holds_upload(get_named_type(field_.type), config, seen) for field_ in type_.fields.values())


def _argument_helps(op: OperationDefinitionNode, schema: GraphQLSchema) -> dict[str, str]:
    """Variable name → description of the root-field argument it is passed to (as the CLI's help)."""
    root_type = schema.get_root_type(op.operation)
    helps: dict[str, str] = {}
    for selection in op.selection_set.selections:
        if not isinstance(selection, FieldNode) or root_type is None or selection.name.value not in root_type.fields:
            continue
        field_ = root_type.fields[selection.name.value]
        for argument in selection.arguments:
            schema_arg = field_.args.get(argument.name.value)
            if isinstance(argument.value, VariableNode) and schema_arg and schema_arg.description:
                helps.setdefault(argument.value.name.value, schema_arg.description)
    return helps


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
