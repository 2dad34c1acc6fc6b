"""jinja2 rendering with filters that emit text only as escaped Python literals."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2


def pyrepr(value: Any) -> str:
    """A Python literal for any JSON-like value; strings keep their exact content."""
    return repr(value)


def docstring(text: str | None) -> str:
    """A triple-quoted literal whose value is exactly `text` (never pasted raw)."""
    body = (text or "").strip()
    escaped = []
    for char in body:
        if char == "\\":
            escaped.append("\\\\")
        elif char == "\n" or char.isprintable():
            escaped.append(char)
        else:
            escaped.append(char.encode("unicode_escape").decode("ascii"))
    result = "".join(escaped).replace('"""', '\\"\\"\\"')
    if result.endswith('"'):
        result = result[:-1] + '\\"'
    if "\n" in result:
        return f'"""{result}\n"""'
    return f'"""{result}"""'


def toml_string(value: str) -> str:
    # JSON string syntax is a subset of TOML basic strings.
    return json.dumps(value, ensure_ascii=False)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gio_codegen.generate", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(pyrepr=pyrepr, docstring=docstring, toml=toml_string)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
