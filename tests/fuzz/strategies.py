"""Hypothesis strategies: random valid schemas (SDL text) and random valid operations over them.

Schemas have objects, interfaces, unions, inputs (with defaults), enums, lists, non-null and
custom scalars, with adversarial names (Python keywords, builtins, pydantic / Enum internals,
names colliding after snake_casing) and adversarial descriptions (quotes, triple quotes,
backslashes, newlines, control characters, code). Operations select random fields with
adversarial aliases, string literals and variables (`$self`, `$class`…).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

from gio_codegen.naming import parameter_name, type_name_problem

ADVERSARIAL = [
    "self", "kwargs", "class", "mro", "name", "value", "model_config", "model_dump", "json", "copy", "dict",
    "schema", "list", "type", "id", "str", "userId", "user_id", "UserId", "_", "_x", "x", "match", "case",
    "None", "title", "count", "fields", "data", "operations", "timeout", "async", "await", "from", "import",
    "typename", "Field", "Optional", "_missing_", "lambda", "print", "a1", "a_1", "A1", "validate", "register",
]
ENUM_ADVERSARIAL = [n for n in ADVERSARIAL if n not in ("true", "false", "null")]
ADVERSARIAL_TEXT = [
    '"""', "'''", "\\", '\\"""', "it's", 'a "quoted" word', "a\nb", "\r\n", "\t", "\x00", "\x7f", "\u2028",
    "é", "日本語", "😀", "{{ jinja }}", "{% raw %}", "# comment", '"; import os; os._exit(3); "',
    '"""\nimport os\nos._exit(3)\n"""', "\\n", "$", "\\u0041",
]
BUILTIN_SCALARS = ["String", "Int", "Float", "Boolean", "ID"]

names = st.from_regex(r"[a-z][A-Za-z0-9_]{0,6}", fullmatch=True) | st.sampled_from(ADVERSARIAL)
texts = st.lists(st.sampled_from(ADVERSARIAL_TEXT) | st.text(max_size=6), max_size=4).map("".join)


def graphql_string(text: str) -> str:
    """A GraphQL string literal whose value is exactly `text` (JSON string syntax is valid GraphQL)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Schema:
    sdl: str
    scalars: list[str]
    enums: dict[str, list[str]]
    inputs: dict[str, dict[str, str]]  # input → field → type
    fields: dict[str, dict[str, tuple[str, dict[str, str]]]]  # object/interface → field → (type, args)
    interfaces: dict[str, list[str]]  # interface → implementing objects
    unions: dict[str, list[str]]
    query_fields: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)


def _unique(draw: st.DrawFn, strategy: st.SearchStrategy[str], count: int, exclude: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    return draw(st.lists(strategy.filter(lambda n: n not in exclude), min_size=count, max_size=count, unique=True))


def _type_names(draw: st.DrawFn, count: int) -> list[str]:
    raw = st.from_regex(r"[A-Z][A-Za-z0-9]{1,6}", fullmatch=True) | st.sampled_from(["Kind", "Mro", "Name", "Self", "Data"])
    safe = raw.filter(lambda n: type_name_problem(n) is None and not n.endswith(("Query", "Mutation")))
    return draw(st.lists(safe, min_size=count, max_size=count, unique=True))


def _wrap(draw: st.DrawFn, named: str) -> str:
    type_ = named
    if draw(st.booleans()):
        type_ += "!" if draw(st.booleans()) else ""
        type_ = f"[{type_}]"
    if draw(st.booleans()):
        type_ += "!"
    return type_


def _description(draw: st.DrawFn, indent: str = "") -> str:
    if not draw(st.booleans()):
        return ""
    return f"{indent}{graphql_string(draw(texts))}\n"


@st.composite
def schemas(draw: st.DrawFn) -> Schema:
    counts = draw(st.tuples(*(st.integers(lo, hi) for lo, hi in [(0, 2), (0, 2), (1, 4), (0, 2), (0, 2), (0, 2)])))
    n_scalars, n_enums, n_objects, n_interfaces, n_unions, n_inputs = counts
    all_names = _type_names(draw, sum(counts))
    it = iter(all_names)
    scalars = [next(it) for _ in range(n_scalars)]
    enums = {next(it): _unique(draw, st.sampled_from(ENUM_ADVERSARIAL) | names, draw(st.integers(1, 4)), {"true", "false", "null"})
             for _ in range(n_enums)}
    objects = [next(it) for _ in range(n_objects)]
    interfaces = {next(it): [] for _ in range(n_interfaces)}  # type: ignore[var-annotated]
    unions = {next(it): sorted(draw(st.sets(st.sampled_from(objects), min_size=1))) for _ in range(n_unions)}
    inputs: dict[str, dict[str, str]] = {next(it): {} for _ in range(n_inputs)}
    leaves = BUILTIN_SCALARS + scalars + list(enums)
    outputs = leaves + objects + list(interfaces) + list(unions)
    input_types = leaves + list(inputs)

    sdl: list[str] = []
    for scalar in scalars:
        sdl.append(f"{_description(draw)}scalar {scalar}\n")
    for enum, values in enums.items():
        body = "".join(
            f"{_description(draw, '  ')}  {v}" + (f" @deprecated(reason: {graphql_string(draw(texts))})" if draw(st.booleans()) else "") + "\n"
            for v in values
        )
        sdl.append(f"{_description(draw)}enum {enum} {{\n{body}}}\n")
    for position, (name, fields) in enumerate(inputs.items()):
        lines = []
        for field_name in _unique(draw, names, draw(st.integers(1, 4))):
            # Only earlier inputs may be nested: no cycles through non-null fields.
            named = draw(st.sampled_from(leaves + list(inputs)[:position]))
            type_ = _wrap(draw, named)
            fields[field_name] = type_
            lines.append(f"{_description(draw, '  ')}  {field_name}: {type_}{_default(draw, named, type_, enums, inputs)}\n")
        sdl.append(f"{_description(draw)}input {name} {{\n{''.join(lines)}}}\n")

    object_fields: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
    interface_fields = {}
    used: set[str] = set()  # two interfaces never declare one field name (an object may implement both)
    for interface in interfaces:
        chosen = _unique(draw, names, draw(st.integers(1, 3)), used)
        used.update(chosen)
        interface_fields[interface] = {n: (_wrap(draw, draw(st.sampled_from(leaves))), {}) for n in chosen}
    for obj in objects:
        implements = sorted(draw(st.sets(st.sampled_from(list(interfaces)), max_size=len(interfaces)))) if interfaces else []
        fields: dict[str, tuple[str, dict[str, str]]] = {}
        for interface in implements:
            interfaces[interface].append(obj)
            fields.update(interface_fields[interface])
        for field_name in _unique(draw, names, draw(st.integers(1, 4)), set(fields)):
            fields[field_name] = (_wrap(draw, draw(st.sampled_from(outputs))), _arguments(draw, input_types))
        object_fields[obj] = fields
    for interface in interfaces:
        if not interfaces[interface]:  # an interface nobody implements cannot be queried usefully; keep it valid
            interfaces[interface].append(objects[0])
            object_fields[objects[0]].update(interface_fields[interface])
    for obj in objects:
        implements = sorted(i for i, members in interfaces.items() if obj in members)
        clause = f" implements {' & '.join(implements)}" if implements else ""
        sdl.append(f"{_description(draw)}type {obj}{clause} {{\n{_field_lines(draw, object_fields[obj], enums, inputs)}}}\n")
    for interface in interfaces:
        sdl.append(f"{_description(draw)}interface {interface} {{\n{_field_lines(draw, interface_fields[interface], enums, inputs)}}}\n")
    for union, members in unions.items():
        sdl.append(f"{_description(draw)}union {union} = {' | '.join(members)}\n")
    query_fields = {n: (_wrap(draw, draw(st.sampled_from(outputs))), _arguments(draw, input_types)) for n in _unique(draw, names, draw(st.integers(1, 3)))}
    sdl.append(f"type Query {{\n{_field_lines(draw, query_fields, enums, inputs)}}}\n")
    all_fields = {**object_fields, **interface_fields}
    return Schema("\n".join(sdl), scalars, enums, inputs, all_fields, interfaces, unions, query_fields)


def _arguments(draw: st.DrawFn, input_types: list[str]) -> dict[str, str]:
    return {n: _wrap(draw, draw(st.sampled_from(input_types))) for n in _unique(draw, names, draw(st.integers(0, 2)))}


def _field_lines(draw: st.DrawFn, fields: dict[str, tuple[str, dict[str, str]]], enums: dict[str, list[str]], inputs: dict[str, dict[str, str]]) -> str:
    lines = []
    for name, (type_, args) in fields.items():
        arg_text = ", ".join(f"{a}: {t}" for a, t in args.items())
        deprecated = f" @deprecated(reason: {graphql_string(draw(texts))})" if draw(st.integers(0, 5)) == 0 else ""
        lines.append(f"{_description(draw, '  ')}  {name}{f'({arg_text})' if args else ''}: {type_}{deprecated}\n")
    return "".join(lines)


def _default(draw: st.DrawFn, named: str, type_: str, enums: dict[str, list[str]], inputs: dict[str, dict[str, str]]) -> str:
    if not draw(st.booleans()) or named in inputs or named in ("ID",) or named not in BUILTIN_SCALARS + list(enums):
        return ""
    value = _literal(draw, named, enums)
    return f" = [{value}]" if type_.startswith("[") else f" = {value}"


def _literal(draw: st.DrawFn, named: str, enums: dict[str, list[str]]) -> str:
    if named in enums:
        return draw(st.sampled_from(enums[named]))
    if named == "Int":
        return str(draw(st.integers(-(2**31), 2**31 - 1)))
    if named == "Float":
        return repr(draw(st.floats(allow_nan=False, allow_infinity=False, width=32)))
    if named == "Boolean":
        return draw(st.sampled_from(["true", "false"]))
    if named in ("String", "ID") or True:
        text = draw(texts)
        if draw(st.integers(0, 3)) == 0 and '"' not in text and "\\" not in text and all(c >= " " or c in "\n\t" for c in text):
            return f'"""{text}"""'  # a block string (its value is dedented: only checked to survive)
        return graphql_string(text)


@dataclass
class Operation:
    text: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)


@st.composite
def operations(draw: st.DrawFn, schema: Schema) -> Operation:
    variables: dict[str, str] = {}
    used_params: set[str] = set()
    depth_budget = [12]

    def argument_values(args: dict[str, str]) -> str:
        parts = []
        for name, type_ in args.items():
            required = type_.endswith("!")
            if not required and draw(st.booleans()):
                continue
            named = type_.strip("[]!")
            if not required and draw(st.booleans()):  # nullable: the executed operation may omit it
                var = draw(names.filter(lambda n: parameter_name(n) not in used_params and n not in variables))
                used_params.add(parameter_name(var))
                variables[var] = type_
                parts.append(f"{name}: ${var}")
            else:
                parts.append(f"{name}: {input_literal(named, type_)}")
        return f"({', '.join(parts)})" if parts else ""

    def input_literal(named: str, type_: str) -> str:
        if named in schema.inputs:
            fields = schema.inputs[named]
            body = ", ".join(
                f"{f}: {input_literal(t.strip('[]!'), t)}" for f, t in fields.items() if t.endswith("!") or draw(st.booleans())
            )
            value = f"{{{body}}}"
        elif named in schema.scalars:
            value = graphql_string(draw(texts))
        else:
            value = _literal(draw, named, schema.enums)
        return f"[{value}]" if type_.startswith("[") and draw(st.booleans()) else value

    def selection(type_name: str, keys: set[str]) -> list[str]:
        depth_budget[0] -= 1
        lines: list[str] = []
        possible = schema.interfaces.get(type_name) or schema.unions.get(type_name)
        abstract = type_name in schema.interfaces or type_name in schema.unions
        if abstract and draw(st.integers(0, 3)) > 0:
            lines.append("__typename")
            keys.add("__typename")
        fields = schema.fields.get(type_name, {})
        chosen = draw(st.lists(st.sampled_from(sorted(fields)), min_size=0 if abstract else 1, unique=True)) if fields else []
        for field_name in chosen:
            field_type, args = fields[field_name]
            named = field_type.strip("[]!")
            key = field_name
            if key in keys or draw(st.integers(0, 3)) == 0:
                key = draw(names.filter(lambda n: n not in keys and n != "__typename"))
            composite = named in schema.fields or named in schema.unions
            if composite and depth_budget[0] <= 0:
                continue
            keys.add(key)
            prefix = f"{key}: " if key != field_name else ""
            head = f"{prefix}{field_name}{argument_values(args)}"
            if composite:
                lines.append(f"{head} {{ {' '.join(selection(named, set()))} }}")
            else:
                lines.append(head)
        if abstract and possible:
            for member in draw(st.lists(st.sampled_from(possible), unique=True, max_size=2)):
                inner = selection(member, keys)
                lines.append(f"... on {member} {{ {' '.join(inner)} }}")
        if not lines:
            lines.append("__typename")
        return lines

    taken = set(schema.sdl.split())
    name = draw(
        st.from_regex(r"[A-Z][a-z]{1,5}", fullmatch=True).filter(
            lambda n: type_name_problem(n) is None and f"{n}Query" not in taken and n.lower() not in ("close", "download")
        )
    )
    root_keys: set[str] = set()
    body = []
    for field_name in draw(st.lists(st.sampled_from(sorted(schema.query_fields)), min_size=1, unique=True)):
        field_type, args = schema.query_fields[field_name]
        named = field_type.strip("[]!")
        key = field_name if field_name not in root_keys else draw(names.filter(lambda n: n not in root_keys))
        root_keys.add(key)
        prefix = f"{key}: " if key != field_name else ""
        head = f"{prefix}{field_name}{argument_values(args)}"
        if named in schema.fields or named in schema.unions:
            body.append(f"  {head} {{ {' '.join(selection(named, set()))} }}")
        else:
            body.append(f"  {head}")
    var_text = ", ".join(f"${v}: {t}" for v, t in variables.items())
    header = f"query {name}{f'({var_text})' if variables else ''}"
    return Operation(header + " {\n" + "\n".join(body) + "\n}\n", name, variables)
