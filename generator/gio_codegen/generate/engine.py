"""ariadne-codegen in-process: the pydantic models for every operation.

We feed the engine our already-built, already-validated schema and parsed
documents (its CLI would parse the schema a second time and build custom-field
generators nobody uses) and ask it for models only: the clients around the
models are rendered from our own templates (sync + async from one template,
root fields unwrapped, mutations known as such, `mypy --strict` clean).
ariadne-codegen is pinned to one version because we call its package API.
Imported only when models are not remembered (models.py): it brings pydantic.
Every use of ariadne-codegen's internals is in this module and naming_plugin.py, each
pinned by a contract test in tests/test_engine_contract.py.
"""

from __future__ import annotations

import ast
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ariadne_codegen import utils as ariadne_utils
from ariadne_codegen.client_generators import input_fields as ariadne_input_fields
from ariadne_codegen.client_generators import package as ariadne_package
from ariadne_codegen.client_generators import result_types as ariadne_result_types
from ariadne_codegen.client_generators.scalars import ScalarData
from ariadne_codegen.exceptions import CodeGenException as AriadneCodegenError
from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.plugins.manager import PluginManager
from ariadne_codegen.settings import CommentsStrategy, ModelsOnlySettings
from graphql import (
    GraphQLInputField,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    get_named_type,
    Undefined,
    is_non_null_type,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLScalarType,
    GraphQLSchema,
    NameNode,
    OperationDefinitionNode,
    specified_scalar_types,
)

from gio_codegen.diagnostics import at_node
from gio_codegen.errors import UserError
from gio_codegen.naming import scalar_alias
from gio_codegen.generate.model_result import COMPAT_MODULE, SCALARS_MODULE, ModelResult, operation_result_class
from gio_codegen.generate.naming_plugin import CONFIG_KEY, TYPE_NAMES_KEY, SafeNames


def run_engine(
    schema: GraphQLSchema,
    operations: list[OperationDefinitionNode],
    fragments: list[FragmentDefinitionNode],
    *,
    schema_path: Path,
    target: Path,
    package: str,
    exports: dict[str, list[str]],
    type_names: frozenset[str] | None = None,
) -> dict[str, ModelResult]:
    """Write the models package into `target/package`; return per-operation facts."""
    settings = ModelsOnlySettings(
        schema_path=schema_path.as_posix(),
        target_package_name=package,
        target_package_path=target.as_posix(),
        include_comments=CommentsStrategy.NONE,
        scalars=_scalar_data(schema),
        include_all_inputs=False,
        include_all_enums=False,
        show_deprecation_warnings=False,
        # pydantic builds each model's validator on first use, not at import: importing the
        # client costs little more than importing pydantic and httpx (benchmarks/results.md).
        defer_model_build=True,
    )
    plugins = PluginManager(
        schema=schema,
        config_dict={CONFIG_KEY: [*operations, *fragments], TYPE_NAMES_KEY: type_names},
        plugins_types=[SafeNames, ForwardCompatibleEnums, ServerDefaults, PipeUnions],
    )
    with _upload_as_custom_scalar():
        generator = ariadne_package.get_package_generator(schema=schema, fragments=fragments, settings=settings, plugin_manager=plugins)
    for module_name, names in exports.items():
        generator.init_generator.add_import(names, module_name, 1)
    renamed = {}
    with _without_unused_engine_work():
        for operation in operations:
            class_name = operation_result_class(operation)
            renamed[class_name] = operation
            with _engine_limits(operation):
                generator.add_operation(operation.__class__(**{**_node_fields(operation), "name": NameNode(value=class_name)}))
        # Enums used only as variable types: the models-only engine never registers them, yet the clients import them.
        generator._used_enums.extend(generator.arguments_generator.get_used_enums())  # type: ignore[union-attr]  # noqa: SLF001
        with _engine_limits(operations[0] if operations else None):
            generator.generate()
    results = {}
    for file_name, module in generator._result_types_files.items():  # noqa: SLF001 - see module docstring
        module_name = file_name.removesuffix(".py")
        class_name = next(n.name for n in module.body if isinstance(n, ast.ClassDef))
        operation = renamed[class_name]
        results[operation.name.value if operation.name else class_name] = _model_result(module, module_name, class_name, operation)
    return results


@contextmanager
def _upload_as_custom_scalar() -> Iterator[None]:
    """ariadne-codegen types input fields of `scalar Upload` as its own `Upload` class, which the
    models-only engine neither writes nor imports (a NameError at import). Without that entry of
    its input-scalar map they get the alias every custom scalar gets (`.scalars.Upload_`, which
    uploads.py sends as a file)."""
    input_scalars: dict[str, str] = ariadne_input_fields.INPUT_SCALARS_MAP  # type: ignore[attr-defined]
    ariadne_input_fields.INPUT_SCALARS_MAP = {k: v for k, v in input_scalars.items() if k != "Upload"}  # type: ignore[attr-defined]
    try:
        yield
    finally:
        ariadne_input_fields.INPUT_SCALARS_MAP = input_scalars  # type: ignore[attr-defined]


@contextmanager
def _without_unused_engine_work() -> Iterator[None]:
    """Switch off two things the models-only engine does for nothing, for the duration of one run.

    It prints every operation back to a string (deep-copying its AST to strip a directive) for a
    client it will not write: ~40 % of its time on our corpora. And it formats each batch of
    modules, and its base model, with ruff, while we format the whole tree once anyway
    (format.py): three process spawns of pure cost.
    """
    result_types = ariadne_result_types.ResultTypesGenerator
    operation_str = result_types.get_operation_as_str
    format_many, format_code = ariadne_package.format_many, ariadne_utils.format_code  # type: ignore[attr-defined]
    result_types.get_operation_as_str = lambda self: ""  # type: ignore[method-assign]
    ariadne_package.format_many = lambda codes, **_: list(codes)  # type: ignore[attr-defined]
    ariadne_utils.format_code = lambda code, **_: code
    try:
        yield
    finally:
        result_types.get_operation_as_str = operation_str  # type: ignore[method-assign]
        ariadne_package.format_many, ariadne_utils.format_code = format_many, format_code  # type: ignore[attr-defined]


@contextmanager
def _engine_limits(operation: OperationDefinitionNode | None) -> Iterator[None]:
    """A selection that passed validation but that ariadne-codegen cannot model is reported
    as a diagnostic at the operation (never a traceback); nothing has been written yet."""
    try:
        yield
    except (AriadneCodegenError, KeyError, NotImplementedError, AttributeError, StopIteration) as error:
        if not _raised_by_engine(error):
            raise  # a bug of ours (the naming plugin, this adapter): never blamed on the operation
        detail = f"{type(error).__name__}: {error}"
        message = f"ariadne-codegen cannot generate models for this operation ({detail}); simplify its selection"
        if operation is None:
            raise UserError.at("<operations>", message, code="EngineLimitation") from None
        raise UserError([at_node(operation, message, "EngineLimitation")]) from None


def _raised_by_engine(error: BaseException) -> bool:
    """True when the innermost frame of the traceback is ariadne-codegen's own code."""
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and f"{os.sep}ariadne_codegen{os.sep}" in frames[-1].filename


def _node_fields(node: Any) -> dict[str, Any]:
    return {key: getattr(node, key) for key in node.keys}


def _scalar_data(schema: GraphQLSchema) -> dict[str, ScalarData]:
    """Every custom scalar maps to its alias in the generated `scalars` module (naming.scalar_alias)."""
    return {
        name: ScalarData(type_=f".{SCALARS_MODULE}.{scalar_alias(name)}")
        for name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLScalarType) and name not in specified_scalar_types
    }


def _model_result(module: ast.Module, module_name: str, class_name: str, operation: OperationDefinitionNode) -> ModelResult:
    result_class = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    fields = [n for n in result_class.body if isinstance(n, ast.AnnAssign)]
    single_root = len(operation.selection_set.selections) == 1 and isinstance(operation.selection_set.selections[0], FieldNode)
    if not (single_root and len(fields) == 1 and isinstance(fields[0].target, ast.Name)):
        return ModelResult(module_name, class_name, None, class_name, {"." + module_name: [class_name]})
    aliases = _aliases(module)
    annotation = _resolved(_piped(_unquote(fields[0].annotation)), aliases)
    imports: dict[str, list[str]] = {"." + module_name: [class_name]}
    origins = _name_origins(module, module_name)
    for name in sorted({n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)}):
        origin = origins.get(name)
        if origin is not None:
            imports.setdefault(origin, []).append(name)
    return ModelResult(module_name, class_name, fields[0].target.id, ast.unparse(annotation), imports)


def _aliases(module: ast.Module) -> dict[str, str]:
    """`TagsQueryTags = Tag` → {"TagsQueryTags": "Tag"}: the engine's names for a bare fragment."""
    return {
        node.targets[0].id: node.value.id
        for node in module.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Name)
    }


def _resolved(annotation: ast.expr, aliases: dict[str, str]) -> ast.expr:
    """The annotation with the engine's aliases replaced by the models they name (`list[Tag | None] | None`)."""

    class Resolve(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            name = node.id
            while name in aliases:
                name = aliases[name]
            return ast.Name(id=name, ctx=node.ctx)

    return Resolve().visit(annotation)  # type: ignore[no-any-return]


def _unquote(annotation: ast.expr) -> ast.expr:
    """Forward references ("TagsQueryTags") become plain names in the client module."""

    class Unquote(ast.NodeTransformer):
        def visit_keyword(self, node: ast.keyword) -> ast.AST:
            return node  # Field(discriminator="typename__") on unions/interfaces: a value, not a type

        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            if isinstance(node.value, str):
                return ast.Name(id=node.value, ctx=ast.Load())
            return node

    return Unquote().visit(ast.parse(ast.unparse(annotation), mode="eval").body)  # type: ignore[no-any-return]


def _name_origins(module: ast.Module, module_name: str) -> dict[str, str]:
    """Name → module to import it from (`typing`, `.enums`, or the result module itself)."""
    origins: dict[str, str] = {}
    for node in module.body:
        if isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            for alias in node.names:
                origins[alias.asname or alias.name] = source
        elif isinstance(node, ast.ClassDef):
            origins[node.name] = "." + module_name
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    origins[target.id] = "." + module_name
    return origins


def pipe_unions(module: ast.Module) -> ast.Module:
    """`Optional[X]` → `X | None` and `Union[A, B]` → `A | B` in every annotation of a models
    module, forward references unquoted under `from __future__ import annotations` (pydantic
    resolves them the same way as the quoted ones): one style across the generated package."""

    class Rewrite(ast.NodeTransformer):
        def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
            node.annotation = _piped(node.annotation)
            if node.value is not None:
                node.value = self.visit(node.value)
            return node

    module = Rewrite().visit(module)
    used = {n.id for n in ast.walk(module) if isinstance(n, ast.Name)}
    body: list[ast.stmt] = [ast.ImportFrom(module="__future__", names=[ast.alias(name="annotations")], level=0)]
    for node in module.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "typing" and node.level == 0:
            node.names = [alias for alias in node.names if (alias.asname or alias.name) in used]
            if not node.names:
                continue
        body.append(node)
    module.body = body
    return module


def _piped(annotation: ast.expr) -> ast.expr:
    """One annotation in the `X | None` style, with its forward references unquoted."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return _piped(ast.parse(annotation.value, mode="eval").body)
    if isinstance(annotation, ast.Name) and annotation.id[:1] in "'\"":  # how ariadne-codegen spells some
        return ast.Name(annotation.id.strip("'\""), ast.Load())
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name):
        name = annotation.value.id
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if name == "Optional" and len(items) == 1:
            return ast.BinOp(_piped(items[0]), ast.BitOr(), ast.Constant(None))
        if name == "Union" and items:
            result = _piped(items[0])
            for item in items[1:]:
                result = ast.BinOp(result, ast.BitOr(), _piped(item))
            return result
        if name == "Literal":
            return annotation  # its strings are values, not forward references
        piped = [item if isinstance(item, ast.Call) else _piped(item) for item in items]  # Field(...) stays as is
        annotation.slice = ast.Tuple(piped, ast.Load()) if isinstance(annotation.slice, ast.Tuple) else piped[0]
        return annotation
    if isinstance(annotation, ast.BinOp):
        return ast.BinOp(_piped(annotation.left), annotation.op, _piped(annotation.right))
    return annotation


def _documented(module: ast.Module, docs: dict[str, str], default: str) -> ast.Module:
    """Every class gets a one-line docstring: `docs[name]`, else `default` (formatted with the name)."""
    for node in module.body:
        if isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None:
            text = " ".join((docs.get(node.name) or default.format(name=node.name)).split())
            body = [stmt for stmt in node.body if not isinstance(stmt, ast.Pass)]
            node.body = [ast.Expr(ast.Constant(text)), *body]
    return module


class PipeUnions(Plugin):
    """Applies `pipe_unions` to the result-type, fragment and input modules, and gives each of
    their classes a short docstring (the schema type's description where there is one)."""

    def _type_doc(self, type_name: str, what: str) -> str:
        type_ = self.schema.type_map.get(type_name)
        description = " ".join(((type_.description if type_ else None) or "").split())
        return f"{what} (schema type `{type_name}`)" + (f": {description}" if description else ".")

    def generate_result_types_module(self, module: ast.Module, operation_definition: Any) -> ast.Module:
        kind = getattr(getattr(operation_definition, "operation", None), "value", "operation")
        docs = {}
        for node in module.body:
            if isinstance(node, ast.ClassDef):
                docs[node.name] = f"The data of one `{node.name}` response (the {kind}'s selection)."
                break
        return _documented(pipe_unions(module), docs, "Part of an operation's selection: `{name}`.")

    def generate_fragments_module(self, module: ast.Module, fragments_definitions: Any = None) -> ast.Module:
        docs = {}
        for name, definition in (fragments_definitions or {}).items():
            condition = definition.type_condition.name.value
            class_name = name[:1].upper() + name[1:]
            docs[class_name] = self._type_doc(condition, f"The `{name}` fragment")
        return _documented(pipe_unions(module), docs, "Part of a fragment's selection: `{name}`.")

    def generate_inputs_module(self, module: ast.Module) -> ast.Module:
        docs = {name: self._type_doc(name, "An input") for name in self.schema.type_map}
        return _documented(pipe_unions(module), docs, "An input: `{name}`.")


class ServerDefaults(Plugin):
    """A nullable input field whose schema default ariadne-codegen cannot copy as a typed Python
    value defaults to None instead: left out of the request, so the server applies its default.

    Two such copies: a custom scalar's default stays the GraphQL literal (`Date = "1984-06-21"`,
    a str), and `lambda: [1, 2]` for `[Int]` is a `list[int]`, which mypy rejects for
    `list[int | None]`. Sending nothing means exactly what the schema says; every other default
    (enums, non-null lists, built-in scalars) stays visible in the model.
    """

    def generate_input_field(
        self, field_implementation: ast.AnnAssign, input_field: GraphQLInputField, field_name: str
    ) -> ast.AnnAssign:
        value = field_implementation.value
        if is_non_null_type(input_field.type) or input_field.default_value is Undefined or value is None:
            return field_implementation
        named = get_named_type(input_field.type)
        custom_scalar = isinstance(named, GraphQLScalarType) and named.name not in specified_scalar_types
        if not (custom_scalar or _nullable_list_items(input_field.type)):
            return field_implementation
        if isinstance(value, ast.Call):  # Field(alias=…, default…=…)
            value.keywords = [k for k in value.keywords if k.arg not in ("default", "default_factory")]
            value.keywords.append(ast.keyword(arg="default", value=ast.Constant(value=None)))
        else:  # a bare default
            field_implementation.value = ast.Constant(value=None)
        return field_implementation


def _nullable_list_items(type_: GraphQLInputType) -> bool:
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        if isinstance(type_, GraphQLList) and not is_non_null_type(type_.of_type):
            return True
        type_ = type_.of_type
    return False


class ForwardCompatibleEnums(Plugin):
    """A newer server may send an enum value this client has never seen; keep it, don't crash."""

    def generate_enum(self, class_def: ast.ClassDef, enum_type: GraphQLEnumType) -> ast.ClassDef:
        if ast.get_docstring(class_def) is None:
            description = " ".join((enum_type.description or "").split())
            text = f"The schema's `{enum_type.name}` enum" + (f": {description}" if description else ".")
            class_def.body.insert(0, ast.Expr(ast.Constant(text)))
        method = ast.parse(
            "@classmethod\n"
            f'def _missing_(cls, value: object) -> "{class_def.name} | None":\n'
            f"    return unknown_member(cls, value)\n"
        ).body[0]
        class_def.body.append(method)
        return class_def

    def generate_enums_module(self, module: ast.Module) -> ast.Module:
        module.body.insert(0, ast.parse(f"from .{COMPAT_MODULE} import unknown_member").body[0])
        return module
