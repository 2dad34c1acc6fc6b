"""The parts of the structural walk shared by many elements: input values (arguments, input
fields, directive arguments), descriptions, applied directives, and directive definitions.

One function per concern, so an argument, an input field and a directive argument are judged
by the same rules (a default lost by a non-null value makes it required, for all three).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from graphql import GraphQLDirective, GraphQLSchema, is_non_null_type, specified_directives

from gio_codegen.diff.values import Applied, applied_directives, default_str, required, safe_input_change, type_str

if TYPE_CHECKING:
    from gio_codegen.diff.model import Criticality

_SPECIFIED = frozenset(d.name for d in specified_directives)


class Sink(Protocol):
    def add(self, kind: str, coordinate: str, criticality: Criticality, reason: str, old: str | None = None,
            new: str | None = None, *, deprecated_removal: bool = False) -> None: ...


def described(out: Sink, prefix: str, coordinate: str, old: object, new: object) -> None:
    """`<PREFIX>_DESCRIPTION_ADDED/REMOVED/CHANGED`: docstrings in the generated client follow them."""
    before, after = getattr(old, "description", None) or None, getattr(new, "description", None) or None
    if before == after:
        return
    if before is None:
        out.add(f"{prefix}_DESCRIPTION_ADDED", coordinate, "safe", "Documentation only.", None, after)
    elif after is None:
        out.add(f"{prefix}_DESCRIPTION_REMOVED", coordinate, "safe", "Documentation only.", before, None)
    else:
        out.add(f"{prefix}_DESCRIPTION_CHANGED", coordinate, "safe", "Documentation only.", before, after)


def compare_input_value(out: Sink, prefix: str, default_kind: str, coordinate: str, old: Any, new: Any) -> None:
    """Type, default and description of an argument, input field or directive argument."""
    if type_str(old.type) != type_str(new.type):
        safe = safe_input_change(old.type, new.type)
        out.add(f"{prefix}_TYPE_CHANGED", coordinate, "safe" if safe else "breaking",
                "The new type accepts every value the old one did." if safe
                else "Values of the old type may be rejected by the new one.",
                type_str(old.type), type_str(new.type))
    before, after = default_str(old), default_str(new)
    if before != after:
        if after is None and is_non_null_type(new.type):
            out.add(default_kind, coordinate, "breaking",
                    "Without its default a non-null value becomes required: operations omitting it fail.",
                    before, None)
        else:
            out.add(default_kind, coordinate, "dangerous",
                    "Operations that omit the value now get another one.", before, after)
    described(out, prefix, coordinate, old, new)


def compare_usages(out: Sink, location: str, coordinate: str, old: object, new: object) -> None:
    """`DIRECTIVE_USAGE_*` for the directives applied to one element (when both sides have SDL)."""
    before, after = applied_directives(old), applied_directives(new)
    if before is not None and after is not None:
        compare_applied(out, location, coordinate, before, after)


def schema_directives(schema: GraphQLSchema) -> list[Applied]:
    nodes = [n for n in (schema.ast_node, *schema.extension_ast_nodes) if n is not None]

    class Holder:
        ast_node = nodes[0] if nodes else None
        extension_ast_nodes = tuple(nodes[1:])

    return applied_directives(Holder()) or []


def compare_applied(out: Sink, location: str, coordinate: str, old: list[Applied], new: list[Applied]) -> None:
    """Applied directives added, removed, or with other arguments (dangerous, as graphql-inspector has it:
    they steer server behaviour the client cannot see)."""
    old_names = [a.name for a in old]
    new_names = [a.name for a in new]
    for name in dict.fromkeys(old_names + new_names):
        before = [a for a in old if a.name == name]
        after = [a for a in new if a.name == name]
        if len(before) == 1 and len(after) == 1:
            _applied_arguments(out, coordinate, before[0], after[0])
            continue
        for applied in before:
            if applied not in after:
                out.add(f"DIRECTIVE_USAGE_{location}_REMOVED", coordinate, "dangerous",
                        f"The server no longer applies @{name} here.", applied.text, None)
        for applied in after:
            if applied not in before:
                out.add(f"DIRECTIVE_USAGE_{location}_ADDED", coordinate, "dangerous",
                        f"The server now applies @{name} here.", None, applied.text)


def _applied_arguments(out: Sink, coordinate: str, old: Applied, new: Applied) -> None:
    before, after = dict(old.arguments), dict(new.arguments)
    for arg, value in before.items():
        if arg not in after:
            out.add("DIRECTIVE_USAGE_ARGUMENT_REMOVED", coordinate, "dangerous",
                    f"@{old.name} is applied without {arg}.", f"@{old.name}({arg}: {value})", None)
        elif after[arg] != value:
            out.add("DIRECTIVE_USAGE_ARGUMENT_CHANGED", coordinate, "dangerous",
                    f"@{old.name} is applied with another {arg}.",
                    f"@{old.name}({arg}: {value})", f"@{new.name}({arg}: {after[arg]})")
    for arg, value in after.items():
        if arg not in before:
            out.add("DIRECTIVE_USAGE_ARGUMENT_ADDED", coordinate, "dangerous",
                    f"@{new.name} is applied with {arg}.", None, f"@{new.name}({arg}: {value})")


def compare_directives(out: Sink, old: GraphQLSchema, new: GraphQLSchema) -> None:
    """Directive definitions. The specified ones (`@skip`, `@include`, `@deprecated`, `@specifiedBy`,
    `@oneOf`) exist in every schema even when not printed, so only their details are compared."""
    before = {d.name: d for d in old.directives}
    after = {d.name: d for d in new.directives}
    for name, directive in before.items():
        if name not in after:
            if name not in _SPECIFIED:
                out.add("DIRECTIVE_REMOVED", f"@{name}", "breaking", "Operations applying it fail.", f"@{name}", None)
            continue
        _directive(out, directive, after[name])
    for name in after:
        if name not in before and name not in _SPECIFIED:
            out.add("DIRECTIVE_ADDED", f"@{name}", "safe", "A new directive breaks no existing operation.", None, f"@{name}")


def _directive(out: Sink, old: GraphQLDirective, new: GraphQLDirective) -> None:
    coordinate = f"@{old.name}"
    described(out, "DIRECTIVE", coordinate, old, new)
    old_locations = [loc.name for loc in old.locations]
    new_locations = [loc.name for loc in new.locations]
    for location in old_locations:
        if location not in new_locations:
            out.add("DIRECTIVE_LOCATION_REMOVED", coordinate, "breaking",
                    "Operations applying it there fail.", location, None)
    for location in new_locations:
        if location not in old_locations:
            out.add("DIRECTIVE_LOCATION_ADDED", coordinate, "safe", "It may be applied in one more place.", None, location)
    if old.is_repeatable and not new.is_repeatable:
        out.add("DIRECTIVE_REPEATABLE_REMOVED", coordinate, "breaking", "Operations applying it twice fail.", "repeatable", None)
    elif new.is_repeatable and not old.is_repeatable:
        out.add("DIRECTIVE_REPEATABLE_ADDED", coordinate, "safe", "It may be applied more than once.", None, "repeatable")
    for arg_name, arg in old.args.items():
        arg_coordinate = f"@{old.name}({arg_name}:)"
        if arg_name not in new.args:
            out.add("DIRECTIVE_ARGUMENT_REMOVED", arg_coordinate, "breaking", "Operations passing it fail.",
                    type_str(arg.type), None)
            continue
        compare_input_value(out, "DIRECTIVE_ARGUMENT", "DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED", arg_coordinate,
                            arg, new.args[arg_name])
        before, after = arg.deprecation_reason, new.args[arg_name].deprecation_reason
        if before != after:
            kind = ("DIRECTIVE_ARGUMENT_DEPRECATION_ADDED" if before is None else
                    "DIRECTIVE_ARGUMENT_DEPRECATION_REMOVED" if after is None else
                    "DIRECTIVE_ARGUMENT_DEPRECATION_REASON_CHANGED")
            out.add(kind, arg_coordinate, "safe", "A deprecation warns; it breaks nothing.", before, after)
    for arg_name, arg in new.args.items():
        if arg_name not in old.args:
            breaking = required(arg)
            out.add("DIRECTIVE_ARGUMENT_ADDED", f"@{old.name}({arg_name}:)", "breaking" if breaking else "safe",
                    "A required argument: operations applying the directive without it fail." if breaking
                    else "An optional argument breaks nothing.", None, type_str(arg.type))
