"""Every change kind the structural diff can report, with a title and its graphql-js names.

Kind names follow graphql-inspector's `ChangeType` (the most complete public list); the
kinds graphql-js's `findBreakingChanges`/`findDangerousChanges` know map onto them
(`GRAPHQL_JS`), which the tests use to cross-check against graphql-core. The registry is
what policy keys are validated against and what the per-kind tests must cover.
"""

from __future__ import annotations

# Where a directive can be applied in SDL, as the DIRECTIVE_USAGE_* kinds name them.
USAGE_LOCATIONS = (
    "SCHEMA", "SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
    "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION",
)

_FIXED = {
    "TYPE_ADDED": "type added",
    "TYPE_REMOVED": "type removed",
    "TYPE_KIND_CHANGED": "type changed kind",
    "SCALAR_SPECIFIED_BY_URL_CHANGED": "scalar @specifiedBy URL changed",
    "OBJECT_TYPE_INTERFACE_ADDED": "interface added to the implemented interfaces",
    "OBJECT_TYPE_INTERFACE_REMOVED": "interface removed from the implemented interfaces",
    "UNION_MEMBER_ADDED": "member added to union",
    "UNION_MEMBER_REMOVED": "member removed from union",
    "ENUM_VALUE_ADDED": "enum value added",
    "ENUM_VALUE_REMOVED": "enum value removed",
    "FIELD_ADDED": "field added",
    "FIELD_REMOVED": "field removed",
    "FIELD_TYPE_CHANGED": "field type changed",
    "FIELD_ARGUMENT_ADDED": "argument added",
    "FIELD_ARGUMENT_REMOVED": "argument removed",
    "FIELD_ARGUMENT_TYPE_CHANGED": "argument type changed",
    "FIELD_ARGUMENT_DEFAULT_CHANGED": "argument default changed",
    "INPUT_FIELD_ADDED": "input field added",
    "INPUT_FIELD_REMOVED": "input field removed",
    "INPUT_FIELD_TYPE_CHANGED": "input field type changed",
    "INPUT_FIELD_DEFAULT_VALUE_CHANGED": "input field default changed",
    "INPUT_OBJECT_ONE_OF_ADDED": "input object became @oneOf",
    "INPUT_OBJECT_ONE_OF_REMOVED": "input object is no longer @oneOf",
    "DIRECTIVE_ADDED": "directive added",
    "DIRECTIVE_REMOVED": "directive removed",
    "DIRECTIVE_LOCATION_ADDED": "directive location added",
    "DIRECTIVE_LOCATION_REMOVED": "directive location removed",
    "DIRECTIVE_REPEATABLE_ADDED": "directive became repeatable",
    "DIRECTIVE_REPEATABLE_REMOVED": "directive is no longer repeatable",
    "DIRECTIVE_ARGUMENT_ADDED": "directive argument added",
    "DIRECTIVE_ARGUMENT_REMOVED": "directive argument removed",
    "DIRECTIVE_ARGUMENT_TYPE_CHANGED": "directive argument type changed",
    "DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED": "directive argument default changed",
    "SCHEMA_QUERY_TYPE_CHANGED": "query root type changed",
    "SCHEMA_MUTATION_TYPE_CHANGED": "mutation root type changed",
    "SCHEMA_SUBSCRIPTION_TYPE_CHANGED": "subscription root type changed",
    "DIRECTIVE_USAGE_ARGUMENT_ADDED": "argument added to an applied directive",
    "DIRECTIVE_USAGE_ARGUMENT_REMOVED": "argument removed from an applied directive",
    "DIRECTIVE_USAGE_ARGUMENT_CHANGED": "argument of an applied directive changed",
}

# The elements that carry a description / a deprecation, as kind prefixes.
DESCRIBED = {
    "SCHEMA": "schema", "TYPE": "type", "FIELD": "field", "FIELD_ARGUMENT": "argument",
    "INPUT_FIELD": "input field", "ENUM_VALUE": "enum value", "DIRECTIVE": "directive",
    "DIRECTIVE_ARGUMENT": "directive argument",
}
DEPRECATABLE = ("FIELD", "FIELD_ARGUMENT", "INPUT_FIELD", "ENUM_VALUE", "DIRECTIVE_ARGUMENT")


def _all_kinds() -> dict[str, str]:
    kinds = dict(_FIXED)
    for prefix, what in DESCRIBED.items():
        kinds[f"{prefix}_DESCRIPTION_ADDED"] = f"{what} description added"
        kinds[f"{prefix}_DESCRIPTION_REMOVED"] = f"{what} description removed"
        kinds[f"{prefix}_DESCRIPTION_CHANGED"] = f"{what} description changed"
    for prefix in DEPRECATABLE:
        what = DESCRIBED[prefix]
        kinds[f"{prefix}_DEPRECATION_ADDED"] = f"{what} deprecated"
        kinds[f"{prefix}_DEPRECATION_REMOVED"] = f"{what} no longer deprecated"
        kinds[f"{prefix}_DEPRECATION_REASON_CHANGED"] = f"{what} deprecation reason changed"
    for location in USAGE_LOCATIONS:
        where = location.lower().replace("_", " ")
        kinds[f"DIRECTIVE_USAGE_{location}_ADDED"] = f"directive applied to {where}"
        kinds[f"DIRECTIVE_USAGE_{location}_REMOVED"] = f"directive no longer applied to {where}"
    return kinds


KINDS: dict[str, str] = _all_kinds()

# graphql-js (graphql-core) BreakingChangeType / DangerousChangeType → our kinds.
GRAPHQL_JS: dict[str, tuple[str, ...]] = {
    "TYPE_REMOVED": ("TYPE_REMOVED",),
    "TYPE_CHANGED_KIND": ("TYPE_KIND_CHANGED",),
    "TYPE_REMOVED_FROM_UNION": ("UNION_MEMBER_REMOVED",),
    "VALUE_REMOVED_FROM_ENUM": ("ENUM_VALUE_REMOVED",),
    "REQUIRED_INPUT_FIELD_ADDED": ("INPUT_FIELD_ADDED",),
    "IMPLEMENTED_INTERFACE_REMOVED": ("OBJECT_TYPE_INTERFACE_REMOVED",),
    "FIELD_REMOVED": ("FIELD_REMOVED", "INPUT_FIELD_REMOVED"),
    "FIELD_CHANGED_KIND": ("FIELD_TYPE_CHANGED", "INPUT_FIELD_TYPE_CHANGED"),
    "REQUIRED_ARG_ADDED": ("FIELD_ARGUMENT_ADDED",),
    "ARG_REMOVED": ("FIELD_ARGUMENT_REMOVED",),
    "ARG_CHANGED_KIND": ("FIELD_ARGUMENT_TYPE_CHANGED",),
    "DIRECTIVE_REMOVED": ("DIRECTIVE_REMOVED",),
    "DIRECTIVE_ARG_REMOVED": ("DIRECTIVE_ARGUMENT_REMOVED",),
    "REQUIRED_DIRECTIVE_ARG_ADDED": ("DIRECTIVE_ARGUMENT_ADDED",),
    "DIRECTIVE_REPEATABLE_REMOVED": ("DIRECTIVE_REPEATABLE_REMOVED",),
    "DIRECTIVE_LOCATION_REMOVED": ("DIRECTIVE_LOCATION_REMOVED",),
    "VALUE_ADDED_TO_ENUM": ("ENUM_VALUE_ADDED",),
    "TYPE_ADDED_TO_UNION": ("UNION_MEMBER_ADDED",),
    "OPTIONAL_INPUT_FIELD_ADDED": ("INPUT_FIELD_ADDED",),
    "OPTIONAL_ARG_ADDED": ("FIELD_ARGUMENT_ADDED",),
    "IMPLEMENTED_INTERFACE_ADDED": ("OBJECT_TYPE_INTERFACE_ADDED",),
    "ARG_DEFAULT_VALUE_CHANGE": ("FIELD_ARGUMENT_DEFAULT_CHANGED",),
}
