"""Use of deprecated fields, arguments and enum values: a warning, so it is seen before removal."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import validate
from graphql.validation import NoDeprecatedCustomRule

from gio_codegen.diagnostics import Diagnostic, from_graphql_error
from gio_codegen.validate.context import ProjectContext
from gio_codegen.validate.documents import whole_document


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    # One pass over all files: each use is reported once, at its own file and line.
    for error in validate(context.schema, whole_document(context), [NoDeprecatedCustomRule]):
        yield from_graphql_error(error, "NoDeprecated", "warning")
