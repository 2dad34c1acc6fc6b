"""The one naming layer: every identifier the generator emits passes through here.

GraphQL names are `[_A-Za-z][_0-9A-Za-z]*`; Python has keywords, builtins, pydantic and
Enum internals, and the generated client's own names. The rules (docs/security.md):

| emitted as | rule |
| --- | --- |
| model field (result or input) | `snake_case`; keyword, soft keyword, builtin type (`list`, `type`), pydantic `BaseModel` attribute (`model_config`, `json`, `copy`, `schema`, `mro`…), `self`, or a lowercase schema type name → trailing `_`; no letters or digits left → `underscore_`; leading digit → `field_` prefix; an attribute never equals another field's wire name or attribute in one selection (with its inline fragments and spread fragments) or input type: a field whose safe name is its own wire name keeps it, the others get `_2`, `_3`… in document order (`userId` + `user_id` → `user_id_2`, `user_id`). The GraphQL name stays the wire alias (`Field(alias=...)`). |
| enum member | the value's name as is; keyword, dunder or `_sunder_`, `mro`, `name`, `value`, or any `str`/`Enum` attribute (`title`, `count`…) → trailing `_`; collisions → `_2`… The member's value is the wire value. |
| method parameter (operation variable) | `snake_case`; keyword, soft keyword, or a name the generated method body or the export flows use (`self`, `kwargs`, `data`, `operations`, `timeout`…) → trailing `_`; no letters or digits left → `arg_`, leading digit → `arg_` prefix. The request still sends the variable's own name. Two variables that map to one parameter are a validation error (rename one in the operation file). |
| client method (operation) | `snake_case`; keyword or a name the client class already defines (`close`, `transport`, `download`…) → trailing `_`. |
| class / type alias (enum, input, scalar, fragment, result class) | kept as written: a Python keyword, a builtin, or a name the generated modules import (`Optional`, `BaseModel`, `Field`…) is a validation error, as are two types that end up with one class name. |
"""

from __future__ import annotations

import builtins
import enum
import keyword
import re
from collections.abc import Set as AbstractSet
from functools import cache

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[^0-9A-Za-z]+")

# Names a generated method parameter may not take: the method's own `self`, the names its body
# and the export flows (client_jobs.py.jinja) and CLI commands (cli.py.jinja) use as locals or
# parameters, and the runtime's keyword arguments.
RESERVED_PARAMETERS = frozenset(
    {
        "self", "cls", "kwargs", "args", "options", "data", "operations", "check_arguments", "validate_result",
        "dest_dir", "encoding", "timeout", "poll", "progress", "job", "result", "paths", "client",
        "cli_state", "output_dir", "keep_charset", "overwrite", "max_bytes", "download_timeout",
    }
)
# Attributes the generated client classes define besides the operation methods.
RESERVED_METHODS = frozenset(
    {"close", "transport", "download", "wait_for_job", "aclose", "self", "cls"}
)
SHADOWED_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
BUILTIN_TYPES = frozenset(name for name in SHADOWED_BUILTINS if isinstance(getattr(builtins, name), type))


@cache
def model_reserved() -> frozenset[str]:
    """pydantic `BaseModel` attributes (imported lazily: the no-op path never needs it) and `self`."""
    from pydantic import BaseModel

    attributes = {*dir(BaseModel), *dir(type(BaseModel))}  # the metaclass's too: `mro`, `register`
    return frozenset(name for name in attributes if not name.startswith("_")) | {"self", "model_config"}


ENUM_RESERVED = frozenset(
    {"mro", "name", "value"} | {n for n in dir(str) if not n.startswith("_")} | {n for n in dir(enum.Enum) if not n.startswith("__")}
)
# Names the generated modules import or define at module level: a schema type (class) or a
# custom scalar (type alias) with one of these names would shadow it.
RESERVED_TYPE_NAMES = frozenset(
    {
        "Annotated", "Any", "AfterValidator", "AwareDatetime", "BaseModel", "BeforeValidator", "ConfigDict",
        "Enum", "Field", "JsonValue", "List", "Literal", "Optional", "PlainSerializer", "PydanticBaseModel",
        "TracebackType", "UNSET", "UnsetType", "Union", "Upload", "TypeVar", "E", "M", "Path",
        "Credentials", "RetryPolicy", "SyncTransport", "AsyncTransport", "DEFAULT_TIMEOUT", "HEADER_PREFIX",
        "AuthError", "DownloadError", "GraphQLErrorDetail", "GraphQLResponseError", "HTTPError",
        "InvalidResponseError", "JobFailed", "JobTimeout", "JobProgress", "TransportError",
        "check_arguments", "date", "datetime", "re", "httpx", "operations", "jobs", "unknown_member",
        "validate_result", "cast", "os", "time", "asyncio", "TYPE_CHECKING", "importlib", "annotations",
        "BinaryIO", "PathLike", "UploadFile", "as_upload", "uploads",
    }
)


def words(name: str) -> list[str]:
    parts: list[str] = []
    for chunk in _SEPARATORS.split(name):
        parts.extend(p for p in _WORD_BOUNDARY.split(chunk) if p)
    return parts


def snake_case(name: str) -> str:
    return "_".join(w.lower() for w in words(name))


def pascal_case(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(name))


def is_keyword(name: str) -> bool:
    return keyword.iskeyword(name) or keyword.issoftkeyword(name)


def _identifier(base: str, empty: str, digit_prefix: str) -> str:
    if not base:
        return empty
    if base[0].isdigit():
        return digit_prefix + base
    return base


def field_name(name: str, *, type_names: AbstractSet[str] = frozenset()) -> str:
    """The pydantic attribute for a GraphQL field (the field name stays the alias)."""
    python = _identifier(snake_case(name), "underscore_", "field_")
    if is_keyword(python) or python in BUILTIN_TYPES or python in model_reserved() or python in type_names:
        python += "_"
    return python


def enum_member_name(name: str) -> str:
    """The Python member for a GraphQL enum value (the value stays the member's value)."""
    python = name
    sunder = len(python) > 2 and python.startswith("_") and python.endswith("_")
    if is_keyword(python) or python in ENUM_RESERVED or sunder or python.startswith("__"):
        python += "_"
    return python


def parameter_name(name: str) -> str:
    """The keyword-only parameter for an operation variable (the request sends the variable's name)."""
    python = _identifier(snake_case(name), "arg_", "arg_")
    if is_keyword(python) or python in RESERVED_PARAMETERS:
        python += "_"
    return python


def method_name(name: str) -> str:
    """The client method for an operation."""
    python = _identifier(snake_case(name), "operation_", "operation_")
    if is_keyword(python) or python in RESERVED_METHODS:
        python += "_"
    return python


def result_class_name(operation: str, operation_type: str) -> str:
    """`Tags` → `TagsQuery` (as generate/models.py names an operation's result class)."""
    name, suffix = pascal_case(operation), pascal_case(operation_type)
    return name if name.endswith(suffix) else name + suffix


def unique(name: str, seen: set[str]) -> str:
    """`name`, or `name_2`, `name_3`… — the first not in `seen` (which it joins)."""
    candidate, number = name, 2
    while candidate in seen:
        candidate = f"{name.rstrip('_') or name}_{number}"
        number += 1
    seen.add(candidate)
    return candidate


def scalar_alias(name: str) -> str:
    """The Python type alias of a custom scalar: its GraphQL name, or with a trailing `_` when
    that name would shadow an import or a builtin (`scalar Upload` → `Upload_`). Aliases are
    ours alone, so a scalar in someone else's schema never blocks generation."""
    while type_name_problem(name) is not None and name.isidentifier() and name.isascii():
        name += "_"
    return name


def type_name_problem(name: str) -> str | None:
    """Why a schema type or fragment name cannot be a generated class or type alias, or None."""
    if keyword.iskeyword(name):
        return "is a Python keyword"
    if name in SHADOWED_BUILTINS:
        return "would shadow the Python builtin of that name"
    if name in RESERVED_TYPE_NAMES or name.startswith("check_"):
        return "would shadow a name the generated modules import"
    if not name.isidentifier() or not name.isascii():
        return "is not an ASCII Python identifier"
    if name.startswith("__"):
        return "is a dunder name"
    return None
