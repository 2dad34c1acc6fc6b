"""Give configured custom scalars real parsers, so graphql-core checks their literals.

With a pattern attached, a `HashId` literal of the wrong length fails the
specified `ValuesOfCorrectType` rule with the scalar's own message.
"""

from __future__ import annotations

import re
from typing import Any

from graphql import GraphQLScalarType, StringValueNode, ValueNode, print_ast, specified_scalar_types

from gio_codegen.load.config import Config


def attach_scalar_parsers(schema_types: dict[str, Any], config: Config) -> None:
    for name, mapping in config.scalars.items():
        scalar = schema_types.get(name)
        if not isinstance(scalar, GraphQLScalarType) or name in specified_scalar_types or not mapping.pattern:
            continue
        scalar.parse_literal = _PatternLiteral(name, mapping.pattern)  # type: ignore[method-assign, assignment]
        # graphql-core rebuilds a scalar (unpickling it) only when both parsers are set.
        scalar.parse_value = _unchanged  # type: ignore[method-assign]


def _unchanged(value: Any) -> Any:
    return value


class _PatternLiteral:
    """The scalar's `parse_literal`: a class, not a closure, so the schema still pickles (cache.py)."""

    def __init__(self, name: str, pattern: str) -> None:
        self.name, self.pattern, self.compiled = name, pattern, re.compile(pattern)

    def __call__(self, node: ValueNode, _variables: Any = None) -> str:
        if not isinstance(node, StringValueNode):
            raise TypeError(f"{self.name} must be a string, found {print_ast(node)}")
        if not self.compiled.fullmatch(node.value):
            raise TypeError(f"{self.name} must match {self.pattern}, found {node.value!r}")
        return node.value
