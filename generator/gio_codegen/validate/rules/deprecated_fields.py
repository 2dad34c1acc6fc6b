"""Use of deprecated fields, arguments and enum values: a warning, so it is seen before removal."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import validate
from graphql.validation import NoDeprecatedCustomRule

from gio_codegen.diagnostics import Diagnostic, from_graphql_error
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    # File by file: each use is reported once, in the file that has it.
    for file in context.files:
        for error in validate(context.schema, file.document, [NoDeprecatedCustomRule]):
            yield from_graphql_error(error, "NoDeprecated", "warning")
