"""jinja2 rendering with filters that emit text only as escaped Python literals."""

from __future__ import annotations

import json
import os
from pathlib import Path
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
    # A quote next to another quote, or last, is escaped: no run of quotes can close the literal.
    quotes = []
    for index, char in enumerate(escaped):
        near = escaped[index - 1 : index] + escaped[index + 1 : index + 2]
        quotes.append('\\"' if char == '"' and ('"' in near or index == len(escaped) - 1) else char)
    result = "".join(quotes)
    if "\n" in result:
        return f'"""{result}\n"""'
    return f'"""{result}"""'


def toml_string(value: str) -> str:
    # JSON string syntax is a subset of TOML basic strings.
    return json.dumps(value, ensure_ascii=False)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates, kept as Python keeps compiled modules: in a `__pycache__` beside the
    templates (once per installation), else in the user's cache dir. Compiling them is ~0.1 s,
    a quarter of a small project's run.

    jinja2 keys each entry by the template's name and source checksum, so an edited template is
    recompiled; an unwritable directory just means the next one, or no cache.
    """
    beside = Path(__file__).parent / "templates" / "__pycache__"
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gio-codegen"
    for base in (beside, user):
        directory = base / f"jinja-{jinja2.__version__}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            probe = directory / ".writable"
            probe.touch()
        except OSError:
            continue
        return jinja2.FileSystemBytecodeCache(str(directory))
    return None


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gio_codegen.generate", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(pyrepr=pyrepr, docstring=docstring, toml=toml_string)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
