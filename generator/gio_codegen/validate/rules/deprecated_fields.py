"""Use of deprecated fields, arguments and enum values: a warning, so it is seen before removal."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import validate
from graphql.validation import NoDeprecatedCustomRule

from gio_codegen.diagnostics import Diagnostic, from_graphql_error
from gio_codegen.validate.context import ProjectContext
from gio_codegen.validate.documents import with_used_fragments


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    for file in context.files:
        if not file.operations:
            continue
        document = with_used_fragments(list(file.document.definitions), context)  # type: ignore[arg-type]
        for error in validate(context.schema, document, [NoDeprecatedCustomRule]):
            yield from_graphql_error(error, "NoDeprecated", "warning")
