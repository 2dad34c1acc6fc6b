"""Names with no safe Python mapping: reported before anything is written.

Most names are renamed deterministically by gio_codegen.naming (`$self` → `self_`, enum value
`mro` → `mro_`, field `model_config` → `model_config_`, `userId` + `user_id` → `user_id_2`,
`user_id`). What stays an error:

(Two variables of one operation that map to one parameter, `$id` and `$ID`, are numbered:
`id`, `id_2`; the GraphQL names stay on the wire.)
- two operations that map to one client method or result class;
- an enum or input type *that the operations use*, or a fragment, whose class would be named
  like a Python keyword, a builtin, or a name the generated modules import (`str`, `Optional`,
  `BaseModel`…), or collide with an operation's result class. Types no operation uses are not
  generated, and custom scalars get a safe alias (`scalar Upload` → `Upload_`,
  naming.scalar_alias): neither blocks a schema someone else owns.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLNamedType,
    Node,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    visit,
)

from gio_codegen.diagnostics import Diagnostic, at_node, at_offset
from gio_codegen.naming import method_name, result_class_name, type_name_problem
from gio_codegen.load.project import ProjectContext

RULE = "PythonSafeNames"


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    yield from _type_names(context)
    methods: dict[str, str] = {}
    classes = _class_names(context)
    for _file, operation in context.operations:
        if operation.name is None:
            continue
        name = operation.name.value
        method = method_name(name)
        if method in methods and methods[method] != name:
            yield at_node(operation.name, f"operations {methods[method]} and {name} both become method {method!r}", RULE)
        methods.setdefault(method, name)
        result_class = result_class_name(name, operation.operation.value)
        if result_class in classes:
            yield at_node(
                operation.name, f"operation {name}'s result class {result_class!r} clashes with {classes[result_class]}", RULE
            )


def _class_names(context: ProjectContext) -> dict[str, str]:
    """Class name → what defines it (schema enums, inputs, custom scalars, fragments)."""
    names = {name: f"type {name}" for name, _offset in context.schema_facts.class_types}
    for name in context.fragments:
        names.setdefault(name, f"fragment {name}")
    return names


def _used_class_types(context: ProjectContext) -> set[str]:
    """Enums and input types the operations and fragments reach (the ones ariadne-codegen writes)."""
    found: set[str] = set()

    def reach(type_: GraphQLNamedType) -> None:
        if type_.name in found or not isinstance(type_, (GraphQLEnumType, GraphQLInputObjectType)):
            return
        found.add(type_.name)
        if isinstance(type_, GraphQLInputObjectType):
            for field in type_.fields.values():
                reach(get_named_type(field.type))

    info = TypeInfo(context.schema)

    class Collect(Visitor):
        def enter(self, node: Node, *_args: object) -> None:
            for type_ in (info.get_type(), info.get_input_type()):
                if type_ is not None:
                    reach(get_named_type(type_))

    for file in context.files:
        visit(file.document, TypeInfoVisitor(info, Collect()))
    return found


def _type_names(context: ProjectContext) -> Iterator[Diagnostic]:
    scalars = {name for name, _offset in context.schema_facts.custom_scalars}
    suspects = [(name, offset) for name, offset in context.schema_facts.class_types
                if name not in scalars and type_name_problem(name)]
    used = _used_class_types(context) if suspects else set()  # the walk only when a name needs it
    for name, offset in suspects:
        if name not in used:
            continue
        problem = type_name_problem(name)
        if problem:
            message = f"type {name} becomes a Python class or type alias of that name, which {problem}; rename the type"
            if offset is None:
                yield at_node(None, message, RULE)
            else:
                yield at_offset(context.schema_text, context.schema_file, offset, message, RULE)
    for name, fragment in context.fragments.items():
        problem = type_name_problem(name)
        if problem:
            yield at_node(fragment.name, f"fragment {name} becomes a Python class of that name, which {problem}; rename it", RULE)
