"""The one naming layer: every identifier the generator emits passes through here."""

from __future__ import annotations

import builtins
import keyword
import re

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[^0-9A-Za-z]+")

# Names a generated method parameter may not take: they shadow the method's own
# `self` or the runtime's keyword arguments.
RESERVED_PARAMETERS = frozenset({"self", "kwargs", "options"})
SHADOWED_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def words(name: str) -> list[str]:
    parts = []
    for chunk in _SEPARATORS.split(name):
        parts.extend(p for p in _WORD_BOUNDARY.split(chunk) if p)
    return parts


def snake_case(name: str) -> str:
    return "_".join(w.lower() for w in words(name))


def pascal_case(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(name))


def python_problem(name: str) -> str | None:
    """Why `name` cannot be a generated parameter name, or None when it can."""
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return "is a Python keyword"
    if name in RESERVED_PARAMETERS:
        return "clashes with the generated method's own parameters"
    if not name.isidentifier() or not name.isascii():
        return "is not an ASCII Python identifier"
    if name.startswith("__"):
        return "is a dunder name"
    return None
