"""The end-user command (`cli-name`): one click option per operation variable.

Decided here, in the generator, so cli.py.jinja stays a plain loop: each variable becomes
an option (required variable → required option, list → `multiple=True`, Boolean → an
`--x/--no-x` flag, enum → a choice), plus a Python expression turning the option's value
into the client method's argument. An input object whose fields are all leaves is spread
into one option per field (`--analysis-type FUNNELS`); any other input object is one JSON option.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    VariableNode,
    get_named_type,
    type_from_ast,
)

from gio_codegen.errors import UserError
from gio_codegen.generate.jobs import JobSupport
from gio_codegen.generate.spec import OperationSpec
from gio_codegen.load.config import DEFAULT_SCALAR_KIND, Config
from gio_codegen.naming import snake_case

# The command functions' own parameters: a variable may not take these names.
RESERVED = frozenset(
    {"cli_state", "output_dir", "encoding", "timeout", "poll", "keep_charset", "overwrite", "max_bytes", "download_timeout"}
)
_CLICK_TYPES = {"Int": "click.INT", "Float": "click.FLOAT", "int": "click.INT", "float": "click.FLOAT"}
_CONVERTERS = {"json": "_json", "datetime": "_datetime", "date": "_date"}


@dataclass(frozen=True)
class CliOption:
    decl: str  # "--project-id", "--detail-export/--no-detail-export"
    dest: str  # the command function's parameter
    annotation: str
    kwargs: str  # further click.option(...) keyword arguments, as Python source


@dataclass(frozen=True)
class CliArgument:
    name: str  # the client method's keyword
    expr: str  # builds it from the options' values


@dataclass
class CliCommand:
    name: str  # kebab-case command name
    function: str
    method: str  # client method called
    help: str
    options: list[CliOption] = field(default_factory=list)
    arguments: list[CliArgument] = field(default_factory=list)


def build_commands(
    operations: list[tuple[OperationDefinitionNode, OperationSpec]],
    schema: GraphQLSchema,
    config: Config,
    jobs: JobSupport | None,
    imports: defaultdict[str, set[str]],
) -> tuple[list[CliCommand], list[CliCommand]]:
    """(one command per operation, one `export` command per job flow), sorted by name."""
    commands, exports = [], []
    by_method = {spec.method: op for op, spec in operations}
    for op, spec in sorted(operations, key=lambda pair: pair[1].method):
        command = _command(op, spec, schema, config, imports)
        command.function = f"_{spec.method}_command"
        commands.append(command)
    for flow in jobs.flows if jobs else []:
        command = _command(by_method[flow.mutation.method], flow.mutation, schema, config, imports)
        command.name, command.method, command.function = flow.command, flow.name, f"_{flow.name}_command"
        command.help = f"{flow.summary}: submit the job, wait for it, download its files."
        exports.append(command)
    return commands, exports


def _command(
    op: OperationDefinitionNode, spec: OperationSpec, schema: GraphQLSchema, config: Config, imports: defaultdict[str, set[str]]
) -> CliCommand:
    command = CliCommand(spec.method.replace("_", "-"), "", spec.method, spec.docstring.split("\n\n")[0])
    helps = _argument_helps(op, schema)
    for definition in op.variable_definitions:
        name = definition.variable.name.value
        param = next(p for p in spec.params if p.graphql == name)
        if param.name in RESERVED:
            raise UserError.at(config.rel(config.queries), f"{spec.name}: variable ${name} clashes with the command's own options")
        type_ = cast(GraphQLInputType, type_from_ast(schema, definition.type))
        required = param.required
        named = get_named_type(type_)
        if isinstance(named, GraphQLInputObjectType):
            imports[".input_types"].add(named.name)
            if _spreadable(named, type_):
                command.arguments.append(_spread(command, param.name, named, required, config, imports))
                continue
            annotation = "str" if required else "str | None"
            command.options.append(CliOption(_flag(name), param.name, annotation, _kwargs(required, helps.get(name), "JSON")))
            model = f"_json_list({named.name})" if _is_list(type_) else named.name
            parse = f"{model}.validate_json" if _is_list(type_) else f"{model}.model_validate_json"
            command.arguments.append(CliArgument(param.name, _value(param.name, parse, False, required)))
            continue
        option, convert, multiple = _leaf_option(name, param.name, type_, required, helps.get(name), config, imports)
        command.options.append(option)
        command.arguments.append(CliArgument(param.name, _value(param.name, convert, multiple, required)))
    return command


def _leaf_option(
    name: str, dest: str, type_: GraphQLInputType, required: bool, help_: str | None, config: Config,
    imports: defaultdict[str, set[str]],
) -> tuple[CliOption, str | None, bool]:
    """The option for a scalar or enum (or a list of them), and how to convert its value."""
    multiple = _is_list(type_)
    named = get_named_type(type_)
    python, click_type, convert = "str", None, None
    if isinstance(named, GraphQLEnumType):
        imports[".enums"].add(named.name)
        click_type = f"click.Choice({list(named.values)!r})"
        convert = named.name
    elif isinstance(named, GraphQLScalarType):
        builtin = named.name in ("String", "ID", "Int", "Float", "Boolean")
        kind = "str" if named.name in ("String", "ID") else (DEFAULT_SCALAR_KIND if builtin else config.scalar_kind(named.name))
        if kind == "upload":  # a file: a path the command line checks, streamed by the client
            click_type = "click.Path(exists=True, dir_okay=False, path_type=Path)"
            annotation = "tuple[Path, ...]" if multiple else ("Path" if required else "Path | None")
            return CliOption(_flag(name), dest, annotation, _kwargs(required, help_, None, click_type, multiple)), None, multiple
        if named.name == "Boolean" or kind == "bool":
            if not multiple:
                decl = f"{_flag(name)}/--no-{_flag(name)[2:]}"
                default = "False" if required else "None"
                option = CliOption(decl, dest, "bool" if required else "bool | None", f"default={default}, help={help_!r}")
                return option, None, False
            python, click_type = "bool", "click.BOOL"
        elif named.name in _CLICK_TYPES or kind in _CLICK_TYPES:
            click_type = _CLICK_TYPES.get(named.name) or _CLICK_TYPES[kind]
            python = "int" if click_type == "click.INT" else "float"
        else:
            convert = _CONVERTERS.get(kind)
    annotation = f"tuple[{python}, ...]" if multiple else (python if required else f"{python} | None")
    kwargs = _kwargs(required, help_, None, click_type, multiple)
    return CliOption(_flag(name), dest, annotation, kwargs), convert, multiple


def _spread(
    command: CliCommand, dest: str, type_: GraphQLInputObjectType, required: bool, config: Config,
    imports: defaultdict[str, set[str]],
) -> CliArgument:
    """One option per field of a leaf-only input object; the argument is built with model_validate."""
    taken = {option.dest for option in command.options} | RESERVED | {dest}
    entries = []
    for field_name, input_field in type_.fields.items():
        option_dest = snake_case(field_name)
        option_name = field_name
        if option_dest in taken:
            option_dest, option_name = f"{dest}_{option_dest}", f"{dest}_{field_name}"
        taken.add(option_dest)
        field_required = required and isinstance(input_field.type, GraphQLNonNull) and input_field.default_value is Undefined
        option, convert, multiple = _leaf_option(
            option_name, option_dest, input_field.type, field_required, input_field.description, config, imports
        )
        if isinstance(get_named_type(input_field.type), GraphQLEnumType):
            convert = None  # the model validates the raw name
        command.options.append(option)
        entries.append(f"{field_name!r}: {_value(option_dest, convert, multiple, False)}")
    helper = "_input" if required else "_optional_input"
    return CliArgument(dest, f"{helper}({type_.name}, {{{', '.join(entries)}}})")


def _spreadable(type_: GraphQLInputObjectType, full: GraphQLInputType) -> bool:
    if _is_list(full):
        return False
    return all(not isinstance(get_named_type(f.type), GraphQLInputObjectType) for f in type_.fields.values())


def _value(dest: str, convert: str | None, multiple: bool, required: bool) -> str:
    """Python source turning an option's value into the method's argument."""
    if multiple:
        items = f"[{convert}(v) for v in {dest}]" if convert else f"list({dest})"
        return items if required else f"({items} or None)"
    if convert is None:
        return dest
    return f"{convert}({dest})" if required else f"_maybe({convert}, {dest})"


def _kwargs(required: bool, help_: str | None, metavar: str | None, click_type: str | None = None, multiple: bool = False) -> str:
    parts = []
    if click_type:
        parts.append(f"type={click_type}")
    if required:
        parts.append("required=True")
    if multiple:
        parts.append("multiple=True")
    if metavar:
        parts.append(f"metavar={metavar!r}")
    parts.append(f"help={(help_ or '') + (' (repeatable)' if multiple else '')!r}")
    return ", ".join(parts)


def _flag(name: str) -> str:
    return "--" + snake_case(name).replace("_", "-")


def _is_list(type_: GraphQLInputType) -> bool:
    return isinstance(type_.of_type if isinstance(type_, GraphQLNonNull) else type_, GraphQLList)


def _argument_helps(op: OperationDefinitionNode, schema: GraphQLSchema) -> dict[str, str]:
    """Variable name → description of the root-field argument it is passed to."""
    root_type = schema.get_root_type(op.operation)
    helps: dict[str, str] = {}
    for selection in op.selection_set.selections:
        if not isinstance(selection, FieldNode) or root_type is None or selection.name.value not in root_type.fields:
            continue
        field = root_type.fields[selection.name.value]
        for argument in selection.arguments:
            schema_arg = field.args.get(argument.name.value)
            if isinstance(argument.value, VariableNode) and schema_arg and schema_arg.description:
                helps.setdefault(argument.value.name.value, schema_arg.description)
    return helps
