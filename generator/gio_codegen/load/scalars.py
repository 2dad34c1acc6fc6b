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
        scalar.parse_literal = _pattern_literal_parser(name, mapping.pattern)  # type: ignore[method-assign]


def _pattern_literal_parser(name: str, pattern: str) -> Any:
    compiled = re.compile(pattern)

    def parse_literal(node: ValueNode, _variables: Any = None) -> str:
        if not isinstance(node, StringValueNode):
            raise TypeError(f"{name} must be a string, found {print_ast(node)}")
        if not compiled.fullmatch(node.value):
            raise TypeError(f"{name} must match {pattern}, found {node.value!r}")
        return node.value

    return parse_literal
