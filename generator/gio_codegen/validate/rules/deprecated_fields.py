"""Use of deprecated fields, arguments and enum values: a warning, so it is seen before removal."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import validate
from graphql.validation import NoDeprecatedCustomRule

from gio_codegen.diagnostics import Diagnostic, from_graphql_error
from gio_codegen.validate.context import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    # File by file (each use is reported once, in the file that has it), remembered per file.
    memo = context.memo
    for file in context.files:
        key = memo.text_key(file) if memo is not None else ""
        if memo is not None and key in memo.deprecated:
            yield from memo.deprecated[key]
            continue
        found = [
            from_graphql_error(error, "NoDeprecated", "warning")
            for error in validate(context.schema, file.document, [NoDeprecatedCustomRule])
        ]
        if memo is not None:
            memo.remember_deprecated(key, found)
        yield from found
