"""Printing and comparing the parts of a schema element: types, defaults, applied directives.

Defaults are compared as printed GraphQL literals of their coerced values, so `= 10` and
`=10`, or an SDL default and the same default read back from introspection, are equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLInputType,
    GraphQLType,
    Undefined,
    ast_from_value,
    is_list_type,
    is_named_type,
    is_non_null_type,
    print_ast,
)

# Applied directives with kinds of their own (deprecations, @oneOf, scalar URLs).
SPECIAL_DIRECTIVES = frozenset({"deprecated", "oneOf", "specifiedBy"})


def type_str(type_: GraphQLType) -> str:
    return str(type_)


def safe_output_change(old: Any, new: Any) -> bool:
    """graphql-js's rule for output types: only narrowing (nullable → non-null) is safe."""
    if is_list_type(old):
        return (is_list_type(new) and safe_output_change(old.of_type, new.of_type)) or (
            is_non_null_type(new) and safe_output_change(old, new.of_type)
        )
    if is_non_null_type(old):
        return is_non_null_type(new) and safe_output_change(old.of_type, new.of_type)
    if is_named_type(new):
        return bool(old.name == new.name)
    return is_non_null_type(new) and safe_output_change(old, new.of_type)


def safe_input_change(old: Any, new: Any) -> bool:
    """graphql-js's rule for input types: only widening (non-null → nullable) is safe."""
    if is_list_type(old):
        return is_list_type(new) and safe_input_change(old.of_type, new.of_type)
    if is_non_null_type(old):
        return (is_non_null_type(new) and safe_input_change(old.of_type, new.of_type)) or (
            not is_non_null_type(new) and safe_input_change(old.of_type, new)
        )
    return is_named_type(new) and bool(old.name == new.name)


def default_str(value: object) -> str | None:
    """An input value's default as a GraphQL literal; None when it has no default."""
    default = getattr(value, "default_value", Undefined)
    if default is Undefined:
        return None
    type_: GraphQLInputType = value.type  # type: ignore[attr-defined]
    try:
        node = ast_from_value(default, type_)
    except (TypeError, ValueError, AttributeError, RecursionError):
        node = None
    if node is None:
        ast_node = getattr(value, "ast_node", None)
        literal = getattr(ast_node, "default_value", None)
        return print_ast(literal) if literal is not None else repr(default)
    return print_ast(node)


def required(value: object) -> bool:
    """A non-null argument or input field without a default must be given."""
    return is_non_null_type(getattr(value, "type", None)) and default_str(value) is None


@dataclass(frozen=True)
class Applied:
    """One directive applied to an element: its name, arguments (printed literals), and text."""

    name: str
    arguments: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        args = ", ".join(f"{k}: {v}" for k, v in self.arguments)
        return f"@{self.name}({args})" if args else f"@{self.name}"


def applied_directives(element: object) -> list[Applied] | None:
    """The directives applied to an element in SDL, in order; None without SDL nodes.

    Introspection carries no applied directives, so an element read from a server has
    none to compare: the caller then skips the comparison instead of reporting removals.
    """
    nodes = [getattr(element, "ast_node", None), *(getattr(element, "extension_ast_nodes", None) or ())]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None
    applied = []
    for node in nodes:
        for directive in getattr(node, "directives", None) or ():
            if directive.name.value not in SPECIAL_DIRECTIVES:
                arguments = tuple(sorted((a.name.value, print_ast(a.value)) for a in directive.arguments or ()))
                applied.append(Applied(directive.name.value, arguments))
    return applied
