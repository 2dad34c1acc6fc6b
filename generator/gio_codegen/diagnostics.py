"""Compiler-style diagnostics: one data shape, three renderings (human, json, github).

Every stage reports problems as `Diagnostic`s so that the CLI prints them the
same way whatever found them: `path:line:col: severity: message [code]`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # graphql-core is imported lazily: the no-op `generate` never needs it
    from graphql import GraphQLError, Source

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    message: str
    severity: Severity = "error"
    code: str = ""
    # The text of the file, kept only to draw a code frame; not part of equality.
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def from_graphql_error(error: GraphQLError, code: str, severity: Severity = "error") -> Diagnostic:
    """Locate a graphql-core error in the file its first node came from.

    Each input file is parsed as its own `Source`, so the node's source name is
    the file path even when an operation spreads a fragment from another file.
    """
    source: Source | None = None
    position: int | None = None
    if error.nodes:
        loc = error.nodes[0].loc
        if loc is not None:
            source, position = loc.source, loc.start
    if source is None and error.source is not None:
        source = error.source
        position = next(iter(error.positions), None) if error.positions else None
    if source is None:
        return Diagnostic(file="<schema>", line=0, column=0, message=error.message, severity=severity, code=code)
    line = column = 0
    if position is not None:
        line, column = line_column(source.body, position)
    return Diagnostic(
        file=source.name,
        line=line,
        column=column,
        message=error.message,
        severity=severity,
        code=code,
        source=source.body,
    )


_LINE_BREAK = re.compile(r"\r\n|[\n\r]")


@lru_cache(maxsize=32)
def _line_starts(body: str) -> list[int]:
    if "\r" in body:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(body))]
    # `\n` only (nearly always): split, len and accumulate all run in C, ~5x the regex's speed.
    return [0, *accumulate(map((1).__add__, map(len, body.split("\n")[:-1])))]


def line_column(body: str, position: int) -> tuple[int, int]:
    """1-based line and column of an offset, as `Source.get_location` computes them.

    graphql-core rescans the text up to the offset for every call; a schema of a
    megabyte with hundreds of warnings made that the slowest part of a run, so the
    line starts are indexed once per text (str hashes are cached, lookups are cheap).
    """
    starts = _line_starts(body)
    line = bisect_right(starts, position)
    return line, position - starts[line - 1] + 1


@lru_cache(maxsize=32)
def _lines(body: str) -> list[str]:
    return body.splitlines()


def code_frame(diagnostic: Diagnostic) -> str:
    """Two lines of context and a caret under the column, like rustc and ruff."""
    if not diagnostic.source or not diagnostic.line:
        return ""
    lines = _lines(diagnostic.source)
    first = max(1, diagnostic.line - 2)
    last = min(len(lines), diagnostic.line)
    width = len(str(last))
    out = [f"{' ' * width} |"]
    # Long lines (minified or generated inputs) are cut to a window around the column.
    start = max(0, diagnostic.column - 1 - _FRAME_WIDTH // 2)
    for number in range(first, last + 1):
        text = lines[number - 1]
        clipped = text[start : start + _FRAME_WIDTH]
        if start:
            clipped = "…" + clipped
        if len(text) > start + _FRAME_WIDTH:
            clipped += "…"
        out.append(f"{number:>{width}} | {clipped}")
    caret = diagnostic.column - 1 - start + (1 if start else 0)
    out.append(f"{' ' * width} | {' ' * caret}^")
    return "\n".join(out)


_FRAME_WIDTH = 100


def render(diagnostics: Iterable[Diagnostic], fmt: str = "human", *, frames: bool = True) -> str:
    items = sorted(set(diagnostics))
    if fmt == "json":
        payload = [{k: v for k, v in asdict(d).items() if k != "source"} for d in items]
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(_github(d) for d in items)
    blocks = []
    shown: dict[str, int] = {}
    for d in items:
        # A big schema can yield hundreds of the same warning; errors are always all shown.
        if not d.is_error:
            shown[d.code] = shown.get(d.code, 0) + 1
            if shown[d.code] > WARNINGS_PER_CODE:
                continue
        suffix = f" [{d.code}]" if d.code else ""
        head = f"{d.location()}: {d.severity}: {d.message}{suffix}"
        frame = code_frame(d) if frames else ""
        blocks.append(f"{head}\n{frame}" if frame else head)
    for code, count in sorted(shown.items()):
        if count > WARNINGS_PER_CODE:
            blocks.append(f"… and {count - WARNINGS_PER_CODE} more {code} warnings (--format json lists them all)")
    return "\n".join(blocks)


WARNINGS_PER_CODE = 10


def _github(d: Diagnostic) -> str:
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    level = "error" if d.is_error else "warning"
    message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    props = f"file={d.file}"
    if d.line:
        props += f",line={d.line},col={d.column}"
    if d.code:
        props += f",title={d.code}"
    return f"::{level} {props}::{message}"


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    return f"{errors} error(s), {warnings} warning(s)"


def at_offset(body: str, name: str, offset: int, message: str, code: str, severity: Severity = "error") -> Diagnostic:
    """A diagnostic at an offset of a text (the schema, when its nodes are not at hand)."""
    line, column = line_column(body, offset)
    return Diagnostic(name, line, column, message, severity, code, body)


def at_node(node: object, message: str, code: str, severity: Severity = "error") -> Diagnostic:
    """A diagnostic pointing at an AST node of a parsed `Source`."""
    loc = getattr(node, "loc", None)
    if loc is not None and loc.source is not None:
        # What `from_graphql_error(GraphQLError(message, node))` gives, without the error's
        # own location scan of the whole source.
        line, column = line_column(loc.source.body, loc.start)
        return Diagnostic(loc.source.name, line, column, message, severity, code, loc.source.body)
    from graphql import GraphQLError

    return from_graphql_error(GraphQLError(message, node), code, severity)  # type: ignore[arg-type]
