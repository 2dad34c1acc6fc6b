"""Random valid schemas and operations: the generated package compiles, imports, and its models
parse the response graphql-core produces by executing the operation against the schema.

Bounded in `make test` (GIO_FUZZ_EXAMPLES, default 15); `make fuzz` runs many more.
"""

from __future__ import annotations

import inspect
import itertools
import os
import random
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    build_schema,
    graphql_sync,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gio_codegen.naming import method_name, parameter_name, snake_case

from .project import compile_all, generate, imported, write_project
from .strategies import Operation, Schema, operations, schemas

EXAMPLES = int(os.environ.get("GIO_FUZZ_EXAMPLES", "15"))
_counter = itertools.count()


def _tree(root: Any) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _value(type_: Any, rng: random.Random, depth: int) -> Any:
    if isinstance(type_, GraphQLNonNull):
        return _value(type_.of_type, rng, depth)
    if rng.random() < 0.15:
        return None
    if isinstance(type_, GraphQLList):
        return [_value(type_.of_type, rng, depth) for _ in range(rng.randint(0, 2 if depth < 3 else 0))]
    return _leaf(type_, rng)


def _non_null(type_: Any, rng: random.Random, depth: int) -> Any:
    if isinstance(type_, GraphQLNonNull):
        inner = type_.of_type
        if isinstance(inner, GraphQLList):
            return [_non_null(inner.of_type, rng, depth) for _ in range(rng.randint(0, 2 if depth < 3 else 0))]
        return _leaf(inner, rng)
    return _value(type_, rng, depth)


def _leaf(type_: Any, rng: random.Random) -> Any:
    if isinstance(type_, GraphQLEnumType):
        return type_.values[rng.choice(sorted(type_.values))].value
    if isinstance(type_, GraphQLScalarType):
        return {
            "Int": lambda: rng.randint(-(2**31), 2**31 - 1),
            "Float": lambda: rng.uniform(-1e6, 1e6),
            "Boolean": lambda: rng.random() < 0.5,
        }.get(type_.name, lambda: rng.choice(['it\'s', 'a\nb', '"""', "\\", "é😀", ""]))()
    return {}  # an object: its fields resolve through the same resolver


def _execute(schema_text: str, sent: str, seed: int) -> dict[str, Any]:
    """Execute the document the client really sends (with its added `__typename`s)."""
    schema = build_schema(schema_text)
    rng = random.Random(seed)

    def resolve(_source: Any, info: Any, **_args: Any) -> Any:
        return _non_null(info.return_type, rng, len(info.path.as_list()))

    def resolve_type(_value: Any, info: Any, abstract: Any) -> str:
        return rng.choice(sorted(t.name for t in info.schema.get_possible_types(abstract)))

    result = graphql_sync(schema, sent, field_resolver=resolve, type_resolver=resolve_type)
    assert result.errors is None or all("non-nullable" in str(e) or "Cannot return null" in str(e) for e in result.errors), result.errors
    return result.data or {}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(data=st.data())
def test_generated_package_parses_executed_responses(tmp_path_factory: Any, data: st.DataObject) -> None:
    schema: Schema = data.draw(schemas(), label="schema")
    operation: Operation = data.draw(operations(schema), label="operation")
    package = f"fuzz_client_{os.getpid()}_{next(_counter)}"
    root = write_project(tmp_path_factory.mktemp("fuzz"), schema.sdl, {snake_case(operation.name): operation.text}, package=package)
    generated = generate(root)
    # The next run reads the cached schema and the remembered models: the same client.
    assert _tree(generate(root, "cached")) == _tree(generated)
    compile_all(generated)
    with imported(generated, package) as module:
        documents = __import__(f"{package}.operations", fromlist=["x"])
        method = getattr(module.Client, method_name(operation.name))
        assert set(inspect.signature(method).parameters) - {"self"} == {parameter_name(v) for v in operation.variables}
        # Sent as written, plus `__typename` wherever a selection is on an interface or union.
        sent = getattr(documents, method_name(operation.name).upper() + "_DOCUMENT")
        assert sent.replace("{ __typename", "{") == operation.text.replace("{ __typename", "{")
        result_module = __import__(f"{package}.{snake_case(operation.name)}_query", fromlist=["x"])
        result_class = getattr(result_module, f"{operation.name}Query")
        for seed in range(3):
            response = _execute(schema.sdl, sent, seed)
            if response:
                parsed = result_class.model_validate(response)
                assert parsed.model_dump(mode="json", by_alias=True) == response
